"""Processes end cleanly: a stopped or killed build leaves no working folder behind,
and a stopped preview server leaves nothing holding its port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import gceg

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", GCEG_PDF="0")


def _start(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "macros.tools.cli", *args],
        cwd=root,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    """Ctrl-C as a terminal's foreground command has it. A shell without job control starts
    a background command (`make test &` in a script) with SIGINT ignored, its children
    inherit that, and Python then never turns SIGINT into KeyboardInterrupt: the server
    ran on after the test's SIGINT (seen: SigIgn 0x1006 in /proc/<pid>/status)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _working_folders(root: Path) -> list[str]:
    return sorted(
        p.name
        for p in root.iterdir()
        if any(m in p.name for m in (".building-", ".old-", ".docs-"))
    )


def _previous_site(root: Path) -> Path:
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    return site


def test_a_build_stopped_with_sigterm_cleans_up_and_keeps_the_previous_site(project):
    site = _previous_site(project)
    process = _start(project, "build")
    _wait_for(lambda: _working_folders(project))
    time.sleep(0.5)  # well into the build
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "stopped (SIGTERM)" in stderr
    assert _working_folders(project) == []
    assert (site / "index.html").read_text() == "previous build"


def test_the_next_build_removes_what_a_killed_build_left(project):
    site = _previous_site(project)
    process = _start(project, "build")
    _wait_for(lambda: _working_folders(project))
    process.kill()  # SIGKILL: no chance to clean up
    process.communicate(timeout=60)
    left = _working_folders(project)
    assert left and (site / "index.html").read_text() == "previous build"
    result = gceg(project, "build")
    assert result.returncode == 0, result.stderr
    assert _working_folders(project) == []
    assert "previous build" not in (site / "index.html").read_text()


def test_a_running_builds_working_folder_is_not_taken_for_a_stale_one(project):
    (project / f".site.building-{os.getpid()}-keep").mkdir()  # this live process's
    (project / ".site.building-999999999-gone").mkdir()  # no such process
    result = gceg(project, "build")
    assert result.returncode == 0, result.stderr
    assert _working_folders(project) == [f".site.building-{os.getpid()}-keep"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as client:
        return client.connect_ex(("127.0.0.1", port)) == 0


def _serves(port: int) -> bool:
    """The home page comes back: the server is past its start-up, as it is when a reader
    presses Ctrl-C."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
            return answer.status == 200
    except OSError:
        return False


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_preview_server_stops_with_its_process_and_frees_the_port(project, stop):
    port = _free_port()
    process = _start(project, "serve", "--port", str(port))
    _wait_for(lambda: _serves(port) or process.poll() is not None, seconds=120)
    assert process.poll() is None, process.communicate()[1]
    process.send_signal(stop)
    process.communicate(timeout=30)
    # the server was this process (no child left behind), so the port is free at once
    assert not _answers(port)
