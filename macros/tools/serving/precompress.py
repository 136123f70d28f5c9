"""Compressed copies of a built site's text files, for nginx's gzip_static and brotli_static.

Run on a site after it is built (or checked out of gh-pages), not by the build: the site,
the offline bundle and gh-pages stay the build's files only. Each copy depends only on its
file's bytes: gzip with no name and no date in its header, at level 9 (zlib's deflate, so the
same zlib gives the same bytes), and brotli at quality 11 with the pinned Brotli library.
A copy is written only where it is smaller, and copies whose file is gone are removed.
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import brotli

TEXT = {".html", ".css", ".js", ".json", ".map", ".xml", ".svg", ".atom", ".bib", ".txt"}
COPIES = (".gz", ".br")
SMALLEST = 256  # bytes; below this a copy saves less than its own headers cost


def gzipped(data: bytes) -> bytes:
    buffer = io.BytesIO()
    # GzipFile, not gzip.compress: it writes the header itself (no name, mtime 0, OS
    # "unknown"), where gzip.compress leaves it to zlib, which writes the platform's code.
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buffer, mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def brotlied(data: bytes) -> bytes:
    return brotli.compress(data, quality=11)


def _replace(path: Path, data: bytes, mtime_ns: int) -> None:
    if not (path.is_file() and path.read_bytes() == data):
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)  # a reader sees the old copy or the new one, never half of one
    # nginx sends a copy's date as Last-Modified: the file's, whichever form is sent
    os.utime(path, ns=(mtime_ns, mtime_ns))


def precompress(site: Path) -> int:
    """Write file.gz and file.br beside each text file of ``site``; the number written."""
    written = 0
    for path in sorted(site.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if path.suffix in COPIES:
            original = path.with_suffix("")
            if original.suffix in TEXT and not original.is_file():
                path.unlink()  # its file was removed: nginx must not keep sending it
            continue
        if path.suffix not in TEXT:
            continue
        data = path.read_bytes()
        for suffix, compress in ((".gz", gzipped), (".br", brotlied)):
            copy = path.with_name(path.name + suffix)
            packed = compress(data) if len(data) >= SMALLEST else None
            if packed is not None and len(packed) < len(data):
                _replace(copy, packed, path.stat().st_mtime_ns)
                written += 1
            elif copy.is_file():
                copy.unlink()
    return written
