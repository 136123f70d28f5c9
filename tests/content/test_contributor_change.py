"""A contributor's valid pull request stays green: on a copy of the real content, a new
source, meeting and paper (with a second edition) made by CONTRIBUTING's own commands
and filled in as CONTRIBUTING and the scaffolds' comments say, validate, build, and pass
every property the real content is held to (tests/content/properties.py). No Python is
changed; no id below is a real record's (the commands' ids get a suffix)."""

from __future__ import annotations

import re

import pytest
import yaml

from macros.audience import Audience
from macros.verify import verify_site
from tests.conftest import ROOT, build, copy_project, gceg
from tests.content import properties
from tests.contrib.test_docs import EXAMPLES, documented_commands

SUFFIX = "-contributor-test"
# The new source's text, "pasted exactly as the original has it"; every fact below is
# quoted from it.
SOURCE_TEXT = """\
The second meeting of the expert group took place on 3 and 4 October 2016.
It was held at the INTERPOL Global Complex for Innovation in Singapore.
"""
DATES = "on 3 and 4 October 2016"
VENUE = "at the INTERPOL Global Complex for Innovation in Singapore"
REPORTS = "The second meeting of the expert group took place"


def run(project, *args: str):
    result = gceg(project, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def add_source(project, command: list[str]) -> str:
    run(project, *command)
    source_id = command[2]
    path = project / "data/sources" / f"{source_id}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "text: |\n"
        + "".join(f"  {line}\n" for line in SOURCE_TEXT.splitlines()),
        encoding="utf-8",
    )
    return source_id


def add_meeting(project, command: list[str], source_id: str) -> None:
    """CONTRIBUTING: validation fails at first, on purpose, at the placeholders in
    <angle brackets>; replace them with the source's id and the passage, word for word;
    the meeting's entry under `sources:` needs a `quote:` too."""
    result = gceg(project, *command)
    assert result.returncode == 1 and "<" in result.stderr, result.stdout + result.stderr
    path = project / "data/meetings" / f"{command[2]}.yaml"
    text = path.read_text(encoding="utf-8").replace(f"<{source_id}>", source_id)
    text = re.sub(r'"<the passage that gives the dates[^"]*>"', f'"{DATES}"', text)
    text = re.sub(r'"<the passage that names the venue[^"]*>"', f'"{VENUE}"', text)
    text = text.replace(
        f"  - source: {source_id}\n", f"  - source: {source_id}\n    quote: {REPORTS}\n"
    )
    assert not re.search(r"^[^#]*<", text, re.M), "a placeholder is left:\n" + text
    path.write_text(text, encoding="utf-8")


def add_paper_with_two_editions(project, command: list[str]) -> str:
    """CONTRIBUTING: write the text in docs/strategy/<paper>/0.1.md; for a new edition,
    copy the last edition's file to the new number and add the edition to `editions:`."""
    run(project, *command)
    paper_id = command[2]
    folder = project / "docs/strategy" / paper_id
    (folder / "0.1.md").write_text("## Purpose\n\nA first draft of the strategy.\n")
    (folder / "0.2.md").write_text((folder / "0.1.md").read_text() + "\nA second paragraph.\n")
    path = project / "data/papers" / f"{paper_id}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    last = record["editions"][-1]
    edition = (
        f'  - edition: "0.2"\n    date: {last["date"]}\n    status: draft\n'
        "    changes: A second paragraph.\n"
    )
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("\nissuing_body:", 1)
    path.write_text(head + "\n" + edition.rstrip("\n") + "\nissuing_body:" + tail)
    return paper_id


@pytest.mark.build
def test_a_contributors_valid_change_keeps_the_content_checks_green(tmp_path):
    project = copy_project(tmp_path / "project", content=ROOT)
    source_command = documented_commands(suffix=SUFFIX)["source"]
    commands = documented_commands({**EXAMPLES, "<source-id>": source_command[2]}, SUFFIX)
    source_id = add_source(project, commands["source"])
    add_meeting(project, commands["meeting"], source_id)
    paper_id = add_paper_with_two_editions(project, commands["paper"])
    assert "OK:" in run(project, "validate").stdout

    sites = {}
    for audience in Audience:
        sites[audience] = site = build(project, tmp_path / audience.value, audience.value, pdf=True)
        catalog = properties.catalog_for(project, audience)
        assert properties.unrendered_records(site, catalog) == []
        assert properties.records_missing_from_their_index(site, catalog) == []
        assert properties.unverified_quotes(site, catalog) == []
        assert properties.unmarked_pages(site, audience) == []
        assert properties.missing_pdfs(site, catalog) == []
        assert verify_site(project, site, "https://gceg.test/") == []
    # the checks saw the new records: the meeting on both sites, the paper's two editions
    # on the members' one (a new paper starts members-only)
    meeting = commands["meeting"][2]
    for site in sites.values():
        assert (site / "meetings" / meeting / "index.html").is_file()
    members = sites[Audience.MEMBERS]
    assert (members / "strategy" / paper_id / "0.2" / "index.html").is_file()
    assert not (sites[Audience.PUBLIC] / "strategy" / paper_id).exists()
