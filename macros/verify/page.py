"""The rules every built HTML page must keep, checked on the page as a browser parses it.

One walk over the parsed page (lexbor, an HTML5 parser) finds:

- scripts other than the theme's files (known by content) and its one
  ``__config`` data block; inline event handlers; frames, objects, bases,
  SVG animations and templates;
- ``javascript:``/``vbscript:``/``data:`` and other non-web URLs, read as a
  browser reads them (ada); anything a page loads (src, every srcset
  candidate, poster, link and SVG hrefs, CSS ``url()``) from another site;
  links to pages of this site that the output does not have;
- ids and names the theme's scripts look up (``__config``, ``__search``, ...)
  and ``data-md-*`` attributes inside the page's content, where the theme
  never writes them; ``data-pagefind-*`` attributes there too (what search
  indexes and its filters are the template's, outside the content);
- markup in ``<title>`` and ``<meta>`` contents (and in ``title`` attributes
  when the theme's tooltips would render them as HTML);
- the site's Content-Security-Policy as the first element of the head.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import csp
from .scripts import digest
from .urls import NAVIGATION_SCHEMES, Site, css_urls, srcset_urls

FORBIDDEN_ELEMENTS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "portal",
    "template",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "foreignobject",
    "noembed",
}
# Ids and names the theme's scripts read (Material's templates and bundle), and the
# document properties a name shadows (document.forms.search, document.forms.consent).
THEME_NAMES = {"search", "consent", "feedback", "query"}
THEME_PREFIX = "__"
FETCHED = {"src", "poster", "background", "lowsrc", "dynsrc", "manifest", "data", "codebase"}
REFUSED = {"action", "formaction", "ping", "srcdoc", "http-equiv"}
CONTENT = "md-content__inner"  # the class of Material's <article>: the page's own content
LINK_RELS = {"stylesheet", "icon", "canonical", "prev", "next", "alternate"}


@dataclass(frozen=True)
class Finding:
    field: str
    message: str
    needle: str  # text to look for in the source, to name the line


@dataclass
class PageContext:
    site: Site
    output: str  # the page's path in the output, e.g. "meetings/index.html"
    exists: Callable[[str], bool]  # does the output have this file (relative path)?
    script_digest: Callable[[str], str | None]  # digest of an output file, or None
    known_scripts: frozenset[str]
    tooltips: bool = False  # the theme renders title attributes as HTML

    @property
    def address(self) -> str:
        return self.site.page_url(self.output)


def check_page(text: str, context: PageContext) -> list[Finding]:
    tree = LexborHTMLParser(text)
    findings: list[Finding] = []
    if context.output.endswith(".html"):  # an SVG opened as a document has no head to check
        _check_policy(tree, findings)
        context.tooltips = _check_config_block(tree, findings)
    theme_ids: set[str] = set()
    content = _content_nodes(tree)
    for node in tree.root.traverse(include_text=False):
        _check_element(node, node.mem_id in content, context, findings)
        element_id = node.attributes.get("id") or ""
        if element_id.startswith(THEME_PREFIX):
            if element_id in theme_ids:  # a copy of a theme element the theme would read
                findings.append(
                    Finding("id", f"more than one element with id {element_id}", element_id)
                )
            theme_ids.add(element_id)
    return findings


def _check_policy(tree: LexborHTMLParser, findings: list[Finding]) -> None:
    head = tree.head
    first = head.child if head is not None else None
    while first is not None and first.tag in ("-text", "_comment", "-comment"):
        first = first.next
    attributes = first.attributes if first is not None and first.tag == "meta" else {}
    if (attributes.get("http-equiv") or "").lower() != "content-security-policy":
        findings.append(
            Finding(
                "csp",
                "the page does not start its head with the site's Content-Security-Policy",
                "<head",
            )
        )
    elif attributes.get("content") != csp.POLICY:
        findings.append(
            Finding(
                "csp",
                "the page's Content-Security-Policy is not the site's",
                attributes.get("content") or "",
            )
        )


def _check_config_block(tree: LexborHTMLParser, findings: list[Finding]) -> bool:
    """Whether the theme's configuration turns tooltips on (title attributes as HTML)."""
    block = tree.css_first("script#__config")
    try:
        features = json.loads(block.text()).get("features") or [] if block else []
    except (ValueError, AttributeError):
        return True  # reported with the script; read titles strictly meanwhile
    return "content.tooltips" in features


