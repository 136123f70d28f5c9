"""Outputs written after MkDocs has built the pages, from the same audience catalog.

Run by the mkdocs-macros ``on_post_build`` hook, so every build (``gceg
build``, ``mkdocs serve``, ``mike deploy``) produces them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..address import is_published
from . import api, citations, feed, redirects

if TYPE_CHECKING:
    from ..render.site import SiteBuild


def write_exports(build: SiteBuild, site_dir: Path) -> dict[str, str]:
    """Write every export; return what happened to each PDF (empty when PDFs are off)."""
    api.write(build, site_dir)
    feed.write(build, site_dir)
    citations.write(build, site_dir)
    redirects.write(build, site_dir)
    if not is_published(build.site_url):
        drop_sitemap(site_dir)
    return write_pdfs(build, site_dir) if build.pdf_enabled else {}


def drop_sitemap(site_dir: Path) -> None:
    """A sitemap lists absolute addresses; a local build has none, so it has no sitemap
    (MkDocs would write an empty one)."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)


def pdf_cache(build: SiteBuild) -> Path:
    """Outside the project (see cache.py): a PDF planted in the repository must never ship."""
    from ..load.cache import cache_dir

    return build.config.pdf_cache or cache_dir(build.root, "pdf", build.config)


def write_pdfs(build: SiteBuild, site_dir: Path) -> dict[str, str]:
    from ..model.fields import localise
    from .pdf import render_all
    from .pdf.jobs import jobs

    t = build.views.t
    name = localise(build.catalog.group.name, build.language)
    title = t.gettext("{name}: compendium").format(name=name)
    work = jobs(build.catalog, build.urls, build.site_url, title, build.language)
    return render_all(
        work, site_dir, build.site_url, pdf_cache(build), build.views.t, project=build.root
    )
