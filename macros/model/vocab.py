"""Closed vocabularies: the one place where allowed values are listed.

Each value is what contributors write in YAML; each label is English text
marked with ``N_`` so the translation tools can extract it, and translated
when a view shows it.
"""

from __future__ import annotations

from enum import StrEnum


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for extraction, for ngettext later."""
    return singular, plural


class Label(str):
    """A short word whose sense its context gives ("Adopted": a paper's status, or the label
    of the date it was adopted), so translators see it apart from its homonyms (msgctxt).
    Translator.gettext translates it in its context."""

    context: str

    def __new__(cls, context: str, message: str) -> Label:
        label = super().__new__(cls, message)
        label.context = context
        return label

    def __reduce__(self):  # copies and pickles keep the context
        return Label, (self.context, str(self))


def NC_(context: str, message: str) -> Label:
    """Mark a word with its context (msgctxt) for extraction, for pgettext later."""
    return Label(context, message)


class Classification(StrEnum):
    """Traffic Light Protocol 2.0 markings, least to most restricted."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def css(self) -> str:
        return "tlp-" + self.value.split(":", 1)[1].lower().replace("+", "-")

    @property
    def meaning(self) -> str:
        return TLP_MEANINGS[self]


_RANKS = {marking: rank for rank, marking in enumerate(Classification)}

# FIRST, Traffic Light Protocol (TLP) version 2.0, definitions.
TLP_MEANINGS = {
    Classification.CLEAR: N_("Disclosure is not limited."),
    Classification.GREEN: N_(
        "Limited disclosure: recipients may share within their community, not publicly."
    ),
    Classification.AMBER: N_(
        "Limited disclosure: recipients may share on a need-to-know basis within "
        "their organisation and its clients."
    ),
    Classification.AMBER_STRICT: N_(
        "Limited disclosure: recipients may share only within their own organisation."
    ),
    Classification.RED: N_("For the eyes and ears of individual recipients only."),
}


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    CONSULTATION = "consultation"
    ADOPTED = "adopted"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    DocumentStatus.DRAFT: NC_("document status", "Draft"),
    DocumentStatus.CONSULTATION: NC_("document status", "In consultation"),
    DocumentStatus.ADOPTED: NC_("document status", "Adopted"),
    DocumentStatus.SUPERSEDED: NC_("document status", "Superseded"),
    DocumentStatus.WITHDRAWN: NC_("document status", "Withdrawn"),
}


class DocumentType(StrEnum):
    STRATEGY_PAPER = "strategy-paper"
    PROGRAMME_DESCRIPTION = "programme-description"
    MEETING_OUTCOME = "meeting-outcome"

    @property
    def label(self) -> str:
        return TYPE_LABELS[self]


TYPE_LABELS = {
    DocumentType.STRATEGY_PAPER: N_("Strategy paper"),
    DocumentType.PROGRAMME_DESCRIPTION: N_("Programme description"),
    DocumentType.MEETING_OUTCOME: N_("Meeting record"),
}


class Topic(StrEnum):
    RESEARCH = "research"
    TRAINING = "training"
    FORENSICS = "forensics"
    OPERATIONS = "operations"
    STRATEGY = "strategy"
    COOPERATION = "cooperation"

    @property
    def label(self) -> str:
        return TOPIC_LABELS[self]


TOPIC_LABELS = {
    Topic.RESEARCH: N_("Cyber research"),
    Topic.TRAINING: N_("Training"),
    Topic.FORENSICS: N_("Forensics"),
    Topic.OPERATIONS: N_("Operations"),
    Topic.STRATEGY: N_("Strategy"),
    Topic.COOPERATION: N_("Cooperation"),
}


class Qualifier(StrEnum):
    """How exact a reported figure is, in the words of its source."""

    EXACT = "exact"
    AROUND = "around"
    SOME = "some"
    OVER = "over"
    UNDER = "under"


QUALIFIER_FORMATS = {
    Qualifier.EXACT: N_("{n}"),
    Qualifier.AROUND: N_("around {n}"),
    Qualifier.SOME: N_("some {n}"),
    Qualifier.OVER: N_("over {n}"),
    Qualifier.UNDER: N_("under {n}"),
}


class DateQualifier(StrEnum):
    ON = "on"
    BEFORE = "before"
    AFTER = "after"


class GroupRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    SECRETARIAT = "secretariat"

    @property
    def label(self) -> str:
        return GROUP_ROLE_LABELS[self]


GROUP_ROLE_LABELS = {
    GroupRole.CHAIR: N_("Chair"),
    GroupRole.VICE_CHAIR: N_("Vice-chair"),
    GroupRole.SECRETARIAT: N_("Secretariat"),
}


class OrganisationKind(StrEnum):
    INTERNATIONAL_ORGANISATION = "international-organisation"
    GOVERNING_BODY = "governing-body"
    FACILITY = "facility"
    NATIONAL_AGENCY = "national-agency"
    UNIT = "unit"
    WORKING_GROUP = "working-group"
    EXPERT_GROUP = "expert-group"
    STANDARDS_BODY = "standards-body"


class SourceKind(StrEnum):
    NEWS_ARTICLE = "news-article"
    STANDARD = "standard"
    REPORT = "report"

    @property
    def label(self) -> str:
        return SOURCE_KIND_LABELS[self]


SOURCE_KIND_LABELS = {
    SourceKind.NEWS_ARTICLE: NC_("source kind", "News article"),
    SourceKind.STANDARD: NC_("source kind", "Standard"),
    SourceKind.REPORT: NC_("source kind", "Report"),
}


class Language(StrEnum):
    """The four official languages on the road map; English is the source."""

    EN = "en"
    FR = "fr"
    ES = "es"
    AR = "ar"

    @property
    def direction(self) -> str:
        return "rtl" if self is Language.AR else "ltr"


SOURCE_LANGUAGE = Language.EN
