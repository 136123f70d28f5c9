"""`gceg precompress`: the copies nginx sends, the same bytes from the same files."""

from __future__ import annotations

import gzip
import os
import shutil

import brotli

from macros.tools.serving.precompress import SMALLEST, precompress
from tests.conftest import ROOT, gceg


def small_site(folder):
    (folder / "a").mkdir(parents=True)
    (folder / "index.html").write_text("<p>page</p>\n" * 100)
    (folder / "a/data.json").write_text('{"k": "value"}\n' * 100)
    (folder / "a/tiny.css").write_text("p{}")
    (folder / "a/paper.pdf").write_bytes(b"%PDF-" + os.urandom(2000))
    return folder


def copies(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".gz", ".br")
    }


def test_copies_are_the_same_bytes_whenever_and_wherever_made(tmp_path):
    first, second = small_site(tmp_path / "one"), tmp_path / "two"
    shutil.copytree(first, second)
    os.utime(second / "index.html", (1, 1))  # another date, another folder name
    assert gceg(ROOT, "precompress", str(first)).returncode == 0
    precompress(second)
    assert copies(first) == copies(second)
    assert set(copies(first)) == {
        "index.html.gz",
        "index.html.br",
        "a/data.json.gz",
        "a/data.json.br",
    }
    header = copies(first)["index.html.gz"][:10]
    assert header == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # no name, no date, any OS
    original = (first / "index.html").read_bytes()
    assert gzip.decompress(copies(first)["index.html.gz"]) == original
    assert brotli.decompress(copies(first)["index.html.br"]) == original
    assert (first / "index.html.gz").stat().st_mtime_ns == (first / "index.html").stat().st_mtime_ns
    assert len((first / "a/tiny.css").read_bytes()) < SMALLEST  # too small to be worth one


def test_a_second_run_rewrites_changed_files_and_removes_orphaned_copies(tmp_path):
    site = small_site(tmp_path / "site")
    precompress(site)
    before = copies(site)
    (site / "a/data.json").unlink()
    (site / "index.html").write_text("<p>another page</p>\n" * 100)
    precompress(site)
    after = copies(site)
    assert set(after) == {"index.html.gz", "index.html.br"}
    assert after["index.html.gz"] != before["index.html.gz"]
    assert gzip.decompress(after["index.html.gz"]) == (site / "index.html").read_bytes()
