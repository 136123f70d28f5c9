"""The versioned layout mike writes to gh-pages (/<version>/, /latest/ a copy, the root
forwarding to it), served by the public configuration unchanged."""

from __future__ import annotations

import io
import subprocess
import tarfile

import pytest

from macros.tools.serving import nginx
from tests.conftest import ROOT
from tests.serving.client import Client
from tests.serving.test_public import LONG, SHORT, TYPES, assert_public_headers


@pytest.fixture(scope="module")
def gh_pages(serving_tools, published, tmp_path_factory):
    """The gh-pages branch as a deployment checks it out (mike copies, no links)."""
    root, _ = published
    archive = subprocess.run(
        ["git", "archive", "gh-pages"], cwd=root, capture_output=True, check=True
    ).stdout
    site = tmp_path_factory.mktemp("gh-pages") / "site"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(site, filter="data")
    assert {"1.0", "2.0", "latest", "versions.json"} <= {p.name for p in site.iterdir()}
    return site


@pytest.fixture(scope="module")
def versions(gh_pages):
    with nginx.start(ROOT, gh_pages, "public") as server:
        client = Client(server.port, server.certificate)
        yield client
        client.close()


def test_the_root_forwards_to_the_latest_version(versions):
    # mike's own root page forwards with an inline script, which the site's policy refuses
    answer = versions.get("/")
    assert answer.status == 302 and answer.header("Location") == "/latest/"
    assert_public_headers(answer, "/")


@pytest.mark.parametrize("version", ["1.0", "2.0", "latest"])
def test_each_version_is_served_whole(gh_pages, versions, version):
    for path in ("", "strategy/strategy-paper-example/", "feeds/publications.atom"):
        answer = versions.get(f"/{version}/{path}")
        assert answer.status == 200, path
        assert answer.header("Cache-Control") == SHORT
        assert_public_headers(answer, path)
    (bundle,) = (gh_pages / version / "assets/javascripts").glob("bundle.*.min.js")
    answer = versions.get(f"/{version}/assets/javascripts/{bundle.name}")
    assert answer.status == 200 and answer.header("Cache-Control") == LONG
    assert_public_headers(answer, bundle.name)


def test_the_selector_and_the_robots_file_are_served(gh_pages, versions):
    answer = versions.get("/versions.json")
    assert answer.status == 200 and answer.header("Content-Type") == TYPES[".json"]
    assert answer.body == (gh_pages / "versions.json").read_bytes()
    assert versions.get("/robots.txt").body == (gh_pages / "robots.txt").read_bytes()


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/1.0/no-such-page/", "1.0/404.html"),
        ("/latest/no-such-page/", "latest/404.html"),
        ("/no-such-page/", "latest/404.html"),  # the root has none of its own
    ],
)
def test_a_missing_page_gets_its_versions_404(gh_pages, versions, path, page):
    answer = versions.get(path)
    assert answer.status == 404
    assert answer.body == (gh_pages / page).read_bytes()
    assert_public_headers(answer, path)
