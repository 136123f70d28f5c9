"""Rules that span records: references, classification flow, pages, citations.

One module per family of rules: records.py (each model's own rules), references.py,
pages.py (and page_markup.py, what a page's Markdown may contain), grounding.py (facts,
citations, sources). Each rule is a small generator of ``Problem``s over the whole catalog, in
the manner of python/peps' ``check-peps.py``; ``check_catalog`` runs them all
so a contributor sees every problem in one pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..config import BuildConfig
from ..load.catalog import Catalog, read
from ..problems import Problem, ValidationFailed
from .grounding import (
    citations_are_verbatim,
    facts_are_grounded,
    page_sentences_are_cited,
    sources_fully_cited,
)
from .pages import (
    docs_files_are_safe,
    editions_have_pages,
    moved_pages_do_not_collide,
    page_links_resolve,
    pages_are_in_the_navigation,
    pages_are_safe,
    pages_belong_to_a_section,
    records_have_pages,
)
from .records import record_rules
from .references import document_ids_unique, references_resolve, succession_is_mutual


def load(root: Path, use_cache: bool = True, config: BuildConfig | None = None) -> Catalog:
    """The whole project under ``root``, read and validated, every rule across records run;
    raise with every problem found. The rules run on every load (only files are cached)."""
    catalog, problems = read(root, use_cache, config)
    problems.extend(check_catalog(catalog))
    if problems:
        raise ValidationFailed(problems)
    return catalog


def check_catalog(catalog: Catalog) -> Iterator[Problem]:
    for rule in RULES:
        yield from rule(catalog)


RULES = (
    record_rules,
    facts_are_grounded,
    references_resolve,
    document_ids_unique,
    records_have_pages,
    editions_have_pages,
    succession_is_mutual,
    moved_pages_do_not_collide,
    page_links_resolve,
    pages_are_safe,
    docs_files_are_safe,
    pages_belong_to_a_section,
    pages_are_in_the_navigation,
    citations_are_verbatim,
    sources_fully_cited,
    page_sentences_are_cited,
)
