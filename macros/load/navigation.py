"""Which pages the site's menus reach: mkdocs.yml's ``nav`` and ``not_in_nav``.

Read here so that ``gceg validate`` names a page no menu leads to as ``path:line``; the
strict build would otherwise stop on MkDocs' own warning, after validation had passed.
The patterns are matched with the library and class MkDocs uses (pathspec's
GitIgnoreSpec), so what this says is what MkDocs will decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pathspec.gitignore import GitIgnoreSpec


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags (``!ENV``, ``!relative``) stand for values only MkDocs knows;
    the menus never use them, so each reads as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Navigation:
    listed: frozenset[str]  # the pages ``nav`` names, as paths under docs/
    unlisted: GitIgnoreSpec  # ``not_in_nav``: pages reached from other pages instead

    def reaches(self, src: str) -> bool:
        return src in self.listed or self.unlisted.match_file(src)


def read_navigation(root: Path) -> Navigation | None:
    """The menus of the site under ``root``; None when mkdocs.yml gives no ``nav`` (MkDocs
    then lists every page) or cannot be read (MkDocs reports that itself)."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), _ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(config, dict) or not isinstance(config.get("nav"), list):
        return None
    patterns = config.get("not_in_nav")
    lines = patterns.splitlines() if isinstance(patterns, str) else []
    return Navigation(frozenset(_pages_named(config["nav"])), GitIgnoreSpec.from_lines(lines))


def _pages_named(entry: Any):
    if isinstance(entry, str):
        if "://" not in entry:  # an external link is no page
            yield entry
    elif isinstance(entry, list):
        for item in entry:
            yield from _pages_named(item)
    elif isinstance(entry, dict):
        for value in entry.values():
            yield from _pages_named(value)
