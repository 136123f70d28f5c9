"""The one way data text reaches a page: HTML-escaped and inert as Markdown.

View output is inserted into Markdown before Python-Markdown runs, so
escaping ``<`` alone is not enough: ``[x](javascript:...)``, ``{: onclick=...}``
or ``*[X]: ...`` in a data field would otherwise become syntax. Every
character that HTML or a Markdown extension gives meaning to becomes a
numeric character reference, which browsers show as the character itself.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN = "\\`*_{}[]()#+!|~^=:-"
# Line breaks become spaces (the same in HTML) so no data line can start a
# Markdown block such as a list item or a heading.
_TABLE = str.maketrans({**_HTML, **{c: f"&#{ord(c)};" for c in _MARKDOWN}, "\n": " ", "\r": " "})
_HTML_ONLY = str.maketrans(_HTML)


def escape_text(value: Any) -> Markup:
    """Escape any value for a view, leaving already-safe markup alone."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(str(value).translate(_TABLE))


def escape_attribute(value: Any) -> Markup:
    """Escape for an attribute whose value the code built (a URL); no Markdown runs there."""
    return Markup(str(value).translate(_HTML_ONLY))


class Abbreviations:
    """Wrap glossary terms in ``<abbr>`` inside escaped data text."""

    def __init__(self, terms: dict[str, str]):
        self.terms = terms
        names = sorted(terms, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
            if names
            else None
        )

    def __call__(self, text: Any) -> Markup:
        if hasattr(text, "__html__") or self.pattern is None:
            return escape_text(text)
        out, last = [], 0
        text = str(text)
        for match in self.pattern.finditer(text):
            out.append(escape_text(text[last : match.start()]))
            term = match.group(1)
            out.append(
                Markup('<abbr title="{}">{}</abbr>').format(
                    escape_text(self.terms[term]), escape_text(term)
                )
            )
            last = match.end()
        out.append(escape_text(text[last:]))
        return Markup("").join(out)
