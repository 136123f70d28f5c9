"""The scripts a page may load: the theme's own files, known by their content.

A ``<script src>`` passes only when the file it loads is, byte for byte, one
the build copied from the installed theme or from overrides/: a page cannot
load a script of its own, and an altered theme script is refused.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import material

THEME_ASSETS = Path(material.__file__).parent / "templates"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def known_scripts(root: Path) -> frozenset[str]:
    """The SHA-256 of every script file the theme and the overrides ship."""
    folders = [THEME_ASSETS / "assets", root / "overrides"]
    files = [path for folder in folders for path in folder.rglob("*.js")]
    return frozenset(digest(path.read_bytes()) for path in files if path.is_file())
