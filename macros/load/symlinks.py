"""Content is read from real files only: no symbolic link is followed.

A link in ``data/``, ``docs/`` or ``includes/`` could make a public build
read a members-only file, or a file of the build host (a pull-request
preview runs on a CI host). So every link there is an error, found without
following it, before anything under it is read; the snippet extension
(snippets.py) refuses links again when it includes a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..problems import Problem

CONTENT_FOLDERS = ("data", "docs", "includes")


def linked_paths(root: Path) -> list[str]:
    """Project-relative paths of every symbolic link in the content folders, the
    folders themselves included (a link is listed, never walked into)."""
    found: list[str] = []
    for top in CONTENT_FOLDERS:
        folder = root / top
        if folder.is_symlink():
            found.append(top)
            continue
        _links_under(str(folder), top, found)
    return sorted(found)


def _links_under(folder: str, relative: str, found: list[str]) -> None:
    """os.scandir, not os.walk with os.path.islink: an entry's kind comes with its
    folder's listing, so finding the links takes no system call per file (30,000 of
    them at 10,000 records)."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:  # missing or unreadable: reported where it is read
        return
    for entry in entries:
        path = f"{relative}/{entry.name}"
        if entry.is_symlink():
            found.append(path)
        elif entry.is_dir(follow_symlinks=False):
            _links_under(entry.path, path, found)


def symlink_problems(linked: list[str]) -> list[Problem]:
    problems = []
    for path in linked:
        top = path.split("/", 1)[0]
        if path == top:
            message = f"{top}/ is a symbolic link; it must be a real folder of the project"
        else:
            message = f"symbolic links are not allowed in {top}/; put the file itself here"
        problems.append(Problem(path, 1, "(file)", message))
    return problems


def is_linked(path: Path, root: Path) -> bool:
    """Whether ``path`` or any folder between ``root`` and it is a symbolic link."""
    current = Path(path)
    root = Path(root)
    while True:
        if current.is_symlink():
            return True
        if current == root or current.parent == current:
            return False
        current = current.parent
