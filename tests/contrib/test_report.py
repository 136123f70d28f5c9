"""`gceg report --base REV`: what a change does to each audience's site, from two catalogs."""

from __future__ import annotations

import json
import re
import shutil

import jsonschema
import pytest

from macros.model.vocab import Classification as C
from macros.rules import load
from macros.tools import report
from tests.conftest import ROOT, copy_project, gceg, git

SCHEMA = json.loads((ROOT / "schemas/report.schema.json").read_text(encoding="utf-8"))
IDENTITY = ("-c", "user.name=Test", "-c", "user.email=t@example.org")


@pytest.fixture
def repo(tmp_path):
    """A copy of the project in its own repository, its content committed as the base."""
    root = copy_project(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, *IDENTITY, "commit", "-qm", "base")
    return root


def run_report(root, *args):
    return gceg(root, "report", "--base", "main", *args)


def json_report(root) -> dict:
    result = run_report(root, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    return data


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def site(data: dict, audience: str) -> dict:
    return next(a for a in data["audiences"] if a["audience"] == audience)


def make_paper_public(root) -> None:
    edit(
        root / "data/papers/members-paper-example.yaml",
        "classification: TLP:GREEN",
        "classification: TLP:CLEAR",
    )


def test_a_paper_made_public_is_called_out_first(repo):
    make_paper_public(repo)
    # another change in the same pull request, reported after the classification
    edit(repo / "data/meetings/2015-first-meeting.yaml", "title: ", "title: Renamed, ")
    status = git(repo, "status", "--porcelain")
    result = run_report(repo)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings[0] == "### Classification changes"
    first_item = text.split("### Classification changes\n\n")[1].splitlines()[0]
    assert first_item.startswith("- **GCEG-STRAT-0002: TLP:GREEN -> TLP:CLEAR: becomes public**")
    public = text.split("### Public site")[1].split("###")[0]
    assert "| added | GCEG-STRAT-0002 (paper) |" in public
    assert "`/strategy/members-paper-example/0.1/`" in public
    assert git(repo, "status", "--porcelain") == status  # the work tree is untouched

    data = json_report(repo)
    assert data["classification_changes"] == [
        {
            "subject": "GCEG-STRAT-0002",
            "title": "How a members-only paper appears on the members' site",
            "before": "TLP:GREEN",
            "after": "TLP:CLEAR",
            "effect": "becomes public",
        }
    ]
    public, members = site(data, "public"), site(data, "members")
    assert [r["key"] for r in public["records"]["added"]] == ["GCEG-STRAT-0002"]
    assert {p["url"] for p in public["pages"]["added"]} == {
        "strategy/members-paper-example/",
        "strategy/members-paper-example/0.1/",
    }
    assert members["records"]["added"] == []  # the members already had it
    changed = {r["key"]: r["fields"] for r in members["records"]["changed"]}
    assert changed == {"GCEG-STRAT-0002": ["classification"], "GCEG-MTG-0001": ["title"]}
    assert public["broken"] == members["broken"] == []


def test_a_change_of_records_pages_lifecycle_and_sources(repo):
    assert (
        gceg(
            repo,
            "new",
            "source",
            "gceg-2016-report",
            "--title",
            "A report",
            "--url",
            "https://example.org/report",
        ).returncode
        == 0
    )
    # a new meeting starts with its citations as placeholders to fill in (exit 1 until then)
    assert (
        gceg(
            repo,
            "new",
            "meeting",
            "2016-second-meeting",
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
            "gceg-2016-report",
        ).returncode
        == 1
    )
    record = repo / "data/meetings/2016-second-meeting.yaml"
    record.write_text(
        re.sub(
            r"<([^<>]*?), word for word>",
            r"\1",
            record.read_text().replace("<gceg-2016-report>", "gceg-2016-report"),
        )
    )
    # a page removed (its links and navigation entry with it)
    for page in ("about.md", "about.fr.md", "about.es.md"):  # with its translations
        (repo / "docs" / page).unlink()
    edit(repo / "docs/index.md", "- [**About the group**](about.md)", "-")
    edit(repo / "docs/index.ar.md", "- [**عن الفريق**](about.md)", "-")
    # a field changed
    edit(repo / "data/people/jurgen-stock.yaml", "name: ", "name: Dr ")
    # a paper adopted, in a new edition
    paper = repo / "data/papers/strategy-paper-example.yaml"
    edit(paper, "status: consultation\n", "status: adopted\nadopted: 2026-11-29\n")
    edit(
        paper,
        "supersedes:",
        '  - edition: "1.0"\n    date: 2026-11-29\n    status: adopted\n'
        "    changes: Adopted.\nsupersedes:",
    )
    (repo / "docs/strategy/strategy-paper-example/1.0.md").write_text("The adopted text.\n")
    # a paper renamed, its old address kept by moved_from
    rename_paper(repo, "superseded-paper-example", "replaced-paper-example")

    data = json_report(repo)
    meeting = next(
        r for r in site(data, "public")["records"]["added"] if r["id"] == "2016-second-meeting"
    )
    assert meeting["kind"] == "meeting" and meeting["doc_id"].startswith("GCEG-MTG-")
    for audience in ("public", "members"):
        found = site(data, audience)
        assert {r["key"] for r in found["records"]["added"]} == {
            meeting["key"],
            "source:gceg-2016-report",
        }
        changed = {r["key"]: r["fields"] for r in found["records"]["changed"]}
        assert changed["person:jurgen-stock"] == ["name"]
        assert {"status", "editions", "adopted"} <= set(changed["GCEG-STRAT-0001"])
        assert changed["GCEG-STRAT-0003"] == ["id", "moved_from"]  # renamed: same document
        assert {p["src"] for p in found["pages"]["removed"]} == {
            "about.md",
            "strategy/superseded-paper-example.md",
            "strategy/superseded-paper-example/1.0.md",
        }
        assert {a["url"]: a["reason"] for a in found["broken"]} == {
            "about/": "the page is gone and nothing forwards this address",
            # moved_from forwards the paper's address, not its editions'
            "strategy/superseded-paper-example/1.0/": "the page is gone and nothing forwards this address",
        }
        assert [a["url"] for a in found["redirects_added"]] == [
            "strategy/superseded-paper-example/"
        ]
    assert data["lifecycle"] == [
        {
            "key": "GCEG-STRAT-0001",
            "title": "How a strategy paper appears on this site",
            "classification": "TLP:CLEAR",
            "status_before": "consultation",
            "status_after": "adopted",
            "editions_added": ["1.0"],
            "editions_removed": [],
        }
    ]
    assert data["sources_added"] == [
        {"id": "gceg-2016-report", "title": "A report", "cited_by": [meeting["key"]]}
    ]
    citations = {c["record"]: (c["added"], c["removed"]) for c in data["citations"]}
    assert citations[meeting["key"]][0] >= 1
    assert data["classification_changes"] == []

    text = run_report(repo).stdout
    assert "**Addresses that stop working:**" in text
    assert "| `/about/` | the page is gone and nothing forwards this address |" in text
    assert "| changed | `/` | `index.md` | text |" in text  # the home page's address
    assert "### Members' site\n\nThe same changes as the public site.\n" in text
    assert "consultation -> adopted; new edition 1.0" in text
    assert f"- New source gceg-2016-report (A report), cited by: {meeting['key']}" in text


def rename_paper(root, old: str, new: str) -> None:
    data, docs = root / "data/papers", root / "docs/strategy"
    (data / f"{old}.yaml").rename(data / f"{new}.yaml")
    (docs / f"{old}.md").rename(docs / f"{new}.md")
    (docs / old).rename(docs / new)
    edit(data / f"{new}.yaml", 'moved_from: ["', f'moved_from: ["strategy/{old}/", "')
    edit(data / "strategy-paper-example.yaml", f"supersedes: {old}", f"supersedes: {new}")


def test_an_invalid_change_is_reported_with_its_problems(repo):
    edit(repo / "data/papers/members-paper-example.yaml", "status: draft", "status: finished")
    result = run_report(repo)
    assert result.returncode == 1
    assert "**The change is invalid: 1 problem.**" in result.stdout
    assert "data/papers/members-paper-example.yaml:6: status: 'finished' is not allowed" in (
        result.stdout
    )
    assert "status: 'finished' is not allowed" in result.stderr
    data = json.loads(run_report(repo, "--format", "json").stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["valid"] is False and len(data["problems"]) == 1 and data["audiences"] == []


def test_an_invalid_base_is_said_not_compared(repo):
    edit(repo / "data/papers/members-paper-example.yaml", "status: draft", "status: finished")
    git(repo, *IDENTITY, "commit", "-qam", "broken")
    git(repo, "checkout", "-q", "HEAD~1", "--", "data")  # the change repairs it
    result = run_report(repo, "--output", "report.md")
    # --base main names the broken commit
    assert result.returncode == 0, result.stderr
    text = (repo / "report.md").read_text(encoding="utf-8")
    assert "The base revision does not validate" in text
    assert "status: 'finished' is not allowed" in text


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("no-such-branch", "gceg report: unknown revision 'no-such-branch' (is it fetched?)"),
        ("--output=x", "gceg report: '--output=x' is not a revision"),
    ],
)
def test_a_bad_revision_is_a_clear_error(repo, base, message):
    result = gceg(repo, "report", f"--base={base}")
    assert result.returncode == 2
    assert result.stderr.strip() == message
    assert not (repo / "x").exists()


