"""Typed records. Unknown keys are refused; rules that span fields live in ``problems()``.

Field names are the YAML keys contributors write. A record's ``id`` comes
from its file name where the record has a page of its own, and from an
``id`` (or ``term``) key where records share one file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from .fields import (
    DocId,
    Line,
    OrganisationRef,
    PaperRef,
    PartialDate,
    PersonRef,
    ProgrammeRef,
    Prose,
    Slug,
    SourceRef,
    Text,
    Title,
    TitleLine,
)
from .vocab import (
    SOURCE_LANGUAGE,
    Classification,
    DateQualifier,
    DocumentStatus,
    DocumentType,
    GroupRole,
    Language,
    OrganisationKind,
    Qualifier,
    SourceKind,
    Topic,
)

# A problem found by a cross-field rule: where (a location inside the record) and what.
RuleProblem = tuple[tuple, str]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    # Of a record read despite errors (catalog._salvage): where fields with errors were
    # left out. Their errors are reported; rules do not report their absence again.
    _dropped: frozenset[tuple] = PrivateAttr(default_factory=frozenset)

    def problems(self) -> Iterator[RuleProblem]:
        """Rules across this record's fields; none unless a model adds them."""
        yield from ()


# ---------------------------------------------------------------- shared parts


class Citation(Strict):
    """Where a fact comes from: a source record and the passage that supports it."""

    source: SourceRef
    quote: Prose | None = Field(
        None,
        description="The passage, verbatim, that supports the fact. Checked against the "
        "source's stored text when it has one.",
    )
    locator: Line | None = Field(None, description="Section or page in the source.")
    note: Text | None = Field(None, description="An editorial note on how the source is read.")


def _stated(value: object) -> bool:
    return value is not None and value != [] and value != ""


class Grounded(Strict):
    """A part of a record that states facts. Each fact in ``facts`` is backed by one of
    its citation fields, or the editors say in ``editor_notes`` that it is their reading
    (a location inferred from a city, a body's place in an organisation). Pages show the
    note beside the fact, so an inference is never presented as something a source says."""

    # fact field -> the fields (citations, or lists of cited entries) that can back it
    facts: ClassVar[dict[str, tuple[str, ...]]] = {}
    editor_notes: dict[str, Text] = Field(
        default_factory=dict,
        description="The editors' note on each fact that no cited passage states, by field "
        "name (e.g. `location: The source names the city; the country is the editors'.`).",
    )

    def grounding_problems(
        self, at: tuple = (), dropped: frozenset = frozenset()
    ) -> Iterator[RuleProblem]:
        """This entry's facts that nothing backs, located from ``at`` (where the entry sits
        in its record). A backing in ``dropped`` was left out of the record for its own
        errors (catalog._salvage): it was there, so its absence is not reported as well."""
        for name in self.editor_notes:
            if name not in self.facts:
                yield (
                    (*at, "editor_notes", name),
                    f"'{name}' is not a fact of this entry; a note can explain "
                    f"{', '.join(self.facts)}",
                )
        for name, backers in self.facts.items():
            if not _stated(getattr(self, name)) or name in self.editor_notes:
                continue
            if any((*at, backer) in dropped for backer in backers):
                continue
            if not any(_stated(getattr(self, backer)) for backer in backers):
                yield (
                    (*at, name),
                    f"no source backs this fact: add '{backers[0]}:' with the passage that "
                    f"says it, or 'editor_notes: {{{name}: ...}}' saying it is the editors' "
                    "reading",
                )


class CitedText(Strict):
    text: Text
    cite: Citation


class Figure(Strict):
    """A reported number, with the source's own precision (``around 80``)."""

    # a count of people, countries, days...: a figure past a billion is a typing mistake
    value: int = Field(ge=0, le=1_000_000_000)
    qualifier: Qualifier = Qualifier.EXACT


class Record(Strict):
    """Fields every record has."""

    page_dir: ClassVar[str | None] = None  # docs/<page_dir>/<id>.md is the record's page
    id: Slug
    classification: Classification = Classification.CLEAR
    sources: list[Citation] = Field(default_factory=list)


def _unique(values: list, field: str) -> Iterator[RuleProblem]:
    seen: set = set()
    for index, value in enumerate(values):
        if value in seen:
            yield (field, index), f"'{value}' is listed twice"
        seen.add(value)


# ---------------------------------------------------------------- sources


