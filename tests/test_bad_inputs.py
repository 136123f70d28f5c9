"""One fixture per failure mode: each must fail validation with exactly its expected problems.

A case is a folder in tests/bad_inputs/ holding ``files/`` (laid over a copy
of the project), optionally ``remove.txt`` (paths to delete), and
``expected.txt``: the problems ``gceg validate`` must print, one per line,
and nothing else.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_project, gceg

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "expected.txt").is_file())


def prepare(case: str, dest: Path) -> Path:
    root = copy_project(dest)
    folder = CASES_DIR / case
    if (folder / "files").is_dir():
        shutil.copytree(folder / "files", root, dirs_exist_ok=True)
    if (folder / "remove.txt").is_file():
        for line in (folder / "remove.txt").read_text().split():
            (root / line).unlink()
    if (folder / "generated.json").is_file():
        for path, spec in json.loads((folder / "generated.json").read_text()).items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            if "symlink" in spec:  # a link takes the place of what was there
                if (root / path).is_dir():
                    shutil.rmtree(root / path)
                (root / path).symlink_to(spec["symlink"])
                continue
            line = spec["line"].encode()
            (root / path).write_bytes(line * (spec["bytes"] // len(line) + 1))
    return root


def expected(case: str) -> list[str]:
    return (CASES_DIR / case / "expected.txt").read_text(encoding="utf-8").strip().splitlines()


def test_there_is_a_case_per_failure_mode():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_with_its_message(case, tmp_path):
    root = prepare(case, tmp_path / "project")
    result = gceg(root, "validate")
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith("found:"), result.stderr
    assert lines[1:] == expected(case)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_the_build_and_writes_nothing(case, tmp_path):
    root = prepare(case, tmp_path / "project")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = gceg(root, "build")
    assert result.returncode == 1
    for line in expected(case):
        assert line in result.stderr
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert not Path("/tmp/gceg-pwned").exists()


def test_build_fails_with_the_same_problems_and_keeps_the_previous_site(tmp_path):
    root = prepare("dangling-reference", tmp_path / "project")
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    result = gceg(root, "build")
    assert result.returncode == 1
    for line in expected("dangling-reference"):
        assert line in result.stderr
    assert (site / "index.html").read_text() == "previous build"
    assert sorted(p.name for p in root.iterdir() if "building" in p.name) == []
