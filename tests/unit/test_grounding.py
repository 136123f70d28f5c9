"""Every fact a record states is backed by a citation or an editors' note (models.Grounded)."""

from __future__ import annotations

import pytest

from macros.model import models
from macros.rules.grounding import unbacked_facts

CITE = {"source": "s"}
ORG = {"id": "o", "name": "Org", "kind": "unit", "cite": CITE}
MEETING = {
    "id": "m",
    "doc_id": "GCEG-MTG-0009",
    "title": "A meeting",
    "start": "2020-01-01",
    "end": "2020-01-01",
    "dates_cite": CITE,
    "sources": [CITE],
    "venue": {"name": "Hall", "city": "Lyon", "country": "France", "cite": CITE},
}

CASES = {
    "organisation location uncited": (
        models.Organisation,
        {**ORG, "location": "France"},
        [("location",)],
    ),
    "organisation location with a note": (
        models.Organisation,
        {**ORG, "location": "France", "editor_notes": {"location": "Read."}},
        [],
    ),
    "organisation location cited": (
        models.Organisation,
        {**ORG, "location": "France", "location_cite": CITE},
        [],
    ),
    "organisation parent uncited": (models.Organisation, {**ORG, "parent": "x"}, [("parent",)]),
    "a note on no fact": (
        models.Organisation,
        {**ORG, "editor_notes": {"colour": "Red."}},
        [("editor_notes", "colour")],
    ),
    "meeting fully backed": (models.Meeting, MEETING, []),
    "meeting dates uncited": (
        models.Meeting,
        {**MEETING, "dates_cite": None},
        [("start",), ("end",)],
    ),
    "meeting venue uncited": (
        models.Meeting,
        {**MEETING, "venue": {**MEETING["venue"], "cite": None}},
        [("venue", "name"), ("venue", "city"), ("venue", "country")],
    ),
    "meeting topics uncited": (models.Meeting, {**MEETING, "topics": ["training"]}, [("topics",)]),
    "attendance uncited": (
        models.Meeting,
        {**MEETING, "attendance": {"participants": {"value": 3}}},
        [("attendance", "participants")],
    ),
    "person named by nothing": (models.Person, {"id": "p", "name": "A B"}, [("name",)]),
    "person named by a role": (
        models.Person,
        {"id": "p", "name": "A B", "roles": [{"title": "Chief", "cite": CITE}]},
        [],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_fact_has_a_citation_or_an_editors_note(case):
    model, data, expected = CASES[case]
    record = model.model_validate(data)
    assert [loc for loc, _ in unbacked_facts(record)] == expected
