"""The online sites' search index: Pagefind, run on the finished, verified pages.

A build stage after the final-HTML check and before the new site is swapped in
(macros/cli.py), so a failed index leaves the last good site. Pagefind reads
only the output folder, which holds this audience's pages and nothing else, and
indexes what overrides/main.html marks (``data-pagefind-body``: the page's
content, its section and its filters); the regions below stay out. It writes
``pagefind/``: the library, its WebAssembly, and an index split into chunks a
query loads on demand, so a reader's cost does not grow with the corpus.

Material's whole-corpus index (``search/``) is removed from these sites: no
page loads it (overrides/partials/search.html). The offline bundle keeps it
and searches with Material, as Pagefind cannot fetch its chunks from file://.

The binary ships inside the pinned ``pagefind-bin`` wheel; nothing is
downloaded. Its output is the same bytes for the same pages (tested).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pagefind_bin

OUTPUT = "pagefind"
# Kept out of the index: chart labels and figures (their table carries the data),
# citation markers and headings' permalink signs, summary cards of other records
# (their own page carries that text, and should be found first), and the page
# furniture the template adds around content.
EXCLUDED = (
    "figure[data-search-exclude]",
    ".gceg-cite",
    ".gceg-card",
    ".headerlink",
    ".md-path",
    ".gceg-page-tools",
    ".gceg-marking",
    ".md-source-file",
)
# Bound on one run: far above the ~4 s Pagefind takes for 10,000 pages here.
TIMEOUT_SECONDS = 600


def index_site(site_dir: Path) -> str | None:
    """Index the site at ``site_dir`` in place; the reason it failed, or None."""
    shutil.rmtree(site_dir / "search", ignore_errors=True)
    # Pagefind also reads pagefind.yml and PAGEFIND_* settings: run it in an empty
    # folder with none set, so only the options here decide the index.
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND")}
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(site_dir),
        "--output-subdir", OUTPUT,
        "--exclude-selectors", ", ".join(EXCLUDED),
        "--silent",
    ]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="gceg-pagefind-") as empty:
        try:
            done = subprocess.run(command, cwd=empty, env=env, capture_output=True, text=True,
                                  timeout=TIMEOUT_SECONDS)  # fmt: skip
        except subprocess.TimeoutExpired:
            return f"Pagefind did not finish in {TIMEOUT_SECONDS} s"
        except OSError as error:
            return f"Pagefind could not run: {error}"
    if done.returncode != 0 or not (site_dir / OUTPUT / "pagefind-entry.json").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return f"Pagefind failed (exit {done.returncode}): {' / '.join(detail)}"
    return None
