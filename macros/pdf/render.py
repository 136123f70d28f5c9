"""Render the PDF jobs: compose each, reuse cached PDFs, render the rest in parallel."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..i18n import Translator
from .compose import article
from .jobs import Job, Part

VARIANT = "pdf/a-3a"  # archival (PDF/A-3) and accessible: tagged, with language and structure


@dataclass(frozen=True)
class Prepared:
    output: str
    html: str
    base_url: str
    site_dir: str
    key: str


def _environment(translator: Translator) -> Environment:
    env = Environment(
        loader=PackageLoader("macros.pdf", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(translator.gettext, translator.ngettext, newstyle=True)
    return env


def _cover(part: Part, t: Translator, multiple: bool) -> dict:
    facts = [(t.gettext("Document"), part.doc_id), (t.gettext("Issued by"), part.issued_by)]
    if multiple:
        facts = [(t.gettext("Documents"), part.doc_id)]
    else:
        if part.edition:
            facts.append((t.gettext("Edition"), part.edition))
        if part.status:
            facts.append((t.gettext("Status"), t.gettext(part.status)))
        facts.append((t.gettext("Date"), t.date(date.fromisoformat(part.date))))
    return {"doc_id": part.doc_id, "kind": t.gettext(part.kind), "facts": facts,
            "summary": None if multiple else part.summary, "illustrative": part.illustrative,
            "permalink": part.permalink}  # fmt: skip


def prepare(job: Job, site_dir: Path, site_url: str, translator: Translator, key: str) -> Prepared:
    env = _environment(translator)
    css = (Path(__file__).parent / "templates" / "print.css").read_text(encoding="utf-8")
    multiple = len(job.parts) > 1
    composed = []
    for index, part in enumerate(job.parts):
        prefix = f"d{index}-" if multiple else ""
        html, headings = article(site_dir, part.page_url, site_url, prefix)
        composed.append({"part": part, "html": _markup(html), "headings": headings,
                         "anchor": f"doc-{index}",
                         "marking_class": part.classification.css})  # fmt: skip
    marking = job.classification
    first = job.parts[0]
    cover = _cover(first, translator, multiple)
    if multiple:
        cover["doc_id"] = ", ".join(p.doc_id for p in job.parts)
        cover["permalink"] = site_url
    html = env.get_template("print.html").render(
        language=translator.language.value,
        direction=translator.direction,
        title=job.title,
        short_title=job.title,
        author=first.issued_by,
        subject=first.summary if not multiple else job.title,
        keywords=", ".join(sorted({k for p in job.parts for k in p.keywords})),
        date=max(p.date for p in job.parts),
        css=_markup(css),
        marking=marking.value,
        marking_meaning=marking.meaning,
        marking_class=marking.css,
        page_marking_class="tlp-neutral" if multiple else marking.css,
        cover=cover,
        parts=composed,
    )
    return Prepared(job.output, html, site_dir.as_uri() + "/", str(site_dir), key)


def _markup(text: str):
    from markupsafe import Markup

    return Markup(text)  # trusted: the site's own built HTML and stylesheet


def _weasyprint_version() -> str:
    import weasyprint

    return weasyprint.__version__


def render_one(prepared: Prepared) -> bytes:
    """Runs in a worker process: HTML to PDF, reading nothing outside the site."""
    from urllib.parse import unquote, urlsplit

    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    root = Path(prepared.site_dir).resolve()

    class SiteOnly(URLFetcher):
        """Loads files of the built site and nothing else: no network, no other files."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or root not in path.parents:
                raise ValueError(f"not fetched (PDFs load only files of the site): {url}")
            return super().fetch(url, headers)

    fetcher = SiteOnly(allowed_protocols=["file"])
    document = HTML(string=prepared.html, base_url=prepared.base_url, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant=VARIANT)


def input_key(job: Job, site_dir: Path, site_url: str, language: str) -> str:
    """A hash of everything a PDF is made from: the built pages it prints, its cover
    facts, the print templates, the code that lays it out, and WeasyPrint's version."""
    from .compose import page_file

    digest = hashlib.sha256(
        f"{VARIANT}\0{_weasyprint_version()}\0{site_url}\0{language}\0{job!r}".encode()
    )
    here = Path(__file__).parent
    code = [here / "templates" / "print.html", here / "templates" / "print.css",
            here / "compose.py", here / "render.py", here / "jobs.py", here.parent / "i18n.py",
            *sorted((here.parent / "locales").rglob("*.po"))]  # fmt: skip
    for path in code:
        digest.update(path.read_bytes())
    for part in job.parts:
        page = page_file(site_dir, part.page_url)
        html = page.read_bytes()
        digest.update(html)
        for source in sorted(set(_LOCAL_MEDIA.findall(html))):  # images the page prints
            media = (page.parent / source.decode()).resolve()
            digest.update(source + (media.read_bytes() if media.is_file() else b"(missing)"))
    return digest.hexdigest()


_LOCAL_MEDIA = re.compile(rb"""<(?:img|source)\b[^>]*?\ssrcs?e?t?=["']?([^"'\s>]+)""", re.I)


def render_all(
    jobs: list[Job], site_dir: Path, site_url: str, cache_dir: Path, translator: Translator,
    workers: int | None = None,
) -> dict[str, str]:  # fmt: skip
    """Write every job's PDF into the site; return output -> 'cached' or 'rendered'.
    Only documents whose inputs changed are laid out and rendered again."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    keys = {
        job.output: input_key(job, site_dir, site_url, translator.language.value) for job in jobs
    }
    todo = [job for job in jobs if not (cache_dir / f"{keys[job.output]}.pdf").is_file()]
    missing = [prepare(job, site_dir, site_url, translator, keys[job.output]) for job in todo]
    workers = min(len(missing), workers or os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            results = list(pool.map(render_one, missing))
    else:
        results = [render_one(p) for p in missing]
    for item, data in zip(missing, results, strict=True):
        temporary = cache_dir / f"{item.key}.pdf.tmp-{os.getpid()}"
        temporary.write_bytes(data)
        temporary.replace(cache_dir / f"{item.key}.pdf")
    report = {}
    rendered = {item.output for item in missing}
    for job in jobs:
        target = site_dir / job.output
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / f"{keys[job.output]}.pdf", target)
        report[job.output] = "rendered" if job.output in rendered else "cached"
    return report
