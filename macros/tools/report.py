"""What a change does to the published sites: two catalogs compared, audience by audience.

``gceg report --base REV`` loads the project as it is now (the change) and as it was at
REV (taken out of git with ``git archive``, the work tree untouched), cuts each down to
what every audience may see, and compares what the sites publish: records and pages
added, removed and changed, classification changes (first: they decide who reads what),
lifecycle changes, sources and citations, and addresses that stop working. The result is
a typed ``Report``; ``markdown()`` renders it for a pull request's job summary and
``to_json()`` for tools (shape: ``schemas/report.schema.json``).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Literal

from mkdocs.structure.files import File
from pydantic import BaseModel, ConfigDict, Field

from ..audience import Audience, restrict
from ..load.catalog import Catalog
from ..model import models
from ..model.fields import localise
from ..model.vocab import Classification
from ..problems import ValidationFailed
from ..render.documents import permalink
from ..rules import load
from .collisions import collisions

REPORT_VERSION = "1"
# What the catalog reads; the rest of a revision (code, workflows) is not part of the sites.
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "includes")
DOCUMENT_KINDS = ("paper", "meeting")
MAX_ROWS = 100  # per Markdown table: a job summary is read by a person (the JSON has all)


class GitError(Exception):
    """The base revision could not be read: not a repository, unknown revision, ..."""


# ---------------------------------------------------------------- the result


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RecordRef(Shape):
    key: str = Field(description="The document number, or '<kind>:<id>' for other records.")
    kind: str
    id: str
    doc_id: str | None = None
    title: str
    classification: Classification


class RecordChange(RecordRef):
    fields: list[str] = Field(description="Top-level fields whose value differs.")


class PageRef(Shape):
    src: str = Field(description="The page's file under docs/.")
    url: str = Field(description="Its address, relative to the site root ('' is the root).")


class PageChange(PageRef):
    changes: list[str] = Field(description="'text', or 'front matter: <field>'.")


class Address(Shape):
    url: str = Field(description="Relative to the site root.")
    reason: str


class Changes(Shape):
    added: list[Any] = Field(default_factory=list)
    removed: list[Any] = Field(default_factory=list)
    changed: list[Any] = Field(default_factory=list)


class RecordChanges(Changes):
    added: list[RecordRef] = Field(default_factory=list)
    removed: list[RecordRef] = Field(default_factory=list)
    changed: list[RecordChange] = Field(default_factory=list)


class PageChanges(Changes):
    added: list[PageRef] = Field(default_factory=list)
    removed: list[PageRef] = Field(default_factory=list)
    changed: list[PageChange] = Field(default_factory=list)


class AudienceReport(Shape):
    audience: Audience
    records: RecordChanges
    pages: PageChanges
    broken: list[Address] = Field(
        description="Addresses the base published that now lead nowhere (no page, no redirect)."
    )
    redirects_added: list[Address]


Effect = Literal[
    "becomes public",
    "leaves the public site: becomes members-only",
    "becomes members-only",
    "stays members-only",
    "no longer published",
]


class ClassificationChange(Shape):
    subject: str = Field(description="A record's key, or a page's file under docs/.")
    title: str
    before: Classification
    after: Classification
    effect: Effect


class LifecycleChange(Shape):
    key: str
    title: str
    classification: Classification
    status_before: str | None
    status_after: str | None
    editions_added: list[str]
    editions_removed: list[str]


class SourceChange(Shape):
    id: str
    title: str
    cited_by: list[str] = Field(description="Keys of the records that cite it.")


class CitationChange(Shape):
    record: str
    title: str
    added: int
    removed: int


class Report(Shape):
    report_version: Literal["1"] = REPORT_VERSION
    base: str = Field(description="The revision as given.")
    base_commit: str
    valid: bool = Field(description="Whether the change (the head) validates.")
    problems: list[str] = Field(description="The head's problems, as path:line: field: message.")
    base_valid: bool
    base_problems: list[str]
    collisions: list[str] = Field(
        default_factory=list,
        description="Document numbers and record ids this change took that the base took "
        "too, for other records, since the change's branch left it (path:line: field: "
        "message, with the next free number); the change cannot merge until they are gone.",
    )
    classification_changes: list[ClassificationChange] = Field(default_factory=list)
    lifecycle: list[LifecycleChange] = Field(default_factory=list)
    sources_added: list[SourceChange] = Field(default_factory=list)
    sources_removed: list[SourceChange] = Field(default_factory=list)
    citations: list[CitationChange] = Field(default_factory=list)
    audiences: list[AudienceReport] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    from ..exports.schemas import DIALECT

    return {
        "$schema": DIALECT,
        **Report.model_json_schema(mode="serialization"),
        "title": "GCEG change report",
    }


# ---------------------------------------------------------------- reading the base from git


def _git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from None
    if result.returncode:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {args[0]} failed")
    return result.stdout


def resolve(root: Path, revision: str) -> str:
    """The commit a revision names."""
    _git(root, "rev-parse", "--git-dir")  # "not a git repository" before anything else
    if not revision or revision.startswith("-"):  # never let a revision pass as an option
        raise GitError(f"'{revision}' is not a revision")
    try:
        out = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision '{revision}' (is it fetched?)") from None
    return out.decode().strip()


def archive(root: Path, commit: str) -> bytes:
    """The project's content at ``commit``, as a tar archive (empty if it has none)."""
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    # from the repository's top: in a subfolder, ls-tree and archive would list only it
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    tree = f"{commit}:{prefix}"
    try:
        present = set(_git(top, "ls-tree", "--name-only", tree).decode().splitlines())
    except GitError:  # the project's folder is not in that commit
        return b""  # an empty base: loading reports what is missing
    parts = [part for part in PROJECT_PARTS if part in present]
    return _git(top, "archive", "--format=tar", tree, "--", *parts) if parts else b""


