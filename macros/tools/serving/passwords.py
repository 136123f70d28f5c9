"""A member's entry in the members' site's password file (nginx's auth_basic_user_file).

One `name:hash` line per member, the hash bcrypt's (the `bcrypt` package, pyca's), which
nginx checks through the system's crypt(3). The file is rewritten whole into a new file
that then replaces it, so nginx never reads half of it, and it is readable by its owner
and group only.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

import bcrypt

# nginx splits a line at its first colon; anything unprintable in a name would be invisible
# in the file and in the logs.
NAME = re.compile(r"[A-Za-z0-9._@+-]{1,64}")
# bcrypt's cost. nginx keeps no session: it checks the hash on every request, a page and
# each of its files, so the cost is htpasswd -B's (5, a few milliseconds); the 12-character
# minimum is what guards a stolen file. `--cost` raises it (README: Deploying both sites).
ROUNDS = 5
LONGEST = 72  # bcrypt reads no further: a longer password would be cut without a word


class PasswordError(ValueError):
    """A name or password the file cannot hold; the message says why."""


def entry(name: str, password: str, rounds: int = ROUNDS) -> str:
    if not NAME.fullmatch(name):
        raise PasswordError(
            f"{name!r} is not a member name: use 1-64 letters, digits and . _ @ + -"
        )
    secret = password.encode("utf-8")
    if len(password) < 12:
        raise PasswordError("the password is shorter than 12 characters")
    if len(secret) > LONGEST:
        raise PasswordError(f"the password is longer than bcrypt reads ({LONGEST} bytes)")
    return f"{name}:{bcrypt.hashpw(secret, bcrypt.gensalt(rounds)).decode('ascii')}"


def set_password(path: Path, name: str, password: str, rounds: int = ROUNDS) -> bool:
    """Add the member's entry, or replace it; True if the member was new."""
    line = entry(name, password, rounds)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    kept = [old for old in lines if old.split(":", 1)[0] != name]
    kept.append(line)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write("\n".join(kept) + "\n")
    if path.exists():  # keep the group the deployment gave it (nginx's user reads it)
        stat = path.stat()
        with contextlib.suppress(PermissionError):
            os.chown(temporary, -1, stat.st_gid)
    temporary.replace(path)
    return len(kept) > len(lines)
