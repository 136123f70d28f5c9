"""The four language sites in a real browser: Arabic on a phone, the language selector, the
version selector keeping the language, and axe in every language, on the session's public
site (tests/browser/conftest.py: site_url), which has every language."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import _violations, axe_source  # noqa: F401 (fixture)
from tests.browser.test_reading import LOCAL, PAGE_TYPES
from tests.browser.test_versions import versions_url  # noqa: F401 (fixture)

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_arabic_page_scrolls_sideways_on_a_phone(new_page, site_url, name):
    page, recorder = new_page(**PHONE)
    response = page.goto(site_url + "ar/" + PAGE_TYPES[name])
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    assert page.locator("h1").first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    assert recorder.foreign(LOCAL) == []
    assert recorder.errors == []
    assert recorder.violations == []


def test_the_language_selector_leads_to_the_same_page(new_page, site_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "fr/meetings/2015-first-meeting/")
    page.locator(".md-header .md-select").hover()
    page.locator(".md-select__link[hreflang=ar]").click()
    page.wait_for_url("**/ar/meetings/2015-first-meeting/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.locator(".md-header .md-select").hover()
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(site_url + "meetings/2015-first-meeting/")
    assert recorder.errors == []


@pytest.mark.parametrize(
    "start, switch_to", [("meetings/2015-first-meeting/", "ar"), ("ar/about/", "en")]
)
def test_a_page_and_a_language_switch_request_nothing_that_fails(
    new_page, site_url, start, switch_to
):
    alternates = _load_and_switch(new_page, site_url + start, switch_to)
    for code, href in alternates:  # relative here (no site address): each is a page
        assert href.startswith(site_url), (code, href)


def test_a_published_version_s_page_requests_nothing_that_fails(new_page, versions_url):  # noqa: F811
    # a published site has an address: its alternates are absolute, on another host here
    _load_and_switch(new_page, versions_url + "1.0/ar/about/", "fr", follow=False)


def _load_and_switch(new_page, url: str, switch_to: str, follow: bool = True) -> list:
    """Load a page and take its language selector to another language, watching every
    request: Material fetches <href>/sitemap.xml for each link[rel=alternate] and takes
    over the clicks on links under them (overrides/main.html)."""
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    answers: list[tuple[int, str]] = []
    page.on("response", lambda response: answers.append((response.status, response.url)))
    failed: list[str] = []  # no answer at all (another host, a blocked request)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    alternates = page.evaluate(
        "[...document.head.querySelectorAll('link[hreflang]')].map(l => [l.hreflang, l.href])"
    )
    assert [code for code, _ in alternates] == ["en", "x-default", "fr", "es", "ar"]
    page.locator(".md-header .md-select").hover()
    link = page.locator(f".md-select__link[hreflang={switch_to}]")
    target = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(target)
    page.wait_for_load_state("networkidle")
    assert len(answers) > 10
    assert [(status, url) for status, url in answers if status >= 300] == []
    assert failed == []
    assert [url for _, url in answers if "sitemap" in url] == []
    if follow:
        assert target == dict(alternates)[switch_to]
        for code, href in alternates:
            assert page.request.get(href).status == 200, (code, href)
    assert recorder.errors == []
    return alternates


def test_version_and_language_selectors_keep_each_other_s_choice(new_page, versions_url):  # noqa: F811
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(versions_url + "latest/fr/about/")
    selector = page.locator(".md-version")
    selector.wait_for()
    selector.hover()
    selector.locator(".md-version__link", has_text="1.0").click()
    page.wait_for_url(versions_url + "1.0/fr/about/")  # the same page, still in French
    page.locator(".md-header .md-select").hover()
    page.locator(".md-select__link[hreflang=es]").click()
    page.wait_for_url(versions_url + "1.0/es/about/")  # the same version, now in Spanish
    assert recorder.violations == []


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
@pytest.mark.parametrize("name", ["home", "about", "meeting", "glossary"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_in_any_language(
    new_page,
    site_url,
    axe_source,  # noqa: F811
    language,
    name,
    scheme,
):
    page, _ = new_page(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    page.goto(site_url + f"{language}/" + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    assert _violations(page, axe_source) == []


@pytest.mark.parametrize(
    "language, words, found",
    [
        # inflected forms of words of the translated texts, stemmed for each language
        ("fr", "examinées", "fr/meetings/2015-first-meeting/"),  # "ont examiné"
        ("es", "asesorar", "es/about/"),  # "asesora"
        ("ar", "الاستراتيجيات", "ar/meetings/2015-first-meeting/"),  # "استراتيجيات"
    ],
)
def test_search_finds_a_translated_word_in_its_language(new_page, site_url, language, words, found):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + f"{language}/")
    page.locator("input.md-search__input").click()
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item")
    links = page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert "/" + found in links, links
    assert all(link.startswith(f"/{language}/") for link in links), links
    assert recorder.errors == [] and recorder.violations == []