def test_a_project_in_a_subfolder_of_its_repository(tmp_path):
    repository = tmp_path / "repository"
    root = copy_project(repository / "site")
    git(repository, "init", "-q", "-b", "main")
    git(repository, "add", "-A")
    git(repository, *IDENTITY, "commit", "-qm", "base")
    make_paper_public(root)
    result = run_report(root, "--output", str(tmp_path / "report.md"))
    assert result.returncode == 0, result.stderr
    assert "GCEG-STRAT-0002: TLP:GREEN -> TLP:CLEAR: becomes public" in (
        tmp_path / "report.md"
    ).read_text(encoding="utf-8")


def test_an_unwritable_output_is_a_clear_error(repo, tmp_path):
    result = run_report(repo, "--output", str(tmp_path / "missing" / "report.md"))
    assert result.returncode == 2
    assert result.stderr.startswith("gceg report: cannot write ")
    assert "Traceback" not in result.stderr


def test_outside_a_repository_is_a_clear_error(tmp_path):
    root = copy_project(tmp_path / "project")
    result = gceg(root, "report", "--base", "main")
    assert result.returncode == 2
    assert result.stderr.startswith("gceg report: fatal: not a git repository")
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- without git


@pytest.mark.parametrize(
    ("before", "after", "effect"),
    [
        (C.GREEN, C.CLEAR, "becomes public"),
        (C.RED, C.CLEAR, "becomes public"),
        (C.CLEAR, C.GREEN, "leaves the public site: becomes members-only"),
        (C.CLEAR, C.AMBER_STRICT, "leaves the public site: becomes members-only"),
        (C.RED, C.AMBER, "becomes members-only"),
        (C.GREEN, C.AMBER, "stays members-only"),
        (C.AMBER, C.RED, "no longer published"),
        (C.CLEAR, C.RED, "no longer published"),
    ],
)
def test_effect_of_a_marking_change(before, after, effect):
    assert report.effect(before, after) == effect


