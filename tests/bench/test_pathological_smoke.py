"""The hostile-page harness, run small so it cannot rot: every family builds, and the
site's limits refuse the ones measured as slower than linear."""

from __future__ import annotations

import pytest

from tests.bench.pathological import FAMILIES, build_case, time_stage


@pytest.mark.parametrize("name", FAMILIES)
def test_every_family_builds_a_page_of_its_size(name):
    assert abs(len(build_case(name, 3000)) - 3000) < 200


@pytest.mark.parametrize("name", ["link-open-bracket", "angle-brackets", "abbr-definitions"])
def test_the_slow_families_are_refused_by_the_site(name):
    assert time_stage("site", name, 40_000).startswith("refused")


def test_an_ordinary_page_is_converted():
    seconds = time_stage("site", "plain-prose", 5000)
    assert not seconds.startswith("refused"), seconds
    assert float(seconds) >= 0
