"""The real site, built once: every fact of the seed article is on it, with its source."""

from __future__ import annotations

import re

import pytest

from tests.conftest import corpus_root, html, text_of
from tests.helpers import CSS_URL, remote_resources, search_records

MEETING = "meetings/2015-first-meeting/"


def test_meeting_page_carries_the_meeting_facts(public_site):
    text = text_of(html(public_site, MEETING))
    for fact in [
        "First meeting of the INTERPOL Global Cybercrime Expert Group",
        "30 November – 1 December 2015",
        "(2 days)",
        "INTERPOL Global Complex for Innovation, Singapore",
        "around 80 experts from some 30 countries",
        "Cyber experts from around the world",
        "Cyber research",
        "Training",
        "Forensics",
        "Operations",
        "To review INTERPOL's current cybersecurity programmes and provide advice for future activities.",
        "Transnational criminal organizations are increasingly using the Internet",
        "The expert group was given an overview of INTERPOL's cyber activities.",
        "The expert group discussed strategies for enhancing cybersecurity worldwide.",
        "GCEG-MTG-0001",
    ]:
        assert fact in text, fact


def test_statements_are_quoted_and_attributed_with_roles(public_site):
    soup = html(public_site, MEETING)
    statements = soup.select("figure.gceg-statement")
    assert len(statements) == 2
    stock, nakatani = (" ".join(s.get_text(" ", strip=True).split()) for s in statements)
    assert "requires a comprehensive global strategy developed by the top experts" in stock
    assert "an important step in bringing together the world’s top cybercrime authorities" in stock
    assert "Jürgen Stock , INTERPOL Secretary General" in stock
    assert "work closely with cyber experts from the private sector" in nakatani
    assert "Noboru Nakatani , Executive Director of the IGCI" in nakatani
    assert statements[0].select_one("figcaption a")["href"] == "../../people/jurgen-stock/"


def test_about_page_has_aims_leadership_and_history(public_site):
    text = text_of(html(public_site, "about/"))
    for fact in [
        "To advise INTERPOL in policy formulation and the implementation of cyber programmes and operations.",
        "To serve as a forum for the exchange of information and best practices.",
        "To assist INTERPOL in developing a long-term cybersecurity strategy.",
        "Chair",
        "Catherine Chambon",
        "Deputy Director, Cybercrime Repression Department, French Judicial Police",
        "2014 The INTERPOL General Assembly approves the creation of the expert group.",
        "2015 The expert group is established.",
        "The IGCI Working Group assists with the formation of the IGCI",
        "30 November – 1 December 2015",
    ]:
        assert fact in text, fact


def test_home_page_has_mandate_key_figures_and_latest_meeting(public_site):
    soup = html(public_site, "")
    text = text_of(soup)
    assert "The aim of the expert group is to advise INTERPOL in policy formulation" in text
    figures = [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(".gceg-figure")]
    assert any(f.startswith("around 80 experts at the first meeting") for f in figures)
    assert any(f.startswith("some 30 countries represented") for f in figures)
    assert any(f.startswith("2015 year established") for f in figures)
    latest = soup.select_one(".gceg-card--meeting h3 a")
    assert latest["href"] == "meetings/2015-first-meeting/"


def test_every_fact_links_to_a_passage_of_its_source(public_site):
    soup = html(public_site, MEETING)
    citations = soup.select("ol.gceg-citations li[id^=cite-]")
    assert len(citations) >= 10
    source = html(public_site, "sources/interpol-cyber-experts-meeting-2015/")
    anchors = {tag["id"] for tag in source.select(".gceg-source-text span[id]")}
    for item in citations:
        href = item.select_one("a")["href"]
        assert href.startswith("../../sources/interpol-cyber-experts-meeting-2015/#q-"), href
        assert href.split("#")[1] in anchors
    # every mark after a fact leads to a passage listed on the page
    ids = {item["id"] for item in citations}
    marks = soup.select("sup.gceg-cite a")
    assert marks and all(mark["href"].removeprefix("#") in ids for mark in marks)


