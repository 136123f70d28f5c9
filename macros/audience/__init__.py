"""Who may read what: the one filter every output passes through.

An audience has a ceiling; a record or page marked above it is absent from
that audience's catalog, and so from every page, index, search entry,
sitemap and export built from it. TLP:RED is never published.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from ..model.vocab import Classification

if TYPE_CHECKING:  # the enum alone is imported by every command; the catalog is not needed
    from ..load.catalog import Catalog


class Audience(StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"

    @property
    def ceiling(self) -> Classification:
        return {
            Audience.PUBLIC: Classification.CLEAR,
            Audience.MEMBERS: Classification.AMBER_STRICT,
        }[self]

    @property
    def site_dir(self) -> str:
        """Where ``gceg build`` publishes this audience's site."""
        return {Audience.PUBLIC: "site", Audience.MEMBERS: "site-members"}[self]

    def may_see(self, classification: Classification) -> bool:
        if classification is Classification.RED:
            return False
        return classification.rank <= self.ceiling.rank


def restrict(catalog: Catalog, audience: Audience) -> Catalog:
    """The part of the catalog this audience may see."""
    from ..load.catalog import Catalog
    from ..rules.references import references_resolve

    records = {
        kind: {
            rid: record for rid, record in items.items() if audience.may_see(record.classification)
        }
        for kind, items in catalog.records.items()
    }
    origins = {key: origin for key, origin in catalog.origins.items() if key[1] in records[key[0]]}
    pages = {
        src: page for src, page in catalog.pages.items() if audience.may_see(page.classification)
    }
    contents = {key: value for key, value in catalog.contents.items() if key in origins}
    visible = Catalog(catalog.root, records, origins, pages, contents=contents)
    visible.other_files = catalog.other_files  # docs/assets/: every audience sees them
    # translations of what this audience sees only (a restricted page's is as restricted)
    visible.translations = catalog.translations.restricted(set(pages), records)
    # Validation already refuses references to more restricted records; a dangling
    # reference here would mean that rule was bypassed, so stop rather than publish.
    dangling = list(references_resolve(visible))
    if dangling:
        raise RuntimeError(
            "restricted catalog has dangling references: " + "; ".join(map(str, dangling))
        )
    return visible
