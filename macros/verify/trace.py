"""Naming the source of a problem found in the built site.

The built page is traced back to ``docs/<page>.md`` (MkDocs' own rule for
where a page is written), and the offending text is looked for in that file
and then in data/, so the contributor is sent to the line to change. What
cannot be traced there (the theme's own output) is reported at the output
file and its line.
"""

from __future__ import annotations

import html
from functools import cached_property
from pathlib import Path


class Tracer:
    def __init__(self, root: Path, site_dir: Path, display_site: str):
        self.root = root
        self.site_dir = site_dir
        self.display_site = display_site  # how the output folder is named in messages

    @cached_property
    def _sources(self) -> dict[str, Path]:
        """Output path -> page source, for directory URLs and for the offline bundle's."""
        docs = self.root / "docs"
        found: dict[str, Path] = {}
        for source in docs.rglob("*.md"):
            stem = source.relative_to(docs).with_suffix("").as_posix()
            if stem == "index" or stem.endswith("/index"):
                found[f"{stem}.html"] = source
            else:
                found[f"{stem}/index.html"] = source
                found[f"{stem}.html"] = source
        return found

    @cached_property
    def _data_files(self) -> list[tuple[Path, str]]:
        """Every data file with its text, read once however many problems are traced."""
        paths = sorted((self.root / "data").rglob("*.y*ml"))
        return [(path, path.read_text(encoding="utf-8", errors="replace")) for path in paths]

    def locate(self, output: str, needle: str, page_html: str) -> tuple[str, int]:
        """(path, line) of ``needle``: in the page source, in data/, else in the output."""
        candidates = [c for c in {needle, html.unescape(needle), html.escape(needle)} if c.strip()]
        source = self._sources.get(output)
        page = [(source, source.read_text(encoding="utf-8", errors="replace"))] if source else []
        for path, text in page + self._data_files:
            line = _line_of(text, candidates)
            if line:
                return path.relative_to(self.root).as_posix(), line
        return f"{self.display_site}/{output}", _line_of(page_html, candidates) or 1


def _line_of(text: str, candidates: list[str]) -> int:
    for candidate in candidates:
        position = text.find(candidate[:200])
        if position >= 0:
            return text.count("\n", 0, position) + 1
    return 0
