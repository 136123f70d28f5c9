"""The online sites' search index: Pagefind, run on the finished, verified pages.

A build stage after the final-HTML check and before the new site is swapped in
(macros/tools/cli.py), so a failed index leaves the last good site. Pagefind reads
only the output folder, which holds this audience's pages and nothing else, and
indexes what overrides/main.html marks (``data-pagefind-body``: the page's
content, its section and its filters); the regions below stay out. It writes
``pagefind/``: the library, its WebAssembly, and an index split into chunks a
query loads on demand, so a reader's cost does not grow with the corpus.

Material's whole-corpus index (``search/``) is removed from these sites: no
page loads it (overrides/partials/search.html). The offline bundle keeps it
and searches with Material, as Pagefind cannot fetch its chunks from file://.

The binary ships inside the pinned ``pagefind-bin`` wheel; nothing is
downloaded. Pagefind 1.5.2 writes its filters in the order of a randomly seeded
hash map, so ``in_fixed_order`` sorts them afterwards: the same pages give the
same bytes (tested).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import cbor2
import pagefind_bin

from ..render.languages import LANGUAGES

OUTPUT = "pagefind"
# Kept out of the index: chart labels and figures (their table carries the data),
# citation markers and headings' permalink signs, summary cards and listings of other
# records (their own page carries that text, and should be found first; a listing grows
# with the archive, and a result's excerpt loads its page's whole indexed text: the
# meetings index's was 111 KB at 10,000 documents), and the page furniture the
# template adds around content.
EXCLUDED = (
    "figure[data-search-exclude]",
    ".gceg-cite",
    ".gceg-card",
    ".gceg-listing",
    ".headerlink",
    ".md-path",
    ".gceg-page-tools",
    ".gceg-marking",
    ".md-source-file",
)
# Bound on one run: Pagefind took 86 s for the 9,673 pages of N = 3,000 on a busy 2-core
# machine (BENCHMARKS.md); a larger site may need this raised.
TIMEOUT_SECONDS = 600


def index_site(site_dir: Path, output: Path | None = None) -> str | None:
    """Index the site at ``site_dir`` (into ``site_dir/pagefind``, or ``output``); the
    reason it failed, or None. The four language sites (site/, site/fr/, ...) share one
    bundle: Pagefind keeps an index per language, stemmed for it, and a page searches the
    one of its ``<html lang>``."""
    for language in ("", *(f"{code}/" for code in LANGUAGES[1:])):
        shutil.rmtree(site_dir / language / "search", ignore_errors=True)
    output = output or site_dir / OUTPUT
    # Pagefind also reads pagefind.yml and PAGEFIND_* settings: run it in an empty
    # folder with none set, so only the options here decide the index.
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND")}
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site_dir),
        "--output-path",
        str(output),
        "--exclude-selectors",
        ", ".join(EXCLUDED),
        "--silent",
    ]
    with tempfile.TemporaryDirectory(prefix="gceg-pagefind-") as empty:
        try:
            done = subprocess.run(
                command, cwd=empty, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS
            )
        except subprocess.TimeoutExpired:
            return f"Pagefind did not finish in {TIMEOUT_SECONDS} s"
        except OSError as error:
            return f"Pagefind could not run: {error}"
    if done.returncode != 0 or not (output / ENTRY).is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return f"Pagefind failed (exit {done.returncode}): {' / '.join(detail)}"
    try:
        in_fixed_order(output)
    except (OSError, ValueError, LookupError, TypeError, AttributeError, cbor2.CBORError) as error:
        return f"Pagefind's output is not in the form this build knows: {error!r}"
    return None


class BackgroundIndex:
    """The live preview's index, made after the page is served: a saved change shows at
    once, and search finds it some seconds later. Pagefind writes beside the site; its
    output replaces the last index only if no newer build has started meanwhile (that
    build makes its own), so the preview keeps the last index until then."""

    def __init__(self) -> None:
        self.generation = 0
        self.lock = threading.Lock()

    def start(self, site_dir: Path) -> threading.Thread:
        with self.lock:
            self.generation += 1
            generation = self.generation
        thread = threading.Thread(target=self._run, args=(site_dir, generation), daemon=True)
        thread.start()
        return thread

    def _run(self, site_dir: Path, generation: int) -> None:
        work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir.parent))
        try:
            problem = index_site(site_dir, work / OUTPUT)
            with self.lock:
                if generation != self.generation:
                    return  # a newer build's index is on its way
                if problem:
                    print(f"gceg: the preview's search index: {problem}", file=sys.stderr)
                    return
                old = work / "old"
                with contextlib.suppress(FileNotFoundError):
                    (site_dir / OUTPUT).rename(old)
                (work / OUTPUT).rename(site_dir / OUTPUT)
        finally:
            shutil.rmtree(work, ignore_errors=True)


PREVIEW_INDEX = BackgroundIndex()
ENTRY = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"  # what each index file starts with, inflated


def _read(path: Path):
    return cbor2.loads(gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE))


def _write(folder: Path, pattern: str, language: str, digits: int, value) -> str:
    """Write ``value`` as Pagefind does (CBOR after the signature, gzipped), named by
    its content as Pagefind names its files; the name's hash part."""
    data = gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / pattern.format(name)).write_bytes(data)
    return name


def in_fixed_order(output: Path) -> None:
    """Sort what Pagefind 1.5.2 leaves in hash-map order: each filter's values, and
    the filters listed in each language's metadata, and the languages; then rename the files those
    changed, and the entry file that names the metadata.
    Hand-written because Pagefind has no option for it; the formats read here are
    those of the pinned version (a new one fails the tests rather than the site)."""
    entry = json.loads((output / ENTRY).read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta_path = output / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, chunk in meta[3]:
            chunk_path = output / "filter" / f"{chunk}.pf_filter"
            values = _read(chunk_path)
            values[1].sort(key=lambda pair: pair[0])
            chunk_path.unlink()
            filters.append([name, _write(output / "filter", "{}.pf_filter", language, 7, values)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        about["hash"] = _write(output, "pagefind.{}.pf_meta", language, 10, meta)
    # the language sites' indexes are listed in hash-map order too
    entry["languages"] = dict(sorted(entry["languages"].items()))
    (output / ENTRY).write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
