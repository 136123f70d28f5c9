"""Render contributor Markdown as a template that can call only the site's macros.

mkdocs-macros renders pages in an ordinary Jinja environment, where
``{{ cycler.__init__.__globals__.os.system(...) }}`` runs code at build time.
This project turns its rendering off (``render_by_default: false``, and page
front matter cannot turn it back on) and renders here instead, in Jinja's
``ImmutableSandboxedEnvironment`` whose only names are the registered macros
and filters: no ``range``, ``cycler``, ``config`` or page objects, no
includes, and no attribute starting with an underscore.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from types import TracebackType

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .problems import Problem

_TEMPLATE_START = re.compile(r"\{[{%#]")


class ContentError(Exception):
    """A page's template failed; carries the ``path:line`` it failed at."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class _Sandbox(ImmutableSandboxedEnvironment):
    """Also refuses arithmetic that would build huge values (``"a" * 10**9``)."""

    intercepted_binops = frozenset(["*", "**"])
    LIMIT = 10_000

    def call_binop(self, context, operator, left, right):
        if operator == "**" and (
            not isinstance(right, int | float) or right > 64 or abs(left) > 1_000_000
        ):
            raise SecurityError("power too large")
        if operator == "*" and any(isinstance(x, str | list | tuple) for x in (left, right)):
            count = right if isinstance(right, int) else left
            if isinstance(count, int) and count > self.LIMIT:
                raise SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)


class ContentRenderer:
    def __init__(self, macros: dict[str, Callable], filters: dict[str, Callable] | None = None):
        env = _Sandbox(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            loader=None,
        )
        env.globals.clear()
        env.globals.update(macros)
        env.filters = dict(filters or {})
        env.tests = {name: env.tests[name] for name in ("defined", "undefined", "none")}
        self.env = env

    @property
    def names(self) -> list[str]:
        return sorted(self.env.globals)

    @staticmethod
    def is_template(text: str) -> bool:
        return _TEMPLATE_START.search(text) is not None

    def render(self, path: str, text: str, first_line: int) -> str:
        """Render one page body; ``first_line`` is where the body starts in its file."""
        if not self.is_template(text):
            return text
        for problem in self.check(path, text, first_line):
            raise ContentError(problem)
        try:
            template = self.env.from_string(text)
        except TemplateSyntaxError as error:
            raise ContentError(
                self._problem(path, first_line, error.lineno, error.message)
            ) from None
        try:
            return template.render()
        except Exception as error:
            line = _template_line(error.__traceback__)
            if isinstance(error, SecurityError):
                message = f"unsafe template expression blocked: {error}"
            elif isinstance(error, UndefinedError):
                message = f"{error}; macros available: {', '.join(self.names)}"
            else:  # a macro refused its arguments
                message = f"{type(error).__name__}: {error}"
            raise ContentError(self._problem(path, first_line, line, message)) from None

    def check(self, path: str, text: str, first_line: int) -> Iterator[Problem]:
        """Find, without running anything, what ``render`` would refuse."""
        if not self.is_template(text):
            return
        try:
            tree = self.env.parse(text)
        except TemplateSyntaxError as error:
            yield self._problem(path, first_line, error.lineno, error.message)
            return
        found = list(self._named_problems(tree, path, first_line))
        yield from found
        # Then the shape: pages call macros with plain values, and do nothing else, so no
        # page can loop, build values or reach objects (and no page can be slow to render).
        seen = {problem.line for problem in found}
        for node in self._statements(tree):
            line = first_line + node.lineno - 1
            if not self._plain_call(node) and line not in seen:
                seen.add(line)
                yield self._problem(
                    path, first_line, node.lineno,
                    "pages may only call the site's macros, with plain values, "
                    'like {{ aims() }} or {{ person_link("jurgen-stock") }}',
                )  # fmt: skip

    @staticmethod
    def _statements(tree: nodes.Template) -> Iterator[nodes.Node]:
        for node in tree.body:
            if isinstance(node, nodes.Output):
                yield from (n for n in node.nodes if not isinstance(n, nodes.TemplateData))
            else:
                yield node

    def _plain_call(self, node: nodes.Node) -> bool:
        constant = (nodes.Const,)
        return (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name in self.env.globals
            and all(isinstance(arg, constant) for arg in node.args)
            and all(isinstance(kw.value, constant) for kw in node.kwargs)
            and node.dyn_args is None
            and node.dyn_kwargs is None
        )

    def _named_problems(self, tree, path: str, first_line: int) -> Iterator[Problem]:
        assigned = {
            node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")
        }
        for node in tree.find_all(nodes.Name):
            if (
                node.ctx == "load"
                and node.name not in self.env.globals
                and node.name not in assigned
            ):
                yield self._problem(
                    path,
                    first_line,
                    node.lineno,
                    f"'{node.name}' is not a macro of this site; "
                    f"macros available: {', '.join(self.names)}",
                )
        for node in tree.find_all((nodes.Filter, nodes.Test)):
            known = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
            if node.name not in known:
                yield self._problem(
                    path, first_line, node.lineno, f"'{node.name}' is not available here"
                )
        for node in tree.find_all(nodes.Getattr):
            if node.attr.startswith("_"):
                yield self._problem(
                    path,
                    first_line,
                    node.lineno,
                    f"unsafe template expression blocked: attribute '{node.attr}'",
                )
        for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            yield self._problem(
                path, first_line, node.lineno, "pages cannot include, import or extend templates"
            )

    @staticmethod
    def _problem(path: str, first_line: int, line: int | None, message: str) -> Problem:
        return Problem(path, first_line + (line or 1) - 1, "(template)", message)


def _template_line(tb: TracebackType | None) -> int | None:
    """The template line of the innermost template frame in a traceback."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
