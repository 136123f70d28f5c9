"""Field types shared by the record models: ids, references, texts, dates, figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import core_schema

from .vocab import SOURCE_LANGUAGE, Language


class FreeText:
    """Marks a field as free text written by people: it is escaped wherever it is shown,
    and the tests fill every such field with attack strings to prove it."""


FREE_TEXT = FreeText()

# Characters that change how the text around them reads without being seen themselves:
# bidirectional embeddings, overrides and isolates (the "Trojan Source" characters, which
# can make a title or a quote display differently from what it says) and control characters.
# Left-to-right and right-to-left marks (U+200E, U+200F, U+061C) stay allowed: Arabic text
# needs them, and they cannot reorder a run of text.
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HIDDEN_NAMES = {
    0x202A: "LEFT-TO-RIGHT EMBEDDING",
    0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE",
    0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
}


def visible(value: str) -> str:
    """Refuse characters that are not seen but change what a text shows (see _HIDDEN)."""
    if match := _HIDDEN.search(value):
        code = ord(match.group(0))
        name = _HIDDEN_NAMES.get(code, "a control character")
        raise ValueError(
            f"invisible character U+{code:04X} ({name}) at position {match.start() + 1}: "
            "it can make the text display differently from what it says; remove it"
        )
    return value


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
DocId = Annotated[str, StringConstraints(pattern=r"^GCEG-[A-Z]+-[0-9]{4,6}$")]
Line = Annotated[
    str,
    StringConstraints(min_length=1, max_length=300, pattern=r"^[^\n]*$"),
    AfterValidator(visible),
    FREE_TEXT,
]
Prose = Annotated[str, AfterValidator(visible), FREE_TEXT]  # may run over several lines


@dataclass(frozen=True)
class RefTo:
    """Marks a field as the id of another record; the catalog resolves it."""

    kind: str


SourceRef = Annotated[Slug, RefTo("source")]
OrganisationRef = Annotated[Slug, RefTo("organisation")]
PersonRef = Annotated[Slug, RefTo("person")]
ProgrammeRef = Annotated[Slug, RefTo("programme")]
PaperRef = Annotated[Slug, RefTo("paper")]


def _parse_text(value: Any) -> str | dict[str, str]:
    """One check for both shapes of a text, so an error reads as one message."""
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("text is empty")
        return visible(value.strip())
    if isinstance(value, dict):
        languages = {language.value for language in Language}
        out: dict[str, str] = {}
        for language, text in value.items():
            if language not in languages:
                raise ValueError(
                    f"'{language}' is not a language of the site ({', '.join(sorted(languages))})"
                )
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the '{language}' text is empty or not text")
            try:
                out[language] = visible(text.strip())
            except ValueError as error:
                raise ValueError(f"the '{language}' text: {error}") from None
        if SOURCE_LANGUAGE not in out:
            raise ValueError(f"a translated text needs its '{SOURCE_LANGUAGE}' original")
        return out
    raise ValueError("expected text, or a mapping of language code to text")


_TEXT_SCHEMA = {
    "description": "Text in English, or a mapping of language code (en, fr, es, ar) to text.",
    "oneOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {language.value: {"type": "string"} for language in Language},
            "required": [SOURCE_LANGUAGE.value],
            "additionalProperties": False,
        },
    ],
}

# A user-facing text: plain English, or a mapping of language code to text
# (``en`` required) so translations can be added field by field.
Text = Annotated[
    str | dict[str, str],
    PlainValidator(_parse_text),
    WithJsonSchema(_TEXT_SCHEMA),
    FREE_TEXT,
]


# Titles reach places where the theme prints them as HTML (the browser tab,
# the header, the search results, a meta attribute), so they may not carry
# what HTML would read as markup: tags, quotes, or character references.
_MARKUP_IN_TITLE = re.compile(r"[<>\"]|&(?:#|[A-Za-z][A-Za-z0-9]*;)")


def _plain(value: str) -> str:
    if match := _MARKUP_IN_TITLE.search(value):
        raise ValueError(
            f"{match.group(0)!r} is not allowed here: the theme shows this text as HTML; "
            "use plain words (curly quotes are fine)"
        )
    return value


def _parse_title(value: Any) -> str | dict[str, str]:
    parsed = _parse_text(value)
    for text in parsed.values() if isinstance(parsed, dict) else [parsed]:
        if "\n" in text:
            raise ValueError("a title is one line")
        _plain(text)
    return parsed


# A title: a Text on one line without markup characters.
Title = Annotated[
    str | dict[str, str],
    PlainValidator(_parse_title),
    WithJsonSchema(_TEXT_SCHEMA),
    FREE_TEXT,
]
TitleLine = Annotated[Line, AfterValidator(_plain)]


def localise(value: str | dict[str, str], language: str = SOURCE_LANGUAGE) -> str:
    """The text in ``language``, falling back to the English original."""
    if isinstance(value, dict):
        return value.get(language) or value[SOURCE_LANGUAGE]
    return value


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: ``2014``, ``2015-11``, ``2015-11-30``."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        if not isinstance(value, str) or not (match := _PARTIAL_DATE.match(value)):
            raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:  # let the calendar reject 2015-02-30 and month 13
            date(year, month or 1, day or 1)
        except ValueError as error:
            raise ValueError(f"not a calendar date: {error}") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def __lt__(self, other: PartialDate) -> bool:
        return (self.year, self.month or 0, self.day or 0) < (
            other.year,
            other.month or 0,
            other.day or 0,
        )

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler):
        return {
            "type": ["string", "integer"],
            "pattern": _PARTIAL_DATE.pattern,
            "description": "A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD.",
        }
