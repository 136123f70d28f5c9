"""Pages and the files under docs/: records and pages are paired, a page's marking agrees
with its record's, links resolve, moved pages do not collide, markup is safe, every page
belongs to a section."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..load.catalog import Catalog
from ..load.pages import PageFile, page_url
from ..load.translations import sidecar
from ..model.kinds import BY_NAME, BY_PAGE_DIR, KINDS
from ..model.vocab import Classification
from ..problems import Problem
from .page_markup import record_page_heading, unsafe_markup, unsafe_snippets


def records_have_pages(catalog: Catalog) -> Iterator[Problem]:
    """Each record of a kind with pages has docs/<dir>/<id>.md, and each such page a record."""
    for kind in KINDS:
        if not kind.page_dir:
            continue
        for record_id in catalog.records[kind.name]:
            if catalog.page_of(kind.name, record_id) is None:
                origin = catalog.origin(kind.name, record_id)
                yield Problem(
                    origin.path,
                    1,
                    "(page)",
                    f"this {kind.name} has no page: create docs/{kind.page_dir}/{record_id}.md",
                )
    for page in catalog.pages.values():
        if page.record is None:
            continue
        kind_name, record_id = page.record
        path = f"docs/{page.src}"
        if (kind_name, record_id) in catalog.declared and not catalog.has(kind_name, record_id):
            continue  # its record file failed validation, which is reported already
        if not catalog.has(kind_name, record_id):
            data = BY_NAME[kind_name].data
            yield Problem(
                path,
                1,
                "(page)",
                f"no {kind_name} record for this page: create data/{data}/{record_id}.yaml, "
                f"or move the page out of docs/{BY_NAME[kind_name].page_dir}/",
            )
            continue
        record = catalog.get(kind_name, record_id)
        if kind_name == "paper" and page.body.strip() and not _only_comments(page.body):
            yield Problem(
                path,
                page.body_line,
                "(page)",
                f"a paper's text lives in its editions: move this text to "
                f"docs/{catalog.edition_page(record_id, record.edition)} and leave this page empty",
            )
        yield from _marking_agrees(page, record.classification, "record")


def editions_have_pages(catalog: Catalog) -> Iterator[Problem]:
    """Each edition of a paper has its text at docs/strategy/<paper>/<edition>.md, and back."""
    for paper in catalog.all("paper"):
        origin = catalog.origin("paper", paper.id)
        for index, edition in enumerate(paper.editions):
            if catalog.edition_page(paper.id, edition.edition) not in catalog.pages:
                yield origin.problem(
                    ("editions", index, "edition"),
                    f"edition {edition.edition} has no text: create "
                    f"docs/{catalog.edition_page(paper.id, edition.edition)}",
                )
    for page in catalog.pages.values():
        if page.edition is None:
            continue
        paper_id, number = page.edition
        if not catalog.has("paper", paper_id):
            continue  # the paper has errors, reported in its own file
        paper = catalog.get("paper", paper_id)
        path = f"docs/{page.src}"
        if catalog.edition_of(page.src) is None:
            yield Problem(
                path,
                1,
                "(page)",
                f"paper '{paper_id}' has no edition {number}: add it to the editions in "
                f"data/papers/{paper_id}.yaml, or remove this page",
            )
        yield from _marking_agrees(page, paper.classification, "paper")


def _marking_agrees(page, owner: Classification, owner_name: str) -> Iterator[Problem]:
    """A page that shows a record takes the record's marking; its own may only repeat it."""
    marked = page.meta.classification
    if marked is not None and marked != owner:
        yield Problem(
            f"docs/{page.src}",
            page.meta_lines.line_of(("classification",)),
            "classification",
            f"the page is marked {marked} but its {owner_name} is {owner}; "
            f"remove the marking here (the {owner_name}'s marking applies)",
        )


def moved_pages_do_not_collide(catalog: Catalog) -> Iterator[Problem]:
    """An old address that redirects must not be a page of its own, or redirect twice."""
    live = {page_url(src) for src in catalog.pages}
    seen: dict[str, str] = {}
    for paper in catalog.all("paper"):
        origin = catalog.origin("paper", paper.id)
        for index, old in enumerate(paper.moved_from):
            if old in live:
                yield origin.problem(("moved_from", index), f"'{old}' is still a page of the site")
            elif old in seen:
                yield origin.problem(
                    ("moved_from", index), f"'{old}' already redirects to '{seen[old]}'"
                )
            seen[old] = paper.id


def _only_comments(body: str) -> bool:
    return not re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL).strip()


@dataclass(frozen=True)
class _PageText:
    """A text the site publishes as a page: an English page or one of its translations
    (docs/about.fr.md), which takes the English page's place, marking and record."""

    path: str
    page: PageFile
    scrubbed: str
    body_line: int
    links: list[tuple[int, str]]


def _page_texts(catalog: Catalog) -> Iterator[_PageText]:
    for page in catalog.pages.values():
        yield _PageText(f"docs/{page.src}", page, page.scrubbed, page.body_line, page.links)
    for (_, src), translated in sorted(catalog.translations.pages.items()):
        if (page := catalog.pages.get(src)) is not None:
            yield _PageText(
                translated.path,
                page,
                translated.scrubbed,
                translated.body_line,
                translated.links,
            )


