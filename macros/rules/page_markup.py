"""What contributor Markdown may not contain, found before anything is built.

Markdown passes raw HTML through, so a page could carry a script, an event
handler, a ``javascript:`` link or an image from another host. These checks
refuse them with the line they are on. Code blocks and code spans are
examples, not markup, and are left alone. Snippet includes (``--8<--``) may
only name files inside ``includes/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

BANNED_TAGS = (
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "svg",
    "math",
    "template",
)
_TAG = re.compile(r"<\s*(" + "|".join(BANNED_TAGS) + r")\b", re.IGNORECASE)
# an attribute starts after a space, a slash or a quote (<p/onclick=...> counts too)
_EVENT_HANDLER = re.compile(r"<[a-z][^>]*?[\s/\"'](on[a-z]+)\s*=", re.IGNORECASE | re.DOTALL)
_BAD_SCHEME = re.compile(
    r"(?:\]\(\s*<?|=\s*[\"']?\s*)(javascript|vbscript|data)\s*:", re.IGNORECASE
)
_REMOTE_MEDIA = re.compile(
    r"(?:!\[[^\]]*\]\(\s*<?|<\s*(?:img|video|audio|source|track|input)\b[^>]*?\s(?:src|srcset|poster)\s*=\s*[\"']?)"
    r"\s*((?:[a-z][a-z0-9+.-]*:)?//[^\s\"')>]+)",
    re.IGNORECASE,
)
_STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*?[\s/\"']style\s*=", re.IGNORECASE | re.DOTALL)
# Markdown attribute lists ({: ... }) set attributes too: no handlers, no styles there either.
# (Not across another '{': the same match starts from that one, and each start stays short.)
_ATTRIBUTE_LIST = re.compile(r"\{[:#.]?[^{}\n]*?\b(on[a-z]+|style)\s*=", re.IGNORECASE)
# Reference definitions ([x]: address) are links and images as well.
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?\s*(\S+)", re.MULTILINE)
# Character references inside an address hide what it is (&#106;avascript:).
_ENCODED_ADDRESS = re.compile(
    r"(?:\]\(|(?:href|src)\s*=\s*[\"']?)[^)\"'\s>]*&#?[a-z0-9]+;", re.IGNORECASE
)
_HEADING_1 = re.compile(r"^#\s+\S|^[^\n]+\n=+[ \t]*$", re.MULTILINE)
# pymdownx.snippets markers: -8<- with any number of dashes, inline (quoted name) or block.
_SNIPPET = re.compile(r"^[ \t]*(;*)-+8<-+[ \t]*(?:([\"'])(.*?)\2|(\S+))?[ \t]*$", re.MULTILINE)


def _line(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)


def unsafe_markup(text: str, first_line: int) -> Iterator[tuple[int, str, str]]:
    """``(line, field, message)`` for each piece of markup a page may not carry.
    ``text`` is the page body with its code blocks blanked out."""
    if (
        "<" not in text
        and ":" not in text
        and "//" not in text
        and "{" not in text
        and "&" not in text
    ):
        return
    for match in _TAG.finditer(text):
        yield (
            _line(text, match.start(), first_line),
            "(html)",
            (f"raw <{match.group(1).lower()}> is not allowed in pages"),
        )
    for match in _EVENT_HANDLER.finditer(text):
        yield (
            _line(text, match.start(1), first_line),
            "(html)",
            (f"event-handler attribute '{match.group(1).lower()}' is not allowed in pages"),
        )
    for match in _STYLE_ATTRIBUTE.finditer(text):
        yield (
            _line(text, match.start(), first_line),
            "(html)",
            "inline style attributes are not allowed in pages; the site stylesheet styles them",
        )
    for match in _ATTRIBUTE_LIST.finditer(text):
        yield (
            _line(text, match.start(1), first_line),
            "(html)",
            f"'{match.group(1).lower()}' in an attribute list is not allowed in pages",
        )
    for match in _ENCODED_ADDRESS.finditer(text):
        yield (
            _line(text, match.start(), first_line),
            "(link)",
            "write link addresses plainly, without character references (&#...;)",
        )
    for match in _REFERENCE.finditer(text):
        address = match.group(1).lower()
        if re.match(r"(?:javascript|vbscript|data)\s*:", address):
            yield (
                _line(text, match.start(1), first_line),
                "(link)",
                f"'{address.split(':')[0]}:' links are not allowed in pages",
            )
        elif re.match(r"(?:[a-z][a-z0-9+.-]*:)?//", address) and _is_image_reference(text, match):
            message = (
                f"'{match.group(1)}' would load from another host; put the file in docs/assets/"
            )
            yield _line(text, match.start(1), first_line), "(image)", message
    for match in _BAD_SCHEME.finditer(text):
        yield (
            _line(text, match.start(1), first_line),
            "(link)",
            (f"'{match.group(1).lower()}:' links are not allowed in pages"),
        )
    for match in _REMOTE_MEDIA.finditer(text):
        yield (
            _line(text, match.start(1), first_line),
            "(image)",
            (f"'{match.group(1)}' would load from another host; put the file in docs/assets/"),
        )


def _is_image_reference(text: str, definition: re.Match) -> bool:
    """Whether a reference definition is used by an image (![alt][name])."""
    name = re.match(r"\s*\[([^\]]+)\]", definition.group(0)).group(1)
    return re.search(r"!\[[^\]]*\]\[" + re.escape(name) + r"\]", text, re.IGNORECASE) is not None


def record_page_heading(text: str, first_line: int) -> Iterator[tuple[int, str, str]]:
    """A record's page gets its title from the record; a second title is a mistake."""
    if (
        not text.startswith(("# ", "#\t"))
        and "\n# " not in text
        and "\n#\t" not in text
        and "\n=" not in text
    ):
        return
    for match in _HEADING_1.finditer(text):
        yield (
            _line(text, match.start(), first_line),
            "(heading)",
            ("remove this top-level heading: the record's title heads the page"),
        )


