"""`gceg member-password`: a member's bcrypt entry, the password never echoed."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import bcrypt
import pytest

from macros.tools.serving.passwords import PasswordError, entry
from tests.conftest import ROOT
from tests.serving.conftest import make_password_file


def entries(path) -> dict[str, str]:
    return dict(line.split(":", 1) for line in path.read_text().splitlines())


def test_an_entry_is_added_then_changed_and_the_others_kept(tmp_path):
    path = make_password_file(tmp_path / "members.htpasswd", "ada", "first long pass phrase")
    make_password_file(path, "grace", "another long pass phrase")
    first = entries(path)
    assert bcrypt.checkpw(b"first long pass phrase", first["ada"].encode())
    assert first["ada"].startswith("$2b$05$")
    make_password_file(path, "ada", "a new long pass phrase")
    second = entries(path)
    assert list(second) == ["grace", "ada"] and second["grace"] == first["grace"]
    assert bcrypt.checkpw(b"a new long pass phrase", second["ada"].encode())
    assert not bcrypt.checkpw(b"first long pass phrase", second["ada"].encode())
    assert oct(path.stat().st_mode & 0o777) == "0o640"


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("ada:admin", "a long pass phrase", "'ada:admin' is not a member name"),
        ("", "a long pass phrase", "'' is not a member name"),
        ("ada\u202e", "a long pass phrase", "is not a member name"),
        ("ada", "too short", "the password is shorter than 12 characters"),
        ("ada", "x" * 73, "longer than bcrypt reads (72 bytes)"),
    ],
)
def test_an_entry_the_file_cannot_hold_is_refused(tmp_path, name, password, message):
    with pytest.raises(PasswordError, match=message.replace("(", r"\(").replace(")", r"\)")):
        entry(name, password)
    path = tmp_path / "members.htpasswd"
    path.write_text("grace:$2b$05$unchanged\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "macros.tools.cli",
            "member-password",
            "--file",
            str(path),
            name or "''",
        ],
        input=password + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if name:
        assert result.returncode == 1 and message in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_text() == "grace:$2b$05$unchanged\n"


def at_terminal(path, answers: tuple[str, str]) -> tuple[int, bytes]:
    """Run `gceg member-password` on a terminal, answer its two prompts; its exit code
    and everything the terminal showed."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "macros.tools.cli", "member-password", "--file", str(path), "ada"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=ROOT,
        start_new_session=True,  # no controlling terminal: getpass reads this one
    )
    os.close(terminal)
    shown = b""

    def read() -> bytes:
        ready, _, _ = select.select([controller], [], [], 60)
        assert ready, f"no answer from gceg member-password; so far: {shown!r}"
        try:
            return os.read(controller, 1024)
        except OSError:  # the terminal closes with the process
            return b""

    # each prompt is written once echo is off (and pending input flushed): answer after it
    for prompt, answer in zip((b"Password for ada:", b"The same again:"), answers, strict=True):
        while prompt not in shown:
            chunk = read()
            assert chunk, f"the command ended before asking {prompt!r}: {shown!r}"
            shown += chunk
        os.write(controller, answer.encode() + b"\n")
    while chunk := read():
        shown += chunk
    code = process.wait(timeout=60)
    os.close(controller)
    return code, shown


def test_at_a_terminal_the_password_is_asked_twice_and_never_echoed(tmp_path):
    path = tmp_path / "members.htpasswd"
    secret = "correct horse battery staple"
    code, shown = at_terminal(path, (secret, secret))
    assert code == 0, shown
    assert secret.encode() not in shown
    assert bcrypt.checkpw(secret.encode(), entries(path)["ada"].encode())


def test_two_different_answers_change_nothing(tmp_path):
    path = tmp_path / "members.htpasswd"
    code, shown = at_terminal(path, ("correct horse battery staple", "correct horse battery"))
    assert code == 1 and b"the two passwords differ; nothing changed" in shown
    assert not path.exists()
