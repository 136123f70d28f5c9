"""The four language sites, read from the real HTML of one build (macros/tools/cli.py: build;
render/languages.py; load/translations.py). The fixture corpus translates the about page
(fr), the home page (ar), the first meeting (fr, ar) and one passage of its source (fr)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import (
    ALL_LANGUAGES,
    TEST_SITE_URL,
    build,
    copy_project,
    corpus_root,
    html,
    text_of,
)

pytestmark = pytest.mark.build

LANGUAGES = {"en": "", "fr": "fr/", "es": "es/", "ar": "ar/"}
PAGES = ("", "about/", "meetings/", "meetings/2015-first-meeting/", "glossary/", "sources/")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Path:
    return build(
        corpus_root(),
        tmp_path_factory.mktemp("languages") / "site",
        site_url=TEST_SITE_URL,
        languages=ALL_LANGUAGES,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_is_a_complete_site(sites, language):
    site = sites / LANGUAGES[language]
    for page in PAGES:
        assert (site / page / "index.html").is_file(), page
    for output in ("404.html", "feeds/publications.atom", "api/v1/index.json", "sitemap.xml"):
        assert (site / output).is_file(), output
    assert list((site / "d").iterdir()), "permalinks /d/<ID>/"


@pytest.mark.parametrize(
    "language, direction", [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("ar", "rtl")]
)
def test_pages_say_their_language_and_direction(sites, language, direction):
    for page in (*PAGES, "404.html"):
        soup = html(sites / LANGUAGES[language], page)
        assert soup.html["lang"] == language, page
        assert soup.html["dir"] == direction, page
        assert soup.body["dir"] == direction, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_selector_leads_to_the_same_page_in_each_language(sites, language):
    for page in PAGES:
        here = sites / LANGUAGES[language] / page
        soup = html(sites / LANGUAGES[language], page)
        links = {a["hreflang"]: a["href"] for a in soup.select(".md-select__link[hreflang]")}
        assert set(links) == set(LANGUAGES), page
        for other, href in links.items():
            target = (here / href).resolve()
            assert target == (sites / LANGUAGES[other] / page).resolve(), (page, other)
            assert (target / "index.html").is_file()


def test_every_page_names_its_versions_in_the_sitemap_and_not_in_its_head(sites):
    # a <link rel=alternate> makes Material fetch a sitemap beside it (overrides/main.html)
    assert html(sites / "ar", "about/").select('head link[rel="alternate"]') == []
    sitemap = (sites / "sitemap.xml").read_text()
    assert f"<loc>{TEST_SITE_URL}ar/about/</loc>" in sitemap  # every language, from the root
    assert f'hreflang="es" href="{TEST_SITE_URL}es/about/"' in sitemap
    assert f'hreflang="x-default" href="{TEST_SITE_URL}about/"' in sitemap


def test_a_translated_page_shows_its_translation_marked_as_the_site_s(sites):
    about = html(sites / "fr", "about/")
    assert about.select_one("article h1").get_text().startswith("À propos du groupe")
    notice = about.select_one(".gceg-translation")
    assert notice.select_one(".gceg-translation--unofficial").get_text().strip()
    # the group's aims and leadership on it are not translated (no data/group.fr.yaml)
    assert notice.select_one(".gceg-translation--missing") is not None
    english = notice.select_one("a[lang=en]")["href"]
    assert (sites / "fr" / "about" / english / "index.html").resolve() == (
        sites / "about" / "index.html"
    ).resolve()
    assert html(sites, "about/").select_one(".gceg-translation") is None  # English: none


def test_record_translations_show_in_their_language_with_english_where_missing(sites):
    meeting = text_of(html(sites / "ar", "meetings/2015-first-meeting/"))
    assert "الاجتماع الأول" in meeting
    assert "استعراض برامج الإنتربول" in meeting  # the purpose, translated
    # the second outcome is left {} in the sidecar: English, as the notice says
    assert "an overview of INTERPOL's cyber activities" in meeting
    spanish = html(sites / "es", "meetings/2015-first-meeting/")
    assert spanish.select_one(".gceg-translation--missing") is not None
    assert "First meeting" in spanish.select_one("article h1").get_text()


def test_a_stale_translation_says_so(tmp_path):
    root = copy_project(tmp_path / "project")
    page = root / "docs/about.md"
    page.write_text(page.read_text().replace("This page sets out", "This page, revised, sets out"))
    site = build(root, tmp_path / "site", languages="en,fr,ar")
    notice = html(site / "fr", "about/").select_one(".gceg-translation")
    assert notice.select_one(".gceg-translation--stale") is not None
    assert "Cette traduction est antérieure au texte anglais actuel." in notice.get_text()
    assert html(site / "ar", "").select_one(".gceg-translation--stale") is None


def test_the_interface_speaks_the_language(sites):
    tabs = [a.get_text(strip=True) for a in html(sites / "fr", "about/").select(".md-tabs__link")]
    assert "Réunions" in tabs and "Meetings" not in tabs
    skip = html(sites / "fr", "about/").select_one(".gceg-skip").get_text()
    assert skip == "Aller au contenu principal"
    figures = text_of(html(sites / "fr", "meetings/2015-first-meeting/"))
    assert "environ 80" in figures


def test_one_search_bundle_holds_an_index_per_language(sites):
    entry = (sites / "pagefind" / "pagefind-entry.json").read_text()
    assert all(f'"{code}":' in entry for code in LANGUAGES)
    for code, folder in LANGUAGES.items():
        soup = html(sites / folder, "about/")
        src = soup.select_one("[data-gceg-pagefind]")["data-gceg-pagefind"]
        assert (sites / folder / "about" / src).resolve() == (
            sites / "pagefind" / "pagefind.js"
        ).resolve(), code
        assert not (sites / folder / "search").exists()


def test_two_builds_give_the_same_bytes(sites, tmp_path):
    again = build(corpus_root(), tmp_path / "site", site_url=TEST_SITE_URL, languages=ALL_LANGUAGES)
    ours = {p.relative_to(sites): p.read_bytes() for p in sites.rglob("*") if p.is_file()}
    theirs = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert ours.keys() == theirs.keys()
    assert [p for p in ours if ours[p] != theirs[p]] == []
    assert any(re.match(r"ar/", str(p)) for p in ours)


def test_a_quotation_keeps_its_words_with_the_site_s_translation_beside_it(sites):
    soup = html(sites / "fr", "meetings/2015-first-meeting/")
    quote = soup.find("q", string="INTERPOL Secretary General Jürgen Stock said")
    assert quote is not None and quote["lang"] == "en"
    beside = quote.find_parent("li").select_one(".gceg-citations__translation")
    assert beside["lang"] == "fr"
    assert beside.get_text().startswith("a déclaré le Secrétaire général")
    assert beside.select_one(".gceg-unofficial") is not None
    english = html(sites, "meetings/2015-first-meeting/")
    assert english.select_one(".gceg-citations__translation") is None


def test_each_language_has_its_feed_and_the_open_data_carries_every_language(sites):
    import json

    feed = (sites / "fr" / "feeds" / "publications.atom").read_text()
    assert 'xml:lang="fr"' in feed
    assert "Première réunion du Groupe" in feed
    assert f"{TEST_SITE_URL}fr/meetings/2015-first-meeting/" in feed
    assert 'xml:lang="en"' in (sites / "feeds" / "publications.atom").read_text()
    for folder in LANGUAGES.values():  # the same open data on each language's site
        items = json.loads((sites / folder / "api/v1/meetings.json").read_text())["items"]
        meeting = next(item for item in items if item["id"] == "2015-first-meeting")
        assert set(meeting["title"]) == {"en", "fr", "ar"}
        assert meeting["title"]["en"].startswith("First meeting")


def test_headings_get_readable_anchors_in_every_script(sites):
    ids = [h["id"] for h in html(sites / "ar", "").select("article h2[id]")]
    assert "آخر-اجتماع" in ids
    assert [h["id"] for h in html(sites, "about/").select("article h2[id]")][:2] == [
        "aims",
        "leadership",
    ]
