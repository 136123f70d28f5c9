"""Each stage of validation alone, in process, on the bad-input cases filed under it.

tests/bad_inputs/<stage>/<case>/ files a case under the stage that finds its problems:
``read`` (each file on its own: YAML, the models, pages' front matter and shape), a rule of
``macros.rules.RULES`` by its function name, or ``render`` (the pages' templates, per
audience). One parametrised test per stage, made below from the rules' own list, runs
that stage and nothing else and expects exactly the case's problems, so a rule that stops
reporting fails its own test, not only the whole validation.
"""

from __future__ import annotations

import pytest

from macros.load.catalog import read
from macros.problems import ValidationFailed
from macros.render.site import template_problems
from macros.rules import RULES
from tests.test_bad_inputs import CASES, STAGE_OF, expected, prepare


def cases_of(stage: str) -> list[str]:
    return [case for case in CASES if STAGE_OF[case] == stage]


def reported(run) -> list[str]:
    """The problems ``run`` finds, as validation prints them (sorted, each once)."""
    try:
        problems = list(run())
    except ValidationFailed as error:  # what stops a stage at once (a missing file)
        problems = error.problems
    return [str(problem) for problem in sorted(set(problems))]


@pytest.fixture
def catalog_of(tmp_path, monkeypatch):
    def load(case: str):
        root = prepare(case, tmp_path / "project")
        monkeypatch.chdir(root)
        return root, read(root, use_cache=False)

    return load


@pytest.mark.parametrize("case", cases_of("read"))
def test_read(case, catalog_of):
    def problems():
        return catalog_of(case)[1][1]

    assert reported(problems) == expected(case)


def _stage_test(rule):
    @pytest.mark.parametrize("case", cases_of(rule.__name__))
    def test(case, catalog_of):
        _, (catalog, read_problems) = catalog_of(case)
        assert read_problems == []  # the case's files read cleanly: the rule alone finds it
        assert reported(lambda: rule(catalog)) == expected(case)

    test.__name__ = f"test_{rule.__name__}"
    test.__doc__ = f"{rule.__name__} alone reports exactly each of its cases' problems."
    return test


for _rule in RULES:
    globals()[f"test_{_rule.__name__}"] = _stage_test(_rule)


@pytest.mark.parametrize("case", cases_of("render"))
def test_render(case, catalog_of):
    root, (catalog, read_problems) = catalog_of(case)
    assert read_problems == []
    assert [problem for rule in RULES for problem in rule(catalog)] == []

    assert reported(lambda: template_problems(root, catalog)) == expected(case)


def test_every_rule_has_cases_of_its_own():
    assert [rule.__name__ for rule in RULES if not cases_of(rule.__name__)] == []
