"""Shared fixtures: copies of the project, and sites built once per session.

Tests of the machinery run on the frozen fixture corpus (tests/fixtures/corpus/: its own
data/, docs/ and includes/, see tests/fixtures/README.md), so that a contributor's valid
change to the real content never turns them red. Tests of the real content
(tests/content/) check properties of whatever data/ and docs/ hold, never today's list."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
# What a content root holds. The corpus has the content parts only; the site's
# configuration, theme and stylesheets (machinery) always come from this checkout.
CONTENT_PARTS = ("data", "docs", "includes")
MACHINERY_PARTS = ("mkdocs.yml", "overrides", "docs/assets")
# what a copied project holds at its top: nothing else is written there
PROJECT_PARTS = tuple(sorted({part.split("/")[0] for part in CONTENT_PARTS + MACHINERY_PARTS}))


def _copy(source: Path, dest: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, dest, dirs_exist_ok=True)
    elif source.exists():
        shutil.copy2(source, dest)


def copy_project(dest: Path, content: Path = CORPUS) -> Path:
    """A working copy of a project: the content of ``content`` (the frozen corpus unless
    told otherwise; ROOT for the real content) with this checkout's site configuration.
    The code comes from the installed package."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in CONTENT_PARTS:
        _copy(content / name, dest / name)
    for name in MACHINERY_PARTS:
        _copy(ROOT / name, dest / name)
    return dest


# The address of builds that need one (the feed's absolute links, publication). A default
# build is a local build: no address, so no host at all (tests/site/test_site_address.py).
TEST_SITE_URL = "https://gceg.test/"


