"""Search on the online site (Pagefind, driven by overrides/assets/javascripts/gceg-search.js):
a page loads no search data until the reader searches; a search finds a meeting by a word
of its outcomes, first, with its section and the word highlighted; filters narrow it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.site.test_trust import attacked_site  # noqa: F401 (the hostile records' site)

MEETING = "meetings/2015-first-meeting/"
LOCAL = ("http://127.0.0.1:",)
SEARCH_DATA = re.compile(r"/pagefind/|search_index\.json|/search/")


def _search(page, words: str) -> None:
    page.locator("input.md-search__input").click()
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item")


def _open_filters(page, recorder) -> None:
    """The filters' button: their values load only now, and the first list takes focus."""
    button = page.locator(".gceg-search-filters-toggle")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator(".gceg-search-filters").is_hidden()
    assert not [url for url in recorder.requests if "/pagefind/filter/" in url]
    button.click()
    expect(page.locator(".gceg-search-filters select").first).to_be_focused()
    assert button.get_attribute("aria-expanded") == "true"
    assert [url for url in recorder.requests if "/pagefind/filter/" in url]


def test_a_record_page_loads_no_search_data(new_page, site_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + MEETING)
    page.wait_for_load_state("networkidle")
    assert [url for url in recorder.requests if SEARCH_DATA.search(url)] == []
    # its bytes, and a first search's, are measured by `make bench` (tests/bench/run.py)
    assert recorder.foreign(LOCAL) == [] and recorder.errors == []


def test_search_finds_the_meeting_first_with_the_word_highlighted(new_page, site_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + MEETING)
    _search(page, "overview")
    first = page.locator(".md-search-result__item").first
    assert first.locator("a").get_attribute("href") == "/" + MEETING
    assert first.locator(".gceg-search-result__section").inner_text() == "Meetings"
    assert first.locator("mark").first.inner_text().lower() == "overview"
    assert (
        "given an overview of INTERPOL" in first.locator(".md-search-result__teaser").inner_text()
    )
    assert page.locator(".md-search-result__meta").get_attribute("aria-live") == "polite"
    loaded = [url for url in recorder.requests if "/pagefind/" in url]
    assert any(url.endswith("pagefind.js") for url in loaded)
    # a later search reuses the library, its WebAssembly and the index already loaded
    page.locator("input.md-search__input").fill("")
    page.keyboard.type("Nakatani")
    page.wait_for_selector(".md-search-result__item >> text=Nakatani")
    again = [url for url in recorder.requests if "/pagefind/" in url][len(loaded) :]
    assert not [url for url in again if url.endswith((".js", ".pagefind", ".pf_meta"))]
    assert recorder.foreign(LOCAL) == [] and recorder.errors == [] and recorder.violations == []


def test_more_results_load_as_the_list_scrolls(new_page, site_url):
    page, recorder = new_page(viewport={"width": 390, "height": 800})
    page.goto(site_url)
    page.keyboard.press("/")  # the phone's header shows the box only once opened
    page.keyboard.type("cyber")
    page.wait_for_selector(".md-search-result__item")
    found = int(page.locator(".md-search-result__meta").inner_text().split()[0])
    assert found > 10  # the word is on more pages than one screen of results shows
    expect(page.locator(".md-search-result__item")).to_have_count(10)
    fragments = len([url for url in recorder.requests if "/fragment/" in url])
    page.locator(".md-search__scrollwrap").evaluate("box => box.scrollTop = box.scrollHeight")
    expect(page.locator(".md-search-result__item")).to_have_count(min(found, 20))
    assert len([url for url in recorder.requests if "/fragment/" in url]) > fragments
    assert recorder.errors == [] and recorder.violations == []


def test_filters_narrow_results_by_kind(new_page, site_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    _search(page, "cyber")
    assert page.locator(".md-search-result__item").count() > 1
    _open_filters(page, recorder)
    page.select_option("select[data-filter=kind]", "Meeting")
    expect(page.locator(".md-search-result__item")).to_have_count(1)  # no eval: the CSP holds
    assert page.locator(".md-search-result__link").get_attribute("href") == "/" + MEETING
    toggle = page.locator(".gceg-search-filters-toggle")
    assert toggle.inner_text().endswith("(1)")  # one filter chosen, said on the button
    toggle.click()  # closed again: the choice still holds
    assert page.locator(".gceg-search-filters").is_hidden()
    expect(page.locator(".md-search-result__item")).to_have_count(1)
    options = page.locator("select[data-filter=year] option").all_inner_texts()
    assert any(o.startswith("2015") for o in options)
    assert page.locator("select[data-filter=classification]").count() == 0  # public: one marking
    assert recorder.errors == [] and recorder.violations == []


def test_search_opens_from_the_keyboard(new_page, site_url):
    page, _ = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + MEETING)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("Singapore")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_attack_strings_in_the_index_are_shown_as_text(new_page, serve, attacked_site):  # noqa: F811
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(serve(attacked_site) + "meetings/")
    _search(page, "onerror")
    teasers = page.locator(".md-search-result__teaser").all_inner_texts()
    assert any("<img src=x onerror=" in teaser for teaser in teasers), teasers
    assert page.locator(".md-search-result__list img, .md-search-result__list script").count() == 0
    assert recorder.errors == [] and recorder.violations == []


def test_the_members_site_filters_by_classification(new_page, serve, members_site):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(serve(members_site) + "meetings/")
    _search(page, "strategy")
    _open_filters(page, recorder)
    options = page.locator("select[data-filter=classification] option").all_inner_texts()
    assert any(o.startswith("TLP:CLEAR") for o in options)
    restricted = [o for o in options if o.startswith("TLP:") and not o.startswith("TLP:CLEAR")]
    assert restricted and not any(o.startswith("TLP:RED") for o in options)
    marking = restricted[0].split(" ")[0]
    page.select_option("select[data-filter=classification]", marking)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert recorder.errors == [] and recorder.violations == []
