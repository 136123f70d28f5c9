"""Load every record and page once, validate them, and resolve their references.

Data flows one way: files -> this catalog -> views and exports. Nothing else
reads ``data/`` or parses front matter. Every problem is collected and
reported together, each as ``path:line: field: message``.
"""

from __future__ import annotations

import copy
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import YAML_RE
from pydantic import BaseModel, ValidationError

from ..config import BuildConfig
from ..limits import MAX_PAGE_BYTES
from ..model import models
from ..model.fields import SLUG_PATTERN
from ..model.kinds import BY_NAME, BY_PAGE_DIR, KINDS, Kind
from ..model.vocab import Classification, Topic
from ..problems import Problem, ValidationFailed, format_loc
from .navigation import Navigation, read_navigation
from .page_claims import cite_calls
from .page_shape import page_shape_problems
from .pages import PAGE_NAME, PageFile, internal_links, scrub_code, split_front_matter
from .sourcefile import FileProblem, LineMap, parse_yaml, read_text
from .symlinks import linked_paths, symlink_problems
from .translations import Translations, load_pages, merge_records, sidecar

DATA_DIR = "data"
# The nested models the rules look at wherever they sit in a record.
COLLECTED = (models.Citation, models.Statement, models.Grounded)
DOCS_DIR = "docs"


@dataclass(frozen=True)
class Origin:
    """Where a record was written: its file, line map, and place inside a shared file."""

    path: str
    lines: LineMap = field(default_factory=LineMap)
    prefix: tuple = ()

    def line(self, loc: tuple = ()) -> int:
        return self.lines.line_of((*self.prefix, *loc))

    def problem(self, loc: tuple, message: str) -> Problem:
        return Problem(self.path, self.line(loc), format_loc((*self.prefix, *loc)), message)


