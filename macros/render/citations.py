"""How to cite a document: a sentence for readers, BibTeX and CSL-JSON for tools.

All three read the document's one description (documents.describe), so each says
who is responsible for it the same way: the body that issued a paper; this
site's editors for a record they compiled from sources, whose sources are named;
no one for an illustrative example, which says so.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..address import LOCAL_BUILD, absolute
from ..load.catalog import Catalog
from ..model.fields import localise
from ..model.vocab import N_, SOURCE_LANGUAGE
from .documents import EDITORS, Facts, Provenance, describe
from .escaping import escape_text
from .i18n import Translator, fill

COMPILED_NOTE = N_(
    "Compiled by the editors of this site from its sources; "
    "not a document issued by the expert group"
)
# A local build has no address to cite: it says so instead of inventing one.
LOCAL_BUILD_NOTE = f"{LOCAL_BUILD}: no site address configured"
ILLUSTRATIVE_NOTE = N_(
    "Illustrative example made for this site; not a document of the expert group or of any body"
)


# How a reader cites each kind of document, one whole pattern each, so a language orders
# it and punctuates it its own way.
CITATION_FORMATS = {
    Provenance.ISSUED: N_(
        "{issuer} ({year}). {title}. {number}, edition {edition}, {date}. {address}"
    ),
    Provenance.COMPILED: N_(
        "{editors} ({year}). {title} [record compiled by this site from: {sources}]. "
        "site catalogue number {number}, {date}. {address}"
    ),
    Provenance.ILLUSTRATIVE: N_(
        "{title} [illustrative example made for this site, not a document of any body] "
        "({year}). site catalogue number {number}, edition {edition}, {date}. {address}"
    ),
}
# A title shown in the page's language: the site's translation, the original beside it.
TRANSLATED_TITLE = N_(
    "{title} [the site's unofficial translation of the title; original: {original}]"
)


def citation_text(
    catalog: Catalog, doc_id: str, edition: str | None, site_url: str, t: Translator
) -> Markup:
    """The sentence a reader cites the document by, as page markup: every word escaped,
    and a title the site translated marked as such, in its language."""
    facts = describe(catalog, doc_id, edition)
    note = t.gettext(LOCAL_BUILD_NOTE)  # a whole note, in brackets where an address would be
    values = {
        "issuer": facts.issued_by,
        "editors": t.gettext(EDITORS),
        "year": facts.date.year,
        "title": _title(catalog, doc_id, t),
        "sources": "; ".join(facts.sources),
        "number": doc_id,
        "edition": facts.edition,
        "date": t.date(facts.date),
        "address": absolute(site_url, facts.permalink) or f"[{note}]",
    }
    pattern = t.gettext(CITATION_FORMATS[facts.provenance])
    return fill(pattern, values, escape_text, literal=escape_text)


def _title(catalog: Catalog, doc_id: str, t: Translator) -> Markup:
    """The document's title in the page's language where the site translated it, marked as
    its translation with the original beside it; else the original alone."""
    title = catalog.by_doc_id[doc_id].title
    original = localise(title)
    translated = title.get(t.language.value) if isinstance(title, dict) else None
    if not translated or translated == original:
        return escape_text(original)
    shown = {
        "title": Markup('<span class="gceg-cite-this__title" lang="{}" dir="{}">{}</span>').format(
            t.language.value, t.direction, escape_text(translated)
        ),
        "original": Markup('<span lang="{}" dir="{}">{}</span>').format(
            SOURCE_LANGUAGE.value, SOURCE_LANGUAGE.direction, escape_text(original)
        ),
    }
    return fill(t.gettext(TRANSLATED_TITLE), shown, escape_text, literal=escape_text)


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
