"""``gceg new ...``: write a new record and its page.

The files are written from readable templates (with comments that say what
each field is for), never with fields a contributor would have to guess.
Sources, programmes and papers are valid as created (a programme's source
needs a quote if its text is stored). A meeting's facts need citations only
its contributor can give, so its record carries them as placeholders that
fail validation until they are filled in, rather than leaving them out (a
meeting without them would validate, uncited).
Values given on the command line are written as JSON strings, which YAML
reads back exactly whatever characters they contain.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..exports.schemas import schema_comment
from ..model.fields import SLUG_PATTERN, _plain
from ..model.kinds import BY_NAME
from ..model.vocab import Classification, Topic


class ScaffoldError(Exception):
    pass


@dataclass
class Scaffold:
    kind: str
    record_id: str
    record: str  # YAML text
    page: str  # Markdown text of the record's page
    extra: dict[str, str] = field(default_factory=dict)  # more pages, by path under docs/

    def write(self, root: Path) -> list[Path]:
        kind = BY_NAME[self.kind]
        data_file = f"data/{kind.data}/{self.record_id}.yaml"
        files = {
            data_file: schema_comment(kind, data_file) + "\n" + self.record,
            f"docs/{kind.page_dir}/{self.record_id}.md": self.page,
            **{f"docs/{path}": text for path, text in self.extra.items()},
        }
        existing = [path for path in files if (root / path).exists()]
        if existing:
            raise ScaffoldError(f"already exists: {', '.join(existing)}")
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        return [root / path for path in files]


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _check_id(record_id: str) -> None:
    if not re.match(SLUG_PATTERN, record_id):
        raise ScaffoldError(
            f"'{record_id}' is not a valid id: use lowercase letters, digits and single hyphens"
        )


def _check_title(value: str) -> str:
    try:
        return _plain(value)
    except ValueError as error:
        raise ScaffoldError(f"--title: {error}") from None


def _check_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ScaffoldError(f"--{name}: '{value}' is not a date (YYYY-MM-DD)") from None


def _check_exists(root: Path, kind: str, record_id: str, option: str) -> None:
    spec = BY_NAME[kind]
    if spec.layout == "folder":
        found = (root / "data" / spec.data / f"{record_id}.yaml").is_file()
    else:
        text = (root / "data" / spec.data).read_text(encoding="utf-8")
        found = re.search(rf"^\s*-?\s*id:\s*{re.escape(record_id)}\s*$", text, re.M) is not None
    if not found:
        raise ScaffoldError(f"{option}: no {kind} with id '{record_id}'")


def next_doc_id(root: Path, series: str) -> str:
    """The next free document number in a series, e.g. GCEG-MTG-0002."""
    pattern = re.compile(rf"^doc_id:\s*[\"']?GCEG-{series}-(\d{{4,6}})", re.M)
    numbers = [0]
    for folder in ("meetings", "papers"):
        for path in (root / "data" / folder).glob("*.yaml"):
            numbers += [int(n) for n in pattern.findall(path.read_text(encoding="utf-8"))]
    return f"GCEG-{series}-{max(numbers) + 1:04d}"


def meeting(
    root: Path,
    record_id: str,
    *,
    title: str,
    start: str,
    end: str,
    city: str,
    country: str,
    source: str,
    venue_organisation: str | None = None,
    venue_name: str | None = None,
) -> Scaffold:
    _check_id(record_id)
    _check_title(title)
    if _check_date(end, "end") < _check_date(start, "start"):
        raise ScaffoldError("--end is before --start")
    _check_exists(root, "source", source, "--source")
    if venue_organisation:
        _check_exists(root, "organisation", venue_organisation, "--venue-organisation")
        venue = f"  organisation: {venue_organisation}\n"
    elif venue_name:
        venue = f"  name: {_q(venue_name)}\n"
    else:
        raise ScaffoldError("give --venue-organisation or --venue-name")
    record = f"""\
