"""The real content (data/, docs/, includes/ of this checkout), built once per test run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ALL_LANGUAGES, ROOT, build, made_once

AUDIENCES = ("public", "members")


@pytest.fixture(scope="session")
def real_sites(request, tmp_path_factory) -> dict[str, Path]:
    """Both audiences' sites of the real content, PDFs included (the shared PDF cache
    renders each document once however many builds hold it)."""

    def make(folder: Path) -> None:
        # every language of the public site; the members' one in English (its translations
        # are the public ones plus members' records, whose rendering the corpus tests cover)
        build(ROOT, folder / "public", "public", pdf=True, languages=ALL_LANGUAGES)
        build(ROOT, folder / "members", "members", pdf=True)

    folder = made_once(request, tmp_path_factory, "real", make)
    return {audience: folder / audience for audience in AUDIENCES}
