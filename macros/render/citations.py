"""How to cite a document: a sentence for readers, BibTeX and CSL-JSON for tools.

All three read the document's one description (documents.describe), so each says
who is responsible for it the same way: the body that issued a paper; this
site's editors for a record they compiled from sources, whose sources are named;
no one for an illustrative example, which says so.
"""

from __future__ import annotations

import json
from typing import Any

from ..address import LOCAL_BUILD, absolute
from ..load.catalog import Catalog
from ..model.vocab import N_
from .documents import EDITORS, Facts, Provenance, describe
from .i18n import Translator

COMPILED_NOTE = N_(
    "Compiled by the editors of this site from its sources; "
    "not a document issued by the expert group"
)
# A local build has no address to cite: it says so instead of inventing one.
LOCAL_BUILD_NOTE = f"{LOCAL_BUILD}: no site address configured"
ILLUSTRATIVE_NOTE = N_(
    "Illustrative example made for this site; not a document of the expert group or of any body"
)


def citation_text(
    catalog: Catalog, doc_id: str, edition: str | None, site_url: str, t: Translator
) -> str:
    facts = describe(catalog, doc_id, edition)
    year = facts.date.year
    url = absolute(site_url, facts.permalink) or "[" + t.gettext(LOCAL_BUILD_NOTE) + "]"
    when = t.date(facts.date)
    if facts.provenance is Provenance.ISSUED:
        parts = [f"{facts.issued_by} ({year}). {facts.title}. {doc_id}"]
        if facts.edition:
            parts.append(t.gettext("edition {edition}").format(edition=facts.edition))
        return ", ".join([*parts, when]) + ". " + url
    if facts.provenance is Provenance.COMPILED:
        compiled = t.gettext("record compiled by this site from: {sources}").format(
            sources="; ".join(facts.sources)
        )
        number = t.gettext("site catalogue number {number}").format(number=doc_id)
        return f"{t.gettext(EDITORS)} ({year}). {facts.title} [{compiled}]. {number}, {when}. {url}"
    flag = t.gettext("illustrative example made for this site, not a document of any body")
    number = t.gettext("site catalogue number {number}").format(number=doc_id)
    edition_text = (
        ", " + t.gettext("edition {edition}").format(edition=facts.edition) if facts.edition else ""
    )
    return f"{facts.title} [{flag}] ({year}). {number}{edition_text}, {when}. {url}"


_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def _bib(value: str) -> str:
    """Escape text for a BibTeX field, on one line."""
    return " ".join("".join(_BIBTEX_ESCAPES.get(c, c) for c in value).split())


def _note(facts: Facts) -> str:
    if facts.provenance is Provenance.COMPILED:
        start, end = facts.event
        sources = "; ".join(facts.sources)
        return (
            f"{COMPILED_NOTE}. Sources: {sources}. Site catalogue number {facts.doc_id}. "
            f"Meeting held {start.isoformat()} to {end.isoformat()}"
        )
    if facts.provenance is Provenance.ILLUSTRATIVE:
        return f"{ILLUSTRATIVE_NOTE}. Site catalogue number {facts.doc_id}"
    return f"Edition {facts.edition}, status: {facts.status.value}"


def bibtex(catalog: Catalog, doc_id: str, site_url: str) -> str:
    facts = describe(catalog, doc_id)
    fields: dict[str, str] = {"title": "{" + _bib(facts.title) + "}"}
    if facts.provenance is Provenance.ISSUED:
        entry_type = "techreport"
        fields |= {
            "author": "{" + _bib(facts.issued_by) + "}",
            "institution": _bib(facts.issued_by),
            "number": _bib(doc_id),
        }
    else:  # nothing issued it: a report number or an institution would say otherwise
        entry_type = "misc"
        if facts.provenance is Provenance.COMPILED:
            fields["author"] = "{" + _bib(EDITORS) + "}"
        fields["howpublished"] = _bib(
            "Meeting record compiled by the GCEG strategy site"
            if facts.provenance is Provenance.COMPILED
            else "Illustrative example on the GCEG strategy site"
        )
    fields |= {"year": str(facts.date.year), "month": str(facts.date.month)}
    url = absolute(site_url, facts.permalink)
    if url:
        fields["url"] = url
    if facts.edition:
        fields["edition"] = _bib(facts.edition)
    fields["note"] = _bib(_note(facts) + ("" if url else f". {LOCAL_BUILD_NOTE.capitalize()}"))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@{entry_type}{{{doc_id},\n{body}\n}}\n"


def csl_json(catalog: Catalog, doc_id: str, site_url: str) -> str:
    facts = describe(catalog, doc_id)
    day = facts.date
    item: dict[str, Any] = {
        "id": doc_id,
        "type": "report" if facts.provenance is Provenance.ISSUED else "document",
        "title": facts.title,
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "genre": facts.type.value,
        "note": _note(facts),
    }
    url = absolute(site_url, facts.permalink)
    if url:
        item["URL"] = url
    else:
        item["note"] += f". {LOCAL_BUILD_NOTE.capitalize()}"
    if facts.provenance is Provenance.ISSUED:
        item |= {
            "author": [{"literal": facts.issued_by}],
            "publisher": facts.issued_by,
            "number": doc_id,
        }
    elif facts.provenance is Provenance.COMPILED:
        item["author"] = [{"literal": EDITORS}]
        start, end = facts.event
        item["event-date"] = {
            "date-parts": [[start.year, start.month, start.day], [end.year, end.month, end.day]]
        }
    if facts.edition:
        item["version"] = facts.edition
        item["status"] = facts.status.value
    return json.dumps([item], indent=2, ensure_ascii=False) + "\n"
