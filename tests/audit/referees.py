"""Where the referees are: vnu.jar and Lighthouse from the npm packages pinned in
package-lock.json, Java and chromium from Debian. Each missing one is named with the
command that installs it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from macros.exports.pdf.npm import PackagesMissing, ensure

VNU = Path("node_modules/vnu-jar/build/dist/vnu.jar")
LIGHTHOUSE = Path("node_modules/lighthouse/cli/index.js")
CHROMIUM = Path(os.environ.get("GCEG_CHROMIUM", "/usr/bin/chromium"))
INSTALL_JAVA = "sudo apt-get install default-jre-headless"
INSTALL_NODE = "sudo apt-get install nodejs npm && npm ci"
INSTALL_CHROMIUM = "sudo apt-get install chromium"


class RefereeMissing(Exception):
    """A tool the audit needs is not installed; the message says how to install it."""


def java() -> str:
    path = shutil.which("java")
    if path is None:
        raise RefereeMissing(f"the Nu HTML Checker needs Java: {INSTALL_JAVA}")
    return path


def node() -> str:
    path = shutil.which("node")
    if path is None:
        raise RefereeMissing(f"Lighthouse needs Node.js: {INSTALL_NODE}")
    return path


def chromium() -> Path:
    if not CHROMIUM.exists():
        raise RefereeMissing(f"Lighthouse needs chromium at {CHROMIUM}: {INSTALL_CHROMIUM}")
    return CHROMIUM


def npm_file(root: Path, wanted: Path, purpose: str) -> Path:
    """A file of the pinned npm packages; `npm ci` installs them the first time."""
    try:
        return ensure(root, wanted, purpose)
    except PackagesMissing as missing:
        raise RefereeMissing(f"{missing} ({INSTALL_NODE})") from None


def check_all(root: Path) -> tuple[Path, Path]:
    """(vnu.jar, Lighthouse's command-line script), after checking every tool is there."""
    java()
    node()
    chromium()
    vnu = npm_file(root, VNU, "the Nu HTML Checker (vnu-jar)")
    lighthouse = npm_file(root, LIGHTHOUSE, "Lighthouse")
    return vnu, lighthouse
