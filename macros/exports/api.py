"""Open data: /api/v1/*.json, each checked against its schema before it is written.

Stability promise (v1): fields are added, never renamed or removed; a change
that would break a reader gets a new /api/v2/ beside this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..address import absolute
from ..model.kinds import BY_NAME
from ..render import documents
from ..render.citations import LOCAL_BUILD_NOTE
from .files import write_json, write_text
from .schemas import API_KIND, API_SCHEMA_DIR, API_VERSION, api_item_models, api_schema, render

if TYPE_CHECKING:
    from ..render.site import SiteBuild

API_DIR = f"api/v{API_VERSION}"


def items(build: SiteBuild, endpoint: str) -> list[dict[str, Any]]:
    catalog, urls = build.catalog, build.urls
    if endpoint == "documents":
        return [d.model_dump(mode="json") for d in documents.documents(catalog, urls)]
    if endpoint == "editions":
        return [e.model_dump(mode="json") for e in documents.editions(catalog, urls)]
    kind = BY_NAME[API_KIND[endpoint]]
    _, has_url = api_item_models()[endpoint]
    out = []
    for record_id in sorted(catalog.records[kind.name]):
        item = catalog.get(kind.name, record_id).model_dump(mode="json")
        if has_url:
            item["url"] = urls[f"{kind.page_dir}/{record_id}.md"]
        out.append(item)
    return out


def write(build: SiteBuild, site_dir: Path) -> None:
    # the site's address, or null with a plain note in a local build (macros/address.py)
    site = absolute(build.site_url, "")
    index = {"api_version": API_VERSION, "site": site, "endpoints": {}}
    if site is None:
        index["note"] = LOCAL_BUILD_NOTE
    for endpoint in api_item_models():
        payload = {
            "api_version": API_VERSION,
            "endpoint": endpoint,
            "count": 0,
            "items": items(build, endpoint),
        }
        payload["count"] = len(payload["items"])
        schema = api_schema(endpoint)
        _check(endpoint, payload, schema)
        write_json(site_dir, f"{API_DIR}/{endpoint}.json", payload)
        write_text(site_dir, f"{API_DIR}/schemas/{endpoint}.schema.json", render(schema))
        index["endpoints"][endpoint] = {
            "data": f"{endpoint}.json",
            "schema": f"schemas/{endpoint}.schema.json",
            "count": payload["count"],
        }
    write_json(site_dir, f"{API_DIR}/index.json", index)


def _check(endpoint: str, payload: dict, schema: dict) -> None:
    """An endpoint that does not match its published schema is a fault of the build:
    stop rather than publish it."""
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(schema).iter_errors(payload), key=lambda e: e.path)
    if errors:
        where = "/".join(map(str, errors[0].absolute_path)) or "(top)"
        raise RuntimeError(
            f"api/v1/{endpoint}.json does not match its schema at {where}: {errors[0].message}"
        )


__all__ = ["API_DIR", "API_SCHEMA_DIR", "write"]
