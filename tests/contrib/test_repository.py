"""Contributor tooling: schemas, editor hints, workflows, code owners, pre-commit."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from pathspec import PathSpec

from macros.exports import schemas
from macros.load.symlinks import CONTENT_FOLDERS
from macros.load.translations import sidecar
from macros.model.kinds import BY_NAME, KINDS
from macros.tools import schema_files
from tests.conftest import ROOT, gceg

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def data_files():
    """Every record file (translations, <id>.<lang>.yaml, hold no record and have no schema)."""
    for kind in KINDS:
        base = ROOT / "data" / kind.data
        for path in sorted(base.glob("*.yaml")) if kind.layout == "folder" else [base]:
            if sidecar(path.name) is None:
                yield kind, path


def record_files() -> list[Path]:
    return sorted(p for p in (ROOT / "data").rglob("*.yaml") if sidecar(p.name) is None)


def test_schemas_are_generated_from_the_current_models():
    assert schema_files.stale(ROOT) == [], "run `gceg schema` and commit schemas/"


def test_stale_schemas_are_detected(tmp_path):
    schema_files.write(tmp_path)
    (tmp_path / "schemas/meeting.schema.json").write_text(f'{{"$schema": "{schemas.DIALECT}"}}\n')
    assert schema_files.stale(tmp_path) == ["meeting.schema.json"]


MODELINE = "# yaml-language-server: $schema="
PRE_COMMIT = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
SCHEMA_HOOKS = [
    hook
    for repo in PRE_COMMIT["repos"]
    for hook in repo["hooks"]
    if hook["entry"].startswith(".venv/bin/check-jsonschema ")
]


def named_schema(path: Path) -> Path:
    """The schema a data file's first line names, as editors resolve it."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), f"{path}: first line should be {MODELINE}..."
    return (path.parent / first.removeprefix(MODELINE)).resolve()


def hook_command(hook) -> list[str]:
    """The hook's command as pre-commit runs it, with this test run's .venv."""
    program, *arguments = shlex.split(hook["entry"])
    return [str(BIN / Path(program).name), *arguments]


def hook_schema(hook) -> Path:
    arguments = shlex.split(hook["entry"])
    return (ROOT / arguments[arguments.index("--schemafile") + 1]).resolve()


def test_every_data_file_is_of_a_kind_and_names_its_kinds_schema():
    everything = record_files()
    assert everything == sorted(path for _, path in data_files()), "a file of no known kind"
    for kind, path in data_files():
        relative = path.relative_to(ROOT).as_posix()
        assert path.read_text(encoding="utf-8").splitlines()[0] == schemas.schema_comment(
            kind, relative
        )
        assert named_schema(path) == ROOT / "schemas" / schemas.schema_name(kind)


def test_every_data_file_is_checked_by_one_hook_against_the_schema_it_names():
    for path in record_files():
        relative = path.relative_to(ROOT).as_posix()
        matching = [hook for hook in SCHEMA_HOOKS if re.search(hook["files"], relative)]
        assert [hook_schema(hook) for hook in matching] == [named_schema(path)], relative


