"""One fixture per failure mode: each must fail validation with exactly its expected problems.

A case is a folder ``tests/bad_inputs/<stage>/<case>/``, where ``<stage>`` names what finds
the problem: ``read`` (the files one by one), a rule of ``macros.rules.RULES`` by its
function name, ``render`` (the pages' templates) or ``several``. It holds ``files/`` (laid
over a copy of the frozen corpus), optionally ``remove.txt`` (paths to delete) and
``generated.json`` (large or linked files made on the fly), and ``expected.txt``: the
problems validation must print, one per line, and nothing else.

Every case runs in process here, through the command's own ``validate``;
tests/unit/test_rules.py runs each stage alone on its cases. A handful run end to end as
the ``gceg`` command (END_TO_END), validate and build, to prove the command's exit code,
its output and that a refused build writes nothing.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

from macros import rules
from macros.model import models
from macros.tools.cli import validate
from tests.conftest import copy_project, gceg

CASES_DIR = Path(__file__).parent / "bad_inputs"
STAGE_OF = {
    case.parent.name: case.parent.parent.name for case in sorted(CASES_DIR.glob("*/*/expected.txt"))
}
CASES = sorted(STAGE_OF)
# One case per stage that can refuse a project, and the stages' hard edges: a file
# missing, a folder that is a link, a page's template, a leak across audiences.
END_TO_END = (
    "malformed-yaml",
    "missing-group-file",
    "symlinked-data-folder",
    "dangling-reference",
    "four-mistakes-in-one-record",
    "raw-script-in-page",
    "template-injection",
    "public-page-names-restricted-record",
    "quote-not-in-source",
    "record-without-page",
)


def case_dir(case: str) -> Path:
    return CASES_DIR / STAGE_OF[case] / case


def prepare(case: str, dest: Path) -> Path:
    root = copy_project(dest)
    folder = case_dir(case)
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
    return (case_dir(case) / "expected.txt").read_text(encoding="utf-8").strip().splitlines()


def assert_refused(stderr: str, case: str) -> None:
    """Validation's report: its count, then exactly the case's problems."""
    lines = stderr.strip().splitlines()
    assert lines[0].endswith("found:"), stderr
    assert lines[1:] == expected(case)


def test_there_is_a_case_per_failure_mode():
    assert len(CASES) >= 30
    assert set(END_TO_END) <= set(CASES)
    stages = {"read", "render", "several", *(rule.__name__ for rule in rules.RULES)}
    assert set(STAGE_OF.values()) <= stages, "a folder of tests/bad_inputs/ names no stage"
    misplaced = sorted(p.parent.name for p in CASES_DIR.glob("*/expected.txt"))
    assert misplaced == [], "file each case under its stage: tests/bad_inputs/<stage>/<case>/"


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_with_its_message(case, tmp_path, monkeypatch, capsys):
    root = prepare(case, tmp_path / "project")
    monkeypatch.chdir(root)
    monkeypatch.setenv("GCEG_CACHE", "0")
    assert validate(root) == 1
    assert_refused(capsys.readouterr().err, case)


@pytest.mark.parametrize("case", END_TO_END)
def test_the_command_refuses_bad_input_with_its_message(case, tmp_path):
    root = prepare(case, tmp_path / "project")
    result = gceg(root, "validate")
    assert result.returncode == 1, result.stdout
    assert_refused(result.stderr, case)


@pytest.mark.parametrize("case", END_TO_END)
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


def _message_pattern(node) -> str | None:
    """A message written in the code as a regular expression: its {fields} match anything."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(
            re.escape(part.value) if isinstance(part, ast.Constant) else ".*"
            for part in node.values
        )
    if isinstance(node, ast.BinOp):  # "..." + _closest(...): the literal part
        return (_message_pattern(node.left) or ".*") + (_message_pattern(node.right) or ".*")
    return None  # a message passed on from elsewhere (a model's, a check's): tested there


def validation_messages() -> list[tuple[str, str]]:
    """(where, pattern) for every message the rules and the models' problems() write."""
    found = []
    sources = [*sorted(Path(rules.__file__).parent.glob("*.py")), Path(models.__file__)]
    for source in sources:  # every module of the rules package, and the models
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            message = None
            if isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple):
                message = node.value.elts[-1] if len(node.value.elts) == 2 else None
            elif (
                isinstance(node, ast.Call)
                and node.args
                and getattr(node.func, "attr", getattr(node.func, "id", None))
                in ("problem", "Problem")
            ):
                message = node.args[-1]
            pattern = message is not None and _message_pattern(message)
            if pattern and pattern.replace(".*", ""):
                found.append((f"{source.name}:{node.lineno}", pattern))
    return found


def test_every_validation_message_has_a_bad_input_case():
    lines = [line for case in CASES for line in expected(case)]
    messages = validation_messages()
    assert len(messages) > 30  # the reader found the rules
    untested = [
        where
        for where, pattern in messages
        if not any(re.search(f": {pattern}", line) for line in lines)
    ]
    assert untested == [], "add a case in tests/bad_inputs/ that shows each of these messages"
