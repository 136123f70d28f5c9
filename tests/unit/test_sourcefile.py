from pathlib import Path

import pytest

from macros.limits import MAX_RECORD_BYTES, MAX_YAML_DEPTH
from macros.load.sourcefile import FileProblem, parse_yaml, read_text


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
    path.write_text("a: " + "x" * MAX_RECORD_BYTES)
    with pytest.raises(FileProblem, match="over the"):
        read_text(path)


def test_read_text_drops_byte_order_mark(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffa: 1\n".encode())
    assert read_text(path) == "a: 1\n"


def test_read_text_takes_a_smaller_limit(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_text("x" * 101)
    with pytest.raises(FileProblem, match="over the 100-byte limit"):
        read_text(path, 100)
    assert read_text(path, 101) == "x" * 101


def _nested(kind: str, depth: int) -> str:
    """A record whose 'a' nests ``depth`` collections (the top mapping is one more)."""
    if kind == "flow list":
        return "a: " + "[" * depth + "]" * depth + "\n"
    if kind == "flow mapping":
        return "a: " + "{k: " * depth + "1" + "}" * depth + "\n"
    if kind == "block mapping":
        return (
            "a:\n"
            + "".join("  " * level + "k:\n" for level in range(1, depth))
            + "  " * depth
            + "k: 1\n"
        )
    if kind == "block list":
        return (
            "a:\n"
            + "".join("  " * level + "-\n" for level in range(1, depth))
            + "  " * depth
            + "- 1\n"
        )
    if kind == "compact list":
        return "a: \n  " + "- " * depth + "x\n"
    raise KeyError(kind)


KINDS = ["flow list", "flow mapping", "block mapping", "block list", "compact list"]


@pytest.mark.parametrize("kind", KINDS)
def test_nesting_up_to_the_limit_is_read(kind):
    data, _ = parse_yaml(_nested(kind, MAX_YAML_DEPTH - 1))
    assert "a" in data


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("depth", [MAX_YAML_DEPTH, 999, 5000])  # 999: below the parser's own
def test_deeper_nesting_is_refused_with_its_line(kind, depth):
    text = "title: x\n" + _nested(kind, depth)
    with pytest.raises(FileProblem) as caught:
        parse_yaml(text, line_offset=1)
    assert caught.value.field == "(yaml)"
    assert f"more than {MAX_YAML_DEPTH} levels" in caught.value.message
    # file line = the record's line + 1 (the title) + 1 (line_offset)
    record_line = {"flow list": 1, "flow mapping": 1, "compact list": 2}.get(
        kind, MAX_YAML_DEPTH + 1
    )
    assert caught.value.line == record_line + 2


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: x\n\tname: y\n", 2, 1),
        ("roles:\n  - a\n\t- b\n", 3, 1),
        ("a:\n  b: 1\n  \tc: 2\n", 3, 3),
    ],
)
def test_a_tab_in_yaml_is_named_with_what_to_do(text, line, column):
    with pytest.raises(FileProblem) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert caught.value.message == (
        f"a tab character (column {column}): YAML is indented with spaces only; "
        "replace the tab with spaces"
    )


def test_a_tab_inside_a_quoted_value_is_text():
    assert parse_yaml('a: "one\ttwo"\n')[0] == {"a": "one\ttwo"}
