"""The package's folders are its stages, and data flows one way through them.

Every import in macros/ (at the top of a module or inside a function: both run) is read
with ``ast``; no module may reach itself through its imports, and a stage imports only
itself and earlier stages. Hand-written rather than a tool (import-linter, pydeps): the
rule is twenty lines and needs no dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "macros"

# The order data flows in. Top-level modules that are not stages (problems, limits, address,
# config) are shared by all; the package itself (the mkdocs hooks) may use every stage.
STAGES = (
    "model",
    "load",
    "rules",
    "audience",
    "incremental",
    "render",
    "verify",
    "exports",
    "tools",
)
SHARED = ("problems", "limits", "config", "address")


def module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["macros", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


MODULES = module_names()


def imports_of(name: str) -> set[str]:
    """The package's modules that ``name`` imports (a package counts as its __init__)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([node.module] if node.module else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [t if t in MODULES else base for t in targets]
        else:
            continue
        found |= {target for target in targets if target in MODULES and target != name}
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def stage_of(name: str) -> int:
    """0 for what every stage shares, then 1.. in STAGES' order; the hooks come last."""
    parts = name.split(".")
    if len(parts) == 1:
        return len(STAGES) + 1
    if parts[1] in SHARED:
        return 0
    return STAGES.index(parts[1]) + 1


def cycle_from(start: str) -> list[str] | None:
    """A path of imports that leads from ``start`` back to it, if there is one."""
    stack, seen = [(start, [start])], set()
    while stack:
        name, path = stack.pop()
        for target in sorted(GRAPH[name]):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def test_every_module_is_in_a_stage():
    for name in MODULES:
        parts = name.split(".")
        assert len(parts) == 1 or parts[1] in (*STAGES, *SHARED), f"{name}: not in a stage folder"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_cycle(name):
    assert cycle_from(name) is None, " -> ".join(cycle_from(name))


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_stage_imports_only_earlier_stages(name):
    later = sorted(t for t in GRAPH[name] if stage_of(t) > stage_of(name))
    assert later == [], f"{name} imports a later stage: {later}"


def test_the_checks_see_imports():
    """The graph is not empty: a parser that missed every import would pass the tests above."""
    assert "macros.load.catalog" in GRAPH["macros.audience"]
    assert "macros.model.models" in GRAPH["macros.load.catalog"]  # `from ..model import models`
