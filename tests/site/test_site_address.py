"""The site's address comes from configuration only: a local build invents no host, and
publishing refuses without a real address (macros/address.py)."""

from __future__ import annotations

import json

import pytest

from macros.address import publish_problem
from tests.conftest import TEST_SITE_URL, gceg, html
from tests.helpers import files_containing

PLACEHOLDERS = ["example.org", "example.com", "gceg.invalid"]


@pytest.mark.parametrize("host", PLACEHOLDERS)
def test_a_local_build_names_no_placeholder_host(public_site, host):
    # every file: HTML, JSON, XML, .bib, and the PDFs' text, metadata and link addresses.
    # Pagefind's own library parses relative addresses against `https://example.com`
    # (a base for `new URL`, never shown or fetched): its two scripts are the exception.
    library = {"pagefind/pagefind.js", "pagefind/pagefind-worker.js"}
    assert [path for path in files_containing(public_site, host) if path not in library] == []


def test_a_local_build_says_it_is_one_where_an_address_would_be(public_site):
    meeting = html(public_site, "meetings/2015-first-meeting/")
    assert meeting.select_one('link[rel="canonical"]') is None
    assert (
        "[local build: no site address configured]"
        in meeting.select_one(".gceg-cite-this__text").get_text()
    )
    assert not (public_site / "sitemap.xml").exists()  # a sitemap lists absolute addresses
    bib = (public_site / "cite/GCEG-MTG-0001.bib").read_text()
    assert "  url = {" not in bib and "Local build: no site address configured" in bib
    [item] = json.loads((public_site / "cite/GCEG-MTG-0001.json").read_text())
    assert "URL" not in item and "Local build" in item["note"]
    index = json.loads((public_site / "api/v1/index.json").read_text())
    assert index["site"] is None and index["note"] == "local build: no site address configured"


def test_a_local_pdf_says_it_was_printed_from_a_local_build(public_site):
    from pypdf import PdfReader

    cover = PdfReader(public_site / "pdf/GCEG-MTG-0001.pdf").pages[0].extract_text()
    assert "Printed from a local build: no site address" in " ".join(
        cover.split()
    )  # "fi": a ligature


def test_an_addressed_build_uses_its_address(addressed_site):
    meeting = html(addressed_site, "meetings/2015-first-meeting/")
    canonical = meeting.select_one('link[rel="canonical"]')["href"]
    assert canonical == f"{TEST_SITE_URL}meetings/2015-first-meeting/"
    assert f"<loc>{TEST_SITE_URL}meetings/" in (addressed_site / "sitemap.xml").read_text()
    index = json.loads((addressed_site / "api/v1/index.json").read_text())
    assert index["site"] == TEST_SITE_URL and "note" not in index


@pytest.mark.parametrize(
    "address",
    [
        None,
        "https://gceg.example.org/",
        "https://example.com/",
        "http://localhost:8000/",
        "http://127.0.0.1/",
        "https://docs.example/",
        "https://site.invalid/",
    ],
)
def test_publish_refuses_without_a_real_site_address(project, address):
    result = gceg(
        project, "publish", "--version", "1.0", env={"GCEG_SITE_URL": address} if address else None
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("gceg publish: ")
    assert "GCEG_SITE_URL" in result.stderr and "nothing was published" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("https://gceg.interpol.int/", False),
        ("https://user.github.io/gceg/", False),
        (TEST_SITE_URL, False),
        ("https://www.example.org/", True),
        ("http://10.0.0.1/", True),
        ("ftp://gceg.interpol.int/", True),
        ("", True),
    ],
)
def test_what_counts_as_a_real_site_address(address, refused):
    assert (publish_problem(address) is not None) is refused
