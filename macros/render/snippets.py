"""pymdownx.snippets, refusing symbolic links.

pymdownx.snippets keeps an included file under its base folder by comparing
paths as written (``os.path.abspath``), so a link inside ``includes/``
pointing anywhere else is still read. Validation refuses such links
(symlinks.py); this extension refuses them again at the moment a file is
included, so a build that skipped validation cannot follow one either.
"""

from __future__ import annotations

import os
from pathlib import Path

from pymdownx.snippets import SnippetExtension, SnippetPreprocessor

from ..load.symlinks import is_linked


class _RealFilesOnly(SnippetPreprocessor):
    def get_snippet_path(self, path):
        found = super().get_snippet_path(path)
        if found is not None and any(
            _inside(found, base) and is_linked(Path(found).absolute(), Path(base).absolute())
            for base, _ in self.get_bases()
        ):
            from mkdocs.exceptions import PluginError

            from . import allowlist as sanitize

            raise PluginError(
                f"docs/{sanitize.current_page}: (snippet): '{path}' is a symbolic link "
                "or inside one; snippets are read from real files in includes/ only"
            )
        return found


def _inside(path: str, base: str) -> bool:
    base = os.path.abspath(base)
    return os.path.commonpath([os.path.abspath(path), base]) == base


class RealFileSnippetExtension(SnippetExtension):
    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        md.preprocessors.register(_RealFilesOnly(self.getConfigs(), md), "snippet", 32)


def makeExtension(**kwargs) -> RealFileSnippetExtension:
    return RealFileSnippetExtension(**kwargs)
