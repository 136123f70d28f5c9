"""Lighthouse (mobile, simulated throttling: its defaults) on one URL: category scores and
the bytes the page transferred."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from macros.tools.serving.nginx import free_port
from tests.audit import referees

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The sites are served with a certificate made for the run, which chromium does not know.
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--ignore-certificate-errors"]


# Lighthouse's 4x CPU slowdown takes a high-end desktop (benchmarkIndex 1500-2000) to a
# mid-tier phone; its documentation (docs/throttling.md, "Calibrating the CPU slowdown")
# says to lower it on a slower machine. The phone it aims at: the middle of that desktop
# range, slowed 4x. Never below 2x (its table's low-end desktop to mid-tier phone): one
# benchmark taken on a busy machine can read low, and the referee must stay a phone.
TARGET_BENCHMARK_INDEX = 1750 / 4
DEFAULT_SLOWDOWN = 4.0
LEAST_SLOWDOWN = 2.0


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that brings a machine of ``benchmark_index`` to the target phone."""
    wanted = benchmark_index / TARGET_BENCHMARK_INDEX
    return round(min(DEFAULT_SLOWDOWN, max(LEAST_SLOWDOWN, wanted)), 1)


@dataclass(frozen=True)
class Result:
    url: str
    scores: dict[str, int]  # category -> 0..100
    bytes: int  # total transferred (Lighthouse's total-byte-weight)
    flagged: list[str]  # the audits that did not pass, with what Lighthouse says of them
    benchmark_index: float  # this machine's CPU, as Lighthouse measured it for this run


@contextmanager
def browser(script: Path) -> Iterator[int]:
    """One chromium for every run of an audit (a launch per run cost seconds each), in its
    own process group and profile folder, both gone when the audit ends; its port."""
    with tempfile.TemporaryDirectory(prefix="gceg-lighthouse-chromium-") as profile:
        port = free_port()
        process = subprocess.Popen(
            [
                str(referees.chromium()),
                *_launcher_flags(script),
                *CHROME_FLAGS,
                f"--remote-debugging-port={port}",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait_for_port(port, process)
            yield port
        finally:
            _stop(process)


def _launcher_flags(script: Path) -> list[str]:
    """The flags Lighthouse's own launcher (chrome-launcher) starts chromium with: no
    background work, timers or extensions of the browser's own in the measurements."""
    launcher = script.resolve().parents[2] / "chrome-launcher"  # beside lighthouse/
    script = f"console.log(JSON.stringify(require({json.dumps(str(launcher.resolve()))})"
    script += ".Launcher.defaultFlags()))"
    result = subprocess.run([referees.node(), "-e", script], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"chrome-launcher's flags: {result.stderr[-500:]}")
    return json.loads(result.stdout)


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium stopped at start (exit {process.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"chromium did not listen on 127.0.0.1:{port} in {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def run(script: Path, url: str, port: int, slowdown: float = DEFAULT_SLOWDOWN) -> Result:
    """Lighthouse on ``url`` in the chromium listening on ``port`` (``browser()``)."""
    with tempfile.TemporaryDirectory(prefix="gceg-lighthouse-") as work:
        report = Path(work) / "report.json"
        command = [
            referees.node(),
            str(script),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--port={port}",
            f"--throttling.cpuSlowdownMultiplier={slowdown}",
            "--disable-full-page-screenshot",  # for the HTML report only; saves a second a run
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TMPDIR": work},
            start_new_session=True,
        )
        try:
            _, stderr = process.communicate(timeout=300)
        finally:
            _stop(process)
        if process.returncode != 0 or not report.is_file():
            raise RuntimeError(f"Lighthouse failed on {url}:\n{stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"Lighthouse on {url}: {data['runtimeError']}")
    audits = data["audits"]
    return Result(
        url=url,
        scores={name: round((data["categories"][name]["score"] or 0) * 100) for name in CATEGORIES},
        bytes=int(audits["total-byte-weight"]["numericValue"]),
        flagged=_flagged(data),
        benchmark_index=float(data["environment"]["benchmarkIndex"]),
    )


def _flagged(data: dict) -> list[str]:
    """The audits of the four categories that scored below full marks."""
    ids = {ref["id"] for name in CATEGORIES for ref in data["categories"][name]["auditRefs"]}
    out = []
    for audit_id in sorted(ids):
        audit = data["audits"][audit_id]
        if audit.get("score") is None or audit["score"] >= 1:
            continue
        if audit.get("scoreDisplayMode") in ("informative", "notApplicable", "manual"):
            continue
        shown = audit.get("displayValue") or ""
        out.append(f"{audit_id} ({audit['score']:.2f}{', ' + shown if shown else ''})")
    return out
