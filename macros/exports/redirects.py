"""Addresses that keep working: document permalinks (/d/<DOC-ID>/, /d/<DOC-ID>/<edition>/)
and the old addresses of moved pages, each a static page that forwards the reader.

Generated from the data here rather than by a redirect plugin, so the
configuration stays within what other site generators can read.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

from ..render.documents import permalink
from ..verify.csp import POLICY
from .files import write_text

if TYPE_CHECKING:
    from ..render.site import SiteBuild

TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta charset="utf-8">
<title>Redirecting to {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>This address forwards to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def redirect_page(source: str, target: str, title: str) -> str:
    """``source`` and ``target`` are site-relative directory URLs ('d/X/', 'strategy/y/')."""
    href = get_relative_url(target, source) if target else get_relative_url(".", source)
    return TEMPLATE.format(
        target=escape(href, quote=True), title=escape(title), policy=escape(POLICY, quote=True)
    )


def redirects(build: SiteBuild) -> dict[str, tuple[str, str]]:
    """Every redirect: source URL -> (target URL, title)."""
    catalog, urls = build.catalog, build.urls
    found: dict[str, tuple[str, str]] = {}
    for doc_id, record in sorted(catalog.by_doc_id.items()):
        section = "strategy" if hasattr(record, "editions") else "meetings"
        found[permalink(doc_id)] = (urls[f"{section}/{record.id}.md"], doc_id)
        for edition in getattr(record, "editions", []):
            page = urls[catalog.edition_page(record.id, edition.edition)]
            found[permalink(doc_id, edition.edition)] = (
                page,
                f"{doc_id}, edition {edition.edition}",
            )
        for old in getattr(record, "moved_from", []):
            found[old] = (urls[f"{section}/{record.id}.md"], doc_id)
    return found


def write(build: SiteBuild, site_dir: Path) -> None:
    for source, (target, title) in redirects(build).items():
        if (site_dir / source / "index.html").exists():  # never replace a page of the site
            raise ValueError(f"redirect from '{source}' would replace a page of the site")
        write_text(site_dir, source + "index.html", redirect_page(source, target, title))
