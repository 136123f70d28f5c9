"""Writing export files: UTF-8, stable bytes, never outside the site folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_text(site_dir: Path, relative: str, text: str) -> Path:
    path = (site_dir / relative).resolve()
    if site_dir.resolve() not in path.parents:
        raise ValueError(f"refusing to write outside the site: {relative}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_json(site_dir: Path, relative: str, data: Any) -> Path:
    return write_text(site_dir, relative, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
