import html
import re

from markupsafe import Markup

from macros.render.escaping import Abbreviations, escape_text

PAYLOADS = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "{: onclick=alert(1) }",
    "*[X]: injected",
    '" onmouseover="alert(1)',
    "--8<-- '/etc/passwd'",
    "line\n# heading\n- item",
]


def test_payloads_come_out_as_inert_text():
    for payload in PAYLOADS:
        out = str(escape_text(payload))
        # What Markdown and HTML parsers see: character references are opaque to them.
        bare = re.sub(r"&#?\w+;", "", out)
        for dangerous in ("<", ">", "[", "]", "(", ")", "{", "}", '"', "'", "\n", "*", "#", "-"):
            assert dangerous not in bare, (payload, out)
        # ...and what a reader sees is the text itself (line breaks as spaces).
        assert html.unescape(out) == payload.replace("\n", " ")


def test_markup_is_left_alone():
    assert escape_text(Markup("<b>x</b>")) == "<b>x</b>"


def test_abbreviations_wrap_whole_words_only():
    wrap = Abbreviations({"IGCI": "INTERPOL Global Complex for Innovation"})
    out = str(wrap("IGCI and IGCIX and <IGCI>"))
    assert out.count("<abbr") == 2
    assert "IGCIX" in out
    assert "&lt;" in out
