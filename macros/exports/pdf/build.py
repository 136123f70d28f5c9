"""Every PDF of a build: the documents' own, rendered where their inputs changed, and the
compendium, assembled from its documents' parts (compendium.py). Its own module, as it
drives both render.py and compendium.py, which uses render.py's functions."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from ...render.i18n import Translator
from .compendium import assemble, part_jobs
from .fonts import prepared as prepared_fonts
from .jobs import Job
from .key import input_key, renderer
from .render import OPTIONS, prepare, render_many, report_log, store, warn_missing_glyphs


def render_all(
    jobs: list[Job],
    site_dir: Path,
    site_url: str,
    cache_dir: Path,
    translator: Translator,
    workers: int | None = None,
    project: Path | None = None,
) -> dict[str, str]:
    """Write every job's PDF into the site; return output -> 'cached' or 'rendered'.
    Only documents whose inputs changed are laid out and rendered again; a compendium is
    assembled from its documents' parts (compendium.py), themselves cached the same way."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    fonts = prepared_fonts(cache_dir / "fonts", project)
    environment = renderer(fonts, OPTIONS)
    language = translator.language.value
    compendia = [job for job in jobs if job.mode == "compendium"]
    parts = {job.output: part_jobs(job) for job in compendia}
    renderable = [job for job in jobs if job.mode != "compendium"]
    renderable += [part for found in parts.values() for part in found]
    keys = {
        job.output: input_key(job, site_dir, site_url, language, environment) for job in renderable
    }
    todo = [job for job in renderable if not (cache_dir / f"{keys[job.output]}.pdf").is_file()]
    missing = [
        prepare(job, site_dir, site_url, translator, keys[job.output], fonts) for job in todo
    ]
    for item in missing:
        warn_missing_glyphs(item, fonts)
    started = time.perf_counter()
    results = render_many(missing, fonts, workers)
    if missing:
        seconds = time.perf_counter() - started
        report_log.info(f"gceg: PDF rendering: {len(missing)} files in {seconds:.1f} s")
    for item, data in zip(missing, results, strict=True):
        store(cache_dir / f"{item.key}.pdf", data)
    report = {}
    rendered = {item.output for item in missing}
    for job in jobs:
        if job.mode == "compendium":
            source, made = assemble(
                job,
                [keys[part.output] for part in parts[job.output]],
                sum(1 for part in parts[job.output] if part.output in rendered),
                site_dir,
                site_url,
                cache_dir,
                translator,
                fonts,
                environment,
                workers,
            )
        else:
            source, made = cache_dir / f"{keys[job.output]}.pdf", job.output in rendered
        target = site_dir / job.output
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        report[job.output] = "rendered" if made else "cached"
    return report
