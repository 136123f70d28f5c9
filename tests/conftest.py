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
    root: Path, *args: str, pdf: bool = False, cache: Path | None = None
) -> subprocess.CompletedProcess:
    """Run the gceg command. PDFs take seconds, so only the builds that check them make them."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000",
               GCEG_PDF="1" if pdf else "0", GCEG_PDF_CACHE=str(cache or PDF_CACHE))  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", *args],
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
