"""The fonts the PDFs embed: Noto, and IBM Plex Sans Arabic for Arabic, from npm packages
pinned in package-lock.json, and nothing else.

Three things would otherwise make the bytes depend on the machine, and each is
closed here:

* **Which fonts.** WeasyPrint finds fonts through fontconfig, so the system's
  fonts (and its fontconfig rules) decided the faces and any fallback glyph.
  The renderer instead reads a fontconfig file written here that lists no
  font folder: the only fonts are the @font-face rules below, and a character
  they lack prints as the empty box of the font, on every machine alike.
* **How they are subset.** WeasyPrint subsets with HarfBuzz's libharfbuzz-subset
  when the system has it and with fontTools otherwise, and the two give
  different bytes. The PDFs embed the font files whole instead (WeasyPrint's
  ``full_fonts``), so neither runs. The files are small: Fontsource ships each
  face cut by script (latin, latin-ext, greek...), ~50 KB each.
* **How they are read.** WeasyPrint turns WOFF into TrueType with fontTools,
  which stamps the current time (or SOURCE_DATE_EPOCH) into the font. The
  conversion is done here, keeping the font's own timestamp, so WeasyPrint reads
  plain TrueType files and embeds their exact bytes. It is done once per set of
  font files and kept in the PDF cache (``prepared``), not once per build.

Each script's cut has its own family name, joined into one family per role
by a fontconfig alias: WeasyPrint keys embedded fonts by family, weight and
style, so two cuts under one family name would share one font file (and print
the wrong glyphs).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from .npm import ensure

FONTSOURCE = Path("node_modules/@fontsource")
WEIGHTS = (400, 700)
# Fontsource's cuts for the Latin, Greek and Cyrillic scripts.
SUBSETS = ("latin", "latin-ext", "greek", "greek-ext", "cyrillic", "cyrillic-ext", "vietnamese")
# Arabic (the site's Arabic edition): IBM Plex Sans Arabic's own cut, after each stack's
# cuts, so that fontconfig falls back to it for Arabic letters in every family. It has no
# italic: an italic Arabic word prints upright, as Arabic type does.
#
# Why this face and not Noto Naskh Arabic: the PDFs embed whole fonts (above), and then
# WeasyPrint writes the text map (ToUnicode) from the font's cmap alone, glyph by glyph. Noto
# Naskh draws a letter as a dotless skeleton and separate dots (its ccmp splits ب into ٮ and a
# dot), and its joining forms are in no cmap: pdftotext lost every dot and most letters. IBM
# Plex Sans Arabic draws each letter, and each of its joining forms and ligatures, as one
# glyph that its cmap also reaches from the Arabic Presentation Forms, so every glyph of the
# text maps back to a character; pdftotext gives the text in logical order, in presentation
# forms that NFKC folds back to the letters (tests/site/test_pdf.py).
ARABIC = ("ibm-plex-sans-arabic", "IBM Plex Sans Arabic", "arabic")


@dataclass(frozen=True)
class Stack:
    """One family as print.css names it, made of one package's cuts."""

    name: str  # the family print.css uses
    package: str  # the @fontsource package
    family: str
    styles: tuple[str, ...]
    generic: str  # the CSS generic family that means this stack too


STACKS = (
    Stack("GCEG Sans", "noto-sans", "Noto Sans", ("normal", "italic"), "sans-serif"),
    Stack("GCEG Serif", "noto-serif", "Noto Serif", ("normal", "italic"), "serif"),
    Stack("GCEG Mono", "noto-sans-mono", "Noto Sans Mono", ("normal",), "monospace"),
)


@dataclass(frozen=True)
class Face:
    family: str  # the cut's own family, e.g. "Noto Sans latin-ext"
    weight: int
    style: str
    source: Path  # the WOFF file in node_modules
    file: str  # the TrueType file's name in the build's font folder


