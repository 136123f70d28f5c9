"""Accessibility: axe-core finds no WCAG 2.2 AA violation on any page type, in either palette."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, npm_available
from tests.browser.test_reading import PAGE_TYPES

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        if not npm_available():
            pytest.skip(
                "axe-core comes from npm: install Node.js (`sudo apt-get install nodejs npm`)"
            )
        import subprocess

        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=AXE.parents[2], check=True)
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(PAGE_TYPES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations(new_page, site_url, axe_source, name, scheme):
    # axe is added as an inline script, which the site's policy refuses (as it should)
    page, _ = new_page(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    page.goto(site_url + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    assert _violations(page, axe_source) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_and_filters_have_no_wcag_violations(new_page, site_url, axe_source, scheme):
    page, _ = new_page(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    page.goto(site_url + "meetings/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("overview")
    page.wait_for_selector(".md-search-result__item")
    assert _violations(page, axe_source, ".md-search__inner") == []  # the filters closed
    page.locator(".gceg-search-filters-toggle").click()
    page.wait_for_selector(".gceg-search-filters select")
    # the open search: its box, filters and results (the page behind is dimmed, as it should)
    assert _violations(page, axe_source, ".md-search__inner") == []


def _violations(page, axe_source: str, within: str | None = None) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "([tags, within]) => axe.run(within ? document.querySelector(within) : document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [WCAG, within],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]