def unpack(tar: bytes, dest: Path) -> None:
    """Files out of ``archive()``; the work tree is not touched.

    tar rather than Python's tarfile: several times faster on thousands of small files.
    A git tree holds no absolute or '..' path and nothing under a symbolic link, so
    nothing lands outside dest; a link itself is kept, and refused by the catalog."""
    if not tar:
        return
    untar = ["tar", "-x", "--no-same-owner", "--no-same-permissions", "-C", str(dest)]
    result = subprocess.run(untar, input=tar, capture_output=True, check=False)
    if result.returncode:
        raise OSError(result.stderr.decode("utf-8", "replace").strip() or "tar failed")


# ---------------------------------------------------------------- comparing


def _load(root: Path, use_cache: bool = True) -> tuple[Catalog | None, list[str]]:
    try:
        return load(root, use_cache=use_cache), []
    except ValidationFailed as error:
        return None, [str(problem) for problem in error.problems]


def _validated(root: Path) -> tuple[Catalog | None, list[str]]:
    """The change, checked as ``gceg validate`` checks it: the catalog, then the pages each
    audience's build renders (a public page may not call up a members-only record)."""
    from ..render.site import template_problems

    catalog, problems = _load(root)
    if catalog is None:
        return None, problems
    found = set()
    try:
        found.update(template_problems(root, catalog))
    except ValidationFailed as error:
        found.update(error.problems)
    return (None, [str(problem) for problem in sorted(found)]) if found else (catalog, [])


def _scratch(size: int) -> str | None:
    """A memory-backed folder for the base's files when the system has one with room to
    spare (thousands of small files, written and read once; a container's is often only
    64 MB); else the usual temporary folder."""
    shm = Path("/dev/shm")
    try:
        roomy = shutil.disk_usage(shm).free > 4 * size + (16 << 20)
    except OSError:
        return None
    return str(shm) if roomy and os.access(shm, os.W_OK | os.X_OK) else None


def report(root: Path, revision: str) -> Report:
    """Compare the project in ``root`` with the same project at ``revision``."""
    commit = resolve(root, revision)
    head, problems = _validated(root)
    tar = archive(root, commit)
    with tempfile.TemporaryDirectory(prefix="gceg-report-", dir=_scratch(len(tar))) as folder:
        try:
            unpack(tar, Path(folder))
        except OSError as error:
            base, base_problems = None, [f"(base): cannot be read from git: {error}"]
        else:
            # a temporary folder: nothing to gain from caching it
            base, base_problems = _load(Path(folder), use_cache=False)
    header = dict(
        base=revision,
        base_commit=commit,
        valid=head is not None,
        problems=problems,
        base_valid=base is not None,
        base_problems=base_problems,
    )
    if head is None or base is None:
        return Report(**header)
    return Report(
        **header, collisions=collisions(root, commit, revision, base, head), **compare(base, head)
    )


