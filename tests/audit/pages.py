"""One page of each page type of a built site, found from its folders, not from a list:
the home page, the 404 page, one section index, one record of each section (a record
with a document id where there is one), each page of its own (a top-level folder with no
records), and the home page of each other language (a top-level folder named like `fr`)."""

from __future__ import annotations

import re
from pathlib import Path

LANGUAGE = re.compile(r"^[a-z]{2}(-[a-z]{2,4})?$")
REDIRECT = 'http-equiv="refresh"'
DOCUMENT_ID = "data-pagefind-weight="  # the search weight the template gives a record's id
# What a record of each section is called in the report; a section not named here is
# reported by its folder name.
RECORD = {
    "meetings": "meeting",
    "people": "person",
    "programmes": "programme",
    "sources": "source",
    "strategy": "paper",
}


def _page(folder: Path) -> str | None:
    """The folder's page's text, or None where it has none or it only forwards."""
    index = folder / "index.html"
    if not index.is_file():
        return None
    text = index.read_text(encoding="utf-8", errors="replace")
    return None if REDIRECT in text[:4000] else text


def _records(section: Path) -> list[Path]:
    return sorted(sub for sub in section.iterdir() if sub.is_dir() and _page(sub) is not None)


def _mirrors(site: Path, folder: Path) -> bool:
    """A language's folder holds the same sections as the site's root."""
    return any(sub.is_dir() and (site / sub.name).is_dir() for sub in folder.iterdir())


def page_types(site: Path) -> dict[str, str]:
    """Page type -> URL path under the site ("" for the home page)."""
    types = {"home": ""}
    if (site / "404.html").is_file():
        types["404"] = "404.html"
    folders = sorted(p for p in site.iterdir() if p.is_dir() and _page(p) is not None)
    languages = [p for p in folders if LANGUAGE.match(p.name) and _mirrors(site, p)]
    for folder in folders:
        if folder in languages:
            types[f"home ({folder.name})"] = f"{folder.name}/"
            continue
        records = _records(folder)
        if not records:
            types[folder.name] = f"{folder.name}/"
            continue
        if "section index" not in types:
            types["section index"] = f"{folder.name}/"
        with_id = [r for r in records if DOCUMENT_ID in (_page(r) or "")]
        record = (with_id or records)[0]
        types[RECORD.get(folder.name, f"{folder.name} record")] = f"{record.relative_to(site)}/"
    return types
