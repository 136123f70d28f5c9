"""Which of a page's own sentences state a fact with nothing to back it (macros/load/page_claims)."""

from __future__ import annotations

import pytest

from macros.load.page_claims import uncited_claims

NAMES = ["INTERPOL", "Catherine Chambon", "GCEG"]
CITE = '{{ cite("src", "a passage") }}'

CASES = {
    "site text names nothing": ("Each meeting has a page with its sources.", []),
    "a named body, uncited": ("INTERPOL founded the group.", [(1, "names INTERPOL")]),
    "a year, uncited": ("The group met in 2016.", [(1, "gives the year 2016")]),
    "cited after the full stop": (f"INTERPOL founded the group.{CITE}", []),
    "cited after a space": (f"INTERPOL founded the group. {CITE} Next, nothing.", []),
    "cited inside the sentence": (f"INTERPOL{CITE} founded the group.", []),
    "second sentence on its own line": (
        "This page explains.\nCatherine Chambon chairs it.",
        [(2, "names Catherine Chambon")],
    ),
    "a list item": ("- a link\n- INTERPOL runs it", [(2, "names INTERPOL")]),
    "an editors' note": (
        '!!! editors "Editors\' note"\n    INTERPOL is read from the name.\n\nAfter.',
        [],
    ),
    "prose after the note is read again": (
        "!!! editors\n    Note.\n\nINTERPOL again.",
        [(4, "names INTERPOL")],
    ),
    "another admonition is prose": ("!!! note\n    INTERPOL said so.", [(2, "names INTERPOL")]),
    "code is not prose": ("```\nINTERPOL 2016\n```", []),
    "headings are not prose": ("# INTERPOL 2016", []),
    "a table row is read": (
        "| Body | Year |\n|---|---|\n| INTERPOL | x |",
        [(3, "names INTERPOL")],
    ),
    "the text of an HTML line is read": ("<p>INTERPOL said so</p>", [(1, "names INTERPOL")]),
    "an HTML line without text is not": ('<div class="x">\nSite text.\n</div>', []),
    "macro lines are not prose": ("{{ aims() }}", []),
    "inline HTML is not text": ("See <a href='x/2099-meeting/'>the next one</a>.", []),
    "a name inside a word is not the name": ("Interpolation of GCEGX data.", []),
    "comments are not prose": ("<!-- INTERPOL\n  in 2016 -->\nAfter.", []),
    "code spans are not prose": ("See `data/meetings/2016-x.yaml` here.", []),
    "link text is read": ("See [INTERPOL](https://x.invalid/).", [(1, "names INTERPOL")]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_page_sentence_is_flagged_only_when_it_states_an_uncited_fact(case):
    body, expected = CASES[case]
    found = [(claim.line, claim.names) for claim in uncited_claims(body, 1, NAMES)]
    assert found == expected


def test_line_numbers_count_from_the_page_body():
    [claim] = uncited_claims("\n\nINTERPOL did it.", 5, NAMES)
    assert claim.line == 7 and claim.sentence == "INTERPOL did it."


def test_the_longest_name_starting_at_a_word_is_the_one_named():
    names = [*NAMES, "INTERPOL General Assembly"]
    [claim] = uncited_claims("The INTERPOL General Assembly approved it.", 1, names)
    assert claim.names == "names INTERPOL General Assembly"
