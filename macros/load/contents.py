"""Find what matters inside a validated record: its references, citations and statements.

Each model class gets a plan, computed once from its type annotations: which
fields refer to other records (fields typed ``...Ref``), which hold nested
models, which are lists of either. Reading a record then follows only those
fields, so adding a field to a model never needs a new rule, and a catalog of
thousands of records is walked in linear time without re-reading types.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..model.fields import FreeText, RefTo


@dataclass
class Contents:
    """What one record contains, each with its location inside the record."""

    references: list[tuple[tuple, str, str]] = field(default_factory=list)  # (loc, kind, id)
    instances: dict[type, list[tuple[tuple, BaseModel]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Step:
    name: str
    ref_kind: str | None  # the field, or its items, refer to records of this kind
    nested: bool  # the field, or its items, may hold models
    is_list: bool


@cache
def _plan(model: type[BaseModel]) -> tuple[_Step, ...]:
    steps = []
    for name, info in model.model_fields.items():
        annotation = _with_metadata(info.annotation, info.metadata)
        item = _item_type(annotation)
        target = item if item is not None else annotation
        kind = ref_kind(target)
        nested = _may_hold_model(target)
        if kind or nested:
            steps.append(_Step(name, kind, nested, item is not None))
    return tuple(steps)


def contents_of(record: BaseModel, collect: tuple[type, ...] = ()) -> Contents:
    """One pass over a record: every reference, and every nested model of the types in
    ``collect`` (the rules look at citations and statements wherever they sit)."""
    contents = Contents()
    _collect(record, (), contents, collect)
    return contents


def _collect(model: BaseModel, loc: tuple, into: Contents, collect: tuple[type, ...]) -> None:
    if isinstance(model, collect):
        into.instances.setdefault(type(model), []).append((loc, model))
    for step in _plan(type(model)):
        value = getattr(model, step.name)
        if value is None:
            continue
        values = enumerate(value) if step.is_list else [(None, value)]
        for index, item in values:
            here = (*loc, step.name) if index is None else (*loc, step.name, index)
            if step.ref_kind and isinstance(item, str):
                into.references.append((here, step.ref_kind, item))
            elif step.nested and isinstance(item, BaseModel):
                _collect(item, here, into, collect)


def ref_kind(annotation: Any) -> str | None:
    """The record kind a field refers to, if it is a reference."""
    for candidate in _alternatives(annotation):
        if get_origin(candidate) is Annotated:
            for meta in get_args(candidate)[1:]:
                if isinstance(meta, RefTo):
                    return meta.kind
    return None


def free_text_paths(model: type[BaseModel], prefix: tuple = ()) -> Iterator[tuple]:
    """Paths of every free-text field a model can hold; list items appear as ``[]``.

    These are the fields people write (and translators will translate); the
    escaping tests fill each one with attack strings.
    """
    for name, info in model.model_fields.items():
        yield from _free_text(_with_metadata(info.annotation, info.metadata), (*prefix, name))


def _free_text(annotation: Any, path: tuple) -> Iterator[tuple]:
    for candidate in _alternatives(annotation):
        if get_origin(candidate) is Annotated:
            candidate, *metadata = get_args(candidate)
            if any(isinstance(m, FreeText) for m in metadata):
                yield path
                continue
            for inner in _alternatives(candidate):
                if get_origin(inner) is Annotated:
                    yield from _free_text(inner, path)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            yield from free_text_paths(candidate, path)
        elif get_origin(candidate) in (list, tuple) and get_args(candidate):
            yield from _free_text(get_args(candidate)[0], (*path, "[]"))
        elif get_origin(candidate) is dict:  # e.g. editor_notes: values by field name
            yield from _free_text(get_args(candidate)[1], (*path, "{}"))


def _with_metadata(annotation: Any, metadata: list) -> Any:
    return Annotated[(annotation, *metadata)] if metadata else annotation


def _alternatives(annotation: Any) -> list[Any]:
    if get_origin(annotation) in (Union, types.UnionType):
        return [arg for arg in get_args(annotation) if arg is not type(None)]
    return [annotation]


def _item_type(annotation: Any) -> Any:
    for candidate in _alternatives(annotation):
        if get_origin(candidate) is Annotated:
            candidate = get_args(candidate)[0]
        if get_origin(candidate) in (list, tuple) and get_args(candidate):
            return get_args(candidate)[0]
    return None


def _may_hold_model(annotation: Any) -> bool:
    for candidate in _alternatives(annotation):
        if get_origin(candidate) is Annotated:
            candidate = get_args(candidate)[0]
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return True
        if get_origin(candidate) in (Union, types.UnionType) and _may_hold_model(candidate):
            return True
    return False