def test_a_paper_no_longer_published_breaks_its_addresses_for_both_sites(tmp_path):
    base = load(copy_project(tmp_path / "base"), use_cache=False)
    head_root = tmp_path / "head"
    shutil.copytree(tmp_path / "base", head_root)
    edit(
        head_root / "data/papers/members-paper-example.yaml",
        "classification: TLP:GREEN",
        "classification: TLP:RED",
    )
    found = report.compare(base, load(head_root, use_cache=False))
    assert [(c.subject, c.effect) for c in found["classification_changes"]] == [
        ("GCEG-STRAT-0002", "no longer published")
    ]
    public, members = found["audiences"]
    assert public.broken == [] and public.records.removed == []
    assert {a.url for a in members.broken} == {
        "d/GCEG-STRAT-0002/",
        "d/GCEG-STRAT-0002/0.1/",
        "strategy/members-paper-example/",
        "strategy/members-paper-example/0.1/",
    }
    assert {a.reason for a in members.broken} == {"not for this audience any more: TLP:RED"}
    assert [r.key for r in members.records.removed] == ["GCEG-STRAT-0002"]


def test_unchanged_content_reports_no_change(tmp_path):
    catalog = load(copy_project(tmp_path / "project"), use_cache=False)
    result = report.Report(
        base="main",
        base_commit="0" * 40,
        valid=True,
        problems=[],
        base_valid=True,
        base_problems=[],
        **report.compare(catalog, catalog),
    )
    assert report.markdown(result).endswith("\n\nNo change to what either site publishes.\n")


