"""The incremental build: MkDocs remakes only the pages whose inputs changed.

A page's HTML is reused from the last successful build of the same site (audience and
language) only when all of these are unchanged, compared by content digest:

* everything every page depends on (``inputs``): the code, the theme, mkdocs.yml and
  the configuration the build computed, includes, the settings, the list of files
  and their addresses (links resolve against it), and the reads the build made
  outside any page (abbreviations, the menus' texts);
* the page's own file;
* every fact the page read of the catalog (reads.py), asked again of this catalog;
* what the pages of the menus show on every page (their titles and metadata), checked
  once every page has been read.

A reused page gets back what others read of it (its title for the menus, its metadata
for the sitemap, its anchors for the links that point at them), so every page sees the
others as in a clean build, and MkDocs' checks run over every page. Where a page of the
menus now shows another title or metadata, every page is made again. State is saved
only after a build without error or warning.

MkDocs skips pages only in its ``dirty`` mode, which also leaves old files in place:
this plugin empties the site folder first, so the output holds exactly what a clean
build writes. ``gceg build --clean``, ``make publish`` and the offline bundle do not
reuse anything (GCEG_INCREMENTAL=0, or MkDocs' own clean mode).
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import compiled
from .digest import Digester
from .reads import RECORDER, Fact, resolve
from .state import PageRecord, State, Store

log = logging.getLogger("mkdocs.plugins.gceg.incremental")
CODE = Path(__file__).resolve().parents[1]
LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "mkdocs-macros-plugin",
    "Markdown",
    "Jinja2",
    "pydantic",
    "nh3",
    "Babel",
)
PROJECT_INPUTS = ("mkdocs.yml", "overrides", "includes")
_DIRTY_NOTICE = "A 'dirty' build is being performed"


class _QuietDirty(logging.Filter):
    """MkDocs warns that a dirty build may be inaccurate (a strict build then fails);
    this one is not: the folder is emptied and every dependency checked."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_NOTICE)


