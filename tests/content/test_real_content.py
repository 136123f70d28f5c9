"""The real content, whatever it holds: every record renders and is linked from its
index, every quote is in its source, every page is marked, every document has its PDF,
and the built output passes the build's own checks. No test here names a record."""

from __future__ import annotations

import pytest

from macros.audience import Audience
from macros.verify import verify_site
from tests.conftest import ROOT
from tests.content import properties

pytestmark = pytest.mark.build
AUDIENCES = [audience.value for audience in Audience]


@pytest.fixture(scope="module")
def catalogs() -> dict[str, object]:
    return {audience: properties.catalog_for(ROOT, Audience(audience)) for audience in AUDIENCES}


def test_the_real_content_has_records_of_every_kind_with_pages(catalogs):
    # the checks below would pass on an empty site: make sure they have something to read
    assert {kind for kind, _, _ in properties.record_pages(catalogs["public"])} >= {
        "meeting",
        "paper",
        "person",
        "programme",
        "source",
    }


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_record_renders(real_sites, catalogs, audience):
    assert properties.unrendered_records(real_sites[audience], catalogs[audience]) == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_record_page_is_linked_from_its_index(real_sites, catalogs, audience):
    site, catalog = real_sites[audience], catalogs[audience]
    assert properties.records_missing_from_their_index(site, catalog) == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_quote_is_verified(real_sites, catalogs, audience):
    assert properties.unverified_quotes(real_sites[audience], catalogs[audience]) == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_page_has_a_marking_its_audience_may_read(real_sites, audience):
    assert properties.unmarked_pages(real_sites[audience], Audience(audience)) == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_document_has_its_pdf(real_sites, catalogs, audience):
    assert properties.missing_pdfs(real_sites[audience], catalogs[audience]) == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_built_output_passes_the_builds_own_checks(real_sites, audience):
    assert verify_site(ROOT, real_sites[audience], "https://gceg.test/") == []