def test_contributor_text_cannot_become_markup():
    hostile = "![x](https://evil.example/p.png) <b>|</b> `code` *em* [l]: $x$ &amp;"
    escaped = report.md(hostile + "\n- item")
    assert "\n" not in escaped
    for mark in "![]()<>|`*$&":
        assert mark not in escaped.replace("\\" + mark, "")


def test_a_page_marked_for_members_leaves_the_public_site(tmp_path):
    base_root = copy_project(tmp_path / "base")
    (base_root / "docs/notes.md").write_text("# Notes\n\nFor everyone.\n")
    nav = "  - Glossary: glossary.md"  # a page of its own needs a menu entry
    edit(base_root / "mkdocs.yml", nav, nav + "\n  - Notes: notes.md")
    head_root = tmp_path / "head"
    shutil.copytree(base_root, head_root)
    (head_root / "docs/notes.md").write_text(
        "---\nclassification: TLP:GREEN\n---\n# Notes\n\nFor members.\n"
    )
    found = report.compare(load(base_root, use_cache=False), load(head_root, use_cache=False))
    assert [(c.subject, c.before, c.after, c.effect) for c in found["classification_changes"]] == [
        ("docs/notes.md", C.CLEAR, C.GREEN, "leaves the public site: becomes members-only")
    ]
    public, members = found["audiences"]
    assert [(p.src, p.url) for p in public.pages.removed] == [("notes.md", "notes/")]
    assert [(a.url, a.reason) for a in public.broken] == [
        ("notes/", "not for this audience any more: TLP:GREEN")
    ]
    assert [(p.src, p.changes) for p in members.pages.changed] == [
        ("notes.md", ["text", "front matter: classification"])
    ]


def test_a_redirect_dropped_from_moved_from_is_a_broken_address(tmp_path):
    base_root = copy_project(tmp_path / "base")
    head_root = tmp_path / "head"
    shutil.copytree(base_root, head_root)
    edit(
        head_root / "data/papers/superseded-paper-example.yaml",
        'moved_from: ["strategy/old-example/"]',
        "",
    )
    found = report.compare(load(base_root, use_cache=False), load(head_root, use_cache=False))
    for audience in found["audiences"]:
        assert [(a.url, a.reason) for a in audience.broken] == [
            ("strategy/old-example/", "GCEG-STRAT-0003 no longer lists this address in moved_from")
        ]
        assert [(r.key, r.fields) for r in audience.records.changed] == [
            ("GCEG-STRAT-0003", ["moved_from"])
        ]


def test_long_tables_are_cut_for_the_summary_but_not_in_json():
    broken = [report.Address(url=f"d/GCEG-MTG-{n:04d}/", reason="gone") for n in range(150)]
    empty = {
        "records": report.RecordChanges(),
        "pages": report.PageChanges(),
        "redirects_added": [],
    }
    result = report.Report(
        base="main",
        base_commit="0" * 40,
        valid=True,
        problems=[],
        base_valid=True,
        base_problems=[],
        audiences=[report.AudienceReport(audience="public", broken=broken, **empty)],
    )
    text = report.markdown(result)
    assert text.count("| `/d/GCEG-MTG-") == report.MAX_ROWS
    assert "… and 50 more (see `--format json`)" in text
    assert len(json.loads(report.to_json(result))["audiences"][0]["broken"]) == 150


# ---------------------------------------------------------------- numbers that cannot collide


def add_meeting(root, record_id: str, doc_id: str, title: str) -> None:
    """A meeting like the corpus's first, under another id and number."""
    text = (root / "data/meetings/2015-first-meeting.yaml").read_text(encoding="utf-8")
    text = text.replace("doc_id: GCEG-MTG-0001", f"doc_id: {doc_id}")
    text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    (root / f"data/meetings/{record_id}.yaml").write_text(text, encoding="utf-8")
    shutil.copy2(
        root / "docs/meetings/2015-first-meeting.md", root / f"docs/meetings/{record_id}.md"
    )


