"""Markdown pages as the catalog sees them: front matter, body and links.

Front matter is found exactly as MkDocs finds it (its own pattern), so what
the catalog checks is what MkDocs will publish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from mkdocs.utils.meta import YAML_RE
from mkdocs.utils.meta import get_data as mkdocs_get_data

from ..model.models import PageMeta
from ..model.vocab import Classification
from .sourcefile import FileProblem, LineMap, parse_yaml

PAGE_NAME = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*\.md$")  # edition pages: 1.0.md
# A fence line: up to three spaces, then three or more backticks or tildes. A fenced block
# runs from one to the next line of three or more of the same character (with nothing but
# backticks, tildes and spaces after them), never past the end of the page.
_FENCE_LINE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_CLOSING = {
    "`": re.compile(r"[ \t]{0,3}`{3,}[`~]*[ \t]*"),
    "~": re.compile(r"[ \t]{0,3}~{3,}[`~]*[ \t]*"),
}
# A code span stays inside its paragraph: it never crosses a blank line.
_CODE_SPAN = re.compile(r"(`+)(?:[^`\n]|\n(?![ \t]*\n))+?\1")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HTML_URL = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass
class PageFile:
    src: str  # path under docs/, with forward slashes
    meta: PageMeta
    meta_lines: LineMap
    body: str
    body_line: int  # line of the file where the body starts (1-based)
    record: tuple[str, str] | None = None  # (kind, id) when this is a record's page
    edition: tuple[str, str] | None = None  # (paper id, edition) for a paper edition's text
    classification: Classification = Classification.CLEAR
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, target .md path)
    scrubbed: str = ""  # the body with code blocks and spans blanked out


def split_front_matter(text: str, parse=parse_yaml) -> tuple[dict, LineMap, str, int]:
    """Return (front matter, its lines, body, line where the body starts)."""
    match = YAML_RE.match(text)
    if not match and YAML_RE.match(text.lstrip()):
        # MkDocs reads front matter only on the first line: lower down it is page text, and
        # a marking there would be published as words while the page went out as TLP:CLEAR
        line = text[: len(text) - len(text.lstrip())].count("\n") + 1  # where '---' is
        raise FileProblem(
            line,
            "(front matter)",
            "front matter must start on the first line of the file; remove what is above '---'",
        )
    if not match:
        _, mmd = mkdocs_get_data(text)
        if mmd:
            raise FileProblem(
                1,
                "(front matter)",
                "the page starts with 'key: value' lines, which MkDocs would take as "
                "metadata; put front matter between '---' lines, or start with a heading",
            )
        return {}, LineMap(), text, 1
    data, lines = parse(match.group(1), line_offset=1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FileProblem(2, "(front matter)", "front matter must be a mapping of keys to values")
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    body_line = text[: match.end()].count("\n") + (len(rest) - len(body)) + 1
    return data, lines, body, body_line


def scrub_code(body: str) -> str:
    """The body with code blocks and spans blanked out, keeping every line break."""
    if "`" not in body and "~~~" not in body:
        return body
    scrubbed = _blank_fences(body)
    return _CODE_SPAN.sub(lambda m: "\n" * m.group(0).count("\n"), scrubbed)


def _blank_fences(body: str) -> str:
    """Fenced blocks blanked out, in one pass (a pattern that looked for each opening
    fence's end would read to the end of the page for every fence left open).

    An opening fence of n characters ends at the first later line of at least n of the
    same character; failing that, of n - 1, and so on down to three."""
    fences = []  # (start, end of line, character, run length, whether it can close)
    for match in _FENCE_LINE.finditer(body):
        end = body.find("\n", match.start())
        end = len(body) if end < 0 else end
        char = match.group(1)[0]
        closes = _CLOSING[char].fullmatch(body, match.start(), end) is not None
        fences.append((match.start(), end, char, len(match.group(1)), closes))
    # the longest closing run at or after each fence, per character
    longest = {"`": [0] * (len(fences) + 1), "~": [0] * (len(fences) + 1)}
    for index in range(len(fences) - 1, -1, -1):
        for runs in longest.values():
            runs[index] = runs[index + 1]
        _, _, char, run, closes = fences[index]
        if closes:
            longest[char][index] = max(run, longest[char][index])
    parts, done, index = [], 0, 0
    while index < len(fences):
        start, end, char, run, _ = fences[index]
        index += 1
        available = longest[char][index]
        if start < done or end == len(body) or available < 3:
            continue
        wanted = min(run, available)
        for later in range(index, len(fences)):
            _, line_end, later_char, later_run, closes = fences[later]
            if closes and later_char == char and later_run >= wanted:
                parts += [body[done:start], "\n" * body.count("\n", start, line_end)]
                done, index = line_end, later + 1
                break
    return "".join([*parts, body[done:]]) if parts else body


def internal_links(src: str, scrubbed: str, body_line: int) -> list[tuple[int, str]]:
    """Links to other pages (given the body without its code), with their lines: a link
    to a Markdown file as its docs path (``a/b.md``); a relative address as the site path
    it reaches from this page (``a/b/``), which the rules match to the page published there."""
    if ".md" not in scrubbed and "](" not in scrubbed and "=" not in scrubbed:
        return []
    found: list[tuple[int, str]] = []
    base = PurePosixPath(src).parent
    folder = PurePosixPath(page_url(src) or ".")
    for pattern in (_INLINE_LINK, _REFERENCE_DEF, _HTML_URL):
        for match in pattern.finditer(scrubbed):
            target = match.group(1).split("#", 1)[0].split("?", 1)[0]
            if not target or ":" in target or "&" in target or target.startswith("/"):
                continue  # this page, another site, a scheme or an encoded address (page_markup.py)
            if target.endswith(".md"):
                resolved = _normalise(base / target)
            elif PurePosixPath(target).suffix in ("", ".html"):
                resolved = _site_path(folder / target)
            else:
                continue  # a file such as an image: not a page
            line = body_line + scrubbed.count("\n", 0, match.start(1))
            found.append((line, resolved))
    return sorted(found)


def page_url(src: str) -> str:
    """Where MkDocs publishes a page (directory URLs): a/b.md -> a/b/, index.md -> ''."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _site_path(path: PurePosixPath) -> str:
    """A relative address, resolved: the site path of the page it reaches, ending in '/'."""
    resolved = _normalise(path)
    if resolved.startswith("../"):
        return resolved
    resolved = resolved.removesuffix("index.html").removesuffix(".html").rstrip("/")
    return resolved + "/" if resolved else "/"


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
            else:
                return "../" + str(path)  # escapes docs/: reported as a missing page
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
