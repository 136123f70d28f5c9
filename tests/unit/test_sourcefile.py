from pathlib import Path

import pytest

from macros.sourcefile import MAX_BYTES, FileProblem, parse_yaml, read_text


def test_lines_of_keys_and_items():
    data, lines = parse_yaml("a: 1\nb:\n  - x\n  - y: 2\n")
    assert data == {"a": 1, "b": ["x", {"y": 2}]}
    assert lines.line_of(("a",)) == 1
    assert lines.line_of(("b", 1, "y")) == 4
    assert lines.line_of(("b", 1, "missing")) == 4  # nearest known ancestor


def test_line_offset_is_added():
    _, lines = parse_yaml("title: x\n", line_offset=1)
    assert lines.line_of(("title",)) == 2


def test_duplicate_keys_are_refused_with_both_lines():
    with pytest.raises(FileProblem) as caught:
        parse_yaml("name: a\nroles: []\nname: b\n")
    assert caught.value.line == 3
    assert "first given on line 1" in caught.value.message


def test_syntax_error_has_its_line():
    with pytest.raises(FileProblem) as caught:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n")
    assert caught.value.field == "(yaml)"
    assert caught.value.line >= 2


def test_python_tags_are_not_constructed():
    with pytest.raises(FileProblem):
        parse_yaml("x: !!python/object/apply:os.system ['true']\n")


def test_read_text_refuses_binary(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n\x00\x01")
    with pytest.raises(FileProblem, match="NUL bytes"):
        read_text(path)


def test_read_text_refuses_other_encodings(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes("a: 1\nname: Jürgen\n".encode("latin-1"))
    with pytest.raises(FileProblem) as caught:
        read_text(path)
    assert caught.value.line == 2
    assert "not UTF-8" in caught.value.message


def test_read_text_refuses_oversized(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("a: " + "x" * MAX_BYTES)
    with pytest.raises(FileProblem, match="over the"):
        read_text(path)


def test_read_text_drops_byte_order_mark(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffa: 1\n".encode())
    assert read_text(path) == "a: 1\n"
