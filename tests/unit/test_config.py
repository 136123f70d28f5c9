"""The build's settings come from the environment variables the docs name, read in one place."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from macros.config import BuildConfig

PACKAGE = Path(__file__).resolve().parents[2] / "macros"
READERS = ("os.environ.get", "os.getenv", "os.environ.setdefault", "os.environ.pop")


@pytest.mark.parametrize(
    ("environ", "field", "value"),
    [
        ({}, "pdf", True),
        ({"GCEG_PDF": "0"}, "pdf", False),
        ({"GCEG_PDF": "no"}, "pdf", True),  # only "0" turns them off
        ({}, "pdf_cache", None),
        ({"GCEG_PDF_CACHE": ""}, "pdf_cache", None),
        ({"GCEG_PDF_CACHE": "/x/pdf"}, "pdf_cache", Path("/x/pdf")),
        ({"GCEG_CACHE": "0"}, "load_cache", False),
        ({"GCEG_CACHE_DIR": "/a", "XDG_CACHE_HOME": "/b"}, "cache_base", Path("/a")),
        ({"XDG_CACHE_HOME": "/b"}, "cache_base", Path("/b")),
        ({"GCEG_CACHE_DIR": "", "XDG_CACHE_HOME": ""}, "cache_base", Path.home() / ".cache"),
        ({"GCEG_PREVIEW": "1"}, "preview", True),
        ({"GCEG_PREVIEW": "true"}, "preview", False),
        ({"MIKE_DOCS_VERSION": "1.0"}, "versioned", True),
        ({"GCEG_DUMP_MARKDOWN": "/d"}, "dump_markdown", Path("/d")),
        ({"GCEG_MATERIAL_INDEX": "/m"}, "material_index", Path("/m")),
        ({}, "material_index", None),
        ({"GCEG_DEBUG": "1"}, "debug", True),
        ({"SOURCE_DATE_EPOCH": "1700000000"}, "source_date_epoch", "1700000000"),
        ({"GIT_DIR": ""}, "git_dir", True),
        ({}, "git_dir", False),
    ],
)
def test_each_variable_sets_its_field(environ, field, value):
    assert getattr(BuildConfig.from_environment(environ), field) == value


def test_the_configuration_cannot_change_once_made():
    config = BuildConfig.from_environment({})
    with pytest.raises(AttributeError):
        config.pdf = False


def test_no_other_module_reads_the_environment():
    """Writing it (for fontconfig, for the MkDocs run) is allowed; reading is config.py's."""
    readers = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "config.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in READERS:
                readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if isinstance(node, ast.Compare) and "os.environ" in ast.unparse(node):
                readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            # os.environ["NAME"] read (a write is Store); handing the whole environment to
            # a child process (dict(os.environ, ...), os.environ.items()) reads no name
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.ctx, ast.Load)
                and ast.unparse(node.value) == "os.environ"
            ):
                readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            # from os import environ, getenv: the calls above would then go unseen
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "os"
                and {alias.name for alias in node.names} & {"environ", "getenv"}
            ):
                readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert readers == []
