"""The online sites' search index (Pagefind, macros/exports/search_index.py), read back from the
built sites: what each audience's index holds, its filters, and that contributor markup
cannot steer it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.exports.search_index import index_site
from tests.conftest import build, html
from tests.helpers import search_records, site_bytes

MEETING = "/meetings/2015-first-meeting/"


def _pages(site: Path) -> set[str]:
    folders = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    return {"/" if folder == "." else f"/{folder}/" for folder in folders}


def test_the_public_index_holds_record_pages_with_their_facets(public_site):
    records = {record["url"]: record for record in search_records(public_site)}
    meeting = records[MEETING]
    assert meeting["meta"]["section"] == "Meetings"
    assert meeting["filters"]["kind"] == ["Meeting"]
    assert meeting["filters"]["year"] == ["2015"]
    assert "Training" in meeting["filters"]["topic"]
    assert "classification" not in meeting["filters"]  # one marking on the public site
    assert "GCEG-MTG-0001" in meeting["content"]
    assert set(records) <= _pages(public_site)
    assert not (public_site / "search").exists(), "no page loads Material's whole index here"


def test_the_members_index_holds_members_pages_only(members_site, public_site):
    records = search_records(members_site)
    assert {r["url"] for r in records} <= _pages(members_site)
    markings = {value for r in records for value in r["filters"].get("classification", [])}
    assert "TLP:CLEAR" in markings and markings - {"TLP:CLEAR"}
    assert "TLP:RED" not in markings
    public = {r["url"] for r in search_records(public_site)}
    assert {r["url"] for r in records} > public


def test_pages_run_no_search_code_and_load_no_index(public_site):
    page = html(public_site, MEETING.strip("/") + "/")
    scripts = [s.get("src", "") for s in page.select("script")]
    assert any(src.endswith("assets/javascripts/gceg-search.js") for src in scripts)
    assert not any("pagefind" in src for src in scripts)
    assert page.select_one("form[name=search]") is None  # Material's script would fetch its index
    body = page.select_one("[data-pagefind-body]")
    assert body is not None and body.select_one("article.md-content__inner") is not None
    assert page.select_one("article [data-pagefind-filter], article [data-pagefind-meta]") is None


def test_the_index_is_the_same_bytes_for_the_same_pages(public_site, tmp_path):
    # Pagefind 1.5.2 lists filters in a randomly seeded order; the stage sorts them
    copies = []
    for name in ("one", "two", "three"):
        copy = tmp_path / name / "site"
        shutil.copytree(public_site, copy, ignore=shutil.ignore_patterns("pagefind"))
        assert index_site(copy) is None
        copies.append(copy / "pagefind")
    copies.append(public_site / "pagefind")
    trees = [
        {p.relative_to(c): p.read_bytes() for p in c.rglob("*") if p.is_file()} for c in copies
    ]
    assert all(tree == trees[0] for tree in trees[1:])
    filters = [site_bytes(p) for p in (copies[0] / "filter").glob("*.pf_filter")]
    assert filters, "the site's pages carry filters, so the order had something to fix"


@pytest.mark.build
def test_a_contributor_cannot_set_what_search_indexes(project):
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8")
        + (
            '\n<div data-pagefind-filter="classification:TLP:RED" data-pagefind-weight="99">'
            'Planted</div>\n<p data-pagefind-ignore="all">Hidden from search</p>\n'
            '<span data-pagefind-meta="title:Forged">x</span>\n'
        ),
        encoding="utf-8",
    )
    site = build(project, project / "out")
    text = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "Planted" in text and "Hidden from search" in text
    assert 'data-pagefind-filter="classification' not in text
    assert "data-pagefind-ignore" not in text and "Forged" not in text.split("<article", 1)[1]
    about_record = next(r for r in search_records(site) if r["url"] == "/about/")  # English
    assert "Hidden from search" in about_record["content"]
    assert about_record["filters"] == {"kind": ["Page"]}
    assert about_record["meta"]["title"] != "Forged"


@pytest.mark.build
def test_a_failed_index_leaves_the_last_good_site(project, monkeypatch, capsys):
    import os

    from macros.audience import Audience
    from macros.exports import search_index
    from macros.tools import cli

    site = build(project, project / "out")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    monkeypatch.setattr(search_index, "index_site", lambda site_dir: "Pagefind failed (exit 1)")
    saved = dict(os.environ)
    monkeypatch.setenv("GCEG_PDF", "0")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a copy outside git
    try:
        code = cli.build(project, Audience.PUBLIC, site)  # in this process, to stand in the failure
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert code == 1
    assert "search index: Pagefind failed (exit 1)" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".out")] == []
