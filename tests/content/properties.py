"""Properties every version of the real content must have, whatever it holds.

Each check reads a built site and the catalog it was built from, and returns what is
wrong (an empty list: nothing). They name no record: a contributor's valid new meeting,
paper or source keeps them green (tests/content/test_contributor_change.py proves it),
while a page that does not render, a quote that is not in its source, an unmarked page
or a missing PDF turns them red.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from macros.audience import Audience, restrict
from macros.exports.pdf.jobs import pdf_path
from macros.load.catalog import Catalog
from macros.load.pages import page_url
from macros.load.quotes import Passages
from macros.model import models
from macros.model.kinds import KINDS
from macros.model.vocab import Classification
from macros.rules import load
from macros.tools.report import title_of
from tests.conftest import html, text_of

VALUES = {c.value for c in Classification}
SITE = "https://site.invalid/"  # any origin: links are resolved against it, never fetched


def catalog_for(root: Path, audience: Audience) -> Catalog:
    return restrict(load(root, use_cache=False), audience)


def record_pages(catalog: Catalog) -> list[tuple[str, str, str]]:
    """(kind, id, page address) for every record the audience sees that has a page."""
    return [
        (kind.name, record_id, page_url(src))
        for kind in KINDS
        if kind.page_dir
        for record_id in sorted(catalog.records[kind.name])
        if (src := catalog.page_of(kind.name, record_id))
    ]


def _page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def _links(soup: BeautifulSoup, url: str) -> set[str]:
    """Every address the page's article links to, resolved, without its fragment."""
    article = soup.select_one("article") or soup
    found = set()
    for anchor in article.select("a[href]"):
        target = urlsplit(urljoin(SITE + url, anchor["href"]))
        found.add(target._replace(fragment="", query="").geturl())
    return found


def unrendered_records(site: Path, catalog: Catalog) -> list[str]:
    """Each record has its page, and the page shows the record's title."""
    wrong = []
    for kind, record_id, url in record_pages(catalog):
        page = _page_file(site, url)
        if not page.is_file():
            wrong.append(f"{kind} {record_id}: no page at /{url}")
            continue
        title = " ".join(title_of(catalog.get(kind, record_id)).split())
        if title not in text_of(html(site, url)):
            wrong.append(f"{kind} {record_id}: /{url} does not show its title {title!r}")
    return wrong


def records_missing_from_their_index(site: Path, catalog: Catalog) -> list[str]:
    """Each record's page is linked from its section's index (meetings/, people/, ...)."""
    wrong = []
    for kind, record_id, url in record_pages(catalog):
        index = url.split("/")[0] + "/"
        if not _page_file(site, index).is_file():
            wrong.append(f"{kind} {record_id}: its index /{index} is not built")
        elif SITE + url not in _links(html(site, index), index):
            wrong.append(f"{kind} {record_id}: /{index} does not link to /{url}")
    return wrong


def unmarked_pages(site: Path, audience: Audience) -> list[str]:
    """Every content page shows its TLP marking, and only markings its audience may read."""
    wrong = []
    for page in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        if soup.select_one("article") is None:
            continue  # a redirect: it has no content of its own
        name = page.relative_to(site).as_posix()
        marks = [
            mark["data-gceg-classification"]
            for mark in soup.select(".gceg-marking[data-gceg-classification]")
        ]
        if not marks:
            wrong.append(f"{name}: no marking")
        elif not all(mark in VALUES and audience.may_see(Classification(mark)) for mark in marks):
            wrong.append(f"{name}: marked {marks} on the {audience} site")
    return wrong


def unverified_quotes(site: Path, catalog: Catalog) -> list[str]:
    """Every quote from a source whose text is stored is in that text, word for word, and
    every link from a fact to its passage lands on that passage in the source's page."""
    wrong = []
    texts = {source.id: Passages(source.text) for source in catalog.sources if source.text}
    for (kind, record_id), loc, citation in catalog.instances(models.Citation):
        passages = texts.get(citation.source)
        if passages is not None and citation.quote and not passages.contains(citation.quote):
            where = ".".join(map(str, loc))
            wrong.append(f"{kind} {record_id} {where}: {citation.quote!r} is not in its source")
    anchors: dict[str, set[str]] = {}
    for kind, record_id, url in record_pages(catalog):
        for mark in html(site, url).select("ol.gceg-citations a[href*='#q-']"):
            target = urlsplit(urljoin(SITE + url, mark["href"]))
            address = target.path.removeprefix(urlsplit(SITE).path)
            if address not in anchors:
                page = _page_file(site, address)
                found = html(site, address).select("[id]") if page.is_file() else []
                anchors[address] = {tag["id"] for tag in found}
            if target.fragment not in anchors[address]:
                wrong.append(f"{kind} {record_id}: {mark['href']} leads to no passage")
    return wrong


def missing_pdfs(site: Path, catalog: Catalog) -> list[str]:
    """Every document (each edition of a paper, each meeting) has its PDF."""
    wanted = [
        pdf_path(paper.doc_id, edition.edition)
        for paper in catalog.papers
        for edition in paper.editions
    ]
    wanted += [pdf_path(meeting.doc_id) for meeting in catalog.meetings]
    return [
        name
        for name in wanted
        if not (site / name).is_file() or not (site / name).read_bytes().startswith(b"%PDF-")
    ]