class Catalog:
    """Every record and page of the site, validated. ``read`` builds it (and then sets the
    salvaged records, the other files and each page's marking); nothing changes it after."""

    def __init__(
        self,
        root: Path,
        records: dict[str, dict[str, Any]],
        origins: dict[tuple[str, str], Origin],
        pages: dict[str, PageFile],
        declared: set[tuple[str, str]] | None = None,
        contents: dict | None = None,
    ):
        self.root = root
        self.other_files: list[str] = []  # files under docs/ that are not pages (assets)
        self.navigation: Navigation | None = None  # the menus (read with the project)
        # The site's translations of pages and records (load/translations.py); the records
        # above already carry their translated texts.
        self.translations = Translations()
        # Records with errors (already reported), as far as they could be read: the rules
        # across records check them too, and a reference to one is not a dangling one.
        self.salvaged: dict[tuple[str, str], Any] = {}
        # where the rules keep what they found per file, by content (None: no cache)
        self.cache_folder: Path | None = None
        if contents is not None:  # reuse a parent catalog's (see audience.restrict)
            self.__dict__["contents"] = contents
        # (kind, id) of every record file found, valid or not: a page whose record
        # failed validation is not also reported as a page without a record.
        self.declared = declared if declared is not None else set(origins)
        self.records = records
        self.origins = origins
        self.pages = pages

    # ------------------------------------------------------------ lookups

    def all(self, kind: str) -> list[Any]:
        return list(self.records[kind].values())

    def get(self, kind: str, record_id: str) -> Any:
        return self.records[kind][record_id]

    def has(self, kind: str, record_id: str) -> bool:
        return record_id in self.records[kind]

    def origin(self, kind: str, record_id: str) -> Origin:
        return self.origins[(kind, record_id)]

    @property
    def group(self) -> models.Group:
        return self.records["group"]["group"]

    @cached_property
    def meetings(self) -> list[models.Meeting]:
        """Most recent first."""
        return sorted(self.all("meeting"), key=lambda m: (m.start, m.id), reverse=True)

    @cached_property
    def papers(self) -> list[models.Paper]:
        return sorted(self.all("paper"), key=lambda p: p.doc_id)

    @cached_property
    def programmes(self) -> list[models.Programme]:
        return sorted(self.all("programme"), key=lambda p: (list(Topic).index(p.topic), p.id))

    @cached_property
    def people(self) -> list[models.Person]:
        return sorted(self.all("person"), key=lambda p: ((p.sort_name or p.name).casefold(), p.id))

    @cached_property
    def organisations(self) -> list[models.Organisation]:
        return self.all("organisation")

    @cached_property
    def terms(self) -> list[models.GlossaryEntry]:
        return sorted(self.all("term"), key=lambda t: t.term.casefold())

    @cached_property
    def sources(self) -> list[models.Source]:
        return sorted(self.all("source"), key=lambda s: s.id)

    def page_of(self, kind: str, record_id: str) -> str | None:
        """The docs-relative path of a record's own page."""
        page_dir = BY_NAME[kind].page_dir
        src = f"{page_dir}/{record_id}.md" if page_dir else None
        return src if src in self.pages else None

    def edition_page(self, paper_id: str, edition: str) -> str:
        return f"strategy/{paper_id}/{edition}.md"

    def edition_of(self, src: str) -> tuple[Any, Any] | None:
        """(paper, edition) for the page holding one edition's text."""
        page = self.pages.get(src)
        if page is None or page.edition is None:
            return None
        paper = self.records["paper"].get(page.edition[0])
        found = paper and next((e for e in paper.editions if e.edition == page.edition[1]), None)
        return (paper, found) if found else None

    def record_of(self, src: str) -> Any | None:
        page = self.pages.get(src)
        if page is None or page.record is None:
            return None
        kind, record_id = page.record
        return self.records[kind].get(record_id)

    # ------------------------------------------------------------ derived, once per build

    @cached_property
    def contents(self) -> dict[tuple[str, str], Any]:
        """References and nested models of every record, read in one pass each."""
        from .contents import contents_of

        return {
            (kind, record_id): contents_of(record, COLLECTED)
            for kind, items in self.records.items()
            for record_id, record in items.items()
        }

    def instances(self, cls: type) -> list[tuple[tuple[str, str], tuple, Any]]:
        """((kind, id), loc, model) for every nested model of a type, in every record."""
        return self._instances_by_type.get(cls, [])

    @cached_property
    def _instances_by_type(self) -> dict[type, list]:
        index: dict[type, list] = defaultdict(list)
        for key, contents in self.contents.items():
            for cls, items in contents.instances.items():
                index[cls].extend((key, loc, value) for loc, value in items)
        return dict(index)

    @cached_property
    def passages(self) -> dict[str, Any]:
        """The stored text of each source that has one, split for quote checks."""
        from .quotes import Passages

        return {s.id: Passages(s.text) for s in self.all("source") if s.text}

    @cached_property
    def citations_by_source(self) -> dict[str, list[tuple[tuple[str, str], Any]]]:
        from ..model.models import Citation

        index: dict[str, list] = defaultdict(list)
        for key, _, citation in self.instances(Citation):
            index[citation.source].append((key, citation))
        for src, page in sorted(self.pages.items()):  # a page's own cite() marks
            for source_id, quote in cite_calls(page.body):
                index[source_id].append((("page", src), Citation(source=source_id, quote=quote)))
        return dict(index)

    @cached_property
    def by_doc_id(self) -> dict[str, Any]:
        """Papers and meetings by their document number."""
        return {r.doc_id: r for kind in ("paper", "meeting") for r in self.records[kind].values()}

    @cached_property
    def statements_by_person(self) -> dict[str, list[tuple[models.Meeting, models.Statement]]]:
        found: dict[str, list] = defaultdict(list)
        for meeting in self.meetings:
            for statement in meeting.statements:
                found[statement.speaker].append((meeting, statement))
        return dict(found)

    @cached_property
    def meetings_by_programme(self) -> dict[str, list[models.Meeting]]:
        found: dict[str, list] = defaultdict(list)
        for meeting in self.meetings:
            for programme in meeting.programmes:
                found[programme].append(meeting)
        return dict(found)

    @cached_property
    def leadership_by_person(self) -> dict[str, list[models.Leadership]]:
        found: dict[str, list] = defaultdict(list)
        for lead in self.group.leadership:
            found[lead.person].append(lead)
        return dict(found)


