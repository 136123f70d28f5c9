"""The incremental build equals a clean build, byte for byte, through a contributor's edits.

One project is edited step by step (a field, a page's text, a record added, deleted and
renamed, a paper made public and restricted again, a source changed so that a quote no
longer matches and then fixed). After each step it is built twice: incrementally, from
the last build's state (macros/incremental), and cleanly (GCEG_INCREMENTAL=0, a cache
of its own). Both sites must hold the same files with the same bytes, for each audience;
where the clean build fails, the incremental one fails too and leaves its site as it was.
"""

from __future__ import annotations

import filecmp
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import copy_project, gceg

pytestmark = pytest.mark.build

PERSON = "data/people/jurgen-stock.yaml"
NEW_PERSON = ("data/people/new-person-example.yaml", "docs/people/new-person-example.md")
PAPER = "data/papers/strategy-paper-example.yaml"
EDITION_TEXT = "docs/strategy/strategy-paper-example/0.2.md"
MEMBERS_PAPER = "data/papers/members-paper-example.yaml"
SOURCE = "data/sources/interpol-cyber-experts-meeting-2015.yaml"


def _replace(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_person(root: Path) -> None:
    text = (root / PERSON).read_text(encoding="utf-8")
    (root / NEW_PERSON[0]).write_text(
        text.replace("name: Jürgen Stock", "name: Jürgen Stock (second record)"), encoding="utf-8"
    )
    (root / NEW_PERSON[1]).write_text("", encoding="utf-8")


def _delete_person(root: Path) -> None:
    for path in NEW_PERSON:
        (root / path).unlink()


def _rename(root: Path) -> None:
    for folder, suffix in (("data/people", ".yaml"), ("docs/people", ".md")):
        old = root / folder / f"red-person-example{suffix}"
        old.rename(old.with_name(f"red-person-renamed{suffix}"))


def _classify(marking: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        file = root / MEMBERS_PAPER
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r"classification: \S+", marking, text), encoding="utf-8")

    return edit


STEPS: list[tuple[str, Callable[[Path], None], bool]] = [
    ("the first build", lambda root: None, True),
    ("nothing changed", lambda root: None, True),
    (
        "a field of a record",
        lambda root: _replace(root, PAPER, "summary: >-\n", "summary: >-\n  Revised.\n"),
        True,
    ),
    (
        "the text of a page",
        lambda root: (root / EDITION_TEXT).write_text(
            (root / EDITION_TEXT).read_text(encoding="utf-8") + "\nA sentence added.\n",
            encoding="utf-8",
        ),
        True,
    ),
    ("a record added", _add_person, True),
    ("a record deleted", _delete_person, True),
    ("a record renamed", _rename, True),
    ("a paper made public", _classify("classification: TLP:CLEAR"), True),
    ("the paper restricted again", _classify("classification: TLP:GREEN"), True),
    (
        "a source no longer matching a quote",
        lambda root: _replace(root, SOURCE, "Around 80 experts", "About 80 experts"),
        False,
    ),
    (
        "the source fixed",
        lambda root: _replace(root, SOURCE, "About 80 experts", "Around 80 experts"),
        True,
    ),
]


def _build(root: Path, site: Path, audience: str, cache: Path, incremental: bool):
    env = {"GCEG_CACHE_DIR": str(cache), "GCEG_INCREMENTAL": "1" if incremental else "0"}
    return gceg(root, "build", "--audience", audience, "--site-dir", str(site), env=env)


def _differences(left: Path, right: Path) -> list[str]:
    """Files only on one side or with different bytes (compared by content)."""
    found: list[str] = []

    def walk(compare: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"only in one: {prefix}{name}" for name in compare.left_only)
        found.extend(f"only in one: {prefix}{name}" for name in compare.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compare.left, compare.right, compare.common_files, shallow=False
        )
        found.extend(f"differs: {prefix}{name}" for name in mismatch + errors)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


@pytest.mark.parametrize("audience", ["public", "members"])
def test_every_edit_builds_incrementally_what_a_clean_build_makes(tmp_path, audience):
    root = copy_project(tmp_path / "project")
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    last_pages: set[Path] = set()
    for step, (name, edit, builds) in enumerate(STEPS):
        edit(root)
        made = _build(root, incremental, audience, tmp_path / "cache", incremental=True)
        fresh = _build(root, clean / str(step), audience, tmp_path / f"clean-{step}", False)
        assert (made.returncode == 0) is builds, f"{name}: {made.stderr[-2000:]}"
        assert (fresh.returncode == 0) is builds, f"{name}: {fresh.stderr[-2000:]}"
        if not builds:  # refused alike, and the last good site left as it was
            assert "Around 80 experts" in made.stderr + made.stdout
            continue
        assert _differences(incremental, clean / str(step)) == [], name
        pages = {page.relative_to(incremental) for page in incremental.rglob("*.html")}
        if pages == last_pages:  # the same pages (a new one changes every page's links)
            reused = re.search(r"pages: (\d+) made, (\d+) reused", made.stderr)
            assert reused and int(reused[2]) > 0, f"{name}: nothing reused\n{made.stderr[-800:]}"
        last_pages = pages
