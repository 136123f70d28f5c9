"""Join PDFs into one with pypdf: the compendium's front matter and each document's part.

pypdf's own ``merge`` drops what makes these files PDF/A-3a (it leaves out the pages'
/StructParents and the structure tree), so the joining is done here, with pypdf's
objects: pages, their links and named destinations, the tagged structure (each file's
document element becomes a part of one document), and an outline built afresh. The
first file (the front matter) gives the catalogue entries and metadata of the whole.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    Fit,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

# The front matter's contents link here; the joined file points them at the page itself.
TARGET_SCHEME = "gceg-target:"

# What the joined file takes from the front matter's catalogue: language, tagging,
# archival form (output intent, XMP metadata) and how viewers show its title.
CATALOGUE = ("/Lang", "/MarkInfo", "/OutputIntents", "/Metadata", "/ViewerPreferences")


@dataclass(frozen=True)
class Heading:
    """An outline entry of a part: its level (1 is the document), title and place."""

    level: int
    title: str
    page: int  # 0-based, within the part
    left: float
    top: float


def outline(path: Path) -> tuple[int, list[Heading]]:
    """A part's page count and its outline, flattened in reading order."""
    reader = PdfReader(path)
    found: list[Heading] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append(
                    Heading(
                        level,
                        str(item.title),
                        reader.get_destination_page_number(item),
                        float(item.left or 0),
                        float(item.top or 0),
                    )
                )

    walk(reader.outline, 1)
    return len(reader.pages), found


