"""What the search index knows of a page besides its text: its section, and the
filters a reader narrows results by (record kind, year, topic, and on the
members' site the classification marking).

Every value comes from the catalog (closed vocabularies, dates, document
numbers), never from a page's text or front matter. overrides/main.html
writes them as Pagefind's data-pagefind-* attributes outside the page's
content, where no contributor markup reaches (the sanitizer strips such
attributes from a page body, and macros/verify refuses them there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..audience import Audience
from ..model.vocab import N_
from .i18n import Translator

# The reader-facing kind of each record page, by the catalog's kind name.
KIND_LABELS = {
    "meeting": N_("Meeting"),
    "paper": N_("Strategy paper"),
    "programme": N_("Programme"),
    "person": N_("Person"),
    "source": N_("Source"),
}
# Section of the site by the first folder of a page's path (as in the navigation).
SECTION_LABELS = {
    "": N_("Home"),
    "about": N_("About"),
    "meetings": N_("Meetings"),
    "programmes": N_("Programmes"),
    "strategy": N_("Strategy"),
    "people": N_("People"),
    "glossary": N_("Glossary"),
    "sources": N_("Sources"),
}

# The filters the search box offers, in its order, with their names (the members'
# site alone has pages of more than one marking to filter by).
FILTER_LABELS = (
    ("kind", N_("Kind")),
    ("year", N_("Year")),
    ("topic", N_("Topic")),
    ("classification", N_("Classification")),
)
ANY = N_("Any")
# The button that shows them: their values load only when the reader asks, as on a
# large site they weigh more than the rest of a first search (BENCHMARKS.md).
SHOW_FILTERS = N_("Filters")


def filter_labels(t: Translator) -> dict[str, Any]:
    """What overrides/partials/search.html hands the search box: its filters' names."""
    return {
        "filters": [[name, t.gettext(label)] for name, label in FILTER_LABELS],
        "any": t.gettext(ANY),
        "show": t.gettext(SHOW_FILTERS),
    }


@dataclass(frozen=True)
class SearchFacets:
    section: str
    kind: str
    years: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    classification: str | None = None  # the members' site only
    doc_id: str | None = None  # weighted above body text

    def filters(self) -> list[tuple[str, str]]:
        """(filter, value) pairs, one per attribute the template writes."""
        pairs = [("kind", self.kind)]
        pairs += [("year", year) for year in self.years]
        pairs += [("topic", topic) for topic in self.topics]
        if self.classification:
            pairs.append(("classification", self.classification))
        return pairs


def facets(
    src: str,
    record: Any,
    kind: str | None,
    classification: str,
    audience: Audience,
    t: Translator,
    edition: Any = None,
) -> SearchFacets:
    folder = src.split("/", 1)[0] if "/" in src else src.removesuffix(".md")
    folder = "" if folder == "index" else folder
    section = t.gettext(SECTION_LABELS.get(folder, N_("Home")))
    label = KIND_LABELS.get(kind or "", N_("Page"))
    dates = []
    if edition is not None:
        dates.append(edition.date)
    elif record is not None:
        dates += [getattr(record, "start", None)]
        dates += [e.date for e in getattr(record, "editions", None) or ()]
    years = tuple(sorted({str(d.year) for d in dates if d is not None}))
    topics = tuple(t.gettext(topic.label) for topic in getattr(record, "topics", None) or ())
    return SearchFacets(
        section=section,
        kind=t.gettext(label),
        years=years,
        topics=topics,
        classification=classification if audience is not Audience.PUBLIC else None,
        doc_id=getattr(record, "doc_id", None),
    )
