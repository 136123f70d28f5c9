"""``make bench``: how build cost grows with the corpus, against plain MkDocs baselines.

For each N it generates a corpus (tests/bench/corpus.py) and builds, in one
run and alternating:

* ours: this site (``gceg build``, PDFs off: they are measured separately);
* baseline: the same pages as a plain mkdocs-material site with the default
  navigation, which lists every page;
* floor: the same pages with no navigation and no macros.

It also times ``gceg validate`` on 10,000 records, a rebuild in ``gceg
serve`` after one record changes, and PDF rendering; and writes the figures
and ratios to BENCHMARKS.md with the machine and the command.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tests.bench import serving
from tests.bench.corpus import fresh_project, generate

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TIMED = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], capture_output=True); w = time.perf_counter() - t; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(r.returncode, w, u.ru_maxrss, u.ru_utime + u.ru_stime); "
    "sys.stderr.write(r.stderr.decode()[-3000:] if r.returncode else ''); "
    "import os; log = os.environ.get('BENCH_LOG'); log and open(log, 'wb').write(r.stderr)"
)


@dataclass
class Run:
    label: str
    seconds: float
    peak_mb: float
    pages: int
    output_mb: float
    mean_page_kb: float
    largest_record_page_kb: float
    bare_record_page_kb: float
    search_index_kb: float
    extra: dict = field(default_factory=dict)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, largest process) of a command, in a fresh process."""
    seconds, peak, _ = timed_cpu(command, cwd, env)
    return seconds, peak


