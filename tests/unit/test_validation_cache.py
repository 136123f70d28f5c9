"""`gceg validate` answered from its caches says exactly what a validation from nothing says.

One project goes through a series of edits (every bad-input case laid over it and taken
off again, then the edits a contributor makes); after each, the validation with its
caches (the answer of the last run, each file's load, each page's sentences) is compared
with one that reads everything again: the same exit status, the same problems, in the
same order.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from macros.config import BuildConfig
from macros.tools.validation import State, answer, changed_files, fingerprint, full_validation
from tests.conftest import copy_project
from tests.test_bad_inputs import CASES, expected, prepare

pytestmark = pytest.mark.build


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("GCEG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GCEG_CACHE", raising=False)
    return copy_project(tmp_path / "project")


def same_as_full(root: Path) -> tuple[int, str, str]:
    cached = answer(root, BuildConfig.from_environment())
    full = full_validation(root, replace(BuildConfig.from_environment(), load_cache=False))
    assert cached == full
    return cached


def test_cached_validation_equals_a_full_one_through_every_bad_input(project, tmp_path):
    assert same_as_full(project)[0] == 0
    refused = []
    for case in CASES:  # in one place, one after another: the caches see every change
        shutil.rmtree(project)
        shutil.move(prepare(case, tmp_path / "case"), project)
        code, _, err = same_as_full(project)
        if code == 1 and err.strip().endswith(_last_expected(case)):
            refused.append(case)
    assert refused == CASES  # each with its own problems
    shutil.rmtree(project)
    copy_project(project)
    assert same_as_full(project)[0] == 0


def test_cached_validation_equals_a_full_one_through_a_contributors_edits(project):
    meeting = project / "data/meetings/2015-first-meeting.yaml"
    page = project / "docs/meetings/2015-first-meeting.md"
    paper = project / "data/papers/members-paper-example.yaml"
    source = project / "data/sources/interpol-cyber-experts-meeting-2015.yaml"
    text = meeting.read_text()
    steps = [
        lambda: meeting.write_text(text.replace("First meeting of", "The first meeting of")),
        lambda: page.write_text(page.read_text() + "\nINTERPOL met in 2015.\n"),  # uncited
        lambda: page.write_text(page.read_text().replace("INTERPOL met in 2015.", "")),
        lambda: shutil.copy(meeting, project / "data/meetings/2015-second-meeting.yaml"),
        lambda: (project / "data/meetings/2015-second-meeting.yaml").unlink(),
        lambda: meeting.rename(project / "data/meetings/2015-renamed-meeting.yaml"),
        lambda: (project / "data/meetings/2015-renamed-meeting.yaml").rename(meeting),
        lambda: paper.write_text(paper.read_text().replace("TLP:GREEN", "TLP:CLEAR")),
        lambda: paper.write_text(paper.read_text().replace("TLP:CLEAR", "TLP:GREEN")),
        lambda: source.write_text(source.read_text().replace("two-day", "three-day")),
        lambda: source.write_text(source.read_text().replace("three-day", "two-day")),
        lambda: meeting.write_text(text),
    ]
    codes = [same_as_full(project)[0]]
    for step in steps:
        step()
        codes.append(same_as_full(project)[0])
    # the edits that break something are refused, and the project is valid again after
    assert codes == [0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0]


def test_nothing_changed_is_answered_without_validating(project, monkeypatch):
    first = answer(project, BuildConfig.from_environment())
    monkeypatch.setattr(
        "macros.tools.validation.full_validation",
        lambda *_: pytest.fail("validated again though nothing changed"),
    )
    assert answer(project, BuildConfig.from_environment()) == first


def test_changed_files_are_those_that_differ_from_the_revision(project):
    def git(*args):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    assert changed_files(project, "HEAD") == []
    (project / "docs/about.md").write_text("Changed.\n")
    (project / "docs/new-page.md").write_text("New.\n")
    (project / "overrides/unrelated.txt").write_text("not content\n")
    assert changed_files(project, "HEAD") == ["docs/about.md", "docs/new-page.md"]


def _last_expected(case: str) -> str:
    return expected(case)[-1]


def test_nothing_changed_imports_neither_mkdocs_nor_the_render_stack(project):
    """The answer replayed when nothing changed needs no MkDocs, templates or models:
    `import macros` (the mkdocs-macros hooks) imports them only when a hook runs."""
    assert answer(project, BuildConfig.from_environment())[0] == 0
    heavy = (
        "mkdocs",
        "jinja2",
        "pydantic",
        "markdown",
        "bs4",
        "macros.render",
        "macros.load.catalog",
    )
    script = (
        "import sys; from macros.tools.cli import main; code = main(['validate']); "
        f"print(code, sorted(name for name in sys.modules if name.startswith({heavy!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 []"


def test_a_library_installed_or_upgraded_is_a_new_answer(project, tmp_path, monkeypatch):
    """The libraries are digested by the distributions installed beside them (their
    `<name>-<version>.dist-info` folders), not by importing importlib.metadata."""
    site = tmp_path / "site-packages"
    (site / "somelib").mkdir(parents=True)
    (site / "somelib/__init__.py").write_text("")
    (site / "somelib-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr("macros.tools.validation._LIBRARIES", ("somelib",))
    keys = [fingerprint(project, State(), {})[0]]
    (site / "somelib-1.0.dist-info").rename(site / "somelib-1.1.dist-info")
    keys.append(fingerprint(project, State(), {})[0])
    (site / "otherlib-2.0.dist-info").mkdir()
    keys.append(fingerprint(project, State(), {})[0])
    keys.append(fingerprint(project, State(), {})[0])
    assert keys[0] != keys[1] != keys[2] == keys[3]