# ---------------------------------------------------------------- loading


def read(
    root: Path, use_cache: bool = True, config: BuildConfig | None = None
) -> tuple[Catalog, list[Problem]]:
    """Read and validate every file of the project under ``root``: the catalog, and every
    problem found in the files one by one. The rules across records are not run here but
    by ``rules.load``, which reads a Catalog (so this module does not import the rules).

    What an unchanged file loaded as is cached (see cache.py), so it is not parsed
    and validated again."""
    from .cache import LoadCache, cache_dir

    root = Path(root)
    config = config or BuildConfig.from_environment()
    enabled = use_cache and config.load_cache
    cache = LoadCache(cache_dir(root, "catalog.pickle", config) if enabled else None)
    # Links are found before anything is read, and nothing under one is read.
    linked = set(linked_paths(root))
    problems: list[Problem] = symlink_problems(sorted(linked))
    records: dict[str, dict[str, Any]] = {kind.name: {} for kind in KINDS}
    origins: dict[tuple[str, str], Origin] = {}
    contents: dict[tuple[str, str], Any] = {}
    salvaged: dict[tuple[str, str], Any] = {}  # records with errors, what of them could be read
    for kind in KINDS:
        for record, origin, inside, partial in _load_kind(root, kind, problems, cache, linked):
            key = (kind.name, record.id)
            if partial:
                if key not in origins and key not in salvaged:
                    salvaged[key], origins[key], contents[key] = record, origin, inside
                continue
            if key in salvaged:  # a valid record and a broken one share an id: keep the valid
                del salvaged[key]
            elif key in origins:
                first = origins[key]
                id_field = "term" if kind.name == "term" else "id"
                problems.append(
                    origin.problem(
                        (id_field,),
                        f"duplicate {kind.name} id '{record.id}' "
                        f"(first defined at {first.path}:{first.line((id_field,))})",
                    )
                )
                continue
            records[kind.name][record.id] = record
            origins[key] = origin
            contents[key] = inside
    declared = {
        (kind.name, path.stem)
        for kind in KINDS
        if kind.layout == "folder" and DATA_DIR not in linked
        for path in (root / DATA_DIR / kind.data).glob("*.yaml")
        if sidecar(path.name) is None
    } | set(origins)
    papers = {record_id for kind, record_id in declared if kind == "paper"}
    other_files: list[str] = []
    translated_pages: list[str] = []
    pages = _load_pages(root, problems, papers, cache, other_files, linked, translated_pages)
    cache.save()
    translations = Translations()
    if DATA_DIR not in linked:
        translations = merge_records(root, records, problems)
    translations.pages = load_pages(root, pages, translated_pages, problems)
    catalog = Catalog(root, records, origins, pages, declared, contents=contents)
    catalog.other_files = other_files
    catalog.translations = translations
    catalog.salvaged = salvaged
    catalog.navigation = read_navigation(root)
    catalog.cache_folder = cache_dir(root, "rules", config) if enabled else None
    for page in pages.values():
        page.classification = classification_of_page(catalog, page)
    if not records["group"]:
        raise ValidationFailed(
            problems or [Problem(f"{DATA_DIR}/group.yaml", 1, "(file)", "missing")]
        )
    return catalog, problems


