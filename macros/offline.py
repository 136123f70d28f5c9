"""The offline bundle: the site built for reading from disk (file://), zipped.

Material's offline plugin makes links and search work without a server; its
search needs the iframe-worker shim, which Material would load from
unpkg.com. The shim comes instead from the npm registry, pinned in
package-lock.json, and is copied into the bundle.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from .npm import PackagesMissing, ensure

OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"
SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")


class OfflineError(Exception):
    pass


def ensure_shim(root: Path) -> Path:
    """The shim from node_modules, installing the locked npm packages if needed."""
    try:
        return ensure(root, SHIM_SOURCE, "the offline bundle's search shim")
    except PackagesMissing as error:
        raise OfflineError(str(error)) from None


def copy_search_shim(root: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ensure_shim(root), target)


def zip_site(site_dir: Path, output: Path, epoch: int) -> Path:
    """A reproducible zip: sorted entries, fixed timestamps, one top folder."""
    stamp = max(epoch, 315532800)  # zip dates start in 1980
    from time import gmtime

    date_time = gmtime(stamp)[:6]
    top = output.stem
    temporary = output.with_suffix(".zip.partial")
    with zipfile.ZipFile(
        temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
    ) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site_dir).as_posix()}", date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    os.replace(temporary, output)
    return output
