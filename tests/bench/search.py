"""``make bench-search``: what a reader transfers, and waits, for search on a site of N documents.

For each N it generates the corpus (tests/bench/corpus.py), builds the public site
(PDFs off), serves it from 127.0.0.1 without HTTP compression, and drives chromium:

* a record page's first view: every byte it fetches, and whether any is search data;
* a first search (a word of the seed meeting's outcomes, "overview"): the bytes it
  fetches, and the time from the last key to results on screen (this includes the
  box's 120 ms wait for more typing); then a second search, which reuses what the
  first loaded.

With compression is estimated by gzip -6 of each response, as a server would send it.
Material's search on the same pages fetched its whole index with every page: its size
is the "search index" column of the Builds table in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import platform
import re
import tempfile
import threading
import time
from pathlib import Path

from tests.bench.corpus import fresh_project, generate
from tests.bench.run import BIN, ROOT, environment, timed

MEETING = "meetings/2015-first-meeting/"
WORD = re.compile("resilien", re.IGNORECASE)  # a word of the generated corpus


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _bytes(site: Path, base: str, urls: list[str]) -> tuple[int, int]:
    """Bytes of these responses as served, and gzipped."""
    plain = packed = 0
    for url in urls:
        path = site / url.removeprefix(base).split("?")[0]
        path = path / "index.html" if path.is_dir() else path
        if path.is_file():
            data = path.read_bytes()
            plain += len(data)
            packed += len(gzip.compress(data, 6, mtime=0))
    return plain, packed


def measure(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = _serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            record = min(p.name for p in (site / "meetings").glob("bench-meeting-*"))
            page.goto(f"{base}meetings/{record}/")
            page.wait_for_load_state("networkidle")
            first_view = list(requests)
            page.locator("input.md-search__input").click()
            page.keyboard.type("overvie")
            started = time.perf_counter()
            page.keyboard.type("w")
            page.wait_for_selector(".md-search-result__item")
            first_ms = (time.perf_counter() - started) * 1000
            page.wait_for_load_state("networkidle")
            top = page.locator(".md-search-result__link").first.get_attribute("href")
            searched = requests[len(first_view) :]
            page.locator("input.md-search__input").fill("")
            page.keyboard.type("resilienc")
            started = time.perf_counter()
            page.keyboard.type("e")
            marked = page.locator(".md-search-result__teaser mark", has_text=WORD)
            marked.first.wait_for()
            second_ms = (time.perf_counter() - started) * 1000
            browser.close()
    finally:
        server.shutdown()
    search_data = [u for u in first_view if "/pagefind/" in u or "search_index" in u]
    return {
        "page": _bytes(site, base, first_view),
        "page_search_requests": len(search_data),
        "search": _bytes(site, base, searched),
        "search_requests": len(searched),
        "first_ms": first_ms,
        "second_ms": second_ms,
        "top_is_meeting": top == "/" + MEETING,
    }


def run(documents: int, work: Path) -> dict:
    project = fresh_project(ROOT, work / "project")
    generate(project, documents)
    # English only: each language's site is searched on its own, at the same cost
    env = environment(GCEG_PDF="0", GCEG_CACHE_DIR=str(work / "cache"), GCEG_LANGUAGES="en")
    site = work / "site"
    seconds, _ = timed([str(BIN / "gceg"), "build", "--site-dir", str(site)], project, env)
    from macros.exports.search_index import index_site

    started = time.perf_counter()
    assert index_site(site) is None  # again, to time Pagefind alone (the build ran it too)
    index_s = time.perf_counter() - started
    figures = measure(site)
    figures.update(
        documents=documents,
        build_s=seconds,
        index_s=index_s,
        index_kb=sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 1e3,
    )
    return figures


def report(rows: list[dict]) -> str:
    lines = [
        "| N documents | record page, first view (KB, plain / gzip) | search data with it "
        "| first search (KB, plain / gzip; requests) | first results (ms) "
        "| second search (ms) | top result is the meeting | Pagefind index (KB, on disk) "
        "| Pagefind run (s) | build (s) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['documents']} | {r['page'][0] / 1e3:.0f} / {r['page'][1] / 1e3:.0f} "
            f"| {r['page_search_requests']} requests "
            f"| {r['search'][0] / 1e3:.0f} / {r['search'][1] / 1e3:.0f}; {r['search_requests']} "
            f"| {r['first_ms']:.0f} | {r['second_ms']:.0f} | {r['top_is_meeting']} "
            f"| {r['index_kb']:.0f} | {r['index_s']:.1f} | {r['build_s']:.0f} |"
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
    parser.add_argument("--sizes", default="200,3000")
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
