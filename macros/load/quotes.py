"""Passages of a source's stored text: is a quote in it, which sentences are cited.

Matching ignores differences of whitespace and of straight versus curly
quotation marks (YAML folds lines; keyboards type straight quotes), and
nothing else: a quote must otherwise be word for word.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SENTENCE_END = re.compile(r"[.!?][\"']?(?= |$)")
COVERED_SHARE = 0.5  # at least half of a sentence must sit inside cited passages


def normalise(text: str) -> str:
    return " ".join(text.translate(_TYPOGRAPHIC).split())


def anchor(quote: str) -> str:
    """A stable HTML id for a quoted passage, the same wherever it is cited."""
    return "q-" + hashlib.sha256(normalise(quote).encode()).hexdigest()[:10]


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # 0-based line in the stored text where its paragraph starts
    start: int  # offsets in the normalised text
    end: int


@dataclass(frozen=True)
class Paragraph:
    text: str  # normalised
    start: int
    # as published, whitespace folded: curly quotes kept. The same length as ``text``
    # (each typographic mark stands for one character), so offsets serve both.
    shown: str


class Passages:
    def __init__(self, text: str):
        self.paragraphs: list[Paragraph] = []
        self.sentences: list[Sentence] = []
        flat_parts: list[str] = []
        offset = 0
        for line, raw in _paragraphs(text):
            flat = normalise(raw)
            if not flat:
                continue
            if flat_parts:
                offset += 1  # the joining space
            self.paragraphs.append(Paragraph(flat, offset, " ".join(raw.split())))
            begin = 0
            for match in _SENTENCE_END.finditer(flat):
                self.sentences.append(
                    Sentence(flat[begin : match.end()], line, offset + begin, offset + match.end())
                )
                begin = match.end() + 1
            if begin < len(flat):
                self.sentences.append(
                    Sentence(flat[begin:], line, offset + begin, offset + len(flat))
                )
            flat_parts.append(flat)
            offset += len(flat)
        self.flat = " ".join(flat_parts)

    def contains(self, quote: str) -> bool:
        return normalise(quote) in self.flat

    def closest(self, quote: str) -> str | None:
        """The stretch of the text most like ``quote`` (for a quote that is not word for
        word): aligned on the longest run they share, widened to whole words."""
        needle = normalise(quote)
        matcher = SequenceMatcher(None, self.flat, needle, autojunk=False)
        match = matcher.find_longest_match(0, len(self.flat), 0, len(needle))
        if match.size < min(12, max(4, len(needle) // 3)):
            return None  # nothing alike enough to be worth showing
        start = max(0, match.a - match.b)
        end = min(len(self.flat), start + len(needle))
        while start > 0 and self.flat[start - 1] != " ":
            start -= 1
        while end < len(self.flat) and self.flat[end] != " ":
            end += 1
        return self.flat[start:end]

    def spans(self, quotes: list[str]) -> list[tuple[int, int, str]]:
        """Every occurrence of every quote: (start, end, quote) in the normalised text."""
        found = []
        for quote in set(quotes):
            needle = normalise(quote)
            start = self.flat.find(needle)
            while needle and start >= 0:
                found.append((start, start + len(needle), quote))
                start = self.flat.find(needle, start + 1)
        return sorted(found)

    def uncovered(self, quotes: list[str]) -> list[Sentence]:
        covered = _merge([(start, end) for start, end, _ in self.spans(quotes)])
        missing = []
        for sentence in self.sentences:
            inside = sum(
                max(0, min(end, sentence.end) - max(start, sentence.start))
                for start, end in covered
            )
            if inside < COVERED_SHARE * (sentence.end - sentence.start):
                missing.append(sentence)
        return missing


def _paragraphs(text: str):
    """(first line, text) of each blank-line separated paragraph."""
    start, lines = 0, []
    for number, line in enumerate(text.splitlines()):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            yield start, "\n".join(lines)
            lines = []
    if lines:
        yield start, "\n".join(lines)


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
