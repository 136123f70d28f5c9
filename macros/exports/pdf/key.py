"""The PDF cache key: a hash of everything that decides a PDF's bytes.

The document (its built pages, images, cover facts) and the renderer: the
Python libraries that lay it out and write it, the native libraries WeasyPrint
reports or loads (Pango, HarfBuzz, fontconfig, zlib), the font files, the
rendering options (among them how fonts are embedded), and the templates and
code that compose it. A change to any of them is a new key, so a cached PDF is
never served after the system that made it changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .compose import page_file
from .fonts import FontSet
from .jobs import Job

Pairs = tuple[tuple[str, str], ...]

# Besides WeasyPrint and what it requires: what composes the HTML it is given, and
# pypdf, which joins the compendium's files (compendium.py).
COMPOSERS = ("beautifulsoup4", "lxml", "Jinja2", "MarkupSafe", "pypdf")


@dataclass(frozen=True)
class Renderer:
    """Everything besides the document that decides a PDF's bytes."""

    libraries: Pairs  # Python distribution -> version
    native: Pairs  # native library -> version
    fonts: Pairs  # font file -> sha256
    options: Pairs  # WeasyPrint's write_pdf options
    code: Pairs  # template or module -> sha256


def renderer(fonts: FontSet, options: dict) -> Renderer:
    here = Path(__file__).parent
    code = [
        here / "templates" / "print.html",
        here / "templates" / "print.css",
        *sorted(here.glob("*.py")),
        here.parents[1] / "render" / "i18n.py",
        *sorted((here.parents[1] / "render" / "locales").rglob("*.po")),
    ]
    return Renderer(
        libraries=_libraries(),
        native=_native(),
        fonts=fonts.digests,
        options=tuple(sorted((name, repr(value)) for name, value in options.items())),
        code=tuple((path.name, hashlib.sha256(path.read_bytes()).hexdigest()) for path in code),
    )


def input_key(job: Job, site_dir: Path, site_url: str, language: str, renderer: Renderer) -> str:
    digest = hashlib.sha256(f"{renderer!r}\0{site_url}\0{language}\0{job!r}".encode())
    for part in job.parts:
        page = page_file(site_dir, part.page_url)
        html = page.read_bytes()
        digest.update(html)
        for source in sorted(set(_LOCAL_MEDIA.findall(html))):  # images the page prints
            media = (page.parent / source.decode()).resolve()
            digest.update(source + (media.read_bytes() if media.is_file() else b"(missing)"))
    return digest.hexdigest()


_LOCAL_MEDIA = re.compile(rb"""<(?:img|source)\b[^>]*?\ssrcs?e?t?=["']?([^"'\s>]+)""", re.I)


def _libraries() -> Pairs:
    from importlib.metadata import requires, version

    from packaging.requirements import Requirement

    wanted = {"weasyprint", *COMPOSERS}
    for line in requires("weasyprint") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            wanted.add(requirement.name)
    return tuple(sorted((name.lower(), version(name)) for name in wanted))


def _native() -> Pairs:
    """Versions of the C libraries that lay out and compress: Pango (the number WeasyPrint
    reports, read from the same library), HarfBuzz (shaping), fontconfig (font matching)
    and zlib (stream compression)."""
    import ctypes
    import zlib
    from ctypes.util import find_library

    found = {"zlib": zlib.ZLIB_RUNTIME_VERSION}
    # Pango is asked through ctypes, as the others: importing WeasyPrint to ask it took a
    # second, on every build, even one with nothing to render.
    for name, soname, symbol, kind in (
        ("pango-1.0", "libpango-1.0.so.0", "pango_version", ctypes.c_int),
        ("harfbuzz", "libharfbuzz.so.0", "hb_version_string", ctypes.c_char_p),
        ("fontconfig", "libfontconfig.so.1", "FcGetVersion", ctypes.c_int),
    ):
        # The same libraries WeasyPrint loaded (its ffi declares no version call for them).
        function = getattr(ctypes.CDLL(find_library(name) or soname), symbol)
        function.restype = kind
        value = function()
        found[name.removesuffix("-1.0")] = (
            value.decode() if isinstance(value, bytes) else str(value)
        )
    return tuple(sorted(found.items()))
