"""JSON Schemas for the data files, generated from the models (``gceg schema``).

Editors use them through the first line of each data file,
``# yaml-language-server: $schema=...``, to complete and check fields as
contributors type; API users get the same schemas beside the open data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model.kinds import KINDS, Kind

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(kind: Kind) -> str:
    """File name of the schema that a data file of this kind is checked against."""
    if kind.layout == "list":
        return f"{Path(kind.data).stem}.schema.json"
    return f"{kind.name}.schema.json"


def schema_comment(kind: Kind, data_file: str) -> str:
    """The first line every data file starts with, pointing at its schema."""
    depth = data_file.count("/")  # data/x.yaml -> 1, data/meetings/x.yaml -> 2
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{schema_name(kind)}"


def schema_for(kind: Kind) -> dict[str, Any]:
    schema = kind.model.model_json_schema(mode="validation")
    definitions = schema.pop("$defs", {})
    if kind.layout == "folder":  # the id is the file name, not a field
        schema["properties"].pop("id", None)
        schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    if kind.layout == "list":
        schema = {
            "type": "object",
            "properties": {kind.list_key: {"type": "array", "items": schema}},
            "required": [kind.list_key],
            "additionalProperties": False,
        }
    title = f"GCEG {kind.name} record" if kind.layout != "list" else f"GCEG {kind.data}"
    out = {"$schema": DIALECT, **schema, "title": title}
    if definitions:
        out["$defs"] = definitions
    return out


API_VERSION = "1"
API_SCHEMA_DIR = "api-v1"  # schemas/api-v1/<endpoint>.schema.json


def api_item_models() -> dict[str, tuple[type, bool]]:
    """Each open-data endpoint: the model of its items, and whether items carry a page URL."""
    from ..render.documents import Document, EditionItem

    by_kind = {kind.name: kind for kind in KINDS}
    return {
        "documents": (Document, False),
        "editions": (EditionItem, False),
        "meetings": (by_kind["meeting"].model, True),
        "papers": (by_kind["paper"].model, True),
        "programmes": (by_kind["programme"].model, True),
        "people": (by_kind["person"].model, True),
        "organisations": (by_kind["organisation"].model, False),
        "sources": (by_kind["source"].model, True),
        "glossary": (by_kind["term"].model, False),
        "group": (by_kind["group"].model, False),
    }


API_KIND = {
    "meetings": "meeting",
    "papers": "paper",
    "programmes": "programme",
    "people": "person",
    "organisations": "organisation",
    "sources": "source",
    "glossary": "term",
    "group": "group",
}


def api_schema(endpoint: str) -> dict[str, Any]:
    model, has_url = api_item_models()[endpoint]
    item = model.model_json_schema(mode="serialization")
    definitions = item.pop("$defs", {})
    if has_url:
        item["properties"]["url"] = {"type": "string", "description": "The record's page."}
        item["required"] = [*item.get("required", []), "url"]
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": f"GCEG open data v{API_VERSION}: {endpoint}",
        "type": "object",
        "properties": {
            "api_version": {"const": API_VERSION},
            "endpoint": {"const": endpoint},
            "count": {"type": "integer", "minimum": 0},
            "items": {"type": "array", "items": item},
        },
        "required": ["api_version", "endpoint", "count", "items"],
        "additionalProperties": False,
    }
    if definitions:
        schema["$defs"] = definitions
    return schema


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
