"""Every limit on the work one contributor file can cause, in one place.

Each bounds a cost that grows faster than the file: past these, a record or
page is refused with its ``path:line`` before anything expensive runs. The
figures behind the Markdown limits are in ``page_shape.py``.
"""

from __future__ import annotations

# Files
MAX_RECORD_BYTES = 1_000_000  # a YAML record larger than this is a mistake, not content
MAX_PAGE_BYTES = 200_000  # about 30,000 words
MAX_YAML_DEPTH = 20  # records nest four levels; far deeper values crash recursive code

# Pages: the shapes that make Python-Markdown (and HTML parsing) slower than linear
MAX_PAGE_NESTING = 8  # lists, block quotes, indented blocks and HTML elements, one in another
MAX_PARAGRAPH_BYTES = 10_000  # text between blank lines (tables excepted): ~1,600 words
MAX_INLINE_WORK = 30_000_000  # sum over paragraphs of marks ('*', '&', '[' ...) times length
MAX_ELEMENTS = 3_000  # paragraphs, list items, quote levels, table cells: each costs work
MAX_BRACKET_SCAN = 300_000  # characters Markdown reads to find the ']' or ')' of each '[' / ']('
MAX_TAG_SCAN = 1_000_000  # characters the HTML parser reads to find the '>' of each '<tag'
MAX_HEADINGS = 300  # toc gives repeated headings ids one by one: quadratic in repeats
MAX_ABBREVIATIONS = 100  # each *[ABBR]: definition is searched for in all the page's text
MAX_FOOTNOTE_MARKS = 600  # footnote references and definitions ([^1], [^1]:) together
MAX_TABLE_COLUMNS = 64

# Converting one page's Markdown, as a last resort against shapes not listed above
# (CPU seconds, so a busy machine does not fail a good page; ordinary pages take
# hundredths of a second, the slowest shapes the limits above let through about half).
MARKDOWN_CPU_SECONDS = 2.0
# ...plus this much per byte of the page as the macros left it: an index that lists 3,000
# records is megabytes of generated HTML and converts in linear time, which the clock
# must allow; it is the slower-than-linear shapes the clock is for.
MARKDOWN_CPU_SECONDS_PER_MB = 4.0

# Templates in pages
MAX_MACRO_CALLS_PER_PAGE = 100  # the busiest page calls four
MAX_TEMPLATE_NESTING = 50  # brackets in one {{ }}, or {% %} blocks: Jinja's parser recurses
