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
from ..model.models import PageMeta

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


API_KIND = {"meetings": "meeting", "papers": "paper", "programmes": "programme",
            "people": "person", "organisations": "organisation", "sources": "source",
            "glossary": "term", "group": "group"}  # fmt: skip


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


def all_schemas() -> dict[str, dict[str, Any]]:
    schemas = {schema_name(kind): schema_for(kind) for kind in KINDS}
    page = PageMeta.model_json_schema()
    schemas["page-front-matter.schema.json"] = {
        "$schema": DIALECT,
        **page,
        "title": "GCEG page front matter",
    }
    for endpoint in api_item_models():
        schemas[f"{API_SCHEMA_DIR}/{endpoint}.schema.json"] = api_schema(endpoint)
    from ..tools.report import json_schema  # `gceg report --format json`

    schemas["report.schema.json"] = json_schema()
    return schemas


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def stale(root: Path) -> list[str]:
    """Schema files that differ from what the models generate (or are missing or extra),
    and, with the reason, schema files that are not valid under the draft they declare."""
    folder = root / SCHEMA_DIR
    expected = {name: render(schema) for name, schema in all_schemas().items()}
    found = (
        {p.relative_to(folder).as_posix() for p in folder.rglob("*.schema.json")}
        if folder.is_dir()
        else set()
    )
    problems = [
        name
        for name, text in expected.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    broken = [f"{name} ({reason})" for name in sorted(found) if (reason := invalid(folder / name))]
    return sorted(problems + sorted(found - set(expected))) + broken


def invalid(path: Path) -> str | None:
    """Why a schema file is not valid under the JSON Schema draft its ``$schema`` names,
    or None. Patterns are checked as editors and check-jsonschema read them: as ECMA-262
    regular expressions with the ``u`` flag, where escaping a character that is not regex
    syntax (``\\"``, or ``\\-`` outside a class) is an error that Python's ``re`` lets pass."""
    try:  # both come with the test extras (requirements/lock.txt)
        import jsonschema
        from check_jsonschema.regex_variants import RegexImplementation, RegexVariantName
    except ImportError:
        return "cannot check: install jsonschema and check-jsonschema (`make setup`)"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        return f"not JSON: {error}"
    if not isinstance(schema, dict) or "$schema" not in schema:
        return "not a JSON Schema object with a $schema"
    validator = jsonschema.validators.validator_for(schema, default=None)
    if validator is None:
        return f"$schema names no JSON Schema draft this check knows: {schema['$schema']!r}"
    # check-jsonschema's own regex check, in its default (ECMA-262, unicode) variant, so
    # this check and the `check-jsonschema --check-metaschema` command agree.
    ecma_unicode = RegexImplementation(RegexVariantName.default).check_format
    formats = jsonschema.FormatChecker()
    formats.checks("regex")(ecma_unicode)
    errors = validator(validator.META_SCHEMA, format_checker=formats).iter_errors(schema)
    reasons = sorted(f"{error.json_path}: {error.message}" for error in errors)
    if not reasons:
        return None
    draft = validator.META_SCHEMA["$schema"]
    return f"not valid under {draft} (patterns as ECMA-262, u flag): " + "; ".join(reasons)
