"""How long one hostile page takes, stage by stage, at growing sizes.

``python -m tests.bench.pathological [--sizes 10,20,40,100] [--timeout 20] [--family NAME]``

Each family is a pattern repeated to the size (in KB). Every measurement runs
in a fresh process with a time limit, so a quadratic case cannot stall the
run; a case over the limit prints ``>LIMIT``. Stages:

* ``checks``: what the catalog runs on a page body: the page-shape limits
  (``refused`` if they refuse it), then code scrubbing, links, unsafe markup;
* ``markdown``: Python-Markdown with this site's extensions from mkdocs.yml
  (the sanitiser included), with no limits checked first and no clock;
* ``site``: the limits, then the conversion if they pass, under the clock
  (``clock`` when it stops the conversion): what a build does.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from macros.limits import MAX_PAGE_NESTING

ROOT = Path(__file__).resolve().parents[2]
DEPTH = MAX_PAGE_NESTING

# name -> (repeated unit, prefix); each is a pattern a review or a reading of the parsers
# suggested could cost more than linear time.
FAMILIES: dict[str, str] = {
    "plain-prose": "Some ordinary words in a sentence. ",
    "emphasis-star": "*a ",
    "emphasis-underscore": "_a ",
    "strong-star": "**a ",
    "emphasis-mixed": "*a _b **c __d ",
    "emphasis-nested-open": "*_**__",
    "link-open-bracket": "[a ",
    "link-open-paren": "[a](",
    "image-open": "![a ",
    "image-open-paren": "![a](",
    "nested-brackets": "[[[[a",
    "brackets-closed-no-link": "[a] ",
    "link-title-open": '[a](b "',
    "backticks": "`a ``b ",
    "angle-brackets": "<a ",
    "angle-autolink": "<http://a ",
    "html-comment-open": "<!-- a ",
    "ampersands": "& &amp; &#1 ",
    "entity-like": "&#x1a &a; ",
    "list-nesting": None,  # built below: each line one level deeper
    "blockquote-nesting": None,
    "html-div-nesting": "<div>",
    "html-div-nesting-md": None,
    "abbr-definitions": None,
    "footnotes": None,
    "attr-lists": "a {: .b #c d=e } ",
    "attr-list-open": "{: ",
    "table-many-columns": None,
    "details-nesting": None,
    "superfences-open": None,
    "admonition-nesting": None,
    "headings": None,
    "reference-definitions": None,
    "def-list": None,
    # the nesting families, kept within the nesting limit and repeated
    "list-nesting-cycled": "".join("    " * level + "- a\n" for level in range(DEPTH)),
    "blockquote-nesting-cycled": "".join(">" * level + " a\n" for level in range(1, DEPTH + 1))
    + "\n",
    "html-div-nesting-cycled": "<div>" * DEPTH + "a" + "</div>" * DEPTH + "\n",
    "list-flat-entities": "- a &amp; b &#1; c\n",
    "fence-unclosed": "```a\n",
    "fence-unclosed-spaced": "```a\n\n"
    + "Filler words in a paragraph of ordinary prose. " * 2
    + "\n\n",
    "code-span-open": "``a ",
    "underscore-words": "a_b_c ",
}


def build_case(name: str, size: int) -> str:
    """A body of about ``size`` bytes of family ``name``."""
    unit = FAMILIES[name]
    if unit is not None:
        return (unit * (size // len(unit) + 1))[:size]
    lines: list[str] = []
    total, depth = 0, 0
    while total < size:
        depth += 1
        if name == "list-nesting":
            line = "    " * (depth - 1) + "- a"
        elif name == "blockquote-nesting":
            line = ">" * depth + " a"
        elif name == "html-div-nesting-md":
            line = '<div markdown="1">\n'
        elif name == "abbr-definitions":
            line = f"*[A{depth}]: abbreviation {depth}\nA{depth} "
        elif name == "footnotes":
            line = f"a[^{depth}]\n\n[^{depth}]: note {depth}\n"
        elif name == "table-many-columns":
            columns = max(size // 6, 2)  # three rows of two bytes a column
            return "|" + "a|" * columns + "\n|" + "-|" * columns + "\n|" + "b|" * columns + "\n"
        elif name == "details-nesting":
            line = "    " * (depth - 1) + "??? note\n"
        elif name == "admonition-nesting":
            line = "    " * (depth - 1) + "!!! note\n"
        elif name == "superfences-open":
            line = "```\n" if depth % 2 else "    ```\n"
        elif name == "headings":
            line = f"## a {depth} {{#a}}\n"
        elif name == "reference-definitions":
            line = f"[r{depth}]: /x{depth}\n[r{depth}] [r{depth - 1}]\n"
        elif name == "def-list":
            line = f"term {depth}\n: definition {depth}\n"
        else:
            raise KeyError(name)
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def markdown_instance(clock: bool = True):
    """Python-Markdown configured with mkdocs.yml's extensions, as MkDocs configures it."""
    import markdown
    from mkdocs.utils import yaml_load

    config = yaml_load((ROOT / "mkdocs.yml").read_text())
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        if name == "macros.render.markdown_budget" and not clock:
            continue
        names.append(name)
        if name == "pymdownx.snippets":
            options = {**options, "base_path": [str(ROOT / "includes")]}
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def time_stage(stage: str, name: str, size: int, paragraph: int = 0) -> str:
    """Seconds one stage takes on one case, in this process; ``refused`` when the page
    checks refuse the case (stage ``site``: checks, then conversion if they pass)."""
    from macros.load.page_shape import page_shape_problems
    from macros.load.pages import internal_links, scrub_code
    from macros.rules.page_markup import unsafe_markup

    text = build_case(name, size)
    if paragraph:  # the same pattern, in paragraphs of this many bytes
        text = "\n\n".join(text[i : i + paragraph] for i in range(0, len(text), paragraph))
    md = markdown_instance(clock=stage == "site") if stage != "checks" else None
    start = time.process_time()
    if stage in ("checks", "site") and page_shape_problems(text, 1):
        return f"refused {time.process_time() - start:.2f}"
    if stage == "checks":
        scrubbed = scrub_code(text)
        internal_links("x.md", scrubbed, 1)
        list(unsafe_markup(scrubbed, 1))
    else:
        from mkdocs.exceptions import PluginError

        try:
            md.convert(text)
        except PluginError:
            return f"clock {time.process_time() - start:.2f}"
    return f"{time.process_time() - start:.2f}"


