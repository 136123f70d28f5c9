"""Files from the npm packages pinned in package-lock.json, installed on first use."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path


class PackagesMissing(Exception):
    pass


def ensure(root: Path, wanted: Path, purpose: str) -> Path:
    """``root / wanted`` from node_modules; if missing, ``npm ci`` installs the lock exactly."""
    path = root / wanted
    if path.exists():
        return path
    npm = shutil.which("npm")
    if npm is None:
        raise PackagesMissing(
            f"{purpose} needs npm (Node.js) to install its pinned packages; "
            "install Node.js (e.g. `apt-get install nodejs npm`) and run again"
        )
    # One install at a time per checkout (parallel test builds all get here); the lock file
    # lives outside node_modules, which npm ci deletes.
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"gceg-npm-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=root, check=True
            )
    if not path.exists():
        raise PackagesMissing(f"npm ci did not provide {wanted}")
    return path
