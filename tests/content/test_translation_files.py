"""The committed translations (issue 15), read as files: each says which English text it
translates and still matches it, keeps the English structure, and the interface catalogues
are complete. Only files are read, no build: these run in well under a second.

When an English file changes, its translations' hashes stop matching and the first test
names them: translate the change, then set `translates:` to the new hash
(`sha256sum <english file> | cut -c1-12`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from macros.model.fields import visible
from tests.conftest import ROOT

LANGUAGES = ("fr", "es", "ar")
SIDECAR = re.compile(r"\.(fr|es|ar)\.(md|yaml)$")
LOCALES = ROOT / "macros" / "render" / "locales"
CALL = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")


def _sidecars() -> list[Path]:
    pages = [p for p in (ROOT / "docs").rglob("*.md") if "assets" not in p.parts]
    records = list((ROOT / "data").rglob("*.yaml"))
    return sorted(p for p in pages + records if SIDECAR.search(p.name))


def _english(sidecar: Path) -> Path:
    return sidecar.with_name(SIDECAR.sub(r".\2", sidecar.name))


def _front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]


def _translates(sidecar: Path) -> object:
    text = sidecar.read_text(encoding="utf-8")
    meta = _front_matter(text)[0] if sidecar.suffix == ".md" else yaml.safe_load(text)
    return meta.get("translates")


SIDECARS = _sidecars()
IDS = [p.relative_to(ROOT).as_posix() for p in SIDECARS]


def test_there_are_translations_in_every_language():
    # the checks below pass on no files at all: make sure they have something to read
    found = {SIDECAR.search(p.name).group(1) for p in SIDECARS}
    assert found == set(LANGUAGES)


@pytest.mark.parametrize("sidecar", SIDECARS, ids=IDS)
def test_each_translation_names_the_english_revision_it_translates(sidecar):
    # Not that it is current: an English edit makes its translations stale, which the
    # pages say in their language and `gceg translations` counts; it breaks no test.
    english = _english(sidecar)
    assert english.is_file(), f"{english.name} does not exist"
    assert re.fullmatch(r"[0-9a-f]{12}", _translates(sidecar))


def _same_shape(english: object, translated: object, where: str) -> list[str]:
    """Where the translated tree leaves the English one: a key the English lacks, a list
    of another length or order, an empty or hidden-character text."""
    if isinstance(translated, dict):
        if not isinstance(english, dict):
            return [f"{where}: a mapping where the English has {type(english).__name__}"]
        problems = []
        for key, value in translated.items():
            if key == "translates" and not where:
                continue
            if key == "passages" and not where:
                continue  # checked against the source's text below
            if key not in english:
                problems.append(f"{where}/{key}: not in the English")
                continue
            problems += _same_shape(english[key], value, f"{where}/{key}")
        return problems
    if isinstance(translated, list):
        if not isinstance(english, list) or len(english) != len(translated):
            return [f"{where}: a list of another length than the English"]
        problems = []
        for index, (one, other) in enumerate(zip(english, translated, strict=True)):
            for key in ("id", "term"):  # list files name each entry as the English does
                if isinstance(other, dict) and key in other and other[key] != one.get(key):
                    problems.append(f"{where}/{index}/{key}: '{other[key]}' is not '{one[key]}'")
            problems += _same_shape(one, other, f"{where}/{index}")
        return problems
    if not isinstance(translated, str) or not translated.strip():
        return [f"{where}: empty or not text"]
    try:
        visible(translated)
    except ValueError as error:
        return [f"{where}: {error}"]
    return []


RECORDS = [p for p in SIDECARS if p.suffix == ".yaml"]


@pytest.mark.parametrize("sidecar", RECORDS, ids=[p.relative_to(ROOT).as_posix() for p in RECORDS])
def test_a_record_translation_keeps_the_english_structure(sidecar):
    english = yaml.safe_load(_english(sidecar).read_text(encoding="utf-8"))
    translated = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert _same_shape(english, translated, "") == []
    text = " ".join((english.get("text") or "").split())
    for passage in translated.get("passages", []):
        assert " ".join(passage["quote"].split()) in text, passage["quote"]
        assert passage["text"].strip()


PAGES = [p for p in SIDECARS if p.suffix == ".md"]


def _page_shape(body: str) -> tuple:
    calls = [
        (name, args.split(",")[0] if name == "export_link" else args)  # its label is translated
        for name, args in CALL.findall(body)
    ]
    headings = re.findall(r"^(#+) ", body, flags=re.MULTILINE)
    links = re.findall(r"\]\(([^)]+)\)", body)
    snippets = re.findall(r"^--8<-- .*$", body, flags=re.MULTILINE)
    return calls, headings, links, snippets


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_a_page_translation_keeps_the_english_structure_and_citations(page):
    english_meta, english_body = _front_matter(_english(page).read_text(encoding="utf-8"))
    meta, body = _front_matter(page.read_text(encoding="utf-8"))
    assert set(meta) - {"translates"} == set(english_meta)
    assert meta.get("hide") == english_meta.get("hide")
    # the same macros with the same arguments: a cited passage stays in the source's words
    assert _page_shape(body) == _page_shape(english_body)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_interface_catalogue_is_complete(language):
    with (LOCALES / "messages.pot").open("rb") as file:
        template = read_po(file)
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file, locale=language)
    wanted = {(message.id, message.context) for message in template if message.id}
    assert wanted - {(message.id, message.context) for message in catalogue if message.id} == set()
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if (
            message.fuzzy
            or not all(strings)
            or len(strings) != (catalogue.num_plurals if message.pluralizable else 1)
        ):
            problems.append(message.id)
        source = message.id[0] if message.pluralizable else message.id
        wanted_names = set(re.findall(r"\{\w+\}", source))
        for string in strings:  # a brace placeholder lost or invented breaks .format()
            names = set(re.findall(r"\{\w+\}", string))
            # an exact count ({num}) may be said in words ("يومان", two days); a {count} may
            # carry a qualifier ("around 80"), so it stays in every form
            optional = {"{num}"} if message.pluralizable else set()
            if not (wanted_names - optional <= names <= wanted_names):
                problems.append(message.id)
    problems += [f"{message.id}: {errors}" for message, errors in catalogue.check()]
    assert problems == []
