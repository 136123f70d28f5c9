"""Rules that span records: references, classification flow, pages, citations.

Each rule is a small generator of ``Problem``s over the whole catalog, in
the manner of python/peps' ``check-peps.py``; ``check_catalog`` runs them all
so a contributor sees every problem in one pass.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..config import BuildConfig
from ..load.catalog import Catalog, read
from ..load.page_claims import uncited_claims
from ..load.pages import page_url
from ..load.quotes import normalise
from ..model import models
from ..model.fields import localise
from ..model.kinds import BY_NAME, BY_PAGE_DIR, KINDS
from ..model.vocab import Classification
from ..problems import Problem, ValidationFailed
from .page_markup import record_page_heading, unsafe_markup, unsafe_snippets


def load(root: Path, use_cache: bool = True, config: BuildConfig | None = None) -> Catalog:
    """The whole project under ``root``, read and validated, every rule across records run;
    raise with every problem found. The rules run on every load (only files are cached)."""
    catalog, problems = read(root, use_cache, config)
    problems.extend(check_catalog(catalog))
    if problems:
        raise ValidationFailed(problems)
    return catalog


def check_catalog(catalog: Catalog) -> Iterator[Problem]:
    for rule in RULES:
        yield from rule(catalog)


def _records(catalog: Catalog, salvaged: bool = False):
    """Every record with its origin; with ``salvaged``, also what could be read of the
    records that have errors (for the rules that can still check it)."""
    for kind in KINDS:
        for record_id, record in catalog.records[kind.name].items():
            yield kind.name, record, catalog.origin(kind.name, record_id)
    if salvaged:
        for (kind_name, record_id), record in catalog.salvaged.items():
            yield kind_name, record, catalog.origin(kind_name, record_id)


def record_rules(catalog: Catalog) -> Iterator[Problem]:
    """Each model's own cross-field rules (dates in order, required combinations...)."""
    for _, record, origin in _records(catalog, salvaged=True):
        for loc, message in record.problems():
            yield origin.problem(loc, message)


def facts_are_grounded(catalog: Catalog) -> Iterator[Problem]:
    """Every fact a record states has a citation, or an editors' note saying it is their
    reading (models.Grounded): nothing is published as if a source said it when none does."""
    for _, record, origin in _records(catalog, salvaged=True):
        for loc, message in models.ungrounded(record):
            yield origin.problem(loc, message)


def page_sentences_are_cited(catalog: Catalog) -> Iterator[Problem]:
    """A page's own sentences that name someone the catalog knows, or give a year, carry a
    citation mark or stand in an editors' note (page_claims). A paper's text is the paper's
    own words, not the site's, and is not read."""
    group = catalog.records["group"].get("group")
    names = [localise(group.name), group.short_name] if group else []
    for organisation in catalog.records["organisation"].values():
        names += [localise(organisation.name), organisation.short_name or ""]
    names += [localise(person.name) for person in catalog.records["person"].values()]
    for src, page in sorted(catalog.pages.items()):
        if catalog.edition_of(src) is not None:
            continue
        for claim in uncited_claims(page.body, page.body_line, names):
            yield Problem(
                f"docs/{src}",
                claim.line,
                "(text)",
                f"this sentence {claim.names} but cites nothing: add "
                '{{ cite("<source-id>", "<the passage, word for word>") }} after it, or put '
                f"it in an editors' note (!!! editors): '{_shorten(claim.sentence)}'",
            )


