"""The property checks of tests/content/ find what they look for: each is run on a copy
of the corpus's public site with one thing broken, and must name it."""

from __future__ import annotations

import re
import shutil

import pytest

from macros.audience import Audience
from tests.conftest import corpus_root
from tests.content import properties

pytestmark = pytest.mark.build


@pytest.fixture
def broken(public_site, tmp_path):
    """A copy of the corpus's public site to break, its catalog, and its first meeting."""
    site = shutil.copytree(public_site, tmp_path / "site")
    catalog = properties.catalog_for(corpus_root(), Audience.PUBLIC)
    meeting = next(p for p in properties.record_pages(catalog) if p[0] == "meeting")
    return site, catalog, meeting


def rewrite(path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text)
    assert count, f"{pattern} not in {path}"
    path.write_text(changed, encoding="utf-8")


def test_the_checks_pass_on_the_unbroken_copy(broken):
    site, catalog, _ = broken
    assert properties.unrendered_records(site, catalog) == []
    assert properties.records_missing_from_their_index(site, catalog) == []
    assert properties.unverified_quotes(site, catalog) == []
    assert properties.unmarked_pages(site, Audience.PUBLIC) == []
    assert properties.missing_pdfs(site, catalog) == []


def test_a_record_without_its_page_is_found(broken):
    site, catalog, (kind, record_id, url) = broken
    (site / url / "index.html").unlink()
    assert properties.unrendered_records(site, catalog) == [
        f"{kind} {record_id}: no page at /{url}"
    ]


def test_a_record_missing_from_its_index_is_found(broken):
    site, catalog, (kind, record_id, url) = broken
    slug = url.split("/")[1]
    rewrite(site / "meetings/index.html", rf'href="[^"]*{slug}/?"', 'href="#"')
    assert properties.records_missing_from_their_index(site, catalog) == [
        f"{kind} {record_id}: /meetings/ does not link to /{url}"
    ]


def test_a_citation_leading_to_no_passage_is_found(broken):
    site, catalog, (kind, record_id, _) = broken
    for page in (site / "sources").rglob("index.html"):
        if 'id="q-' in page.read_text(encoding="utf-8"):
            rewrite(page, r'id="q-', 'id="gone-')
    found = properties.unverified_quotes(site, catalog)
    assert any(line.startswith(f"{kind} {record_id}: ") for line in found), found


def test_an_unmarked_page_and_a_restricted_marking_are_found(broken):
    site, _, (_, _, url) = broken
    rewrite(site / "about/index.html", r'data-gceg-classification="[^"]*"', "")
    rewrite(
        site / url / "index.html",
        r'data-gceg-classification="TLP:CLEAR"',
        'data-gceg-classification="TLP:GREEN"',
    )
    assert properties.unmarked_pages(site, Audience.PUBLIC) == [
        "about/index.html: no marking",
        f"{url}index.html: marked ['TLP:GREEN'] on the public site",
    ]


def test_a_missing_pdf_is_found(broken):
    site, catalog, _ = broken
    pdf = sorted((site / "pdf").glob("GCEG-MTG-*.pdf"))[0]
    pdf.write_bytes(b"")
    assert properties.missing_pdfs(site, catalog) == [f"pdf/{pdf.name}"]
