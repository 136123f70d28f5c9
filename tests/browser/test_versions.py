"""Archived versions, served as GitHub Pages would serve the gh-pages branch."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import git


@pytest.fixture(scope="module")
def versions_url(published, serve, tmp_path_factory) -> str:
    root, _ = published
    folder = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(
        ["git", "archive", "gh-pages"], cwd=root, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    assert git(root, "show", "gh-pages:versions.json")
    return serve(folder)


def test_version_selector_lists_every_version(new_page, versions_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(versions_url)  # the root forwards to the latest version
    page.wait_for_url("**/latest/")
    selector = page.locator(".md-version")
    selector.wait_for()
    current = " ".join(selector.locator(".md-version__current").inner_text().split())
    assert current.startswith("2.0") and "latest" in current
    selector.hover()
    items = [
        " ".join(text.split()) for text in selector.locator(".md-version__link").all_inner_texts()
    ]
    assert [re.match(r"\d+\.\d+", item).group(0) for item in items] == ["2.0", "1.0"]
    # the notice is on the page, hidden: is_visible() alone is False for one that is not there
    outdated = page.locator("[data-md-component=outdated]")
    assert outdated.count() == 1 and not outdated.is_visible()
    assert [u for u in recorder.requests if not u.startswith(versions_url)] == []
    assert recorder.errors == []
    assert recorder.violations == []


def test_an_archived_version_points_to_the_latest(new_page, versions_url):
    page, recorder = new_page(viewport={"width": 1280, "height": 900})
    page.goto(versions_url + "1.0/meetings/2015-first-meeting/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "This is an archived edition of the site." in banner.inner_text()
    banner.get_by_role("link", name="Go to the latest edition.").click()
    page.wait_for_load_state()
    assert page.url.startswith(versions_url + "latest/")
    assert recorder.errors == []
    assert recorder.violations == []
