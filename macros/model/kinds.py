"""The kinds of record: where their files live, where their pages live (each model's
``page_dir``) and which templates show those pages.

One table, read by the catalog (to load), the rules (to pair records with
pages) and the views (to link to a record's page, and to show it with the
templates PAGE_TEMPLATES names).
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

    @property
    def page_dir(self) -> str | None:
        """docs/<page_dir>/<id>.md is each record's page (None: no pages)."""
        return getattr(self.model, "page_dir", None)

    @property
    def templates(self) -> tuple[str, str] | None:
        """The header and the details of each record's page (None: no pages)."""
        return PAGE_TEMPLATES.get(self.name)


KINDS: tuple[Kind, ...] = (
    Kind("source", models.Source, "sources", "folder"),
    Kind("organisation", models.Organisation, "organisations.yaml", "list", "organisations"),
    Kind("person", models.Person, "people", "folder"),
    Kind("programme", models.Programme, "programmes", "folder"),
    Kind("meeting", models.Meeting, "meetings", "folder"),
    Kind("paper", models.Paper, "papers", "folder"),
    Kind("term", models.GlossaryEntry, "glossary.yaml", "list", "terms"),
    Kind("group", models.Group, "group.yaml", "single"),
)
# A record page's header and details: render/templates/<kind>/, one folder per kind
# (beside them the kind's index and its other fragments).
PAGE_TEMPLATES = {
    "source": ("source/header.html", "source/details.html"),
    "person": ("person/header.html", "person/details.html"),
    "programme": ("programme/header.html", "programme/details.html"),
    "meeting": ("meeting/header.html", "meeting/details.html"),
    "paper": ("paper/header.html", "paper/details.html"),
}
BY_NAME = {kind.name: kind for kind in KINDS}
BY_PAGE_DIR = {kind.page_dir: kind for kind in KINDS if kind.page_dir}
