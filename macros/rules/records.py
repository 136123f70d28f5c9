"""Each record's own rules: what one model checks across its fields."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.catalog import Catalog
from ..model.kinds import KINDS
from ..problems import Problem


def every_record(catalog: Catalog, salvaged: bool = False):
    """Every record with its origin; with ``salvaged``, also what could be read of the
    records that have errors (for the rules that can still check it)."""
    for kind in KINDS:
        for record_id, record in catalog.records[kind.name].items():
            yield kind.name, record, catalog.origin(kind.name, record_id)
    if salvaged:
        for (kind_name, record_id), record in catalog.salvaged.items():
            yield kind_name, record, catalog.origin(kind_name, record_id)


def record_rules(catalog: Catalog) -> Iterator[Problem]:
    """Each model's own cross-field rules (dates in order, required combinations...)."""
    for _, record, origin in every_record(catalog, salvaged=True):
        for loc, message in record.problems():
            yield origin.problem(loc, message)
