"""The contributor documents agree with the code: CONTRIBUTING's commands do what it says,
its links lead somewhere, and the pull-request template asks what GOVERNANCE requires."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from tests.conftest import ROOT, gceg
from tests.contrib.test_scaffolds import problems

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
TEMPLATE = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
# CONTRIBUTING's placeholders, as a contributor would fill them in.
EXAMPLES = {
    "...": "An example.",
    "<source-id>": "interpol-cyber-experts-meeting-2015",
    "https://...": "https://example.org/report",
}
SUFFIX = "-docs-test"  # keeps the examples' ids clear of real records of the same name


def documented_commands(
    examples: dict[str, str] = EXAMPLES, suffix: str = SUFFIX
) -> dict[str, list[str]]:
    """Each `gceg new` command in CONTRIBUTING's shell blocks, by kind, as written, its
    placeholders filled in from ``examples`` and ``suffix`` added to its id."""
    commands = {}
    for block in re.findall(r"```sh\n(.*?)```", CONTRIBUTING, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith(".venv/bin/gceg new "):
                _, new, kind, record_id, *options = shlex.split(line.split("#")[0])
                words = [examples.get(word, word) for word in options]
                commands[kind] = [new, kind, record_id + suffix, *words]
    return commands


# What each command leaves for validation to say, by CONTRIBUTING: a meeting "fails at
# first, on purpose" at its placeholders, and, as the example source's text is stored,
# the meeting's and the programme's source entries need their quote.
AFTER_NEW = {
    "source": [],
    "meeting": ["dates_cite.source", "venue.cite.source", "sources[0]"],
    "paper": [],
    "programme": ["sources[0]"],
}


@pytest.mark.parametrize("kind", AFTER_NEW)
def test_contributings_commands_do_what_it_says(project, kind):
    assert list(documented_commands()) == ["source", "meeting", "paper", "programme"]
    result = gceg(project, *documented_commands()[kind])
    if AFTER_NEW[kind]:
        assert problems(result) == AFTER_NEW[kind]
    else:
        assert result.returncode == 0 and "OK:" in result.stdout, result.stdout + result.stderr


def test_contributing_says_where_a_papers_text_goes_as_the_scaffold_writes_it(project):
    paper = documented_commands()["paper"]
    assert gceg(project, *paper).returncode == 0
    record_id = paper[2]
    said = re.search(r"write the text in\s+`([^`]+)`", CONTRIBUTING).group(1)
    said = said.replace(record_id.removesuffix(SUFFIX), record_id)
    record = yaml.safe_load((project / f"data/papers/{record_id}.yaml").read_text())
    current = record["editions"][-1]["edition"]
    assert said == f"docs/strategy/{record_id}/{current}.md"
    assert (project / said).is_file()


def heading_anchors(text: str) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings."""
    headings = re.findall(r"^#+ (.+)$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_governance_is_linked_and_every_link_between_the_documents_resolves():
    documents = ["README.md", "CONTRIBUTING.md", "GOVERNANCE.md", "SECURITY.md"]
    for name in ("README.md", "CONTRIBUTING.md"):
        assert "(GOVERNANCE.md)" in (ROOT / name).read_text(encoding="utf-8"), name
    for name in documents:
        text = (ROOT / name).read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([A-Z]+\.md)(?:#([\w-]+))?\)", text):
            assert (ROOT / target).is_file(), f"{name}: {target}"
            if anchor:
                found = heading_anchors((ROOT / target).read_text(encoding="utf-8"))
                assert anchor in found, f"{name}: {target}#{anchor}"


def test_the_pull_request_template_asks_markings_first_and_the_original_of_each_source():
    sections = re.findall(r"^## (.+)$", TEMPLATE, re.M)
    assert sections[1].startswith("Markings"), "markings come first, after the summary"
    assert "originator's permission" in TEMPLATE
    assert "with its original: a URL, or a file" in TEMPLATE
    assert "compared the stored `text:` with it" in TEMPLATE
    preview = [line for line in TEMPLATE.splitlines() if "site-preview" in line]
    assert preview and all("make serve AUDIENCE=members" in line for line in preview)
