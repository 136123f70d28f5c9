"""The last check on every page's HTML: an allowlist, applied after Markdown.

Contributor Markdown can carry raw HTML, and Markdown extensions (attribute
lists, reference links) can build attributes and links of their own, so the
checks on the Markdown source (markup.py) cannot be complete. This Markdown
extension runs last, on the HTML of the page body:

1. it looks for active content by pattern (scripts, frames, event handlers,
   inline styles, script URLs, media from another host) and fails the build
   naming the page, so a contributor learns what to remove;
2. it then cleans the HTML with nh3 (the ammonia HTML5 sanitiser, in Rust)
   against the allowlist below, so that markup the patterns miss, or that a
   browser would parse differently, is removed all the same.

The allowlist covers what the site's views and its Markdown extensions
produce; anything else is not needed on a page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from markdown import Extension
from markdown.postprocessors import Postprocessor

TAGS = set(nh3.ALLOWED_TAGS) | {
    "article", "aside", "details", "summary", "figure", "figcaption", "header", "footer",
    "section", "time", "mark", "ins", "del", "q", "sup", "sub", "span", "div", "abbr",
    "dl", "dt", "dd", "svg", "g", "rect", "text", "title", "desc", "img", "picture", "source",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id", "title", "role", "lang", "dir"},
    "a": {"href", "name", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "source": {"srcset", "type", "media"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "svg": {"viewBox", "width", "height", "preserveAspectRatio"},
    "rect": {"x", "y", "width", "height", "rx"},
    "text": {"x", "y", "text-anchor"},
}
_TABLE_ALIGN = re.compile(r"^text-align: (left|right|center);?$")  # what Markdown tables write
_ACTIVE = re.compile(
    r"<\s*(script|iframe|frame|object|embed|style|link|meta|base|form)\b"
    r"|<[a-z][^>]*?[\s/\"'](on[a-z]+)\s*="
    r"|<[a-z][^>]*?[\s/\"']style\s*=\s*[\"'](?!text-align: (?:left|right|center);?[\"'])"
    r"|(?:href|src|action|data|poster|srcset)\s*=\s*[\"']?\s*((?:java|vb)script|data)\s*:"
    r"|<(?:img|video|audio|source|track)\b[^>]*?\s(?:src|srcset|poster)\s*=\s*[\"']?\s*((?:https?:)?//)",
    re.IGNORECASE,
)  # fmt: skip


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
    if match := _ACTIVE.search(html):
        found = next(group for group in match.groups() if group) if any(match.groups()) else ""
        snippet = " ".join(match.group(0).split())[:80]
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