def compare(base: Catalog, head: Catalog) -> dict[str, Any]:
    """Every difference between two valid catalogs, as the fields of a Report."""
    audiences = [
        _compare_audience(audience, restrict(base, audience), restrict(head, audience), head)
        for audience in Audience
    ]
    base_sources, head_sources = _records(base, "source"), _records(head, "source")
    return dict(
        classification_changes=_classification_changes(base, head),
        lifecycle=_lifecycle(base, head),
        sources_added=[_source(head, head_sources[k]) for k in _only(head_sources, base_sources)],
        sources_removed=[_source(base, base_sources[k]) for k in _only(base_sources, head_sources)],
        citations=_citations(base, head),
        audiences=audiences,
    )


def _only(these: dict, others: dict) -> list[str]:
    """The keys of ``these`` that ``others`` lacks, sorted."""
    return sorted(these.keys() - others.keys())


def record_key(kind: str, record: Any) -> str:
    """Documents by their number (it survives a rename), other records by kind and id."""
    return record.doc_id if kind in DOCUMENT_KINDS else f"{kind}:{record.id}"


def _records(catalog: Catalog, *kinds: str) -> dict[str, tuple[str, Any]]:
    return {
        record_key(kind, record): (kind, record)
        for kind in kinds or catalog.records
        for record in catalog.records[kind].values()
    }


def title_of(record: Any) -> str:
    for name in ("title", "name", "term"):
        value = getattr(record, name, None)
        if value:
            return localise(value)
    return record.id


def _ref(kind: str, record: Any) -> RecordRef:
    return RecordRef(
        key=record_key(kind, record),
        kind=kind,
        id=record.id,
        doc_id=getattr(record, "doc_id", None),
        title=title_of(record),
        classification=record.classification,
    )


def _changed_fields(before: Any, after: Any) -> list[str]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return [name for name in new if old.get(name) != new[name]]


@functools.cache  # each page is looked up once per audience and side
def page_url(src: str) -> str:
    """The address MkDocs gives a page (directory URLs), as the build computes it."""
    url = File(src, "docs", "site", use_directory_urls=True).url
    return "" if url == "./" else url  # the home page: the site root itself


def _compare_audience(
    audience: Audience, base: Catalog, head: Catalog, head_all: Catalog
) -> AudienceReport:
    before, after = _records(base), _records(head)
    records = RecordChanges(
        added=[_ref(*after[k]) for k in _only(after, before)],
        removed=[_ref(*before[k]) for k in _only(before, after)],
        changed=[
            RecordChange(**_ref(*after[k]).model_dump(), fields=fields)
            for k in sorted(after.keys() & before.keys())
            if (fields := _changed_fields(before[k][1], after[k][1]))
        ],
    )
    pages = PageChanges(
        added=[PageRef(src=s, url=page_url(s)) for s in _only(head.pages, base.pages)],
        removed=[PageRef(src=s, url=page_url(s)) for s in _only(base.pages, head.pages)],
        changed=[
            PageChange(src=s, url=page_url(s), changes=changes)
            for s in sorted(head.pages.keys() & base.pages.keys())
            if (changes := _page_changes(base.pages[s], head.pages[s]))
        ],
    )
    old, new = addresses(base), addresses(head)
    broken = [
        Address(url=url, reason=_why_gone(what, head, head_all))
        for url, what in sorted(old.items())
        if url not in new
    ]
    redirects = [
        Address(url=url, reason=f"forwards to the page of {what[1]}")
        for url, what in sorted(new.items())
        if what[0] == "redirect" and old.get(url, ("",))[0] != "redirect"
    ]
    return AudienceReport(
        audience=audience, records=records, pages=pages, broken=broken, redirects_added=redirects
    )


def _page_changes(before, after) -> list[str]:
    changes = ["text"] if before.body != after.body else []
    old, new = before.meta.model_dump(mode="json"), after.meta.model_dump(mode="json")
    return changes + [f"front matter: {name}" for name in new if old[name] != new[name]]