def _content_nodes(tree: LexborHTMLParser) -> set[int]:
    """The elements inside the page's own content (Material's <article>), by identity."""
    found: set[int] = set()
    for article in tree.css(f"article.{CONTENT}"):
        found.update(node.mem_id for node in article.traverse(include_text=False))
    return found


def _check_element(
    node: LexborNode, in_content: bool, context: PageContext, findings: list[Finding]
) -> None:
    tag = node.tag
    attributes = node.attributes
    if tag in FORBIDDEN_ELEMENTS:
        findings.append(Finding(tag, f"<{tag}> elements are not allowed", f"<{tag}"))
    elif tag == "script":
        _check_script(node, in_content, context, findings)
    elif tag == "style":
        findings.append(
            Finding(
                "style", "inline <style> elements are not allowed", node.text()[:60] or "<style"
            )
        )
    elif tag == "title":
        _check_plain("title", node.text(), findings)
    elif tag == "meta":
        _check_meta(node, context, findings)
    elif tag == "link":
        _check_link(node, context, findings)
    elif tag == "form" and (in_content or attributes.get("action") is not None):
        findings.append(Finding("form", "forms are not allowed in page content", "<form"))
    for name, value in attributes.items():
        _check_attribute(tag, name, value or "", in_content, context, findings)


def _check_attribute(
    tag: str, name: str, value: str, in_content: bool, context: PageContext, findings: list[Finding]
) -> None:
    field = f"{tag}.{name}"
    if name.startswith("on"):
        findings.append(Finding(field, "inline event handlers are not allowed", name))
    elif name in REFUSED and not (tag == "meta" and name == "http-equiv"):
        findings.append(Finding(field, f"the attribute {name} is not allowed", name))
    elif name in ("id", "name"):
        if in_content and (value.startswith(THEME_PREFIX) or value.lower() in THEME_NAMES):
            findings.append(
                Finding(
                    field, f"'{value}' is a name the theme's scripts read; choose another", value
                )
            )
    elif name.startswith("data-md-"):
        if in_content:
            findings.append(Finding(field, "data-md-* attributes belong to the theme", name))
    elif name.startswith("data-pagefind-"):
        # what search indexes, and its filters, come from the template (overrides/main.html)
        if in_content:
            findings.append(
                Finding(field, "data-pagefind-* attributes belong to the site's templates", name)
            )
    elif name == "style":
        _check_style_attribute(field, value, context, findings)
    elif name in ("srcset", "imagesrcset"):
        for candidate in srcset_urls(value):
            _check_fetch(field, candidate, context, findings)
    elif name in FETCHED and tag != "script":  # a script's source is checked with the script
        _check_fetch(field, value, context, findings)
    elif name in ("href", "xlink:href"):
        if tag in ("a", "area"):
            _check_navigation(field, value, context, findings)
        elif tag != "link":  # <link> is checked by its rel
            _check_fetch(field, value, context, findings, fragment_only=tag != "image")
    elif name in ("cite", "longdesc"):
        _check_navigation(field, value, context, findings, must_exist=False)
    elif name == "title" and context.tooltips:
        _check_plain(field, value, findings)


def _check_script(
    node: LexborNode, in_content: bool, context: PageContext, findings: list[Finding]
) -> None:
    attributes = node.attributes
    source = attributes.get("src")
    body = node.text()
    if attributes.get("id") == "__config" and not in_content and source is None:
        if attributes.get("type") != "application/json":
            findings.append(
                Finding("script", "the theme's __config block must be JSON data", "__config")
            )
            return
        try:
            json.loads(body)
        except ValueError:
            findings.append(Finding("script", "the theme's __config block is not JSON", "__config"))
        return
    if source is None:
        findings.append(
            Finding(
                "script", "an inline script that is not the theme's", body.strip()[:60] or "<script"
            )
        )
        return
    if body.strip():
        findings.append(Finding("script", "a script with both src and content", source))
    if in_content:
        findings.append(Finding("script.src", "scripts are not allowed in page content", source))
        return
    path = _local(source, context)
    if path is None:
        findings.append(Finding("script.src", f"a script from another site: {source}", source))
        return
    found = context.script_digest(path)
    if found is None:
        findings.append(Finding("script.src", f"a script the site does not have: {source}", source))
    elif found not in context.known_scripts:
        findings.append(
            Finding(
                "script.src",
                f"{path} is not one of the theme's scripts (its content differs)",
                source,
            )
        )


