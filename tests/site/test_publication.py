"""Versioned publication: lifecycle, editions, permalinks, open data, feed, citations, mike."""

from __future__ import annotations

import json

import feedparser
import jsonschema
import pytest

from macros.exports.schemas import API_SCHEMA_DIR, api_item_models
from tests.conftest import ROOT, TEST_SITE_URL, corpus_root, gceg, git, html, text_of
from tests.helpers import search_records

PAPER = "strategy/strategy-paper-example/"


# ---------------------------------------------------------------- lifecycle


def test_superseded_paper_points_to_its_successor(public_site):
    soup = html(public_site, "strategy/superseded-paper-example/")
    banner = soup.select_one(".gceg-lifecycle")
    assert "Superseded" in banner.get_text()
    assert banner.select_one("a")["href"] == "../strategy-paper-example/"
    # it was never adopted, so it was never in force (its successor is not either)
    assert "never adopted" in banner.get_text() and "in force" not in banner.get_text()


def test_index_pages_by_status_and_topic(public_site):
    by_status = html(public_site, "strategy/status/")
    consultation = by_status.select_one("h2#consultation").find_next_sibling("ul")
    assert "GCEG-STRAT-0001" in consultation.get_text()
    superseded = by_status.select_one("h2#superseded").find_next_sibling("ul")
    assert "GCEG-STRAT-0003" in superseded.get_text()
    assert (
        "No paper has this status."
        in by_status.select_one("h2#adopted").find_next_sibling().get_text()
    )
    by_topic = html(public_site, "strategy/topics/")
    assert (
        "GCEG-STRAT-0001" in by_topic.select_one("h2#strategy").find_next_sibling("ul").get_text()
    )


# ---------------------------------------------------------------- editions


def test_main_address_shows_the_current_edition(public_site):
    main = text_of(html(public_site, PAPER))
    current = text_of(html(public_site, PAPER + "0.2/"))
    for sentence in [
        "Until then, nothing on this page is a position of the expert group.",
        "like this page",
    ]:
        assert sentence in main and sentence in current
    old = text_of(html(public_site, PAPER + "0.1/"))
    assert "like this page" not in old
    assert "A newer edition exists: edition 0.2" in old


def test_edition_history_lists_every_edition(public_site):
    rows = html(public_site, PAPER).select(".gceg-table--editions tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in rows]
    assert cells[0][0].startswith("0.2") and "current" in cells[0][0]
    assert cells[0][1] == "28 November 2026"
    assert "circulates the paper for comments" in cells[0][3]
    assert cells[1][:2] == ["0.1", "1 November 2026"]
    assert rows[0].select_one("a")["href"] == "0.2/"


def test_changes_since_the_previous_edition_are_shown_word_by_word(public_site):
    soup = html(public_site, PAPER + "0.2/")
    diff = soup.select_one(".gceg-diff")
    assert soup.select_one("h2#changes").get_text().startswith("Changes since edition 0.1")
    inserted = [e.get_text() for e in diff.select("ins")]
    removed = [e.get_text() for e in diff.select("del")]
    assert "three" in inserted and "two" in removed
    assert any("like this page" in text for text in inserted)
    assert not html(public_site, PAPER + "0.1/").select_one(".gceg-diff")


def test_current_edition_is_searchable_once(public_site):
    locations = {record["url"].lstrip("/") for record in search_records(public_site)}
    assert PAPER in locations
    assert PAPER + "0.1/" in locations  # an older edition can be found too
    assert PAPER + "0.2/" not in locations  # the same text as the paper's own page


# ---------------------------------------------------------------- permalinks and redirects


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("d/GCEG-STRAT-0001/", PAPER),
        ("d/GCEG-STRAT-0001/0.1/", PAPER + "0.1/"),
        ("d/GCEG-MTG-0001/", "meetings/2015-first-meeting/"),
        ("strategy/old-example/", "strategy/superseded-paper-example/"),
    ],
)
def test_permalinks_and_moved_pages_forward(public_site, source, target):
    soup = html(public_site, source)
    refresh = soup.select_one('meta[http-equiv="refresh"]')["content"]
    href = refresh.split("url=", 1)[1]
    assert (public_site / source / href).resolve() == (public_site / target).resolve()
    assert (public_site / target / "index.html").is_file()
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_paper_pages_show_their_permalink(public_site, addressed_site):
    links = html(addressed_site, PAPER).select(".gceg-cite-this a")
    assert links[0]["href"] == f"{TEST_SITE_URL}d/GCEG-STRAT-0001/"
    # a local build has no address: the link is relative and the page says why
    local = html(public_site, PAPER).select_one(".gceg-cite-this__links")
    assert local.select_one("a")["href"] == "../../d/GCEG-STRAT-0001/"
    assert "local build: no site address configured" in local.get_text()


