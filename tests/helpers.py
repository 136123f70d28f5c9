"""Readers for the built site that several test modules share."""

from __future__ import annotations

import functools
import gzip
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

# Attributes through which a page makes the browser fetch something by itself.
RESOURCE_ATTRIBUTES = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
}
FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "dns-prefetch",
    "preconnect",
}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//", re.I)
ACTIVE_SCHEMES = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)


def remote_resources(soup: BeautifulSoup) -> list[str]:
    """Everything in a page that would make the browser fetch from another host."""
    found = []
    for tag, attributes in RESOURCE_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            for attribute in attributes:
                for url in (element.get(attribute) or "").split(","):
                    if REMOTE.match(url):
                        found.append(f"<{tag} {attribute}={url.strip()}>")
    for element in soup.find_all("link"):
        if FETCHING_LINK_RELS & set(element.get("rel") or []) and REMOTE.match(
            element.get("href", "")
        ):
            found.append(f"<link href={element['href']}>")
    for element in soup.find_all(style=True):
        if CSS_URL.search(element["style"]):
            found.append(f"style={element['style']}")
    for element in soup.find_all("style"):
        if CSS_URL.search(element.get_text()):
            found.append("<style> url()")
    return found


def active_content(soup: BeautifulSoup, marker: str) -> list[str]:
    """Markup that would run: event handlers, script URLs, and scripts or frames carrying ``marker``."""
    found = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}>")
            if (
                isinstance(value, str)
                and ACTIVE_SCHEMES.match(value)
                and name in ("href", "src", "action", "formaction", "data", "xlink:href")
            ):
                found.append(f"<{element.name} {name}={value}>")
    for element in soup.find_all(["script", "iframe", "object", "embed", "svg"]):
        if marker in str(element):
            found.append(f"<{element.name}> with {marker}")
    return found


# Pagefind's index files (pagefind/) are gzip streams that start, once inflated, with this.
PAGEFIND_SIGNATURE = b"pagefind_dcd"
PAGEFIND_SUFFIXES = {".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"}


def site_bytes(path: Path) -> bytes:
    """A file's bytes as a reader could recover them: a Pagefind index file inflated."""
    data = path.read_bytes()
    if path.suffix not in PAGEFIND_SUFFIXES:
        return data
    inflated = gzip.decompress(data)
    assert inflated.startswith(PAGEFIND_SIGNATURE), path
    return inflated[len(PAGEFIND_SIGNATURE) :]


def search_records(site: Path) -> list[dict]:
    """Every page Pagefind indexed: url, content, meta (title, section) and filters."""
    fragments = sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    return [json.loads(site_bytes(path)) for path in fragments]


def readable(path: Path) -> bytes:
    """A file's bytes; for a PDF (whose streams are compressed) its text, metadata and link
    addresses; for a .gz file, what it holds. Remembered per file version (the leak tests
    read every file of a site once per canary, and a PDF's text takes pypdf seconds)."""
    status = path.stat()
    return _readable(path, status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=8192)
def _readable(path: Path, _mtime_ns: int, _size: int) -> bytes:
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes())
    if path.suffix != ".pdf":
        return site_bytes(path)
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    links = [
        str(action.get("/URI", ""))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if (action := annotation.get_object().get("/A")) is not None
    ]
    return (text + repr(dict(reader.metadata or {})) + "\n".join(links)).encode()


def files_containing(site: Path, needle: str) -> list[str]:
    """Every file of a built site whose readable content holds ``needle``."""
    hits = []
    for path in site.rglob("*"):
        if path.is_file() and needle.encode() in readable(path):
            hits.append(str(path.relative_to(site)))
    return hits
