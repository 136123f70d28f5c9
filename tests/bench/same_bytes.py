"""Two revisions build the same bytes: the proof that a refactoring changed no output.

    python -m tests.bench.same_bytes BASE [HEAD] [--offline]

Each revision is exported (``git archive``) into the SAME temporary folder in turn, so
absolute paths cannot differ, and built there with this interpreter: the public site
with its PDFs, the members' site, and with ``--offline`` the offline bundle. The date
(SOURCE_DATE_EPOCH) and the caches (a fresh folder per revision) are fixed. Every file of
the two outputs is then compared byte for byte; the differing and missing ones are listed.
HEAD may be ``WORKTREE`` (the default): the working tree as it is, uncommitted edits included.
Exit 0 when every file is identical.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EPOCH = "1767225600"  # 2026-01-01, any fixed date will do
BUILDS = {
    "site": ["build", "--audience", "public"],
    "site-members": ["build", "--audience", "members"],
}


def export(revision: str, tree: Path) -> None:
    """``revision``'s files (or the working tree's tracked and new files) into ``tree``."""
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    if revision == "WORKTREE":
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.split(b"\0")
        for name in filter(None, (n.decode() for n in listed)):
            if (ROOT / name).is_file():
                (tree / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, tree / name)
        return
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)


def build(revision: str, tree: Path, out: Path, offline: bool) -> None:
    export(revision, tree)
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "GCEG_PDF": "1",
        "PYTHONPATH": str(tree),  # this revision's package, not the installed one
        "GCEG_CACHE_DIR": str(out / ".cache"),
        "XDG_CACHE_HOME": str(out / ".cache"),
    }
    env.pop("GCEG_PDF_CACHE", None)
    commands = dict(BUILDS)
    if offline:
        commands["dist"] = ["offline"]
    # `gceg` of that revision (the CLI moved from macros/cli.py to macros/tools/cli.py)
    cli = "macros.tools.cli" if (tree / "macros" / "tools" / "cli.py").is_file() else "macros.cli"
    for folder, command in commands.items():
        run = subprocess.run(
            [sys.executable, "-m", cli, *command],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            raise SystemExit(f"{revision}: gceg {' '.join(command)} failed:\n{run.stderr[-3000:]}")
        shutil.move(tree / folder, out / folder)


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def compare(a: Path, b: Path, folders: list[str]) -> tuple[int, list[str]]:
    count, problems = 0, []
    for folder in folders:
        left, right = files(a / folder), files(b / folder)
        problems += [f"only in base: {folder}/{n}" for n in sorted(left - right)]
        problems += [f"only in head: {folder}/{n}" for n in sorted(right - left)]
        for name in sorted(left & right):
            count += 1
            if not filecmp.cmp(a / folder / name, b / folder / name, shallow=False):
                problems.append(f"differs: {folder}/{name}")
    return count, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default="WORKTREE")
    parser.add_argument("--offline", action="store_true", help="compare the offline zip too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gceg-same-bytes-") as work:
        work = Path(work)
        tree = work / "tree"
        for name, revision in (("base", args.base), ("head", args.head)):
            (work / name).mkdir()
            build(revision, tree, work / name, args.offline)
        folders = [*BUILDS, *(["dist"] if args.offline else [])]
        count, problems = compare(work / "base", work / "head", folders)
    print("\n".join(problems[:200]))
    print(f"{count} files compared in {', '.join(folders)}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
