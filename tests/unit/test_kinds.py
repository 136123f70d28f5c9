"""The kinds table names each record page's templates, and they exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.model.kinds import KINDS

TEMPLATES = Path(__file__).resolve().parents[2] / "macros" / "render" / "templates"


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_kind_with_pages_names_its_templates(kind):
    if kind.page_dir is None:
        assert kind.templates is None
    else:
        header, details = kind.templates
        assert (TEMPLATES / header).is_file()
        assert (TEMPLATES / details).is_file()
