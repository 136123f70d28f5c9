"""The workflows' shell steps, run the way a GitHub `container:` job runs them.

Such a job runs as root in a checkout that belongs to the runner's user, and git
refuses a repository owned by someone else ("dubious ownership"). These tests
make that checkout (a clone of this project owned by another uid), take the
`run:` steps out of the workflow files as written, and run them one after the
other with the workflow's shell, stopping at the first failure as GitHub does.
A local bare repository stands in for the one on GitHub; git may use no other
(GIT_ALLOW_PROTOCOL=file), so nothing reaches the network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import PDF_CACHE, ROOT, TEST_SITE_URL

WORKFLOWS = ROOT / ".github" / "workflows"
REPOSITORY = "gceg/site"
TOKEN = "not-a-real-token"
# the only expressions steps may use in env:
EXPRESSIONS = {"${{ github.token }}": TOKEN, "${{ vars.GCEG_SITE_URL }}": TEST_SITE_URL}
SHELLS = {"bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"]}  # as GitHub runs `bash`
RUNNER_UID = 1001  # owns the checkout on GitHub's runners
TRUST = "Let git trust the checkout"
BUILD = "Build the public site as an offline preview"
REPORT = "Report what this change publishes"


def not_run_here(script: str) -> bool:
    """The test suite itself (these tests are part of it), and the audit, which needs PyPI's
    advisory data: test_the_audit_step_* run that one on its own."""
    return script.strip() == ".ci/run" or "pip-audit" in script


@dataclass
class Step:
    name: str
    script: str
    env: dict[str, str]


def shell_steps(workflow: str) -> tuple[list[str], list[Step]]:
    """The workflow's shell and its one job's `run:` steps, exactly as written."""
    data = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))
    (job,) = data["jobs"].values()
    steps = []
    for step in job["steps"]:
        if "run" not in step:
            continue  # an action (checkout, upload): GitHub's code, not ours
        assert "shell" not in step and "${{" not in step["run"], step["name"]
        env = {key: EXPRESSIONS.get(value, value) for key, value in step.get("env", {}).items()}
        assert not any("${{" in value for value in env.values()), step["name"]
        steps.append(Step(step["name"], step["run"], env))
    return SHELLS[data["defaults"]["run"]["shell"]], steps


@dataclass
class Outcome:
    ran: list[str]
    failed: str | None
    output: str


def git(where: Path, *args: str, env: dict | None = None) -> str:
    return subprocess.run(
        ["git", *args], cwd=where, capture_output=True, text=True, check=True, env=env
    ).stdout


class Job:
    """A runner's workspace: the checkout, the job's HOME, and GitHub's repository."""

    def __init__(self, base: Path):
        self.checkout = base / "workspace"
        self.home = base / "home"
        self.remote = base / "github" / "site.git"
        self.home.mkdir()
        self.remote.parent.mkdir()
        git(base, "init", "--quiet", "--bare", str(self.remote))
        clone_with_work_in_progress(self.checkout)
        git(self.checkout, "remote", "set-url", "origin", f"https://github.com/{REPOSITORY}")
        for address in (
            f"https://x-access-token:{TOKEN}@github.com/{REPOSITORY}",
            f"https://github.com/{REPOSITORY}",
        ):
            git(
                base,
                "config",
                "--file",
                str(self.home / ".gitconfig"),
                "--add",
                f"url.{self.remote.with_suffix('')}.insteadOf",
                address,
            )
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.checkout),
            "GITHUB_REPOSITORY": REPOSITORY,
            "GITHUB_REF_NAME": "v9.9",
            "GIT_CONFIG_NOSYSTEM": "1",  # the container's git has no system configuration
            "GIT_ALLOW_PROTOCOL": "file",  # local repositories only: nothing leaves the machine
            "GCEG_PDF_CACHE": str(PDF_CACHE),
            "NO_MKDOCS_2_WARNING": "1",
            "GITHUB_STEP_SUMMARY": str(base / "step-summary.md"),
        }
        self.summary = base / "step-summary.md"
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", str(RUNNER_UID), str(self.checkout)], check=True)
        else:  # only root can give a file away: git's own switch makes it see another owner
            self.env["GIT_TEST_ASSUME_DIFFERENT_OWNER"] = "1"
        # The job reuses this project's installed environment (the same lock); created after
        # the chown, so that nothing of it changes owner.
        (self.checkout / ".venv").symlink_to(ROOT / ".venv")
        up_to_date = subprocess.run(["make", "-q", "setup"], cwd=self.checkout, env=self.env)
        if up_to_date.returncode != 0:
            pytest.fail(".venv does not match requirements/lock.txt and pyproject.toml: make setup")

    def run(self, workflow: str, without: str = "", only: tuple[str, ...] = ()) -> Outcome:
        shell, steps = shell_steps(workflow)
        ran, output = [], []
        for step in steps:
            if (
                not_run_here(step.script)
                or step.name == without
                or (only and step.name not in only)
            ):
                continue
            result = subprocess.run(
                [*shell, "-c", step.script],
                cwd=self.checkout,
                env={**self.env, **step.env},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            output.append(f"--- {step.name} (exit {result.returncode})\n{result.stdout}")
            if result.returncode != 0:
                return Outcome(ran, step.name, "\n".join(output))
            ran.append(step.name)
        return Outcome(ran, None, "\n".join(output))

    def git(self, *args: str) -> str:
        """git in the checkout as its owner would run it (the test's own look, not the job's)."""
        return git(self.checkout, "-c", f"safe.directory={self.checkout}", *args, env=self.env)


def clone_with_work_in_progress(dest: Path) -> None:
    """A clone of this project's last commit, its files as they are now in the work tree."""
    git(ROOT, "clone", "--quiet", "--no-hardlinks", str(ROOT), str(dest))
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)  # times kept: make sees .venv as up to date


