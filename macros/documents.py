"""Documents: papers (each with its editions) and meeting outcomes, as one list.

The open data, the feed, the citations and the permalinks all describe the
same documents; they all take them from here.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from . import models
from .catalog import Catalog
from .fields import localise
from .vocab import Classification, DocumentStatus, DocumentType


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
    issuing_body: str
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


def documents(catalog: Catalog, urls: dict[str, str]) -> list[Document]:
    """Every published document, by document number."""
    found: list[Document] = []
    for paper in catalog.papers:
        found.append(
            Document(
                doc_id=paper.doc_id,
                type=paper.type,
                title=localise(paper.title),
                status=paper.status,
                edition=paper.edition,
                date=paper.current.date,
                record=paper.id,
                url=urls[f"strategy/{paper.id}.md"],
                permalink=permalink(paper.doc_id),
                issuing_body=localise(catalog.get("organisation", paper.issuing_body).name),
                classification=paper.classification,
                illustrative=paper.illustrative,
            )
        )
    for meeting in catalog.meetings:
        found.append(
            Document(
                doc_id=meeting.doc_id,
                type=DocumentType.MEETING_OUTCOME,
                title=localise(meeting.title),
                status=None,
                edition=None,
                date=meeting.end,
                record=meeting.id,
                url=urls[f"meetings/{meeting.id}.md"],
                permalink=permalink(meeting.doc_id),
                issuing_body=localise(catalog.group.name),
                classification=meeting.classification,
                illustrative=False,
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