class Source(Record):
    page_dir = "sources"
    title: TitleLine
    kind: SourceKind
    publisher: Text | None = None
    published: PartialDate | None = None
    url: Annotated[str, StringConstraints(pattern=r"""^https://[^\s"'<>]+$""")] | None = None
    language: Language = Language.EN
    text: Prose | None = Field(
        None, description="The source's text, kept so that every cited passage can be checked."
    )
    coverage: Literal["complete", "partial"] = Field(
        "partial",
        description="'complete' promises that every sentence of the text is cited somewhere "
        "on the site; validation then checks it.",
    )
    note: Text | None = None

    def problems(self) -> Iterator[RuleProblem]:
        if self.coverage == "complete" and not self.text:
            yield ("coverage",), "'complete' coverage needs the source's text"
        if not self.text and not self.url:
            yield ("url",), "a source needs a url, its text, or both"


# ---------------------------------------------------------------- organisations and people


class OfficialName(Strict):
    """An organisation's name in another of the site's languages, as a source gives it."""

    language: Language
    name: Line
    cite: Citation = Field(description="The passage that gives this form of the name.")


class Organisation(Grounded):
    facts = {
        "name": ("cite",),
        "short_name": ("cite",),
        "parent": ("parent_cite",),
        "location": ("location_cite",),
    }
    id: Slug
    name: Text
    short_name: Line | None = None
    kind: OrganisationKind
    parent: OrganisationRef | None = None
    parent_cite: Citation | None = Field(
        None, description="The passage that says whose part it is."
    )
    location: Text | None = None
    location_cite: Citation | None = Field(None, description="The passage that gives its location.")
    classification: Classification = Classification.CLEAR
    cite: Citation
    official_names: list[OfficialName] = Field(
        default_factory=list,
        description="Its official name in French, Spanish or Arabic where a source gives it "
        "({language: fr, name: ..., cite: ...}); a translated name without one is shown as "
        "the site's translation, beside the name the sources give.",
    )

    def official_name(self, language: Language) -> OfficialName | None:
        return next((o for o in self.official_names if o.language is language), None)

    def problems(self) -> Iterator[RuleProblem]:
        if self.parent == self.id:
            yield ("parent",), "an organisation cannot be its own parent"
        seen = set()
        for index, official in enumerate(self.official_names):
            if official.language is SOURCE_LANGUAGE:
                yield (
                    ("official_names", index, "language"),
                    "the English name is 'name'; official forms are for fr, es and ar",
                )
            elif official.language in seen:
                yield (
                    ("official_names", index, "language"),
                    f"a second official name in '{official.language.value}'",
                )
            seen.add(official.language)


class PersonRole(Strict):
    title: Text
    organisation: OrganisationRef | None = None
    cite: Citation


class Person(Grounded, Record):
    page_dir = "people"
    facts = {"name": ("roles", "sources")}
    name: TitleLine
    sort_name: Line | None = Field(
        None, description="Name as sorted in lists, e.g. 'Stock, Jürgen'."
    )
    roles: list[PersonRole] = Field(default_factory=list)


# ---------------------------------------------------------------- the group


class Leadership(Strict):
    person: PersonRef
    role: GroupRole
    cite: Citation


class HistoryEvent(Strict):
    date: PartialDate
    date_qualifier: DateQualifier = DateQualifier.ON
    text: Text
    milestone: Literal["established"] | None = Field(
        None, description="Marks the event that gives the group's founding date."
    )
    cite: Citation


class Group(Grounded):
    facts = {
        "name": ("cite",),
        "short_name": ("cite",),
        "parent": ("parent_cite",),
        "predecessor": ("predecessor_cite",),
    }
    id: Literal["group"] = "group"
    name: Text
    short_name: Line
    cite: Citation | None = Field(None, description="The passage that names the group.")
    parent: OrganisationRef
    parent_cite: Citation | None = Field(None, description="The passage that names its parent.")
    mandate: CitedText
    aims: list[CitedText] = Field(min_length=1)
    leadership: list[Leadership] = Field(default_factory=list)
    history: list[HistoryEvent] = Field(default_factory=list)
    predecessor: OrganisationRef | None = None
    predecessor_cite: Citation | None = Field(
        None, description="The passage that names the body whose work the group carries on."
    )
    classification: Literal[Classification.CLEAR] = Classification.CLEAR

    def problems(self) -> Iterator[RuleProblem]:
        chairs = [i for i, lead in enumerate(self.leadership) if lead.role is GroupRole.CHAIR]
        for index in chairs[1:]:
            yield ("leadership", index, "role"), "the group has one chair"
        founding = [i for i, event in enumerate(self.history) if event.milestone == "established"]
        for index in founding[1:]:
            yield ("history", index, "milestone"), "the group was established once"
        for index in range(1, len(self.history)):
            if self.history[index].date < self.history[index - 1].date:
                yield ("history", index, "date"), "history events must be in date order"