def join(
    front: Path,
    parts: list[Path],
    targets: list[tuple[int, float, float, str]],
    bookmarks: list[tuple[int, str, int, float, float]],
) -> bytes:
    """The front matter, then the parts. ``targets``: (page, left, top, label) in the joined
    file of each ``gceg-target:<n>`` link of the front matter; ``bookmarks``: the outline as
    (level, title, page, left, top). Same inputs, same bytes: the file identifier is a
    hash of the files joined (as WeasyPrint's is of its document), and nothing else varies."""
    writer = PdfWriter()
    writer.pdf_header = "%PDF-1.7"
    root = writer.root_object
    tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    tree_ref = writer._add_object(tree)
    document = DictionaryObject(
        {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document")}
    )
    document[NameObject("/P")] = tree_ref
    document_ref = writer._add_object(document)
    kids, numbers, dests = ArrayObject(), [], {}
    key_offset = 0
    digest = hashlib.sha256()
    for index, path in enumerate([front, *parts]):
        data = path.read_bytes()
        digest.update(hashlib.sha256(data).digest())
        reader = PdfReader(BytesIO(data))
        if index == 0:
            _take_catalogue(writer, reader)
        key_offset = _append(writer, reader, document_ref, kids, numbers, dests, key_offset)
    document[NameObject("/K")] = kids
    tree[NameObject("/K")] = ArrayObject([document_ref])
    numbers.sort(key=lambda pair: pair[0])
    tree[NameObject("/ParentTree")] = writer._add_object(
        DictionaryObject({NameObject("/Nums"): ArrayObject(x for pair in numbers for x in pair)})
    )
    tree[NameObject("/ParentTreeNextKey")] = NumberObject(key_offset)
    root[NameObject("/StructTreeRoot")] = tree_ref
    root[NameObject("/Names")] = DictionaryObject(
        {
            NameObject("/Dests"): DictionaryObject(
                {
                    NameObject("/Names"): ArrayObject(
                        x for name in sorted(dests) for x in (TextStringObject(name), dests[name])
                    )
                }
            )
        }
    )
    _point_contents_links(writer, targets)
    _add_outline(writer, bookmarks)
    # The parts each embed the same fonts and colour profile: keep one copy of each.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    identifier = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _take_catalogue(writer: PdfWriter, reader: PdfReader) -> None:
    source = reader.trailer["/Root"]
    for key in CATALOGUE:
        if key in source:
            writer.root_object[NameObject(key)] = source[key].clone(writer)
    # The information dictionary as the front matter has it (its XMP metadata says the
    # same; PDF/A wants the two to agree), not pypdf's producer.
    writer.metadata = reader.metadata


def _append(writer, reader, document_ref, kids, numbers, dests, key_offset: int) -> int:
    """The reader's pages, named destinations and structure; returns the next free
    structure key (the keys of pages and links are renumbered to follow the previous file's)."""
    for page in reader.pages:
        copy = writer.add_page(page)  # clones its content, resources and link annotations
        if "/StructParents" in page:
            copy[NameObject("/StructParents")] = NumberObject(page["/StructParents"] + key_offset)
        for annotation in copy.get("/Annots", []) or []:
            annotation = annotation.get_object()
            if "/StructParent" in annotation:
                annotation[NameObject("/StructParent")] = NumberObject(
                    annotation["/StructParent"] + key_offset
                )
    for name, destination in _named(reader).items():
        dests[name] = destination.clone(writer)
    source_tree = reader.trailer["/Root"].get("/StructTreeRoot")
    if source_tree is None:
        return key_offset
    source_tree = source_tree.get_object()
    # The file's top elements hang from the joined file's document element: cloning their
    # parent link (/P) gives that element, not a copy of the file's own structure root.
    translated = writer._id_translated.setdefault(id(reader), {"PreventGC": reader})
    translated[source_tree.indirect_reference.idnum] = document_ref.idnum
    for element in _as_list(source_tree.get("/K")):
        clone = element.clone(writer)  # a reference, as the element is one
        target = clone.get_object()
        if target.get("/S") == "/Document":  # one document, of which each file is a part
            target[NameObject("/S")] = NameObject("/Part")
        kids.append(clone)
    parent_tree = source_tree.get("/ParentTree")
    highest = -1
    if parent_tree is not None:
        for key, value in _number_tree(parent_tree.get_object()):
            numbers.append((NumberObject(key + key_offset), value.clone(writer)))
            highest = max(highest, key)
    following = int(source_tree.get("/ParentTreeNextKey", highest + 1))
    return key_offset + max(following, highest + 1)


def _named(reader: PdfReader) -> dict:
    names = reader.trailer["/Root"].get("/Names")
    if names is None or "/Dests" not in names.get_object():
        return {}
    found = {}
    for key, value in _name_tree(names.get_object()["/Dests"].get_object()):
        found[str(key)] = value
    return found


def _name_tree(node):
    if "/Names" in node:
        pairs = node["/Names"]
        for i in range(0, len(pairs), 2):
            yield pairs[i], pairs[i + 1]
    for kid in node.get("/Kids", []):
        yield from _name_tree(kid.get_object())


def _number_tree(node):
    if "/Nums" in node:
        pairs = node["/Nums"]
        for i in range(0, len(pairs), 2):
            yield int(pairs[i]), pairs[i + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid.get_object())


def _as_list(value):
    if value is None:
        return []
    value = value.get_object() if hasattr(value, "idnum") else value
    return list(value) if isinstance(value, list) else [value]


def _point_contents_links(writer: PdfWriter, targets: list[tuple[int, float, float, str]]) -> None:
    """The front matter's contents were rendered with placeholder addresses (the pages they
    point to were not in that file); each becomes a link to its page in the joined file."""
    pages = writer.pages
    for page in pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if not uri.startswith(TARGET_SCHEME):
                continue
            number, left, top, label = targets[int(uri.removeprefix(TARGET_SCHEME))]
            del annotation["/A"]
            annotation[NameObject("/Contents")] = TextStringObject(label)  # what it leads to
            annotation[NameObject("/Dest")] = ArrayObject(
                [
                    pages[number].indirect_reference,
                    NameObject("/XYZ"),
                    FloatObject(left),
                    FloatObject(top),
                    NumberObject(0),
                ]
            )


def _add_outline(writer: PdfWriter, bookmarks: list[tuple[int, str, int, float, float]]) -> None:
    parents: dict[int, object] = {}
    for level, title, page, left, top in bookmarks:
        parent = next((parents[lv] for lv in range(level - 1, 0, -1) if lv in parents), None)
        parents[level] = writer.add_outline_item(
            title=title, page_number=page, parent=parent, fit=Fit.xyz(left, top, 0)
        )
        for deeper in [lv for lv in parents if lv > level]:
            del parents[deeper]