def _load_kind(root: Path, kind: Kind, problems: list[Problem], cache, linked: set[str]):
    location = root / DATA_DIR / kind.data
    relative = f"{DATA_DIR}/{kind.data}"
    if DATA_DIR in linked or relative in linked:
        return  # reported as a link; what it points at is not read
    if kind.layout == "folder":
        if not location.is_dir():
            problems.append(Problem(relative, 1, "(folder)", "folder is missing"))
            return
        for path in sorted(location.iterdir()):
            name = f"{relative}/{path.name}"
            if name in linked or sidecar(path.name) is not None:  # a translation's file
                continue
            if path.is_dir() or path.suffix != ".yaml":
                problems.append(
                    Problem(
                        name, 1, "(file)", "unexpected file here: records are '<id>.yaml' files"
                    )
                )
                continue
            yield from _load_file(path, name, kind, problems, cache)
    elif not location.is_file():
        problems.append(Problem(relative, 1, "(file)", "required file is missing"))
    else:
        yield from _load_file(location, relative, kind, problems, cache)


def _load_file(path: Path, name: str, kind: Kind, problems: list[Problem], cache):
    """(record, origin, contents) for each record in a file, from the cache if it is unchanged."""
    from .contents import contents_of

    try:
        text = read_text(path)
    except FileProblem as error:
        problems.append(Problem(name, error.line, error.field, error.message))
        return
    key = cache.key("record", kind.name, name, text)
    cached = cache.get(key)
    if cached is not None:
        lines = LineMap(source=text)  # line numbers are found again only if a rule needs one
        for record, prefix, contents in cached:
            yield record, Origin(name, lines, prefix), contents, False
        return
    before = len(problems)
    parsed = _parse_file(text, path, name, kind, problems)
    loaded = [
        (record, origin, contents_of(record, COLLECTED), partial)
        for record, origin, partial in parsed
    ]
    if len(problems) == before:
        cache.put(key, [(record, origin.prefix, inside) for record, origin, inside, _ in loaded])
    yield from loaded


def _parse_file(text: str, path: Path, name: str, kind: Kind, problems: list[Problem]):
    try:
        data, lines = parse_yaml(text)
    except FileProblem as error:
        problems.append(Problem(name, error.line, error.field, error.message))
        return
    whole = Origin(name, lines)
    if not isinstance(data, dict):
        problems.append(whole.problem((), "expected a mapping of field names to values"))
        return
    if kind.layout == "folder":
        stem = path.stem
        if "id" in data:
            problems.append(whole.problem(("id",), "remove this field: the id is the file name"))
            return
        if not re.match(SLUG_PATTERN, stem):
            problems.append(
                Problem(
                    name,
                    1,
                    "(file name)",
                    f"'{stem}' is not a valid id: use lowercase "
                    "letters, digits and single hyphens, e.g. 'first-meeting-2015'",
                )
            )
            return
        yield from _validate(kind.model, {"id": stem, **data}, whole, problems)
    elif kind.layout == "single":
        yield from _validate(kind.model, data, whole, problems)
    else:
        entries = data.get(kind.list_key)
        unknown = sorted(set(data) - {kind.list_key})
        for key in unknown:
            problems.append(
                whole.problem((key,), f"unknown field; this file holds only '{kind.list_key}'")
            )
        if not isinstance(entries, list):
            problems.append(whole.problem((kind.list_key,), f"expected a list of {kind.name}s"))
            return
        for index, entry in enumerate(entries):
            origin = Origin(name, lines, (kind.list_key, index))
            if not isinstance(entry, dict):
                problems.append(origin.problem((), "expected a mapping of field names to values"))
                continue
            yield from _validate(kind.model, entry, origin, problems)


def _validate(model: type[BaseModel], data: dict, origin: Origin, problems: list[Problem]):
    """``(record, origin, partial)``: the record, or, if it has errors (reported here),
    what of it can still be read, so that the rules across records see as much of it as
    they can and no other file is blamed for its errors."""
    try:
        yield model.model_validate(data), origin, False
        return
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(detail["loc"])
            problems.append(origin.problem(loc, _explain(detail, model, loc)))
        salvaged = _salvage(model, data, error)
    if salvaged is not None:
        yield salvaged, origin, True