# ---------------------------------------------------------------- meetings and programmes


class Venue(Grounded):
    facts = {field: ("cite",) for field in ("organisation", "name", "city", "country")}
    organisation: OrganisationRef | None = None
    name: Text | None = None
    city: Text
    country: Text
    cite: Citation | None = None

    def problems(self) -> Iterator[RuleProblem]:
        if not self.organisation and not self.name:
            yield (), "a venue needs a name or an organisation"


class Attendance(Grounded):
    facts = {field: ("cite",) for field in ("participants", "countries", "description")}
    participants: Figure | None = None
    countries: Figure | None = None
    description: Text | None = None
    cite: Citation | None = None


class Statement(Strict):
    speaker: PersonRef
    role: Text = Field(description="The speaker's role as the source gives it.")
    paragraphs: list[Text] = Field(min_length=1, description="The words quoted, verbatim.")
    cite: Citation


class Meeting(Grounded, Record):
    page_dir = "meetings"
    # its title and the rest are backed by `sources`, which a meeting must have (problems)
    facts = {
        "start": ("dates_cite",),
        "end": ("dates_cite",),
        "topics": ("topics_cite",),
        "programmes": ("topics_cite",),
    }
    doc_id: DocId
    title: Title
    start: date
    end: date
    dates_cite: Citation | None = None
    venue: Venue
    attendance: Attendance | None = None
    purpose: CitedText | None = None
    context: CitedText | None = None
    topics: list[Topic] = Field(default_factory=list)
    programmes: list[ProgrammeRef] = Field(default_factory=list)
    topics_cite: Citation | None = Field(
        None, description="Where the topics and programmes are reported."
    )
    statements: list[Statement] = Field(default_factory=list)
    outcomes: list[CitedText] = Field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def problems(self) -> Iterator[RuleProblem]:
        if self.end < self.start:
            yield ("end",), f"the meeting ends ({self.end}) before it starts ({self.start})"
        yield from ((("venue", *loc), msg) for loc, msg in self.venue.problems())
        yield from _unique(self.topics, "topics")
        yield from _unique(self.programmes, "programmes")
        if not self.sources:
            yield ("sources",), "a meeting needs at least one source"


class Programme(Record):
    """Its facts are backed by `sources`, which a programme must have (problems)."""

    page_dir = "programmes"
    title: Title
    topic: Topic
    owner: OrganisationRef | None = None
    summary: Text

    def problems(self) -> Iterator[RuleProblem]:
        if not self.sources:
            yield ("sources",), "a programme needs at least one source"


# ---------------------------------------------------------------- strategy papers


EditionNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+$")]
MovedFrom = Annotated[
    str, StringConstraints(pattern=r"^(?:[a-z0-9]+(?:[-.][a-z0-9]+)*/)+$", max_length=200)
]


def edition_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


class Edition(Strict):
    """One published text of a paper. Its text lives in docs/strategy/<paper>/<edition>.md."""

    edition: EditionNumber
    date: date
    status: DocumentStatus | None = Field(None, description="The paper's status at this edition.")
    changes: Text = Field(description="What changed in this edition, in a sentence or two.")


