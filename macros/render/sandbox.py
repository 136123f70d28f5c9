"""Render contributor Markdown as a template that can call only the site's macros.

mkdocs-macros renders pages in an ordinary Jinja environment, where
``{{ cycler.__init__.__globals__.os.system(...) }}`` runs code at build time.
This project turns its rendering off (``render_by_default: false``, and page
front matter cannot turn it back on) and renders here instead, in Jinja's
``ImmutableSandboxedEnvironment`` whose only names are the registered macros
and filters: no ``range``, ``cycler``, ``config`` or page objects, no
includes, and no attribute starting with an underscore.

A page may call at most ``MAX_MACRO_CALLS_PER_PAGE`` macros: counted in the
template before it runs (pages cannot loop, so that count is exact), and
counted again as the macros run, should that ever change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from types import TracebackType

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ..limits import MAX_MACRO_CALLS_PER_PAGE, MAX_TEMPLATE_NESTING
from ..problems import Problem

_TEMPLATE_START = re.compile(r"\{[{%#]")


class ContentError(Exception):
    """A page's template failed; carries the ``path:line`` it failed at."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


_TOO_MANY_CALLS = (
    f"more than {MAX_MACRO_CALLS_PER_PAGE} macro calls on one page; each renders part of the "
    "catalog, so the page would be slow to build: split the page, or call fewer"
)


class TooManyCalls(Exception):
    pass


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
    def __init__(self, macros: dict[str, Callable]):
        env = _Sandbox(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            loader=None,
        )
        env.globals.clear()
        env.globals.update({name: self._counted(function) for name, function in macros.items()})
        self._calls = 0
        env.filters = {}  # contributor pages get no filters at all
        env.tests = {name: env.tests[name] for name in ("defined", "undefined", "none")}
        self.env = env

    def _counted(self, function: Callable) -> Callable:
        @functools.wraps(function)
        def call(*args, **kwargs):
            self._calls += 1
            if self._calls > MAX_MACRO_CALLS_PER_PAGE:
                raise TooManyCalls(_TOO_MANY_CALLS)
            return function(*args, **kwargs)

        return call

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
        self._calls = 0
        try:
            return template.render()
        except Exception as error:
            line = _template_line(error.__traceback__)
            if isinstance(error, TooManyCalls | RecursionError):
                message = str(error) or "the page's template nests too deeply"
            elif isinstance(error, SecurityError):
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
        if (deep := _too_deep(text)) is not None:
            yield self._problem(
                path, first_line, deep, "brackets or statements nest too deeply here"
            )
            return
        try:
            tree = self.env.parse(text)
        except TemplateSyntaxError as error:
            yield self._problem(path, first_line, error.lineno, error.message)
            return
        except RecursionError:  # the last resort: _too_deep should have found it
            yield self._problem(path, first_line, 1, "the page's template nests too deeply")
            return
        found = list(self._named_problems(tree, path, first_line))
        yield from found
        # Then the shape: pages call macros with plain values, and do nothing else, so no
        # page can loop, build values or reach objects (and no page can be slow to render).
        seen = {problem.line for problem in found}
        calls = 0
        for node in self._statements(tree):
            line = first_line + node.lineno - 1
            calls += isinstance(node, nodes.Call)
            if calls == MAX_MACRO_CALLS_PER_PAGE + 1:
                yield self._problem(path, first_line, node.lineno, _TOO_MANY_CALLS)
            if not self._plain_call(node) and line not in seen:
                seen.add(line)
                yield self._problem(
                    path,
                    first_line,
                    node.lineno,
                    "pages may only call the site's macros, with plain values, "
                    'like {{ aims() }} or {{ person_link("jurgen-stock") }}',
                )

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


_TAG_OR_BRACKET = re.compile(
    r"\{%-?\s*(end)?(?:if|for|macro|call|filter|block|with)\b"
    r"|\{[{%]|[}%]\}|[(\[{]|[)\]}]"
)


def _too_deep(text: str) -> int | None:
    """The template line (1-based) where brackets inside a tag, or block statements, first
    nest past the limit (Jinja's parser recurses once per level, and would crash), or None."""
    if text.count("(") + text.count("[") + text.count("{") < MAX_TEMPLATE_NESTING:
        return None
    inside, depth, blocks = False, 0, 0
    for match in _TAG_OR_BRACKET.finditer(text):
        token = match.group(0)
        if len(token) > 2:  # a block statement, {% if %} ... {% endif %}
            blocks += -1 if match.group(1) else 1
            inside, depth = True, 0
            if blocks > MAX_TEMPLATE_NESTING:
                return text.count("\n", 0, match.start()) + 1
        elif token in ("{{", "{%") and not inside:
            inside, depth = True, 0
        elif token in ("}}", "%}") and depth <= 0:
            inside = False
        elif inside:  # inside a tag, '{{' is two braces
            depth += sum(1 if char in "([{" else -1 if char in ")]}" else 0 for char in token)
            if depth > MAX_TEMPLATE_NESTING:
                return text.count("\n", 0, match.start()) + 1
    return None


def _template_line(tb: TracebackType | None) -> int | None:
    """The template line of the innermost template frame in a traceback."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