@dataclass(frozen=True)
class FontSet:
    """The fonts of one build, converted into ``folder``."""

    folder: Path
    css: str  # the @font-face rules
    config: Path  # the fontconfig file the renderer reads
    digests: tuple[tuple[str, str], ...]  # (file name, sha256) of every font file
    covered: frozenset[int]  # the characters some face has a glyph for

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` no face has, as 'U+4E2D 中' (they print as empty boxes)."""
        return [
            f"U+{ord(c):04X} {c}"
            for c in sorted(set(text))
            if not c.isspace() and ord(c) not in self.covered
        ]


def code_root() -> Path:
    """The checkout this code runs from (an editable install): it holds package.json."""
    return Path(__file__).resolve().parents[3]


def packages_root(project: Path | None) -> Path:
    """Where the pinned npm packages are: the project being built, which carries
    package.json and its lock (the case of an installed wheel, whose code folder has
    none), else the checkout of an editable install (a copy of the content in a test)."""
    if project is not None and (project / "package-lock.json").is_file():
        return project
    return code_root()


def faces(root: Path) -> list[Face]:
    package, family, subset = ARABIC
    files = ensure(root, FONTSOURCE / package / "files", "the PDFs' fonts")
    found = [
        Face(
            f"{family} {subset}",
            weight,
            "normal",
            files / f"{package}-{subset}-{weight}-normal.woff",
            f"{package}-{subset}-{weight}-normal.ttf",
        )
        for weight in WEIGHTS
    ]
    for stack in STACKS:
        files = ensure(root, FONTSOURCE / stack.package / "files", "the PDFs' fonts")
        for subset in SUBSETS:
            for weight in WEIGHTS:
                for style in stack.styles:
                    name = f"{stack.package}-{subset}-{weight}-{style}"
                    found.append(
                        Face(
                            f"{stack.family} {subset}",
                            weight,
                            style,
                            files / f"{name}.woff",
                            f"{name}.ttf",
                        )
                    )
    return found


def prepare(folder: Path, root: Path | None = None) -> FontSet:
    """Convert every face to TrueType in ``folder``; write the @font-face rules and
    the fontconfig file that lists these fonts and no others."""
    from fontTools.ttLib import TTFont

    every = faces(packages_root(root))
    digests, covered = [], set()
    for face in every:
        # Keep the font's own timestamp: fontTools would write today's (or SOURCE_DATE_EPOCH).
        font = TTFont(face.source, recalcTimestamp=False, recalcBBoxes=False)
        font.flavor = None
        covered.update(font.getBestCmap())
        data = io.BytesIO()
        font.save(data)
        (folder / face.file).write_bytes(data.getvalue())
        digests.append((face.file, hashlib.sha256(data.getvalue()).hexdigest()))
    config = folder / "fonts.conf"
    config.write_text(_fontconfig(), encoding="utf-8")
    return FontSet(folder, _css(every, folder), config, tuple(digests), frozenset(covered))


def _css(every: list[Face], folder: Path) -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
        f"font-style: {face.style}; src: url({(folder / face.file).as_uri()}); }}"
        for face in every
    )


def prepared(cache: Path, root: Path | None = None) -> FontSet:
    """The fonts as ``prepare`` makes them, converted once per set of font files and kept in
    a folder of ``cache`` named by their digest: a build with nothing to render reads the
    font files to find that digest and converts none (converting them all took a second).
    """
    from importlib.metadata import version

    every = faces(packages_root(root))
    digest = hashlib.sha256(f"{version('fonttools')}\0{_fontconfig()}".encode())
    for face in every:
        identity = (face.family, face.weight, face.style, face.file)
        digest.update(repr(identity).encode() + face.source.read_bytes())
    folder = cache / digest.hexdigest()[:32]
    index = folder / "fonts.json"
    if not index.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        temporary = cache / f"{folder.name}.tmp-{os.getpid()}"
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir()
        fonts = prepare(temporary, root)
        (temporary / "fonts.json").write_text(
            json.dumps({"digests": fonts.digests, "covered": sorted(fonts.covered)}),
            encoding="utf-8",
        )
        try:
            temporary.rename(folder)
        except OSError:  # another build converted them first: theirs are the same bytes
            shutil.rmtree(temporary, ignore_errors=True)
    kept = json.loads(index.read_text(encoding="utf-8"))
    return FontSet(
        folder,
        _css(every, folder),
        folder / "fonts.conf",
        tuple((name, sha) for name, sha in kept["digests"]),
        frozenset(kept["covered"]),
    )


def _fontconfig() -> str:
    """No font folder, and each stack (and its generic family) standing for its cuts in order."""
    aliases = []
    for stack in STACKS:
        cuts = "".join(f"<family>{escape(stack.family)} {subset}</family>" for subset in SUBSETS)
        cuts += f"<family>{escape(ARABIC[1])} {ARABIC[2]}</family>"
        for name in (stack.name, stack.generic):
            aliases.append(
                f'<alias binding="strong"><family>{escape(name)}</family>'
                f"<prefer>{cuts}</prefer></alias>"
            )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n{chr(10).join(aliases)}\n</fontconfig>\n"
    )