@pytest.fixture
def job(tmp_path) -> Job:
    return Job(tmp_path.resolve())


def step_names(workflow: str) -> list[str]:
    return [step.name for step in shell_steps(workflow)[1] if not not_run_here(step.script)]


@pytest.mark.build
def test_pull_request_steps_pass_in_a_checkout_git_does_not_own(job):
    outcome = job.run("pull-request.yml")
    assert outcome.failed is None, outcome.output
    assert outcome.ran == step_names("pull-request.yml")
    commit_day = job.git("log", "-1", "--format=%cs").strip()
    with zipfile.ZipFile(job.checkout / "dist" / "gceg-offline.zip") as bundle:
        dated = bundle.getinfo("gceg-offline/index.html").date_time[:3]
        assert not [n for n in bundle.namelist() if "members" in n and n.endswith(".html")]
        # a local build: no address, so no sitemap (it would list absolute addresses)
        assert "gceg-offline/sitemap.xml" not in bundle.namelist()
    assert "{:04d}-{:02d}-{:02d}".format(*dated) == commit_day  # dated by the commit, not 1980
    # the reviewers' report of what the change publishes is in the job summary
    assert "# " in job.summary.read_text(encoding="utf-8")


def test_pull_request_steps_fail_without_the_trust_step(job):
    outcome = job.run("pull-request.yml", without=TRUST)
    assert outcome.failed == REPORT, outcome.output  # the first step that asks git
    assert "dubious ownership" in outcome.output
    assert not list(job.checkout.glob("*site*")), "a failed build writes nothing"


@pytest.mark.build
def test_publish_steps_publish_and_push_in_a_checkout_git_does_not_own(job):
    outcome = job.run("publish.yml")
    assert outcome.failed is None, outcome.output
    assert outcome.ran == step_names("publish.yml")
    assert "first publication" in outcome.output
    published = git(job.remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert {"9.9/index.html", "latest/index.html", "versions.json", "robots.txt"} <= set(published)
    versions = json.loads(git(job.remote, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("9.9", ["latest"])]
    commit_day = job.git("log", "-1", "--format=%cs", "HEAD").strip()
    assert f"<lastmod>{commit_day}</lastmod>" in git(job.remote, "show", "gh-pages:9.9/sitemap.xml")
    # The next publication's job finds this one on GitHub and builds on it.
    job.git("branch", "-D", "gh-pages")
    again = job.run("publish.yml", only=(TRUST, "Fetch the published versions"))
    assert again.failed is None and "first publication" not in again.output, again.output
    assert job.git("rev-parse", "gh-pages") == git(job.remote, "rev-parse", "gh-pages")


def test_publish_stops_when_github_cannot_be_read(job):
    shutil.rmtree(job.remote)  # as for a token without access: ls-remote exits 128, not 2
    outcome = job.run("publish.yml")
    assert outcome.failed == "Fetch the published versions", outcome.output
    assert "first publication" not in outcome.output


def test_publish_steps_fail_without_the_trust_step(job):
    outcome = job.run("publish.yml", without=TRUST)
    assert outcome.failed == "Build and commit this version to gh-pages", outcome.output
    assert "fatal: not in a git directory" in outcome.output  # git config, as on GitHub
    assert git(job.remote, "branch", "--list") == ""


def audit_step() -> tuple[list[str], Step]:
    shell, steps = shell_steps("pull-request.yml")
    (step,) = [step for step in steps if "pip-audit" in step.script]
    return shell, step


def run_in_project(shell: list[str], step: Step, **env: str) -> subprocess.CompletedProcess:
    if subprocess.run(["make", "-q", "setup"], cwd=ROOT).returncode != 0:
        pytest.fail(".venv does not match requirements/lock.txt and pyproject.toml: make setup")
    return subprocess.run(
        [*shell, "-c", step.script],
        cwd=ROOT,
        env={**os.environ, **step.env, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_the_audit_step_passes_with_a_clear_message_where_pypi_cannot_be_reached():
    nowhere = "http://127.0.0.1:9"  # a closed port: the network is unreachable
    result = run_in_project(*audit_step(), HTTPS_PROXY=nowhere, https_proxy=nowhere)
    assert result.returncode == 0, result.stdout
    assert "::warning::pip-audit skipped: PyPI's advisory data" in result.stdout


def test_the_audit_step_finds_no_known_advisory_in_the_lock():
    result = run_in_project(*audit_step())
    if "pip-audit skipped" in result.stdout:
        pytest.skip("PyPI's advisory data cannot be reached from here")
    assert result.returncode == 0, result.stdout
    assert "No known vulnerabilities found" in result.stdout
