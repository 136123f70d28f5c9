"""Which PDFs a build makes, and from which pages: one per paper edition, one per
meeting outcome, and a compendium of the current text of every document."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...address import absolute
from ...load.catalog import Catalog
from ...model.fields import localise
from ...model.vocab import Classification, DocumentType
from ...render.documents import COMPENDIUM, describe, pdf_path, permalink


@dataclass(frozen=True)
class Part:
    """One document as printed: its page in the built site and its cover facts."""

    doc_id: str
    title: str
    page_url: str  # site-relative URL of the page whose article is printed
    classification: Classification
    kind: str
    edition: str | None
    status: str | None
    date: str  # ISO date
    provenance: str  # documents.Provenance: issued, compiled (by this site) or illustrative
    issued_by: str | None  # the issuing body: issued documents only
    sources: tuple[str, ...]  # what a compiled record was compiled from
    summary: str
    keywords: tuple[str, ...]
    illustrative: bool
    permalink: str


@dataclass
class Job:
    output: str  # site-relative path of the PDF
    title: str
    parts: list[Part] = field(default_factory=list)
    # "document": a PDF of its own (cover, contents, text); "compendium": one of every
    # document (compendium.py assembles it); "part": a document's pages in the compendium.
    mode: str = "document"

    @property
    def classification(self) -> Classification:
        """The most restrictive marking among the parts: the marking of the whole file."""
        return max((p.classification for p in self.parts), key=lambda c: c.rank)


def parts(
    catalog: Catalog, urls: dict[str, str], site_url: str, language: str = "en"
) -> list[tuple[str, Part]]:
    """(output path, part) for every document edition the audience may see, its texts in
    ``language`` (English where a text is not translated)."""
    found: list[tuple[str, Part]] = []
    for paper in catalog.papers:
        facts = describe(catalog, paper.doc_id)
        for edition in paper.editions:
            found.append(
                (
                    pdf_path(paper.doc_id, edition.edition),
                    Part(
                        doc_id=paper.doc_id,
                        title=localise(paper.title, language),
                        page_url=urls[catalog.edition_page(paper.id, edition.edition)],
                        classification=paper.classification,
                        kind=paper.type.label,
                        edition=edition.edition,
                        status=_label(paper.status_of(edition)),
                        date=edition.date.isoformat(),
                        provenance=facts.provenance.value,
                        issued_by=facts.issued_by,
                        sources=facts.sources,
                        summary=localise(paper.summary, language),
                        keywords=_keywords(paper),
                        illustrative=paper.illustrative,
                        permalink=absolute(site_url, permalink(paper.doc_id, edition.edition))
                        or "",
                    ),
                )
            )
    for meeting in catalog.meetings:
        facts = describe(catalog, meeting.doc_id)
        found.append(
            (
                pdf_path(meeting.doc_id),
                Part(
                    doc_id=meeting.doc_id,
                    title=localise(meeting.title, language),
                    page_url=urls[catalog.page_of("meeting", meeting.id)],
                    classification=meeting.classification,
                    kind=DocumentType.MEETING_OUTCOME.label,
                    edition=None,
                    status=None,
                    date=meeting.end.isoformat(),
                    provenance=facts.provenance.value,
                    issued_by=None,
                    sources=facts.sources,
                    summary=localise(meeting.purpose.text, language)
                    if meeting.purpose
                    else localise(meeting.title, language),
                    keywords=_keywords(meeting),
                    illustrative=False,
                    permalink=absolute(site_url, facts.permalink) or "",
                ),
            )
        )
    return found


def _label(status) -> str | None:
    return status.label if status is not None else None


def _keywords(record) -> tuple[str, ...]:
    return (record.doc_id, *(topic.label for topic in record.topics), record.classification.value)


def jobs(
    catalog: Catalog, urls: dict[str, str], site_url: str, title: str, language: str = "en"
) -> list[Job]:
    every = parts(catalog, urls, site_url, language)
    single = [Job(output, part.title, [part]) for output, part in every]
    current = {p.doc_id: p for _, p in every}  # editions come oldest first: the last one wins
    # The compendium prints each paper's own page (its current text and history, no diff).
    main_pages = {
        paper.doc_id: urls[catalog.page_of("paper", paper.id)] for paper in catalog.papers
    }
    chosen = [replace(p, page_url=main_pages.get(p.doc_id, p.page_url)) for p in current.values()]
    compendium = Job(COMPENDIUM, title, sorted(chosen, key=lambda p: p.doc_id), "compendium")
    return [*single, compendium] if compendium.parts else single