def references_resolve(catalog: Catalog) -> Iterator[Problem]:
    """Every id a record names exists, and is not more restricted than the record naming it."""
    for kind_name, record, origin in _records(catalog, salvaged=True):
        for loc, kind, target_id in catalog.found[(kind_name, record.id)].references:
            if (kind, target_id) in catalog.declared and not catalog.has(kind, target_id):
                continue  # its file exists; its own errors are reported there
            if not catalog.has(kind, target_id):
                known = list(catalog.records[kind])
                close = difflib.get_close_matches(target_id, known, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                yield origin.problem(loc, f"no {kind} with id '{target_id}'{hint}")
                continue
            target = catalog.get(kind, target_id)
            if target.classification.rank > record.classification.rank:
                yield origin.problem(
                    loc,
                    f"refers to {kind} '{target_id}' marked {target.classification}, from a "
                    f"record marked {record.classification}: its readers may not see it",
                )


def document_ids_unique(catalog: Catalog) -> Iterator[Problem]:
    """Document numbers are unique. Two pull requests can pick the same next number; the
    second to merge fails here (its branch brought up to date), told the next free one."""
    seen: dict[str, tuple[str, str]] = {}
    for kind_name, record, origin in _records(catalog):
        doc_id = getattr(record, "doc_id", None)
        if doc_id is None:
            continue
        if doc_id in seen:
            other_kind, other_id = seen[doc_id]
            other = catalog.origin(other_kind, other_id)
            yield origin.problem(
                ("doc_id",),
                f"duplicate document id '{doc_id}' (also used at {other.path}:"
                f"{other.line(('doc_id',))}); the next free number is "
                f"'{next_free_number(catalog, doc_id)}'",
            )
        else:
            seen[doc_id] = (kind_name, record.id)


def next_free_number(catalog: Catalog, doc_id: str) -> str:
    """The lowest number after every one in use in the series of ``doc_id`` (GCEG-STRAT-...)."""
    series, _, digits = doc_id.rpartition("-")
    used = [
        int(other.rpartition("-")[2])
        for kind in ("paper", "meeting")
        for record in [*catalog.records[kind].values(),
                       *(r for (k, _), r in catalog.salvaged.items() if k == kind)]
        if (other := getattr(record, "doc_id", "")).startswith(series + "-")
    ]  # fmt: skip
    return f"{series}-{max(used, default=0) + 1:0{len(digits)}d}"


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
                path, 1, "(page)",
                f"paper '{paper_id}' has no edition {number}: add it to the editions in "
                f"data/papers/{paper_id}.yaml, or remove this page",
            )  # fmt: skip
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


def succession_is_mutual(catalog: Catalog) -> Iterator[Problem]:
    """A superseded paper names its successor, and the successor names it back."""
    for paper in catalog.all("paper"):
        origin = catalog.origin("paper", paper.id)
        pairs = (("superseded_by", "supersedes"), ("supersedes", "superseded_by"))
        for field, back in pairs:
            other_id = getattr(paper, field)
            if not other_id or not catalog.has("paper", other_id):
                continue  # a missing id is reported by references_resolve
            if getattr(catalog.get("paper", other_id), back) != paper.id:
                yield origin.problem(
                    (field,),
                    f"'{other_id}' must name this paper back ({back}: {paper.id})",
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


def page_links_resolve(catalog: Catalog) -> Iterator[Problem]:
    """Links between pages point at pages that exist and that the same readers may see."""
    for page in catalog.pages.values():
        for line, target in page.links:
            linked = _page_at(catalog, target)
            path = f"docs/{page.src}"
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
    return any((catalog.root / "docs" / s).is_file() for s in _sources_of(target))


def pages_are_safe(catalog: Catalog) -> Iterator[Problem]:
    """Contributor Markdown carries no active content, remote media or escaping snippets."""
    includes = catalog.root / "includes"
    for page in catalog.pages.values():
        path = f"docs/{page.src}"
        found = [
            *unsafe_markup(page.scrubbed, page.body_line),
            *unsafe_snippets(page.scrubbed, page.body_line, includes),
        ]
        if page.record is not None or page.edition is not None:
            found += record_page_heading(page.scrubbed, page.body_line)
        for line, field, message in found:
            yield Problem(path, line, field, message)


ASSET_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".css", ".pdf"}


