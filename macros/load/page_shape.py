"""Page shapes that would make the build slow, refused before anything converts them.

Python-Markdown (3.11), and the standard library's HTML parser that it runs
over every page, take time that grows with the square of some patterns (or
worse). Measured with this site's extensions, one pattern repeated to the
size, seconds to convert (``python -m tests.bench.pathological``, 2 shared
cores; ``>10`` means stopped at ten seconds):

    pattern                           10 KB   20 KB   40 KB  100 KB
    plain prose                        0.01    0.01    0.04    0.04
    '[a ' (link never closed)          >10
    '[a](' / '![a](' / '![a '          2.8     >10
    '[[[[a' (nested brackets)          >10
    '<a ' (tag never closed)           1.8     6.7     >10
    '<http://a '                       0.6     1.9     >10
    '*[A1]: ...' abbreviations         0.5     3.3     >10
    '&amp; &#1 ' in one paragraph      0.1     0.2     0.6     2.3
    '*_**__' emphasis never closed     0.1     0.4     0.7     1.6
    footnotes, one per line            0.2     0.4     1.3     3.4
    headings with one name             0.2     0.7     1.8     2.3
    lists / quotes / '???' nested      0.2     0.5     1.2     3.6
    '<div>' nested                     0.03    0.1     0.35    2.2
    a table row of 12,000 columns                              1.9
    definitions / list items, 4,000                            2.0 (linear, but
                                                               costly per piece)

(Wall-clock seconds on two busy shared cores. In processor time, at 200 KB:
'*_**__' >10 s, '&amp;' 5.5 s, footnotes 4.5 s; single emphasis marks,
attribute lists, comments and closed brackets stay under 0.5 s.) Each
pattern that is not linear is bounded by a limit in ``limits.py``, checked
here in one linear pass over the page, so ``gceg validate`` refuses the page
with the line to fix, the same on every machine: every family above is
refused in under 0.15 s at 200 KB. What the limits let through is fast: the
same patterns cut into paragraphs small enough to pass take at most 0.5 s
of processor time at 100 KB and 0.75 s at 200 KB, the largest page allowed
('&amp;' in 500-byte paragraphs is the slowest); plain prose 0.1 s
(``--stage site --paragraph 500``). Ordinary pages are checked in 0.2 ms.

Limits rather than only a clock, because ``gceg validate`` does not convert
pages and a limit gives a line; the clock (``markdown_budget.py``) is the last
resort for shapes not listed here.

Code is not exempt: a limit that skipped code blocks could be bypassed by a
fence that Markdown does not close. Ordinary code stays far below them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

from ..limits import (
    MAX_ABBREVIATIONS,
    MAX_BRACKET_SCAN,
    MAX_ELEMENTS,
    MAX_FOOTNOTE_MARKS,
    MAX_HEADINGS,
    MAX_INLINE_WORK,
    MAX_PAGE_NESTING,
    MAX_PARAGRAPH_BYTES,
    MAX_TABLE_COLUMNS,
    MAX_TAG_SCAN,
)

Finding = tuple[int, str, str]  # (offset in the body, field, message)

# A line that could open more than MAX_PAGE_NESTING containers: every level takes a
# character at least ('>', a list marker, or a tab / four spaces of indentation).
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-.)0-9]{{{MAX_PAGE_NESTING + 1},}}", re.MULTILINE)
_SPACE = re.compile(r"[ \t]*")
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# elements whose end tag may be left out: a new one closes the open one
_SIBLINGS = {
    "li": {"li"},
    "p": {"p"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$|"
    r"^[ \t]*\|[ \t]*:?-+:?[ \t]*\|?[ \t]*$"
)
_FENCE_OPEN = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]", re.MULTILINE)
_BRACKET = re.compile(r"\\[\s\S]|\]\(|[\[\]()]|\n[ \t]*(?=\n)")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_HEADING = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$)", re.MULTILINE)
_ABBREVIATION = re.compile(r"^ {0,3}\*\[", re.MULTILINE)
_FOOTNOTE = re.compile(r"\[\^")
_MARK = re.compile(r"[*_&`\[<\\{~]")
# where a new piece of text starts: after a blank line, at a list item, definition or
# heading, at each table cell; and each level of quote on a line, which is read once a level
_ELEMENT = re.compile(
    r"(?<=\n)[ \t]*\n[ \t]*[^\s>]|^[ \t>]*(?:[-*+:]|\d{1,9}[.)]|#{1,6})[ \t]|\|"
    r"|^[ \t]*>|(?<=>)[ \t]*>",
    re.MULTILINE,
)


def page_shape_problems(body: str, first_line: int) -> list[tuple[int, str, str]]:
    """``(line, field, message)`` for each limit the page body goes over (one per limit)."""
    found = []
    for check in CHECKS:
        finding = check(body)
        if finding is not None:
            offset, field, message = finding
            found.append((first_line + body.count("\n", 0, offset), field, message))
    return found


def nesting(body: str) -> Finding | None:
    """Lists, block quotes and indented blocks nested too deep (Markdown recurses per level)."""
    for match in _DEEP_PREFIX.finditer(body):
        line_end = body.find("\n", match.start())
        line = body[match.start() : line_end if line_end >= 0 else len(body)]
        if _container_depth(line) > MAX_PAGE_NESTING:
            return (
                match.start(),
                "(markdown)",
                (
                    f"lists, quotes or indented blocks nest more than {MAX_PAGE_NESTING} levels "
                    "deep here; flatten them"
                ),
            )
    return None


def _container_depth(line: str) -> int:
    """Levels a line's start opens: its markers, and its indentation in steps of four."""
    depth, columns, position = 0, 0, 0
    while True:
        space = _SPACE.match(line, position)
        columns += _columns(space.group(0))
        marker = _MARKER.match(line, space.end())
        if marker is None:
            return depth + columns // 4
        depth += 1
        position = marker.end()
        if line[position : position + 1] in (" ", "\t"):
            position += 1  # the space that belongs to the marker


