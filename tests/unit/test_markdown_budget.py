"""The clock on each page's conversion stops a slow page with its name, and leaves no trace."""

from __future__ import annotations

import signal

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

from macros.render import allowlist as sanitize
from macros.render import markdown_budget


@pytest.fixture
def page(monkeypatch):
    monkeypatch.setattr(sanitize, "current_page", "notes/slow.md")
    monkeypatch.setattr(markdown_budget, "MARKDOWN_CPU_SECONDS", 0.05)


def test_a_conversion_over_its_time_fails_naming_the_page(page):
    md = markdown.Markdown(extensions=["macros.render.markdown_budget"])
    with pytest.raises(PluginError) as caught:
        md.convert("[a " * 20_000)  # minutes of work without the limits of page_shape.py
    assert str(caught.value).startswith("docs/notes/slow.md:1: (markdown): converting this page")
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) in (signal.SIG_DFL, None)


def test_a_page_within_its_time_converts(page):
    md = markdown.Markdown(extensions=["macros.render.markdown_budget"])
    assert md.convert("Some *text*.") == "<p>Some <em>text</em>.</p>"
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


class _Recurse(Preprocessor):
    def run(self, lines):
        raise RecursionError


def test_recursion_is_reported_as_the_page_nesting_too_deeply(page):
    md = markdown.Markdown(extensions=["macros.render.markdown_budget"])
    md.preprocessors.register(_Recurse(md), "recurse", 100)
    with pytest.raises(PluginError, match=r"^docs/notes/slow.md:1: \(markdown\): this page nests"):
        md.convert("text")


def test_a_longer_page_may_take_longer_in_proportion_to_its_size():
    short, long = markdown_budget.budget("x" * 1000), markdown_budget.budget("x" * 2_001_000)
    assert short < 2.01
    assert long - short == pytest.approx(2 * markdown_budget.MARKDOWN_CPU_SECONDS_PER_MB)
