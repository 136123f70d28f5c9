"""The date a built site states: its last commit's, or SOURCE_DATE_EPOCH; never made up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from macros.tools.cli import source_date_epoch
from tests.conftest import PROJECT_PARTS

COMMITTED_AT = 1_450_000_000


def committed(root):
    """``root`` as a git repository with one commit, made at COMMITTED_AT."""
    env = {
        **os.environ,
        "GIT_COMMITTER_DATE": f"@{COMMITTED_AT} +0000",
        "GIT_AUTHOR_DATE": f"@{COMMITTED_AT} +0000",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (["init", "-q"], ["add", "mkdocs.yml"], ["commit", "-qm", "first"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)
    return root


@pytest.fixture
def no_date_given(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("GIT_DIR", raising=False)


def test_a_checkout_is_dated_by_its_last_commit(project, no_date_given):
    assert source_date_epoch(committed(project)) == str(COMMITTED_AT)


def test_a_given_date_wins_over_the_commit(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date_epoch(committed(project)) == "1700000000"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no git checkout", "is not in a git checkout, so no commit dates the site"),
        ("a checkout git refuses", "detected dubious ownership"),
        ("a checkout without a commit", "does not have any commits yet"),
        ("a date that is not a number", "SOURCE_DATE_EPOCH is '2024-01-01', not seconds"),
    ],
)
def test_no_made_up_date(project, no_date_given, monkeypatch, case, message):
    if case == "a checkout git refuses":
        committed(project)
        monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")  # git's switch for this
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)  # no safe.directory of this machine
        monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    elif case == "a checkout without a commit":
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    elif case == "a date that is not a number":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "2024-01-01")
    with pytest.raises(SystemExit, match=message):
        source_date_epoch(project)


def test_an_undatable_build_stops_before_writing_anything(project):
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GIT_DIR")}
    result = subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert "is not in a git checkout, so no commit dates the site" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(path.name for path in project.iterdir()) == sorted(PROJECT_PARTS)