def _columns(space: str) -> int:
    return sum(4 if char == "\t" else 1 for char in space)


def html_nesting(body: str) -> Finding | None:
    """HTML elements opened inside each other too deep (each level costs every later tag)."""
    if "<" not in body:
        return None
    stack: list[str] = []
    for match in _TAG.finditer(body):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            continue
        if name in _VOID or match.group(3).rstrip().endswith("/"):
            continue
        if stack and stack[-1] in _SIBLINGS.get(name, ()):
            stack.pop()
        stack.append(name)
        if len(stack) > MAX_PAGE_NESTING:
            return (
                match.start(),
                "(html)",
                (
                    f"HTML elements nest more than {MAX_PAGE_NESTING} levels deep here; "
                    "close them, or use fewer"
                ),
            )
    return None


def paragraph_size(body: str) -> Finding | None:
    """A paragraph (text between blank lines) too long: Markdown reads it once per link,
    entity or emphasis in it. Tables are read a cell at a time, list items one by one."""
    if len(body) <= MAX_PARAGRAPH_BYTES:
        return None
    for start, end in _pieces(body):
        if end - start > MAX_PARAGRAPH_BYTES:
            return (
                start,
                "(markdown)",
                (
                    f"this paragraph runs {end - start:,} bytes without a blank line (the limit "
                    f"is {MAX_PARAGRAPH_BYTES:,}); Markdown reads long paragraphs slowly: add "
                    "blank lines between its parts"
                ),
            )
    return None


def inline_marks(body: str) -> Finding | None:
    """Each mark Markdown acts on in a piece of text ('*', '&', '[' ...) costs it that piece's
    length again: dense markup in long paragraphs is quadratic."""
    if _bound(body, lambda start, end: len(_MARK.findall(body, start, end))) <= MAX_INLINE_WORK:
        return None  # no piece is longer than its paragraph: the usual case, settled at once
    total = 0
    for start, end in _pieces(body):
        total += len(_MARK.findall(body, start, end)) * (end - start)
        if total > MAX_INLINE_WORK:
            return (
                start,
                "(markdown)",
                (
                    "too much markup ('*', '_', '&', '`', '[', '<' ...) in long paragraphs from "
                    "here on: Markdown's work grows with marks times length; add blank lines "
                    "between the parts of long paragraphs"
                ),
            )
    return None


def _bound(body: str, count: Callable[[int, int], int]) -> int:
    """The sum over paragraphs of count(paragraph) x its length: an upper bound of the work
    of the checks below, found in C-speed counts."""
    total, start = 0, 0
    for end in [match.start() for match in _BLANK_LINE.finditer(body)] + [len(body)]:
        total += count(start, end) * (end - start)
        start = end
    return total


