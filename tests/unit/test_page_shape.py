"""One test per page-shape limit: a page at the limit passes; one just past it is refused
at the line where it goes over (pages start at line 10 here, after a short intro)."""

from __future__ import annotations

import pytest

from macros import limits
from macros.load.page_shape import page_shape_problems

INTRO = "Intro.\n\n"  # the body's first two lines: every finding below is at line 12 or later
FIRST_LINE = 10


def problems(body: str) -> list[tuple[int, str, str]]:
    return page_shape_problems(INTRO + body, FIRST_LINE)


def line_of(body: str, needle: str, occurrence: int = 1) -> int:
    """The page line of the n-th occurrence of ``needle`` in ``body``."""
    offset = -1
    for _ in range(occurrence):
        offset = body.index(needle, offset + 1)
    return FIRST_LINE + (INTRO + body).count("\n", 0, len(INTRO) + offset)


def nested_list(depth: int) -> str:
    return "\n".join("    " * level + f"- item{level + 1}" for level in range(depth)) + "\n"


def quote(depth: int) -> str:
    return "".join("> " * level + f"q{level}\n" for level in range(1, depth + 1))


def quoted_list(depth: int) -> str:  # a list nested by indentation inside a quote
    return "".join("> " + "    " * level + f"- item{level + 1}\n" for level in range(depth - 1))


def tabs(depth: int) -> str:
    return "".join("\t" * level + f"- item{level + 1}\n" for level in range(depth))


def divs(depth: int) -> str:
    return "".join(f'<div class="d{level + 1}">\n' for level in range(depth)) + "</div>\n" * depth


def unclosed_links(count: int) -> str:
    return "[a " * count + "\n"


def link_addresses(count: int) -> str:
    return "[a](" * count + "\n"


def tags(count: int) -> str:
    return "<a " * count + "\n"


def headings(count: int) -> str:
    return "".join(f"## Heading\n\nText {n}.\n\n" for n in range(count))


def abbreviations(count: int) -> str:
    return "".join(f"*[A{n}]: Abbreviation {n}\n" for n in range(count))


def footnotes(count: int) -> str:
    return "".join(f"Text[^{n}].\n\n" for n in range(count))


def paragraphs(count: int) -> str:
    return "".join(f"Paragraph {n}.\n\n" for n in range(count))


def quote_lines(count: int) -> str:  # two levels a line
    return "> >\n" * count


def table_row(columns: int) -> str:
    return "|" + " a |" * columns + "\n|" + " - |" * columns + "\n"


