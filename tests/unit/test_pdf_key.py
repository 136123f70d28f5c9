"""The PDF cache key: every input that decides a PDF's bytes is in it."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from macros.exports.pdf import fonts, key
from macros.exports.pdf.jobs import Job, Part
from macros.exports.pdf.render import OPTIONS
from macros.model.vocab import Classification

TEMPLATES = Path(fonts.__file__).parent / "templates"


@pytest.fixture(scope="module")
def font_set(tmp_path_factory):
    return fonts.prepare(tmp_path_factory.mktemp("fonts"))


@pytest.fixture(scope="module")
def renderer(font_set):
    return key.renderer(font_set, OPTIONS)


@pytest.fixture
def site(tmp_path):
    page = tmp_path / "meetings/first/index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<article class="md-content__inner"><p>Text</p><img src="chart.svg"></article>')
    (page.parent / "chart.svg").write_text("<svg/>")
    return tmp_path


JOB = Job(
    "pdf/GCEG-MTG-0001.pdf",
    "First meeting",
    [
        Part(
            doc_id="GCEG-MTG-0001",
            title="First meeting",
            page_url="meetings/first/",
            classification=Classification.CLEAR,
            kind="Meeting record",
            edition=None,
            status=None,
            date="2015-12-01",
            provenance="compiled",
            issued_by=None,
            sources=("An article",),
            summary="Summary",
            keywords=("GCEG-MTG-0001",),
            illustrative=False,
            permalink="https://example.org/d/GCEG-MTG-0001/",
        )
    ],
)


def _key(site: Path, renderer: key.Renderer, job: Job = JOB, language: str = "en") -> str:
    return key.input_key(job, site, "https://example.org/", language, renderer)


def _changed(pairs: key.Pairs, name: str) -> key.Pairs:
    assert name in dict(pairs), f"{name} is not among {[n for n, _ in pairs]}"
    return tuple((n, v + "-changed" if n == name else v) for n, v in pairs)


RENDERER_INPUTS = [
    ("libraries", "weasyprint"),
    ("libraries", "pydyf"),
    ("libraries", "fonttools"),
    ("libraries", "pillow"),
    ("libraries", "tinycss2"),
    ("libraries", "lxml"),
    ("libraries", "pypdf"),
    ("native", "pango"),
    ("native", "harfbuzz"),
    ("native", "fontconfig"),
    ("native", "zlib"),
    ("fonts", "noto-sans-latin-400-normal.ttf"),
    ("fonts", "noto-serif-latin-700-normal.ttf"),
    ("fonts", "noto-sans-mono-latin-700-normal.ttf"),
    ("options", "full_fonts"),
    ("options", "pdf_variant"),
    ("code", "print.css"),
    ("code", "print.html"),
    ("code", "compose.py"),
    ("code", "fonts.py"),
    ("code", "assemble.py"),
    ("code", "compendium.py"),
]


@pytest.mark.parametrize(("field", "name"), RENDERER_INPUTS)
def test_each_renderer_input_changes_the_key(site, renderer, field, name):
    changed = replace(renderer, **{field: _changed(getattr(renderer, field), name)})
    assert _key(site, changed) != _key(site, renderer)


@pytest.mark.parametrize(
    "change",
    ["page", "image", "cover", "language"],
)
def test_each_document_input_changes_the_key(site, renderer, change):
    before = _key(site, renderer)
    job, language = JOB, "en"
    if change == "page":
        page = site / "meetings/first/index.html"
        page.write_text(page.read_text().replace("Text", "Other text"))
    elif change == "image":
        (site / "meetings/first/chart.svg").write_text("<svg><g/></svg>")
    elif change == "cover":
        job = replace(JOB, parts=[replace(JOB.parts[0], status="Draft")])
    else:
        language = "fr"
    assert _key(site, renderer, job, language) != before


def test_the_renderer_reads_the_real_inputs(renderer, font_set):
    """The fields hold what is installed and shipped, so a change to any is seen."""
    libraries = dict(renderer.libraries)
    from importlib.metadata import version

    for name in ("weasyprint", "pydyf", "fonttools", "pillow"):
        assert libraries[name] == version(name)
    assert set(dict(renderer.native)) == {"pango", "harfbuzz", "fontconfig", "zlib"}
    assert all(value for _, value in renderer.native)
    assert dict(renderer.options) == {"full_fonts": "True", "pdf_variant": "'pdf/a-3a'"}
    code = dict(renderer.code)
    for template in ("print.css", "print.html"):
        assert code[template] == hashlib.sha256((TEMPLATES / template).read_bytes()).hexdigest()
    digests = dict(renderer.fonts)
    assert len(digests) == len(fonts.faces(fonts.code_root()))
    for name, digest in digests.items():
        assert hashlib.sha256((font_set.folder / name).read_bytes()).hexdigest() == digest


def test_font_conversion_is_reproducible(font_set, tmp_path, monkeypatch):
    """The TrueType files do not depend on the time of the build (nor SOURCE_DATE_EPOCH)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    again = fonts.prepare(tmp_path)
    assert again.digests == font_set.digests
