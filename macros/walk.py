"""Walk a validated record: every value with its location and declared type.

The rules use it to find references (fields typed ``...Ref``) and citations
wherever they sit in a record, so adding a field never needs a new rule.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .fields import RefTo


def walk(value: Any, annotation: Any = None, loc: tuple = ()) -> Iterator[tuple[tuple, Any, Any]]:
    """Yield ``(loc, value, annotation)`` for ``value`` and everything inside it."""
    yield loc, value, annotation
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            field_type = info.annotation
            if info.metadata:
                field_type = Annotated[(field_type, *info.metadata)]
            yield from walk(getattr(value, name), field_type, (*loc, name))
    elif isinstance(value, list | tuple):
        item_type = _item_type(annotation)
        for index, item in enumerate(value):
            yield from walk(item, item_type, (*loc, index))


def ref_kind(annotation: Any) -> str | None:
    """The record kind a field refers to, if it is a reference."""
    for candidate in _alternatives(annotation):
        if get_origin(candidate) is Annotated:
            for meta in get_args(candidate)[1:]:
                if isinstance(meta, RefTo):
                    return meta.kind
    return None


def references(record: BaseModel) -> Iterator[tuple[tuple, str, str]]:
    """``(loc, kind, id)`` for every reference in a record."""
    for loc, value, annotation in walk(record):
        if isinstance(value, str) and (kind := ref_kind(annotation)):
            yield loc, kind, value


def instances(record: BaseModel, cls: type) -> Iterator[tuple[tuple, Any]]:
    """``(loc, value)`` for every value of type ``cls`` in a record."""
    for loc, value, _ in walk(record):
        if isinstance(value, cls):
            yield loc, value


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


def free_text_paths(model: type[BaseModel], prefix: tuple = ()) -> Iterator[tuple]:
    """Paths of every free-text field a model can hold; list items appear as ``[]``.

    These are the fields people write (and translators will translate); the
    escaping tests fill each one with attack strings.
    """
    from .fields import FreeText

    for name, info in model.model_fields.items():
        annotation = (
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        )
        yield from _free_text(annotation, (*prefix, name), FreeText)


def _free_text(annotation: Any, path: tuple, marker: type) -> Iterator[tuple]:
    for candidate in _alternatives(annotation):
        metadata: tuple = ()
        if get_origin(candidate) is Annotated:
            candidate, *rest = get_args(candidate)
            metadata = tuple(rest)
            if any(isinstance(m, marker) for m in metadata):
                yield path
                continue
            for inner in _alternatives(candidate):
                if get_origin(inner) is Annotated:
                    yield from _free_text(inner, path, marker)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            yield from free_text_paths(candidate, path)
        elif get_origin(candidate) in (list, tuple) and get_args(candidate):
            yield from _free_text(get_args(candidate)[0], (*path, "[]"), marker)
