"""A page's own sentences that state a fact with nothing to back it.

Records back each fact with a citation (models.Grounded); a page's prose has
no fields, so its sentences are read instead. A sentence states a fact when it
names someone or something the catalog knows (an organisation, a person, the
group; the caller gives the names) or gives a year. Such a sentence carries a
``{{ cite("source-id", "passage") }}`` mark, or stands in an editors' note
(``!!! editors``), where the page says it is the editors' reading. Sentences
about the site itself ("Each meeting has a page...") name nothing and pass.

Hand-written: it reads Markdown source a line at a time, which is all it needs
(paragraphs, list items, table rows and the text of HTML lines; code, comments,
headings and editors' notes skipped);
a Markdown parser would lose the line numbers the messages give.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jinja2 import Environment, TemplateSyntaxError, nodes

_CITE = re.compile(r"\{\{-?\s*cite\s*\(")
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|<[^>]*>", re.S)  # macros and inline HTML
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=\S)")
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_SPAN = re.compile(r"(`+)[^`\n]+?\1")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SKIPPED_LINE = re.compile(r"^\s*(#|\*\[|\[[^\]]+\]:|---\s*$|\{\{[^}]*\}\}\s*$|\{%.*%\}\s*$)")
# a table row or a line of HTML is read on its own (tags are stripped from sentences)
_OWN_LINE = re.compile(r"^\s*[|<]")
_NOTE = re.compile(r"^(\s*)(!!!|\?\?\?\+?)\s+editors\b")
_ADMONITION = re.compile(r"^(\s*)(!!!|\?\?\?\+?)\s")


@dataclass(frozen=True)
class Claim:
    line: int  # in the page's file
    sentence: str
    names: str  # "names INTERPOL", "gives the year 2016"


class KnownNames:
    """The names a claim can give, as word sequences, looked up word by word: the work grows
    with the page, not with the number of names the catalog knows (an alternation of every
    name would). Prepared once per catalog, not once per page."""

    def __init__(self, names: Iterable[str]):
        self.words = {tuple(_WORD.findall(n)) for n in names if len(n) > 2} - {()}
        sizes: dict[str, set[int]] = {}
        for words in self.words:
            sizes.setdefault(words[0], set()).add(len(words))
        # the lengths of the names that start with a word, longest first: most words start none
        self.sizes = {word: sorted(found, reverse=True) for word, found in sizes.items()}


def uncited_claims(
    body: str, first_line: int, known_names: KnownNames | Iterable[str]
) -> Iterator[Claim]:
    """Sentences of ``body`` (a page's text from ``first_line``) that state a fact with
    neither a citation mark nor an editors' note around them."""
    if not isinstance(known_names, KnownNames):
        known_names = KnownNames(known_names)
    # comments and code are not prose; blanking them keeps the line numbers
    body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    body = _CODE_SPAN.sub(" ", body)
    for block in _blocks(body, first_line):
        for line, sentence in _sentences(block):
            if _CITE.search(sentence):
                continue
            text = " ".join(_LINK.sub(r"\1", _MACRO.sub(" ", sentence)).replace("*", "").split())
            if named := _first_name(text, known_names):
                yield Claim(line, text, f"names {named}")
            elif found := _YEAR.search(text):
                yield Claim(line, text, f"gives the year {found.group(0)}")


def _first_name(text: str, names: KnownNames) -> str | None:
    """The first known name in ``text`` (the longest, where several start at one word)."""
    words = list(_WORD.finditer(text))
    tokens = [word.group(0) for word in words]
    for start, token in enumerate(tokens):
        for size in names.sizes.get(token, ()):
            if size <= len(words) - start and tuple(tokens[start : start + size]) in names.words:
                return text[words[start].start() : words[start + size - 1].end()]
    return None


def cite_calls(body: str) -> list[tuple[str, str | None]]:
    """(source id, quote) of each ``cite(...)`` a page's text calls with literal arguments,
    read from the template's syntax tree without running it: the source's page highlights
    these passages and lists the page among the places that cite it. A page whose template
    does not parse has none here; the sandbox reports its error."""
    if "cite" not in body:  # a call names the macro: most pages need no parse at all
        return []
    try:
        tree = Environment().parse(body)
    except TemplateSyntaxError:
        return []
    found = []
    for call in tree.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name == "cite"):
            continue
        args = [arg.value if isinstance(arg, nodes.Const) else None for arg in call.args]
        if args and isinstance(args[0], str):
            quote = args[1] if len(args) > 1 and isinstance(args[1], str) else None
            found.append((args[0], quote))
    return found


def _blocks(body: str, first_line: int) -> Iterator[list[tuple[int, str]]]:
    """The (line, text) pieces of each paragraph and list item outside code, notes and HTML."""
    block: list[tuple[int, str]] = []
    fence = False
    skip_indent: int | None = None  # inside an editors' note
    for index, raw in enumerate(body.splitlines()):
        number = first_line + index
        if _FENCE.match(raw):
            fence = not fence
            block = yield from _flush(block)
            continue
        if fence:
            continue
        indent = len(raw) - len(raw.lstrip())
        if skip_indent is not None:
            if not raw.strip() or indent > skip_indent:
                continue
            skip_indent = None
        if (note := _NOTE.match(raw)) or _ADMONITION.match(raw):
            block = yield from _flush(block)
            # an editors' note is the editors' own word; other admonitions are read as prose
            if note:
                skip_indent = len(note.group(1))
            continue
        if _OWN_LINE.match(raw):
            block = yield from _flush(block)
            yield [(number, raw.strip())]
            continue
        item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", raw)
        if not raw.strip() or _SKIPPED_LINE.match(raw) or item:
            block = yield from _flush(block)
            if item and not _SKIPPED_LINE.match(raw[item.end() :]):
                block = [(number, raw[item.end() :])]
            continue
        block.append((number, raw.strip()))
    if not fence:
        yield from _flush(block)


def _flush(block: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    if block:
        yield block
    return []


def _sentences(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The block's sentences with the line each starts on; a citation mark right after a
    full stop belongs to the sentence before it."""
    text, starts = "", []  # starts: (offset in text, line)
    for line, piece in block:
        starts.append((len(text), line))
        text += piece + " "
    out: list[tuple[int, str]] = []
    offset = 0
    for piece in _SENTENCE_END.split(text.strip()):
        at = text.find(piece, offset)
        offset = at + len(piece)
        if out and piece.startswith("{{") and _CITE.match(piece):
            head, _, rest = piece.partition("}}")
            out[-1] = (out[-1][0], out[-1][1] + " " + head + "}}")
            at += len(head) + 2
            piece = rest.strip()
            if not piece:
                continue
        line = max(line for start, line in starts if start <= at)
        out.append((line, piece))
    return out
