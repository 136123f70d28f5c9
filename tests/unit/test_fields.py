import pytest
from pydantic import TypeAdapter, ValidationError

from macros.model.fields import PartialDate, Text, localise

text = TypeAdapter(Text)


def test_text_accepts_plain_english_and_translations():
    assert text.validate_python("  Aims ") == "Aims"
    value = text.validate_python({"en": "Aims", "fr": "Objectifs"})
    assert localise(value, "fr") == "Objectifs"
    assert localise(value, "ar") == "Aims"  # falls back to the original


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "text is empty"),
        ({"fr": "Objectifs"}, "needs its 'en' original"),
        ({"en": "Aims", "de": "Ziele"}, "'de' is not a language of the site"),
        (3, "expected text"),
    ],
)
def test_text_refusals(value, message):
    with pytest.raises(ValidationError, match=message):
        text.validate_python(value)


@pytest.mark.parametrize(
    ("value", "precision", "shown"),
    [(2014, "year", "2014"), ("2015-11", "month", "2015-11"), ("2015-11-30", "day", "2015-11-30")],
)
def test_partial_dates(value, precision, shown):
    parsed = PartialDate.parse(value)
    assert parsed.precision == precision
    assert str(parsed) == shown


@pytest.mark.parametrize("value", ["2015-02-30", "2015-13", "15", "soon", True])
def test_partial_dates_refuse_impossible_values(value):
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_partial_dates_order_by_precision():
    assert PartialDate.parse(2015) < PartialDate.parse("2015-01") < PartialDate.parse("2015-01-02")


HIDDEN = [
    "\u202e",
    "\u202a",
    "\u202d",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\x1b",
    "\x07",
    "\x00",
    "\x7f",
    "\x85",
]


@pytest.mark.parametrize("character", HIDDEN)
@pytest.mark.parametrize("field", ["text", "title", "line", "prose"])
def test_invisible_characters_are_refused_in_every_kind_of_text(field, character):
    from macros.model.fields import Line, Prose, Title

    adapter = TypeAdapter({"text": Text, "title": Title, "line": Line, "prose": Prose}[field])
    with pytest.raises(ValidationError, match=f"U\\+{ord(character):04X}"):
        adapter.validate_python(f"Plain {character}words")
    if field in ("text", "title"):
        with pytest.raises(ValidationError, match="the 'fr' text: invisible character"):
            adapter.validate_python({"en": "Plain", "fr": f"Texte {character}caché"})


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_direction_marks_that_arabic_text_needs_are_kept(mark):
    from macros.model.fields import Title

    text = f"المجموعة {mark}GCEG{mark} الخبراء"
    assert TypeAdapter(Title).validate_python(text) == text
