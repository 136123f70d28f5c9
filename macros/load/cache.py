"""A cache that makes repeated loads fast, kept outside the project folder.

Outside, because a pull request can add any file to the project: a cache
inside the repository could be planted to make the site show data that its
files do not contain. The cache folder belongs to the user who builds
(``$XDG_CACHE_HOME/gceg``), so it is trusted like their home folder, and it
holds pickles. Every entry is keyed by a hash of the file's path and text
and of the code that reads it, so a change to either is a miss.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from ..config import BuildConfig

# The modules whose code decides what a file loads as: a change to any is a new cache.
_READERS = (
    "model/models.py",
    "model/fields.py",
    "model/vocab.py",
    "load/pages.py",
    "load/sourcefile.py",
    "load/contents.py",
    "load/catalog.py",
    "model/kinds.py",
    "limits.py",
    "load/page_shape.py",
)
# ...and the libraries that parse and validate
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "mkdocs")


def cache_dir(root: Path, purpose: str, config: BuildConfig | None = None) -> Path:
    """``$XDG_CACHE_HOME/gceg/<project>/<purpose>``; GCEG_CACHE_DIR overrides the base."""
    base = (config or BuildConfig.from_environment()).cache_base
    project = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return Path(base) / "gceg" / project / purpose


def _code_version() -> bytes:
    from importlib.metadata import version

    here = Path(__file__).parents[1]
    digest = hashlib.sha256(" ".join(version(name) for name in _LIBRARIES).encode())
    for name in _READERS:
        digest.update((here / name).read_bytes())
    return digest.digest()


class LoadCache:
    """What each unchanged file loaded as last time (only files that loaded without problems)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.version = _code_version()
        self.entries: dict[bytes, Any] = {}
        self.used: dict[bytes, Any] = {}
        if path is not None and path.is_file():
            try:
                version, entries = pickle.loads(path.read_bytes())
                if version == self.version:
                    self.entries = entries
            except Exception:  # a damaged cache is only a slower start
                self.entries = {}

    @staticmethod
    def key(*parts: str) -> bytes:
        return hashlib.sha256("\0".join(parts).encode()).digest()

    def get(self, key: bytes) -> Any | None:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: bytes, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Keep what this load used (so deleted files drop out); write only if it changed."""
        if self.path is None or self.used.keys() == self.entries.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".tmp-{os.getpid()}")
        temporary.write_bytes(pickle.dumps((self.version, self.used), pickle.HIGHEST_PROTOCOL))
        temporary.replace(self.path)
