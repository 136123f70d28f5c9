"""PDFs: one per paper edition and meeting outcome, and a compendium, read back with pypdf."""

from __future__ import annotations

import re
import subprocess
from ctypes.util import find_library

import pytest
from pypdf import PdfReader

from macros.exports.pdf.fonts import SUBSETS
from macros.exports.pdf.fonts import prepare as prepare_fonts
from tests.conftest import ALL_LANGUAGES, PDF_CACHE, copy_project, corpus_root, gceg, html

EXPECTED = [
    "pdf/GCEG-MTG-0001.pdf",
    "pdf/GCEG-STRAT-0001-0.1.pdf",
    "pdf/GCEG-STRAT-0001-0.2.pdf",
    "pdf/GCEG-STRAT-0003-1.0.pdf",
    "pdf/gceg-compendium.pdf",
]


def pages_text(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_each_document_edition_has_its_pdf_and_nothing_else(public_site):
    assert (
        sorted(str(p.relative_to(public_site)) for p in (public_site / "pdf").iterdir()) == EXPECTED
    )


def test_meeting_pdf_carries_the_seed_facts(public_site):
    text = " ".join(pages_text(public_site / "pdf/GCEG-MTG-0001.pdf"))
    for fact in [
        "First meeting of the INTERPOL Global Cybercrime Expert Group",
        "30 November – 1 December 2015",
        "INTERPOL Global Complex for Innovation, Singapore",
        "around 80 experts from some 30 countries",
        "requires a comprehensive global strategy developed by the top experts",
        "Jürgen Stock, INTERPOL Secretary General",
        "work closely with cyber experts from the private sector",
        "Noboru Nakatani, Executive Director of the IGCI",
        "The expert group was given an overview of INTERPOL's cyber activities.",
        "INTERPOL Cyber Experts Meeting Aims To Advise On Global Strategy",  # the sources list
    ]:
        assert fact in text, fact


def printed_numbers(path) -> list[tuple[int, int]]:
    """(page, of) as each page should print it. A document: its page of its pages. The
    compendium (macros/exports/pdf/compendium.py): its front matter counts the pages of the
    whole, and each document's pages keep the numbers they have in that document (where
    each begins: its outline entry, after the cover's)."""
    reader = PdfReader(path)
    total = len(reader.pages)
    if path.name != "gceg-compendium.pdf":
        return [(number, total) for number in range(1, total + 1)]
    starts = [reader.get_destination_page_number(item) for item in document_entries(reader)]
    numbers = [(number, total) for number in range(1, starts[0] + 1)]
    for start, end in zip(starts, [*starts[1:], total], strict=True):
        numbers += [(number, end - start) for number in range(1, end - start + 1)]
    return numbers


def document_entries(reader: PdfReader) -> list:
    """The compendium's outline entries of its documents: every top entry but the cover's."""
    return [item for item in reader.outline if not isinstance(item, list)][1:]


@pytest.mark.parametrize("name", EXPECTED)
def test_every_page_is_marked_and_numbered(public_site, name):
    pages = pages_text(public_site / name)
    assert 3 <= len(pages) <= 40
    numbers = printed_numbers(public_site / name)
    assert len(numbers) == len(pages)
    for number, (text, (page, of)) in enumerate(zip(pages, numbers, strict=True), start=1):
        assert text.count("TLP:CLEAR") >= 2, f"page {number}: marking in header and footer"
        assert f"Page {page} of {of}" in text, f"page {number}"


@pytest.mark.parametrize("name", EXPECTED)
def test_structure_metadata_and_archival_form(public_site, name):
    reader = PdfReader(public_site / name)
    info = reader.metadata
    # none of these was issued by the group: the meeting record and the compendium are the
    # site's compilations, the papers illustrative (test_provenance: an issued paper)
    assert info.title and info.author == "Editors of the GCEG strategy site"
    assert info.subject and "TLP:CLEAR" in info.get("/Keywords", "")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root  # tagged
    assert root["/Lang"] == "en"
    assert "/OutputIntents" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(?:>|=\")3", xmp) and re.search(
        r"pdfaid:conformance(?:>|=\")A", xmp
    )
    outline = reader.outline
    assert outline and outline[0]["/Title"]
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) or []]
    internal = [
        a
        for a in links
        if a.get("/Subtype") == "/Link"
        and ("/Dest" in a or (a.get("/A") or {}).get("/S") == "/GoTo")
    ]
    assert internal, "the contents and the citations link inside the document"


