"""A digest of any value the catalog hands a page, equal in every process for equal values.

Python's ``hash`` is salted per process and ``pickle`` writes sets in hash order, so
neither can say whether a value is the same as in the last build. This walks the value
instead: models by their fields, mappings and sequences in order, sets sorted by their
members' digests. What it cannot walk the same way twice (a function, a cycle, a value
too big to be worth it) is ``UNSTABLE``: a page that read it is always rebuilt.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel

# Every object visited counts; past this, comparing costs more than rebuilding.
BUDGET = 2_000_000
UNSTABLE = b"unstable"
_ATOMS = (type(None), bool, int, float, str, bytes, Decimal)
_DATES = (datetime.date, datetime.datetime, datetime.time)


class _Unstable(Exception):
    pass


class Digester:
    """Digests for one build: an object seen twice (a record listed on many pages) is
    walked once. Only for objects that live as long as the build (the catalog's)."""

    def __init__(self) -> None:
        self._objects: dict[int, bytes] = {}
        self._active: set[int] = set()
        self._visited = 0

    def digest(self, value: Any) -> bytes:
        self._visited = 0
        try:
            return self._of(value)
        except _Unstable:
            return UNSTABLE
        finally:
            self._active.clear()

    def _of(self, value: Any) -> bytes:
        if isinstance(value, _ATOMS):
            return _hash(b"a", type(value).__name__.encode(), repr(value).encode())
        known = self._objects.get(id(value))
        if known is not None:
            return known
        self._visited += 1
        if self._visited > BUDGET or id(value) in self._active:
            raise _Unstable
        self._active.add(id(value))
        try:
            result = self._walk(value)
        finally:
            self._active.discard(id(value))
        if isinstance(value, BaseModel) or dataclasses.is_dataclass(value):
            self._objects[id(value)] = result  # the catalog keeps these alive all build
        return result

    def _walk(self, value: Any) -> bytes:
        name = type(value).__qualname__.encode()
        if isinstance(value, enum.Enum):
            return _hash(b"e", name, self._of(value.value))
        if isinstance(value, (*_DATES, PurePath)):
            return _hash(b"d", name, str(value).encode())
        if isinstance(value, BaseModel):
            # pydantic's own serialiser (compiled) writes every field; the models have no
            # set-valued field, so it is the same in every process. Private state aside.
            try:
                fields = value.model_dump_json(serialize_as_any=True).encode()
            except Exception as error:  # something it cannot write: not comparable
                raise _Unstable from error
            private = sorted((value.__pydantic_private__ or {}).items())
            return _hash(b"m", name, fields, *self._pairs(private))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
            return _hash(b"c", name, *self._pairs(fields))
        if isinstance(value, Mapping):
            return _hash(b"D", name, *self._pairs(value.items()))
        if isinstance(value, (list, tuple)):
            return _hash(b"L", name, *(self._of(item) for item in value))
        if isinstance(value, (set, frozenset)):
            return _hash(b"S", name, *sorted(self._of(item) for item in value))
        if isinstance(value, Callable) or not hasattr(value, "__dict__"):
            raise _Unstable  # code, or an object whose state is out of reach
        return _hash(b"o", name, *self._pairs(sorted(vars(value).items())))

    def _pairs(self, items) -> list[bytes]:
        return [part for key, item in items for part in (self._of(key), self._of(item))]


def _hash(*parts: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.digest()
