"""How to cite a document: a sentence for readers, BibTeX and CSL-JSON for tools."""

from __future__ import annotations

import json
from typing import Any

from . import models
from .catalog import Catalog
from .documents import permalink
from .fields import localise
from .i18n import Translator


def _facts(catalog: Catalog, doc_id: str, edition: str | None) -> dict[str, Any]:
    record = catalog.by_doc_id[doc_id]
    if isinstance(record, models.Paper):
        shown = next((e for e in record.editions if e.edition == edition), record.current)
        return {
            "author": localise(catalog.get("organisation", record.issuing_body).name),
            "title": localise(record.title),
            "date": shown.date,
            "edition": shown.edition,
            "status": record.status.value,
            "genre": record.type.value,
            "people": [catalog.get("person", p).name for p in record.authors],
        }
    return {
        "author": localise(catalog.group.name),
        "title": localise(record.title),
        "date": record.end,
        "edition": None,
        "status": None,
        "genre": "meeting-outcome",
        "people": [],
        "event": (record.start, record.end),
    }


def citation_text(
    catalog: Catalog, doc_id: str, edition: str | None, site_url: str, t: Translator
) -> str:
    facts = _facts(catalog, doc_id, edition)
    parts = [f"{facts['author']} ({facts['date'].year}). {facts['title']}. {doc_id}"]
    if facts["edition"]:
        parts.append(t.gettext("edition {edition}").format(edition=facts["edition"]))
    parts.append(t.date(facts["date"]))
    return ", ".join(parts) + ". " + site_url + permalink(doc_id, edition)


_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "$": r"\$",
                   "&": r"\&", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}  # fmt: skip


def _bib(value: str) -> str:
    """Escape text for a BibTeX field, on one line."""
    return " ".join("".join(_BIBTEX_ESCAPES.get(c, c) for c in value).split())


def bibtex(catalog: Catalog, doc_id: str, site_url: str) -> str:
    facts = _facts(catalog, doc_id, None)
    fields = {
        "title": "{" + _bib(facts["title"]) + "}",
        "author": "{" + _bib(facts["author"]) + "}",
        "institution": _bib(facts["author"]),
        "number": _bib(doc_id),
        "year": str(facts["date"].year),
        "month": str(facts["date"].month),
        "url": site_url + permalink(doc_id),
    }
    if facts["edition"]:
        fields["edition"] = _bib(facts["edition"])
        fields["note"] = _bib(f"Edition {facts['edition']}, status: {facts['status']}")
    else:
        start, end = facts["event"]
        fields["note"] = _bib(
            f"Outcome of the meeting held {start.isoformat()} to {end.isoformat()}"
        )
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    entry_type = "techreport"
    return f"@{entry_type}{{{doc_id},\n{body}\n}}\n"


def csl_json(catalog: Catalog, doc_id: str, site_url: str) -> str:
    facts = _facts(catalog, doc_id, None)
    date = facts["date"]
    item: dict[str, Any] = {
        "id": doc_id,
        "type": "report",
        "title": facts["title"],
        "author": [{"literal": facts["author"]}],
        "publisher": facts["author"],
        "number": doc_id,
        "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "URL": site_url + permalink(doc_id),
        "genre": facts["genre"],
    }
    if facts["edition"]:
        item["version"] = facts["edition"]
        item["status"] = facts["status"]
    else:
        start, end = facts["event"]
        item["event-date"] = {"date-parts": [[start.year, start.month, start.day],
                                             [end.year, end.month, end.day]]}  # fmt: skip
    return json.dumps([item], indent=2, ensure_ascii=False) + "\n"
