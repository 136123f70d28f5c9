"""No symbolic link in content is followed: found by the catalog, refused by the snippet reader."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.exceptions import PluginError

from macros.load.symlinks import is_linked, linked_paths, symlink_problems
from macros.render.snippets import RealFileSnippetExtension


@pytest.fixture
def project(tmp_path):
    for folder in ("data/meetings", "docs/assets", "includes/parts"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "includes" / "real.md").write_text("real text\n")
    (tmp_path / "includes" / "parts" / "part.md").write_text("part text\n")
    (tmp_path / "outside.md").write_text("host file\n")
    return tmp_path


@pytest.mark.parametrize(
    ("link", "target", "expected"),
    [
        ("includes/annex.md", "../outside.md", ["includes/annex.md"]),
        ("includes/parts/deep.md", "/etc/hostname", ["includes/parts/deep.md"]),
        ("includes/folder", "/etc", ["includes/folder"]),
        ("data/meetings/x.yaml", "/etc/hostname", ["data/meetings/x.yaml"]),
        ("docs/assets/a.css", "dangling-target", ["docs/assets/a.css"]),
        ("docs/linked", "../data", ["docs/linked"]),
    ],
)
def test_every_link_in_content_is_found_without_following_it(project, link, target, expected):
    (project / link).symlink_to(target)
    assert linked_paths(project) == expected


@pytest.mark.parametrize("folder", ["data", "docs", "includes"])
def test_a_content_folder_that_is_itself_a_link_is_found(project, tmp_path_factory, folder):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "inner-link").symlink_to("/etc")
    real = project / folder
    real.rename(project / f"{folder}.real")
    real.symlink_to(elsewhere)
    assert linked_paths(project) == [folder]  # listed, and not walked into
    (problem,) = symlink_problems([folder])
    assert (
        str(problem)
        == f"{folder}:1: (file): {folder}/ is a symbolic link; it must be a real folder of the project"
    )


def test_a_project_without_links_has_none(project):
    assert linked_paths(project) == []


def test_is_linked_looks_at_every_folder_up_to_the_base(project):
    (project / "includes" / "alias").symlink_to("parts")
    assert is_linked(project / "includes" / "alias" / "part.md", project / "includes")
    assert not is_linked(project / "includes" / "parts" / "part.md", project / "includes")


def _convert(project, text: str) -> str:
    extension = RealFileSnippetExtension(
        base_path=[str(project / "includes")], check_paths=True, restrict_base_path=True
    )
    return markdown.markdown(text, extensions=[extension])


def test_snippets_from_real_files_are_included(project):
    assert "real text" in _convert(project, '--8<-- "real.md"')
    assert "part text" in _convert(project, '--8<-- "parts/part.md"')


@pytest.mark.parametrize(
    ("link", "target", "name"),
    [
        ("includes/annex.md", "../outside.md", "annex.md"),
        ("includes/host.md", "/etc/hostname", "host.md"),
        ("includes/alias", "parts", "alias/part.md"),
    ],
)
def test_the_snippet_reader_refuses_links_even_without_validation(project, link, target, name):
    (project / link).symlink_to(target)
    with pytest.raises(PluginError, match="symbolic link"):
        _convert(project, f'--8<-- "{name}"')
