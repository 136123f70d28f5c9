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

from ..fields import localise
from .files import write_text

if TYPE_CHECKING:
    from ..site import SiteBuild

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feeds/publications.atom"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entries(build: SiteBuild) -> list[dict]:
    catalog, urls, base = build.catalog, build.urls, build.site_url
    host = urlsplit(base).hostname or "gceg.invalid"
    found = []
    for paper in catalog.papers:
        for edition in paper.editions:
            found.append({
                "id": f"tag:{host},{edition.date.year}:{paper.doc_id}/{edition.edition}",
                "title": f"{localise(paper.title)} ({paper.doc_id}, edition {edition.edition})",
                "updated": edition.date,
                "link": base + urls[catalog.edition_page(paper.id, edition.edition)],
                "summary": localise(edition.changes),
                "category": paper.type.value,
            })  # fmt: skip
    for meeting in catalog.meetings:
        outcomes = "; ".join(localise(o.text) for o in meeting.outcomes)
        found.append({
            "id": f"tag:{host},{meeting.end.year}:{meeting.doc_id}",
            "title": f"{localise(meeting.title)} ({meeting.doc_id})",
            "updated": meeting.end,
            "link": base + urls[f"meetings/{meeting.id}.md"],
            "summary": outcomes or localise(meeting.title),
            "category": "meeting-outcome",
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
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = localise(build.catalog.group.name)
    for item in found:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = item["id"]
        ET.SubElement(entry, f"{{{ATOM}}}title").text = item["title"]
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(item["updated"])
        ET.SubElement(
            entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=item["link"]
        )
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = item["summary"]
        ET.SubElement(entry, f"{{{ATOM}}}category", term=item["category"])
    ET.indent(feed)
    text = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    write_text(site_dir, FEED_PATH, '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n")
