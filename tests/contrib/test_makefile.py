"""`make serve AUDIENCE=members` previews the members' site, as CONTRIBUTING.md says."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT

MEMBERS_PAGE = "strategy/members-paper-example/"  # TLP:GREEN: on the members' site only
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(port: int, page: str) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None  # not serving yet


@pytest.fixture
def make_project(project):
    """A copy of the content with the Makefile and this checkout's .venv, so that make
    finds its setup done and serves the copy. The copy's make must never install into
    the shared .venv (an editable install from the copy would take this checkout's
    place), so setup must be current here, and make is told it is (STAMP below)."""
    if subprocess.run(["make", "-q", "setup"], cwd=ROOT).returncode != 0:
        pytest.fail(".venv does not match requirements/lock.txt and pyproject.toml: make setup")
    for name in ("Makefile", ".venv", "requirements", "pyproject.toml"):
        (project / name).symlink_to(ROOT / name)
    # a stamp newer than the lock and pyproject.toml, so make sees the set-up step as done
    # (not a file make would try to remake, such as the Makefile itself)
    (project / SETUP_DONE).touch()
    return project


SETUP_DONE = ".setup-done-for-this-test"
NO_SETUP = f"STAMP={SETUP_DONE}"


@pytest.mark.build
def test_make_serve_with_audience_members_serves_the_members_site(make_project):
    port = _free_port()
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", "AUDIENCE=members", f"PORT={port}", NO_SETUP],
        cwd=make_project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # make and the server it runs, stopped together below
    )
    try:
        deadline = time.monotonic() + 180
        while (status := _status(port, "")) is None and server.poll() is None:
            assert time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.2)
        assert status == 200, server.communicate()[0]
        assert _status(port, MEMBERS_PAGE) == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=60)


def test_make_serve_previews_the_public_site_unless_told_otherwise(make_project):
    commands = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", "serve", "PORT=8123", NO_SETUP],
        cwd=make_project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".venv/bin/gceg serve --audience public --host 127.0.0.1 --port 8123" in commands