# The pinned cuts (see macros/exports/pdf/fonts.py), as pdffonts names them: subset tag, family, cut.
CUTS = "|".join(SUBSETS)
PINNED_FONT = re.compile(
    rf"[A-Z]{{6}}\+(?:Noto-(?:Sans|Serif|Sans-Mono)-(?:{CUTS})|IBM-Plex-Sans-Arabic-arabic)"
    r"(?:-Bold)?(?:-Italic)?"
)


@pytest.mark.parametrize("name", EXPECTED)
def test_fonts_are_embedded_and_only_the_pinned_ones(public_site, name):
    result = subprocess.run(["pdffonts", public_site / name], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("pdffonts (poppler-utils) is not installed: apt-get install poppler-utils")
    rows = result.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert PINNED_FONT.fullmatch(row.split()[0]), f"not a pinned font: {row}"
        assert row.split()[-5] == "yes", row  # the 'emb' column


def test_every_printed_character_has_a_glyph_in_the_pinned_fonts(public_site, tmp_path):
    """No character prints as an empty box (there is no system font to fall back to)."""
    fonts = prepare_fonts(tmp_path)
    for name in EXPECTED:
        assert fonts.missing("".join(pages_text(public_site / name))) == [], name


def test_a_character_the_fonts_lack_is_reported_and_no_system_font_steps_in(tmp_path):
    """Georgian: the pinned fonts have none (Arabic has its own pinned font now), and this
    machine's DejaVu Sans has it. It still does not reach the PDF, and the build says which
    characters print as boxes."""
    project = copy_project(tmp_path / "project")
    meeting = project / "data/meetings/2015-first-meeting.yaml"
    meeting.write_text(
        meeting.read_text().replace(
            "Cyber experts from around the world.", "Cyber experts from around the world. ქართ"
        )
    )
    site = tmp_path / "site"
    result = gceg(project, "build", "--site-dir", str(site), pdf=True, cache=tmp_path / "c")
    assert result.returncode == 0, result.stderr
    assert (
        "pdf/GCEG-MTG-0001.pdf: the PDF fonts have no glyph for U+10D0 ა, U+10D7 თ, "
        "U+10E0 რ, U+10E5 ქ; these print as empty boxes"
    ) in result.stderr
    listed = subprocess.run(
        ["pdffonts", site / "pdf/GCEG-MTG-0001.pdf"], capture_output=True, text=True
    )
    if listed.returncode != 0:
        pytest.skip("pdffonts (poppler-utils) is not installed: apt-get install poppler-utils")
    rows = listed.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert PINNED_FONT.fullmatch(row.split()[0]), f"not a pinned font: {row}"


def _differs_from_public_site(public_site, root, folder, env) -> list[str]:
    """Build ``root`` as public_site was (every language: its pages list them all, and a PDF's
    key covers its page), every PDF rendered afresh, and return the PDFs whose bytes differ;
    first asserting their cache keys are the same (the key is the PDF's file name in the
    cache), so a difference is one the key missed."""
    site, cache = folder / "site", folder / "c"
    result = gceg(
        root,
        "build",
        "--site-dir",
        str(site),
        pdf=True,
        cache=cache,
        env=env,
        languages=ALL_LANGUAGES,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("PDFs: 5 rendered, 0 reused from the cache") == 4, result.stderr
    assert {p.name for p in cache.glob("*.pdf")} <= {p.name for p in PDF_CACHE.glob("*.pdf")}
    return [
        name for name in EXPECTED if (public_site / name).read_bytes() != (site / name).read_bytes()
    ]


# Loaded by every Python process of a build (PYTHONPATH): makes WeasyPrint's attempt to
# load libharfbuzz-subset fail as on a machine without it, and notes the process that tried.
HIDE_HARFBUZZ_SUBSET = """
import os
import cffi

_dlopen = cffi.FFI.dlopen


def dlopen(self, name, flags=0):
    if name and "harfbuzz-subset" in str(name):
        with open(os.environ["HIDDEN_LOG"], "a") as log:
            log.write(f"{os.getpid()}\\n")
        raise OSError(f"{name}: hidden by the test")
    return _dlopen(self, name, flags)


cffi.FFI.dlopen = dlopen
"""


def test_pdfs_are_the_same_without_harfbuzz_subset(public_site, tmp_path):
    """WeasyPrint subsets fonts with libharfbuzz-subset when it is installed (Debian's
    chromium brings it) and with fontTools otherwise; the PDFs must not care."""
    if find_library("harfbuzz-subset") is None:
        pytest.skip(
            "libharfbuzz-subset is not installed, so hiding it proves nothing: "
            "apt-get install libharfbuzz-subset0"
        )
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook/sitecustomize.py").write_text(HIDE_HARFBUZZ_SUBSET)
    log = tmp_path / "hidden.log"
    env = {"PYTHONPATH": str(tmp_path / "hook"), "HIDDEN_LOG": str(log)}
    assert _differs_from_public_site(public_site, corpus_root(), tmp_path, env) == []
    assert len(set(log.read_text().split())) >= 2, "hidden in the build and its renderers"


def test_pdfs_do_not_depend_on_system_fonts_build_time_or_folder(public_site, tmp_path):
    """A machine with no fonts at all, a build at another time, from another folder."""
    (tmp_path / "empty.conf").write_text("<?xml version='1.0'?><fontconfig></fontconfig>")
    env = {"FONTCONFIG_FILE": str(tmp_path / "empty.conf"), "SOURCE_DATE_EPOCH": "1700000500"}
    project = copy_project(tmp_path / "elsewhere")
    assert _differs_from_public_site(public_site, project, tmp_path, env) == []


def test_compendium_holds_every_document_with_contents(public_site):
    pages = pages_text(public_site / "pdf/gceg-compendium.pdf")
    contents = pages[1]
    assert "Contents" in contents
    for doc_id in ("GCEG-MTG-0001", "GCEG-STRAT-0001", "GCEG-STRAT-0003"):
        assert doc_id in contents
    titles = [
        item["/Title"]
        for item in PdfReader(public_site / "pdf/gceg-compendium.pdf").outline
        if isinstance(item, dict)
    ]
    assert "First meeting of the INTERPOL Global Cybercrime Expert Group" in titles
    assert "Changes since edition 0.1" not in " ".join(pages), "the compendium prints current texts"


COMPENDIUM_DOCUMENTS = [
    ("GCEG-MTG-0001", "First meeting of the INTERPOL Global Cybercrime Expert Group"),
    ("GCEG-STRAT-0001", "How a strategy paper appears on this site"),
    ("GCEG-STRAT-0003", "How a superseded paper appears on this site"),
]


def test_the_compendium_outline_and_contents_give_each_documents_first_page(public_site):
    """One outline entry per document, in order, leading to the page where it begins (its
    title, and "Page 1 of" its own pages); the contents print that page's number; each
    heading under its document leads to a page that shows it."""
    path = public_site / "pdf/gceg-compendium.pdf"
    reader = PdfReader(path)
    pages = pages_text(path)
    entries = document_entries(reader)
    assert [str(item.title) for item in entries] == [title for _, title in COMPENDIUM_DOCUMENTS]
    contents = " ".join(pages[1 : reader.get_destination_page_number(entries[0])])
    assert "Page numbers here count the pages of this compendium" in contents
    for (doc_id, title), item in zip(COMPENDIUM_DOCUMENTS, entries, strict=True):
        first = reader.get_destination_page_number(item)
        assert title in pages[first] and doc_id in pages[first]
        assert "Page 1 of" in pages[first]
        assert f"Page 1 of {len(pages)}" not in pages[first], "numbered as the document's"
        printed = re.search(rf"{doc_id} · {re.escape(title)} ?\.+ ?(\d+)", contents)
        assert printed and int(printed.group(1)) == first + 1, doc_id
    children = [item for entry in reader.outline if isinstance(entry, list) for item in entry]
    assert len(children) >= 10
    for heading in children:
        assert str(heading.title) in pages[reader.get_destination_page_number(heading)]


def _link_targets(reader: PdfReader, page) -> list[tuple[str, int]]:
    """(the link's description, the page it leads to) of each internal link on a page."""
    named = reader.named_destinations
    found = []
    for annotation in page.get("/Annots", []) or []:
        annotation = annotation.get_object()
        destination = annotation.get("/Dest")
        if destination is None:
            continue
        if isinstance(destination, str):  # a named destination: it must exist
            assert destination in named, destination
            number = reader.get_destination_page_number(named[destination])
        else:
            number = reader.get_page_number(destination[0].get_object())
        found.append((str(annotation.get("/Contents", "")), number))
    return found


def test_the_compendium_contents_link_to_each_documents_first_page(public_site):
    """A reader clicks a document in the contents and lands on its first page; the links
    inside a document (its citations) still lead inside it."""
    reader = PdfReader(public_site / "pdf/gceg-compendium.pdf")
    starts = {
        str(item.title): reader.get_destination_page_number(item)
        for item in document_entries(reader)
    }
    links = dict(_link_targets(reader, reader.pages[1]))
    for doc_id, title in COMPENDIUM_DOCUMENTS:
        assert links[f"{doc_id} · {title}"] == starts[title]
    meeting = starts[COMPENDIUM_DOCUMENTS[0][1]]
    inside = [
        target
        for page in reader.pages[meeting : starts[COMPENDIUM_DOCUMENTS[1][1]]]
        for _, target in _link_targets(reader, page)
    ]
    assert inside and all(
        meeting <= target < starts[COMPENDIUM_DOCUMENTS[1][1]] for target in inside
    )


def test_the_compendium_is_tagged_as_one_document_of_parts(public_site):
    """PDF/A-3a: every page's and link's structure key leads to structure elements on that
    page, or to the link; the parts hang from one document element."""
    reader = PdfReader(public_site / "pdf/gceg-compendium.pdf")
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    numbers = tree["/ParentTree"]["/Nums"]
    parents = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
    assert tree["/ParentTreeNextKey"] == max(parents) + 1
    for page in reader.pages:
        for element in parents[page["/StructParents"]]:
            element = element.get_object()
            if "/Pg" in element:
                assert element.raw_get("/Pg").idnum == page.indirect_reference.idnum
        for annotation in page.get("/Annots", []) or []:
            element = parents[annotation.get_object()["/StructParent"]].get_object()
            kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
            assert any(
                isinstance(kid.get_object(), dict)
                and kid.get_object().raw_get("/Obj") == annotation.indirect_reference
                for kid in kids
            )
    (document,) = tree["/K"]
    kinds = [kid.get_object()["/S"] for kid in document.get_object()["/K"]]
    assert kinds == ["/Part"] * (1 + len(COMPENDIUM_DOCUMENTS))  # the front matter and each


def test_joining_the_same_files_gives_the_same_bytes(public_site, tmp_path):
    """pypdf's writer would give a random file identifier: here it is a hash of the files."""
    from macros.exports.pdf.assemble import join

    folder = public_site / "pdf"
    front, *parts = [folder / name for name in ("GCEG-MTG-0001.pdf", "GCEG-STRAT-0001-0.1.pdf")]
    again = join(front, parts, [], [(1, "Start", 0, 0.0, 0.0)])
    assert join(front, parts, [], [(1, "Start", 0, 0.0, 0.0)]) == again
    other = join(front, [folder / "GCEG-STRAT-0003-1.0.pdf"], [], [(1, "Start", 0, 0.0, 0.0)])
    (tmp_path / "a.pdf").write_bytes(again)
    (tmp_path / "b.pdf").write_bytes(other)
    first, second = (PdfReader(tmp_path / name).trailer["/ID"][0] for name in ("a.pdf", "b.pdf"))
    assert first != second


def test_pages_offer_their_pdf(public_site):
    paper = html(public_site, "strategy/strategy-paper-example/").select_one("a.gceg-pdf")
    assert paper["href"] == "../../pdf/GCEG-STRAT-0001-0.2.pdf"
    edition = html(public_site, "strategy/strategy-paper-example/0.1/").select_one("a.gceg-pdf")
    assert edition["href"] == "../../../pdf/GCEG-STRAT-0001-0.1.pdf"
    meeting = html(public_site, "meetings/2015-first-meeting/").select_one("a.gceg-pdf")
    assert meeting["href"] == "../../pdf/GCEG-MTG-0001.pdf"
    about = html(public_site, "about/").select_one("a.gceg-pdf")
    assert about["href"] == "../pdf/gceg-compendium.pdf"


def test_members_pdfs_carry_their_own_marking(members_site):
    pages = pages_text(members_site / "pdf/GCEG-STRAT-0002-0.1.pdf")
    assert all(text.count("TLP:GREEN") >= 2 for text in pages)
    assert "TLP:CLEAR" not in " ".join(pages)


def test_unchanged_documents_are_not_rendered_again(tmp_path):
    """A change to one document renders that document's PDF and its part of the compendium,
    and joins the compendium again: the other documents' parts, and the front matter when
    no page number moved, come from the cache."""
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"

    def build_and_count() -> tuple[int, int, str | None]:
        result = gceg(project, "build", "--site-dir", str(tmp_path / "site"), pdf=True, cache=cache)
        assert result.returncode == 0, result.stderr
        output = result.stderr + result.stdout
        match = re.search(r"PDFs: (\d+) rendered, (\d+) reused", output)
        compendium = re.search(r"compendium: (.*), assembled", output)
        return int(match.group(1)), int(match.group(2)), compendium and compendium.group(1)

    assert build_and_count() == (5, 0, "3 of 3 documents rendered, front matter rendered")
    cached = {path.name for path in cache.glob("*.pdf")}
    assert len(cached) == 4 + 3 + 2  # the documents', the parts, the front matter, the whole
    before = (tmp_path / "site/pdf/gceg-compendium.pdf").read_bytes()
    assert build_and_count() == (0, 5, None)  # nothing assembled: the compendium is cached
    meeting = project / "data/meetings/2015-first-meeting.yaml"
    meeting.write_text(
        meeting.read_text().replace(
            "Cyber experts from around the world.",
            "Cyber experts from around the world, in person.",
        )
    )
    # the meeting's PDF and the compendium; of the compendium, the meeting's part alone
    assert build_and_count() == (2, 3, "1 of 3 documents rendered, front matter reused")
    new = {path.name for path in cache.glob("*.pdf")} - cached
    assert len(new) == 3  # the meeting's PDF, its part, the compendium
    after = tmp_path / "site/pdf/gceg-compendium.pdf"
    assert after.read_bytes() != before
    assert "Cyber experts from around the world, in person." in " ".join(pages_text(after))


@pytest.mark.parametrize(
    "language, page_of",
    [("fr", "Page 1 sur"), ("es", "Página 1 de"), ("ar", None)],
)
def test_each_language_has_its_pdfs_numbered_in_its_words(public_site, language, page_of):
    folder = public_site / language
    assert sorted(str(p.relative_to(folder)) for p in (folder / "pdf").iterdir()) == EXPECTED
    pages = pages_text(folder / "pdf/GCEG-MTG-0001.pdf")
    if page_of:
        assert page_of in pages[0]
        assert "Page 1 of" not in pages[0]
    assert all(text.count("TLP:CLEAR") >= 2 for text in pages)


def test_the_arabic_pdf_embeds_the_pinned_arabic_font(public_site):
    result = subprocess.run(
        ["pdffonts", public_site / "ar/pdf/GCEG-MTG-0001.pdf"], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip("pdffonts (poppler-utils) is not installed: apt-get install poppler-utils")
    fonts = [row.split()[0] for row in result.stdout.splitlines()[2:]]
    assert any(re.fullmatch(r"[A-Z]{6}\+IBM-Plex-Sans-Arabic-arabic(?:-Bold)?", f) for f in fonts)
    assert all(PINNED_FONT.fullmatch(f) for f in fonts), fonts


# The bidi embedding marks pdftotext wraps around each run of a right-to-left line.
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def copied_text(path, page: int | None = None) -> str:
    """The text a reader copies out of a PDF, as pdftotext (poppler) reads it: in logical order,
    NFKC-normalised (Arabic comes out in the Presentation Forms that the font's cmap gives its
    joining forms and ligatures, and NFKC folds them back into letters), without the
    embedding marks, whitespace collapsed. ``page``: that page only."""
    import unicodedata

    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, path, "-"], capture_output=True)
    if result.returncode != 0:
        pytest.skip("pdftotext (poppler-utils) is not installed: apt-get install poppler-utils")
    text = unicodedata.normalize("NFKC", result.stdout.decode()).translate(BIDI_MARKS)
    return " ".join(text.split())


@pytest.mark.parametrize(
    "sentence",
    [
        # the corpus's Arabic translation of the meeting (data/meetings/2015-first-meeting.ar.yaml)
        "استعراض برامج الإنتربول الحالية للأمن السيبراني وتقديم المشورة بشأن أنشطته المقبلة.",
        "ناقش فريق الخبراء استراتيجيات تعزيز الأمن السيبراني في العالم.",
    ],
)
def test_the_arabic_pdf_text_reads_back_in_logical_order(public_site, sentence):
    """Every letter, with its dots, in the order written: with Noto Naskh Arabic, whose letters
    are dotless skeletons and separate dots, pdftotext gave "اس عراص رامح" for "استعراض برامج"."""
    assert sentence in copied_text(public_site / "ar/pdf/GCEG-MTG-0001.pdf")


def test_every_page_of_the_arabic_pdf_is_numbered_in_arabic(public_site):
    """The cover too ("Page 1 of" goes to the left, where the cover's rule had cleared it).
    pdftotext's reading of a short line of numbers and Arabic words is poppler's guess: the
    spaces beside a number land on the wrong side, and a line that begins with a digit can
    come out in visual order; so the words and numbers are compared without spaces, in either
    order."""
    path = public_site / "ar/pdf/GCEG-MTG-0001.pdf"
    total = len(PdfReader(path).pages)
    for page in range(1, total + 1):
        text = copied_text(path, page).replace(" ", "")
        assert f"الصفحة{page}من{total}" in text or f"{total}من{page}الصفحة" in text, page


def test_the_arabic_pdf_separates_a_list_with_the_arabic_comma(public_site):
    """The meeting's topics, listed inline on paper: "،" between them, not ","."""
    text = copied_text(public_site / "ar/pdf/GCEG-MTG-0001.pdf").replace(" ", "")
    assert "البحثالسيبراني،التدريب،التحليلالجنائي،العمليات" in text


def test_a_front_matter_of_the_wrong_length_stays_cached_and_is_not_trusted(tmp_path):
    """The front matter is rendered for a guessed page count, remembered from the last build.
    A file whose count was wrong stays in the cache, as another build sharing the cache may
    be reading it (deleting it failed such a build), and is known by its real count: a
    build that guesses wrong again does not use it."""
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"

    def build(guess: int, words: str) -> str:
        for remembered in cache.glob("*.pages"):
            remembered.write_text(str(guess))
        meeting = project / "data/meetings/2015-first-meeting.yaml"
        meeting.write_text(meeting.read_text().replace("Cyber experts", f"Cyber experts{words}"))
        result = gceg(project, "build", "--site-dir", str(tmp_path / "site"), pdf=True, cache=cache)
        assert result.returncode == 0, result.stderr
        return re.search(r"front matter (\w+)", result.stderr + result.stdout).group(1)

    build(2, "")
    (remembered,) = cache.glob("*.pages")
    pages = int(remembered.read_text())
    assert build(pages + 5, ", in person,") == "rendered"  # its guess wrong, then right
    assert int(remembered.read_text()) == pages
    # the same wrong guess again: that file is still there, read, and passed over
    assert build(pages + 5, " and officials") == "reused"
