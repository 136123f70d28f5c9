"""`gceg member-password`: a member's bcrypt entry, the password never echoed."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import bcrypt
import pytest

from macros.serving.passwords import PasswordError, entry
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


@pytest.mark.parametrize(("name", "password", "message"), [
    ("ada:admin", "a long pass phrase", "'ada:admin' is not a member name"),
    ("", "a long pass phrase", "'' is not a member name"),
    ("ada\u202e", "a long pass phrase", "is not a member name"),
    ("ada", "too short", "the password is shorter than 12 characters"),
    ("ada", "x" * 73, "longer than bcrypt reads (72 bytes)"),
])  # fmt: skip
def test_an_entry_the_file_cannot_hold_is_refused(tmp_path, name, password, message):
    with pytest.raises(PasswordError, match=message.replace("(", r"\(").replace(")", r"\)")):
        entry(name, password)
    path = tmp_path / "members.htpasswd"
    path.write_text("grace:$2b$05$unchanged\n")
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "member-password", "--file", str(path), name or "''"],
        input=password + "\n", capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if name:
        assert result.returncode == 1 and message in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_text() == "grace:$2b$05$unchanged\n"


def test_at_a_terminal_the_password_is_asked_twice_and_never_echoed(tmp_path):
    path = tmp_path / "members.htpasswd"
    secret = "correct horse battery staple"
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "macros.cli", "member-password", "--file", str(path), "ada"],
        stdin=terminal, stdout=terminal, stderr=terminal, cwd=ROOT,
        start_new_session=True,  # no controlling terminal: getpass reads this one
    )  # fmt: skip
    os.close(terminal)
    shown = b""
    for _ in range(2):
        while not shown.rstrip().endswith(b":"):
            shown += os.read(controller, 1024)
        os.write(controller, secret.encode() + b"\n")
        shown += os.read(controller, 1024)
    try:
        while chunk := os.read(controller, 1024):
            shown += chunk
    except OSError:  # the terminal closes with the process
        pass
    assert process.wait(timeout=60) == 0
    os.close(controller)
    assert b"Password for ada:" in shown and b"The same again:" in shown
    assert secret.encode() not in shown
    assert bcrypt.checkpw(secret.encode(), entries(path)["ada"].encode())
