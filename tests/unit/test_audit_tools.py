"""The audit's own logic (tests/audit/): which pages stand for the page types, and the
CPU slowdown Lighthouse is given."""

import pytest

from tests.audit.lighthouse import calibrated_slowdown
from tests.audit.pages import page_types


def _page(site, path, text="<p>a page</p>"):
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<!doctype html><html><head></head><body>{text}</body></html>")


def test_page_types_come_from_the_site_folders(tmp_path):
    site = tmp_path / "site"
    _page(site, "index.html")
    _page(site, "404.html")
    _page(site, "glossary/index.html")
    _page(site, "meetings/index.html")
    _page(site, "meetings/a-meeting/index.html")
    _page(site, "strategy/index.html")
    _page(site, "strategy/a-status/index.html")  # a page of the section, not a paper
    _page(site, "strategy/b-paper/index.html", '<span data-pagefind-weight="10">GCEG-1</span>')
    _page(site, "strategy/a-moved/index.html", '<meta http-equiv="refresh" content="0">')
    _page(site, "fr/index.html")
    _page(site, "fr/meetings/index.html")
    (site / "assets").mkdir()
    assert page_types(site) == {
        "home": "",
        "404": "404.html",
        "home (fr)": "fr/",
        "glossary": "glossary/",
        "section index": "meetings/",
        "meeting": "meetings/a-meeting/",
        "paper": "strategy/b-paper/",
    }


@pytest.mark.parametrize(
    ("benchmark_index", "slowdown"),
    [(2500, 4.0), (1750, 4.0), (1050, 2.4), (875, 2.0), (400, 2.0)],
)
def test_the_cpu_slowdown_is_calibrated_between_2x_and_4x(benchmark_index, slowdown):
    assert calibrated_slowdown(benchmark_index) == slowdown
