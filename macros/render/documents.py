"""Documents: papers (each with its editions) and meeting records, as one list.

``describe`` is the one description of a document: its facts, its permalink
and its provenance. The open data, the feed, the citations and the PDFs read
it, so that none of them can say more than another about who made what.

Provenance is the line the site must not blur: a paper is a document a body
issued; a meeting record is compiled by this site's editors from the sources
it cites (a news article about a meeting is not a document of the meeting);
an illustrative paper is an example made for the site, issued by no one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..load.catalog import Catalog
from ..model import models
from ..model.fields import localise
from ..model.vocab import N_, Classification, DocumentStatus, DocumentType, Topic

# Who compiled what the site compiled; the name its citations give as author.
EDITORS = N_("Editors of the GCEG strategy site")


class Provenance(StrEnum):
    ISSUED = "issued"  # a document a body issued (a paper)
    COMPILED = "compiled"  # a record this site's editors compiled from sources (a meeting)
    ILLUSTRATIVE = "illustrative"  # an example made for this site: issued by no one


@dataclass(frozen=True)
class Facts:
    """One document (or one edition of a paper) as every output describes it."""

    doc_id: str
    kind: str  # the record kind: "paper" or "meeting"
    record_id: str
    type: DocumentType
    title: str
    date: date
    edition: str | None  # a paper's edition: the one asked for, else the current one
    pinned: bool  # whether that edition was asked for (its permalink names it)
    status: DocumentStatus | None
    provenance: Provenance
    issued_by: str | None  # the issuing body's name, for an issued document only
    sources: tuple[str, ...]  # titles of the sources a compiled record comes from
    authors: tuple[str, ...]
    topics: tuple[Topic, ...]
    classification: Classification
    event: tuple[date, date] | None  # a meeting's first and last day

    @property
    def illustrative(self) -> bool:
        return self.provenance is Provenance.ILLUSTRATIVE

    @property
    def permalink(self) -> str:
        return permalink(self.doc_id, self.edition if self.pinned else None)


def describe(catalog: Catalog, doc_id: str, edition: str | None = None) -> Facts:
    """The facts of a document by its number; a paper's current edition unless named."""
    record: Any = catalog.by_doc_id[doc_id]
    if isinstance(record, models.Paper):
        shown = next((e for e in record.editions if e.edition == edition), record.current)
        return Facts(
            doc_id=doc_id,
            kind="paper",
            record_id=record.id,
            type=record.type,
            title=localise(record.title),
            date=shown.date,
            edition=shown.edition,
            pinned=edition is not None,
            status=record.status_of(shown),
            provenance=Provenance.ILLUSTRATIVE if record.illustrative else Provenance.ISSUED,
            issued_by=None
            if record.illustrative
            else localise(catalog.get("organisation", record.issuing_body).name),
            sources=_source_titles(catalog, "paper", record),
            authors=tuple(catalog.get("person", p).name for p in record.authors),
            topics=tuple(record.topics),
            classification=record.classification,
            event=None,
        )
    return Facts(
        doc_id=doc_id,
        kind="meeting",
        record_id=record.id,
        type=DocumentType.MEETING_OUTCOME,
        title=localise(record.title),
        date=record.end,
        edition=None,
        pinned=False,
        status=None,
        provenance=Provenance.COMPILED,
        issued_by=None,
        sources=_source_titles(catalog, "meeting", record),
        authors=(),
        topics=tuple(record.topics),
        classification=record.classification,
        event=(record.start, record.end),
    )


def _source_titles(catalog: Catalog, kind: str, record: Any) -> tuple[str, ...]:
    """The sources a record cites anywhere in it, in order of first citation."""
    contents = catalog.contents.get((kind, record.id))
    cited = [c.source for _, c in contents.instances.get(models.Citation, [])] if contents else []
    return tuple(catalog.get("source", s).title for s in dict.fromkeys(cited))


class Document(BaseModel):
    """One document as the open data describes it (api/v1/documents.json)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_id: str
    type: DocumentType
    title: str
    status: DocumentStatus | None
    edition: str | None
    date: date
    record: str  # the record id (its page is <section>/<record>/)
    url: str  # the page, relative to the site root
    permalink: str  # the stable address, relative to the site root
    # Kept from the first v1 for its readers; it named the group for meeting records and
    # illustrative papers, which no body issued: null for those now (see the README).
    issuing_body: str | None
    provenance: Provenance
    issued_by: str | None  # the body that issued it: issued documents only
    compiled_by: str | None  # this site's editors: compiled records only
    compiled_from: list[str]  # the sources a compiled record comes from
    classification: Classification
    illustrative: bool


class EditionItem(BaseModel):
    """One edition of a paper (api/v1/editions.json)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_id: str
    paper: str
    edition: str
    date: date
    status: DocumentStatus | None
    changes: str
    current: bool
    url: str
    permalink: str


def permalink(doc_id: str, edition: str | None = None) -> str:
    return f"d/{doc_id}/" + (f"{edition}/" if edition else "")


# A document's PDF (written by exports/pdf), where its page links to it.
COMPENDIUM = "pdf/gceg-compendium.pdf"


def pdf_path(doc_id: str, edition: str | None = None) -> str:
    return f"pdf/{doc_id}-{edition}.pdf" if edition else f"pdf/{doc_id}.pdf"


def documents(catalog: Catalog, urls: dict[str, str]) -> list[Document]:
    """Every published document, by document number."""
    found: list[Document] = []
    for record in [*catalog.papers, *catalog.meetings]:
        facts = describe(catalog, record.doc_id)
        compiled = facts.provenance is Provenance.COMPILED
        found.append(
            Document(
                doc_id=facts.doc_id,
                type=facts.type,
                title=facts.title,
                status=facts.status,
                edition=facts.edition,
                date=facts.date,
                record=facts.record_id,
                url=urls[catalog.page_of(facts.kind, facts.record_id)],
                permalink=facts.permalink,
                issuing_body=facts.issued_by,
                provenance=facts.provenance,
                issued_by=facts.issued_by,
                compiled_by=EDITORS if compiled else None,
                compiled_from=list(facts.sources) if compiled else [],
                classification=facts.classification,
                illustrative=facts.illustrative,
            )
        )
    return sorted(found, key=lambda d: d.doc_id)


def editions(catalog: Catalog, urls: dict[str, str]) -> list[EditionItem]:
    found = []
    for paper in catalog.papers:
        for edition in paper.editions:
            found.append(
                EditionItem(
                    doc_id=paper.doc_id,
                    paper=paper.id,
                    edition=edition.edition,
                    date=edition.date,
                    status=edition.status,
                    changes=localise(edition.changes),
                    current=edition is paper.current,
                    url=urls[catalog.edition_page(paper.id, edition.edition)],
                    permalink=permalink(paper.doc_id, edition.edition),
                )
            )
    return found


def previous_edition(paper: models.Paper, edition: models.Edition) -> models.Edition | None:
    index = paper.editions.index(edition)
    return paper.editions[index - 1] if index else None