def unsafe_snippets(text: str, first_line: int, includes: Path) -> Iterator[tuple[int, str, str]]:
    """Snippet includes name files in includes/, by a plain relative path."""
    if "8<" not in text:
        return
    block_open = None
    for match in _SNIPPET.finditer(text):
        if match.group(1):  # ';--8<--' is the escaped, literal form
            continue
        name = match.group(3) if match.group(2) else match.group(4)
        line = _line(text, match.start(), first_line)
        if name is None:  # a block: file names on the following lines until the closing marker
            if block_open is None:
                block_open = match.end()
            else:
                for offset, entry in _block_entries(text, block_open, match.start()):
                    yield from _check_snippet(entry, _line(text, offset, first_line), includes)
                block_open = None
            continue
        yield from _check_snippet(name, line, includes)


def _block_entries(text: str, start: int, end: int):
    offset = start
    for raw in text[start:end].splitlines(keepends=True):
        if raw.strip():
            yield offset, raw.strip()
        offset += len(raw)


def _check_snippet(name: str, line: int, includes: Path) -> Iterator[tuple[int, str, str]]:
    path = PurePosixPath(name.split(":", 1)[0] if "://" not in name else name)
    if "://" in name:
        yield line, "(snippet)", f"'{name}': snippets cannot be fetched from the web"
    elif path.is_absolute() or ".." in path.parts:
        yield line, "(snippet)", f"'{name}' is outside includes/; name a file in includes/"
    elif not (includes / path).is_file():
        yield line, "(snippet)", f"'{name}' is not a file in includes/"
    else:
        yield from _included_shape(name, line, includes / path)


def _included_shape(name: str, line: int, path: Path) -> Iterator[tuple[int, str, str]]:
    """An included file is held to the limits of a page (shown at the line including it)."""
    from ..limits import MAX_PAGE_BYTES
    from ..load.page_shape import page_shape_problems
    from ..load.sourcefile import FileProblem, read_text

    try:
        text = read_text(path, MAX_PAGE_BYTES)
    except FileProblem as error:
        yield line, "(snippet)", f"'{name}': {error.message}"
        return
    for included_line, _, message in page_shape_problems(text, 1):
        yield line, "(snippet)", f"'{name}', line {included_line}: {message}"
