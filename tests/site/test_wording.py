"""Slips a reader notices, checked on every page of the built site rather than on the one
where they were first seen: counts that disagree with their nouns, a phrase said twice in
a row, a section missing from the page's contents, a role without its organisation."""

from __future__ import annotations

import re

import yaml

from tests.conftest import CORPUS, html, text_of


def _pages(site):
    for path in sorted(site.rglob("index.html")):
        page = str(path.relative_to(site).parent)
        soup = html(site, "" if page == "." else page)
        if soup.select_one("article") is not None:  # not a redirect page
            yield page, soup


def test_a_count_of_one_takes_a_singular_noun(public_site):
    plural = re.compile(r"(?<![\d.,])\b1 (meetings|papers|documents|days|countries|experts|aims)\b")
    for page, soup in _pages(public_site):
        article = soup.select_one("article")
        assert not plural.search(text_of(article)), page


def test_no_phrase_is_said_twice_in_a_row(public_site):
    """ "Version 2.0, Version 2.0." came from a title that already ended in its version."""
    repeated = re.compile(r"\b([A-Z][\w.:() ]{5,}), \1\b")
    for page, soup in _pages(public_site):
        assert not repeated.search(text_of(soup.select_one("article"))), page


def test_every_section_of_a_page_is_in_its_contents(public_site):
    checked = 0
    for page, soup in _pages(public_site):
        toc = soup.select_one("nav.md-nav--secondary")
        if toc is None:
            continue
        listed = {a["href"].split("#")[-1] for a in toc.select("a[href*='#']")}
        for heading in soup.select("article h2[id]"):
            assert heading["id"] in listed, (page, heading["id"])
            checked += 1
    assert checked, "no page has both a table of contents and a section heading"


def test_a_person_card_gives_each_role_with_its_organisation(public_site):
    organisations = {
        org["id"]: org["name"]
        for org in yaml.safe_load((CORPUS / "data/organisations.yaml").read_text())["organisations"]
    }
    soup = html(public_site, "people")
    checked = 0
    for path in sorted((CORPUS / "data/people").glob("*.yaml")):
        person = yaml.safe_load(path.read_text(encoding="utf-8"))
        if person.get("classification", "TLP:CLEAR") != "TLP:CLEAR":
            continue
        link = soup.select_one(f".gceg-person-card a[href$='{path.stem}/']")
        card = text_of(link.find_parent(class_="gceg-person-card"))
        for role in person.get("roles", []):
            assert role["title"] in card, (path.stem, role["title"])
            if role.get("organisation"):
                assert organisations[role["organisation"]] in card, (path.stem, role)
                checked += 1
    assert checked, "no public person has a role with an organisation"
