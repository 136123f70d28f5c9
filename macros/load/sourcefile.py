"""Read contributor files safely and parse YAML while remembering line numbers.

Only ``yaml.SafeLoader`` semantics are used (no Python object tags). The
node tree gives each key and item its line, so a validation error can point
at ``data/meetings/x.yaml:12`` rather than just at the file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..limits import MAX_RECORD_BYTES, MAX_YAML_DEPTH

try:  # libyaml is several times faster; the pure-Python loader is equivalent
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader


class _DuplicateKey(Exception):
    pass


class _Loader(_BaseLoader):
    """Safe loading with dates left as text (the models parse them, so an
    impossible date is reported against its field like any other value), and
    duplicate keys refused rather than silently overwritten."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
        if len(keys) != len(set(keys)):
            raise _DuplicateKey
        return super().construct_mapping(node, deep=deep)


class FileProblem(Exception):
    """A file that cannot be read as text or parsed; carries the line it failed on."""

    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


@dataclass
class LineMap:
    """Line (1-based) of every key and list item, by its location tuple."""

    lines: dict[tuple, int] = field(default_factory=dict)
    offset: int = 0
    source: str | None = None  # the YAML text, whose lines are found when first needed

    def line_of(self, loc: tuple) -> int:
        if self.source is not None:
            # Only a problem needs a line number: most files never pay for finding them.
            self.lines = line_numbers(self.source, self.offset)
            self.source = None
        """The line of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc] + self.offset
            loc = loc[:-1]
        return self.lines.get((), 1) + self.offset


def read_text(path: Path, limit: int = MAX_RECORD_BYTES) -> str:
    """Read a contributor file as UTF-8, refusing oversized, binary and mis-encoded files."""
    descriptor = os.open(path, os.O_RDONLY)
    try:  # os.read: thousands of small files read noticeably faster than with open()
        raw = os.read(descriptor, limit + 1)
        while len(raw) <= limit and (more := os.read(descriptor, limit + 1 - len(raw))):
            raw += more
        if len(raw) > limit:
            size = os.fstat(descriptor).st_size
            raise FileProblem(1, "(file)", f"file is {size:,} bytes, over the {limit:,}-byte limit")
    finally:
        os.close(descriptor)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise FileProblem(line, "(file)", "file contains NUL bytes; is it a binary file?")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileProblem(
            line, "(file)", f"file is not UTF-8 text (byte 0x{raw[error.start]:02x})"
        ) from None
    return text.removeprefix("\ufeff")


_MAYBE_ANCHOR = re.compile(r"[&*][^\s,\]}]")


def _refuse_anchors(text: str, line_offset: int) -> None:
    """Anchors and aliases (``&a``, ``*a``) are refused: nothing here needs them, and
    nested aliases can expand a small file into billions of values."""
    if not _MAYBE_ANCHOR.search(text):
        return
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FileProblem(
                    event.start_mark.line + 1 + line_offset,
                    "(yaml)",
                    "anchors and aliases (&name, *name) are not allowed; write the value out",
                )
    except yaml.YAMLError:
        return  # reported, with its line, when the text is parsed


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, LineMap]:
    """Parse one YAML document; return the data and where each part of it is."""
    _refuse_anchors(text, line_offset)
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
        if _too_deep(data):
            raise RecursionError
    except RecursionError:  # composing is recursive: find where, without recursing
        raise _nesting_problem(text, line_offset) from None
    except _DuplicateKey:
        line_numbers(text, line_offset)  # raises, naming the key, its line and the first one
        raise AssertionError("a duplicate key went unreported") from None
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in str(error.problem):  # libyaml's own limit, far above ours
            raise _nesting_problem(text, line_offset) from None
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise FileProblem(line, "(yaml)", _explain_yaml(error, text, mark)) from None
    except yaml.YAMLError as error:
        raise FileProblem(1 + line_offset, "(yaml)", f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    return data, LineMap(offset=line_offset, source=text)


def _too_deep(data: Any) -> bool:
    """Whether collections nest more than MAX_YAML_DEPTH deep (walked without recursion)."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > MAX_YAML_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _nesting_problem(text: str, line_offset: int) -> FileProblem:
    """The problem, at the line where values first nest too deep (read as a flat event stream)."""
    depth, line = 0, 1
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    line = event.start_mark.line + 1
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:  # the parser's own depth limit comes later than ours
        line = (error.problem_mark or error.context_mark).line + 1
    return FileProblem(
        line + line_offset,
        "(yaml)",
        f"values nest more than {MAX_YAML_DEPTH} levels deep here; "
        "nothing on this site needs more than five",
    )


def _explain_yaml(error: yaml.MarkedYAMLError, text: str, mark) -> str:
    """The parser's words, or plain ones for the mistakes people make most."""
    lines = text.split("\n")
    here = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\t" in here[: (mark.column if mark is not None else 0) + 1] or (
        "cannot start any token" in str(error.problem) and "\t" in here
    ):
        column = here.index("\t") + 1
        return (
            f"a tab character (column {column}): YAML is indented with spaces only; "
            "replace the tab with spaces"
        )
    return f"invalid YAML: {error.problem or error}"


def line_numbers(text: str, offset: int = 0) -> dict[tuple, int]:
    """The line of every key and list item of a YAML text (parsed again, as nodes)."""
    node = yaml.compose(text, Loader=_Loader)
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines, offset)
    return lines


def _walk(node: yaml.Node, loc: tuple, lines: dict[tuple, int], offset: int) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise FileProblem(
                    line + offset,
                    ".".join(map(str, (*loc, key))) if loc else str(key),
                    f"duplicate key (first given on line {seen[key] + offset})",
                )
            seen[key] = line
            lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1
            _walk(item, (*loc, index), lines, offset)