def measure(stage: str, name: str, size: int, timeout: float, paragraph: int = 0) -> str:
    code = (
        "import sys; from tests.bench.pathological import time_stage; "
        f"print(time_stage({stage!r}, {name!r}, {size}, {paragraph}))"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return f">{timeout:g}"
    if result.returncode:
        return "error: " + result.stderr.strip().splitlines()[-1][:60]
    return result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,20,40,100", help="KB, comma-separated")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--family", action="append", help="only these families")
    parser.add_argument("--stage", action="append", choices=("checks", "markdown", "site"))
    parser.add_argument("--paragraph", type=int, default=0, help="split into paragraphs of N bytes")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    stages = args.stage or ["checks", "markdown", "site"]
    figures: dict = {}
    print(f"{'family':28} {'stage':9} " + " ".join(f"{s:>12}KB" for s in sizes), flush=True)
    for name in args.family or FAMILIES:
        for stage in stages:
            row = []
            for size in sizes:
                cell = measure(stage, name, size * 1000, args.timeout, args.paragraph)
                row.append(cell)
                if cell.startswith(">"):  # bigger only takes longer
                    row += ["-"] * (len(sizes) - len(row))
                    break
            figures.setdefault(name, {})[stage] = dict(zip(map(str, sizes), row, strict=True))
            print(f"{name:28} {stage:9} " + " ".join(f"{c:>14}" for c in row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
