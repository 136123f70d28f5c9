"""The site's own translations of pages and records (the scheme: README, "Languages").

A translation is a sidecar file beside the English one, the language before the extension:
``docs/about.fr.md`` translates ``docs/about.md``; ``data/meetings/<id>.ar.yaml``
translates ``data/meetings/<id>.yaml``; ``data/sources/<id>.es.yaml`` translates the
passages a source is cited for. Each names the English text it translates by
``translates:``, the first 12 hex digits of the sha256 of the English file's bytes, so a
changed English file makes the translation stale without anyone having to notice.

This module reads the sidecars, checks them against their English files (structure,
macro calls, citations) and merges record translations into the records' localised
fields (``Text``/``Title``, which hold ``{"en": ..., "fr": ...}`` once translated).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes
from pydantic import BaseModel, PlainValidator, ValidationError

from ..limits import MAX_PAGE_BYTES
from ..model import models
from ..model.fields import _parse_text, _parse_title
from ..model.kinds import KINDS, Kind
from ..model.vocab import SOURCE_LANGUAGE, Language
from ..problems import Problem, format_loc
from .page_claims import cite_calls
from .page_shape import page_shape_problems
from .pages import internal_links, scrub_code, split_front_matter
from .sourcefile import FileProblem, LineMap, parse_yaml, read_text

TRANSLATED = tuple(language.value for language in Language if language is not SOURCE_LANGUAGE)
SIDECAR = re.compile(rf"^(?P<stem>.+)\.(?P<language>{'|'.join(TRANSLATED)})\.(?P<ext>md|yaml)$")
REVISION = re.compile(r"^[0-9a-f]{12}$")
_HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)


def sidecar(name: str) -> tuple[str, str] | None:
    """(the English file's name, the language) if ``name`` is a translation's file name."""
    match = SIDECAR.match(name)
    if match is None:
        return None
    return f"{match['stem']}.{match['ext']}", match["language"]


def revision(data: bytes) -> str:
    """What ``translates:`` must say for a translation of a file holding ``data``."""
    return hashlib.sha256(data).hexdigest()[:12]


@dataclass
class Translated:
    """One sidecar file: what it translates and whether the English changed since."""

    path: str  # the sidecar, e.g. docs/about.fr.md
    english: str  # the file it translates, e.g. docs/about.md
    language: str
    stale: bool


@dataclass
class PageTranslation(Translated):
    meta: dict = field(default_factory=dict)  # the front matter, without translates:
    body: str = ""
    body_line: int = 1
    # as PageFile's: the body without its code, and its links to pages (resolved from the
    # English page's place, whose address the translation takes in its language's site)
    scrubbed: str = ""
    links: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Translations:
    """Every sidecar of the project, by language."""

    pages: dict[tuple[str, str], PageTranslation] = field(default_factory=dict)  # (lang, src)
    records: dict[tuple[str, str, str], Translated] = field(default_factory=dict)  # lang,kind,id
    # (lang, source id) -> {the English passage as cited: its translation}
    passages: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    passage_files: dict[tuple[str, str], Translated] = field(default_factory=dict)

    def restricted(self, pages: set[str], records: dict[str, dict]) -> Translations:
        """The translations of these pages and records only (an audience's)."""
        return Translations(
            pages={k: v for k, v in self.pages.items() if k[1] in pages},
            records={k: v for k, v in self.records.items() if k[2] in records.get(k[1], {})},
            passages={k: v for k, v in self.passages.items() if k[1] in records["source"]},
            passage_files={
                k: v for k, v in self.passage_files.items() if k[1] in records["source"]
            },
        )

    def page(self, language: str, src: str) -> PageTranslation | None:
        return self.pages.get((language, src))

    def record(self, language: str, kind: str, record_id: str) -> Translated | None:
        return self.records.get((language, kind, record_id))


# ---------------------------------------------------------------- pages


def load_pages(root: Path, english: dict, names: list[str], problems: list[Problem]):
    """The page translations among ``names`` (docs-relative), checked against ``english``
    (the catalog's pages by their docs-relative path)."""
    found: dict[tuple[str, str], PageTranslation] = {}
    for name in names:
        src, language = sidecar(name)
        path = f"docs/{name}"
        page = english.get(src)
        if page is None:
            problems.append(
                Problem(path, 1, "(file name)", f"translates docs/{src}, which does not exist")
            )
            continue
        try:
            text = read_text(root / path, MAX_PAGE_BYTES).replace("\r\n", "\n").replace("\r", "\n")
            data, lines, body, body_line = split_front_matter(text)
        except FileProblem as error:
            problems.append(Problem(path, error.line, error.field, error.message))
            continue
        data = dict(data or {})
        stale = _staleness(root, path, f"docs/{src}", data, lines, problems)
        if stale is None:
            continue
        meta_problems = _meta_problems(data, path, lines, page.meta)
        problems.extend(meta_problems)
        if shape := page_shape_problems(body, body_line):
            problems.extend(Problem(path, line, f, message) for line, f, message in shape)
            continue
        problems.extend(_body_problems(page.body, body, path, body_line))
        if meta_problems:
            continue
        scrubbed = scrub_code(body)
        found[(language, src)] = PageTranslation(
            path,
            f"docs/{src}",
            language,
            stale,
            meta=data,
            body=body,
            body_line=body_line,
            scrubbed=scrubbed,
            links=internal_links(src, scrubbed, body_line),
        )
    return found


def _staleness(root, path, english, data, lines, problems) -> bool | None:
    """Whether the translation is stale (its English file changed since); None, with a
    problem, if it does not say what it translates."""
    given = data.pop("translates", None)
    if given is None:
        problems.append(
            Problem(
                path,
                1,
                "translates",
                f"required field is missing: give the first 12 hex digits of the sha256 of "
                f"{english} (`sha256sum {english} | cut -c1-12`)",
            )
        )
        return None
    if not isinstance(given, str) or not REVISION.match(given):
        problems.append(
            Problem(
                path,
                lines.line_of(("translates",)),
                "translates",
                f"{given!r} is not 12 lowercase hex digits (`sha256sum {english} | cut -c1-12`)",
            )
        )
        return None
    return given != revision((root / english).read_bytes())


def _meta_problems(data: dict, path: str, lines: LineMap, english: models.PageMeta):
    """The front matter's problems. The English page's marking and chrome are the
    translation's (render/site.py takes only its title and description): it may repeat
    them, not change them."""
    own = [
        Problem(
            path,
            lines.line_of((key,)),
            key,
            f"not the English page's {key}: a translation takes its marking and 'hide' "
            "from the English page; remove it here",
        )
        for key in ("classification", "hide")
        if key in data and _meta_value(key, data[key]) != getattr(english, key)
    ]
    if own:
        return own
    try:
        models.PageMeta.model_validate(data)
    except ValidationError as error:
        return [
            Problem(
                path,
                lines.line_of(tuple(detail["loc"])),
                format_loc(tuple(detail["loc"])),
                detail["msg"].removeprefix("Value error, "),
            )
            for detail in error.errors()
        ]
    return []


def _meta_value(key: str, value: Any) -> Any:
    """A front matter value as the English page's model holds it (None: not valid)."""
    try:
        return getattr(models.PageMeta.model_validate({key: value}), key)
    except ValidationError:
        return None


def _body_problems(english: str, translated: str, path: str, line: int) -> list[Problem]:
    """A translation may not add or drop a fact: the same macros, the same cited passages,
    the same headings as the English text."""
    problems = []
    ours, theirs = macro_calls(translated), macro_calls(english)
    if ours is not None and theirs is not None and Counter(ours) != Counter(theirs):
        problems.append(
            Problem(
                path,
                line,
                "(macros)",
                f"calls {_listed(ours)} where the English calls {_listed(theirs)}: "
                "a translation keeps the English macro calls",
            )
        )
    ours_cited, theirs_cited = Counter(cite_calls(translated)), Counter(cite_calls(english))
    if ours_cited != theirs_cited:
        extra = sorted(ours_cited - theirs_cited, key=str)
        dropped = sorted(theirs_cited - ours_cited, key=str)
        said = "; ".join(
            [f"cites {s!r}: {q!r}, which the English does not" for s, q in extra]
            + [f"does not cite {s!r}: {q!r}, as the English does" for s, q in dropped]
        )
        problems.append(
            Problem(
                path,
                line,
                "cite",
                f"{said} (a translation cites the same passages, verbatim in the source's "
                "language)",
            )
        )
    ours_h = [len(m) for m in _HEADING.findall(scrub_code(translated))]
    theirs_h = [len(m) for m in _HEADING.findall(scrub_code(english))]
    if ours_h != theirs_h:
        problems.append(
            Problem(
                path,
                line,
                "(headings)",
                f"heading levels {ours_h} differ from the English page's {theirs_h}",
            )
        )
    return problems


def _listed(calls: list[str]) -> str:
    return ", ".join(sorted(calls)) or "no macro"


def macro_calls(body: str) -> list[str] | None:
    """The macros a page's text calls, cite() apart, each with the record or file it names
    (its first argument: ``person_link('ada')``); a label after it is text to translate.
    None: the text does not parse (the sandbox reports that)."""
    try:
        tree = Environment().parse(body)
    except TemplateSyntaxError:
        return None
    return [
        f"{call.node.name}({_first_argument(call)})"
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name != "cite"
    ]


def _first_argument(call: nodes.Call) -> str:
    given = [*call.args, *(keyword.value for keyword in call.kwargs)]
    if not given:
        return ""
    first = given[0]
    # a name that is not a constant is shown as the sandbox will judge it (it refuses it)
    return repr(first.value) if isinstance(first, nodes.Const) else type(first).__name__


# ---------------------------------------------------------------- records


def record_sidecars(root: Path, kind: Kind) -> list[tuple[Path, str, str, str]]:
    """(path, data-relative name, English name, language) of each translation of a kind."""
    base = root / "data"
    if kind.layout == "folder":
        folder = base / kind.data
        candidates = sorted(folder.glob("*.*.yaml")) if folder.is_dir() else []
    else:
        stem = kind.data.removesuffix(".yaml")
        candidates = [base / f"{stem}.{language}.yaml" for language in TRANSLATED]
    found = []
    for path in candidates:
        if path.is_file() and not path.is_symlink() and (named := sidecar(path.name)):
            english, language = named
            relative = path.relative_to(root).as_posix()
            found.append((path, relative, f"{relative.rsplit('/', 1)[0]}/{english}", language))
    return found


def merge_records(
    root: Path, records: dict[str, dict[str, Any]], problems: list[Problem]
) -> Translations:
    """Read every record and source sidecar and merge its texts into ``records`` (in
    place: the merged records replace the English ones, which they contain)."""
    translations = Translations()
    for kind in KINDS:
        for path, name, english, language in record_sidecars(root, kind):
            try:
                data, lines = parse_yaml(read_text(path))
            except FileProblem as error:
                problems.append(Problem(name, error.line, error.field, error.message))
                continue
            if not (root / english).is_file():
                problems.append(
                    Problem(name, 1, "(file name)", f"translates {english}, which does not exist")
                )
                continue
            if not isinstance(data, dict):
                problems.append(
                    Problem(name, 1, "(file)", "expected a mapping of field names to values")
                )
                continue
            stale = _staleness(root, name, english, data, lines, problems)
            if stale is None:
                continue
            done = Translated(name, english, language, stale)
            context = _Merge(name, lines, language, problems)
            if kind.name == "source":
                source_id = Path(english).stem
                if (source := records["source"].get(source_id)) is not None:
                    passages = context.passages(data, source.text)
                    translations.passages[(language, source_id)] = passages
                    translations.passage_files[(language, source_id)] = done
                continue
            for record_id, loc, entry in _entries(kind, english, data, context):
                record = records[kind.name].get(record_id)
                if record is None:
                    if english not in {problem.path for problem in problems}:
                        # (an English record with errors is reported there, once)
                        context.problem(loc, f"no {kind.name} '{record_id}' in {english}")
                    continue
                records[kind.name][record_id] = context.model(record, entry, loc)
                translations.records[(language, kind.name, record_id)] = done
    return translations


def _entries(kind: Kind, english: str, data: dict, context: _Merge):
    """(record id, loc, translated fields) of each record a sidecar translates."""
    if kind.layout == "folder":
        yield Path(english).stem, (), data
    elif kind.layout == "single":
        yield kind.name, (), data
    else:
        unknown = sorted(set(data) - {kind.list_key})
        for key in unknown:
            context.problem((key,), f"unknown field; this file holds only '{kind.list_key}'")
        entries = data.get(kind.list_key)
        if not isinstance(entries, list):
            context.problem((kind.list_key,), f"expected a list of {kind.name}s")
            return
        id_field = "term" if kind.name == "term" else "id"
        for index, entry in enumerate(entries):
            loc = (kind.list_key, index)
            if not isinstance(entry, dict) or not isinstance(entry.get(id_field), str):
                context.problem(loc, f"expected a mapping with the entry's '{id_field}'")
                continue
            entry = dict(entry)
            yield entry.pop(id_field), loc, entry


@dataclass
class _Merge:
    path: str
    lines: LineMap
    language: str
    problems: list[Problem]

    def problem(self, loc: tuple, message: str) -> None:
        self.problems.append(Problem(self.path, self.lines.line_of(loc), format_loc(loc), message))

    def model(self, record: BaseModel, data: Any, loc: tuple) -> BaseModel:
        """``record`` with the texts of ``data`` (its shape, texts only) added in the language."""
        if not isinstance(data, dict):
            self.problem(loc, "expected a mapping of field names to translated texts")
            return record
        update = {}
        for key, value in data.items():
            here = (*loc, key)
            info = type(record).model_fields.get(key)
            if info is None:
                self.problem(here, f"unknown field '{key}' (not a field of the English record)")
                continue
            current = getattr(record, key)
            if current is None:
                self.problem(here, "the English record has no such text to translate")
            elif key == "name" and _official(record, self.language):
                self.problem(
                    here,
                    f"its official name in '{self.language}' is in 'official_names', with "
                    "its source: a translation does not replace it",
                )
            elif isinstance(current, dict) and key == "editor_notes":  # a text per fact
                update[key] = self.notes(current, value, here)
            elif _localised(info):
                if (text := self.text(current, value, here, _is_title(info))) is not None:
                    update[key] = text
            elif isinstance(current, BaseModel):
                update[key] = self.model(current, value, here)
            elif isinstance(current, list) and current and isinstance(current[0], BaseModel):
                update[key] = self.items(current, value, here)
            else:
                self.problem(here, "this field is not translated (names, ids, dates, quotations)")
        return record.model_copy(update=update) if update else record

    def items(self, current: list, value: Any, loc: tuple) -> list:
        if not isinstance(value, list) or len(value) != len(current):
            count = len(value) if isinstance(value, list) else "no list"
            self.problem(
                loc,
                f"the English has {len(current)} item(s), this {count}: keep the same "
                "list, in the same order (an item may be {} to leave it untranslated)",
            )
            return current
        return [
            self.model(item, entry, (*loc, i)) if entry else item
            for i, (item, entry) in enumerate(zip(current, value, strict=True))
        ]

    def notes(self, current: dict, value: Any, loc: tuple) -> dict:
        if not isinstance(value, dict):
            self.problem(loc, "expected a mapping of note names to translated texts")
            return current
        out = dict(current)
        for name, text in value.items():
            if name not in current:
                self.problem((*loc, name), f"the English has no editors' note '{name}'")
            elif (merged := self.text(current[name], text, (*loc, name), False)) is not None:
                out[name] = merged
        return out

    def text(self, current: Any, value: Any, loc: tuple, title: bool) -> dict | None:
        try:
            parsed = (_parse_title if title else _parse_text)(value)
        except ValueError as error:
            self.problem(loc, str(error))
            return None
        if not isinstance(parsed, str):
            self.problem(loc, "expected the translated text (the language is the file's)")
            return None
        english = current if isinstance(current, dict) else {SOURCE_LANGUAGE.value: current}
        return {**english, self.language: parsed}

    def passages(self, data: dict, text: str | None) -> dict[str, str]:
        """The translations of passages of a source whose stored text is ``text``."""
        from .quotes import Passages

        stored = Passages(text) if text else None
        out: dict[str, str] = {}
        unknown = sorted(set(data) - {"passages"})
        for key in unknown:
            self.problem((key,), "unknown field; a source's translation holds only 'passages'")
        entries = data.get("passages")
        if not isinstance(entries, list):
            self.problem(("passages",), "expected a list of {quote: ..., text: ...}")
            return out
        for index, entry in enumerate(entries):
            loc = ("passages", index)
            if not isinstance(entry, dict) or set(entry) != {"quote", "text"}:
                self.problem(
                    loc, "expected {quote: the English passage as cited, text: its translation}"
                )
                continue
            if stored is not None and not stored.contains(str(entry["quote"])):
                self.problem(
                    (*loc, "quote"),
                    "not a passage of the source's text: give the English passage word for word",
                )
                continue
            try:
                out[str(entry["quote"])] = _parse_text(entry["text"])
            except ValueError as error:
                self.problem((*loc, "text"), str(error))
        return out


def shows_english(record: BaseModel, language: str) -> bool:
    """Whether a record holds a text (a Text or Title field, an editors' note, in it or in
    the models it holds: a person's role titles) that has no translation into
    ``language``, so that a page showing the record shows that text in English."""
    for key, info in type(record).model_fields.items():
        value = getattr(record, key)
        if not value:
            continue
        if key == "name" and _official(record, language):
            continue  # shown in the official form a source gives
        if key == "paragraphs" and isinstance(record, models.Statement):
            continue  # words quoted stay as said; the site's translation stands beside them
        if key == "editor_notes":
            if any(_english_only(note, language) for note in value.values()):
                return True
        elif _localised(info):
            if _english_only(value, language):
                return True
        elif any(
            isinstance(item, BaseModel) and shows_english(item, language)
            for item in (value if isinstance(value, list) else [value])
        ):
            return True
    return False


def _english_only(text: Any, language: str) -> bool:
    return not isinstance(text, dict) or not text.get(language)


def _official(record: BaseModel, language: str) -> bool:
    """Whether a source gives the record's name in ``language`` (an organisation's)."""
    return isinstance(record, models.Organisation) and bool(
        record.official_name(Language(language))
    )


def _localised(info) -> bool:
    """A Text or Title field (which holds a text per language once translated)."""
    return any(
        isinstance(m, PlainValidator) and m.func in (_parse_text, _parse_title)
        for m in _metadata(info)
    )


def _is_title(info) -> bool:
    return any(isinstance(m, PlainValidator) and m.func is _parse_title for m in _metadata(info))


def _metadata(info) -> list:
    found = list(info.metadata)
    for arg in getattr(info.annotation, "__args__", ()):  # Text | None
        found.extend(getattr(arg, "__metadata__", ()))
    return found