class Paper(Record):
    page_dir = "strategy"
    doc_id: DocId
    title: Title
    type: DocumentType = DocumentType.STRATEGY_PAPER
    status: DocumentStatus
    editions: list[Edition] = Field(min_length=1, description="Oldest first; the last is current.")
    created: date
    published: date | None = None
    adopted: date | None = None
    withdrawn: date | None = None
    supersedes: PaperRef | None = None
    superseded_by: PaperRef | None = None
    moved_from: list[MovedFrom] = Field(
        default_factory=list,
        description="Earlier addresses of this paper's page (e.g. 'strategy/old-name/'); "
        "each keeps working as a redirect.",
    )
    issuing_body: OrganisationRef
    authors: list[PersonRef] = Field(default_factory=list)
    summary: Text
    topics: list[Topic] = Field(default_factory=list)
    illustrative: bool = Field(
        False,
        description="True for an example that is not a document of the group; pages say so "
        "in a banner.",
    )
    classification: Classification  # required: a paper's marking is never implied

    @property
    def current(self) -> Edition:
        return self.editions[-1]

    @property
    def edition(self) -> str:
        return self.current.edition

    def status_of(self, edition: Edition) -> DocumentStatus | None:
        """An edition's status: its own, or, for the current edition, the paper's; the one
        place the page header, the edition history, the citations and the PDFs read it."""
        return edition.status or (self.status if edition is self.current else None)

    def problems(self) -> Iterator[RuleProblem]:
        status = self.status
        current = self.current
        if current.status is not None and current.status is not status:
            yield (
                ("editions", len(self.editions) - 1, "status"),
                f"the current edition's status ({current.status.value}) is not the paper's "
                f"({status.value}); they are one status: change one, or leave this one out",
            )
        if self.adopted and status in (DocumentStatus.DRAFT, DocumentStatus.CONSULTATION):
            yield ("adopted",), f"a paper in {status.value} has no adoption date"
        if status is DocumentStatus.ADOPTED and not self.adopted:
            yield ("status",), "an adopted paper needs its adoption date (adopted: YYYY-MM-DD)"
        if status is DocumentStatus.WITHDRAWN and not self.withdrawn:
            yield ("status",), "a withdrawn paper needs the date it was withdrawn (withdrawn: ...)"
        if self.withdrawn and status is not DocumentStatus.WITHDRAWN:
            yield ("withdrawn",), "only a withdrawn paper has a withdrawal date"
        if status is DocumentStatus.SUPERSEDED and not self.superseded_by:
            yield ("status",), "a superseded paper names its successor (superseded_by: <paper id>)"
        if self.superseded_by and status is not DocumentStatus.SUPERSEDED:
            yield ("superseded_by",), "only a superseded paper names a successor"
        if self.supersedes == self.id or self.superseded_by == self.id:
            yield ("supersedes",), "a paper cannot supersede itself"
        for field in ("published", "adopted", "withdrawn"):
            value = getattr(self, field)
            if value and value < self.created:
                yield (
                    (field,),
                    f"{field} date ({value}) is before the created date ({self.created})",
                )
        for index in range(1, len(self.editions)):
            before, after = self.editions[index - 1], self.editions[index]
            here = ("editions", index)
            if edition_key(after.edition) <= edition_key(before.edition):
                yield (
                    (*here, "edition"),
                    f"edition {after.edition} is listed after {before.edition}: "
                    f"list editions oldest first, {after.edition} before {before.edition}",
                )
            if after.date < before.date:
                yield (*here, "date"), f"edition {after.edition} is dated before {before.edition}"
        if self.editions[0].date < self.created:
            yield ("editions", 0, "date"), "the first edition is dated before the paper's creation"
        yield from _unique([e.edition for e in self.editions], "editions")
        yield from _unique(self.topics, "topics")
        yield from _unique(self.authors, "authors")


# ---------------------------------------------------------------- glossary

Term = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9&+./-]{0,19}$")]


class GlossaryEntry(Strict):
    term: Term
    expansion: Title  # shown as an abbreviation's title attribute: plain text only
    description: Text | None = None
    classification: Classification = Classification.CLEAR
    cite: Citation

    @property
    def id(self) -> str:
        return self.term


# ---------------------------------------------------------------- pages


PageChrome = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


class PageMeta(Strict):
    """Front matter a Markdown page may carry. Anything else is refused, so a
    misspelt ``clasification:`` fails instead of publishing a page unmarked."""

    title: TitleLine | None = None
    description: TitleLine | None = None
    classification: Classification | None = None
    hide: list[PageChrome] = Field(default_factory=list)


__all__ = [
    "Attendance",
    "Citation",
    "CitedText",
    "Figure",
    "GlossaryEntry",
    "Grounded",
    "Group",
    "HistoryEvent",
    "Leadership",
    "Meeting",
    "Organisation",
    "PageMeta",
    "Paper",
    "PaperRef",
    "Person",
    "PersonRole",
    "Programme",
    "Record",
    "RuleProblem",
    "Source",
    "Statement",
    "Venue",
]
