"""The audience's docs tree: the only pages and files the site engine is given.

Keeping restricted pages out by configuring the engine (MkDocs' exclude_docs,
the navigation) works only while that configuration runs: another engine, a
reordered plugin list or a plain ``mkdocs build`` would read every file in
``docs/``. So ``gceg build`` copies what one audience may see (its pages, and
the assets every audience sees) into a folder of its own and points the engine
at that folder. What is not in it cannot be published by any road.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..load.catalog import DOCS_DIR, Catalog


def stage_docs(catalog: Catalog, dest: Path) -> Path:
    """Copy the pages of ``catalog`` (already cut down to one audience) and the other
    files of docs/ into ``dest``; return ``dest``. The catalog has refused links, so
    every path here is a real file under docs/."""
    source = catalog.root / DOCS_DIR
    dest.mkdir(parents=True, exist_ok=True)
    for src in sorted([*catalog.pages, *catalog.other_files]):
        target = dest / src
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / src, target, follow_symlinks=False)
    return dest
