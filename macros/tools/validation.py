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

import gc
import hashlib
import importlib.util
import io
import os
import pickle
import subprocess
import sys
import time
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG

from ..config import BuildConfig
from ..load.symlinks import CONTENT_FOLDERS

RACY_NS = 2_000_000_000
# Settings that do not change what validation finds (where caches live, tracebacks).
_NEUTRAL_SETTINGS = ("GCEG_CACHE_DIR", "GCEG_DEBUG")
# ...and the settings BuildConfig reads besides GCEG_*, taken in as a precaution.
_OTHER_SETTINGS = ("SOURCE_DATE_EPOCH", "MIKE_DOCS_VERSION", "GIT_DIR")
# The libraries whose folders are digested, by the names they are imported as.
_LIBRARIES = ("pydantic", "pydantic_core", "yaml", "mkdocs", "jinja2", "nh3", "pathspec")
CODE_DIR = Path(__file__).resolve().parents[1]


@dataclass
class State:
    """The last answer and the stat of every file read for it."""

    key: bytes = b""
    answer: tuple[int, str, str] = (0, "", "")
    stats: dict[str, tuple] = field(default_factory=dict)
    files: bytes = b""  # the digest of ``stats``' labels and contents


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
    key, files = fingerprint(root, state, stats)
    if key == state.key:
        if stats != state.stats:
            _write_state(path, State(key, state.answer, stats, files))
        return state.answer
    result = full_validation(root, config)
    _write_state(path, State(key, result, stats, files))
    return result


def full_validation(root: Path, config: BuildConfig) -> tuple[int, str, str]:
    """Check what every audience's build will check: one load, then each audience's
    pages rendered as its build renders them (a public page may not name a members-only
    record, though the members' build would accept it)."""
    from ..problems import ValidationFailed
    from ..render.site import template_problems
    from ..rules import load

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), _rare_full_collections():
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


@contextmanager
def _rare_full_collections():
    """Collect the young generations less often and the oldest almost never while the
    catalog is built: it is a million long-lived objects, and the cycle collector's full
    passes over them were a third of a validation's time at 10,000 records. Young
    garbage is still collected, so memory stays bounded (the peak is the same)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


# ---------------------------------------------------------------- the digest of the inputs


def fingerprint(root: Path, last: State, seen: dict[str, tuple]) -> tuple[bytes, bytes]:
    """A digest of everything validation reads (the content folders, mkdocs.yml, the code
    and its libraries, the settings), and of its files alone. ``last.stats`` is the last
    run's entry for each file; ``seen`` receives this run's: label -> (stat signature,
    content digest, trusted)."""
    known = last.stats
    digest = hashlib.sha256()
    settings = sorted(
        (name, value)
        for name, value in os.environ.items()
        if (name.startswith("GCEG_") or name in _OTHER_SETTINGS) and name not in _NEUTRAL_SETTINGS
    )
    digest.update(repr((sys.version, settings, _libraries())).encode())
    now = time.time_ns()
    _walk(str(CODE_DIR), "code:", known, seen, now, skip="__pycache__")
    for top in CONTENT_FOLDERS:
        path = os.path.join(root, top)
        _add(f"root:{top}", path, None, known, seen, now)
        if seen[f"root:{top}"] is _FOLDER:  # a linked folder is a problem, never walked into
            _walk(path, f"root:{top}/", known, seen, now)
    _add("root:mkdocs.yml", os.path.join(root, "mkdocs.yml"), None, known, seen, now)
    if seen == known and last.files:  # every entry the last run's: so is their digest
        files = last.files
    else:  # in the order of the labels, not of the walk (which is the file system's)
        files = hashlib.sha256(
            b"".join(label.encode() + b"\0" + seen[label][1] + b"\0" for label in sorted(seen))
        ).digest()
    digest.update(files)
    return digest.digest(), files


def _libraries() -> list[str]:
    """The installed distributions beside the libraries validation uses, with their
    versions (`pydantic-2.9.2.dist-info`): any install or upgrade there is a new answer.
    Their folder's listing, not importlib.metadata, which costs more to import than
    this whole check with nothing changed should take."""
    found = set()
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            folder = os.path.dirname(spec.origin)  # a module's folder, or a package's own
            found.add(os.path.dirname(folder) if spec.submodule_search_locations else folder)
    return sorted(
        entry for folder in sorted(found) for entry in os.listdir(folder) if ".dist-info" in entry
    )


# What a folder, a missing path and anything neither file, folder nor link are entered as.
_FOLDER = (None, b"folder", True)
_MISSING = (None, b"missing", True)
_OTHER = (None, b"other", True)


def _walk(folder: str, prefix: str, known: dict, seen: dict, now: int, skip: str = "") -> None:
    """Enter everything under ``folder``: folders too (an unexpected one is a problem),
    links as their target, never followed. os.scandir, not Path.rglob: a folder's kind
    comes with its listing, so only files cost a stat, which is most of the time a
    check with nothing changed takes."""
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        for entry in entries:
            if entry.name == skip:
                continue
            label = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    seen[label] = _FOLDER
                    _walk(entry.path, label + "/", known, seen, now, skip)
                    continue
            except OSError:
                pass
            try:
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                seen[label] = _MISSING
                continue
            _add(label, entry.path, stat, known, seen, now)


def _add(label: str, path: str, stat, known: dict, seen: dict, now: int) -> None:
    """Enter one path (``stat``: its lstat, if taken already): a file by its content, read
    only when its stat differs from the last run's (or that entry was recorded too soon
    after the file was written)."""
    if stat is None:
        try:
            stat = os.lstat(path)
        except OSError:
            seen[label] = _MISSING
            return
    mode = stat.st_mode
    if S_ISREG(mode):
        signature = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
        previous = known.get(label)
        if previous is not None and previous[0] == signature and previous[2]:
            seen[label] = previous
            return
        try:
            with open(path, "rb") as file:
                content = hashlib.sha256(file.read()).digest()
        except OSError:  # entered as unreadable, and read again next time
            seen[label] = (None, b"unreadable", False)
            return
        trusted = max(stat.st_mtime_ns, stat.st_ctime_ns) < now - RACY_NS
        seen[label] = (signature, content, trusted)
    elif S_ISDIR(mode):
        seen[label] = _FOLDER
    elif S_ISLNK(mode):
        try:
            seen[label] = (None, b"link:" + os.readlink(path).encode(), True)
        except OSError:
            seen[label] = _MISSING
    else:
        seen[label] = _OTHER


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
