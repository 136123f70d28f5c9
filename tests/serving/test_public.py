"""The public site behind nginx: every file with its type, compressed copies where the
client takes them, cache lifetimes by how files change, the site's 404 and redirects."""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

import brotli
import pytest

from macros.tools.serving.nginx import brotli_available
from macros.tools.serving.precompress import SMALLEST, TEXT
from macros.verify.csp import POLICY
from tests.serving.client import site_files, url_path

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".xml": "text/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".bib": "application/x-bibtex; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".gz": "application/gzip",
    **dict.fromkeys(
        [".pagefind", ".pf_fragment", ".pf_filter", ".pf_index", ".pf_meta"],
        "application/octet-stream",
    ),
}
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=63072000",
    "Content-Security-Policy": POLICY,
}
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$")
LONG, SHORT = "public, max-age=31536000, immutable", "public, max-age=300"


def assert_public_headers(answer, where: str) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert answer.header(name) == value, f"{where}: {name} is {answer.header(name)!r}"
    assert answer.header("X-Robots-Tag") is None, where  # the public site is to be found
    assert "no-store" not in (answer.header("Cache-Control") or ""), where


def test_every_file_is_served_with_its_type_and_cache_lifetime(public_site, public):
    files = site_files(public_site)
    kinds = {f.suffix for f in files}
    assert {".pdf", ".atom", ".bib", ".json", ".html"} <= kinds
    assert kinds <= set(TYPES), f"no expected type for {kinds - set(TYPES)}"
    for relative in files:
        answer = public.get(url_path(relative))
        assert answer.status == 200, relative
        assert answer.body == (public_site / relative).read_bytes(), relative
        assert answer.header("Content-Type") == TYPES[relative.suffix], relative
        assert answer.header("Content-Encoding") is None, relative
        expected = LONG if HASHED.search(relative.name) else SHORT
        assert answer.header("Cache-Control") == expected, relative
        assert_public_headers(answer, str(relative))
    assert any(HASHED.search(f.name) for f in files), "no content-hashed asset to check"


def test_pages_are_served_at_their_addresses(public_site, public):
    for relative in site_files(public_site):
        if relative.name == "index.html" and relative.parent != Path("."):
            folder = url_path(relative.parent) + "/"
            answer = public.get(folder)
            assert answer.status == 200, folder
            bare = public.get(folder.rstrip("/"))  # the folder without its slash
            assert bare.status == 301 and bare.header("Location") == folder, folder


ENCODINGS = {"gzip": gzip.decompress, "br": brotli.decompress}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_text_is_sent_compressed_to_a_client_that_takes_it(public_site, public, encoding):
    if encoding == "br" and not brotli_available():
        pytest.skip(
            "nginx's brotli modules are not installed: apt-get install -y "
            "libnginx-mod-http-brotli-static libnginx-mod-http-brotli-filter"
        )
    compressed = 0
    for relative in site_files(public_site):
        original = (public_site / relative).read_bytes()
        answer = public.get(url_path(relative), Accept_Encoding=encoding)
        assert answer.status == 200, relative
        if relative.suffix not in TEXT:
            assert answer.header("Content-Encoding") is None, relative  # PDFs, images
            assert answer.body == original
            continue
        assert answer.header("Vary") == "Accept-Encoding", relative
        assert_public_headers(answer, str(relative))
        if len(original) < SMALLEST:
            continue  # no copy; nginx may compress it on the fly
        assert answer.header("Content-Encoding") == encoding, relative
        assert ENCODINGS[encoding](answer.body) == original, relative
        # the precompressed copy, sent as it is (a compressed-on-the-fly answer has no length)
        assert answer.header("Content-Length") == str(len(answer.body)), relative
        compressed += 1
    assert compressed > 20


@pytest.mark.parametrize(
    "path",
    ["/no-such-page/", "/strategy/no-such-paper/", "/x.pdf", "/assets/javascripts/missing.js"],
)
def test_a_missing_page_is_the_sites_404(public_site, public, path):
    answer = public.get(path)
    assert answer.status == 404
    assert answer.body == (public_site / "404.html").read_bytes()
    assert answer.header("Content-Type") == TYPES[".html"]
    assert_public_headers(answer, path)


def test_the_builds_redirects_lead_to_pages_that_are_served(public_site, public):
    forwarding = sorted((public_site / "d").rglob("index.html"))
    assert forwarding
    for page in forwarding:
        folder = url_path(page.parent.relative_to(public_site)) + "/"
        answer = public.get(folder)
        assert answer.status == 200, folder
        (target,) = re.findall(rb'http-equiv="refresh" content="0; url=([^"]+)"', answer.body)
        landing = posixpath.normpath(posixpath.join(folder, target.decode())) + "/"
        assert public.get(landing).status == 200, f"{folder} -> {target}"
