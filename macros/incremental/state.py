"""What the last successful build of one site (audience, language) left for the next.

Kept in the cache folder (load/cache.py says why outside the project): for every page,
the digest of its source, the facts it read with their digests, what other pages and the
sitemap need of it (its metadata, anchors and links to anchors), and its HTML, stored by
content. A page's HTML is reused only if all of these still hold (plugin.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .reads import Fact

FORMAT = 2  # bumped when this file's shape changes: an old state is then ignored


@dataclass
class PageRecord:
    source: bytes  # digest of the page's file
    facts: dict[Fact, bytes]  # each fact read while making the page, and its digest
    output: str  # sha256 of the HTML, its name in the store
    title: str | None  # the page's title (the menus show it)
    meta: dict[str, Any]  # the page's metadata after its macros (the sitemap reads it)
    anchors: set[str]  # ids on the page (other pages' links to them are checked)
    anchor_links: dict[str, dict[str, str]]  # target page -> {anchor: link as written}


@dataclass
class State:
    inputs: bytes = b""  # the digest of everything every page depends on (plugin.py)
    site_facts: dict[Fact, bytes] = field(default_factory=dict)
    menus: bytes = b""  # what the menus' pages show on every page (titles, metadata)
    pages: dict[str, PageRecord] = field(default_factory=dict)


class Store:
    """One site's state file and the HTML of its pages, named by their sha256."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pages = folder / "pages"

    def load(self) -> State:
        try:
            version, state = pickle.loads((self.folder / "state.pickle").read_bytes())
        except Exception:  # none yet, or damaged: a full build
            return State()
        return state if version == FORMAT else State()

    def put_html(self, html: bytes) -> str:
        name = hashlib.sha256(html).hexdigest()
        target = self.pages / f"{name}.html"
        if not target.exists():
            self.pages.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(f".tmp-{os.getpid()}")
            temporary.write_bytes(html)
            temporary.replace(target)
        return name

    def has_html(self, name: str) -> bool:
        return (self.pages / f"{name}.html").is_file()

    def copy_html(self, name: str, dest: Path, link: bool = False) -> None:
        """Put a stored page at ``dest``: a copy, or (``link``) a hard link where nothing
        writes to the folder after the build (the preview's), which costs no bytes."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        if link:
            with contextlib.suppress(OSError):  # another file system: copy instead
                os.link(self.pages / f"{name}.html", dest)
                return
        shutil.copyfile(self.pages / f"{name}.html", dest)

    def save(self, state: State) -> None:
        """Write the state, then drop the HTML no page of it names any more."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / "state.pickle"
        temporary = target.with_suffix(f".tmp-{os.getpid()}")
        temporary.write_bytes(pickle.dumps((FORMAT, state), pickle.HIGHEST_PROTOCOL))
        temporary.replace(target)
        kept = {f"{record.output}.html" for record in state.pages.values()}
        if self.pages.is_dir():
            for stored in self.pages.iterdir():
                if stored.name not in kept and ".tmp-" not in stored.name:
                    stored.unlink(missing_ok=True)
