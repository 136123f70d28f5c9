"""What the site compiled is never presented as a document someone issued, and what is
illustrative says so in every output: page, citation, BibTeX, CSL-JSON, feed, open data
and PDF. One description of a document (documents.describe) feeds them all."""

from __future__ import annotations

import json
import re
import subprocess

import feedparser
import pytest
from pypdf import PdfReader

from tests.conftest import TEST_SITE_URL, build, copy_project, html, text_of

EDITORS = "Editors of the GCEG strategy site"
GROUP = "INTERPOL Global Cybercrime Expert Group"
MEETING = "GCEG-MTG-0001"
ISSUED = "GCEG-STRAT-0001"  # made a real, issued paper in this test's copy
ILLUSTRATIVE = "GCEG-STRAT-0003"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("provenance") / "project")
    paper = root / "data/papers/strategy-paper-example.yaml"
    paper.write_text(paper.read_text().replace("illustrative: true", "illustrative: false"))
    # with an address: the feed's entry ids then name each document (tag:<host>,<year>:<id>)
    return build(
        root, tmp_path_factory.mktemp("provenance-site") / "site", pdf=True, site_url=TEST_SITE_URL
    )


def _bib(site, doc_id):
    return (site / "cite" / f"{doc_id}.bib").read_text()


def _csl(site, doc_id):
    return json.loads((site / "cite" / f"{doc_id}.json").read_text())[0]


def _pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_meeting_record_says_it_was_compiled_by_the_site(site):
    page = html(site, "meetings/2015-first-meeting/")
    header = " ".join(page.select_one("header.gceg-doc").get_text(" ", strip=True).split())
    assert "Meeting record" in header and "Compiled by" in header
    assert "not a document issued by the expert group" in header
    assert "Catalogue number" in header and "Issued by" not in header
    cite = page.select_one(".gceg-cite-this__text").get_text(" ", strip=True)
    assert cite.startswith(EDITORS) and "compiled by this site from:" in cite
    assert "INTERPOL Cyber Experts Meeting Aims To Advise On Global Strategy" in cite


def test_a_meeting_records_citations_name_the_editors_and_the_sources(site):
    bib = _bib(site, MEETING)
    assert bib.startswith(f"@misc{{{MEETING},") and "techreport" not in bib
    assert f"author = {{{{{EDITORS}}}}}" in bib and "institution" not in bib
    assert "not a document issued by the expert group" in bib
    assert "Sources: INTERPOL Cyber Experts Meeting Aims To Advise On Global Strategy" in bib
    csl = _csl(site, MEETING)
    assert csl["author"] == [{"literal": EDITORS}] and csl["type"] == "document"
    assert "publisher" not in csl and "number" not in csl
    assert "not a document issued by the expert group" in csl["note"]


def test_an_issued_paper_names_its_issuer_everywhere(site):
    page = text_of(html(site, "strategy/strategy-paper-example/"))
    assert f"Issued by {GROUP}" in page
    assert _bib(site, ISSUED).startswith(f"@techreport{{{ISSUED},")
    assert f"institution = {{{GROUP}}}" in _bib(site, ISSUED)
    assert _csl(site, ISSUED)["author"] == [{"literal": GROUP}]
    assert PdfReader(site / "pdf" / f"{ISSUED}-0.2.pdf").metadata.author == GROUP


def test_an_illustrative_paper_is_flagged_and_attributed_to_no_one(site):
    page = text_of(html(site, "strategy/superseded-paper-example/"))
    assert "Issued by no one: an illustrative example made for this site" in page
    bib = _bib(site, ILLUSTRATIVE)
    assert bib.startswith("@misc") and "author" not in bib and GROUP not in bib
    assert "Illustrative example made for this site" in bib
    csl = _csl(site, ILLUSTRATIVE)
    assert "author" not in csl and "Illustrative example" in csl["note"]
    reader = PdfReader(site / "pdf" / f"{ILLUSTRATIVE}-1.0.pdf")
    assert reader.metadata.author == EDITORS
    pages = _pdf_text(site / "pdf" / f"{ILLUSTRATIVE}-1.0.pdf").split("\f")
    body = [p for p in pages[1:] if p.strip()]
    assert body and all(
        "Illustrative example, not a document of the expert group" in p for p in body
    )


