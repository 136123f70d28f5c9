"""The live preview shows a failed validation in the browser, on the page the reader was
waiting for, and recovers by itself once the file is fixed."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
MEETING = "meetings/2015-first-meeting/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, page: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None


def _until(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.3)
    pytest.fail("timed out")


BROKEN = {
    "a record": (
        "data/meetings/2015-first-meeting.yaml",
        "start: 2015-11-30",
        "start: 2015-11-31",
        "data/meetings/2015-first-meeting.yaml:4: start: ",
    ),
    "a page": (
        "docs/meetings/2015-first-meeting.md",
        "\n",
        "\n{{ no_such_macro() }}\n",
        "docs/meetings/2015-first-meeting.md:",
    ),
}


@pytest.mark.build
@pytest.mark.parametrize(("path", "old", "new", "shown"), BROKEN.values(), ids=BROKEN.keys())
def test_a_failed_rebuild_shows_its_problems_and_the_page_recovers(project, path, old, new, shown):
    record = project / path
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace(old, new, 1) if old in good else good + new, encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "macros.tools.cli", "serve", "--port", str(port)],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        status, body = _until(lambda: _get(port, MEETING), 120)
        assert status == 200
        assert "This preview cannot be built yet" in body
        assert shown in body
        assert "livereload" in body  # the server's script: it reloads the page when fixed
        missing = _get(port, "no-such-page/")
        assert missing and "This preview cannot be built yet" in missing[1]
        record.write_text(good, encoding="utf-8")

        def recovered():
            found = _get(port, MEETING)
            return found if found and "cannot be built" not in found[1] else None

        status, body = _until(recovered, 120)
        assert status == 200 and "First meeting of the INTERPOL Global Cybercrime" in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


@pytest.mark.build
def test_the_preview_remakes_only_what_changed_and_drops_what_is_gone(project, tmp_path):
    """A saved record shows on its page with the other pages reused (macros/incremental);
    a deleted record's page is gone, not left from the last build; the search index
    follows in the background."""
    log = tmp_path / "serve.log"
    port = _free_port()
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "macros.tools.cli", "serve", "--port", str(port)],
            cwd=project,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    person = "people/added-person-example/"
    try:
        status, _ = _until(lambda: _get(port, MEETING), 120)
        assert status == 200
        entry = "pagefind/pagefind-entry.json"
        _until(lambda: (_get(port, entry) or (0,))[0] == 200, 120)
        record = project / "data/meetings/2015-first-meeting.yaml"
        text = record.read_text(encoding="utf-8")
        title = text.split("title: ", 1)[1].splitlines()[0].strip("'\" ")
        record.write_text(text.replace(title, f"Edited {title}", 1), encoding="utf-8")
        _until(lambda: "Edited " in (_get(port, MEETING) or (0, ""))[1], 120)
        built = re.findall(r"pages: (\d+) made, (\d+) reused", log.read_text())
        assert int(built[-1][1]) > 0, built  # the pages the title is not on were reused
        added = (project / "data/people/added-person-example.yaml", project / "docs" / person)
        stock = (project / "data/people/jurgen-stock.yaml").read_text(encoding="utf-8")
        added[0].write_text(stock.replace("name: Jürgen Stock", "name: Added Person"), "utf-8")
        added[1].with_suffix(".md").write_text("", encoding="utf-8")
        _until(lambda: "Added Person" in (_get(port, person) or (0, ""))[1], 120)
        added[0].unlink()
        added[1].with_suffix(".md").unlink()
        _until(lambda: (_get(port, person) or (0,))[0] == 404, 120)
        assert _get(port, MEETING)[0] == 200
        _until(lambda: (_get(port, entry) or (0,))[0] == 200, 120)  # the index is back
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
