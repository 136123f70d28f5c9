"""The offline bundle works from file://: pages, links, search, PDFs, and nothing from a host."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import ALL_LANGUAGES, corpus_root, gceg


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    result = gceg(
        corpus_root(),
        "offline",
        "--output",
        str(folder / "gceg-offline.zip"),
        pdf=True,
        languages=ALL_LANGUAGES,
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(folder / "gceg-offline.zip") as archive:
        archive.extractall(folder)
    return folder / "gceg-offline"


def test_bundle_is_a_complete_site(bundle):
    for part in (
        "index.html",
        "meetings/2015-first-meeting.html",
        "search/search_index.js",
        "assets/javascripts/gceg-iframe-worker.js",
        "pdf/gceg-compendium.pdf",
        "api/v1/meetings.json",
    ):
        assert (bundle / part).is_file(), part
    # Material's search, which reads its index from disk; Pagefind fetches, which file:// cannot
    assert not (bundle / "pagefind").exists()
    assert "gceg-search.js" not in (bundle / "index.html").read_text(encoding="utf-8")


def test_bundle_reads_from_disk_and_searches(bundle, new_page):
    page, recorder = new_page()
    page.goto((bundle / "index.html").as_uri())
    page.get_by_role(
        "link", name="First meeting of the INTERPOL Global Cybercrime Expert Group"
    ).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("meetings/2015-first-meeting.html")
    assert "around 80 experts from some 30 countries" in page.inner_text("article")
    page.locator("input[data-md-component=search-query]").click()
    page.keyboard.type("Nakatani")
    page.wait_for_selector(".md-search-result__item")
    results = page.locator(".md-search-result__item").all_inner_texts()
    assert any("Noboru Nakatani" in text for text in results)
    pdf = page.locator("a.gceg-pdf").get_attribute("href")
    assert (Path(page.url.removeprefix("file://")).parent / pdf).resolve().is_file()
    assert recorder.foreign(("file://",)) == []
    assert recorder.errors == []
    assert recorder.violations == []
