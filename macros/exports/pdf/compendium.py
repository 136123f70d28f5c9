"""The compendium, assembled: its front matter rendered, each document's part (cached
like any PDF) joined after it.

Each document's part is a PDF of its own, cached by its content key, so a change to one
document renders that document's part and joins the files again; the front matter
(cover and contents) is rendered again only when what it says changed: a title, a
heading, or the page a document or heading starts on.

Page numbers: the contents give each document's and heading's page in the compendium
(the number a PDF viewer shows), and the front matter's pages read "Page 2 of 180" of the
whole; each document's own pages keep the numbering they have as that document ("Page 1
of 3" at the foot of its first page), as its running header names the document. The
contents say so in a line under their heading.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ...render.i18n import Translator
from .assemble import TARGET_SCHEME, Heading, join, outline
from .fonts import FontSet
from .jobs import Job
from .key import Renderer
from .render import Entry, prepare, render_many, store

# MkDocs' logger: these lines are information, shown with the build's own.
log = logging.getLogger("mkdocs.plugins.gceg")

# The front matter's page count is not known before it is rendered, and the documents'
# page numbers follow it: a guess, checked, and rendered again if wrong (a title wrapping
# differently); a few rounds at most.
ROUNDS = 4


def part_jobs(compendium: Job) -> list[Job]:
    """Each document of the compendium as a PDF of its own: the pages the compendium prints."""
    return [
        Job(f"compendium/{part.doc_id}", part.title, [part], "part") for part in compendium.parts
    ]


def assemble(
    compendium: Job,
    part_keys: list[str],
    rendered_parts: int,
    site_dir: Path,
    site_url: str,
    cache_dir: Path,
    translator: Translator,
    fonts: FontSet,
    environment: Renderer,
    workers: int | None,
) -> tuple[Path, bool]:
    """The compendium's file in the cache, and whether it was assembled now (False: reused)."""
    language = translator.language.value
    context = f"{environment!r}\0{site_url}\0{language}"
    key = _hash(context, repr(compendium), "compendium", *part_keys)
    target = cache_dir / f"{key}.pdf"
    if target.is_file():
        return target, False
    started = time.perf_counter()
    parts = [cache_dir / f"{part_key}.pdf" for part_key in part_keys]
    layouts = [outline(path) for path in parts]
    front, front_state = _front(
        compendium, layouts, context, site_dir, site_url, cache_dir, translator, fonts, workers
    )
    front_seconds = time.perf_counter() - started
    front_pages, front_outline = outline(front)
    lines, bookmarks = _lines(compendium, layouts, front_pages)
    bookmarks = [(h.level, h.title, h.page, h.left, h.top) for h in front_outline] + bookmarks
    targets = [(line.page, line.left, line.top, line.text) for line in lines]
    data = join(front, parts, targets, bookmarks)
    store(target, data)
    seconds = time.perf_counter() - started
    log.info(
        f"gceg: compendium: {rendered_parts} of {len(parts)} documents rendered, "
        f"front matter {front_state}, assembled in {seconds:.1f} s "
        f"(reading the parts and the front matter {front_seconds:.1f} s)"
    )
    return target, True


@dataclass(frozen=True)
class Line:
    """A line of the contents and where it leads in the joined file."""

    css: str  # "document", or "level-2" / "level-3" for a heading
    text: str
    page: int  # 0-based, in the joined file
    left: float
    top: float


def _lines(compendium: Job, layouts, front_pages: int) -> tuple[list[Line], list[tuple]]:
    """The contents' lines, and the outline entries (level, title, page, left, top) of the
    documents, placed after ``front_pages`` pages of front matter."""
    lines, bookmarks = [], []
    start = front_pages
    for (pages, headings), part in zip(layouts, compendium.parts, strict=True):
        first = headings[0] if headings else Heading(1, part.title, 0, 0, 0)
        title = f"{part.doc_id} · {part.title}"
        lines.append(Line("document", title, start, first.left, first.top))
        for heading in headings:
            page = start + heading.page
            if heading is not first:
                css = f"level-{min(heading.level, 3)}"
                lines.append(Line(css, heading.title, page, heading.left, heading.top))
            bookmarks.append((heading.level, heading.title, page, heading.left, heading.top))
        start += pages
    return lines, bookmarks


def _contents(lines: list[Line]) -> list[Entry]:
    """The n-th line links to the n-th target (assemble.join); its page as printed, 1-based."""
    return [
        Entry(line.css, line.text, line.page + 1, f"{TARGET_SCHEME}{index}")
        for index, line in enumerate(lines)
    ]


def _front(compendium, layouts, context, site_dir, site_url, cache_dir, translator, fonts, workers):
    """The front matter's file in the cache and whether it was rendered now."""
    body = sum(pages for pages, _ in layouts)
    # how many pages the front matter took last time: most often the same again
    remembered = cache_dir / f"{_hash(site_url, translator.language.value, 'front')}.pages"
    guess = int(remembered.read_text()) if remembered.is_file() else 2
    status = "reused"  # "rendered" once any round renders
    for _ in range(ROUNDS):
        contents = _contents(_lines(compendium, layouts, guess)[0])
        total = guess + body
        job = replace(compendium, output=f"{compendium.output} (front matter)")
        prepared = prepare(job, site_dir, site_url, translator, "", fonts, contents, total)
        # keyed by what it prints (its HTML, less where the cache keeps the fonts, whose
        # digests the renderer holds) and the renderer: a change to a document's text that
        # moves no page number leaves it as it was
        key = _hash(context, "front", prepared.html.replace(fonts.folder.as_uri(), ""))
        path = cache_dir / f"{key}.pdf"
        # A file whose page count is not the one it assumed stays in the cache (another
        # build sharing the cache may be reading it): it is known by that count, here
        # and in every build that computes the same key.
        if not path.is_file():
            (data,) = render_many([replace(prepared, key=key)], fonts, workers)
            store(path, data)
            status = "rendered"
        pages, _ = outline(path)
        store(remembered, str(pages).encode())
        if pages == guess:
            return path, status
        guess = pages
    raise RuntimeError(f"{compendium.output}: the front matter's page count does not settle")


def _hash(*texts: str) -> str:
    return hashlib.sha256("\0".join(texts).encode()).hexdigest()
