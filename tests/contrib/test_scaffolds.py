"""`gceg new` writes records and pages that build once a contributor has filled in what
only they can give (a meeting's citations), and fail validation until then."""

from __future__ import annotations

import jsonschema

from macros.exports import schemas
from macros.load.sourcefile import parse_yaml
from macros.model.kinds import BY_NAME
from macros.tools.scaffold import next_doc_id
from tests.conftest import build, gceg, html, text_of

# Ids no real record will take (CONTRIBUTING's examples may become real records), and a
# stored text for the new source, so that its quotes are checked.
IDS = {
    "source": "scaffold-test-report",
    "meeting": "scaffold-test-meeting",
    "programme": "scaffold-test-programme",
    "paper": "scaffold-test-paper",
}
SOURCE_TEXT = "The group met on 3 and 4 October 2016 at the IGCI in Singapore."


def new(project, *args: str) -> str:
    result = gceg(project, "new", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def problems(result) -> list[str]:
    """The fields named in validation's `path:line: field: message` lines."""
    assert result.returncode == 1, result.stdout + result.stderr
    return [line.split(": ", 2)[1] for line in result.stderr.splitlines() if ".yaml:" in line]


def scaffold_meeting_and_fill_in_its_citations(project):
    """The meeting's citations fail validation until the contributor confirms the source and
    then quotes it, as the record's comments ask."""
    meeting = gceg(
        project,
        "new",
        "meeting",
        IDS["meeting"],
        "--title",
        "Second meeting",
        "--start",
        "2016-10-03",
        "--end",
        "2016-10-04",
        "--venue-organisation",
        "igci",
        "--city",
        "Singapore",
        "--country",
        "Singapore",
        "--source",
        IDS["source"],
    )
    assert problems(meeting) == ["dates_cite.source", "venue.cite.source", "sources[0]"]
    assert f"dates_cite.source: '<{IDS['source']}>' is not a valid id" in meeting.stderr
    path = project / "data/meetings" / f"{IDS['meeting']}.yaml"
    text = path.read_text().replace(f"<{IDS['source']}>", IDS["source"])
    text = text.replace(
        f"  - source: {IDS['source']}\n", f"  - source: {IDS['source']}\n    quote: The group met\n"
    )
    path.write_text(text)
    assert problems(gceg(project, "validate")) == ["dates_cite.quote", "venue.cite.quote"]
    for placeholder, passage in [
        ("the passage that gives the dates", "on 3 and 4 October 2016"),
        ("the passage that names the venue", "at the IGCI in Singapore"),
    ]:
        text = text.replace(f"<{placeholder}, word for word>", passage)
    path.write_text(text)
    assert "OK:" in gceg(project, "validate").stdout


def scaffold_everything(project):
    new(
        project,
        "source",
        IDS["source"],
        "--title",
        "A report: R&D, “quoted” — #1",
        "--url",
        "https://example.org/report",
    )
    source = project / "data/sources" / f"{IDS['source']}.yaml"
    source.write_text(source.read_text() + f"text: |\n  {SOURCE_TEXT}\n")
    scaffold_meeting_and_fill_in_its_citations(project)
    programme = gceg(
        project,
        "new",
        "programme",
        IDS["programme"],
        "--title",
        "Cyber diplomacy",
        "--topic",
        "cooperation",
        "--summary",
        "Talks between states.",
        "--source",
        IDS["source"],
    )
    assert problems(programme) == ["sources[0]"]  # a stored text: the source needs a quote
    path = project / "data/programmes" / f"{IDS['programme']}.yaml"
    path.write_text(
        path.read_text().replace(
            f"  - source: {IDS['source']}\n", f"  - source: {IDS['source']}\n    quote: IGCI\n"
        )
    )
    assert "OK:" in new(
        project,
        "paper",
        IDS["paper"],
        "--title",
        "Cyber strategy 2017",
        "--summary",
        "A first strategy.",
    )


def test_scaffolds_validate_and_build(project, tmp_path):
    for kind, record_id in IDS.items():
        assert not (project / "data" / BY_NAME[kind].data / f"{record_id}.yaml").exists()
    next_meeting, next_paper = next_doc_id(project, "MTG"), next_doc_id(project, "STRAT")
    scaffold_everything(project)
    for kind, record_id in IDS.items():
        spec = BY_NAME[kind]
        path = project / "data" / spec.data / f"{record_id}.yaml"
        text = path.read_text()
        assert text.startswith(schemas.schema_comment(spec, f"data/{spec.data}/x.yaml"))
        data, _ = parse_yaml(text)
        jsonschema.Draft202012Validator(schemas.schema_for(spec)).validate(data)

    public = build(project, tmp_path / "public")
    assert "Second meeting" in text_of(html(public, "meetings/"))
    meeting = text_of(html(public, f"meetings/{IDS['meeting']}/"))
    assert next_meeting in meeting
    assert "on 3 and 4 October 2016" in meeting  # the dates' citation is shown
    assert (public / f"programmes/{IDS['programme']}/index.html").is_file()
    assert not (public / f"strategy/{IDS['paper']}").exists(), "new papers start members-only"

    members = build(project, tmp_path / "members", "members")
    paper = html(members, f"strategy/{IDS['paper']}/")
    assert next_paper in text_of(paper)
    assert paper.select_one(".gceg-marking")["data-gceg-classification"] == "TLP:AMBER"


def test_scaffold_refuses_to_overwrite_or_guess(project):
    result = gceg(
        project, "new", "paper", "strategy-paper-example", "--title", "x", "--summary", "y"
    )
    assert result.returncode == 1
    assert "already exists: data/papers/strategy-paper-example.yaml" in result.stderr
    result = gceg(
        project,
        "new",
        "meeting",
        "Bad Id",
        "--title",
        "x",
        "--start",
        "2016-01-01",
        "--end",
        "2016-01-01",
        "--city",
        "c",
        "--country",
        "c",
        "--venue-name",
        "v",
        "--source",
        "first-tlp-2",
    )
    assert "'Bad Id' is not a valid id" in result.stderr
    result = gceg(
        project,
        "new",
        "meeting",
        "m",
        "--title",
        "x",
        "--start",
        "2016-01-02",
        "--end",
        "2016-01-01",
        "--city",
        "c",
        "--country",
        "c",
        "--venue-name",
        "v",
        "--source",
        "no-such-source",
    )
    assert "--end is before --start" in result.stderr
    result = gceg(project, "new", "paper", "p", "--title", "A <b>bold</b> title", "--summary", "y")
    assert "--title: '<' is not allowed here" in result.stderr
    assert not (project / "data/papers/p.yaml").exists()