def long_paragraph(size: int) -> str:
    words = "word " * (size // 5 + 1)
    return words[: size - 1] + "\n"


def marks(count: int) -> str:
    """``count`` paragraphs of 9,000 bytes with 1,000 '&' each: 9,000,000 each."""
    return ("&abcdefgh" * 1000 + "\n\n") * count


CASES = {
    # rule: (build(n), n at the limit, n just past it, where the finding is, field)
    "list nesting": (
        nested_list,
        limits.MAX_PAGE_NESTING,
        limits.MAX_PAGE_NESTING + 1,
        lambda b: line_of(b, f"- item{limits.MAX_PAGE_NESTING + 1}"),
        "(markdown)",
    ),
    "quote nesting": (
        quote,
        limits.MAX_PAGE_NESTING,
        limits.MAX_PAGE_NESTING + 1,
        lambda b: line_of(b, f"q{limits.MAX_PAGE_NESTING + 1}"),
        "(markdown)",
    ),
    "list in quote": (
        quoted_list,
        limits.MAX_PAGE_NESTING,
        limits.MAX_PAGE_NESTING + 1,
        lambda b: line_of(b, f"- item{limits.MAX_PAGE_NESTING}"),
        "(markdown)",
    ),
    "tab indentation": (
        tabs,
        limits.MAX_PAGE_NESTING,
        limits.MAX_PAGE_NESTING + 1,
        lambda b: line_of(b, f"- item{limits.MAX_PAGE_NESTING + 1}"),
        "(markdown)",
    ),
    "html nesting": (
        divs,
        limits.MAX_PAGE_NESTING,
        limits.MAX_PAGE_NESTING + 1,
        lambda b: line_of(b, f'"d{limits.MAX_PAGE_NESTING + 1}"'),
        "(html)",
    ),
    "paragraph size": (
        long_paragraph,
        limits.MAX_PARAGRAPH_BYTES,
        limits.MAX_PARAGRAPH_BYTES + 1,
        lambda b: line_of(b, "word"),
        "(markdown)",
    ),
    "marks times length": (marks, 3, 4, lambda b: line_of(b, "&", 3 * 1000 + 1), "(markdown)"),
    "unclosed brackets": (unclosed_links, 440, 460, lambda b: line_of(b, "[a"), "(markdown)"),
    "unclosed link addresses": (
        link_addresses,
        370,
        400,
        lambda b: line_of(b, "[a]("),
        "(markdown)",
    ),
    "unclosed tags": (tags, 800, 830, lambda b: line_of(b, "<a", 812), "(html)"),
    "headings": (
        headings,
        limits.MAX_HEADINGS,
        limits.MAX_HEADINGS + 1,
        lambda b: line_of(b, "## Heading", limits.MAX_HEADINGS + 1),
        "(markdown)",
    ),
    "abbreviations": (
        abbreviations,
        limits.MAX_ABBREVIATIONS,
        limits.MAX_ABBREVIATIONS + 1,
        lambda b: line_of(b, f"*[A{limits.MAX_ABBREVIATIONS}]"),
        "(markdown)",
    ),
    "footnotes": (
        footnotes,
        limits.MAX_FOOTNOTE_MARKS,
        limits.MAX_FOOTNOTE_MARKS + 1,
        lambda b: line_of(b, f"[^{limits.MAX_FOOTNOTE_MARKS}]"),
        "(markdown)",
    ),
    "elements": (
        paragraphs,
        limits.MAX_ELEMENTS,
        limits.MAX_ELEMENTS + 1,
        lambda b: line_of(b, f"Paragraph {limits.MAX_ELEMENTS}."),
        "(markdown)",
    ),
    "quote levels": (
        quote_lines,
        limits.MAX_ELEMENTS // 2,
        limits.MAX_ELEMENTS // 2 + 1,
        lambda b: FIRST_LINE + 2 + b.count("\n") - 1,
        "(markdown)",
    ),
    "table columns": (
        table_row,
        limits.MAX_TABLE_COLUMNS,
        limits.MAX_TABLE_COLUMNS + 1,
        lambda b: line_of(b, "| a"),
        "(markdown)",
    ),
}


@pytest.mark.parametrize("rule", CASES)
def test_a_page_at_the_limit_passes(rule):
    build, within, _, _, _ = CASES[rule]
    assert problems(build(within)) == []


@pytest.mark.parametrize("rule", CASES)
def test_a_page_past_the_limit_is_refused_at_its_line(rule):
    build, _, past, where, field = CASES[rule]
    body = build(past)
    found = problems(body)
    assert [(line, found_field) for line, found_field, _ in found] == [(where(body), field)]


@pytest.mark.parametrize(
    "body",
    [
        ("\\[a " * 500 + "\n\n") * 10,  # escaped brackets are text to Markdown
        ("[a](b) " * 300 + "\n\n") * 10,  # closed links, each read to its own end
        ("[a] " * 200 + "\n\n") * 20,  # closed brackets in many paragraphs
        ("&lt;a " * 500 + "\n\n") * 10,  # '<' written as text
        ("<b>x</b> " * 100 + "\n\n") * 50,
        "<ul>\n" + "<li>item\n" * 200 + "</ul>\n",  # end tags left out, as HTML allows
        "| a | b |\n|---|---|\n" + "| [x](y) & z | *w* |\n" * 800,  # a long table
        "- item with a [link](x)\n" * 1200,  # a long list
        "```\n" + "code & [x] < *\n" * 1500 + "```\n",  # a long code block
        "    - an indented list\n" * 10 + "\n" + "<br>" * 500 + "\n",
    ],
)
def test_long_but_ordinary_pages_pass(body):
    assert problems(body) == []


def test_each_limit_is_reported_once():
    found = problems(unclosed_links(2000) + "\n\n" + unclosed_links(2000))
    assert [field for _, field, _ in found] == ["(markdown)"]


def test_an_included_file_is_held_to_the_same_limits(tmp_path):
    from macros.rules.page_markup import unsafe_snippets

    (tmp_path / "fine.md").write_text("Shared *text*.\n")
    (tmp_path / "slow.md").write_text("Intro.\n\n" + unclosed_links(2000))
    page = 'Text.\n\n--8<-- "fine.md"\n\n--8<-- "slow.md"\n'
    found = list(unsafe_snippets(page, 10, tmp_path))
    assert [(line, field, message.split(":")[0]) for line, field, message in found] == [
        (14, "(snippet)", "'slow.md', line 3")
    ]