def test_the_feed_says_who_is_responsible_for_each_entry(site):
    feed = feedparser.parse((site / "feeds/publications.atom").read_bytes())
    assert feed.feed.author == EDITORS
    by_id = {entry.id.rsplit(":", 1)[1]: entry for entry in feed.entries}
    meeting = by_id[MEETING]
    assert (
        meeting.author == EDITORS and "not a document issued by the expert group" in meeting.summary
    )
    illustrative = by_id[f"{ILLUSTRATIVE}/1.0"]
    assert illustrative.title.startswith("Illustrative example:")
    assert "illustrative" in {tag.term for tag in illustrative.tags}
    assert "author" not in illustrative
    assert by_id[f"{ISSUED}/0.2"].author == GROUP


def test_the_open_data_carries_provenance(site):
    items = json.loads((site / "api/v1/documents.json").read_text())["items"]
    documents = {d["doc_id"]: d for d in items}
    meeting = documents[MEETING]
    assert meeting["provenance"] == "compiled" and meeting["issued_by"] is None
    assert meeting["compiled_by"] == EDITORS and meeting["compiled_from"]
    assert documents[ISSUED]["provenance"] == "issued" and documents[ISSUED]["issued_by"] == GROUP
    assert documents[ILLUSTRATIVE]["provenance"] == "illustrative"
    assert documents[ILLUSTRATIVE]["issued_by"] is None and documents[ILLUSTRATIVE]["illustrative"]


def test_the_compendium_has_a_cover_of_its_own(site):
    cover = _pdf_text(site / "pdf/gceg-compendium.pdf").split("\f")[0]
    assert "COMPENDIUM" in cover and "MEETING RECORD" not in cover
    assert "not a document issued by the expert group" in " ".join(cover.split())
    for doc_id in (MEETING, ISSUED, ILLUSTRATIVE):
        assert doc_id in cover


def test_a_meeting_pdf_cover_says_compiled_not_issued(site):
    cover = " ".join(_pdf_text(site / "pdf" / f"{MEETING}.pdf").split("\f")[0].split())
    assert "CATALOGUE NUMBER" in cover and "COMPILED BY" in cover and "ISSUED BY" not in cover
    assert re.search(r"the editors of this site, from: INTERPOL Cyber Experts Meeting", cover)


def _ednote_marks(soup):
    return soup.select("article sup.gceg-ednote a[href^='#ednote-']")


def test_every_editors_note_mark_leads_to_its_note_on_the_page(public_site):
    """The editors' readings (a body's place in INTERPOL, a country read from a name) are
    marked where they appear and explained in the page's "Editors' notes", apart from its
    sources: an inference never looks like a citation."""
    pages = sorted(public_site.rglob("index.html"))
    marked = 0
    for path in pages:
        soup = html(public_site, str(path.relative_to(public_site).parent))
        for mark in _ednote_marks(soup):
            note = soup.find(id=mark["href"][1:])
            assert note is not None and note.name == "li", (path, mark)
            assert note.find_parent("ol", class_="gceg-ednotes") is not None
            assert text_of(note), (path, mark)
            assert mark.find_parent("sup").get("class") != ["gceg-cite"]
            marked += 1
    assert marked, "no page marks an editors' note, though the data has some"


def test_an_inferred_organisation_fact_shows_its_note_not_a_citation(public_site):
    """Property of the data, whatever it holds: every organisation fact with an editors'
    note in data/organisations.yaml is shown with an editors' note mark on the people page."""
    import yaml

    from tests.conftest import CORPUS

    organisations = yaml.safe_load((CORPUS / "data/organisations.yaml").read_text())
    soup = html(public_site, "people")
    checked = 0
    for org in organisations["organisations"]:
        row = soup.find(id=f"org-{org['id']}")
        if org.get("classification", "TLP:CLEAR") != "TLP:CLEAR":
            assert row is None
            continue
        cells = dict(zip(["name", "parent", "location"], row.find_all("td"), strict=False))
        for fact in org.get("editor_notes", {}):
            if fact in cells:
                assert cells[fact].select_one("sup.gceg-ednote"), (org["id"], fact)
                checked += 1
    assert checked, "no public organisation has an editors' note on a fact the table shows"