class IncrementalPlugin(BasePlugin):
    def __init__(self) -> None:
        self.dirty = False
        self.pending: State | None = None  # this build's state, saved once it succeeded
        self.store: Store | None = None
        self.warnings: utils.CountHandler | None = None
        self.emptying: list[threading.Thread] = []  # deleting earlier builds' files

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object across `mkdocs serve`'s rebuilds.
        self.dirty = dirty
        build_log = logging.getLogger("mkdocs.commands.build")
        if not any(isinstance(f, _QuietDirty) for f in build_log.filters):
            build_log.addFilter(_QuietDirty())

    def on_shutdown(self) -> None:
        self._commit()
        for thread in self.emptying:
            thread.join()

    def on_build_error(self, *, error: Exception) -> None:
        self.pending = None
        RECORDER.site = RECORDER.page = None

    @event_priority(100)  # before mkdocs-macros' define_env: its reads are the site's
    def on_config(self, config):
        self._commit()  # the previous build of a `mkdocs serve` (if it succeeded)
        self.warnings = utils.CountHandler()
        self.warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        RECORDER.site, RECORDER.page = set(), None
        self.reused: dict[str, PageRecord] = {}
        self.reading: dict[str, set[Fact]] = {}
        self.digester = Digester()
        self.now: dict[Fact, bytes] = {}
        return config

    @event_priority(100)
    def on_pre_build(self, *, config) -> None:
        if self.dirty:  # as a clean build would: nothing of the last build stays...
            build = getattr(config["plugins"].get("macros"), "gceg_build", None)
            preview = build is not None and build.config.preview
            # ...but the preview's search index, until the new one replaces it
            keep = {"pagefind"} if preview else set()
            self.emptying.append(_empty(Path(config["site_dir"]), keep))

    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        self.build = getattr(config["plugins"].get("macros"), "gceg_build", None)
        settings = getattr(self.build, "config", None)
        if settings is None or settings.offline or not settings.incremental:
            self.build = None  # no catalog to ask (the preview's stand-in), or told not to
            return nav
        self.store = Store(_store_folder(self.build))
        self.menus = {page.file.src_uri for page in nav.pages}
        self.inputs = self._inputs(config, files)
        last = self.store.load()
        usable = self.dirty and last.inputs == self.inputs and self._same(last.site_facts)
        for file in files.documentation_pages():
            record = last.pages.get(file.src_uri) if usable else None
            keep = (
                record is not None
                and record.source == _digest_file(file)
                and self.store.has_html(record.output)
                and self._same(record.facts)
            )
            if keep:
                self.reused[file.src_uri] = record
            file.is_modified = (lambda: False) if keep else (lambda: True)
        self.last_menus = last.menus
        return nav

    # ------------------------------------------------------------ each page's reads

    @event_priority(100)
    def on_pre_page(self, page: Page, *, config, files: Files) -> Page:
        RECORDER.page = self.reading.setdefault(page.file.src_uri, set())
        return page

    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config, files: Files) -> str:
        RECORDER.page = None
        return html

    @event_priority(100)
    def on_page_context(self, context, *, page: Page, config, nav):
        RECORDER.page = self.reading.setdefault(page.file.src_uri, set())
        return context

    @event_priority(-100)  # the HTML exactly as MkDocs writes it
    def on_post_page(self, output: str, *, page: Page, config) -> str:
        RECORDER.page = None
        if self.build is None or not output.strip():
            return output
        html = output.encode("utf-8", errors="xmlcharrefreplace")
        src = page.file.src_uri
        self.made[src] = PageRecord(
            source=_digest_file(page.file),
            facts={fact: self._digest(fact) for fact in self.reading.get(src, ())},
            output=self.store.put_html(html),
            title=page.title,
            meta=dict(page.meta),
            anchors=set(page.present_anchor_ids or ()),
            anchor_links={
                target.src_uri: dict(links)
                for target, links in (page.links_to_anchors or {}).items()
            },
        )
        return output

    @event_priority(-100)  # every page has been read: what reused pages give the others
    def on_env(self, env, *, config, files: Files):
        env.bytecode_cache = compiled.THEME  # compiled once per process (compiled.py)
        self.site_reads, RECORDER.site = RECORDER.site or set(), None
        self.made: dict[str, PageRecord] = {}
        if self.build is None:
            return env
        for src, record in self.reused.items():
            page = files.get_file_from_path(src).page
            page.title = record.title  # a menu names the page by it
            page.meta = dict(record.meta)
            page.present_anchor_ids = set(record.anchors)
            page.links_to_anchors = {
                target: links
                for name, links in record.anchor_links.items()
                if (target := files.get_file_from_path(name)) is not None
            }
        self.menus_now = self._menus_digest(files)
        if self.reused and self.menus_now != self.last_menus:
            self._make_again(config, files)  # a menu's entry changed: no page is as it was
        for record_src, record in self.reused.items():
            page = files.get_file_from_path(record_src).page
            dest = Path(page.file.abs_dest_path)
            self.store.copy_html(record.output, dest, link=self.build.config.preview)
        return env

    @event_priority(-100)  # after the exports: a warning anywhere fails a strict build
    def on_post_build(self, *, config) -> None:
        if self.warnings is not None:  # counted from this build's start to here only
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        warned = self.warnings is not None and bool(self.warnings.get_counts())
        self.warnings = None
        if self.build is None or warned:  # never reuse the pages of a build that warned
            return
        self.pending = State(
            inputs=self.inputs,
            site_facts={fact: self._digest(fact) for fact in self.site_reads},
            menus=self.menus_now,
            pages={**self.reused, **self.made},
        )
        log.info(f"gceg: pages: {len(self.made)} made, {len(self.reused)} reused unchanged")

    # ------------------------------------------------------------ helpers

    def _commit(self) -> None:
        """Save the state of the last build, if it ended without error (on_build_error)."""
        if self.warnings is not None:  # the build stopped before on_post_build
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.pending = None
        if self.pending is not None and self.store is not None:
            self.store.save(self.pending)
        self.pending, self.warnings = None, None

    def _digest(self, fact: Fact) -> bytes:
        known = self.now.get(fact)
        if known is None:
            known = self.now[fact] = self.digester.digest(resolve(self.build.catalog, fact))
        return known

    def _same(self, facts: dict[Fact, bytes]) -> bool:
        return all(self._digest(fact) == digest for fact, digest in facts.items())

    def _inputs(self, config, files: Files) -> bytes:
        digest = hashlib.blake2b(digest_size=16)
        for name in LIBRARIES:
            digest.update(f"{name}={version(name)}\0".encode())
        for path in _tree(CODE):
            digest.update(path.relative_to(CODE).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        root = Path(config["config_file_path"]).parent
        for name in PROJECT_INPUTS:
            for path in _tree(root / name):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        digest.update(self.digester.digest(self.build.config))  # the settings (config.py)
        shown = {
            key: config[key]
            for key in ("site_url", "site_name", "site_description", "copyright", "nav", "extra")
        }
        digest.update(self.digester.digest(_plain(shown)))
        for file in sorted(files, key=lambda file: file.src_uri):
            digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0".encode())
            digest.update(f"{file.inclusion.name}\0".encode())
        return digest.digest()

    def _menus_digest(self, files: Files) -> bytes:
        shown = []
        for src in sorted(self.menus):
            page = files.get_file_from_path(src).page
            shown.append((src, page.title, _plain(page.meta)))
        return self.digester.digest(shown)

    def _make_again(self, config, files: Files) -> None:
        from mkdocs.commands.build import _populate_page

        for src in list(self.reused):
            file = files.get_file_from_path(src)
            file.is_modified = lambda: True
            _populate_page(file.page, config, files, dirty=False)
        self.reused.clear()


def _empty(folder: Path, keep: set[str]) -> threading.Thread:
    """Empty ``folder`` at once: its content moves to a folder beside it, deleted in the
    background (removing a thousand folders one by one took seconds of every rebuild).
    The folder itself stays, so a server serving from it keeps its path."""
    trash = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.name not in keep:
            entry.rename(trash / entry.name)
    thread = threading.Thread(target=shutil.rmtree, args=(trash, True), daemon=True)
    thread.start()
    return thread


def _store_folder(build: Any) -> Path:
    from ..load.cache import cache_dir

    settings = build.config
    mode = "preview" if settings.preview else "site"
    name = f"{build.audience.value}-{build.language}-{mode}"
    return cache_dir(build.root, "incremental", settings) / name


def _digest_file(file) -> bytes:
    return hashlib.sha256(Path(file.abs_src_path).read_bytes()).digest()


def _tree(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _plain(value: Any) -> Any:
    """Configuration values as plain data (MkDocs wraps some in its own classes)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    return repr(value) if "0x" not in repr(value) else type(value).__qualname__
