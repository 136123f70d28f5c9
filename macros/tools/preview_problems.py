"""What the live preview shows when the content does not validate.

MkDocs' server holds every request while a rebuild is failing ("the server
will appear stuck"), and the problems are only in the terminal. In the
preview (`gceg serve`) a failed validation builds a stand-in site instead:
every page address the content has answers with the list of problems, and
the server's live-reload script (it adds one to every page it serves) reloads
the page once the files are fixed and the real site is built. Built sites
(`gceg build`) never do this: there a problem fails the build.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

from mkdocs.structure.files import File

from ..exports.pdf.compose import page_file
from ..problems import ValidationFailed

_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Preview: {count} to fix</title>
<meta name="robots" content="noindex"></head>
<body>
<main>
<h1>This preview cannot be built yet</h1>
<p>{count} in the content, as <code>gceg validate</code> reports them. Fix them and save:
this page reloads by itself when the site builds again.</p>
<pre>{problems}</pre>
</main>
</body>
</html>
"""


def stand_in(config, error: ValidationFailed) -> None:
    """Point MkDocs at an empty docs folder (the content cannot be read as a site), still
    watching the real one, so that saving the fix rebuilds."""
    docs = config["docs_dir"]
    if docs not in config["watch"]:
        config["watch"].append(docs)
    config["docs_dir"] = tempfile.mkdtemp(prefix="gceg-preview-problems-")
    (Path(config["docs_dir"]) / "index.md").write_text("", encoding="utf-8")
    config["nav"] = None
    config["exclude_docs"] = None


def write_pages(root: Path, site_dir: Path, error: ValidationFailed) -> int:
    """The problems at every page address of the content, and as the 404 page; the count."""
    count = f"{len(error.problems)} problem{'s' if len(error.problems) != 1 else ''}"
    page = _PAGE.format(
        count=count, problems=html.escape("\n".join(map(str, error.problems)))
    ).encode()
    docs = root / "docs"
    written = 0
    for folder, _, files in os.walk(docs):
        for name in files:
            if not name.endswith(".md"):
                continue
            src = os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/")
            url = File(src, str(docs), str(site_dir), use_directory_urls=True).url
            target = page_file(site_dir, url)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page)
            written += 1
    (site_dir / "404.html").write_bytes(page)
    return written
