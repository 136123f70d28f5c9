"""Four languages against one: the cost of `gceg build` at N documents (`make bench`).

The same generated project (tests/bench/corpus.py) is built with English alone
(GCEG_LANGUAGES=en) and with all four, alternately, warm cache, no PDFs; the catalog is
loaded once either way, so the ratio is what the three more MkDocs builds, their exports
and the larger search index cost. The target: within 4.4x of one language. Writes its
section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from tests.bench.corpus import fresh_project, generate
from tests.bench.run import BIN, ROOT, environment, timed

BEGIN = "<!-- languages: begin -->"
END = "<!-- languages: end -->"
TARGET = 4.4


def measure(documents: int, work: Path, rounds: int) -> dict[str, list[float]]:
    project = fresh_project(ROOT, work / "project")
    generate(project, documents)
    env = environment(GCEG_PDF="0", GCEG_CACHE_DIR=str(work / "cache"))
    command = [str(BIN / "gceg"), "build", "--site-dir", str(work / "site")]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)  # warm
    seconds: dict[str, list[float]] = {"en": [], "en,fr,es,ar": []}
    for _ in range(rounds):
        for languages in seconds:
            took, _ = timed(command, project, dict(env, GCEG_LANGUAGES=languages))
            seconds[languages].append(took)
    return seconds


def section(documents: int, seconds: dict[str, list[float]], command: str) -> str:
    one, four = min(seconds["en"]), min(seconds["en,fr,es,ar"])
    ratio = four / one
    verdict = "within" if ratio <= TARGET else "OVER"
    return "\n".join(
        [
            BEGIN,
            "## Four languages against one",
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M UTC} by `{command}` (`make bench`):",
            f"`gceg build`, N = {documents} generated documents, warm cache, no PDFs, best of "
            f"{len(seconds['en'])} alternate runs each.",
            "",
            "| languages | seconds |",
            "|---|---:|",
            f"| en | {one:.1f} |",
            f"| en, fr, es, ar | {four:.1f} |",
            "",
            f"Four languages cost {ratio:.2f}x one: {verdict} the {TARGET}x target.",
            END,
        ]
    )


def write_section(path: Path, body: str) -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    start, end = text.find(BEGIN), text.find(END)
    if 0 <= start < end:
        text = text[:start] + body + text[end + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gceg-bench-languages-") as work:
        seconds = measure(args.documents, Path(work), args.rounds)
    body = section(args.documents, seconds, " ".join(sys.argv))
    print(body)
    write_section(args.output, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
