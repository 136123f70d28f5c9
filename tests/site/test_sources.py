"""A source's page shows its text exactly as published, every passage cited from it
highlighted, and links the original where its address is known. Properties of whatever
sources the content holds, not of today's."""

from __future__ import annotations

import re

import yaml

from macros.load.quotes import normalise
from macros.load.translations import sidecar
from tests.conftest import CORPUS, html

# the sources of the corpus the `public_site` fixture is built from
SOURCES = sorted(p for p in (CORPUS / "data/sources").glob("*.yaml") if sidecar(p.name) is None)


def _public(record: dict) -> bool:
    return record.get("classification", "TLP:CLEAR") == "TLP:CLEAR"


def _quotes_of(source_id: str) -> set[str]:
    """Every quote any public data file cites from the source."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("source") == source_id and isinstance(node.get("quote"), str):
                found.add(node["quote"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((CORPUS / "data").rglob("*.yaml")):
        if sidecar(path.name) is not None:  # a translation: no record of its own
            continue
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(record, dict) and _public(record):
            walk(record)
    return found


def _public_source_pages(site, needs: str | None = None):
    """(file, record, page) of each public source, those with ``needs`` set if given."""
    for path in SOURCES:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if _public(record) and (needs is None or record.get(needs)):
            yield path, record, html(site, f"sources/{path.stem}/")


def test_a_source_text_is_shown_as_published_curly_quotes_included(public_site):
    checked = 0
    for path, record, soup in _public_source_pages(public_site, "text"):
        shown = [p.get_text() for p in soup.select(".gceg-source-text p:not(.gceg-section__intro)")]
        stored = [" ".join(p.split()) for p in re.split(r"\n\s*\n", record["text"]) if p.strip()]
        assert shown == stored, path.name
        checked += 1
    assert checked, "no public source keeps its text"


def test_every_passage_cited_from_a_source_is_highlighted_in_it(public_site):
    checked = 0
    for path, _, soup in _public_source_pages(public_site, "text"):
        marked = normalise(" ".join(m.get_text() for m in soup.select(".gceg-source-text mark")))
        for quote in _quotes_of(path.stem):
            assert normalise(quote) in marked, (path.name, quote)
            checked += 1
    assert checked, "no public record quotes a source that keeps its text"


def test_a_source_with_an_address_links_its_original(public_site):
    checked = 0
    for path, record, soup in _public_source_pages(public_site, "url"):
        links = [a["href"] for a in soup.select("header.gceg-doc a[href]")]
        assert record["url"] in links, path.name
        checked += 1
    assert checked, "no public source has an address"


def test_where_a_source_is_cited_lists_each_page_once_with_its_passages(public_site):
    listed = quoted = 0
    for path, _, soup in _public_source_pages(public_site):
        pages = [li.a["href"] for li in soup.select("ul.gceg-uses > li")]
        assert len(pages) == len(set(pages)), path.name
        for item in soup.select("ul.gceg-uses > li"):
            quotes = [q.get_text() for q in item.select("q")]
            assert len(quotes) == len(set(quotes)), (path.name, item.a["href"])
            listed, quoted = listed + 1, quoted + len(quotes)
    assert listed and quoted, "no source page lists where it is cited, with its passages"
