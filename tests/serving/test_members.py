"""The members' site behind nginx: every path asks for a member's password, and says
nothing of the site to anyone without one."""

from __future__ import annotations

import pytest

from macros.audience import Audience
from macros.rules import load
from macros.verify.csp import POLICY
from tests.conftest import corpus_root
from tests.serving.client import basic, site_files, url_path
from tests.serving.conftest import MEMBER, MEMBER_LOGIN, PASSWORD

MEMBERS_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=63072000",
    "Content-Security-Policy": POLICY,
}
WRONG = {
    "no credentials": None,
    "a wrong password": basic(MEMBER, PASSWORD + "x"),
    "an unknown member": basic("someone.else", PASSWORD),
    "an empty password": basic(MEMBER, ""),
}


def restricted_words() -> set[str]:
    """Ids, numbers and titles of everything the members may see and the public may not,
    in the corpus the ``members_site`` fixture is built from (not the real content)."""
    catalog = load(corpus_root())
    words = set()
    for records in catalog.records.values():
        for key, record in records.items():
            if Audience.MEMBERS.may_see(record.classification) and not Audience.PUBLIC.may_see(
                record.classification
            ):
                words |= {key, getattr(record, "doc_id", None) or key}
                words.add(getattr(record, "title", None) or getattr(record, "name", key))
    assert words, "the project has no members-only record to look for"
    return {word for word in words if isinstance(word, str)}


# the start of nginx's own page for a 401, which names nothing of the site
NGINX_REFUSAL = b"<html>\r\n<head><title>401 Authorization Required</title>"


def assert_members_headers(answer, where: str) -> None:
    for name, value in MEMBERS_HEADERS.items():
        assert answer.header(name) == value, f"{where}: {name} is {answer.header(name)!r}"


def test_every_file_is_refused_without_a_members_password(members_site, members):
    refusals = set()
    files = site_files(members_site)
    assert any(f.suffix == ".pdf" for f in files) and any(f.parts[0] == "pagefind" for f in files)
    for relative in files:
        for why, authorization in WRONG.items():
            headers = {"Authorization": authorization} if authorization else {}
            answer = members.get(url_path(relative), **headers)
            assert answer.status == 401, f"{relative} with {why}: {answer.status}"
            assert answer.header("WWW-Authenticate") == 'Basic realm="GCEG members"'
            assert_members_headers(answer, f"{relative} with {why}")
            refusals.add(answer.body)
    # one refusal for every path: nginx's own page, which names nothing of the site
    (body,) = refusals
    assert body.startswith(NGINX_REFUSAL), body
    text = body.decode()
    assert not {word for word in restricted_words() if word in text}


def test_every_file_is_served_to_a_member_with_the_headers(members_site, members):
    for relative in site_files(members_site):
        answer = members.get(url_path(relative), Authorization=MEMBER_LOGIN)
        assert answer.status == 200, relative
        assert answer.body == (members_site / relative).read_bytes(), relative
        assert_members_headers(answer, str(relative))


@pytest.mark.parametrize(
    "path", ["/", "/pagefind/", "/api/v1/", "/pdf/", "/feeds/", "/strategy/members-paper-example/"]
)
def test_folders_ask_for_the_password_too(members, path):
    assert members.get(path).status == 401
    assert members.get(path, Authorization=MEMBER_LOGIN).status != 401  # 403: no index page


def test_a_missing_page_is_the_sites_404_for_members_and_a_refusal_for_others(
    members_site, members
):
    answer = members.get("/no-such-page/", Authorization=MEMBER_LOGIN)
    assert answer.status == 404
    assert answer.body == (members_site / "404.html").read_bytes()
    assert_members_headers(answer, "404")
    for path in ("/no-such-page/", "/404.html"):
        refused = members.get(path)
        # nginx's own refusal: not the site's 404 ("Page not found"), nor nginx's ("Not Found")
        assert refused.status == 401 and b"not found" not in refused.body.lower()
        assert refused.body.startswith(NGINX_REFUSAL), refused.body[:200]
        assert_members_headers(refused, path)


def test_a_changed_password_takes_effect_and_the_old_one_is_refused(members_server, members):
    from tests.serving.conftest import make_password_file

    served = members_server.prefix / "conf/gceg-members.htpasswd"
    make_password_file(served, "grace.member", "first pass phrase, long enough")
    first = basic("grace.member", "first pass phrase, long enough")
    assert members.get("/", Authorization=first).status == 200
    make_password_file(served, "grace.member", "second pass phrase, long enough")
    assert members.get("/", Authorization=first).status == 401
    assert (
        members.get(
            "/", Authorization=basic("grace.member", "second pass phrase, long enough")
        ).status
        == 200
    )
    assert members.get("/", Authorization=MEMBER_LOGIN).status == 200  # the others stay
