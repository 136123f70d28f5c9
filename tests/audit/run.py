"""`make audit`: the Nu HTML Checker on every HTML page of the public and members' sites,
and Lighthouse on one page of each page type of the public site, served by nginx with the
shipped configuration and precompressed copies (macros/tools/serving/nginx.py), as a static
host serves it. Fails on any Nu error, any Lighthouse category below its target and any
page type over its byte budget; the report goes to test-artifacts/audit/ (JSON, Markdown).

    python -m tests.audit.run                         # builds both sites from this checkout
    python -m tests.audit.run --public site --members site-members   # audits built ones
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from macros.tools.serving import nginx
from tests.audit import lighthouse, nu, pages, referees

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "audit"
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# Lighthouse's simulated phone is this machine's CPU slowed down: the slowdown is
# calibrated once per audit from the machine's benchmark (lighthouse.calibrated_slowdown),
# and since the score still moves with the machine's load, a page below the performance
# target is measured again, up to RUNS times, and keeps its best run.
RUNS = 3
# Bytes a page type may transfer (KiB, compressed, everything the page loads before a
# reader does anything), about 15 % above what it transfers today, so a regression shows.
# Measured 2026-11-29 (BENCHMARKS.md, "Audit"): 69.0 to 71.2 KiB, of which the theme's
# script and stylesheet are 52; a page type found later gets the default.
BUDGET_KIB = {
    "home": 81,
    "404": 80,
    "about": 81,
    "glossary": 81,
    "section index": 81,
    "meeting": 82,
    "person": 80,
    "programme": 80,
    "source": 80,
    "paper": 82,
}
DEFAULT_BUDGET_KIB = 82
SHOWN = 40  # failures listed in the Markdown report


@dataclass
class PageType:
    path: str
    scores: dict[str, int]
    kib: float
    budget_kib: int
    runs: int
    flagged: list[str]


@dataclass
class Report:
    nu_pages: int = 0
    nu_errors: list[str] = field(default_factory=list)
    page_types: dict[str, PageType] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    benchmark_index: float = 0.0
    cpu_slowdown: float = lighthouse.DEFAULT_SLOWDOWN
    seconds: float = 0.0


def _measure(
    script: Path, url: str, port: int, slowdown: float, first: lighthouse.Result | None = None
) -> tuple[lighthouse.Result, int]:
    best, runs = None, 0
    while runs < RUNS:
        result = (
            first
            if first is not None and runs == 0
            else lighthouse.run(script, url, port, slowdown)
        )
        runs += 1
        if best is None or result.scores["performance"] > best.scores["performance"]:
            best = result
        if best.scores["performance"] >= TARGETS["performance"]:
            break
    return best, runs


def audit(
    root: Path,
    sites: dict[str, Path],
    out: Path | None = ARTIFACTS,
    nu_checker: bool = True,
    lighthouse_runs: bool = True,
) -> Report:
    """Both referees on ``sites`` (name -> built folder; "public" is the one served), or
    one of them. `make test` runs them apart: Lighthouse times the page, so it runs alone
    on the machine, after the parallel tests (tests/audit/test_audit.py)."""
    started = time.monotonic()
    vnu, script = referees.check_all(root)
    report = Report()
    if nu_checker:
        report.nu_pages, errors = nu.check(vnu, sites)
        report.nu_errors = [str(error) for error in errors]
        report.failures += [f"Nu: {error}" for error in report.nu_errors]
    if lighthouse_runs:
        _lighthouse(report, script, sites["public"], root)
    report.seconds = round(time.monotonic() - started, 1)
    if out is not None:
        write(report, out)
    return report


def _lighthouse(report: Report, script: Path, site: Path, root: Path) -> None:
    with nginx.start(root, site, "public") as server, lighthouse.browser(script) as port:
        calibration = lighthouse.run(script, server.url, port)  # the home page, at the default
        report.benchmark_index = calibration.benchmark_index
        report.cpu_slowdown = lighthouse.calibrated_slowdown(calibration.benchmark_index)
        reuse = report.cpu_slowdown == lighthouse.DEFAULT_SLOWDOWN
        for kind, path in pages.page_types(site).items():
            first = calibration if reuse and path == "" else None
            result, runs = _measure(script, server.url + path, port, report.cpu_slowdown, first)
            budget = BUDGET_KIB.get(kind, DEFAULT_BUDGET_KIB)
            report.page_types[kind] = PageType(
                path="/" + path,
                scores=result.scores,
                kib=round(result.bytes / 1024, 1),
                budget_kib=budget,
                runs=runs,
                flagged=result.flagged,
            )
            for category, target in TARGETS.items():
                if result.scores[category] < target:
                    report.failures.append(
                        f"Lighthouse: {kind} (/{path}): {category} {result.scores[category]}"
                        f" < {target}; flagged: {', '.join(result.flagged) or 'nothing'}"
                    )
            if result.bytes > budget * 1024:
                report.failures.append(
                    f"budget: {kind} (/{path}) transfers {result.bytes / 1024:.1f} KiB"
                    f" > {budget} KiB"
                )


def markdown(report: Report) -> str:
    nu_line = (
        f"Nu HTML Checker: {len(report.nu_errors)} errors in {report.nu_pages} pages "
        "(public and members' sites)."
        if report.nu_pages
        else "Nu HTML Checker: not run for this report."
    )
    lines = [
        "# Audit: Nu HTML Checker and Lighthouse",
        "",
        nu_line,
        "",
        "Lighthouse 12 (mobile, simulated throttling), public site behind the shipped nginx "
        "configuration, precompressed; targets: "
        + ", ".join(f"{name} {target}" for name, target in TARGETS.items())
        + f". CPU slowdown {report.cpu_slowdown}x, calibrated from this machine's "
        f"benchmarkIndex {report.benchmark_index:.0f}.",
        "",
        "| page type | path | performance | accessibility | best practices | SEO "
        "| KiB transferred | budget KiB | runs |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, page in report.page_types.items():
        scores = [page.scores[name] for name in TARGETS]
        cells = [kind, f"`{page.path}`", *scores, page.kib, page.budget_kib, page.runs]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    lines += ["", f"{len(report.failures)} failures; {report.seconds} s.", ""]
    lines += [f"- {failure}" for failure in report.failures[:SHOWN]]
    if len(report.failures) > SHOWN:
        lines.append(f"- ... and {len(report.failures) - SHOWN} more (report.json has them all)")
    return "\n".join(lines) + "\n"


def write(report: Report, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(asdict(report), indent=2) + "\n", "utf-8")
    (out / "report.md").write_text(markdown(report), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--public", type=Path, help="a built public site (default: build one)")
    parser.add_argument("--members", type=Path, help="a built members' site (default: build)")
    parser.add_argument("--out", type=Path, default=ARTIFACTS, help="where the report goes")
    args = parser.parse_args(argv)
    # stopped (CI's timeout, kill): leave by the `with` blocks, which stop nginx and Lighthouse
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # the tests' build: fixed date, PDFs from their cache, every language
    from tests.conftest import ALL_LANGUAGES, build

    try:
        referees.check_all(ROOT)
    except referees.RefereeMissing as missing:
        print(f"audit: {missing}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="gceg-audit-") as work:
        every = {"pdf": True, "languages": ALL_LANGUAGES}
        public = args.public or build(ROOT, Path(work) / "site", "public", **every)
        members = args.members or build(ROOT, Path(work) / "site-members", "members", **every)
        report = audit(ROOT, {"public": public, "members": members}, args.out)
    print(markdown(report))
    print(f"report: {args.out / 'report.md'}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