@functools.cache
def corpus_root() -> Path:
    """One read-only copy of the fixture corpus per test process, for the tests that
    only read a project (load it, stage it, build it); a test that edits uses ``project``."""
    folder = Path(tempfile.mkdtemp(prefix="gceg-corpus-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return copy_project(folder / "project")


# One PDF cache for the whole run: identical documents are rendered once.
PDF_CACHE = Path(os.environ.get("GCEG_TEST_PDF_CACHE", "/tmp/gceg-test-pdf-cache"))


def _run_cache() -> str:
    """The builds' caches (loads, validation, incremental pages) for this run only: every
    test project is a new folder, so its entries would never be read again, and in the
    user's cache folder (or CI's, which keeps it between runs) they would only pile up."""
    shared = os.environ.get("GCEG_TEST_SHARED")
    if shared:
        return str(Path(shared) / "cache")
    folder = tempfile.mkdtemp(prefix="gceg-test-cache-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


os.environ.setdefault("GCEG_CACHE_DIR", _run_cache())


# Every language a build makes (GCEG_LANGUAGES unset). Four languages cost a build about
# twice one (BENCHMARKS.md), so a test builds English only unless it reads the other
# languages or promises something of every byte (leaks, attacks, publication).
ALL_LANGUAGES = None


def gceg(
    root: Path,
    *args: str,
    pdf: bool = False,
    cache: Path | None = None,
    env: dict | None = None,
    languages: str | None = "en",
) -> subprocess.CompletedProcess:
    """Run the gceg command. PDFs take seconds, so only the builds that check them make them."""
    local = {
        k: v for k, v in os.environ.items() if k not in ("GCEG_SITE_URL", "GCEG_LANGUAGES")
    }  # a local build unless given
    env = {
        **local,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1700000000",
        "GCEG_PDF": "1" if pdf else "0",
        "GCEG_PDF_CACHE": str(cache or PDF_CACHE),
        **({"GCEG_LANGUAGES": languages} if languages else {}),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )


def build(
    root: Path,
    site_dir: Path,
    audience: str = "public",
    pdf: bool = False,
    cache: Path | None = None,
    site_url: str | None = None,
    languages: str | None = "en",
) -> Path:
    result = gceg(
        root,
        "build",
        "--audience",
        audience,
        "--site-dir",
        str(site_dir),
        pdf=pdf,
        cache=cache,
        env={"GCEG_SITE_URL": site_url} if site_url else None,
        languages=languages,
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


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """A lock on a file held by one process at a time (flock: the standard library's, as
    the tests run on Linux; pytest-xdist's workers are processes)."""
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def made_once(request, tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name``, made by ``make`` once per test run. Under pytest-xdist each
    worker has its own session, so a session fixture would be made once per worker: the
    first worker to ask makes it in the run's shared folder while the others wait (the
    pattern pytest-xdist's documentation gives for session fixtures). A folder left by a
    failed making is made again."""
    base = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker
        base = base.parent  # the run's folder, above every worker's own
    # `make test`'s two runs share one folder (GCEG_TEST_SHARED), so the run of the tests
    # marked ``alone`` reads the sites the parallel run built
    base = Path(os.environ.get("GCEG_TEST_SHARED") or base)
    folder, done = base / f"made-once-{name}", base / f"made-once-{name}.done"
    with _exclusive(base / f"made-once-{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def public_site(request, tmp_path_factory) -> Path:
    """The fixture corpus's public site."""

    def make(folder: Path) -> None:
        build(corpus_root(), folder / "site", "public", pdf=True, languages=ALL_LANGUAGES)

    return made_once(request, tmp_path_factory, "public", make) / "site"


@pytest.fixture(scope="session")
def members_site(request, tmp_path_factory) -> Path:
    """The fixture corpus's members' site."""

    def make(folder: Path) -> None:
        build(corpus_root(), folder / "site-members", "members", pdf=True, languages=ALL_LANGUAGES)

    return made_once(request, tmp_path_factory, "members", make) / "site-members"


@pytest.fixture(scope="session")
def addressed_site(request, tmp_path_factory) -> Path:
    """The public site built with a site address, for the outputs that then carry it."""

    def make(folder: Path) -> None:
        build(corpus_root(), folder / "site", site_url=TEST_SITE_URL)

    return made_once(request, tmp_path_factory, "addressed", make) / "site"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


@pytest.fixture(scope="session")
def published(request, tmp_path_factory):
    """A project in its own git repository, published as 1.0 then, after a change, 2.0;
    with what 1.0's gh-pages tree held (path -> blob)."""
    os.environ.update(GIT_IDENTITY)  # commits in this process too
    folder = made_once(request, tmp_path_factory, "published", _publish_two_versions)
    first = json.loads((folder / "first.json").read_text(encoding="utf-8"))
    return folder / "project", first


def _publish_two_versions(folder: Path) -> None:
    root = copy_project(folder / "project")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first edition of the site")
    # GCEG_RELEASE=0: publish although the catalogues leave strings untranslated (the
    # check itself: tests/site/test_languages.py)
    address = {"GCEG_SITE_URL": TEST_SITE_URL, "GCEG_RELEASE": "0"}
    result = gceg(root, "publish", "--version", "1.0", env=address, languages=ALL_LANGUAGES)
    assert result.returncode == 0, result.stderr
    first = {
        line.split()[3]: line.split()[2]
        for line in git(root, "ls-tree", "-r", "gh-pages", "1.0").splitlines()
    }
    (folder / "first.json").write_text(json.dumps(first), encoding="utf-8")
    text = root / "docs/strategy/strategy-paper-example/0.2.md"
    text.write_text(text.read_text() + "\nA sentence added for version 2.0.\n")
    git(root, "commit", "-qam", "second edition of the site")
    result = gceg(root, "publish", "--version", "2.0", env=address, languages=ALL_LANGUAGES)
    assert result.returncode == 0, result.stderr


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (`--dist loadgroup`, Makefile) every worker has its own sessions
    and modules, so a fixture is made once per worker that needs it. The tests of a module
    with a module-scoped fixture of its own (a site built for that module) run on one worker,
    so that site is built once; the session's sites are shared otherwise (``made_once``)."""
    for item in items:
        definitions = getattr(item, "_fixtureinfo", None)
        if definitions is None:
            continue
        for name in item.fixturenames:
            for definition in definitions.name2fixturedefs.get(name, ()):
                if definition.scope == "module" and definition.baseid == item.nodeid.split("::")[0]:
                    item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
                    break
