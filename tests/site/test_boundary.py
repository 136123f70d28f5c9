"""The audience boundary is a folder, not a hook: the engine is given only the pages an
audience may see, so even a build that skips this project's plugin cannot publish more."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.audience import Audience, restrict
from macros.exports.search_index import index_site
from macros.model.vocab import Classification
from macros.rules import load
from tests.conftest import ROOT, corpus_root, gceg
from tests.helpers import site_bytes


class _Loader(yaml.SafeLoader):
    pass


# !ENV [NAME, default] -> the default, and !ENV NAME -> None, as a plain run without the
# variables set reads them
_Loader.add_constructor(
    "!ENV",
    lambda loader, node: (
        loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
    ),
)


def _canaries() -> list[str]:
    """Text that only restricted pages hold: their lines, as an engine without this
    project's plugin publishes them. (A restricted record's title and number reach a page
    only through the plugin: the canaries of tests/site/test_audience.py follow them.)"""
    everything = load(corpus_root())
    public = restrict(everything, Audience.PUBLIC)
    found = []
    shared = "\n".join(page.body for page in public.pages.values())
    for src, page in everything.pages.items():
        if src not in public.pages:  # its lines, less those a public page says too
            found += [
                line.strip()
                for line in page.body.splitlines()
                if len(line.strip()) > 30 and line.strip() not in shared
            ]
    assert found, "the project should hold restricted material for this test to mean anything"
    return found


def _plain_mkdocs(docs: Path, out: Path) -> Path:
    """mkdocs.yml with this project's plugin removed, run on ``docs``: what any engine
    or plugin order that skips the macros hook would publish."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    config["plugins"] = [
        p
        for p in config["plugins"]
        if not (isinstance(p, dict) and "macros" in p) and p != "macros"
    ]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "macros.render.snippets" in extension:
            extension["macros.render.snippets"]["base_path"] = [str(corpus_root() / "includes")]
    config.update(docs_dir=str(docs), site_dir=str(out), strict=False, nav=None, watch=[])
    config_file = out.parent / "plain-mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file()
    return out


def _leaks(site: Path, canaries: list[str]) -> list[str]:
    """Canaries in any byte of the site, Pagefind's compressed index files inflated."""
    everything = b"".join(site_bytes(p) for p in sorted(site.rglob("*")) if p.is_file())
    return [c for c in canaries if c.encode() in everything]


@pytest.fixture(scope="module")
def canaries() -> list[str]:
    return _canaries()


def test_plain_mkdocs_on_the_public_tree_publishes_no_restricted_byte(tmp_path, canaries):
    staged = tmp_path / "docs"
    result = gceg(corpus_root(), "stage", "--audience", "public", str(staged))
    assert result.returncode == 0, result.stderr
    site = _plain_mkdocs(staged, tmp_path / "site")
    assert index_site(site) is None  # and a search index of all it published
    assert _leaks(site, canaries) == []


def test_the_same_run_on_the_whole_docs_folder_would_leak(tmp_path, canaries):
    # the control: without the staged tree, a build that skips the hook publishes them,
    # in its pages and in the search index made from them
    site = _plain_mkdocs(corpus_root() / "docs", tmp_path / "site")
    assert index_site(site) is None
    # every canary, so that none of them is one the test above could never find
    assert _leaks(site, canaries) == canaries
    index = tmp_path / "index-only"
    shutil.copytree(site / "pagefind", index)
    assert _leaks(index, canaries), "the inflated index files should show the leak too"


def test_the_members_tree_holds_members_pages_and_no_red(tmp_path):
    staged = tmp_path / "docs"
    assert gceg(corpus_root(), "stage", "--audience", "members", str(staged)).returncode == 0
    everything = load(corpus_root())
    members = restrict(everything, Audience.MEMBERS)
    pages = sorted(str(p.relative_to(staged)) for p in staged.rglob("*.md"))
    assert pages == sorted(members.pages)
    # the stage agrees with the filter; and the filter leaves out what the corpus marks RED
    red = {
        src for src, page in everything.pages.items() if page.classification is Classification.RED
    }
    assert red, "the corpus should hold pages marked TLP:RED for this test to mean anything"
    assert not red & set(pages)
    assert not any(p.is_symlink() for p in staged.rglob("*"))


def test_stage_refuses_an_existing_folder(tmp_path):
    result = gceg(corpus_root(), "stage", str(tmp_path))
    assert result.returncode == 1
    assert "exists" in result.stderr
