"""``gceg publish``: deploy one version of the public site to the gh-pages branch.

mike builds the site (the full MkDocs build, exports included) and commits
it under /<version>/, copies it to /latest/, and records it in
versions.json; older versions' files are never touched. The French, Spanish
and Arabic sites are then built the same way (mike's plugin dates and addresses
them as that version) and committed in one more commit under /<version>/<lang>/
and /latest/<lang>/, so a version holds its four languages and an archived
version keeps them. This module adds a
root robots.txt that keeps archived versions out of search engines, written
with git plumbing so that only that one file changes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..audience import Audience

BRANCH = "gh-pages"
LATEST = "latest"


def git(root: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=root, input=stdin, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def mike(root: Path, env: dict[str, str], *args: str) -> None:
    tools = Path(sys.executable).parent  # mike runs `mkdocs` from PATH: use this environment's
    env = dict(env, PATH=f"{tools}{os.pathsep}{env.get('PATH', '')}")
    command = [
        str(tools / "mike"),
        *args,
        "--config-file",
        str(root / "mkdocs.yml"),
        "--branch",
        BRANCH,
    ]
    subprocess.run(command, cwd=root, env=env, check=True)


def versions(root: Path) -> list[dict]:
    try:
        return json.loads(git(root, "show", f"{BRANCH}:versions.json"))
    except subprocess.CalledProcessError:
        return []


def robots_txt(published: list[dict], site_url: str) -> str:
    """Crawl only the latest version; archived ones stay readable but unindexed."""
    lines = [
        "# Archived versions are kept unchanged for the record; only the latest is indexed.",
        "User-agent: *",
    ]
    for entry in published:
        if LATEST not in entry.get("aliases", []):
            lines.append(f"Disallow: /{entry['version']}/")
    lines.append(f"Sitemap: {site_url.rstrip('/')}/{LATEST}/sitemap.xml")
    return "\n".join(lines) + "\n"


def commit_root_file(root: Path, name: str, content: str, message: str) -> bool:
    """Replace one file at the root of the gh-pages tree; False if it was already so."""
    blob = git(root, "hash-object", "-w", "--stdin", stdin=content)
    parent = git(root, "rev-parse", BRANCH)
    entries = [
        line for line in git(root, "ls-tree", BRANCH).splitlines() if line.split("\t", 1)[1] != name
    ]
    entries.append(f"100644 blob {blob}\t{name}")
    tree = git(root, "mktree", stdin="\n".join(entries) + "\n")
    if tree == git(root, "rev-parse", f"{BRANCH}^{{tree}}"):
        return False
    commit = git(root, "commit-tree", tree, "-p", parent, "-m", message)
    git(root, "update-ref", f"refs/heads/{BRANCH}", commit, parent)
    return True


def publish(
    root: Path,
    version: str,
    env: dict[str, str],
    site_url: str,
    title: str | None = None,
    push: bool = False,
) -> None:
    env = dict(env, GCEG_AUDIENCE=Audience.PUBLIC.value)
    deploy = ["deploy", "--update-aliases", "--alias-type", "copy"]
    if title:
        deploy += ["--title", title]
    mike(root, env, *deploy, version, LATEST)
    deploy_languages(root, version, env)
    if not _has_root_index(root):  # the root forwards to /latest/ from the first publication on
        mike(root, env, "set-default", LATEST)
    commit_root_file(
        root,
        "robots.txt",
        robots_txt(versions(root), site_url),
        f"Update robots.txt for version {version}",
    )
    if push:
        git(root, "push", "origin", BRANCH)


def deploy_languages(root: Path, version: str, env: dict[str, str]) -> None:
    """Build each other language's site as this version and commit it inside it."""
    from mike import git_utils

    from ..render.languages import LANGUAGES

    tools = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="gceg-publish-") as out:
        built = {}
        for language in LANGUAGES[1:]:
            site = Path(out) / language
            language_env = dict(env, GCEG_LANGUAGE=language, MIKE_DOCS_VERSION=version)
            command = [str(tools / "mkdocs"), "build", "--strict", "--config-file"]
            command += [str(root / "mkdocs.yml"), "--site-dir", str(site)]
            subprocess.run(command, cwd=root, env=language_env, check=True)
            built[language] = site
        message = f"Deployed {version} in {', '.join(built)}"
        with git_utils.Commit(BRANCH, message) as commit:
            for language, site in built.items():
                for folder in (version, LATEST):
                    commit.delete_files([f"{folder}/{language}"])
                    for found in git_utils.walk_real_files(str(site)):
                        commit.add_file(found.copy(f"{folder}/{language}", str(site)))


def _has_root_index(root: Path) -> bool:
    try:
        git(root, "cat-file", "-e", f"{BRANCH}:index.html")
        return True
    except subprocess.CalledProcessError:
        return False
