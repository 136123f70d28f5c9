"""The site in a real browser: every page type, search, palettes, PDFs, phones, and no
request to any host but the site's own."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS

PAGE_TYPES = {
    "home": "",
    "about": "about/",
    "meetings": "meetings/",
    "meeting": "meetings/2015-first-meeting/",
    "programmes": "programmes/",
    "programme": "programmes/cyber-forensics/",
    "strategy": "strategy/",
    "strategy-by-status": "strategy/status/",
    "paper": "strategy/strategy-paper-example/",
    "paper-edition": "strategy/strategy-paper-example/0.2/",
    "superseded-paper": "strategy/superseded-paper-example/",
    "people": "people/",
    "person": "people/jurgen-stock/",
    "glossary": "glossary/",
    "sources": "sources/",
    "source": "sources/interpol-cyber-experts-meeting-2015/",
}
LOCAL = ("http://127.0.0.1:", "data:", "blob:")
HIDDEN_TABLE_CONTENT = """() => {
  const found = [];
  for (const table of document.querySelectorAll("article table")) {
    const box = table.parentElement.getBoundingClientRect().width;
    if (table.getBoundingClientRect().width > box + 1) found.push("table wider than its box");
    for (const cell of table.querySelectorAll("td, th")) {
      if (cell.offsetParent !== null && cell.scrollWidth > cell.clientWidth + 1)
        found.push("a word wider than its cell: " + cell.textContent.trim().slice(0, 40));
    }
  }
  return found;
}"""


@pytest.mark.parametrize("name", list(PAGE_TYPES))
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_page_types_render_cleanly(new_page, site_url, name, device):
    options = (
        {"viewport": {"width": 1280, "height": 900}}
        if device == "desktop"
        else {
            "viewport": {"width": 390, "height": 844},
            "is_mobile": True,
            "has_touch": True,
            "device_scale_factor": 2,
        }
    )
    page, recorder = new_page(**options)
    response = page.goto(site_url + PAGE_TYPES[name])
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    assert page.locator(".gceg-marking").first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    # every column of every table is visible (a phone gets cards), and no cell is narrower
    # than its longest word
    assert page.evaluate(HIDDEN_TABLE_CONTENT) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{device}.png", full_page=False)
    assert recorder.foreign(LOCAL) == []
    assert recorder.errors == []
    assert recorder.violations == []


def test_navigation_reaches_every_section(new_page, site_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    for tab in ["About", "Meetings", "Subjects", "Strategy", "People", "Glossary", "Sources"]:
        page.locator(".md-tabs").get_by_role("link", name=tab, exact=True).click()
        page.wait_for_load_state()
        assert page.locator(".md-tabs__item--active").inner_text().strip() == tab
    assert recorder.foreign(LOCAL) == [] and recorder.errors == []
    assert recorder.violations == []


def test_search_finds_a_meeting_by_a_word_of_its_outcomes(new_page, site_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("overview")
    page.wait_for_selector(".md-search-result__item")
    links = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    assert any(link.startswith(site_url + "meetings/2015-first-meeting/") for link in links)
    assert recorder.foreign(LOCAL) == []
    assert recorder.violations == []


def test_palette_toggle_switches_light_and_dark(new_page, site_url):
    page, _ = new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page.goto(site_url + "meetings/")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    assert scheme() == "default"
    page.locator("label[for=__palette_1]").click()
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate", "the choice is remembered"
    page.locator("label[for=__palette_0]").click()
    assert scheme() == "default"


def test_pdf_download_links_return_pdfs(new_page, site_url):
    page, _ = new_page()
    for path in [
        "",
        "meetings/2015-first-meeting/",
        "strategy/strategy-paper-example/",
        "strategy/strategy-paper-example/0.1/",
    ]:
        page.goto(site_url + path)
        href = page.locator("a.gceg-pdf").get_attribute("href")
        response = page.request.get(page.url + href if not href.startswith("http") else href)
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body()[:5] == b"%PDF-"


def test_keyboard_reaches_main_content_and_search(new_page, site_url):
    page, _ = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "meetings/2015-first-meeting/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert skip == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#gceg-main"
    assert page.evaluate("document.activeElement.id") == "gceg-main"
    page.keyboard.press("Tab")  # the next stop is inside the main content
    assert page.evaluate("!!document.activeElement.closest('article')")
    page.goto(site_url + "meetings/2015-first-meeting/")
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-search__input')"):
            break
    else:
        pytest.fail("Tab never reached the search field")
    page.keyboard.type("Nakatani")
    page.wait_for_selector(".md-search-result__item")