SALVAGE_ROUNDS = 8  # each round drops at least one field; records have few levels


def _salvage(model: type[BaseModel], data: dict, error: ValidationError) -> BaseModel | None:
    """The record with each field that has an error left out (a field, never a list
    item, so every other field keeps its place and its line); None if a required part
    is what is wrong."""
    data = copy.deepcopy(data)
    left_out: set[tuple] = set()
    for _ in range(SALVAGE_ROUNDS):
        dropped = False
        for detail in error.errors():
            loc = tuple(detail["loc"])
            # a missing field cannot be left out: leave out what should have held it
            field = _drop_field(data, loc[:-1] if detail["type"] == "missing" else loc)
            if field is not None:
                left_out.add(field)
                dropped = True
        if not dropped:
            return None
        try:
            record = model.model_validate(data)
        except ValidationError as again:
            error = again
            continue
        record._dropped = frozenset(left_out)
        return record
    return None


def _drop_field(data: Any, loc: tuple) -> tuple | None:
    """Remove the innermost field (a mapping key) at or above ``loc``; return its place."""
    path = []  # (container, key) along loc, as far as the data has it
    here = data
    for part in loc:
        try:
            child = here[part]
        except (KeyError, IndexError, TypeError):
            break  # pydantic's loc can go on past the data (e.g. the type tried)
        path.append((here, part))
        here = child
    for depth in range(len(path) - 1, -1, -1):
        container, part = path[depth]
        if isinstance(container, dict):
            del container[part]
            return tuple(key for _, key in path[: depth + 1])
    return None


def _load_pages(
    root: Path,
    problems: list[Problem],
    papers: set[str],
    cache,
    other_files: list[str],
    linked: set[str],
    translated: list[str],
) -> dict[str, PageFile]:
    """The English pages; the names of their translations (about.fr.md) go to ``translated``."""
    docs = root / DOCS_DIR
    pages: dict[str, PageFile] = {}
    if DOCS_DIR in linked:
        return pages
    if not docs.is_dir():
        problems.append(Problem(DOCS_DIR, 1, "(folder)", "folder is missing"))
        return pages
    files = [src for src in _docs_files(docs) if f"{DOCS_DIR}/{src}" not in linked]
    other_files.extend(src for src in files if not src.endswith(".md"))
    for src in files:
        if not src.endswith(".md"):
            continue
        if sidecar(src) is not None:
            translated.append(src)
            continue
        path = docs / src
        name = f"{DOCS_DIR}/{src}"
        if not PAGE_NAME.match(path.name):
            problems.append(
                Problem(
                    name,
                    1,
                    "(file name)",
                    "page names are lowercase words joined by hyphens, ending in .md",
                )
            )
            continue
        try:
            # Line endings as MkDocs reads the file (universal newlines): the front matter,
            # and so the page's marking, must be found exactly where MkDocs finds it.
            text = read_text(path, MAX_PAGE_BYTES).replace("\r\n", "\n").replace("\r", "\n")
        except FileProblem as error:
            problems.append(Problem(name, error.line, error.field, error.message))
            continue
        key = cache.key("page", src, text)
        cached = cache.get(key)
        if cached is not None:
            page = _page_from_cache(src, text, *cached)
        else:
            page = _read_page(src, name, text, problems)
            if page is None:
                continue
            cache.put(key, _page_to_cache(page, text))
        folder, _, stem = src.rpartition("/")
        kind = BY_PAGE_DIR.get(folder)
        if kind and stem != "index.md":
            page.record = (kind.name, stem.removesuffix(".md"))
        section, _, paper_id = folder.partition("/")
        if section == "strategy" and paper_id in papers:
            page.edition = (paper_id, stem.removesuffix(".md"))
        pages[src] = page
    return pages


NO_META = models.PageMeta()  # the front matter of the many pages that have none


