"""A clock on each page's Markdown conversion: the last resort against slow shapes.

``page_shape.py`` refuses, with their lines, the shapes measured to make
Python-Markdown slower than linear, and pages within its limits convert in
well under a second. This extension bounds whatever that list misses: a page
whose conversion uses more than ``MARKDOWN_CPU_SECONDS`` of processor time
(and more per megabyte: a long page converts for longer) fails the build,
naming the page, instead of stalling it for hours; so does one nested deeply
enough to exhaust Python's recursion.

The clock counts processor time (a ``SIGPROF`` timer), so a busy machine does
not fail a good page. Signals reach only the main thread, where ``gceg
build`` converts every page; the rebuilds of ``gceg serve`` run in another
thread and have the page limits but no clock.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from markdown import Extension

from ..limits import MARKDOWN_CPU_SECONDS, MARKDOWN_CPU_SECONDS_PER_MB


class OverBudget(Exception):
    """Raised inside the conversion when its time is up."""


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the code under ``with`` once it has used ``seconds`` of CPU."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)  # nobody else's clock running
    )
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def budget(source: str) -> float:
    """The processor time a page of this length may take: linear in its size."""
    return MARKDOWN_CPU_SECONDS + len(source.encode("utf-8")) / 1e6 * MARKDOWN_CPU_SECONDS_PER_MB


class BudgetExtension(Extension):
    def extendMarkdown(self, md) -> None:
        convert = md.convert

        def budgeted(source: str) -> str:
            from mkdocs.exceptions import PluginError

            from . import allowlist as sanitize  # knows the page being converted

            seconds = budget(source)
            try:
                with cpu_budget(seconds):
                    return convert(source)
            except OverBudget:
                problem = (
                    f"converting this page took more than {seconds:.3g} s of "
                    "processor time; look for long runs of brackets, '<', '&' or emphasis marks"
                )
            except RecursionError:
                problem = "this page nests too deeply to convert; flatten its lists and quotes"
            raise PluginError(f"docs/{sanitize.current_page}:1: (markdown): {problem}") from None

        md.convert = budgeted  # this instance only: MkDocs makes one per page


def makeExtension(**kwargs) -> BudgetExtension:
    return BudgetExtension(**kwargs)
