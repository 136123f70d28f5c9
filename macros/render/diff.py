"""What changed between two editions of a paper, as Markdown with <ins> and <del>.

The texts are compared paragraph by paragraph, then word by word inside a
paragraph that changed, so the result reads as the new text with its
changes marked. Blocks whose structure cannot carry inline marks (tables,
code) are shown whole, removed then added. Built on ``difflib`` from the
standard library: no maintained package renders Markdown-aware word diffs
that we could use without also taking its HTML, styles or scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import zip_longest

_MARKER = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)?)(.*)$", re.DOTALL)
_STARTS_ITEM = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>)")
_TOKEN = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)|`[^`\n]*`|\w+|\s+|[^\w\s]", re.UNICODE)
_TEMPLATE = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})", re.DOTALL)
_STRUCTURAL = ("|", "```", "~~~", "    ", "\t", "<", "  ```", "   ```")
CONTEXT = 1  # unchanged paragraphs kept around each change; longer runs are folded


_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
SIMILAR = 0.5  # below this, a changed paragraph reads better removed and re-added whole


_FENCE_LINE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def blocks(text: str) -> list[str]:
    """Paragraph-level blocks; a fenced code block is one block, blank lines and all.
    Macro calls are shown as code, so they read as what they are; headings become
    bold lines, so the comparison adds nothing to the page's contents."""
    found: list[list[str]] = [[]]
    fence = None
    for line in text.strip().split("\n"):
        if fence is None:
            if not line.strip():
                found.append([])
                continue
            if opening := _FENCE_LINE.match(line):
                fence = opening.group(1)
                if found[-1]:
                    found.append([])
                found[-1].append(line)
                continue
            line = _HEADING.sub(lambda m: f"**{m.group(1)}**", line)
            line = _TEMPLATE.sub(lambda m: f"`{' '.join(m.group(1).split())}`", line)
        else:
            closing = _FENCE_LINE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
                found[-1].append(line)
                found.append([])
                continue
        found[-1].append(line)
    return ["\n".join(block) for block in found if any(line.strip() for line in block)]


@dataclass(frozen=True)
class DiffWords:
    """The words a diff writes, in the page's language: the note on a folded run of
    unchanged paragraphs (its count agrees with its number: ngettext), and the labels of
    a block added or removed whole."""

    unchanged: Callable[[int], str] = "{} unchanged paragraphs".format
    added: str = "Added:"
    removed: str = "Removed:"


ENGLISH = DiffWords()


def _compare(a: list[str], b: list[str], same, changed, words: DiffWords) -> list[str]:
    """Walk two sequences: ``same(run, first, last)`` for unchanged runs, ``changed(old, new)``
    for a changed unit; added and removed units are marked whole."""
    out: list[str] = []
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for position, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            out += same(b[j1:j2], position == 0, position == len(opcodes) - 1)
            continue
        for before, after in zip_longest(a[i1:i2], b[j1:j2]):
            if before is None:
                out.append(_mark_block(after, "ins", words))
            elif after is None:
                out.append(_mark_block(before, "del", words))
            else:
                out.append(changed(before, after))
    return out


def markdown_diff(old: str, new: str, words: DiffWords = ENGLISH) -> str:
    def changed_block(before: str, after: str) -> str:
        if _structural(before) or _structural(after):
            return _removed_then_added(before, after, words)
        return _word_diff(before, after, words)

    def same(run: list[str], first: bool, last: bool) -> list[str]:
        return _fold(run, first=first, last=last, label=words.unchanged)

    return "\n\n".join(_compare(blocks(old), blocks(new), same, changed_block, words)) + "\n"


def _fold(same: list[str], first: bool, last: bool, label: Callable[[int], str]) -> list[str]:
    keep_start = 0 if first else CONTEXT
    keep_end = 0 if last else CONTEXT
    if len(same) <= keep_start + keep_end + 1:
        return same
    hidden = len(same) - keep_start - keep_end
    note = f'<p class="gceg-diff__fold">{label(hidden)}</p>'
    return same[:keep_start] + [note] + (same[len(same) - keep_end :] if keep_end else [])


def _structural(block: str) -> bool:
    return block.lstrip("\n").startswith(_STRUCTURAL)


def _removed_then_added(before: str, after: str, words: DiffWords) -> str:
    return _mark_block(before, "del", words) + "\n\n" + _mark_block(after, "ins", words)


def _mark_block(block: str, tag: str, words: DiffWords) -> str:
    if _structural(block):
        label = words.added if tag == "ins" else words.removed
        return f'<p class="gceg-diff__{tag}-label">{label}</p>\n\n{block}'
    lines = []
    for line in block.split("\n"):
        prefix, content = _MARKER.match(line).groups()
        lines.append(f"{prefix}<{tag}>{content}</{tag}>" if content.strip() else line)
    return "\n".join(lines)


def _logical_lines(block: str) -> list[str]:
    """A block's items (list items, headings, quote lines), each unwrapped onto one line."""
    lines: list[str] = []
    for line in block.split("\n"):
        if lines and not _STARTS_ITEM.match(line):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line.rstrip())
    return lines


def _word_diff(before: str, after: str, words: DiffWords) -> str:
    lines = _compare(
        _logical_lines(before),
        _logical_lines(after),
        lambda run, first, last: run,
        lambda old, new: _line_diff(old, new, words),
        words,
    )
    return "\n".join(lines)


def _line_diff(before: str, after: str, words: DiffWords) -> str:
    prefix_a, rest_a = _MARKER.match(before).groups()
    prefix_b, rest_b = _MARKER.match(after).groups()
    if prefix_a.strip() != prefix_b.strip():  # a paragraph became a heading, say
        return _removed_then_added(before, after, words)
    old, new = _TOKEN.findall(rest_a), _TOKEN.findall(rest_b)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < SIMILAR:
        return _removed_then_added(before, after, words)
    out = [prefix_b]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append("".join(new[j1:j2]))
            continue
        if i2 > i1:
            out.append(_wrap("".join(old[i1:i2]), "del"))
        if j2 > j1:
            out.append(_wrap("".join(new[j1:j2]), "ins"))
    return "".join(out)


def _wrap(text: str, tag: str) -> str:
    """Mark a run of words, keeping line breaks outside the mark so Markdown still reads it."""
    if not text.strip():
        return text if tag == "ins" else ""
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = text.strip()
    return f"{lead}<{tag}>{' '.join(core.split())}</{tag}>{trail}"
