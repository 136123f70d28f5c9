"""Render the PDF jobs: compose each, reuse cached PDFs, render the rest in parallel."""

from __future__ import annotations

import logging
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import escape

from ...address import absolute
from ...render.documents import EDITORS
from ...render.i18n import Translator
from .compose import article
from .fonts import FontSet
from .jobs import Job, Part

log = logging.getLogger("gceg.pdf")  # not MkDocs': a warning here does not fail a strict build
report_log = logging.getLogger("mkdocs.plugins.gceg")  # information, with the build's own

VARIANT = "pdf/a-3a"  # archival (PDF/A-3) and accessible: tagged, with language and structure


@dataclass(frozen=True)
class Prepared:
    output: str
    html: str
    base_url: str
    site_dir: str
    fonts_dir: str
    key: str


def _environment(translator: Translator) -> Environment:
    env = Environment(
        loader=PackageLoader("macros.exports.pdf", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(**translator.template_functions(escape), newstyle=False)
    return env


def _cover(job: Job, t: Translator, compendium: bool, site_url: str) -> dict:
    """What the cover says. Who is responsible for a document comes from its one
    description (documents.describe): the issuing body, this site's editors for a record
    they compiled (with its sources), or no one for an illustrative example. A compendium
    has a cover of its own: what it is, when it was compiled, and every document in it."""
    if compendium:
        newest = date.fromisoformat(max(p.date for p in job.parts))
        return {
            "kind": t.gettext("Compendium"),
            "facts": [(t.gettext("Documents"), _holdings(len(job.parts), newest, t))],
            "statement": t.gettext(
                "A compilation made by the editors of this site of the current text of every "
                "document on it, each with its own marking. It is not a document issued by the "
                "expert group; each document says who issued or compiled it."
            ),
            "contents": [(p.doc_id, p.title, _responsible(p, t)) for p in job.parts],
            "summary": None,
            "illustrative": False,
            "permalink": absolute(site_url, "") or "",
        }
    part = job.parts[0]
    number = (
        t.gettext("Document number")
        if part.provenance == "issued"
        else t.gettext("Catalogue number")
    )
    facts = [(number, part.doc_id), _responsible_fact(part, t)]
    if part.edition:
        facts.append((t.gettext("Edition"), part.edition))
    if part.status:
        facts.append((t.gettext("Status"), t.gettext(part.status)))
    facts.append((t.gettext("Date"), t.date(date.fromisoformat(part.date))))
    return {
        "kind": t.gettext(part.kind),
        "facts": facts,
        "statement": None,
        "contents": [],
        "summary": part.summary,
        "illustrative": part.illustrative,
        "permalink": part.permalink,
    }


def _holdings(count: int, newest: date, t: Translator) -> str:
    """How many documents a compendium holds and the date of the newest, in one phrase."""
    phrase = t.ngettext(
        "{count} document, dated up to {date}", "{count} documents, dated up to {date}", count
    )
    return phrase.format(count=t.number(count), date=t.date(newest))


def _responsible_fact(part: Part, t: Translator) -> tuple[str, str]:
    if part.provenance == "compiled":
        return t.gettext("Compiled by"), _responsible(part, t)
    return t.gettext("Issued by"), _responsible(part, t)


def _responsible(part: Part, t: Translator) -> str:
    if part.provenance == "issued":
        return part.issued_by or ""
    if part.provenance == "compiled":
        return t.gettext("the editors of this site, from: {sources}").format(
            sources="; ".join(part.sources)
        )
    return t.gettext("no one: an illustrative example made for this site")


def _author(job: Job, t: Translator) -> str:
    """The PDF's author metadata: never the group for what the group did not issue."""
    issuers = {p.issued_by for p in job.parts if p.provenance == "issued"}
    if len(job.parts) == 1 and issuers:
        return issuers.pop()
    return t.gettext(EDITORS)


@dataclass(frozen=True)
class Entry:
    """A line of the compendium's contents: its page in the compendium, and the link
    (a placeholder address, assemble.TARGET_SCHEME) that assembling points at that page."""

    css: str  # "document", or "level-2" / "level-3" for a heading
    text: str
    page: int
    href: str


def prepare(
    job: Job,
    site_dir: Path,
    site_url: str,
    translator: Translator,
    key: str,
    fonts: FontSet,
    contents: list[Entry] | None = None,
    total: int | None = None,
) -> Prepared:
    """The HTML of a job. A document: cover, contents, text. A compendium: its front matter
    only (cover and ``contents``, numbered as pages of its ``total``), the documents being
    joined after it (compendium.py). A part: a document's text as the compendium prints it."""
    env = _environment(translator)
    css = (Path(__file__).parent / "templates" / "print.css").read_text(encoding="utf-8")
    compendium, part = job.mode == "compendium", job.mode == "part"
    composed = []
    for index, item in enumerate([] if compendium else job.parts):
        # ids are made unique by document number, so the parts' named destinations do not
        # collide when the compendium joins them
        prefix = f"{item.doc_id}-" if part else ""
        html, headings = article(site_dir, item.page_url, site_url, prefix)
        composed.append(
            {
                "part": item,
                "html": _markup(html),
                "headings": headings,
                "anchor": f"doc-{item.doc_id}" if part else f"doc-{index}",
                "marking_class": item.classification.css,
            }
        )
    marking = job.classification
    first = job.parts[0]
    cover = None
    if not part:
        cover = _cover(job, translator, compendium, site_url)
        cover["doc_id"] = ", ".join(p.doc_id for p in job.parts)
    html = env.get_template("print.html").render(
        language=translator.language.value,
        direction=translator.direction,
        title=job.title,
        short_title=job.title,
        author=_author(job, translator),
        subject=first.summary if not compendium else job.title,
        keywords=", ".join(sorted({k for p in job.parts for k in p.keywords})),
        date=max(p.date for p in job.parts),
        fonts=_markup(fonts.css),
        css=_markup(css + _page_numbers(translator, total)),
        marking=marking.value,
        marking_meaning=marking.meaning,
        marking_class=marking.css,
        page_marking_class="tlp-neutral" if compendium else marking.css,
        cover=cover,
        contents=contents,
        in_compendium=part,
        parts=composed,
        # a short document's contents fit on its cover's next page with the text itself
        compact_contents=sum(len(c["headings"]) for c in composed) <= 8,
    )
    base_url = site_dir.as_uri() + "/"
    return Prepared(job.output, html, base_url, str(site_dir), str(fonts.folder), key)


def _page_numbers(t: Translator, total: int | None = None) -> str:
    """The running "Page X of Y" in the document's language (CSS counters between the
    words, which are a CSS string: quotes and backslashes escaped). ``total``: Y, where the
    file is the first pages of a longer one (the compendium's front matter)."""
    words = t.gettext("Page {page} of {pages}")
    pages = "counter(pages)" if total is None else f'"{total}"'
    counters = {"{page}": "counter(page)", "{pages}": pages}
    parts = []
    for piece in re.split(r"(\{pages?\})", words):
        if piece in counters:
            parts.append(counters[piece])
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    numbers = " ".join(parts)
    if t.direction == "rtl":  # the page's end is on the left: the title goes to the right
        # and the cover, which shows no title, keeps its number (print.css: @page cover)
        return (
            f"\n@page {{ @bottom-left {{ content: {numbers}; }} "
            '@bottom-right { content: string(doc-title); font: 8pt "GCEG Sans"; '
            "color: #4a5663; } }\n"
            f"@page cover {{ @bottom-left {{ content: {numbers}; }} "
            "@bottom-right { content: none; } }\n"
        )
    return f"\n@page {{ @bottom-right {{ content: {numbers}; }} }}\n"


def _markup(text: str):
    from markupsafe import Markup

    return Markup(text)  # trusted: the site's own built HTML and stylesheet


# WeasyPrint's options. full_fonts: embed each font file whole, so neither of its two
# subsetters (HarfBuzz's, present on some systems, or fontTools) decides the bytes.
OPTIONS = {"pdf_variant": VARIANT, "full_fonts": True}


def _isolate_fonts(config: str) -> None:
    """In each renderer process, before WeasyPrint loads: fontconfig reads only our file,
    which lists no system font (see fonts.py)."""
    import warnings

    os.environ["FONTCONFIG_FILE"] = config
    with warnings.catch_warnings():  # "no fonts configured": by design, they come from @font-face
        warnings.simplefilter("ignore")
        import weasyprint  # noqa: F401


def render_one(prepared: Prepared) -> bytes:
    """Runs in a renderer process: HTML to PDF, reading nothing outside the site and its fonts."""
    from urllib.parse import unquote, urlsplit

    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    roots = [Path(prepared.site_dir).resolve(), Path(prepared.fonts_dir).resolve()]

    class SiteOnly(URLFetcher):
        """Loads files of the built site and the fonts, nothing else: no network, no other files."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or not any(root in path.parents for root in roots):
                raise ValueError(f"not fetched (PDFs load only the site and its fonts): {url}")
            return super().fetch(url, headers)

    fetcher = SiteOnly(allowed_protocols=["file"])
    document = HTML(string=prepared.html, base_url=prepared.base_url, url_fetcher=fetcher)
    return document.write_pdf(**OPTIONS)


def store(path: Path, data: bytes) -> None:
    """Written whole or not at all: a killed build leaves no half file in the cache."""
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.write_bytes(data)
    temporary.replace(path)


def warn_missing_glyphs(item: Prepared, fonts: FontSet) -> None:
    """Not an error: the PDF is still the same on every machine, but a reader sees boxes."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(item.html, "lxml")
    for style in soup.find_all("style"):
        style.decompose()
    if missing := fonts.missing(soup.get_text()):
        log.warning(
            f"{item.output}: the PDF fonts have no glyph for {', '.join(missing)}; "
            "these print as empty boxes"
        )


def render_many(missing: list[Prepared], fonts: FontSet, workers: int | None) -> list[bytes]:
    """In fresh processes (even for one document), so fontconfig starts with our file."""
    if not missing:
        return []
    workers = min(len(missing), workers or os.cpu_count() or 1)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=_isolate_fonts,
        initargs=(str(fonts.config),),
    )
    with pool:
        return list(pool.map(render_one, missing))