def test_each_source_is_listed_once_with_its_passages_under_it(public_site):
    soup = html(public_site, MEETING)
    sources = soup.select("ol.gceg-citations > li")
    titles = [item.select_one("a").get_text(strip=True) for item in sources]
    assert len(titles) == len(set(titles)) >= 1
    assert all(item.select("ul.gceg-citations__passages > li") for item in sources)
    # the mark's number is its source's place in the list
    for mark in soup.select("sup.gceg-cite a"):
        number = mark.get_text(strip=True).strip("[]")
        assert mark["href"].startswith(f"#cite-{number}-")


def test_source_page_highlights_every_sentence_of_the_seed(public_site):
    soup = html(public_site, "sources/interpol-cyber-experts-meeting-2015/")
    paragraphs = soup.select(".gceg-source-text p:not(.gceg-section__intro)")
    assert len(paragraphs) == 8
    for paragraph in paragraphs:
        assert paragraph.select("mark"), paragraph.get_text()
    assert "does not print the year" in text_of(soup)


def test_person_pages_show_roles_and_statements(public_site):
    text = text_of(html(public_site, "people/noboru-nakatani/"))
    assert "Executive Director, INTERPOL Global Complex for Innovation" in text
    assert "New cyberthreats are constantly appearing" in text
    chair = text_of(html(public_site, "people/catherine-chambon/"))
    assert "Chair, INTERPOL Global Cybercrime Expert Group" in chair


def test_programme_areas_have_an_index_and_a_page_each(public_site):
    soup = html(public_site, "programmes/")
    links = [a["href"] for a in soup.select(".gceg-card--programme h2 a")]
    assert sorted(links) == sorted(
        f"cyber-{area}/" for area in ("research", "training", "forensics", "operations")
    )
    page = text_of(html(public_site, "programmes/cyber-forensics/"))
    assert "First meeting of the INTERPOL Global Cybercrime Expert Group" in page


def test_strategy_papers_have_a_metadata_header(public_site):
    soup = html(public_site, "strategy/strategy-paper-example/")
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in soup.select(".gceg-doc__facts dt")
    }
    assert facts["Status"] == "In consultation"
    assert facts["Edition"] == "0.2, 28 November 2026 (current)"
    assert facts["Created"] == "1 November 2026"
    assert facts["Classification"] == "TLP:CLEAR"
    assert "GCEG-STRAT-0001" in soup.select_one(".gceg-doc__eyebrow").get_text()
    assert soup.select_one(".gceg-illustrative"), "illustrative papers must say so"


def test_strategy_index_marks_illustrative_papers(public_site):
    rows = html(public_site, "strategy/").select(".gceg-table--papers tbody tr")
    assert len(rows) == 2
    assert all("Illustrative" in row.get_text() for row in rows)


def test_glossary_terms_are_explained_site_wide(public_site):
    assert "INTERPOL Global Complex for Innovation" in text_of(html(public_site, "glossary/"))
    about = html(public_site, "about/")
    abbr = about.find("abbr", string="GCEG")
    assert abbr and abbr["title"] == "INTERPOL Global Cybercrime Expert Group"


@pytest.mark.parametrize(
    "page",
    [
        "",
        "about/",
        "meetings/",
        MEETING,
        "programmes/",
        "programmes/cyber-research/",
        "strategy/",
        "strategy/strategy-paper-example/",
        "people/",
        "people/jurgen-stock/",
        "glossary/",
        "sources/",
        "sources/first-tlp-2/",
    ],
)
def test_every_page_shows_its_classification_marking(public_site, page):
    soup = html(public_site, page)
    marks = soup.select(".gceg-marking")
    assert len(marks) == 2
    assert marks[0]["data-gceg-classification"] == "TLP:CLEAR"