def timed_cpu(
    command: list[str], cwd: Path, env: dict[str, str], allowed: tuple[int, ...] = (0,)
) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MB) and CPU seconds (user + system, the command and its
    children): on a shared machine the CPU time says what the wall time cannot."""
    result = subprocess.run(
        [sys.executable, "-c", TIMED, *command], cwd=cwd, env=env, capture_output=True, text=True
    )
    code, seconds, peak_kb, cpu = result.stdout.split()
    if int(code) not in allowed:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}")
    return float(seconds), int(peak_kb) / 1024, float(cpu)


def environment(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", **extra)


def site_figures(site: Path, label: str, seconds: float, peak: float) -> Run:
    pages = list(site.rglob("*.html"))
    sizes = {p: p.stat().st_size for p in pages}

    def record_page(path: Path, section: str) -> bool:
        """A record's own page (or a paper edition's), not the section's index pages."""
        parts = path.relative_to(site).parts
        return len(parts) >= 3 and parts[0] == section and parts[1].startswith("bench-")

    records = [
        s for p, s in sizes.items() if record_page(p, "meetings") or record_page(p, "strategy")
    ]
    bare = [s for p, s in sizes.items() if record_page(p, "people")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return Run(
        label,
        seconds,
        peak,
        len(pages),
        total / 1e6,
        sum(sizes.values()) / len(sizes) / 1e3,
        max(records, default=0) / 1e3,
        max(bare, default=0) / 1e3,
        index.stat().st_size / 1e3 if index.exists() else 0,
    )


def plain_project(pages: Path, dest: Path, with_nav: bool) -> Path:
    """The same pages, as our build hands them to Markdown (macros already run), in a
    bare mkdocs-material site: what is left to compare is the macros' and navigation's cost."""
    shutil.copytree(pages, dest / "docs")
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets", dirs_exist_ok=True)
    config = [
        "site_name: Baseline",
        "theme:",
        "  name: material",
        "  font: false",
        "plugins:",
        "  - search",
        "markdown_extensions:",
        "  - abbr",
        "  - admonition",
        "  - attr_list",
        "  - def_list",
        "  - footnotes",
        "  - tables",
        "  - toc:",
        "      permalink: true",
    ]
    if not with_nav:
        config += [
            "nav:",
            "  - index.md",
            "not_in_nav: |",
            "  *.md",
            "validation:",
            "  omitted_files: ignore",
        ]
    (dest / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
    return dest


def build_ours(project: Path, site: Path, cold: bool) -> Run:
    env = environment(
        GCEG_PDF="0", GCEG_CACHE="0" if cold else "1", GCEG_CACHE_DIR=str(project.parent / "cache")
    )
    env.pop("GCEG_DUMP_MARKDOWN", None)
    command = [str(BIN / "gceg"), "build", "--site-dir", str(site)]
    seconds, peak = timed(command, project, env)
    return site_figures(site, "ours (cold)" if cold else "ours", seconds, peak)


def build_plain(project: Path, site: Path, label: str) -> Run:
    command = [str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(site)]
    seconds, peak = timed(command, project, environment())
    return site_figures(site, label, seconds, peak)


def measure(documents: int, work: Path, baseline: bool = True) -> dict[str, Run]:
    ours = fresh_project(ROOT, work / "ours")
    generate(ours, documents)
    # one build that keeps the Markdown of every page, for the plain sites; it also warms the cache
    subprocess.run(
        [str(BIN / "gceg"), "build", "--site-dir", str(work / "site-dump")],
        cwd=ours,
        check=True,
        capture_output=True,
        env=environment(
            GCEG_CACHE_DIR=str(work / "cache"), GCEG_PDF="0", GCEG_DUMP_MARKDOWN=str(work / "pages")
        ),
    )
    shutil.rmtree(work / "site-dump")
    runs: dict[str, Run] = {}
    floor = plain_project(work / "pages", work / "floor", with_nav=False)
    default = plain_project(work / "pages", work / "baseline", with_nav=True) if baseline else None
    # alternate: each configuration once, in turn, so drift on a noisy machine hits all alike
    runs["ours"] = build_ours(ours, work / "site-ours", cold=False)
    runs["floor"] = build_plain(floor, work / "site-floor", "floor: no nav, no macros")
    if default:
        runs["baseline"] = build_plain(default, work / "site-baseline", "baseline: default nav")
    runs["ours-cold"] = build_ours(ours, work / "site-ours-cold", cold=True)
    for name in list(runs):  # sites can be large: keep only the figures
        shutil.rmtree(work / f"site-{name}", ignore_errors=True)
    return runs


def time_validate(records: int, work: Path) -> dict[str, float]:
    """`gceg validate` on ``records`` records: cold (no cache), with nothing changed, and
    after one record and after one page changed (each its own run, so each is a miss)."""
    project = fresh_project(ROOT, work / "validate")
    counts = generate(project, documents=int(records * 0.845))
    total = sum(v for k, v in counts.items() if k != "editions")
    env = environment(GCEG_CACHE_DIR=str(work / "validate-cache"))
    command = [str(BIN / "gceg"), "validate"]
    cold, _, cold_cpu = timed_cpu(command, project, dict(env, GCEG_CACHE="0"))
    timed(command, project, env)  # fills the caches
    time.sleep(2.5)  # past the window in which a file's stat is not trusted (validation.py)
    timed(command, project, env)
    warm, peak, warm_cpu = timed_cpu(command, project, env)
    record = project / "data/meetings/bench-meeting-00000.yaml"
    record.write_text(record.read_text().replace("title: 'Meeting 0:", "title: 'Meeting zero:"))
    changed, _, changed_cpu = timed_cpu(command, project, env)
    page = project / "docs/meetings/bench-meeting-00002.md"
    page.write_text(page.read_text() + "\nOne more sentence about the work.\n")
    page_changed, _, page_cpu = timed_cpu(command, project, env)
    return {
        "records": total,
        "cold": cold,
        "cold_cpu": cold_cpu,
        "warm": warm,
        "warm_cpu": warm_cpu,
        "one_record": changed,
        "one_record_cpu": changed_cpu,
        "one_page": page_changed,
        "one_page_cpu": page_cpu,
        "peak_mb": peak,
    }


def time_serve_rebuild(documents: int, work: Path, edits: int = 3) -> dict[str, float]:
    """Seconds from saving one record to the live preview serving the change (the median
    of ``edits`` saves, each a new title), and the pages the last rebuild made again."""
    project = fresh_project(ROOT, work / "serve")
    generate(project, documents)
    env = environment(GCEG_CACHE_DIR=str(work / "serve-cache"))
    with socket.socket() as probe:  # a free port: another server may hold any fixed one
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    log = work / "serve.log"
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [str(BIN / "gceg"), "serve", "--port", port],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,  # a file: a pipe nobody reads would fill and stall the server
            start_new_session=True,  # its own process group: whatever it starts is stopped with it
        )
    url = f"http://127.0.0.1:{port}/meetings/bench-meeting-00000/"
    try:
        first = _wait_for(url, "Meeting 0:", timeout=1800)
        record = project / "data/meetings/bench-meeting-00000.yaml"
        text, times = record.read_text(), []
        for edit in range(edits):
            title = f"Edit {edit} of meeting 0:"
            start = time.perf_counter()
            record.write_text(text.replace("title: 'Meeting 0:", f"title: '{title}"))
            _wait_for(url, title, timeout=900)
            times.append(time.perf_counter() - start)
            time.sleep(15)  # the preview's search index, made after each build, settles
        made = re.findall(r"pages: (\d+) made, (\d+) reused", log.read_text())
        return {
            "documents": documents,
            "first_build": first,
            "rebuild": sorted(times)[len(times) // 2],
            "rebuilds": times,
            "pages_made": int(made[-1][0]) if made else None,
            "pages_reused": int(made[-1][1]) if made else None,
        }
    finally:
        stop_group(server)


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started in its own session and everything it started: SIGTERM to the
    group, then SIGKILL to what is left after 10 s (a `mkdocs serve` used to outlive us)."""
    for signal_number, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, signal_number)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        try:  # the leader is gone; a child that ignored SIGTERM may not be
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
    process.wait()


def _wait_for(url: str, text: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode():
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} never showed {text!r}")


def time_pdfs(documents: int, work: Path) -> dict[str, float]:
    """PDF rendering, a rebuild with nothing changed, and one after one document changed,
    each against the same build without PDFs (warm caches both)."""
    from pypdf import PdfReader

    project = fresh_project(ROOT, work / f"pdf{documents}")
    generate(project, documents)
    env = environment(
        GCEG_CACHE_DIR=str(work / f"pdf{documents}-cache"),
        GCEG_PDF_CACHE=str(work / f"pdf{documents}-cache/pdf"),
    )
    site = work / f"pdf{documents}-site"
    command = [str(BIN / "gceg"), "build", "--site-dir", str(site)]
    timed(command, project, dict(env, GCEG_PDF="0"))  # warms the load cache
    without, _, without_cpu = timed_cpu(command, project, dict(env, GCEG_PDF="0"))
    first, peak, first_cpu = timed_cpu(command, project, dict(env, GCEG_PDF="1"))
    again, _, again_cpu = timed_cpu(command, project, dict(env, GCEG_PDF="1"))
    pdfs = list((site / "pdf").glob("*.pdf"))  # counted before a build without them
    pages = sum(len(PdfReader(p).pages) for p in pdfs)
    without_again, _, without_again_cpu = timed_cpu(command, project, dict(env, GCEG_PDF="0"))
    record = project / "data/meetings/bench-meeting-00000.yaml"
    # one word of the meeting's text: what a contributor's edit most often is
    record.write_text(record.read_text().replace("purpose:\n  text: ", "purpose:\n  text: Now ", 1))
    log = work / f"pdf{documents}-changed.log"  # the build's own account of its PDF step
    changed, _, changed_cpu = timed_cpu(
        command, project, dict(env, GCEG_PDF="1", BENCH_LOG=str(log))
    )
    changed_without, _, changed_without_cpu = timed_cpu(command, project, dict(env, GCEG_PDF="0"))
    shutil.rmtree(site, ignore_errors=True)
    return {
        **_compendium_update(log.read_text(encoding="utf-8", errors="replace")),
        "documents": documents,
        "pdfs": len(pdfs),
        "pages": pages,
        "seconds_per_page": (first - without) / pages,
        "pages_per_second": pages / (first - without),
        "pages_per_cpu_second": pages / max(first_cpu - without_cpu, 1e-9),
        "no_change_rebuild": again,
        "build_without_pdfs": without_again,
        "no_change_pdf_seconds": again - without_again,
        "no_change_pdf_cpu": again_cpu - without_again_cpu,
        "one_change_pdf_seconds": changed - changed_without,
        "one_change_pdf_cpu": changed_cpu - changed_without_cpu,
        "peak_mb": peak,
    }


def _compendium_update(output: str) -> dict:
    """What the build says it did after one change: the files it rendered and how long
    that took, the compendium's documents rendered again, and the assembly's time."""
    import re

    rendering = re.search(r"PDF rendering: (\d+) files in ([\d.]+) s", output)
    compendium = re.search(
        r"compendium: (\d+) of (\d+) documents rendered, front matter (\w+), "
        r"assembled in ([\d.]+) s \(reading the parts and the front matter ([\d.]+) s\)",
        output,
    )
    if not (rendering and compendium):
        return {}
    return {
        "changed_files_rendered": int(rendering.group(1)),
        "changed_render_seconds": float(rendering.group(2)),
        "changed_parts_rendered": int(compendium.group(1)),
        "compendium_documents": int(compendium.group(2)),
        "changed_front_matter": compendium.group(3),
        "changed_assemble_seconds": float(compendium.group(4)),
        "changed_assemble_reading_seconds": float(compendium.group(5)),
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = (
            next(
                int(line.split()[1])
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
            / 1024
            / 1024
        )
    except (OSError, StopIteration):
        memory = 0
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}"
    )


def _stop(signum, frame) -> None:
    """SIGTERM (a CI timeout, `kill`) ends the run through its clean-up: the servers it
    started are stopped and its temporary folder removed."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000,3000")
    parser.add_argument("--validate-records", type=int, default=10_000)
    parser.add_argument("--serve-sizes", default="1000,3000", help="N for the live preview")
    parser.add_argument("--pdf-documents", type=int, default=40)
    parser.add_argument(
        "--compendium-documents",
        type=int,
        default=1000,
        help="the compendium's update after one change at this N (0: not measured; "
        "its first build renders every PDF, which takes long)",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")]
    results: dict[int, dict[str, Run]] = {}
    with tempfile.TemporaryDirectory(prefix="gceg-bench-") as temporary:
        work = Path(temporary)
        for n in sizes:
            print(f"N = {n} ...", flush=True)
            results[n] = measure(n, work / f"n{n}")
            shutil.rmtree(work / f"n{n}", ignore_errors=True)
            for run in results[n].values():
                print(f"  {run.label}: {run.seconds:.1f} s, {run.peak_mb:.0f} MB", flush=True)
        print("validate ...", flush=True)
        validate = time_validate(args.validate_records, work)
        print(f"  {validate}", flush=True)
        print("serve rebuild ...", flush=True)
        serve = []
        for n in (int(size) for size in args.serve_sizes.split(",")):
            serve.append(time_serve_rebuild(n, work / f"serve-{n}"))
            shutil.rmtree(work / f"serve-{n}", ignore_errors=True)
            print(f"  {serve[-1]}", flush=True)
        print("pdf ...", flush=True)
        pdf = time_pdfs(args.pdf_documents, work)
        print(f"  {pdf}", flush=True)
        compendium = None
        if args.compendium_documents:
            print(f"compendium at N = {args.compendium_documents} ...", flush=True)
            compendium = time_pdfs(args.compendium_documents, work)
            print(f"  {compendium}", flush=True)
    from tests.bench.search import section

    text = report(results, validate, serve, pdf, compendium, " ".join(sys.argv))
    if args.output.exists():  # `make bench-serving` measures its own section: keep it
        kept = serving.section_of(args.output.read_text(encoding="utf-8"))
        if kept:
            text = serving.replace_section(text, kept)
    searched = section(args.output)  # `make bench-search`'s figures, measured separately
    args.output.write_text(text + ("\n" + searched if searched else ""), encoding="utf-8")
    (args.output.with_suffix(".json")).write_text(
        json.dumps(
            {
                "sizes": {n: {k: vars(r) for k, r in runs.items()} for n, runs in results.items()},
                "validate": validate,
                "serve": serve,
                "pdf": pdf,
                "compendium": compendium,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {args.output}")
    return 0


def report(results, validate, serve, pdf, compendium, command: str) -> str:
    from tests.bench.report import render

    return render(
        results,
        validate,
        serve,
        pdf,
        compendium,
        command,
        machine(),
        datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


if __name__ == "__main__":
    sys.exit(main())
