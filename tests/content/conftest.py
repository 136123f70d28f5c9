"""The real content (data/, docs/, includes/ of this checkout), built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ALL_LANGUAGES, ROOT, build


@pytest.fixture(scope="session")
def real_sites(tmp_path_factory) -> dict[str, Path]:
    """Both audiences' sites of the real content, PDFs included (the shared PDF cache
    renders each document once however many builds hold it)."""
    folder = tmp_path_factory.mktemp("real")
    return {
        audience: build(ROOT, folder / audience, audience, pdf=True, languages=ALL_LANGUAGES)
        for audience in ("public", "members")
    }