def page_links_resolve(catalog: Catalog) -> Iterator[Problem]:
    """Links between pages point at pages that exist and that the same readers may see,
    in the English text and in each translation."""
    for text in _page_texts(catalog):
        page, path = text.page, text.path
        for line, target in text.links:
            linked = _page_at(catalog, target)
            if linked is None and _page_file_exists(catalog, target):
                continue  # the page is there but has errors, reported in its own file
            if linked is None:
                yield Problem(path, line, "(link)", f"links to '{target}', which is not a page")
            elif linked.classification.rank > page.classification.rank:
                yield Problem(
                    path,
                    line,
                    "(link)",
                    f"links to '{target}' marked {linked.classification} from a page marked "
                    f"{page.classification}: readers of this page may not see it",
                )


def _sources_of(target: str) -> list[str]:
    """The page files a link may mean: its file (a/b.md), or for a site path (a/b/) the
    files MkDocs publishes there."""
    if not target.endswith("/"):
        return [target] if target.endswith(".md") else []
    stem = target.strip("/")
    return [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]


def _page_at(catalog: Catalog, target: str):
    """The page a link reaches, if the catalog has it."""
    return next((catalog.pages[s] for s in _sources_of(target) if s in catalog.pages), None)


def _page_file_exists(catalog: Catalog, target: str) -> bool:
    """A page file with errors (a translation's file, about.fr.md, is no page to link to)."""
    return any(
        (catalog.root / "docs" / s).is_file() and sidecar(s) is None for s in _sources_of(target)
    )


def pages_are_safe(catalog: Catalog) -> Iterator[Problem]:
    """Contributor Markdown carries no active content, remote media or escaping snippets,
    in the English text and in each translation."""
    includes = catalog.root / "includes"
    for text in _page_texts(catalog):
        found = [
            *unsafe_markup(text.scrubbed, text.body_line),
            *unsafe_snippets(text.scrubbed, text.body_line, includes),
        ]
        if text.page.record is not None or text.page.edition is not None:
            found += record_page_heading(text.scrubbed, text.body_line)
        for line, field, message in found:
            yield Problem(text.path, line, field, message)


ASSET_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".css", ".pdf"}


def docs_files_are_safe(catalog: Catalog) -> Iterator[Problem]:
    """Files that are not pages live in docs/assets/ (public, reviewed by maintainers) and
    are of a kind the site serves (links are refused before loading: symlinks.py)."""
    for src in catalog.other_files:
        path = f"docs/{src}"
        if not src.startswith("assets/"):
            yield Problem(
                path,
                1,
                "(file)",
                "files other than pages belong in docs/assets/, which every audience sees; "
                "a restricted document's annex must be a page of its own",
            )
        elif os.path.splitext(src)[1].lower() not in ASSET_TYPES:
            yield Problem(
                path,
                1,
                "(file)",
                "the site does not publish this kind of file; use one of "
                + ", ".join(sorted(ASSET_TYPES)),
            )


def pages_belong_to_a_section(catalog: Catalog) -> Iterator[Problem]:
    """Inside a section of record pages, a sub-folder is a paper's editions or a section's
    own index page (e.g. strategy/status/): any other page would have no marking of its own."""
    for page in catalog.pages.values():
        parts = page.src.split("/")
        if parts[0] not in BY_PAGE_DIR or len(parts) < 3 or page.edition is not None:
            continue
        kind = BY_PAGE_DIR[parts[0]]
        if (kind.name, parts[1]) in catalog.declared:
            if len(parts) > 3 or kind.name != "paper":
                yield Problem(
                    f"docs/{page.src}",
                    1,
                    "(page)",
                    f"a page inside {parts[0]}/{parts[1]}/ must be an edition of that paper, "
                    f"as docs/{parts[0]}/{parts[1]}/<edition>.md",
                )
            continue  # the paper's own problems are reported with its record
        if len(parts) > 3 or parts[2] != "index.md":
            yield Problem(
                f"docs/{page.src}",
                1,
                "(page)",
                f"no {kind.name} '{parts[1]}' owns this page: sub-folders of docs/{parts[0]}/ "
                "hold a paper's editions or a section's index.md",
            )


def pages_are_in_the_navigation(catalog: Catalog) -> Iterator[Problem]:
    """Every page is one the menus reach: named in mkdocs.yml's ``nav``, or matched by its
    ``not_in_nav`` (record pages, reached from their section's index). MkDocs' strict build
    refuses any other page; this says so before the build, with the page's name."""
    navigation = catalog.navigation
    if navigation is None:
        return
    for src, page in sorted(catalog.pages.items()):
        if src.split("/")[0] in BY_PAGE_DIR:  # a section's pages: the rules above judge them
            continue
        if page.classification is Classification.RED:  # no site publishes it: no menu needed
            continue
        if not navigation.reaches(src):
            yield Problem(
                f"docs/{src}",
                1,
                "(page)",
                "no menu leads to this page: add it to 'nav' in mkdocs.yml "
                "(a file the maintainers review), or remove the page",
            )
