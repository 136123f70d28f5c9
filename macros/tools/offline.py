"""The offline bundle: the site built for reading from disk (file://), zipped.

Material's offline plugin makes links and search work without a server; its
search needs a stand-in for the Worker that file:// pages cannot start, which
Material would load from unpkg.com (the iframe-worker package). The bundle
loads instead the site's own, which needs no inline script
(overrides/assets/javascripts/gceg-iframe-worker.js).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

# Search in a hidden frame, for file:// where browsers start no Worker (overrides/).
# Not the iframe-worker package: it writes inline scripts, which the site's
# Content-Security-Policy refuses (macros/verify/csp.py). Material adds that
# package from unpkg.com unless a polyfill's name contains "iframe-worker".
OFFLINE_WORKER = "assets/javascripts/gceg-iframe-worker.js"


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