def commit_all(root, message: str) -> None:
    git(root, "add", "-A")
    git(root, *IDENTITY, "commit", "-qm", message)


@pytest.fixture
def branch(repo):
    """A pull request's branch, left from main before main took a second meeting."""
    git(repo, "branch", "pull-request")
    add_meeting(repo, "2016-on-main", "GCEG-MTG-0002", "A meeting merged first")
    commit_all(repo, "another pull request, merged first")
    git(repo, "checkout", "-q", "pull-request")
    return repo


def test_a_document_number_the_target_took_since_fails_naming_the_next_free(branch):
    add_meeting(branch, "2016-on-branch", "GCEG-MTG-0002", "A meeting on the branch")
    commit_all(branch, "the same next number, picked on the branch")
    assert "OK:" in gceg(branch, "validate").stdout  # on its own, the branch is valid
    result = run_report(branch)
    assert result.returncode == 1
    expected = (
        "data/meetings/2016-on-branch.yaml:2: doc_id: 'GCEG-MTG-0002' is taken on main "
        "by meeting '2016-on-main' (data/meetings/2016-on-main.yaml), added there since "
        "this branch left it; take the next free number, 'GCEG-MTG-0003'"
    )
    assert expected in result.stderr.splitlines()
    assert result.stdout.index("taken on main as well") < result.stdout.index("### ")
    data = json.loads(run_report(branch, "--format", "json").stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["collisions"] == [expected]
    # taking the number it names ends the collision
    edit(branch / "data/meetings/2016-on-branch.yaml", "GCEG-MTG-0002", "GCEG-MTG-0003")
    assert run_report(branch).returncode == 0


def test_a_record_id_the_target_took_since_fails(branch):
    add_meeting(branch, "2016-on-main", "GCEG-MTG-0003", "The branch's own meeting")
    result = run_report(branch)
    assert result.returncode == 1
    assert (
        "data/meetings/2016-on-main.yaml:1: id: meeting id '2016-on-main' is taken on main "
        "by another meeting"
    ) in result.stderr


def test_a_renamed_record_keeps_its_number_without_a_collision(branch):
    # not new on the branch: the number was the first meeting's before the branch left main
    meetings = branch / "data/meetings"
    for name in ("", ".fr", ".ar"):  # the record with its translations
        (meetings / f"2015-first-meeting{name}.yaml").rename(meetings / f"2015-renamed{name}.yaml")
    (branch / "docs/meetings/2015-first-meeting.md").rename(
        branch / "docs/meetings/2015-renamed.md"
    )
    for page in (branch / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "2015-first-meeting" in text:
            page.write_text(text.replace("2015-first-meeting", "2015-renamed"), encoding="utf-8")
    result = run_report(branch, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["collisions"] == []


def test_the_pull_requests_merge_commit_fails_validation_naming_the_next_free(branch):
    # the workflow's checkout: the branch merged into its target (HEAD^1)
    add_meeting(branch, "2016-on-branch", "GCEG-MTG-0002", "A meeting on the branch")
    commit_all(branch, "the same next number, picked on the branch")
    git(branch, "checkout", "-q", "main")
    git(branch, *IDENTITY, "merge", "-q", "--no-ff", "-m", "merge", "pull-request")
    result = gceg(branch, "report", "--base", "HEAD^1")
    assert result.returncode == 1
    assert "duplicate document id 'GCEG-MTG-0002'" in result.stderr
    assert "the next free number is 'GCEG-MTG-0003'" in result.stderr


def test_numbers_and_ids_are_read_from_git_in_a_project_in_a_subfolder(tmp_path):
    from macros.tools.collisions import taken_at

    top = tmp_path / "repository"
    (top / "site/data/meetings").mkdir(parents=True)
    (top / "site/data/meetings/a.yaml").write_text('doc_id: "GCEG-MTG-0007"\n')
    (top / "other/data/meetings").mkdir(parents=True)
    (top / "other/data/meetings/b.yaml").write_text("doc_id: GCEG-MTG-0008\n")
    git(top, "init", "-q", "-b", "main")
    commit_all(top, "two projects")
    assert taken_at(top / "site", "HEAD") == ({"GCEG-MTG-0007"}, {("meeting", "a")})