@pytest.mark.parametrize("hook", SCHEMA_HOOKS, ids=lambda hook: hook["id"])
def test_data_files_pass_check_jsonschema_as_the_pre_commit_hook_runs_it(hook):
    files = [
        path.relative_to(ROOT).as_posix()
        for path in record_files()
        if re.search(hook["files"], path.relative_to(ROOT).as_posix())
    ]
    assert files, f"{hook['id']} checks no file"
    result = subprocess.run([*hook_command(hook), *files], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hook_rejects_a_data_file_that_breaks_its_schema(tmp_path):
    (hook,) = [hook for hook in SCHEMA_HOOKS if hook["id"] == "schema-sources"]
    broken = tmp_path / "data/sources/broken.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        f"{schemas.schema_comment(BY_NAME['source'], 'data/sources/broken.yaml')}\n"
        "title: A source\nkind: standard\nurl: http://example.org/\npublisherr: misspelt\n",
        encoding="utf-8",
    )
    (tmp_path / "schemas").symlink_to(ROOT / "schemas")
    result = subprocess.run(
        [*hook_command(hook), "data/sources/broken.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "'publisherr' was unexpected" in result.stdout, result.stdout
    assert "'http://example.org/' is not valid" in result.stdout, result.stdout


def test_every_schema_is_valid_under_the_draft_it_declares():
    files = sorted((ROOT / "schemas").rglob("*.schema.json"))
    assert len(files) == len(schema_files.all_schemas())
    result = subprocess.run(
        [BIN / "check-jsonschema", "--check-metaschema", "--regex-variant", "default", *files],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gceg_schema_check_fails_on_a_schema_its_draft_rejects(project):
    """A pattern Python's re accepts but ECMA-262 in unicode mode does not (the escaped quote
    the source URL pattern once had) fails the check, as it fails check-jsonschema."""
    schema_files.write(project)
    path = project / "schemas/source.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["url"]["anyOf"][0]["pattern"] = r"""^https://[^\s\"'<>]+$"""
    path.write_text(schemas.render(schema), encoding="utf-8")
    result = gceg(project, "schema", "--check")
    assert result.returncode == 1
    assert "source.schema.json (not valid under https://json-schema.org/draft/2020-12/" in (
        result.stderr
    )
    assert "is not a 'regex'" in result.stderr
    tool = subprocess.run(
        [BIN / "check-jsonschema", "--check-metaschema", "--regex-variant", "default", path],
        capture_output=True,
        text=True,
    )
    assert tool.returncode == 1, "the check and check-jsonschema should agree"


def test_pull_request_workflow_cannot_leak_or_write():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers == {"pull_request": {"branches": ["main"]}, "push": {"branches": ["main"]}}
    assert workflow["permissions"] == {"contents": "read"}
    lines = (ROOT / ".github/workflows/pull-request.yml").read_text().splitlines()
    text = "\n".join(line.split("#")[0] for line in lines)  # comments may name what is avoided
    assert "pull_request_target" not in text
    assert "secrets." not in text
    for job in workflow["jobs"].values():
        assert "permissions" not in job  # nothing widens the read-only token
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False


def test_publication_runs_only_on_tags():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    assert workflow[True] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}


def test_workflows_pin_actions_to_commits_with_the_version_in_a_comment():
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if "uses:" in line:
                ref, _, comment = line.split("uses:")[1].partition("#")
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref.strip()), (
                    f"{path.name}: {ref}"
                )
                assert re.fullmatch(r"v\d+\.\d+\.\d+", comment.strip()), f"{path.name}: {line}"


def test_every_workflow_step_fails_on_the_first_failing_command():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["defaults"] == {"run": {"shell": "bash"}}  # bash -eo pipefail
        for line in path.read_text().splitlines():
            assert "|| echo" not in line and "|| true" not in line, f"{path.name}: {line}"


def test_the_check_workflow_audits_the_lock():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    scripts = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any("pip-audit" in script and "requirements/lock.txt" in script for script in scripts)


def test_dependabot_watches_actions_python_and_npm():
    config = ROOT / ".github/dependabot.yml"
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot", config],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ecosystems = {
        update["package-ecosystem"] for update in yaml.safe_load(config.read_text())["updates"]
    }
    assert ecosystems == {"github-actions", "pip", "npm"}