def test_navigation_lists_sections_not_records(public_site):
    soup = html(public_site, MEETING)
    nav_links = {a.get_text(strip=True) for a in soup.select("nav.md-tabs a")}
    assert nav_links == {
        "Home",
        "About",
        "Meetings",
        "Subjects",
        "Strategy",
        "People",
        "Glossary",
        "Sources",
    }
    meetings_index = html(public_site, "meetings/")
    assert meetings_index.select_one(f'a[href="{MEETING.removeprefix("meetings/")}"]')


def test_search_index_includes_record_pages(public_site):
    locations = {record["url"].lstrip("/") for record in search_records(public_site)}
    assert MEETING in locations
    assert "people/jurgen-stock/" in locations


def test_pages_load_nothing_from_another_host(public_site):
    for page in public_site.rglob("*.html"):
        soup = html(public_site, str(page.relative_to(public_site)))
        assert remote_resources(soup) == [], page
    for sheet in public_site.rglob("*.css"):
        assert not CSS_URL.search(sheet.read_text(encoding="utf-8")), sheet


def test_no_template_syntax_reaches_any_output(public_site, members_site):
    """Macro calls are run or refused, never shown: not in a page, a diff, the open data,
    the search index, a feed, a citation or a PDF."""
    import subprocess

    from bs4 import BeautifulSoup

    for site in (public_site, members_site):
        for path in sorted(site.rglob("*")):
            if path.suffix == ".html":
                soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
                for script in soup.select("script"):
                    script.decompose()
                text = soup.get_text(" ")
            elif path.suffix in (".json", ".atom", ".xml"):
                text = path.read_text(encoding="utf-8")
            elif path.suffix == ".bib":  # BibTeX's own {{Name}} protects a name: not a template
                text = re.sub(r"\{\{[^{}\s][^{}]*\}\}", "", path.read_text(encoding="utf-8"))
            elif path.suffix == ".pdf":
                text = subprocess.run(
                    ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
                ).stdout
            else:
                continue
            assert "{{" not in text and "{%" not in text, path.relative_to(site)


def test_document_numbers_are_never_broken_at_their_hyphens(public_site):
    css = (public_site / "assets/stylesheets/gceg.css").read_text(encoding="utf-8")
    assert re.search(r"\.gceg-docid\s*\{\s*white-space:\s*nowrap", css)
    number = re.compile(r"GCEG-[A-Z]+-\d{4,6}")
    checked = 0
    for page in (
        "meetings/",
        "strategy/",
        "meetings/2015-first-meeting/",
        "strategy/strategy-paper-example/",
    ):
        soup = html(public_site, page)
        for element in soup.select(".gceg-doc__eyebrow, .gceg-table td, .gceg-doc__facts dd"):
            for text in element.find_all(string=number):
                assert text.find_parent(class_="gceg-docid") is not None, (page, str(text))
                checked += 1
    assert checked >= 4, "each page above shows at least one document number"


def test_charts_appear_only_where_they_say_something_and_stay_out_of_search(public_site):
    meetings = html(public_site, "meetings/")
    # one meeting in one year: a chart of meetings per year would be one bar
    assert meetings.select_one("#chart-meetings-per-year") is None
    topics = meetings.select_one("figure#chart-topics")
    assert topics is not None and topics.has_attr("data-search-exclude")
    assert len(topics.select(".gceg-chart__data tbody tr")) >= 3
    text = " ".join(record["content"] for record in search_records(public_site))
    assert "Topics across meetings" not in text and "The figures" not in text
    description = topics.select_one(".gceg-chart__desc").get_text()  # the plot's text alternative
    assert description.startswith("Cyber research: 1 meeting;") and description not in text


@pytest.mark.parametrize(
    ("values", "shown"), [((1,), False), ((1, 2), False), ((1, 0, 2), False), ((1, 1, 1), True)]
)
def test_a_chart_needs_three_data_points(values, shown):
    from macros.render.charts import Bar
    from macros.render.views import Views
    from macros.rules import load

    views = Views(load(corpus_root()))
    bars = [Bar(str(n), v) for n, v in enumerate(values)]
    assert (
        bool(
            views._chart("c", "Title", bars, "Label", (("%(num)d unit", "%(num)d units"), "Units"))
        )
        is shown
    )
