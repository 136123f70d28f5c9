"""``gceg validate``: every problem of the project, answered from the last run when nothing
it reads has changed.

The answer is a function of the content folders, mkdocs.yml, the code under macros/, its
libraries and the settings (GCEG_*, SOURCE_DATE_EPOCH...). A digest of all of them keys
the last run's answer (its exit status and the text it printed); the same digest gives
the same answer, replayed byte for byte.
When the digest differs, the whole validation runs again, with each file's load and each
page's sentences taken from the content-keyed caches (load/cache.py, rules/grounding.py),
so it reports exactly what a validation from nothing would, in the same order.

Finding the digest reads every file only when it has to: like git's index, each file's
content digest is kept beside its size, inode and times, and a file whose stat is
unchanged is not read again. An entry recorded less than ``RACY_NS`` after the file was
last written is not trusted (the file could change again within the clock's resolution).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISLNK, S_ISREG

from ..config import BuildConfig
from ..load.symlinks import CONTENT_FOLDERS

RACY_NS = 2_000_000_000
# Settings that do not change what validation finds (where caches live, tracebacks).
_NEUTRAL_SETTINGS = ("GCEG_CACHE_DIR", "GCEG_DEBUG")
# ...and the settings BuildConfig reads besides GCEG_*, taken in as a precaution.
_OTHER_SETTINGS = ("SOURCE_DATE_EPOCH", "MIKE_DOCS_VERSION", "GIT_DIR")
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "mkdocs", "Jinja2", "nh3", "pathspec")
CODE_DIR = Path(__file__).resolve().parents[1]


@dataclass
class State:
    """The last answer and the stat of every file read for it."""

    key: bytes = b""
    answer: tuple[int, str, str] = (0, "", "")
    stats: dict[str, tuple] = field(default_factory=dict)


def validate(root: Path, changed_against: str | None = None) -> int:
    root = Path(root)
    if changed_against is not None:
        try:
            changed = changed_files(root, changed_against)
        except ChangedFilesUnknown as error:
            print(f"gceg validate --changed: {error}", file=sys.stderr)
            return 1
        if not changed:
            print(f"OK: no record, page or include differs from {changed_against}.")
            return 0
    code, out, err = answer(root)
    sys.stdout.write(out)
    sys.stderr.write(err)
    return code


def answer(root: Path, config: BuildConfig | None = None) -> tuple[int, str, str]:
    """(exit status, standard output, standard error) of validating ``root``."""
    config = config or BuildConfig.from_environment()
    if not config.load_cache:
        return full_validation(root, config)
    from ..load.cache import cache_dir

    path = cache_dir(root, "validate.pickle", config)
    state = _read_state(path)
    stats: dict[str, tuple] = {}
    key = fingerprint(root, state.stats, stats)
    if key == state.key:
        if stats != state.stats:
            _write_state(path, State(key, state.answer, stats))
        return state.answer
    result = full_validation(root, config)
    _write_state(path, State(key, result, stats))
    return result


def full_validation(root: Path, config: BuildConfig) -> tuple[int, str, str]:
    """Check what every audience's build will check: one load, then each audience's
    pages rendered as its build renders them (a public page may not name a members-only
    record, though the members' build would accept it)."""
    from ..problems import ValidationFailed
    from ..render.site import template_problems
    from ..rules import load

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = 0
        problems: list = []
        try:
            everything = load(root, config=config)
            problems = list(template_problems(root, everything, config))
        except ValidationFailed as error:
            print(error, file=sys.stderr)
            code = 1
        else:
            if problems:
                print(ValidationFailed(problems), file=sys.stderr)
                code = 1
            else:
                records = sum(len(items) for items in everything.records.values())
                print(f"OK: {records} records and {len(everything.pages)} pages are valid.")
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- the digest of the inputs


def fingerprint(root: Path, known: dict[str, tuple], seen: dict[str, tuple]) -> bytes:
    """A digest of everything validation reads: the content folders, mkdocs.yml, the code
    and its libraries, the settings. ``known`` is the last run's stat of each file;
    ``seen`` receives this run's."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    settings = sorted(
        (name, value)
        for name, value in os.environ.items()
        if (name.startswith("GCEG_") or name in _OTHER_SETTINGS) and name not in _NEUTRAL_SETTINGS
    )
    digest.update(repr((sys.version, settings, [version(n) for n in _LIBRARIES])).encode())
    now = time.time_ns()
    items = [(f"code:{name}", entry) for name, entry in _tree(str(CODE_DIR), "", "__pycache__")]
    for top in CONTENT_FOLDERS:
        path = os.path.join(root, top)
        items.append((f"root:{top}", path))
        if not os.path.islink(path):  # a linked folder is a problem, never walked into
            items += [(f"root:{top}/{name}", entry) for name, entry in _tree(path, "")]
    items.append(("root:mkdocs.yml", os.path.join(root, "mkdocs.yml")))
    for label, entry in items:
        digest.update(label.encode() + b"\0" + _file_digest(entry, label, known, seen, now))
    return digest.digest()


def _tree(folder: str, prefix: str, skip: str | None = None) -> list[tuple[str, os.DirEntry]]:
    """(relative path, entry) of everything under ``folder``, folders too (an unexpected one
    is a problem), sorted; links are listed, never followed. os.scandir, not Path.rglob:
    one stat a file is most of the time a check with nothing changed takes."""
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return found
    for entry in entries:
        if entry.name == skip:
            continue
        found.append((prefix + entry.name, entry))
        if entry.is_dir(follow_symlinks=False):
            found += _tree(entry.path, prefix + entry.name + "/", skip)
    return found


def _file_digest(entry: os.DirEntry | str, label: str, known: dict, seen: dict, now: int) -> bytes:
    try:
        stat = entry.stat(follow_symlinks=False) if not isinstance(entry, str) else os.lstat(entry)
    except OSError:
        return b"missing"
    path = entry if isinstance(entry, str) else entry.path
    if S_ISLNK(stat.st_mode):
        return b"link:" + os.readlink(path).encode()
    if not S_ISREG(stat.st_mode):
        return b"folder"
    signature = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
    previous = known.get(label)
    if previous is not None and previous[0] == signature and previous[2]:
        seen[label] = previous
        return previous[1]
    try:
        with open(path, "rb") as file:
            content = hashlib.sha256(file.read()).digest()
    except OSError:
        return b"unreadable"
    trusted = max(stat.st_mtime_ns, stat.st_ctime_ns) < now - RACY_NS
    seen[label] = (signature, content, trusted)
    return content


def _read_state(path: Path) -> State:
    try:
        state = pickle.loads(path.read_bytes())
    except Exception:  # none yet, or damaged: only a slower answer
        return State()
    return state if isinstance(state, State) else State()


def _write_state(path: Path, state: State) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".tmp-{os.getpid()}")
    temporary.write_bytes(pickle.dumps(state, pickle.HIGHEST_PROTOCOL))
    temporary.replace(path)


# ---------------------------------------------------------------- --changed


class ChangedFilesUnknown(Exception):
    pass


def changed_files(root: Path, revision: str) -> list[str]:
    """Content files that differ from ``revision``: committed since, staged, unstaged, or
    new and not ignored."""
    paths = [*CONTENT_FOLDERS, "mkdocs.yml"]
    commands = (
        ["git", "diff", "--name-only", "--no-renames", revision, "--", *paths],
        ["git", "ls-files", "--others", "--exclude-standard", "--", *paths],
    )
    found: set[str] = set()
    for command in commands:
        try:
            result = subprocess.run(command, cwd=root, capture_output=True, text=True)
        except OSError as error:
            raise ChangedFilesUnknown(f"git could not run ({error})") from None
        if result.returncode != 0:
            raise ChangedFilesUnknown(result.stderr.strip() or f"'{' '.join(command)}' failed")
        found.update(line for line in result.stdout.splitlines() if line)
    return sorted(found)