def addresses(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Every address an audience's site answers, as the build makes them (pages, document
    permalinks, the redirects of moved papers): url -> (what, page file or document)."""
    found = {page_url(src): ("page", src) for src in catalog.pages}
    for doc_id, record in catalog.by_doc_id.items():
        found[permalink(doc_id)] = ("permalink", doc_id)
        for edition in getattr(record, "editions", []):
            found[permalink(doc_id, edition.edition)] = ("permalink", doc_id)
        for old in getattr(record, "moved_from", []):
            found[old] = ("redirect", doc_id)
    return found


def _why_gone(what: tuple[str, str], head: Catalog, head_all: Catalog) -> str:
    kind, name = what
    if kind == "page":
        if name in head_all.pages:
            return f"not for this audience any more: {head_all.pages[name].classification}"
        return "the page is gone and nothing forwards this address"
    if name in head.by_doc_id:  # the document is still here: one of its addresses is not
        if kind == "redirect":
            return f"{name} no longer lists this address in moved_from"
        return "the edition is gone"
    if name in head_all.by_doc_id:
        return f"not for this audience any more: {head_all.by_doc_id[name].classification}"
    return f"{name} is gone and nothing forwards this address"


def effect(before: Classification, after: Classification) -> Effect:
    """What a change of marking does to who reads the record."""
    if after is Classification.RED:
        return "no longer published"
    public_before, public_after = Audience.PUBLIC.may_see(before), Audience.PUBLIC.may_see(after)
    if public_after and not public_before:
        return "becomes public"
    if public_before and not public_after:
        return "leaves the public site: becomes members-only"
    if not Audience.MEMBERS.may_see(before):
        return "becomes members-only"
    return "stays members-only"


# Most consequential first: a change that publishes is the one a reviewer must not miss.
EFFECT_ORDER = list(Effect.__args__)


def _classification_changes(base: Catalog, head: Catalog) -> list[ClassificationChange]:
    found = []
    before, after = _records(base), _records(head)
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key][1].classification, after[key][1].classification
        if old != new:
            title = title_of(after[key][1])
            found.append(
                ClassificationChange(
                    subject=key, title=title, before=old, after=new, effect=effect(old, new)
                )
            )
    # Record and edition pages take their record's marking: only free-standing pages here.
    for src in sorted(base.pages.keys() & head.pages.keys()):
        old_page, new_page = base.pages[src], head.pages[src]
        if new_page.record or new_page.edition or old_page.record or old_page.edition:
            continue
        if old_page.classification != new_page.classification:
            found.append(
                ClassificationChange(
                    subject=f"docs/{src}",
                    title=new_page.meta.title or page_url(src),
                    before=old_page.classification,
                    after=new_page.classification,
                    effect=effect(old_page.classification, new_page.classification),
                )
            )
    return sorted(found, key=lambda change: EFFECT_ORDER.index(change.effect))


def _lifecycle(base: Catalog, head: Catalog) -> list[LifecycleChange]:
    found = []
    before, after = _records(base, "paper"), _records(head, "paper")
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key][1], after[key][1]
        old_editions = [e.edition for e in old.editions]
        new_editions = [e.edition for e in new.editions]
        if old.status == new.status and old_editions == new_editions:
            continue
        found.append(
            LifecycleChange(
                key=key,
                title=title_of(new),
                classification=new.classification,
                status_before=old.status,
                status_after=new.status,
                editions_added=[e for e in new_editions if e not in old_editions],
                editions_removed=[e for e in old_editions if e not in new_editions],
            )
        )
    return found


def _source(catalog: Catalog, found: tuple[str, models.Source]) -> SourceChange:
    source = found[1]
    citing = {
        f"page:docs/{rid}" if kind == "page" else record_key(kind, catalog.get(kind, rid))
        for (kind, rid), _ in catalog.citations_by_source.get(source.id, [])
    }
    return SourceChange(id=source.id, title=title_of(source), cited_by=sorted(citing))


def _citations(base: Catalog, head: Catalog) -> list[CitationChange]:
    """Citations added and removed, per record (a citation: its source and quoted passage)."""

    def counted(catalog: Catalog) -> dict[str, Counter]:
        found: dict[str, Counter] = {}
        for (kind, rid), _, citation in catalog.instances(models.Citation):
            key = record_key(kind, catalog.get(kind, rid))
            found.setdefault(key, Counter())[(citation.source, citation.quote)] += 1
        return found

    before, after = counted(base), counted(head)
    titles = {key: title_of(record) for key, (_, record) in _records(base).items()}
    titles.update({key: title_of(record) for key, (_, record) in _records(head).items()})
    changes = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key, Counter()), after.get(key, Counter())
        added, removed = sum((new - old).values()), sum((old - new).values())
        if added or removed:
            changes.append(
                CitationChange(record=key, title=titles[key], added=added, removed=removed)
            )
    return changes


# ---------------------------------------------------------------- rendering


def to_json(result: Report) -> str:
    return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


# Every mark that can start markup in GitHub's Markdown inside a line (links, images,
# emphasis, code, HTML, entities, table cells, strike-through, math, headings after "- ").
MARKUP = frozenset("\\`*_[]()<>&|!~#{}$")


def md(text: Any) -> str:
    """Contributor text as inert Markdown on one line: each mark that could start markup
    is backslash-escaped (CommonMark allows it for any ASCII punctuation)."""
    flat = " ".join(str(text).split())
    return "".join(f"\\{c}" if c in MARKUP else c for c in flat)


def code(text: str) -> str:
    return f"`{text}`" if "`" not in text and "\n" not in text else md(text)


def markdown(result: Report) -> str:
    lines = [
        f"## What this change publishes (compared with {md(result.base)}, "
        f"`{result.base_commit[:12]}`)",
        "",
    ]
    if not result.valid:
        count = len(result.problems)
        lines += [
            f"**The change is invalid: {count} problem{'s' if count != 1 else ''}.** "
            "Nothing can be published until they are fixed:",
            "",
        ]
        lines += _bounded([f"- {md(problem)}" for problem in result.problems])
        return "\n".join(lines) + "\n"
    if result.collisions:
        count = len(result.collisions)
        lines += [
            f"**{count} document number{'s' if count != 1 else ''} or id"
            f"{'s' if count != 1 else ''} taken on {md(result.base)} as well.** "
            "Another change took them first; take the free one each line names:",
            "",
        ]
        lines += _bounded([f"- {md(collision)}" for collision in result.collisions])
        lines.append("")
    if not result.base_valid:
        lines += ["The base revision does not validate, so there is nothing to compare with:", ""]
        lines += _bounded([f"- {md(problem)}" for problem in result.base_problems])
        return "\n".join(lines) + "\n"
    sections = [
        _classification_section(result),
        _summary_section(result),
        *(_audience_section(audience, result.audiences[0]) for audience in result.audiences),
        _lifecycle_section(result),
        _sources_section(result),
    ]
    body = [line for section in sections for line in section]
    if not body:
        body = ["No change to what either site publishes.", ""]
    return "\n".join(lines + body).rstrip("\n") + "\n"


def _bounded(rows: list[str]) -> list[str]:
    if len(rows) <= MAX_ROWS:
        return rows
    return [*rows[:MAX_ROWS], f"\n… and {len(rows) - MAX_ROWS} more (see `--format json`)"]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return []
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return [*out, *_bounded(["| " + " | ".join(row) + " |" for row in rows]), ""]


def _classification_section(result: Report) -> list[str]:
    if not result.classification_changes:
        return []
    lines = ["### Classification changes", ""]
    for change in result.classification_changes:
        # a '>' inside a line starts no markup: the arrow is written as the issue spells it
        line = f"{md(change.subject)}: {change.before} -> {change.after}: {change.effect}"
        lines.append(f"- **{line}** ({md(change.title)})")
    return [*lines, ""]


def _counts(changes: Changes) -> str:
    return f"+{len(changes.added)} / −{len(changes.removed)} / ~{len(changes.changed)}"


def _summary_section(result: Report) -> list[str]:
    rows = [
        [
            a.audience.value,
            _counts(a.records),
            _counts(a.pages),
            str(len(a.broken)),
            str(len(a.redirects_added)),
        ]
        for a in result.audiences
    ]
    if all(row[1:] == ["+0 / −0 / ~0", "+0 / −0 / ~0", "0", "0"] for row in rows):
        return []
    header = [
        "site",
        "records (added / removed / changed)",
        "pages (added / removed / changed)",
        "broken addresses",
        "redirects added",
    ]
    return ["### Summary", "", *_table(header, rows)]


SITE_NAMES = {Audience.PUBLIC: "Public site", Audience.MEMBERS: "Members' site"}


def _audience_section(report: AudienceReport, first: AudienceReport) -> list[str]:
    name = SITE_NAMES[report.audience]
    if report is not first and report.model_dump(exclude={"audience"}) == first.model_dump(
        exclude={"audience"}
    ):
        if not _audience_section(first, first):
            return []
        return [f"### {name}", "", f"The same changes as the {first.audience.value} site.", ""]
    records = report.records
    record_rows = [
        *(["added", _record_name(r), md(r.title), md(r.classification)] for r in records.added),
        *(["removed", _record_name(r), md(r.title), ""] for r in records.removed),
        *(
            ["changed", _record_name(r), md(r.title), ", ".join(map(code, r.fields))]
            for r in records.changed
        ),
    ]
    pages = report.pages
    page_rows = [
        *(["added", code("/" + p.url), code(p.src), ""] for p in pages.added),
        *(["removed", code("/" + p.url), code(p.src), ""] for p in pages.removed),
        *(
            ["changed", code("/" + p.url), code(p.src), md(", ".join(p.changes))]
            for p in pages.changed
        ),
    ]
    broken = [[code("/" + a.url), md(a.reason)] for a in report.broken]
    redirects = [[code("/" + a.url), md(a.reason)] for a in report.redirects_added]
    if not (record_rows or page_rows or broken or redirects):
        return []
    lines = [f"### {name}", ""]
    if record_rows:
        lines += ["Records:", "", *_table(["", "record", "title", "marking / fields"], record_rows)]
    if page_rows:
        lines += ["Pages:", "", *_table(["", "address", "file", "what changed"], page_rows)]
    if broken:
        lines += ["**Addresses that stop working:**", "", *_table(["address", "why"], broken)]
    if redirects:
        lines += ["Redirects added:", "", *_table(["address", "what"], redirects)]
    return lines


def _record_name(record: RecordRef) -> str:
    return f"{md(record.key)} ({record.kind})" if record.doc_id else md(record.key)


def _lifecycle_section(result: Report) -> list[str]:
    if not result.lifecycle:
        return []
    lines = ["### Lifecycle", ""]
    for change in result.lifecycle:
        parts = []
        if change.status_before != change.status_after:
            parts.append(f"{change.status_before} -> {change.status_after}")
        if change.editions_added:
            parts.append("new edition " + ", ".join(change.editions_added))
        if change.editions_removed:
            parts.append("edition removed: " + ", ".join(change.editions_removed))
        # statuses and edition numbers are closed forms: nothing in them to escape
        lines.append(
            f"- {md(change.key)} ({md(change.title)}, {change.classification}): " + "; ".join(parts)
        )
    return [*lines, ""]


def _sources_section(result: Report) -> list[str]:
    lines = []
    for source in result.sources_added:
        cited = ", ".join(md(key) for key in source.cited_by) or "nothing yet"
        lines.append(f"- New source {md(source.id)} ({md(source.title)}), cited by: {cited}")
    for source in result.sources_removed:
        lines.append(f"- Source removed: {md(source.id)} ({md(source.title)})")
    rows = [[md(c.record), md(c.title), f"+{c.added}", f"−{c.removed}"] for c in result.citations]
    if not (lines or rows):
        return []
    added = sum(c.added for c in result.citations)
    removed = sum(c.removed for c in result.citations)
    out = (
        ["### Sources and citations", "", *lines, ""]
        if lines
        else ["### Sources and citations", ""]
    )
    if rows:
        out += [
            f"Citations: {added} added, {removed} removed.",
            "",
            *_table(["record", "title", "added", "removed"], rows),
        ]
    return out


# ---------------------------------------------------------------- the command


def run(
    root: Path, revision: str, output_format: str = "markdown", output: Path | None = None
) -> int:
    """``gceg report``: 0 when the change is valid, 1 when it is not or takes a number or
    id the base took since (a collision), 2 when git (or writing the report) fails."""
    import sys

    try:
        result = report(root, revision)
    except GitError as error:
        print(f"gceg report: {error}", file=sys.stderr)
        return 2
    text = to_json(result) if output_format == "json" else markdown(result)
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"gceg report: cannot write {output}: {error.strerror}", file=sys.stderr)
            return 2
    if not result.valid:
        print("gceg report: the change is invalid:", *result.problems, sep="\n", file=sys.stderr)
        return 1
    if result.collisions:
        print(
            "gceg report: taken on the base as well:", *result.collisions, sep="\n", file=sys.stderr
        )
        return 1
    return 0
