"""References between records: they resolve, ids and document numbers are unique, a
succession is stated on both sides."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..load.catalog import Catalog
from ..problems import Problem
from .records import every_record


def references_resolve(catalog: Catalog) -> Iterator[Problem]:
    """Every id a record names exists, and is not more restricted than the record naming it."""
    for kind_name, record, origin in every_record(catalog, salvaged=True):
        for loc, kind, target_id in catalog.contents[(kind_name, record.id)].references:
            if (kind, target_id) in catalog.declared and not catalog.has(kind, target_id):
                continue  # its file exists; its own errors are reported there
            if not catalog.has(kind, target_id):
                known = list(catalog.records[kind])
                close = difflib.get_close_matches(target_id, known, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                yield origin.problem(loc, f"no {kind} with id '{target_id}'{hint}")
                continue
            target = catalog.get(kind, target_id)
            if target.classification.rank > record.classification.rank:
                yield origin.problem(
                    loc,
                    f"refers to {kind} '{target_id}' marked {target.classification}, from a "
                    f"record marked {record.classification}: its readers may not see it",
                )


def document_ids_unique(catalog: Catalog) -> Iterator[Problem]:
    """Document numbers are unique. Two pull requests can pick the same next number; the
    second to merge fails here (its branch brought up to date), told the next free one."""
    seen: dict[str, tuple[str, str]] = {}
    for kind_name, record, origin in every_record(catalog):
        doc_id = getattr(record, "doc_id", None)
        if doc_id is None:
            continue
        if doc_id in seen:
            other_kind, other_id = seen[doc_id]
            other = catalog.origin(other_kind, other_id)
            yield origin.problem(
                ("doc_id",),
                f"duplicate document id '{doc_id}' (also used at {other.path}:"
                f"{other.line(('doc_id',))}); the next free number is "
                f"'{next_free_number(catalog, doc_id)}'",
            )
        else:
            seen[doc_id] = (kind_name, record.id)


def next_free_number(catalog: Catalog, doc_id: str) -> str:
    """The lowest number after every one in use in the series of ``doc_id`` (GCEG-STRAT-...)."""
    series, _, digits = doc_id.rpartition("-")
    used = [
        int(other.rpartition("-")[2])
        for kind in ("paper", "meeting")
        for record in [
            *catalog.records[kind].values(),
            *(r for (k, _), r in catalog.salvaged.items() if k == kind),
        ]
        if (other := getattr(record, "doc_id", "")).startswith(series + "-")
    ]
    return f"{series}-{max(used, default=0) + 1:0{len(digits)}d}"


def succession_is_mutual(catalog: Catalog) -> Iterator[Problem]:
    """A superseded paper names its successor, and the successor names it back."""
    for paper in catalog.all("paper"):
        origin = catalog.origin("paper", paper.id)
        pairs = (("superseded_by", "supersedes"), ("supersedes", "superseded_by"))
        for field, back in pairs:
            other_id = getattr(paper, field)
            if not other_id or not catalog.has("paper", other_id):
                continue  # a missing id is reported by references_resolve
            if other_id == paper.id:
                continue  # the paper's own rule says it cannot succeed itself
            if getattr(catalog.get("paper", other_id), back) != paper.id:
                yield origin.problem(
                    (field,),
                    f"'{other_id}' must name this paper back ({back}: {paper.id})",
                )
