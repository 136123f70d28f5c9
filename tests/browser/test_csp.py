"""The site's Content-Security-Policy in a real browser: every page type, in both
palettes, with search, raises no violation; and what the policy exists for, a script
or an image a page was not built with, is blocked and reported."""

from __future__ import annotations

import shutil

import pytest

from tests.browser.test_reading import LOCAL, PAGE_TYPES


@pytest.mark.parametrize("name", list(PAGE_TYPES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_keeps_the_policy(new_page, site_url, name, scheme):
    page, recorder = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(site_url + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    policy = page.locator("head > meta:first-child").get_attribute("http-equiv")
    assert policy == "Content-Security-Policy"
    assert recorder.violations == []
    assert recorder.errors == []


def test_search_and_palette_keep_the_policy(new_page, site_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page.goto(site_url + "meetings/")
    page.locator("label[for=__palette_1]").click()
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.locator("input.md-search__input").click()
    page.keyboard.type("overview")
    page.wait_for_selector(".md-search-result__item")
    assert recorder.violations == []
    assert recorder.errors == []
    assert recorder.foreign(LOCAL) == []


@pytest.fixture(scope="module")
def injected_url(public_site, serve, tmp_path_factory) -> str:
    """The built site with one page that gained a script and a remote image after the build."""
    folder = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(public_site, folder)
    built = (folder / "meetings" / "index.html").read_text(encoding="utf-8")
    extra = (
        "<script>window.gcegInjected = true</script>"
        '<img src="http://127.0.0.2:9/remote.png" alt="">'
        '<p id="handler" onclick="window.gcegInjected = true">x</p></body>'
    )
    (folder / "meetings" / "index.html").write_text(built.replace("</body>", extra))
    return serve(folder)


def test_an_injected_script_and_remote_image_are_blocked(new_page, injected_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    failed: dict[str, str] = {}
    page.on("requestfailed", lambda request: failed.update({request.url: request.failure}))
    page.goto(injected_url + "meetings/")
    page.wait_for_load_state("networkidle")
    page.locator("#handler").click()
    assert page.evaluate("window.gcegInjected === undefined"), "the injected script ran"
    assert failed.get("http://127.0.0.2:9/remote.png") == "csp", failed  # blocked by the policy
    events = " | ".join(recorder.violations)
    assert "script-src" in events and "inline" in events, events
    assert "img-src blocked http://127.0.0.2:9/remote.png" in events, events


@pytest.mark.parametrize("path", ["", "strategy/members-paper-example/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_members_site_keeps_the_policy(new_page, members_site, serve, path, scheme):
    """The members' banner brings the theme's announce script: a file too."""
    page, recorder = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(serve(members_site) + path)
    page.wait_for_load_state("networkidle")
    assert page.locator(".gceg-members-banner").is_visible()
    assert recorder.violations == []
    assert recorder.errors == []