def _read_page(src: str, name: str, text: str, problems: list[Problem]) -> PageFile | None:
    try:
        data, lines, body, body_line = split_front_matter(text)
    except FileProblem as error:
        problems.append(Problem(name, error.line, error.field, error.message))
        return None
    meta = NO_META
    if data:
        meta, _, partial = next(
            _validate(models.PageMeta, data, Origin(name, lines), problems), (None, None, True)
        )
        if partial:  # a page's front matter is all or nothing: its marking is in it
            return None
    if shape := page_shape_problems(body, body_line):  # before anything reads the body
        problems.extend(Problem(name, line, field, message) for line, field, message in shape)
        return None
    scrubbed = scrub_code(body)
    return PageFile(
        src,
        meta,
        lines,
        body,
        body_line,
        links=internal_links(src, scrubbed, body_line),
        scrubbed=scrubbed,
    )


def _page_to_cache(page: PageFile, text: str) -> tuple:
    start = len(text) - len(page.body)
    scrubbed = None if page.scrubbed is page.body or page.scrubbed == page.body else page.scrubbed
    return (page.meta, start, page.body_line, page.links, scrubbed)


def _page_from_cache(src: str, text: str, meta, start, body_line, links, scrubbed) -> PageFile:
    body = text[start:]
    front = YAML_RE.match(text)
    lines = LineMap(offset=1, source=front.group(1)) if front else LineMap()
    return PageFile(
        src,
        meta,
        lines,
        body,
        body_line,
        links=list(links),
        scrubbed=body if scrubbed is None else scrubbed,
    )


def _docs_files(docs: Path) -> list[str]:
    """Every file under docs/, as sorted docs-relative paths (os.walk: faster than rglob).
    Symbolic links are listed (never followed); the caller leaves them out."""
    found = []
    for folder, folders, files in os.walk(docs):
        folders.sort()
        relative = os.path.relpath(folder, docs)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in files)
        found.extend(
            prefix + name for name in folders if os.path.islink(os.path.join(folder, name))
        )
    return sorted(found)


# ---------------------------------------------------------------- error wording


def _explain(detail: dict, model: type[BaseModel], loc: tuple) -> str:
    kind, value, ctx = detail["type"], detail.get("input"), detail.get("ctx") or {}
    shown = _show(value)
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"unknown field '{loc[-1]}'{hint}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == SLUG_PATTERN:
            return f"{shown} is not a valid id: use lowercase letters, digits and single hyphens"
        if "GCEG-" in pattern:
            return f"{shown} is not a document id like 'GCEG-STRAT-0001'"
        return f"{shown} does not have the expected form ({pattern})"
    if kind in ("enum", "literal_error"):
        return f"{shown} is not allowed here; use one of: {ctx.get('expected', '')}"
    if kind.startswith("date_"):
        return f"{shown} is not a valid date; write YYYY-MM-DD"
    if kind in ("less_than_equal", "greater_than_equal"):
        bound = ctx.get("le", ctx.get("ge"))
        side = "more" if kind == "less_than_equal" else "less"
        return f"{shown} is {side} than {bound:,}, which no value here can be; check the figure"
    if kind in ("too_short", "too_long") and "min_length" in ctx:
        return f"needs at least {ctx['min_length']} item(s)"
    if kind.endswith(("_type", "_parsing")):
        expected = detail["msg"].removeprefix("Input should be ").split(",")[0]
        return f"expected {expected}, got {shown}"
    return detail["msg"].removeprefix("Value error, ")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    if current is None:
        return []
    # a record's own id comes from its file name, so it is not offered as a field
    hidden = {"id"} if current is model and getattr(model, "page_dir", None) else set()
    return [name for name in current.model_fields if name not in hidden]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if found := _model_in(arg):
            return found
    return None


def classification_of_page(catalog: Catalog, page: PageFile) -> Classification:
    record = catalog.record_of(page.src)
    if page.edition is not None:
        record = catalog.records["paper"].get(page.edition[0])
    if record is not None:
        return record.classification
    return page.meta.classification or Classification.CLEAR
