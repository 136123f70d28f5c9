"""Outputs written after MkDocs has built the pages, from the same audience catalog.

Run by the mkdocs-macros ``on_post_build`` hook, so every build (``gceg
build``, ``mkdocs serve``, ``mike deploy``) produces them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import api, citations, feed, redirects

if TYPE_CHECKING:
    from ..site import SiteBuild


def write_exports(build: SiteBuild, site_dir: Path) -> None:
    api.write(build, site_dir)
    feed.write(build, site_dir)
    citations.write(build, site_dir)
    redirects.write(build, site_dir)