def _check_meta(node: LexborNode, context: PageContext, findings: list[Finding]) -> None:
    attributes = node.attributes
    content = attributes.get("content") or ""
    equiv = (attributes.get("http-equiv") or "").lower()
    if equiv == "refresh":  # an automatic move: only to a page of this site
        target = content.split(";", 1)[1].strip() if ";" in content else ""
        target = target[4:].strip(" '\"") if target.lower().startswith("url=") else target
        if _local(target or ".", context) is None:
            findings.append(
                Finding("meta.refresh", f"forwards to another site: {target!r}", target)
            )
        else:
            _check_navigation("meta.refresh", target or ".", context, findings)
    elif equiv and equiv != "content-security-policy":
        findings.append(Finding("meta", f"<meta http-equiv={equiv}> is not allowed", equiv))
    elif not equiv:
        _check_plain("meta.content", content, findings)


def _check_link(node: LexborNode, context: PageContext, findings: list[Finding]) -> None:
    attributes = node.attributes
    rels = set((attributes.get("rel") or "").lower().split())
    href = attributes.get("href") or ""
    if not rels or not rels <= LINK_RELS:
        findings.append(
            Finding(
                "link.rel", f"<link rel={' '.join(sorted(rels))}> is not allowed", href or "<link"
            )
        )
    _check_fetch("link.href", href, context, findings)


def _check_plain(field: str, text: str, findings: list[Finding]) -> None:
    if "<" in text or ">" in text:
        tag = re.search(r"<[^<>]*>?|>", text).group(0)  # the markup itself, to find in the source
        findings.append(
            Finding(
                field, f"must be plain text, but carries markup: {' '.join(text.split())[:80]}", tag
            )
        )


def _check_style_attribute(
    field: str, value: str, context: PageContext, findings: list[Finding]
) -> None:
    if value.strip() not in csp.STYLE_ATTRIBUTES:
        findings.append(
            Finding(
                field,
                "inline styles are not allowed (only the table "
                "alignments the site's policy allows)",
                value,
            )
        )
    for url in css_urls(value):
        _check_fetch(field, url, context, findings)


def _local(value: str, context: PageContext) -> str | None:
    url = context.site.resolve(value, context.address)
    return url.local if url is not None else None


def _resolved(field: str, value: str, context: PageContext, findings: list[Finding]):
    """The URL a browser makes of ``value`` on this page, or None (reported) if none."""
    url = context.site.resolve(value, context.address)
    if url is None:
        findings.append(Finding(field, f"not a valid URL: {value!r}", value))
    return url


def _check_fetch(
    field: str,
    value: str,
    context: PageContext,
    findings: list[Finding],
    fragment_only: bool = False,
) -> None:
    """Something the browser loads: from this site, and a file the output has."""
    url = _resolved(field, value, context, findings)
    if url is None:
        return
    if fragment_only:  # SVG <use href>: only to an element of the same page
        if not value.strip().startswith("#"):
            findings.append(Finding(field, f"may only point into the page: {value!r}", value))
        return
    path = url.local
    if url.protocol not in ("http:", "https:") or path is None:
        findings.append(
            Finding(
                field,
                f"loads from another site or scheme: {value!r} (a browser reads {url.href[:80]})",
                value,
            )
        )
    elif not _exists(path, context):
        findings.append(Finding(field, f"loads a file the site does not have: {value!r}", value))


def _check_navigation(
    field: str, value: str, context: PageContext, findings: list[Finding], must_exist: bool = True
) -> None:
    url = _resolved(field, value, context, findings)
    if url is None:
        return
    if url.protocol not in NAVIGATION_SCHEMES:
        findings.append(
            Finding(
                field, f"links only over http(s) or mailto, not {url.protocol} ({value!r})", value
            )
        )
        return
    path = url.local
    if path is not None and must_exist and not _exists(path, context):
        findings.append(
            Finding(field, f"links to a page this site does not have: {value!r}", value)
        )


def _exists(path: str, context: PageContext) -> bool:
    if path == "" or path.endswith("/"):
        return context.exists(path + "index.html")
    return context.exists(path) or context.exists(path + "/index.html")


def read_digest(folder: Path) -> Callable[[str], str | None]:
    @cache  # every page loads the same few scripts
    def of(path: str) -> str | None:
        file = folder / path
        return digest(file.read_bytes()) if file.is_file() else None

    return of
