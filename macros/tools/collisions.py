"""Document numbers and record ids that a branch and its target took independently.

Each pull request picks the next free number on its own branch, so two open pull
requests can pick the same one. ``gceg report --base REV`` compares the branch with its
target: a number (or a record id) that is new on both sides since the point where the
branch forked, for two different records, is a collision, told with the next number
free on both. (When the checkout is the pull request merged into its target, as in the
pull-request workflow, the two records meet in one catalog and validation's
duplicate-number rule says the same.)
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..load.catalog import Catalog
from ..model.kinds import KINDS
from ..rules.references import next_free_number

DOCUMENT_KINDS = ("meeting", "paper")
DOC_ID = re.compile(r"^doc_id:\s*[\"']?([A-Z]+(?:-[A-Z]+)*-\d+)", re.M)


def _git(root: Path, *args: str) -> str | None:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


def fork_point(root: Path, commit: str) -> str | None:
    """Where the checked-out branch left ``commit``'s history (None: no common history)."""
    found = _git(root, "merge-base", "HEAD", commit)
    return found.strip() if found else None


def taken_at(root: Path, commit: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The document numbers and the (kind, id) of every record file at ``commit``: read
    from git's index of the commit, without checking it out or loading it."""
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    # --full-tree: from a subfolder, ls-tree would list only what lies under it
    files = _git(root, "ls-tree", "-r", "--full-tree", "--name-only", f"{commit}:{prefix}data")
    files = files or ""
    folders = {kind.data: kind.name for kind in KINDS if kind.layout == "folder"}
    records = set()
    for name in files.splitlines():
        folder, _, file = name.partition("/")
        if folder in folders and file.endswith(".yaml") and "/" not in file:
            records.add((folders[folder], file.removesuffix(".yaml")))
    # a tree-ish names paths from the repository's top, a pathspec from the project's folder
    lines = _git(root, "grep", "-h", "-E", "^doc_id:", commit, "--", "data/meetings", "data/papers")
    lines = lines or ""
    return set(DOC_ID.findall(lines)), records


def _number(doc_id: str) -> int:
    return int(doc_id.rpartition("-")[2])


def collisions(root: Path, commit: str, revision: str, base: Catalog, head: Catalog) -> list[str]:
    """Each number or id the branch took that its target took since, for another record,
    as ``path:line: field: message``."""
    fork = fork_point(root, commit)
    if fork is None or fork == commit:
        return []  # no history in common, or the target has nothing new: nothing to collide
    fork_numbers, fork_records = taken_at(root, fork)
    found = []
    for kind in DOCUMENT_KINDS:
        for record_id, record in sorted(head.records[kind].items()):
            doc_id = record.doc_id
            other = base.by_doc_id.get(doc_id)
            if doc_id in fork_numbers or other is None:
                continue  # not new on this branch, or free on the target
            other_kind = next(k for k in DOCUMENT_KINDS if base.records[k].get(other.id) is other)
            if (other_kind, other.id) == (kind, record_id):
                continue  # the same record: an id collision, if any, is told below
            free = max(next_free_number(head, doc_id), next_free_number(base, doc_id), key=_number)
            origin, theirs = head.origin(kind, record_id), base.origin(other_kind, other.id)
            found.append(
                f"{origin.path}:{origin.line(('doc_id',))}: doc_id: '{doc_id}' is taken on "
                f"{revision} by {other_kind} '{other.id}' ({theirs.path}), added there since "
                f"this branch left it; take the next free number, '{free}'"
            )
    for kind in KINDS:
        if kind.layout != "folder":
            continue
        for record_id, record in sorted(head.records[kind.name].items()):
            other = base.records[kind.name].get(record_id)
            if other is None or (kind.name, record_id) in fork_records:
                continue  # free on the target, or there before the branch
            if other.model_dump(mode="json") == record.model_dump(mode="json"):
                continue  # the same record landed on both: nothing to choose between
            origin = head.origin(kind.name, record_id)
            found.append(
                f"{origin.path}:1: id: {kind.name} id '{record_id}' is taken on {revision} "
                f"by another {kind.name}, added there since this branch left it; choose "
                f"another id (rename data/{kind.data}/{record_id}.yaml and its page)"
            )
    return found
