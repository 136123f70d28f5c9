"""``make bench-search``: what a reader transfers, and waits, for search on a site of N documents.

For each N it generates the corpus (tests/bench/corpus.py), builds the public site
(PDFs off, English: each language's site is searched on its own), serves it from
127.0.0.1 without HTTP compression, noting every response, and drives chromium:

* a record page's first view: every byte it fetches, and how much is search data;
* a first search (a word of the seed meeting's outcomes, "overview"), typed as a reader
  types it (a key every 150 ms: Pagefind's library loads meanwhile): the bytes it
  fetches, and the time from the last key to the result list's last change (this
  includes the box's 80 ms wait for more typing); then a second search, for a word on
  nearly every page, which reuses what the first loaded;
* the same first search pasted into the box as it takes focus, on a fresh page: the
  library loads after the paste, so its time is the slowest a first search can be.

The same is measured for Material's built-in search on the same pages: the build keeps
Material's whole-corpus index (GCEG_MATERIAL_INDEX), and the server gives each page
Material's own search box, the markup of the offline bundle. Material's worker fetches
the index with every page; the reader searches once the box stops saying "Initializing
search", and the first results' time includes what the worker has still to index then.

With compression is estimated by gzip -6 of each response, as a server would send it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import platform
import re
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from tests.bench.corpus import fresh_project, generate
from tests.bench.run import BIN, ROOT, environment, timed

MEETING = "meetings/2015-first-meeting/"


# What turns a page's search box back into Material's own (the markup of the offline
# bundle, overrides/partials/search.html), so Material's script searches it: each
# pattern must match once, or the template changed and this comparison with it.
MATERIAL_BOX = (
    (
        r'<div class="md-search gceg-search"[^>]*>',
        '<div class="md-search" data-md-component="search" role="dialog">',
    ),
    (r'name="gceg-search"', 'name="search"'),
    (r'name="gceg-query"', 'name="query" data-md-component="search-query"'),
    (r'id="gceg-search-results"', 'data-md-component="search-result"'),
    (r'<button type="button" class="gceg-search-filters-toggle"[^>]*>[^<]*</button>', ""),
    (r'<div class="gceg-search-filters" id="gceg-search-filters" hidden></div>', ""),
    # Material takes the result's first child for its count
    (
        r'<div class="gceg-search-bar">\s*(<div class="md-search-result__meta"[^>]*>[^<]*</div>)\s*</div>',
        r"\1",
    ),
    (r'<script src="[^"]*gceg-search\.js" defer></script>', ""),
)


# Material's box says "Initializing search" until its worker has fetched the index.
MATERIAL_READY = (
    "() => !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)"
)
TYPING_MS = 150  # between keys: a brisk typist (about 80 words a minute)
TIMEOUT_MS = 900_000  # Material's index of N = 10,000 takes minutes to load


def material_page(html: str) -> str:
    for pattern, replacement in MATERIAL_BOX:
        html, count = re.subn(pattern, replacement, html)
        assert count == 1, f"{pattern!r} matched {count} times: the search box changed"
    return html


class _Recording(http.server.SimpleHTTPRequestHandler):
    """Serves the site and notes each response's size; with ``material`` set, serves
    pages with Material's search box and Material's index from that folder."""

    served: list[tuple[str, bytes]]
    material: Path | None

    def send_head(self):
        path = self.path.split("?")[0]
        if self.material and path.startswith("/search/"):
            file = self.material / path.lstrip("/")
        else:
            file = Path(self.translate_path(path))
            file = file / "index.html" if file.is_dir() else file
        if not file.is_file():
            self.send_error(404)
            return None
        body = file.read_bytes()
        if self.material and file.suffix == ".html":
            body = material_page(body.decode("utf-8")).encode("utf-8")
        self.served.append((path, body))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def _serve(site: Path, material: Path | None):
    handler = type("Handler", (_Recording,), {"served": [], "material": material})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler.served, f"http://127.0.0.1:{server.server_address[1]}/"


def _bytes(responses: list[tuple[str, bytes]]) -> tuple[int, int]:
    """Bytes of these responses as served, and gzipped."""
    plain = sum(len(body) for _, body in responses)
    packed = sum(len(gzip.compress(body, 6, mtime=0)) for _, body in responses)
    return plain, packed


# Notes in the page when the query last changed (a key or a paste) and when the result
# list last changed: the query's results are those the list shows once it stops changing.
WATCH = """() => {
  window.__lastKey = 0; window.__changes = [];
  document.addEventListener("input", () => { window.__lastKey = performance.now(); }, true);
  new MutationObserver(() => window.__changes.push(performance.now()))
    .observe(document.querySelector(".md-search-result__list"), { childList: true });
}"""
SETTLED = """(quiet) => {
  const last = window.__changes[window.__changes.length - 1] || 0;
  return last > window.__lastKey && performance.now() - last > quiet
    && document.querySelector(".md-search-result__item") !== null;
}"""
SETTLE_MS = 2000  # no change for this long: the list shows the last word's results


def _settled_ms(page) -> float:
    """Once the result list has settled: milliseconds from the query's last change to the
    list's last change."""
    page.wait_for_function(SETTLED, arg=SETTLE_MS, polling=100)
    return page.evaluate("window.__changes[window.__changes.length - 1] - window.__lastKey")


def _search(page, word: str) -> float:
    """Milliseconds from the word's last key to the list's last change: its results on
    screen. The word is typed as a reader types it, one key every TYPING_MS."""
    page.locator("input.md-search__input").fill("")
    page.keyboard.type(word[:-1], delay=TYPING_MS)
    page.wait_for_timeout(TYPING_MS)
    page.keyboard.type(word[-1])
    return _settled_ms(page)


