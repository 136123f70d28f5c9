"""`gceg translations`: how much of the site each language's translation covers.

Read from the catalog (one load): each page and each record is translated (its
sidecar's ``translates:`` names the current English file), stale (it names an older
one) or missing. Pages are the English pages; records, those of every kind; a source
counts as translated when its cited passages are
(``data/sources/<id>.<lang>.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..load.catalog import Catalog
from ..load.translations import TRANSLATED


@dataclass
class Counts:
    translated: int = 0
    stale: int = 0
    missing: int = 0

    def add(self, found) -> None:
        if found is None:
            self.missing += 1
        elif found.stale:
            self.stale += 1
        else:
            self.translated += 1

    @property
    def total(self) -> int:
        return self.translated + self.stale + self.missing


def coverage(catalog: Catalog) -> dict[str, tuple[Counts, Counts]]:
    """(pages, records) counts for each translated language."""
    out = {}
    translations = catalog.translations
    for language in TRANSLATED:
        pages, records = Counts(), Counts()
        for src in sorted(catalog.pages):
            pages.add(translations.page(language, src))
        for kind, items in sorted(catalog.records.items()):
            for record_id in sorted(items):
                if kind == "source":  # a source's translation is of its cited passages
                    records.add(translations.passage_files.get((language, record_id)))
                else:
                    records.add(translations.record(language, kind, record_id))
        out[language] = (pages, records)
    return out


def table(catalog: Catalog) -> str:
    """The coverage as a Markdown table (for a terminal, the README or a job summary)."""
    lines = [
        "| language | pages translated | stale | missing | records translated | stale | missing |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for language, (pages, records) in coverage(catalog).items():
        lines.append(
            f"| {language} | {pages.translated}/{pages.total} | {pages.stale} | {pages.missing} "
            f"| {records.translated}/{records.total} | {records.stale} | {records.missing} |"
        )
    return "\n".join(lines)
