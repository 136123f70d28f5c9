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


def _code_version(readers: tuple[str, ...]) -> bytes:
    from importlib.metadata import version

    here = Path(__file__).parents[1]
    digest = hashlib.sha256(" ".join(version(name) for name in _LIBRARIES).encode())
    for name in readers:
        digest.update((here / name).read_bytes())
    return digest.digest()


class LoadCache:
    """What each unchanged file loaded as last time (only files that loaded without problems).

    Kept in ``SHARDS`` files by key, so that a change to one file rewrites one shard, not
    the whole cache (at 10,000 records, writing it all took longer than the check itself)."""

    SHARDS = 16

    def __init__(self, path: Path | None, readers: tuple[str, ...] = _READERS):
        self.path = path
        self.version = _code_version(readers)
        self.entries: dict[bytes, Any] = {}
        self.used: dict[bytes, Any] = {}
        self.changed: set[int] = set()  # shards that gained an entry
        if path is None:
            return
        for shard in range(self.SHARDS):
            try:
                version, entries = pickle.loads(self._shard(shard).read_bytes())
            except Exception:  # missing or damaged: only a slower start
                continue
            if version == self.version:
                self.entries.update(entries)

    def _shard(self, shard: int) -> Path:
        assert self.path is not None
        return self.path.with_name(f"{self.path.name}.{shard:02d}")

    @classmethod
    def _shard_of(cls, key: bytes) -> int:
        return key[0] % cls.SHARDS

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
        self.changed.add(self._shard_of(key))

    def save(self) -> None:
        """Keep what this load used (so deleted files drop out); write only the shards
        that changed."""
        if self.path is None:
            return
        dropped = self.entries.keys() - self.used.keys()
        shards = self.changed | {self._shard_of(key) for key in dropped}
        if not shards:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        split: dict[int, dict[bytes, Any]] = {shard: {} for shard in shards}
        for key, value in self.used.items():
            if (shard := self._shard_of(key)) in split:
                split[shard][key] = value
        for shard, entries in split.items():
            target = self._shard(shard)
            temporary = target.with_suffix(f".tmp-{os.getpid()}")
            temporary.write_bytes(pickle.dumps((self.version, entries), pickle.HIGHEST_PROTOCOL))
            temporary.replace(target)