def _open(browser, url: str, material: bool):
    """A fresh page (its own context: nothing cached), loaded, with the list watched."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if material:  # its worker has fetched the whole index (it may still be indexing)
        page.wait_for_function(MATERIAL_READY)
    page.wait_for_timeout(500)  # a worker's fetches are not the page's network
    page.evaluate(WATCH)
    return page


def _pasted(page, word: str) -> float:
    """Milliseconds from a query pasted into the box, as it takes focus, to its results:
    the search's library loads after the paste, not while the reader types."""
    page.locator("input.md-search__input").focus()
    page.keyboard.insert_text(word)
    page.keyboard.press("End")  # a paste's last key (Ctrl+V): Material searches on keyup
    return _settled_ms(page)


def measure(site: Path, material: Path | None = None) -> dict:
    """A record page's first view and two searches, with the site's search (Pagefind),
    or with Material's on the same pages when ``material`` holds its index."""
    from playwright.sync_api import sync_playwright

    server, served, base = _serve(site, material)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            )
            record = min(p.name for p in (site / "meetings").glob("bench-meeting-*"))
            url = f"{base}meetings/{record}/"
            page = _open(browser, url, material is not None)
            first_view = list(served)
            page.locator("input.md-search__input").click()
            first_ms = _search(page, "overview")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            top = page.locator(".md-search-result__link").first.get_attribute("href")
            searched = served[len(first_view) :]
            second_ms = _search(page, "resilience")  # a word on nearly every page
            pasted_ms = _pasted(_open(browser, url, material is not None), "overview")
            browser.close()
    finally:
        server.shutdown()
    search_data = [path for path, _ in first_view if "/pagefind/" in path or "/search/" in path]
    return {
        "page": _bytes(first_view),
        "page_search_requests": len(search_data),
        "page_search_bytes": _bytes([r for r in first_view if r[0] in search_data]),
        "search": _bytes(searched),
        "search_requests": len(searched),
        "first_ms": first_ms,
        "second_ms": second_ms,
        "pasted_ms": pasted_ms,
        "top_is_meeting": urllib.parse.urlsplit(top).path == "/" + MEETING,
    }


def _kilobytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e3


def run(documents: int, work: Path) -> dict:
    project = fresh_project(ROOT, work / "project")
    generate(project, documents)
    # English only: each language's site is searched on its own, at the same cost
    env = environment(
        GCEG_PDF="0",
        GCEG_CACHE_DIR=str(work / "cache"),
        GCEG_LANGUAGES="en",
        GCEG_MATERIAL_INDEX=str(work / "material"),
    )
    site = work / "site"
    seconds, _ = timed([str(BIN / "gceg"), "build", "--site-dir", str(site)], project, env)
    from macros.exports.search_index import index_site

    started = time.perf_counter()
    assert index_site(site) is None  # again, to time Pagefind alone (the build ran it too)
    index_s = time.perf_counter() - started
    figures = measure(site)
    figures["material"] = measure(site, work / "material")
    figures.update(
        documents=documents,
        build_s=seconds,
        index_s=index_s,
        index_kb=_kilobytes(site / "pagefind"),
        material_index_kb=_kilobytes(work / "material" / "search"),
    )
    return figures


def _kb(pair: tuple[int, int]) -> str:
    return f"{pair[0] / 1e3:.0f} / {pair[1] / 1e3:.0f}"


def report(rows: list[dict]) -> str:
    lines = [
        "| N documents | search | record page, first view (KB, plain / gzip) "
        "| of which search data (KB; requests) | first search (KB, plain / gzip; requests) "
        "| first results, typed (ms) | first results, pasted (ms) | second search (ms) "
        "| top result is the meeting |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        for name, m in (("Pagefind (the site)", r), ("Material's built-in", r["material"])):
            lines.append(
                f"| {r['documents']} | {name} | {_kb(m['page'])} "
                f"| {_kb(m['page_search_bytes'])}; {m['page_search_requests']} "
                f"| {_kb(m['search'])}; {m['search_requests']} "
                f"| {m['first_ms']:.0f} | {m['pasted_ms']:.0f} | {m['second_ms']:.0f} "
                f"| {m['top_is_meeting']} |"
            )
    lines += [
        "",
        "| N documents | Pagefind index (KB, on disk) | Pagefind run (s) "
        "| Material's index (KB) | build (s) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['documents']} | {r['index_kb']:.0f} | {r['index_s']:.1f} "
            f"| {r['material_index_kb']:.0f} | {r['build_s']:.0f} |"
        )
    return "\n".join(lines)


# BENCHMARKS.md keeps this section between these lines; `make bench` carries it over.
BEGIN, END = "<!-- bench-search -->", "<!-- /bench-search -->"


def section(path: Path) -> str:
    """This benchmark's section of ``path`` (with its markers), or ""."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    start, end = text.find(BEGIN), text.find(END)
    return text[start : end + len(END)] + "\n" if 0 <= start < end else ""


def write_section(path: Path, body: str) -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    old = section(path).rstrip("\n")
    new = f"{BEGIN}\n{body.strip()}\n{END}"
    text = text.replace(old, new) if old else text.rstrip("\n") + "\n\n" + new + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,3000,10000")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    rows = []
    for documents in (int(n) for n in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="gceg-bench-search-") as work:
            rows.append(run(documents, Path(work)))
        print(report(rows), flush=True)
    command = f"python -m tests.bench.search --sizes {args.sizes}"
    write_section(
        args.output,
        f"## Search\n\nBy `{command}` (`make bench-search`), "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores.\n\n" + report(rows),
    )


if __name__ == "__main__":
    main()
