"""Shared fixtures: copies of the project, and the real site built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "overrides", "includes")


def copy_project(dest: Path) -> Path:
    """A working copy of the project's content (the code comes from the installed package)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.exists():
            shutil.copy2(source, dest / name)
    return dest


# One PDF cache for the whole run: identical documents are rendered once.
PDF_CACHE = Path(os.environ.get("GCEG_TEST_PDF_CACHE", "/tmp/gceg-test-pdf-cache"))


def gceg(
    root: Path, *args: str, pdf: bool = False, cache: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run the gceg command. PDFs take seconds, so only the builds that check them make them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "GCEG_PDF": "1" if pdf else "0", "GCEG_PDF_CACHE": str(cache or PDF_CACHE),
           **(env or {})}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )


def build(root: Path, site_dir: Path, audience: str = "public", pdf: bool = False,
          cache: Path | None = None) -> Path:  # fmt: skip
    result = gceg(
        root, "build", "--audience", audience, "--site-dir", str(site_dir), pdf=pdf, cache=cache
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def html(site: Path, page: str) -> BeautifulSoup:
    """A built page, parsed: ``page`` is its URL path, e.g. ``meetings/2015-first-meeting/``."""
    path = site / page / "index.html" if not page.endswith(".html") else site / page
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text_of(soup: BeautifulSoup) -> str:
    """The readable text of a page's article, whitespace collapsed."""
    article = soup.select_one("article") or soup
    return " ".join(article.get_text(" ", strip=True).split())


@pytest.fixture(scope="session")
def public_site(tmp_path_factory) -> Path:
    return build(ROOT, tmp_path_factory.mktemp("public") / "site", "public", pdf=True)


@pytest.fixture(scope="session")
def members_site(tmp_path_factory) -> Path:
    return build(ROOT, tmp_path_factory.mktemp("members") / "site-members", "members", pdf=True)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """A project in its own git repository, published as 1.0 then, after a change, 2.0."""
    root = copy_project(tmp_path_factory.mktemp("publish") / "project")
    env = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    os.environ.update(env)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first edition of the site")
    assert gceg(root, "publish", "--version", "1.0").returncode == 0
    first = {line.split()[3]: line.split()[2] for line in git(root, "ls-tree", "-r", "gh-pages", "1.0").splitlines()}  # fmt: skip
    text = root / "docs/strategy/strategy-paper-example/0.2.md"
    text.write_text(text.read_text() + "\nA sentence added for version 2.0.\n")
    git(root, "commit", "-qam", "second edition of the site")
    result = gceg(root, "publish", "--version", "2.0")
    assert result.returncode == 0, result.stderr
    return root, first
