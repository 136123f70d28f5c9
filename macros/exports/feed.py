"""An Atom feed of publications (each edition of a paper) and meeting outcomes.

Written with the standard library's ElementTree, which escapes every value:
Atom is a small fixed format, and a feed library would add a dependency for
little; the tests read the feed back with feedparser.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..address import LOCAL_BUILD, is_published
from ..model.fields import localise
from ..model.vocab import N_
from ..render.documents import EDITORS, describe
from .files import write_text

# what an entry's summary says of who made it (citations.py's notes), then its own text
ILLUSTRATIVE_SUMMARY = N_(
    "Illustrative example made for this site; not a document of the expert group or of any "
    "body. {changes}"
)
COMPILED_SUMMARY = N_(
    "Compiled by the editors of this site from its sources; not a document issued by the "
    "expert group: {sources}. {outcomes}"
)

if TYPE_CHECKING:
    from ..render.site import SiteBuild

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feeds/publications.atom"
# A local build has no host to name: its entry ids are name-based UUIDs (Atom needs absolute
# ids, and a tag: id needs a domain) and its links are relative to the feed.
_LOCAL_IDS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:gceg-site:local-build")


class _Addresses:
    """Ids and links for the feed: absolute on a published site, relative in a local build."""

    def __init__(self, site_url: str):
        self.published = is_published(site_url)
        self.base = site_url if self.published else "../"  # the feed is one folder down
        self.host = urlsplit(site_url).hostname if self.published else None

    def entry_id(self, year: int, name: str) -> str:
        if self.host:
            return f"tag:{self.host},{year}:{name}"
        return f"urn:uuid:{uuid.uuid5(_LOCAL_IDS, name)}"

    def feed_id(self) -> str:
        if self.host:
            return self.base + FEED_PATH
        return f"urn:uuid:{uuid.uuid5(_LOCAL_IDS, FEED_PATH)}"

    def self_link(self) -> str:
        return self.base + FEED_PATH if self.host else FEED_PATH.rsplit("/", 1)[1]


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entries(build: SiteBuild) -> list[dict]:
    """Each entry says who is responsible for it (documents.describe): the issuing body,
    the site's editors for a record they compiled (with its sources), or, for an
    illustrative example, that it is one, in its title, summary and category."""
    catalog, urls = build.catalog, build.urls
    t, language = build.views.t, build.language  # the feed of this language's site
    addresses = _Addresses(build.site_url)
    base = addresses.base
    found = []
    for paper in catalog.papers:
        for edition in paper.editions:
            facts = describe(catalog, paper.doc_id, edition.edition)
            titled = (
                t.gettext("Illustrative example: {title} ({doc_id}, edition {edition})")
                if facts.illustrative
                else t.gettext("{title} ({doc_id}, edition {edition})")
            )
            title = titled.format(
                title=localise(paper.title, language),
                doc_id=paper.doc_id,
                edition=edition.edition,
            )
            changes = localise(edition.changes, language)
            found.append(
                {
                    "id": addresses.entry_id(
                        edition.date.year, f"{paper.doc_id}/{edition.edition}"
                    ),
                    "title": title,
                    "updated": edition.date,
                    "link": base + urls[catalog.edition_page(paper.id, edition.edition)],
                    "summary": t.gettext(ILLUSTRATIVE_SUMMARY).format(changes=changes)
                    if facts.illustrative
                    else changes,
                    "author": facts.issued_by,
                    "categories": [paper.type.value, facts.provenance.value],
                }
            )
    for meeting in catalog.meetings:
        facts = describe(catalog, meeting.doc_id)
        outcomes = "; ".join(localise(o.text, language) for o in meeting.outcomes)
        title = localise(meeting.title, language)
        record = t.gettext("{title} ({doc_id}, meeting record)").format(
            title=title, doc_id=meeting.doc_id
        )
        found.append(
            {
                "id": addresses.entry_id(meeting.end.year, meeting.doc_id),
                "title": record,
                "updated": meeting.end,
                "link": base + urls[f"meetings/{meeting.id}.md"],
                "summary": t.gettext(COMPILED_SUMMARY).format(
                    sources="; ".join(facts.sources), outcomes=outcomes or title
                ),
                "author": t.gettext(EDITORS),
                "categories": ["meeting-outcome", facts.provenance.value],
            }
        )
    return sorted(found, key=lambda e: (e["updated"], e["id"]), reverse=True)


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write(build: SiteBuild, site_dir: Path) -> None:
    ET.register_namespace("", ATOM)
    # the language of the feed's text (xml:lang); titles and summaries not yet translated
    # are the English ones, as on the pages
    feed = ET.Element(
        f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": build.language}
    )
    found = entries(build)
    name = localise(build.catalog.group.name, build.language)
    title = build.views.t.gettext("{name}: publications and meeting outcomes").format(name=name)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    addresses = _Addresses(build.site_url)
    if not addresses.published:
        ET.SubElement(
            feed, f"{{{ATOM}}}subtitle"
        ).text = f"{LOCAL_BUILD.capitalize()}: not published at an address; links are relative"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = addresses.feed_id()
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=addresses.self_link())
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=addresses.base)
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
