"""The last check of a build: every HTML file of the finished output, as a browser reads it.

The checks on contributor files (rules/page_markup.py) and the allowlist on each page's
body (render/allowlist.py) see the page before the theme renders it; what the theme
then does with titles, descriptions and attributes is seen only here. A
problem fails the build, named at the page source and line where it can be
traced (``docs/<page>.md``), else at the output file.

Cost: about 1.2 ms of CPU a page (3,262 pages of the generated 1,000-document
corpus, tests/bench/corpus.py, in 3.9 s), against some 150 s for the build.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem
from .page import PageContext, check_page, read_digest
from .scripts import known_scripts
from .urls import Site


def verify_site(root: Path, site_dir: Path, site_url: str, display: str = "site") -> list[Problem]:
    """Every problem in the built output at ``site_dir`` (site_url: where it is served)."""
    from .trace import Tracer

    site_dir = site_dir.resolve()
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    if not site_url.startswith(("http://", "https://")):  # no address configured: any origin
        site_url = "https://site.invalid/" + site_url.lstrip("/")
    site = Site(site_url if site_url.endswith("/") else site_url + "/")
    known = known_scripts(root.resolve())
    digest_of = read_digest(site_dir)
    tracer = Tracer(root, site_dir, display)
    problems: list[Problem] = []
    # SVG files too: a link can open one as a document, where its scripts would run
    for output in sorted(f for f in files if f.endswith((".html", ".svg"))):
        text = (site_dir / output).read_text(encoding="utf-8", errors="replace")
        context = PageContext(site, output, files.__contains__, digest_of, known)
        for finding in check_page(text, context):
            path, line = tracer.locate(output, finding.needle, text)
            problems.append(Problem(path, line, finding.field, finding.message))
    return problems
