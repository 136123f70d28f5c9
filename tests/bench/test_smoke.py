"""The benchmark harness, run small so it cannot rot; and no document is orphaned."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.bench.corpus import fresh_project, generate
from tests.bench.run import measure, time_serve_rebuild
from tests.conftest import ROOT, build


@pytest.fixture(autouse=True)
def english_only(monkeypatch):
    """The harness's builds inherit the environment: the English site only, as the other
    tests' own builds (`make bench` measures every language, and four against one)."""
    monkeypatch.setenv("GCEG_LANGUAGES", "en")


def test_harness_measures_every_configuration(tmp_path):
    runs = measure(8, tmp_path)
    assert set(runs) == {"ours", "ours-cold", "floor", "baseline"}
    for run in runs.values():
        assert run.seconds > 0 and run.pages > 10 and run.peak_mb > 0
    # the plain sites are built from the very pages ours hands to Markdown
    assert runs["floor"].pages == runs["baseline"].pages


def reachable(site: Path) -> set[str]:
    """Pages reachable from the home page by following links (the navigation, then indices)."""
    seen, queue = {"index.html"}, deque(["index.html"])
    while queue:
        page = queue.popleft()
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")
        for link in soup.find_all("a", href=True):
            parts = urlsplit(link["href"])
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = urljoin(page, parts.path)
            target = target + "index.html" if target.endswith("/") else target
            if target.endswith(".html") and target not in seen and (site / target).is_file():
                seen.add(target)
                queue.append(target)
    return seen


def test_no_document_of_a_generated_corpus_is_orphaned(tmp_path):
    project = fresh_project(ROOT, tmp_path / "project")
    generate(project, 30)
    site = build(project, tmp_path / "site")
    found = reachable(site)
    sections = ("meetings", "strategy", "programmes", "people", "sources")
    documents = [
        p
        for p in site.rglob("index.html")
        if p.relative_to(site).parts[0] in sections
        and 'http-equiv="refresh"' not in p.read_text()  # a moved page's old address forwards
    ]
    orphans = [str(p.relative_to(site)) for p in documents if str(p.relative_to(site)) not in found]
    assert orphans == []
    assert len(documents) > 60


def test_a_server_and_what_it_started_are_stopped(tmp_path):
    """`make bench` used to leave a `mkdocs serve` running: the whole process group goes."""
    import subprocess

    from tests.bench.run import stop_group

    started = tmp_path / "child.pid"
    server = subprocess.Popen(
        ["sh", "-c", f"sleep 300 & echo $! > {started}; trap '' TERM; wait"],
        start_new_session=True,
    )
    while not started.is_file() or not started.read_text().strip():
        pass
    child = int(started.read_text())
    stop_group(server)
    assert not running(server.pid) and not running(child)


def running(pid: int) -> bool:
    """Alive and not a zombie (one whose parent has not reaped it yet has stopped)."""
    from pathlib import Path

    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_validation_is_timed_cold_warm_and_after_each_kind_of_change(tmp_path):
    from tests.bench.run import time_validate

    figures = time_validate(60, tmp_path)
    assert figures["records"] > 40
    for key in ("cold", "warm", "one_record", "one_page"):
        assert figures[key] > 0 and figures[f"{key}_cpu"] > 0


def test_pdfs_are_timed_and_counted(tmp_path):
    from tests.bench.run import time_pdfs

    figures = time_pdfs(2, tmp_path)
    assert figures["pdfs"] >= 2 and figures["pages"] >= figures["pdfs"]
    assert figures["pages_per_second"] > 0
    # the build's own account of the change: that meeting's PDF and its part, nothing else
    assert figures["changed_files_rendered"] == 2 and figures["changed_parts_rendered"] == 1
    assert figures["changed_front_matter"] == "reused" and figures["changed_assemble_seconds"] > 0


def test_the_preview_timing_edits_and_reads_what_was_reused(tmp_path):
    timing = time_serve_rebuild(8, tmp_path, edits=2)
    assert len(timing["rebuilds"]) == 2 and timing["rebuild"] > 0
    assert timing["pages_reused"] > 0 and timing["pages_made"] > 0


@pytest.mark.browser
def test_search_is_measured_with_pagefind_and_with_material(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from tests.bench.search import report, run

    # its own thread: Playwright's sync API refuses to start where the browser tests' session
    # (on this worker, if it ran them first) already runs its event loop
    with ThreadPoolExecutor(1) as thread:
        figures = thread.submit(run, 8, tmp_path).result()
    material = figures["material"]
    # the site's page loads no search data; Material's, on the same page, its whole index
    assert figures["page_search_requests"] == 0 and material["page_search_requests"] == 1
    assert material["page_search_bytes"][0] > 0 and material["search_requests"] == 0
    assert figures["search_requests"] > 0
    assert figures["top_is_meeting"] and material["top_is_meeting"]
    assert figures["material_index_kb"] > 0 and figures["index_kb"] > 0
    assert "Material's built-in" in report([figures])
