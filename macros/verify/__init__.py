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

import functools
import hashlib
import os
import pickle
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
    checked = CheckedPages(root, _surroundings(files, site.url, known))
    # SVG files too: a link can open one as a document, where its scripts would run
    for output in sorted(f for f in files if f.endswith((".html", ".svg"))):
        data = (site_dir / output).read_bytes()
        text = data.decode("utf-8", errors="replace")
        findings = checked.get(output, data, digest_of)
        if findings is None:
            asked: dict[str, str | None] = {}  # the scripts the page loads, and their digests
            script = functools.partial(_noting, asked, digest_of)
            context = PageContext(site, output, files.__contains__, script, known)
            findings = checked.put(output, data, check_page(text, context), asked)
        for finding in findings:
            path, line = tracer.locate(output, finding.needle, text)
            problems.append(Problem(path, line, finding.field, finding.message))
    checked.save()
    return problems


def _noting(asked: dict, digest_of, path: str) -> str | None:
    asked[path] = digest_of(path)
    return asked[path]


class CheckedPages:
    """What each page's check found, kept by the page's bytes and everything else the check
    reads (the other files' names, the scripts' digests, the address, this code): a page
    the same as in the last build, in the same surroundings, is not parsed again."""

    def __init__(self, root: Path, surroundings: bytes):
        from ..config import BuildConfig
        from ..load.cache import cache_dir

        self.path = cache_dir(root, "verified.pickle", BuildConfig.from_environment())
        self.surroundings = surroundings
        try:
            self.known: dict[bytes, list] = pickle.loads(self.path.read_bytes())
        except Exception:  # none yet, or damaged: check every page
            self.known = {}
        self.now: dict[bytes, list] = {}

    def _key(self, output: str, data: bytes) -> bytes:
        return hashlib.sha256(self.surroundings + output.encode() + b"\0" + data).digest()

    def get(self, output: str, data: bytes, digest_of) -> list | None:
        key = self._key(output, data)
        found = self.known.get(key)
        if found is None:
            return None
        findings, scripts = found
        if any(digest_of(path) != digest for path, digest in scripts.items()):
            return None  # a script it loads has changed
        self.now[key] = found
        return findings

    def put(self, output: str, data: bytes, findings: list, scripts: dict) -> list:
        self.now[self._key(output, data)] = (findings, scripts)
        return findings

    def save(self) -> None:
        if self.now.keys() == self.known.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
        temporary.write_bytes(pickle.dumps(self.now, pickle.HIGHEST_PROTOCOL))
        temporary.replace(self.path)


def _surroundings(files: set[str], base: str, known: frozenset[str]) -> bytes:
    """A digest of what a page's check reads besides the page and the scripts it loads:
    this code and its parsers, the site's address, every output file's name, the
    digests of the theme's scripts."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for name in ("selectolax", "ada-url"):
        digest.update(f"{name}={version(name)}\0".encode())
    for code in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(code.read_bytes())
    digest.update(f"{base}\0".encode())
    for name in sorted(files):
        digest.update(name.encode() + b"\0")
    digest.update("\0".join(sorted(known)).encode())
    return digest.digest()
