"""`make audit` as part of `make test`: both referees on the fixture corpus's public and
members' sites (the session's, built by the other tests' fixtures). Skipped, with the
command that installs it, where Java, Node.js, chromium or nginx is missing.

Two tests, one per referee. The Nu HTML Checker runs with the other tests. Lighthouse
scores time: beside the parallel tests on a two-core machine it scored 95 where it scores
100 alone, so it is marked ``alone``, and `make test` runs it after the others, alone."""

from __future__ import annotations

import shutil

import pytest

from macros.tools.serving.nginx import INSTALL as INSTALL_NGINX
from tests.audit import referees, run
from tests.conftest import ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture
def referees_here():
    try:
        referees.check_all(ROOT)
    except referees.RefereeMissing as missing:
        pytest.skip(str(missing))


def test_the_nu_html_checker_finds_no_error_on_any_page(referees_here, public_site, members_site):
    sites = {"public": public_site, "members": members_site}
    report = run.audit(ROOT, sites, out=None, lighthouse_runs=False)

    assert report.nu_pages > 100  # every page of both sites, in every language
    assert report.nu_errors == []
    assert report.failures == []


@pytest.mark.alone
def test_lighthouse_meets_its_targets_on_every_page_type(referees_here, public_site):
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        pytest.skip(f"nginx serves the audited site: {INSTALL_NGINX}")
    report = run.audit(ROOT, {"public": public_site}, nu_checker=False)

    assert {"home", "404", "section index", "meeting", "paper", "glossary"} <= set(
        report.page_types
    )
    assert report.failures == []
    saved = (run.ARTIFACTS / "report.md").read_text(encoding="utf-8")
    assert all(f"| {kind} |" in saved for kind in report.page_types)
    assert (run.ARTIFACTS / "report.json").is_file()