# ---------------------------------------------------------------- open data


@pytest.mark.parametrize("endpoint", list(api_item_models()))
def test_open_data_matches_the_schemas_in_the_repository(public_site, endpoint):
    data = json.loads((public_site / f"api/v1/{endpoint}.json").read_text())
    schema = json.loads((ROOT / "schemas" / API_SCHEMA_DIR / f"{endpoint}.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    published = (public_site / f"api/v1/schemas/{endpoint}.schema.json").read_text()
    assert json.loads(published) == schema
    assert data["count"] == len(data["items"]) > 0


def test_open_data_describes_the_documents(public_site):
    documents = json.loads((public_site / "api/v1/documents.json").read_text())["items"]
    by_id = {d["doc_id"]: d for d in documents}
    assert set(by_id) == {"GCEG-MTG-0001", "GCEG-STRAT-0001", "GCEG-STRAT-0003"}
    meeting = by_id["GCEG-MTG-0001"]
    assert (meeting["type"], meeting["date"], meeting["url"]) == (
        "meeting-outcome",
        "2015-12-01",
        "meetings/2015-first-meeting/",
    )
    assert (public_site / meeting["url"] / "index.html").is_file()
    editions = json.loads((public_site / "api/v1/editions.json").read_text())["items"]
    assert [(e["edition"], e["current"]) for e in editions if e["doc_id"] == "GCEG-STRAT-0001"] == [
        ("0.1", False),
        ("0.2", True),
    ]
    meetings = json.loads((public_site / "api/v1/meetings.json").read_text())["items"]
    assert meetings[0]["attendance"]["participants"] == {"value": 80, "qualifier": "around"}
    index = json.loads((public_site / "api/v1/index.json").read_text())
    assert set(index["endpoints"]) == set(api_item_models())


def test_the_public_open_data_holds_no_restricted_record(public_site):
    papers = json.loads((public_site / "api/v1/papers.json").read_text())["items"]
    assert {p["classification"] for p in papers} == {"TLP:CLEAR"}
    assert "members-paper-example" not in {p["id"] for p in papers}


# ---------------------------------------------------------------- feed and citations


@pytest.mark.parametrize("addressed", [True, False], ids=["addressed", "local"])
def test_atom_feed_lists_publications_and_outcomes(public_site, addressed_site, addressed):
    site = addressed_site if addressed else public_site
    feed = feedparser.parse((site / "feeds/publications.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith("INTERPOL Global Cybercrime Expert Group")
    titles = [entry.title for entry in feed.entries]
    assert (
        "First meeting of the INTERPOL Global Cybercrime Expert Group (GCEG-MTG-0001, meeting record)"
        in titles
    )
    assert any("GCEG-STRAT-0001, edition 0.2" in title for title in titles)
    newest = feed.entries[0]
    if addressed:
        assert newest.link == f"{TEST_SITE_URL}strategy/strategy-paper-example/0.2/"
        assert newest.id.startswith("tag:gceg.test,2026:")
    else:  # relative to the feed, and ids that name no host
        assert newest.link == "../strategy/strategy-paper-example/0.2/"
        assert (site / "feeds" / newest.link / "index.html").resolve().is_file()
        assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
        assert feed.feed.subtitle.startswith("Local build")
    assert newest.updated == "2026-11-28T00:00:00Z"
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    footer = html(public_site, "people/").select_one(".gceg-footer-links")
    assert (
        footer.select_one('a[href$="feeds/publications.atom"]')["href"]
        == "../feeds/publications.atom"
    )


@pytest.mark.parametrize("doc_id", ["GCEG-MTG-0001", "GCEG-STRAT-0001", "GCEG-STRAT-0003"])
def test_every_document_can_be_cited(addressed_site, doc_id):
    public_site = addressed_site  # the citations carry the site's address
    # none of these was issued by a body (a compiled meeting record, illustrative papers):
    # no report number or institution; test_provenance.py has an issued paper
    bib = (public_site / f"cite/{doc_id}.bib").read_text()
    assert bib.startswith(f"@misc{{{doc_id},\n")
    assert bib.count("{") == bib.count("}")
    for field in ("title", "year", "url", "note", "howpublished"):
        assert f"  {field} = {{" in bib
    assert "  number = {" not in bib and "  institution = {" not in bib
    [item] = json.loads((public_site / f"cite/{doc_id}.json").read_text())
    assert item["id"] == doc_id and item["type"] == "document"
    assert item["URL"] == f"{TEST_SITE_URL}d/{doc_id}/"
    assert len(item["issued"]["date-parts"][0]) == 3


def test_meeting_citation_carries_the_facts(public_site):
    [item] = json.loads((public_site / "cite/GCEG-MTG-0001.json").read_text())
    assert item["title"] == "First meeting of the INTERPOL Global Cybercrime Expert Group"
    assert item["event-date"]["date-parts"] == [[2015, 11, 30], [2015, 12, 1]]
    text = text_of(html(public_site, "meetings/2015-first-meeting/"))
    assert "Editors of the GCEG strategy site (2015). First meeting of the" in text


# ---------------------------------------------------------------- mike


def test_versions_and_aliases(published):
    root, _ = published
    versions = json.loads(git(root, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("2.0", ["latest"]), ("1.0", [])]
    assert git(root, "rev-parse", "gh-pages:latest") == git(root, "rev-parse", "gh-pages:2.0")
    assert "latest/" in git(root, "show", "gh-pages:index.html")


def test_publishing_a_new_version_never_changes_an_older_one(published):
    root, first = published
    after = {
        line.split()[3]: line.split()[2]
        for line in git(root, "ls-tree", "-r", "gh-pages", "1.0").splitlines()
    }
    assert after == first
    assert "A sentence added for version 2.0." not in git(
        root, "show", "gh-pages:1.0/strategy/strategy-paper-example/index.html"
    )
    assert "A sentence added for version 2.0." in git(
        root, "show", "gh-pages:2.0/strategy/strategy-paper-example/index.html"
    )


def test_archived_versions_are_bannered_and_not_indexed(published):
    root, _ = published
    page = git(root, "show", "gh-pages:1.0/meetings/2015-first-meeting/index.html")
    assert "This is an archived edition of the site." in page
    assert '"provider": "mike"' in page  # the version selector is on
    assert (
        f'<link rel="canonical" href="{TEST_SITE_URL}latest/meetings/2015-first-meeting/">' in page
    )
    robots = git(root, "show", "gh-pages:robots.txt")
    assert "Disallow: /1.0/" in robots
    assert "Disallow: /2.0/" not in robots


def test_publish_refuses_a_bad_version_name(project):
    result = gceg(project, "publish", "--version", "latest")
    assert result.returncode == 1
    assert "is not a version like 1.0" in result.stderr


def _status_in_header(soup) -> str | None:
    for fact in soup.select("header.gceg-doc .gceg-fact"):
        if fact.select_one("dt").get_text(strip=True) == "Status":
            return fact.select_one("dd").get_text(" ", strip=True)
    return None


def test_header_and_edition_history_show_an_editions_status_alike(public_site):
    pages = sorted(public_site.glob("strategy/*/*/index.html"))
    checked = 0
    for path in pages:
        soup = html(public_site, str(path.relative_to(public_site)))
        row = soup.select_one("table.gceg-table--editions tr[aria-current]")
        if row is None:
            continue
        in_history = row.select("td")[2].get_text(" ", strip=True) or None
        assert _status_in_header(soup) == in_history, path
        checked += 1
    assert checked >= 3


def test_only_an_adopted_paper_is_called_in_force(public_site, members_site):
    from macros.rules import load

    catalog = load(corpus_root())
    for site in (public_site, members_site):
        for paper in catalog.papers:
            path = site / "strategy" / paper.id / "index.html"
            if not path.exists():
                continue
            text = text_of(html(site, f"strategy/{paper.id}/"))
            if not paper.adopted:
                assert "in force" not in text, paper.id
