"""`pip install .` (not editable) gives a working `gceg`: the wheel holds all of macros/.

The wheel is built from a copy of the sources without build isolation (nothing is
downloaded; an in-tree build would leave build/ and *.egg-info behind) and installed
with --no-deps into a new venv. That venv reaches the locked dependencies through a
.pth line naming this project's site-packages: offline and quick, and the wheel's
`macros` is the one imported, since a .pth line adds a folder without running the
.pth files in it (so not the editable install's, which points at this checkout).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PDF_CACHE, ROOT, copy_project

PIP = ["-m", "pip", "--disable-pip-version-check", "--no-input"]
SETUPTOOLS_WARNINGS = (
    "BuildBackendWarning",
    "SetuptoolsWarning",
    "SetuptoolsDeprecationWarning",
    "InformationOnly",
    "Editable installation",
)


def run(*command, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def source_copy(dest: Path) -> Path:
    dest.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("*.pyc"))
    return dest


def new_venv(path: Path) -> Path:
    """A new venv that finds the locked dependencies in this project's site-packages."""
    run(sys.executable, "-m", "venv", "--without-pip", path)  # pip, setuptools: the locked ones
    python = path / "bin" / "python"
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    Path(site.stdout.strip(), "locked-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    return python


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    run(
        sys.executable,
        *PIP,
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "--wheel-dir",
        base / "dist",
        source_copy(base / "source"),
    )
    (built,) = (base / "dist").glob("gceg_site-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    python = new_venv(tmp_path_factory.mktemp("venv") / "venv")
    run(python, *PIP, "install", "--no-deps", "--no-index", wheel)
    return python.parent


def test_every_file_of_macros_is_in_the_wheel(wheel):
    expected = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "macros").rglob("*")
        if path.is_file() and path.suffix != ".pyc" and "__pycache__" not in path.parts
    }
    names = set(zipfile.ZipFile(wheel).namelist())
    assert expected - names == set()
    assert {name.split("/")[0] for name in names} == {"macros", "gceg_site-0.1.0.dist-info"}
    assert "gceg_site-0.1.0.dist-info/licenses/LICENSE" in names


def test_the_wheel_states_its_licence(wheel):
    metadata = zipfile.ZipFile(wheel).read("gceg_site-0.1.0.dist-info/METADATA").decode()
    assert "License-Expression: Apache-2.0" in metadata.splitlines()


@pytest.mark.build
def test_the_installed_package_validates_and_builds_the_site(installed, tmp_path):
    code = "import macros; print(macros.__file__)"
    imported = run(installed / "python", "-c", code, cwd=tmp_path)  # not this checkout's
    assert Path(imported.stdout.strip()).is_relative_to(installed.parent)
    project = copy_project(tmp_path / "project")  # content only: the code is the wheel's
    for name in ("package.json", "package-lock.json"):  # the fonts the PDFs embed (npm ci)
        shutil.copy2(ROOT / name, project / name)
    assert "OK:" in run(installed / "gceg", "validate", cwd=project).stdout
    run(
        installed / "gceg",
        "build",
        "--site-dir",
        tmp_path / "site",
        cwd=project,
        SOURCE_DATE_EPOCH="1700000000",
        GCEG_PDF="1",
        GCEG_PDF_CACHE=str(PDF_CACHE),
    )
    assert (tmp_path / "site" / "index.html").is_file()
    assert list((tmp_path / "site").rglob("*.pdf")), "the PDFs use macros/exports/pdf/templates"


def test_an_editable_install_gives_no_setuptools_warning(tmp_path):
    """What `make setup` runs, in a new venv: setuptools has nothing to warn about."""
    python = new_venv(tmp_path / "venv")
    result = run(
        python,
        *PIP,
        "install",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-e",
        source_copy(tmp_path / "source"),
    )
    output = result.stdout + result.stderr
    assert not [word for word in SETUPTOOLS_WARNINGS if word in output], output
