"""Writing export files: UTF-8, stable bytes, never outside the site folder."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any


def write_text(site_dir: Path, relative: str, text: str) -> Path:
    path = _inside(site_dir, relative)
    path.write_text(text, encoding="utf-8")
    return path


def _folder_inside(site_dir: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return _resolved_inside(site_dir, folder)


@functools.lru_cache(maxsize=4096)
def _resolved_inside(site_dir: Path, folder: Path) -> Path:
    """``folder`` resolved and checked, once per folder (the exports write thousands of
    files into a few folders; resolving each file's path took a second a build)."""
    resolved = folder.resolve()
    if resolved != site_dir.resolve() and site_dir.resolve() not in resolved.parents:
        raise ValueError(f"refusing to write outside the site: {folder}")
    return resolved


def _inside(site_dir: Path, relative: str) -> Path:
    name = Path(relative)
    if name.is_absolute() or ".." in name.parts or name.name in ("", ".", ".."):
        raise ValueError(f"refusing to write outside the site: {relative}")
    folder = _folder_inside(site_dir, site_dir / name.parent)
    target = folder / name.name
    if target.is_symlink():  # a link could lead out of the site
        raise ValueError(f"refusing to write outside the site: {relative}")
    return target


def write_json(site_dir: Path, relative: str, data: Any) -> Path:
    return write_text(site_dir, relative, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
