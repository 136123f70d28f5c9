"""The Nu HTML Checker (vnu.jar) on every HTML page of the built sites, in one Java run."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.audit import referees


@dataclass(frozen=True)
class NuError:
    page: str  # the page's path under its site, e.g. "public/meetings/index.html"
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line or '?'}: {self.message}"


def check(vnu: Path, sites: dict[str, Path]) -> tuple[int, list[NuError]]:
    """(pages checked, errors) for every *.html file of ``sites`` (name -> folder)."""
    pages = {site: sorted(folder.rglob("*.html")) for site, folder in sites.items()}
    files = [str(page) for folder in pages.values() for page in folder]
    if not files:
        return 0, []
    result = subprocess.run(
        [referees.java(), "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise RuntimeError(f"vnu.jar gave no report:\n{result.stderr[-2000:]}") from None
    names = {
        page.resolve().as_uri(): f"{site}/{page.relative_to(sites[site]).as_posix()}"
        for site, folder in pages.items()
        for page in folder
    }
    errors = [
        NuError(
            page=names.get(_file_uri(m.get("url", "")), m.get("url", "")),
            line=m.get("lastLine"),
            message=m.get("message", ""),
            extract=m.get("extract", ""),
        )
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    return len(files), errors


def _file_uri(url: str) -> str:
    # vnu writes file:/path; Path.as_uri() writes file:///path
    return "file:///" + url.removeprefix("file:").lstrip("/") if url.startswith("file:") else url