def docs_files_are_safe(catalog: Catalog) -> Iterator[Problem]:
    """Files that are not pages live in docs/assets/ (public, reviewed by maintainers) and
    are of a kind the site serves (links are refused before loading: symlinks.py)."""
    for src in catalog.other_files:
        path = f"docs/{src}"
        if not src.startswith("assets/"):
            yield Problem(
                path, 1, "(file)",
                "files other than pages belong in docs/assets/, which every audience sees; "
                "a restricted document's annex must be a page of its own",
            )  # fmt: skip
        elif os.path.splitext(src)[1].lower() not in ASSET_TYPES:
            yield Problem(
                path, 1, "(file)",
                "the site does not publish this kind of file; use one of "
                + ", ".join(sorted(ASSET_TYPES)),
            )  # fmt: skip


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
                    f"docs/{page.src}", 1, "(page)",
                    f"a page inside {parts[0]}/{parts[1]}/ must be an edition of that paper, "
                    f"as docs/{parts[0]}/{parts[1]}/<edition>.md",
                )  # fmt: skip
            continue  # the paper's own problems are reported with its record
        if len(parts) > 3 or parts[2] != "index.md":
            yield Problem(
                f"docs/{page.src}", 1, "(page)",
                f"no {kind.name} '{parts[1]}' owns this page: sub-folders of docs/{parts[0]}/ "
                "hold a paper's editions or a section's index.md",
            )  # fmt: skip


def citations_are_verbatim(catalog: Catalog) -> Iterator[Problem]:
    """Every quoted passage, and every quoted statement, is in its source's stored text."""
    texts = catalog.passages
    if not texts:
        return
    for key, loc, citation in catalog.instances(models.Citation):
        passages = texts.get(citation.source)
        if passages is None:
            continue
        origin = catalog.origin(*key)
        if not citation.quote:
            yield origin.problem(
                loc, f"quote the passage of '{citation.source}' that supports this fact"
            )
        elif not passages.contains(citation.quote):
            yield origin.problem(
                (*loc, "quote"),
                f"not found word for word in source '{citation.source}': "
                f"'{_shorten(citation.quote)}'" + _closest(passages, citation.quote),
            )
    for key, loc, statement in catalog.instances(models.Statement):
        passages = texts.get(statement.cite.source)
        if passages is None:
            continue
        for index, paragraph in enumerate(statement.paragraphs):
            text = localise(paragraph)
            if not passages.contains(text):
                yield catalog.origin(*key).problem(
                    (*loc, "paragraphs", index),
                    f"quoted words not found in source '{statement.cite.source}': "
                    f"'{_shorten(text)}'" + _closest(passages, text),
                )


def _closest(passages, quote: str) -> str:
    found = passages.closest(quote)
    if found is None:
        return "; no passage of the source is like it: check the source"
    return f"; the closest passage in the source reads '{_shorten(found, 120)}': copy it exactly"


def sources_fully_cited(catalog: Catalog) -> Iterator[Problem]:
    """A source marked ``coverage: complete`` has every sentence cited on the site.
    Not judged while a record could not be read at all: its citations may be the missing
    ones, and its own file already says what to fix."""
    if any(not catalog.has(kind, record_id) and (kind, record_id) not in catalog.salvaged
           for kind, record_id in catalog.declared):  # fmt: skip
        return
    complete = [s for s in catalog.all("source") if s.coverage == "complete" and s.text]
    if not complete:
        return
    quoted: dict[str, list[str]] = {}
    for _, _, citation in catalog.instances(models.Citation):
        if citation.quote:
            quoted.setdefault(citation.source, []).append(citation.quote)
    for _, _, statement in catalog.instances(models.Statement):
        quoted.setdefault(statement.cite.source, []).extend(
            localise(p) for p in statement.paragraphs
        )
    for source in complete:
        if source.coverage != "complete" or not source.text:
            continue
        origin = catalog.origin("source", source.id)
        passages = catalog.passages[source.id]
        for sentence in passages.uncovered(quoted.get(source.id, [])):
            yield Problem(
                origin.path,
                origin.line(("text",)) + 1 + sentence.line,
                "text",
                f"this sentence is not cited anywhere on the site: '{_shorten(sentence.text)}'",
            )


def _shorten(text: str, limit: int = 70) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


RULES = (
    record_rules,
    facts_are_grounded,
    references_resolve,
    document_ids_unique,
    records_have_pages,
    editions_have_pages,
    succession_is_mutual,
    moved_pages_do_not_collide,
    page_links_resolve,
    pages_are_safe,
    docs_files_are_safe,
    pages_belong_to_a_section,
    citations_are_verbatim,
    sources_fully_cited,
    page_sentences_are_cited,
)