def test_workflows_pass_the_workflow_schema():
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_the_security_audit():
    result = subprocess.run(
        [
            BIN / "zizmor",
            "--offline",
            "--format",
            "plain",
            *WORKFLOWS,
            ROOT / ".github/dependabot.yml",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def code_owners(path: str) -> list[str]:
    """The owners GitHub asks to approve a change to ``path``: those of the last line of
    CODEOWNERS whose pattern matches it. The patterns follow gitignore's rules, which
    pathspec implements; GitHub leaves out negation and character ranges, so none may appear."""
    owners: list[str] = []
    for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *teams = line.split()
        assert not pattern.startswith("!") and "[" not in pattern, f"GitHub ignores {pattern}"
        if PathSpec.from_lines("gitignore", [pattern]).match_file(path):
            owners = teams  # a later match replaces an earlier one
    return owners


MAINTAINERS, EDITORS = ["@gceg/maintainers"], ["@gceg/editors"]
OWNERS = {
    "macros/tools/cli.py": MAINTAINERS,
    "macros/render/templates/meeting/header.html": MAINTAINERS,
    "overrides/main.html": MAINTAINERS,
    "mkdocs.yml": MAINTAINERS,
    "pyproject.toml": MAINTAINERS,
    "requirements/lock.txt": MAINTAINERS,
    ".github/workflows/pull-request.yml": MAINTAINERS,
    ".github/CODEOWNERS": MAINTAINERS,
    "Makefile": MAINTAINERS,
    ".ci/run": MAINTAINERS,
    "tests/contrib/test_repository.py": MAINTAINERS,
    "tests/bad_inputs/case/files/data/meetings/x.yaml": MAINTAINERS,
    "tests/bad_inputs/case/files/docs/index.md": MAINTAINERS,
    "tests/fixtures/corpus/data/meetings/x.yaml": MAINTAINERS,  # the corpus is test code
    "schemas/source.schema.json": MAINTAINERS,
    ".pre-commit-config.yaml": MAINTAINERS,
    "includes/abbreviations.md": MAINTAINERS,
    "docs/assets/stylesheets/gceg.css": MAINTAINERS,  # inside docs/, yet a maintainer's
    "GOVERNANCE.md": MAINTAINERS,
    "a-new-top-level-file.txt": MAINTAINERS,
    "data/meetings/2015-first-meeting.yaml": EDITORS,
    "data/group.yaml": EDITORS,
    "docs/index.md": EDITORS,
    "docs/strategy/strategy-paper-example/1.0.md": EDITORS,
    "docs/macros/index.md": EDITORS,  # /macros/ means the top-level folder only
}


@pytest.mark.parametrize(("path", "owners"), OWNERS.items(), ids=list(OWNERS))
def test_code_owners_by_the_last_matching_line(path, owners):
    assert code_owners(path) == owners


def test_pre_commit_configuration_is_valid_and_runs_the_checks():
    result = subprocess.run(
        [BIN / "pre-commit", "validate-config", ROOT / ".pre-commit-config.yaml"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "gceg-validate", "gceg-schema"} <= ids


def test_the_validate_hook_runs_on_every_file_validate_changed_watches():
    """pre-commit runs `gceg validate --changed` only when a staged file matches the
    hook's pattern: it must match whatever `changed_files` compares (mkdocs.yml too,
    whose navigation validation checks), and nothing else."""
    (hook,) = [
        h for repo in PRE_COMMIT["repos"] for h in repo["hooks"] if h["id"] == "gceg-validate"
    ]
    assert hook["entry"] == ".venv/bin/gceg validate --changed HEAD"
    watched = [f"{folder}/some/file.md" for folder in CONTENT_FOLDERS] + ["mkdocs.yml"]
    assert [path for path in watched if not re.search(hook["files"], path)] == []
    others = ["overrides/main.html", "macros/cli.py", "docs.md", "mkdocs.yml.orig", "x/mkdocs.yml"]
    assert [path for path in others if re.search(hook["files"], path)] == []


def test_issue_forms_are_valid_and_send_leaks_to_the_security_policy():
    folder = ROOT / ".github/ISSUE_TEMPLATE"
    forms = sorted(path for path in folder.glob("*.yml") if path.name != "config.yml")
    assert forms
    for schema, files in (
        ("github-issue-forms", forms),
        ("github-issue-config", [folder / "config.yml"]),
    ):
        result = subprocess.run(
            [BIN / "check-jsonschema", "--builtin-schema", f"vendor.{schema}", *files],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert yaml.safe_load((folder / "config.yml").read_text())["blank_issues_enabled"] is False
    for form in forms:
        assert "SECURITY.md" in form.read_text(), form.name


def test_the_security_policy_says_how_to_take_a_version_down():
    policy = (ROOT / "SECURITY.md").read_text()
    for step in ("**Take the version down.**", "**Rebuild.**", "**Rotate.**"):
        assert step in policy
    assert "mike delete --branch gh-pages <version>" in policy
    usage = subprocess.run([BIN / "mike", "delete", "--help"], capture_output=True, text=True)
    assert "--branch" in usage.stdout  # the command the policy gives exists as written


def test_the_code_is_licensed_under_apache_2():
    text = (ROOT / "LICENSE").read_text()
    assert text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "END OF TERMS AND CONDITIONS" in text  # the full text, not a notice
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert (project["license"], project["license-files"]) == ("Apache-2.0", ["LICENSE"])


def test_no_workflow_uploads_or_publishes_the_members_site():
    """A static folder has no door: the members' build must never leave the runner as an
    artifact, a page deployment or a release, whatever the step is called."""
    import yaml

    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        text = workflow.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                uses = step.get("uses", "")
                run = step.get("run", "")
                if any(
                    a in uses
                    for a in (
                        "upload-artifact",
                        "deploy-pages",
                        "upload-pages",
                        "release",
                        "gh-pages",
                    )
                ):
                    shipped = json.dumps(step.get("with", {}))
                    assert "members" not in shipped and "site-members" not in shipped, (
                        workflow.name,
                        step.get("name"),
                    )
                assert "--audience members" not in run and "build-members" not in run, (
                    workflow.name,
                    step.get("name"),
                    "the members' site is never built in CI",
                )
                # however it is asked for: --audience=members, make preview-members,
                # GCEG_AUDIENCE in the step's environment, AUDIENCE=members for make
                environments = [step.get("env", {}), job.get("env", {}), data.get("env", {})]
                said = " ".join([run, *map(json.dumps, environments)])
                assert "members" not in said.lower(), (
                    workflow.name,
                    step.get("name"),
                    "the members' site is never built in CI",
                )
