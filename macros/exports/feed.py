"""An Atom feed of publications (each edition of a paper) and meeting outcomes.

Written with the standard library's ElementTree, which escapes every value:
Atom is a small fixed format, and a feed library would add a dependency for
little; the tests read the feed back with feedparser.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..model.fields import localise
from ..render.citations import COMPILED_NOTE, ILLUSTRATIVE_NOTE
from ..render.documents import EDITORS, describe
from .files import write_text

if TYPE_CHECKING:
    from ..render.site import SiteBuild

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feeds/publications.atom"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entries(build: SiteBuild) -> list[dict]:
    """Each entry says who is responsible for it (documents.describe): the issuing body,
    the site's editors for a record they compiled (with its sources), or, for an
    illustrative example, that it is one, in its title, summary and category."""
    catalog, urls, base = build.catalog, build.urls, build.site_url
    host = urlsplit(base).hostname or "gceg.invalid"
    found = []
    for paper in catalog.papers:
        for edition in paper.editions:
            facts = describe(catalog, paper.doc_id, edition.edition)
            flag = "Illustrative example: " if facts.illustrative else ""
            found.append({
                "id": f"tag:{host},{edition.date.year}:{paper.doc_id}/{edition.edition}",
                "title": f"{flag}{facts.title} ({paper.doc_id}, edition {edition.edition})",
                "updated": edition.date,
                "link": base + urls[catalog.edition_page(paper.id, edition.edition)],
                "summary": (f"{ILLUSTRATIVE_NOTE}. " if facts.illustrative else "")
                + localise(edition.changes),
                "author": facts.issued_by,
                "categories": [paper.type.value, facts.provenance.value],
            })  # fmt: skip
    for meeting in catalog.meetings:
        facts = describe(catalog, meeting.doc_id)
        outcomes = "; ".join(localise(o.text) for o in meeting.outcomes)
        found.append({
            "id": f"tag:{host},{meeting.end.year}:{meeting.doc_id}",
            "title": f"{facts.title} ({meeting.doc_id}, meeting record)",
            "updated": meeting.end,
            "link": base + urls[f"meetings/{meeting.id}.md"],
            "summary": f"{COMPILED_NOTE}: {'; '.join(facts.sources)}. "
            + (outcomes or facts.title),
            "author": EDITORS,
            "categories": ["meeting-outcome", facts.provenance.value],
        })  # fmt: skip
    return sorted(found, key=lambda e: (e["updated"], e["id"]), reverse=True)


def write(build: SiteBuild, site_dir: Path) -> None:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    found = entries(build)
    title = f"{localise(build.catalog.group.name)}: publications and meeting outcomes"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = build.site_url + FEED_PATH
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=build.site_url + FEED_PATH)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=build.site_url)
    updated = max((e["updated"] for e in found), default=date(1980, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")  # the feed is the site's, not the group's
    ET.SubElement(author, f"{{{ATOM}}}name").text = EDITORS
    for item in found:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = item["id"]
        ET.SubElement(entry, f"{{{ATOM}}}title").text = item["title"]
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(item["updated"])
        ET.SubElement(
            entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=item["link"]
        )
        if item["author"]:
            entry_author = ET.SubElement(entry, f"{{{ATOM}}}author")
            ET.SubElement(entry_author, f"{{{ATOM}}}name").text = item["author"]
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = item["summary"]
        for term in item["categories"]:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=term)
    ET.indent(feed)
    text = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    write_text(site_dir, FEED_PATH, '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n")
