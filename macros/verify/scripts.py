"""The scripts a page may load: the theme's own files, known by their content.

A ``<script src>`` passes only when the file it loads is, byte for byte, one
the build copied from the installed theme, from overrides/, or the offline
search shim from node_modules: a page cannot load a script of its own, and
an altered theme script is refused.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import material

from ..offline import SHIM_SOURCE

THEME_ASSETS = Path(material.__file__).parent / "templates"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def known_scripts(root: Path) -> frozenset[str]:
    """The SHA-256 of every script file the theme, the overrides and the shim ship."""
    folders = [THEME_ASSETS / "assets", root / "overrides"]
    files = [path for folder in folders for path in folder.rglob("*.js")]
    files.append(root / SHIM_SOURCE)
    return frozenset(digest(path.read_bytes()) for path in files if path.is_file())
