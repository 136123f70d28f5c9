"""The last check on every page's HTML: an allowlist, applied after Markdown.

Contributor Markdown can carry raw HTML, and Markdown extensions (attribute
lists, reference links) can build attributes and links of their own, so the
checks on the Markdown source (rules/page_markup.py) cannot be complete. This Markdown
extension runs last, on the HTML of the page body:

1. it parses the HTML and looks for active content (scripts, frames, event
   handlers, inline styles, script URLs, media from another host) and fails
   the build naming the page, so a contributor learns what to remove; data
   shown on the page is escaped text, so it can never trip this check;
2. it then cleans the HTML with nh3 (the ammonia HTML5 sanitiser, in Rust)
   against the allowlist below, so that markup the patterns miss, or that a
   browser would parse differently, is removed all the same.

The allowlist covers what the site's views and its Markdown extensions
produce; anything else is not needed on a page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from markdown import Extension
from markdown.postprocessors import Postprocessor

TAGS = set(nh3.ALLOWED_TAGS) | {
    "article",
    "aside",
    "details",
    "summary",
    "figure",
    "figcaption",
    "header",
    "footer",
    "section",
    "time",
    "mark",
    "ins",
    "del",
    "q",
    "sup",
    "sub",
    "span",
    "div",
    "abbr",
    "dl",
    "dt",
    "dd",
    "svg",
    "g",
    "rect",
    "text",
    "title",
    "desc",
    "img",
    "picture",
    "source",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "role", "lang", "dir"},
    "a": {"href", "name", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "source": {"srcset", "type", "media"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "style", "data-label"},  # its column's name, for phones
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "figure": {"data-search-exclude"},  # charts: their labels are not text to search
    "svg": {"viewBox", "width", "height", "preserveAspectRatio"},
    "rect": {"x", "y", "width", "height", "rx"},
    "text": {"x", "y", "text-anchor"},
}
_TABLE_ALIGN = re.compile(r"^text-align: (left|right|center);?$")  # what Markdown tables write
_BANNED_TAGS = frozenset(
    ("script", "iframe", "frame", "object", "embed", "style", "link", "meta", "base", "form")
)
_URL_ATTRIBUTES = frozenset(
    (
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "srcset",
        "xlink:href",
        "background",
        "cite",
    )
)
_MEDIA = frozenset(("img", "video", "audio", "source", "track", "input", "image"))
_SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
# What a browser drops from an address before reading it: surrounding spaces and control
# characters, and tabs and line breaks anywhere (so "java\tscript:" is a javascript: link).
_URL_STRIP = re.compile(r"[\t\n\r]")


def _address(value: str) -> str:
    return _URL_STRIP.sub("", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"
        "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
        "\x1a\x1b\x1c\x1d\x1e\x1f "
    )


def _remote(value: str) -> bool:
    """Whether an address loads from another host (browsers read a backslash as a slash)."""
    address = _address(value).replace("\\", "/")
    return address.startswith("//") or bool(urlsplit(address).netloc)


class _ActiveContent(HTMLParser):
    """Finds active content by parsing, so that text (data shown on a page, attribute
    values) is never mistaken for markup, and markup is never missed for looking like text.
    Attribute values arrive with their character references decoded, as a browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        snippet = self.get_starttag_text() or f"<{tag}>"
        if tag in _BANNED_TAGS:
            self.found.append((tag, snippet))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append((name, snippet))
            elif name == "style" and not _TABLE_ALIGN.match(value.strip()):
                self.found.append(("style", snippet))
            elif name in _URL_ATTRIBUTES:
                candidates = value.split(",") if name == "srcset" else [value]
                for candidate in candidates:
                    scheme = _SCRIPT_SCHEME.match(_address(candidate))
                    if scheme:
                        self.found.append((scheme.group(1), snippet))
                    elif (
                        tag in _MEDIA
                        and name != "href"
                        and _remote(candidate.split()[0] if candidate.split() else "")
                    ):
                        self.found.append(("media from another host", snippet))

    handle_startendtag = handle_starttag


# The page being converted (set by the page hook): Markdown itself does not know it.
current_page = "?"


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: drop inline styles other than table alignment, and media
    from another host (links to other sites are fine; loading from them is not)."""
    if attribute == "style":
        return value if _TABLE_ALIGN.match(value.strip()) else None
    if attribute in ("src", "srcset") and urlsplit(value.strip()).netloc:
        return None
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"aria-"},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_keep,
        link_rel=None,
        strip_comments=False,
    )


def check(html: str) -> None:
    """Fail on active content that a contributor should remove from the page."""
    if "<" not in html:
        return
    parser = _ActiveContent()
    parser.feed(html)
    parser.close()
    if parser.found:
        found, snippet = parser.found[0]
        snippet = " ".join(snippet.split())[:80]
        raise ValueError(f"the page would carry active content ({found.lower()}): {snippet}")


class _Sanitise(Postprocessor):
    def run(self, text: str) -> str:
        from mkdocs.exceptions import PluginError

        try:
            check(text)
        except ValueError as error:
            raise PluginError(f"docs/{current_page}: {error}") from None
        return clean(text)


class SanitiseExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # after raw HTML is put back (priority 30) and ampersands restored (20)
        md.postprocessors.register(_Sanitise(md), "gceg_sanitise", 5)


def makeExtension(**kwargs) -> SanitiseExtension:
    return SanitiseExtension(**kwargs)