def _pieces(body: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each piece of text Markdown reads on its own, roughly: paragraphs,
    list items and table rows (over-long, never too short)."""
    start = 0
    for end in [match.start() for match in _BLANK_LINE.finditer(body)] + [len(body)]:
        yield from _parts(body, start, end)
        start = end + 1


def _parts(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """What Markdown reads as one piece of text in the lines body[start:end]."""
    block = body[start:end].lstrip("\n")
    start = end - len(block)
    lines = block.split("\n", 2)
    if len(lines) > 1 and _TABLE_RULE.match(lines[1]):
        offset = start  # a table: each row (each cell, in fact) is read on its own
        for line in block.split("\n"):
            yield offset, offset + len(line)
            offset += len(line) + 1
        return
    fence = _FENCE_OPEN.match(block)
    if fence and block.rstrip().endswith(fence.group(1)):
        return  # a closed code block is not read as Markdown
    if _LIST_ITEM.match(block):
        items = [match.start() for match in _LIST_ITEM.finditer(block)] + [len(block)]
        yield from ((start + a, start + b) for a, b in itertools.pairwise(items))
        return
    yield start, end


def brackets(body: str) -> Finding | None:
    """For each '[' (and each '](' that starts a link address), Markdown reads on to its
    closing bracket, or to the end of the paragraph: unclosed brackets cost a paragraph each."""
    if _bound(body, lambda start, end: body.count("[", start, end) * 2) <= MAX_BRACKET_SCAN:
        return None  # no scan runs past its paragraph: the usual case, settled at once
    total, squares, parens = 0, [], []  # parens: (offset, whether it is a link's address)
    for match in _BRACKET.finditer(body):
        token, offset = match.group(0), match.start()
        culprit = None
        if token[0] == "\\":
            continue
        if token == "[":
            squares.append(offset)
        elif token[0] == "]":
            if squares:
                culprit = squares.pop()
                total += offset - culprit
            if token == "](":
                parens.append((offset + 1, True))
        elif token == "(":
            parens.append((offset, False))
        elif token == ")":
            if parens:
                start, is_link = parens.pop()
                if is_link:
                    culprit = start
                    total += offset - start
        else:  # a blank line ends the paragraph, and every scan with it
            total, culprit = _close_all(offset, total, squares, parens)
        if total > MAX_BRACKET_SCAN:
            return _bracket_finding(culprit if culprit is not None else offset)
    total, culprit = _close_all(len(body), total, squares, parens)
    return _bracket_finding(culprit) if total > MAX_BRACKET_SCAN else None


def _close_all(offset: int, total: int, squares: list, parens: list) -> tuple[int, int | None]:
    links = [start for start, is_link in parens if is_link]
    total += sum(offset - start for start in squares) + sum(offset - start for start in links)
    culprit = min(squares[:1] + links[:1], default=None)
    squares.clear()
    parens.clear()
    return total, culprit


def _bracket_finding(offset: int) -> Finding:
    return (
        offset,
        "(markdown)",
        (
            "too many '[' or '](' without their closing bracket from here on: Markdown reads to "
            "the end of the paragraph for each one; close them, or write '\\[' for a bracket"
        ),
    )


def unclosed_tags(body: str) -> Finding | None:
    """For each '<' that could start a tag, the HTML parser reads on to the next '>'."""
    total, next_close = 0, -1
    for match in _TAG_START.finditer(body):
        offset = match.start()
        if next_close < offset:
            next_close = body.find(">", offset)
            if next_close < 0:
                next_close = len(body)
        total += next_close - offset
        if total > MAX_TAG_SCAN:
            return (
                offset,
                "(html)",
                (
                    "too many '<' without a closing '>' from here on: the HTML parser reads on to "
                    "the next '>' for each one; write '&lt;' for a '<' that is not a tag"
                ),
            )
    return None


def _count(
    pattern: re.Pattern, limit: int, message: str, most: Callable[[str], int]
) -> Callable[[str], Finding | None]:
    """A check that ``pattern`` occurs at most ``limit`` times; ``most(body)`` is a quick
    upper bound of its count, which settles most pages without searching."""

    def check(body: str) -> Finding | None:
        if most(body) <= limit:
            return None
        for number, match in enumerate(pattern.finditer(body), 1):
            if number > limit:  # (every pattern ends on the line of what it counts)
                return match.end() - 1, "(markdown)", message
        return None

    check.__name__ = f"count_{pattern.pattern}"
    return check


def table_columns(body: str) -> Finding | None:
    if body.count("|") <= MAX_TABLE_COLUMNS:
        return None
    offset = 0
    for line in body.split("\n"):
        if line.count("|") > MAX_TABLE_COLUMNS + 1:
            return (
                offset,
                "(markdown)",
                (f"a table row with more than {MAX_TABLE_COLUMNS} columns; split the table"),
            )
        offset += len(line) + 1
    return None


CHECKS: tuple[Callable[[str], Finding | None], ...] = (
    nesting,
    html_nesting,
    paragraph_size,
    inline_marks,
    brackets,
    unclosed_tags,
    table_columns,
    _count(
        _ELEMENT,
        MAX_ELEMENTS,
        f"more than {MAX_ELEMENTS:,} paragraphs, list items, quote levels and table cells on "
        "one page "
        "(Markdown's cost grows with each); split the page",
        lambda body: body.count("\n") + 1 + body.count("|") + body.count(">"),
    ),
    _count(
        _HEADING,
        MAX_HEADINGS,
        f"more than {MAX_HEADINGS} headings on one page; split it",
        lambda body: body.count("\n") + 1,
    ),
    _count(
        _ABBREVIATION,
        MAX_ABBREVIATIONS,
        f"more than {MAX_ABBREVIATIONS} abbreviation definitions (*[...]:) on one page; "
        "site-wide terms belong in data/glossary.yaml",
        lambda body: body.count("*["),
    ),
    _count(
        _FOOTNOTE,
        MAX_FOOTNOTE_MARKS,
        f"more than {MAX_FOOTNOTE_MARKS} footnote marks ([^...]) on one page; split it",
        lambda body: body.count("[^"),
    ),
)
