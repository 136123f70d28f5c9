"""The repository's schemas/ folder (``gceg schema``): every JSON Schema the models
generate (exports/schemas.py), the change report's among them, written or checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..exports.schemas import (
    API_SCHEMA_DIR,
    DIALECT,
    SCHEMA_DIR,
    api_item_models,
    api_schema,
    render,
    schema_for,
    schema_name,
)
from ..model.kinds import KINDS
from ..model.models import PageMeta
from .report import json_schema


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
    schemas["report.schema.json"] = json_schema()  # `gceg report --format json`
    return schemas


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
