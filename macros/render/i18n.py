"""Translations of interface strings, and dates and numbers in the reader's language.

Strings are marked with ``N_``/``NP_``/``NC_`` in Python and ``_()``, ``ngettext()``,
``pgettext()`` in the templates; ``make messages`` extracts them into
``macros/render/locales/messages.pot``. A language's ``.po`` file, when present,
is compiled in memory at start-up, so no binary ``.mo`` file is committed.

A translator gets whole sentences: a message with a link or a date in it names it
(``"This paper was withdrawn on {date}."``), and ``fill`` puts the value in, escaped,
wherever the translation placed it. A count picks its plural form (ngettext); a short
word with several senses carries its context (pgettext, msgctxt).
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from markupsafe import Markup

from ..model.fields import PartialDate, localise
from ..model.vocab import (
    QUALIFIER_FORMATS,
    SOURCE_LANGUAGE,
    DateQualifier,
    Label,
    Language,
    Qualifier,
)

LOCALES_DIR = Path(__file__).parent / "locales"
BABEL_LOCALE = {Language.EN: "en_GB", Language.FR: "fr_FR", Language.ES: "es_ES", Language.AR: "ar"}


class UntranslatedStrings(Exception):
    """A release build found interface strings its language's catalogue does not translate."""


def po_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"


def untranslated(language: str) -> list[str]:
    """The messages of messages.pot that the language's .po leaves untranslated or fuzzy."""
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    po = po_path(language)
    if not po.is_file():
        return [f"{po.relative_to(LOCALES_DIR.parents[2])} is missing"]
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALE[Language(language)])
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        strings = found.string if found is not None else None
        texts = strings if isinstance(strings, (tuple, list)) else (strings,)
        if found is None or found.fuzzy or not all(texts):
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            state = "fuzzy" if found is not None and found.fuzzy else "untranslated"
            missing.append(f"{po.name} ({language}): {state}: {key!r}")
    return missing


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(
    message: str,
    values: dict[str, object],
    escape: Callable[[object], Markup],
    literal: Callable[[str], Markup] = Markup,
) -> Markup:
    """A translated message with each ``{name}`` replaced by its value, escaped by
    ``escape``. The words around them go through ``literal``: trusted as they are by
    default (the catalogue is the project's), escaped where the message is itself data
    text (a citation). Hand-written rather than Markup.format, which escapes every value
    its own way and cannot escape the words around them."""
    pieces = PLACEHOLDER.split(message)  # words, name, words, name, ..., words
    return Markup("").join(
        escape(values[piece]) if index % 2 else literal(piece) for index, piece in enumerate(pieces)
    )


class Translator:
    """Everything a view needs to speak one language. ``strict`` (a release build): every
    interface string must be translated, none fuzzy, or making the translator fails."""

    def __init__(self, language: str = SOURCE_LANGUAGE, strict: bool = False):
        self.language = Language(language)
        self.locale = BABEL_LOCALE[self.language]
        missing = strict and self.language is not SOURCE_LANGUAGE and untranslated(language)
        if missing:
            raise UntranslatedStrings("\n".join(missing))

    @cached_property
    def _translations(self) -> gettext.NullTranslations:
        po = po_path(self.language.value)
        if not po.is_file():
            return gettext.NullTranslations()
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=self.locale)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)

    def gettext(self, message: str) -> str:
        if isinstance(message, Label):  # a word marked with its sense (vocab.NC_)
            return self.pgettext(message.context, message)
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._translations.pgettext(context, str(message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._translations.npgettext(context, singular, plural, n)

    def template_functions(self, escape: Callable[[object], Markup]) -> dict[str, Callable]:
        """gettext, ngettext, pgettext and npgettext for Jinja (installed without Jinja's
        "newstyle" %-formatting): each fills its message's ``{name}`` placeholders with
        the keyword values, each escaped by ``escape`` (markup the template built, a link,
        stays as it is). The translation itself is the project's text, trusted as markup.
        ngettext's count is ``{num}`` unless given, in the language's digits."""

        def gettext_(message: str, **values) -> Markup:
            return fill(self.gettext(message), values, escape)

        def ngettext_(singular: str, plural: str, n: int, **values) -> Markup:
            values.setdefault("num", self.number(n))
            return fill(self.ngettext(singular, plural, n), values, escape)

        def pgettext_(context: str, message: str, **values) -> Markup:
            return fill(self.pgettext(context, message), values, escape)

        def npgettext_(context: str, singular: str, plural: str, n: int, **values) -> Markup:
            values.setdefault("num", self.number(n))
            return fill(self.npgettext(context, singular, plural, n), values, escape)

        return {
            "gettext": gettext_,
            "ngettext": ngettext_,
            "pgettext": pgettext_,
            "npgettext": npgettext_,
        }

    @property
    def comma(self) -> str:
        """The comma between the parts of a place, a role, a list of names. Arabic writes its
        own (U+060C); CLDR gives it only inside its list patterns' conjunctions, so it is
        written here."""
        return "\u060c " if self.language is Language.AR else ", "

    @property
    def direction(self) -> str:
        return self.language.direction

    def text(self, value) -> str:
        return localise(value, self.language)

    def date(self, value: date) -> str:
        return self._first_day(format_date(value, "long", locale=self.locale), value)

    def date_range(self, start: date, end: date) -> str:
        if start == end:
            return self.date(start)
        if start.year == end.year:
            skeleton = "d" if start.month == end.month else "MMMMd"
            shown = self._first_day(format_skeleton(skeleton, start, locale=self.locale), start)
            return f"{shown} – {self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"

    def _first_day(self, shown: str, value: date) -> str:
        """French writes the first of a month as an ordinal, "1er décembre"; CLDR's patterns
        have only the number."""
        if self.language is Language.FR and value.day == 1 and shown.startswith("1"):
            return "1er" + shown[1:]
        return shown

    def partial_date(self, value: PartialDate, qualifier: DateQualifier = DateQualifier.ON) -> str:
        if value.precision == "day":
            shown = self.date(value.earliest)
        elif value.precision == "month":
            shown = format_skeleton("yMMMM", value.earliest, locale=self.locale)
        else:
            shown = str(value.year)
        if qualifier is DateQualifier.BEFORE:
            return self.gettext("before {date}").format(date=shown)
        if qualifier is DateQualifier.AFTER:
            return self.gettext("after {date}").format(date=shown)
        return shown

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def figure(self, value: int, qualifier: Qualifier) -> str:
        return self.gettext(QUALIFIER_FORMATS[qualifier]).format(n=self.number(value))
