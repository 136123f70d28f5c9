"""The kinds of record: where their files live, where their pages live (each model's
``page_dir``) and which templates show those pages.

One table, read by the catalog (to load), the rules (to pair records with
pages) and the views (to link to a record's page, and to show it with the
header and details templates named here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from . import models


@dataclass(frozen=True)
class Kind:
    name: str  # singular, as used in references: "person"
    model: type[BaseModel]
    data: str  # path under data/: a folder of files, or one file
    layout: Literal["folder", "list", "single"]
    list_key: str | None = None  # for "list": the key holding the entries
    # A record page's header and details: files in render/templates/ (kinds with pages)
    header: str | None = None
    details: str | None = None

    @property
    def page_dir(self) -> str | None:
        """docs/<page_dir>/<id>.md is each record's page (None: no pages)."""
        return getattr(self.model, "page_dir", None)


KINDS: tuple[Kind, ...] = (
    Kind(
        "source",
        models.Source,
        "sources",
        "folder",
        header="source_header.html",
        details="source_details.html",
    ),
    Kind("organisation", models.Organisation, "organisations.yaml", "list", "organisations"),
    Kind(
        "person",
        models.Person,
        "people",
        "folder",
        header="person_header.html",
        details="person_details.html",
    ),
    Kind(
        "programme",
        models.Programme,
        "programmes",
        "folder",
        header="programme_header.html",
        details="programme_details.html",
    ),
    Kind(
        "meeting",
        models.Meeting,
        "meetings",
        "folder",
        header="meeting_header.html",
        details="meeting_details.html",
    ),
    Kind(
        "paper",
        models.Paper,
        "papers",
        "folder",
        header="paper_header.html",
        details="paper_details.html",
    ),
    Kind("term", models.GlossaryEntry, "glossary.yaml", "list", "terms"),
    Kind("group", models.Group, "group.yaml", "single"),
)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_PAGE_DIR = {kind.page_dir: kind for kind in KINDS if kind.page_dir}
