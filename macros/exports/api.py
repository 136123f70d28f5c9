"""Open data: /api/v1/*.json, each checked against its schema before it is written.

Stability promise (v1): fields are added, never renamed or removed; a change
that would break a reader gets a new /api/v2/ beside this one.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..address import absolute
from ..load.cache import cache_dir
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
    where = f"api-checked-{build.audience.value}-{build.language}"
    checked = CheckedItems(cache_dir(build.root, where, build.config))
    for endpoint in api_item_models():
        payload = {
            "api_version": API_VERSION,
            "endpoint": endpoint,
            "count": 0,
            "items": items(build, endpoint),
        }
        payload["count"] = len(payload["items"])
        schema = api_schema(endpoint)
        _check(endpoint, payload, schema, checked)
        write_json(site_dir, f"{API_DIR}/{endpoint}.json", payload)
        write_text(site_dir, f"{API_DIR}/schemas/{endpoint}.schema.json", render(schema))
        index["endpoints"][endpoint] = {
            "data": f"{endpoint}.json",
            "schema": f"schemas/{endpoint}.schema.json",
            "count": payload["count"],
        }
    write_json(site_dir, f"{API_DIR}/index.json", index)
    checked.save()


class CheckedItems:
    """Digests of items that matched their schema in an earlier build (kept in the cache
    folder): checking ten thousand items took seconds on every build, though most were
    the same bytes against the same schema as the time before."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known: set[bytes] = pickle.loads(path.read_bytes())
        except Exception:  # none yet, or damaged: check everything
            self.known = set()
        self.now: set[bytes] = set()

    VALIDATOR = version("jsonschema")

    @classmethod
    def keys(cls, schema: dict, items: list) -> list[bytes]:
        against = json.dumps([cls.VALIDATOR, schema], sort_keys=True).encode()
        return [
            hashlib.sha256(against + json.dumps(item, sort_keys=True).encode()).digest()
            for item in items
        ]

    def save(self) -> None:
        if self.now != self.known:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
            temporary.write_bytes(pickle.dumps(self.now))
            temporary.replace(self.path)


def _check(endpoint: str, payload: dict, schema: dict, checked: CheckedItems) -> None:
    """An endpoint that does not match its published schema is a fault of the build:
    stop rather than publish it. Items that matched the same schema before are not
    checked again; the rest are, with the envelope around them."""
    from jsonschema import Draft202012Validator

    keys = checked.keys(schema, payload["items"])
    fresh = [index for index, key in enumerate(keys) if key not in checked.known]
    subset = {**payload, "items": [payload["items"][index] for index in fresh]}
    errors = sorted(Draft202012Validator(schema).iter_errors(subset), key=lambda e: e.path)
    if errors:
        path = list(errors[0].absolute_path)
        if path[:1] == ["items"] and len(path) > 1:  # the item's place in the whole list
            path[1] = fresh[path[1]]
        where = "/".join(map(str, path)) or "(top)"
        raise RuntimeError(
            f"api/v1/{endpoint}.json does not match its schema at {where}: {errors[0].message}"
        )
    checked.now.update(keys)


__all__ = ["API_DIR", "API_SCHEMA_DIR", "write"]
