"""The check of the finished output in the real build: a page that gets past the checks
on its source, but whose built HTML would let a browser run, fetch or link what it
must not, fails the build naming the page; and the real site passes, every output."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.verify import csp, verify_site
from tests.conftest import corpus_root, gceg

HOSTILE = {
    # (what is added to docs/about.md, the field the build names)
    "title from a heading, entity-encoded markup": (
        "# About the group &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "title",
    ),
    "attribute list id the theme reads": ("\nA paragraph.\n{: #__config }\n", "p.id"),
    "raw HTML name the theme reads": ('\n<p><a name="__search">x</a></p>\n', "a.name"),
    "raw link to a members-only page": (
        '\n<p><a href="../strategy/members-paper-example/">the paper</a></p>\n',
        "a.href",
    ),
    "image path with a backslash": (
        '\n<p><img src="/\\evil.example/x.png" alt="x"></p>\n',
        "img.src",
    ),
    "remote image as a later srcset candidate": (
        '\n<picture><source srcset="../assets/images/emblem.svg 1x, //evil.example/x.png 2x">'
        '<img src="../assets/images/emblem.svg" alt="x"></picture>\n',
        "source.srcset",
    ),
}


@pytest.mark.build
@pytest.mark.parametrize(("added", "field"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_page_fails_the_build_naming_it(project, added, field):
    about = project / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    if added.startswith("# "):  # the page takes its title from its heading
        text = text.replace("title: About the group\n", "").replace("# About the group", added)
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("  - About: about.md", "  - about.md"))
    else:
        text += added
    about.write_text(text, encoding="utf-8")
    result = gceg(project, "build", "--audience", "public", "--site-dir", str(project / "out"))
    assert result.returncode == 1, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("docs/about.md:")]
    # Earlier layers may stop it first, naming the page and line in their own words (a link
    # checked at validation, the HTML check after Markdown); the verifier's own finding for
    # each case is in tests/unit/test_verify.py.
    earlier = (": (link): ", ": (html): ", "would carry active content")
    assert any(f": {field}: " in line or any(e in line for e in earlier) for line in lines) or (
        "docs/about.md" in result.stderr and "active content" in result.stderr
    ), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not (project / "out").exists(), "a failed build leaves nothing"
    assert [p.name for p in project.iterdir() if p.name.startswith(".out")] == []


def _policies(site: Path) -> set[str]:
    found = set()
    for page in site.rglob("*.html"):
        head = LexborHTMLParser(page.read_text(encoding="utf-8")).head
        first = head.css_first("meta")
        found.add(first.attributes.get("content") if first is not None else None)
    return found


@pytest.mark.build
def test_the_public_site_passes_and_carries_the_policy(public_site):
    assert verify_site(corpus_root(), public_site, "https://gceg.test/") == []
    assert _policies(public_site) == {csp.POLICY}


@pytest.mark.build
def test_the_members_site_passes_and_carries_the_policy(members_site):
    assert verify_site(corpus_root(), members_site, "https://gceg.test/") == []
    assert _policies(members_site) == {csp.POLICY}


@pytest.mark.build
def test_the_offline_bundle_passes_and_carries_the_policy(tmp_path):
    result = gceg(corpus_root(), "offline", "--output", str(tmp_path / "bundle.zip"))
    assert result.returncode == 0, result.stderr[-2000:]
    with zipfile.ZipFile(tmp_path / "bundle.zip") as archive:
        archive.extractall(tmp_path)
    bundle = tmp_path / "bundle"
    assert verify_site(corpus_root(), bundle, "https://gceg.test/") == []
    assert _policies(bundle) == {csp.POLICY}
    pages = [p.read_text(encoding="utf-8") for p in bundle.rglob("*.html")]
    assert not any("<script>" in page or "unpkg.com" in page for page in pages)


@pytest.mark.build
def test_a_page_checked_before_is_checked_again_when_a_script_it_loads_changes(
    public_site, tmp_path, monkeypatch
):
    """The check keeps each page's findings by its bytes (verify.CheckedPages): a page the
    same as before, whose theme script was swapped for another, must not pass on memory."""
    monkeypatch.setenv("GCEG_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    shutil.copytree(public_site, site)
    root = corpus_root()
    assert verify_site(root, site, "/") == []
    assert (tmp_path / "cache").exists()  # the findings were kept
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js"))
    bundle.write_text(bundle.read_text(encoding="utf-8") + "\nfetch('//evil.example/');\n")
    problems = verify_site(root, site, "/")
    assert any("is not one of the theme's scripts" in p.message for p in problems)
    assert len({p.path for p in problems}) > 10  # every page that loads it, not one
