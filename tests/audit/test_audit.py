"""`make audit` as part of `make test`: both referees on the fixture corpus's public and
members' sites (built once for the session by the other tests' fixtures). Skipped, with
the command that installs it, where Java, Node.js, chromium or nginx is missing.

One test, not one per referee: the audit takes minutes, and pytest-xdist would run it
again for each test it sends to another worker."""

from __future__ import annotations

import shutil

import pytest

from macros.tools.serving.nginx import INSTALL as INSTALL_NGINX
from tests.audit import referees, run
from tests.conftest import ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]


def test_nu_html_checker_and_lighthouse_pass_on_every_page_type(public_site, members_site):
    try:
        referees.check_all(ROOT)
    except referees.RefereeMissing as missing:
        pytest.skip(str(missing))
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        pytest.skip(f"nginx serves the audited site: {INSTALL_NGINX}")
    report = run.audit(ROOT, {"public": public_site, "members": members_site})

    assert report.nu_pages > 30
    assert report.nu_errors == []
    assert {"home", "404", "section index", "meeting", "paper", "glossary"} <= set(
        report.page_types
    )
    assert report.failures == []
    saved = (run.ARTIFACTS / "report.md").read_text(encoding="utf-8")
    assert all(f"| {kind} |" in saved for kind in report.page_types)
    assert (run.ARTIFACTS / "report.json").is_file()
