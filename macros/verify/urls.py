"""URLs read the way a browser reads them (WHATWG URL parsing, by ada).

A hand-written check reads ``\\\\host``, `` //host``, ``java&#9;script:`` or
``/\\host`` differently from a browser; ada implements the WHATWG URL
standard that browsers follow, so what it resolves is what they fetch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from ada_url import join_url

NAVIGATION_SCHEMES = {"http:", "https:", "mailto:"}


@dataclass(frozen=True)
class Resolved:
    href: str  # the URL a browser ends up with
    protocol: str  # "https:", "javascript:", ...
    local: str | None  # the output file's path when the URL is this site's


@dataclass(frozen=True)
class Site:
    """Where this output lives: its address, so relative URLs resolve as in a browser."""

    url: str  # site_url, ending in "/"

    def page_url(self, relative: str) -> str:
        return self.url + relative

    def resolve(self, value: str, base: str) -> Resolved | None:
        """``value`` read against the page at ``base``; None if a browser finds no URL."""
        return _resolve(self.url, value, base)


@lru_cache(maxsize=65536)  # pages at one depth share most of their links
def _resolve(site: str, value: str, base: str) -> Resolved | None:
    try:
        href = join_url(base, value)
    except ValueError:
        return None
    protocol = href[: href.index(":") + 1]
    local = None
    if href.startswith(site):
        path = href[len(site) :].split("#", 1)[0].split("?", 1)[0]
        local = unquote(path)
    return Resolved(href, protocol, local)


def srcset_urls(value: str) -> list[str]:
    """Every candidate URL of a srcset, as the HTML standard splits them
    (URLs run to whitespace; a trailing comma ends one; descriptors follow)."""
    urls, position = [], 0
    while position < len(value):
        position = _skip(value, position, " \t\n\f\r,")
        end = _skip_not(value, position, " \t\n\f\r")
        url = value[position:end]
        if not url:
            break
        position = end
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # descriptors: up to the next comma outside parentheses
            depth = 0
            while position < len(value) and (value[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[position], 0)
                position += 1
        urls.append(url)
    return urls


def _skip(text: str, position: int, characters: str) -> int:
    while position < len(text) and text[position] in characters:
        position += 1
    return position


def _skip_not(text: str, position: int, characters: str) -> int:
    while position < len(text) and text[position] not in characters:
        position += 1
    return position


_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)"""
    r"""|@import\s+(?:"([^"]*)"|'([^']*)')"""
    r"""|image-set\(\s*(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)


def css_urls(css: str) -> list[str]:
    """The URLs a stylesheet loads, after CSS escapes and comments are undone
    (``u\\72l(`` is ``url(`` to a browser)."""

    def unescape(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match.group(2)

    text = _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(unescape, css))
    return [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(text)]
