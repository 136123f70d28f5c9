"""Per-document citation files: /cite/<DOC-ID>.bib and /cite/<DOC-ID>.json (CSL-JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..render.citations import bibtex, csl_json
from .files import write_text

if TYPE_CHECKING:
    from ..render.site import SiteBuild


def write(build: SiteBuild, site_dir: Path) -> None:
    for doc_id in sorted(build.catalog.by_doc_id):
        write_text(site_dir, f"cite/{doc_id}.bib", bibtex(build.catalog, doc_id, build.site_url))
        write_text(site_dir, f"cite/{doc_id}.json", csl_json(build.catalog, doc_id, build.site_url))
