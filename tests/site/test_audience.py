"""Classification: what each audience's build may contain, proven with canary strings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ALL_LANGUAGES, TEST_SITE_URL, build, copy_project, gceg
from tests.helpers import files_containing, search_records

CANARY = {
    "TLP:GREEN": "CANARY-GREEN-5b1e0c",
    "TLP:AMBER": "CANARY-AMBER-9d27f4",
    "TLP:AMBER+STRICT": "CANARY-STRICT-31c8aa",
    "TLP:RED": "CANARY-RED-e04b77",
}


def plant_canaries(root: Path) -> None:
    """Restricted records and pages of every kind that carries a marking, each with a canary."""
    nav = []
    for level, canary in CANARY.items():
        slug = canary.lower()
        (root / f"data/papers/{slug}.yaml").write_text(
            f"doc_id: GCEG-STRAT-{9001 + list(CANARY).index(level)}\n"
            f"title: Paper {canary}\nstatus: draft\ncreated: 2026-01-01\n"
            f"editions: [{{edition: '1.0', date: 2026-01-01, changes: Changes {canary}}}]\n"
            f"issuing_body: gceg\nsummary: Summary {canary}\nillustrative: true\n"
            f"classification: '{level}'\n",
            encoding="utf-8",
        )
        (root / f"docs/strategy/{slug}.md").write_text("", encoding="utf-8")
        (root / f"docs/strategy/{slug}").mkdir()
        (root / f"docs/strategy/{slug}/1.0.md").write_text(f"Body {canary}.\n", encoding="utf-8")
        (root / f"data/people/{slug}.yaml").write_text(
            f"name: Person {canary}\nclassification: '{level}'\nsources: [{{source: first-tlp-2}}]\n",
            encoding="utf-8",
        )
        (root / f"docs/people/{slug}.md").write_text("", encoding="utf-8")
        (root / f"docs/{slug}-note.md").write_text(
            f"---\ntitle: Note {canary}\nclassification: '{level}'\n---\n\nNote {canary}.\n",
            encoding="utf-8",
        )
        # a restricted page may link to a public one (the reverse is refused)
        (root / f"docs/{slug}-links.md").write_text(
            f"---\nclassification: '{level}'\n---\n\nSee [about](about.md). {canary}\n",
            encoding="utf-8",
        )
        nav += [f"  - Note {canary}: {slug}-note.md\n", f"  - {slug}-links.md\n"]
        plant_other_kinds(root, level, canary)
    config = root / "mkdocs.yml"
    marker = "  - Sources: sources/index.md\n"
    config.write_text(config.read_text().replace(marker, marker + "".join(nav)))


def plant_other_kinds(root: Path, level: str, canary: str) -> None:
    """A meeting, a source, a programme, an organisation and a glossary term, each marked
    ``level`` and carrying ``canary``: every other kind of record that has a marking."""
    slug, number = canary.lower(), 9001 + list(CANARY).index(level)
    cite = "{source: first-tlp-2}"
    records = {
        "meetings": f"doc_id: GCEG-MTG-{number}\ntitle: Meeting {canary}\n"
        f"start: 2026-01-01\nend: 2026-01-02\ndates_cite: {cite}\n"
        f"venue: {{name: Venue {canary}, city: Lyon, country: France, cite: {cite}}}\n",
        "sources": f"title: Source {canary}\nkind: standard\npublisher: Publisher {canary}\n"
        f"text: Text {canary}.\n",
        "programmes": f"title: Programme {canary}\ntopic: forensics\nsummary: Summary {canary}\n",
    }
    for folder, text in records.items():
        (root / f"data/{folder}/{slug}.yaml").write_text(
            f"{text}classification: '{level}'\nsources: [{cite}]\n", encoding="utf-8"
        )
        (root / f"docs/{folder}/{slug}.md").write_text("", encoding="utf-8")
    listed = {
        "organisations": f"  - {{id: {slug}, name: Organisation {canary}, kind: unit, "
        f"cite: {cite}, classification: '{level}'}}\n",
        # a term of its own (the canary as the term would be wrapped in <abbr> wherever
        # the other kinds' canaries are shown)
        "glossary": f"  - {{term: T-{number}, expansion: Expansion {canary}, "
        f"description: Term {canary}, cite: {cite}, classification: '{level}'}}\n",
    }
    for name, entry in listed.items():
        path = root / f"data/{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + entry)


@pytest.fixture(scope="module")
def canary_project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("canary") / "project")
    plant_canaries(root)
    return root


@pytest.fixture(scope="module")
def canary_public(canary_project, tmp_path_factory) -> Path:
    return build(
        canary_project,
        tmp_path_factory.mktemp("canary-public") / "site",
        pdf=True,
        site_url=TEST_SITE_URL,
        languages=ALL_LANGUAGES,
    )  # the sitemap, checked below, needs an address


@pytest.fixture(scope="module")
def canary_members(canary_project, tmp_path_factory) -> Path:
    return build(
        canary_project,
        tmp_path_factory.mktemp("canary-members") / "site",
        "members",
        pdf=True,
        site_url=TEST_SITE_URL,
        languages=ALL_LANGUAGES,
    )


@pytest.mark.parametrize("level", list(CANARY))
def test_public_site_contains_nothing_above_clear(canary_public, level):
    assert files_containing(canary_public, CANARY[level]) == []
    # and no address of a restricted page: addresses are lower case
    assert files_containing(canary_public, CANARY[level].lower()) == []


@pytest.mark.parametrize("level", ["TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT"])
def test_members_site_contains_up_to_amber_strict(canary_members, level):
    hits = files_containing(canary_members, CANARY[level])
    assert any(hit.endswith("index.html") for hit in hits)
    assert any(hit.startswith("pagefind/fragment/") for hit in hits)  # searchable there
    assert {
        "api/v1/papers.json",
        "api/v1/documents.json",
        "feeds/publications.atom",
        "pdf/gceg-compendium.pdf",
    } <= set(hits)
    # the sitemap lists addresses, which are lower case: the page's own address is there
    sitemap = (canary_members / "sitemap.xml").read_text()
    assert CANARY[level].lower() in sitemap
    # each other kind's canary is shown where that kind is, so its absence from the public
    # site above is the filter's doing
    slug = CANARY[level].lower()
    assert {f"{folder}/{slug}/index.html" for folder in ("meetings", "sources", "programmes")} <= (
        set(hits)
    )
    assert f"Organisation {CANARY[level]}" in (canary_members / "people/index.html").read_text()
    assert f"Expansion {CANARY[level]}" in (canary_members / "glossary/index.html").read_text()


def test_red_is_never_published(canary_members):
    assert files_containing(canary_members, CANARY["TLP:RED"]) == []
    assert files_containing(canary_members, CANARY["TLP:RED"].lower()) == []


def test_restricted_pages_are_absent_from_public_indices(canary_public):
    assert not [r for r in search_records(canary_public) if "canary" in r["url"]]
    assert "canary" not in (canary_public / "sitemap.xml").read_text()
    assert not list(canary_public.rglob("*canary*"))


def test_navigation_omits_restricted_pages_for_the_public(canary_public, canary_members):
    from bs4 import BeautifulSoup

    public_nav = BeautifulSoup((canary_public / "index.html").read_text(), "lxml").select(
        ".md-tabs a"
    )
    members_nav = BeautifulSoup((canary_members / "index.html").read_text(), "lxml").select(
        ".md-tabs a"
    )
    assert not [a for a in public_nav if "canary" in a["href"]]
    assert len([a for a in members_nav if "canary" in a["href"]]) == 6  # green, amber, strict x 2


def test_members_pages_carry_their_marking(canary_members):
    from bs4 import BeautifulSoup

    slug = CANARY["TLP:AMBER"].lower()
    soup = BeautifulSoup((canary_members / f"strategy/{slug}/index.html").read_text(), "lxml")
    assert soup.select_one(".gceg-marking")["data-gceg-classification"] == "TLP:AMBER"
    assert "Members' site" in soup.get_text()


def test_public_page_linking_to_restricted_page_fails(project):
    (project / "docs/secret.md").write_text("---\nclassification: TLP:AMBER\n---\n\nSecret.\n")
    about = project / "docs/about.md"
    about.write_text(about.read_text() + "\nSee [the secret](secret.md).\n")
    result = gceg(project, "validate")
    assert result.returncode == 1
    line = about.read_text().splitlines().index("See [the secret](secret.md).") + 1
    assert (
        f"docs/about.md:{line}: (link): links to 'secret.md' marked TLP:AMBER from a page "
        "marked TLP:CLEAR: readers of this page may not see it"
    ) in result.stderr


def test_public_record_referring_to_restricted_record_fails(project):
    path = project / "data/people/jurgen-stock.yaml"
    path.write_text(path.read_text() + "classification: TLP:GREEN\n")
    result = gceg(project, "validate")
    assert result.returncode == 1
    assert (
        "statements[0].speaker: refers to person 'jurgen-stock' marked TLP:GREEN, from a record "
        "marked TLP:CLEAR: its readers may not see it"
    ) in result.stderr


def test_members_build_refuses_to_write_into_the_public_folder(project):
    env = dict(os.environ, GCEG_AUDIENCE="members", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "refusing to build the members site into" in result.stderr
    assert not (project / "site" / "index.html").exists()


def test_gceg_build_members_goes_to_site_members(project):
    result = gceg(project, "build", "--audience", "members")
    assert result.returncode == 0, result.stderr
    assert (project / "site-members/strategy/members-paper-example/index.html").is_file()
    assert not (project / "site").exists()


def test_gceg_build_refuses_members_into_the_public_folder(project):
    result = gceg(project, "build", "--audience", "members", "--site-dir", str(project / "site"))
    assert result.returncode == 1
    assert "refusing to build the members site into" in result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_a_page_marking_is_read_whatever_the_line_endings(project, tmp_path, newline):
    """MkDocs reads files with universal newlines; so does the catalog, so a members-only
    page saved with Windows or old Mac line endings is not published as TLP:CLEAR."""
    text = "---\ntitle: Secret\nclassification: TLP:GREEN\n---\n\nCRLF-CANARY members only.\n"
    (project / "docs/secret.md").write_bytes(text.replace("\n", newline).encode())
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - Sources: sources/index.md\n", "  - Sources: sources/index.md\n  - secret.md\n"
        )
    )
    public = build(project, tmp_path / "public")
    leaked = [p for p in public.rglob("*") if p.is_file() and b"CRLF-CANARY" in p.read_bytes()]
    assert leaked == []
    members = build(project, tmp_path / "members", "members")
    assert b"CRLF-CANARY" in (members / "secret" / "index.html").read_bytes()
