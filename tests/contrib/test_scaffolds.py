"""`gceg new` writes records and pages that validate and build as created."""

from __future__ import annotations

import jsonschema

from macros import schemas
from macros.kinds import BY_NAME
from macros.scaffold import next_doc_id
from macros.sourcefile import parse_yaml
from tests.conftest import build, gceg, html, text_of


def scaffold_everything(project):
    steps = [
        ["new", "source", "gceg-2016-report", "--title", "A report: R&D, “quoted” — #1",
         "--url", "https://example.org/report"],
        ["new", "meeting", "2016-second-meeting", "--title", "Second meeting",
         "--start", "2016-10-03", "--end", "2016-10-04", "--venue-organisation", "igci",
         "--city", "Singapore", "--country", "Singapore", "--source", "gceg-2016-report"],
        ["new", "programme", "cyber-diplomacy", "--title", "Cyber diplomacy",
         "--topic", "cooperation", "--summary", "Talks between states.",
         "--source", "gceg-2016-report"],
        ["new", "paper", "cyber-strategy-2017", "--title", "Cyber strategy 2017",
         "--summary", "A first strategy."],
    ]  # fmt: skip
    for args in steps:
        result = gceg(project, *args)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "OK:" in result.stdout


def test_scaffolds_validate_and_build(project, tmp_path):
    next_meeting, next_paper = next_doc_id(project, "MTG"), next_doc_id(project, "STRAT")
    scaffold_everything(project)
    for kind, record_id in [("source", "gceg-2016-report"), ("meeting", "2016-second-meeting"),
                            ("programme", "cyber-diplomacy"), ("paper", "cyber-strategy-2017")]:  # fmt: skip
        spec = BY_NAME[kind]
        path = project / "data" / spec.data / f"{record_id}.yaml"
        text = path.read_text()
        assert text.startswith(schemas.schema_comment(spec, f"data/{spec.data}/x.yaml"))
        data, _ = parse_yaml(text)
        jsonschema.Draft202012Validator(schemas.schema_for(spec)).validate(data)

    public = build(project, tmp_path / "public")
    assert "Second meeting" in text_of(html(public, "meetings/"))
    assert next_meeting in text_of(html(public, "meetings/2016-second-meeting/"))
    assert (public / "programmes/cyber-diplomacy/index.html").is_file()
    assert not (public / "strategy/cyber-strategy-2017").exists(), "new papers start members-only"

    members = build(project, tmp_path / "members", "members")
    paper = html(members, "strategy/cyber-strategy-2017/")
    assert next_paper in text_of(paper)
    assert paper.select_one(".gceg-marking")["data-gceg-classification"] == "TLP:AMBER"


def test_scaffold_refuses_to_overwrite_or_guess(project):
    result = gceg(
        project, "new", "paper", "strategy-paper-example", "--title", "x", "--summary", "y"
    )
    assert result.returncode == 1
    assert "already exists: data/papers/strategy-paper-example.yaml" in result.stderr
    result = gceg(project, "new", "meeting", "Bad Id", "--title", "x", "--start", "2016-01-01",
                  "--end", "2016-01-01", "--city", "c", "--country", "c", "--venue-name", "v",
                  "--source", "first-tlp-2")  # fmt: skip
    assert "'Bad Id' is not a valid id" in result.stderr
    result = gceg(project, "new", "meeting", "m", "--title", "x", "--start", "2016-01-02",
                  "--end", "2016-01-01", "--city", "c", "--country", "c", "--venue-name", "v",
                  "--source", "no-such-source")  # fmt: skip
    assert "--end is before --start" in result.stderr
    result = gceg(project, "new", "paper", "p", "--title", "A <b>bold</b> title", "--summary", "y")
    assert "--title: '<' is not allowed here" in result.stderr
    assert not (project / "data/papers/p.yaml").exists()