# A meeting of the expert group. Every fact cites its source: `source` is the
# id of a file in data/sources/, `quote` the passage of that source that
# states the fact, copied word for word (validation checks it against the
# source's stored text). Values in <angle brackets> are placeholders:
# validation fails until each is replaced.
doc_id: {next_doc_id(root, "MTG")}
title: {_q(title)}
start: {start}
end: {end}
dates_cite:       # quote the passage that gives the dates of the meeting
{_placeholder_cite(source, "the passage that gives the dates")}
venue:
{venue}  city: {_q(city)}
  country: {_q(country)}
  cite:           # quote the passage that names the venue, the city or the country
{_placeholder_cite(source, "the passage that names the venue", indent=4)}
# attendance:     # quote the passage that gives the figures
#   participants: {{value: 80, qualifier: around}}
#   countries: {{value: 30, qualifier: some}}
#   cite: {{source: {source}, quote: "<the passage that gives the figures>"}}
topics: []        # research, training, forensics, operations, strategy, cooperation
programmes: []    # ids from data/programmes/
# topics_cite: {{source: {source}, quote: "<the passage that names the topics>"}}
statements: []    # speaker (id from data/people/), role, paragraphs, cite
outcomes: []      # text, cite: {{source: ..., quote: "<the passage that reports it>"}}
sources:          # add `quote:` with the passage that reports the meeting
  - source: {source}
classification: TLP:CLEAR
"""
    page = (
        "<!-- Optional: text written here appears between the meeting's header and its\n"
        "     details. The header, statements, outcomes and sources come from\n"
        f"     data/meetings/{record_id}.yaml. -->\n"
    )
    return Scaffold("meeting", record_id, record, page)


def _placeholder_cite(source: str, what: str, indent: int = 2) -> str:
    """A citation to fill in: the source's id in angle brackets, which is not a valid id, so
    validation fails at this line until a contributor confirms (or changes) the source and
    replaces the quote."""
    pad = " " * indent
    return f"{pad}source: <{source}>\n{pad}quote: {_q(f'<{what}, word for word>')}"


def paper(
    root: Path,
    record_id: str,
    *,
    title: str,
    summary: str,
    classification: str = Classification.AMBER.value,
) -> Scaffold:
    _check_id(record_id)
    _check_title(title)
    today = date.today().isoformat()
    if classification not in {c.value for c in Classification}:
        raise ScaffoldError(f"--classification: '{classification}' is not a TLP 2.0 marking")
    record = f"""\
# A strategy paper. New papers start as members-only drafts: change the
# classification to TLP:CLEAR only once the paper is cleared for the public.
doc_id: {next_doc_id(root, "STRAT")}
title: {_q(title)}
status: draft     # draft, consultation, adopted, superseded, withdrawn
created: {today}
# Each edition's text is docs/strategy/{record_id}/<edition>.md; the last is current.
editions:
  - edition: "0.1"
    date: {today}
    status: draft
    changes: First draft.
issuing_body: gceg
authors: []       # ids from data/people/
summary: {_q(summary)}
topics: [strategy]
classification: {classification}
"""
    text = f"""\
## Purpose

What this paper is for, in two or three sentences.

## Recommendations

1. ...

<!-- The text of edition 0.1. The document header (number, status, edition,
     dates, marking) comes from data/papers/{record_id}.yaml. For a new
     edition, copy this file to the new number and add the edition there. -->
"""
    page = (
        "<!-- This page shows the current edition of the paper; write the text in\n"
        f"     docs/strategy/{record_id}/<edition>.md. -->\n"
    )
    return Scaffold("paper", record_id, record, page, {f"strategy/{record_id}/0.1.md": text})


def programme(
    root: Path, record_id: str, *, title: str, topic: str, summary: str, source: str
) -> Scaffold:
    _check_id(record_id)
    _check_title(title)
    if topic not in {t.value for t in Topic}:
        raise ScaffoldError(f"--topic: '{topic}' is not one of {', '.join(t.value for t in Topic)}")
    _check_exists(root, "source", source, "--source")
    record = f"""\
# A subject the meetings discussed (a record kind called `programme` in the data).
title: {_q(title)}
topic: {topic}
summary: {_q(summary)}
sources:          # add `quote:` with the passage that reports it
  - source: {source}
classification: TLP:CLEAR
"""
    page = (
        "<!-- Optional: a description of the subject. Meetings that discussed\n"
        "     it and related papers are listed below it automatically. -->\n"
    )
    return Scaffold("programme", record_id, record, page)


def source(
    root: Path, record_id: str, *, title: str, url: str, kind: str = "news-article"
) -> Scaffold:
    _check_id(record_id)
    _check_title(title)
    if not url.startswith("https://"):
        raise ScaffoldError("--url: give an https:// address")
    record = f"""\
# A source that facts on the site cite. To let validation check quotations
# word for word, paste the source's text under `text: |`.
title: {_q(title)}
kind: {kind}
url: {_q(url)}
language: en
"""
    return Scaffold("source", record_id, record, "")
