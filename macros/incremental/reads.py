"""What each page reads of the catalog: the dependencies of the incremental build.

The page-making code reads the catalog through ``tracked(catalog)``, a read-only view
that notes every read as a *fact*: a path from the catalog (attributes, keys, method
calls with their arguments) and nothing else. A fact can be asked again of the next
build's catalog (``resolve``); where its answer's digest is unchanged, so is what the
page read. Reads outside any page (the build's set-up) are the whole site's facts.

Caches that outlive a page (a property computed once for all pages) would hide reads
from every page after the first: they use ``remembered``/``RememberedCache``, which keep
the facts the computation read and note them again on every use.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any

# A step from the catalog: ("attr", name), ("item", key) or ("call", name, args).
Step = tuple
Fact = tuple[Step, ...]
MISSING = object()


class Recorder:
    """Where reads go: the open page's set, else the site's; nowhere when closed."""

    def __init__(self) -> None:
        self.site: set[Fact] | None = None
        self.page: set[Fact] | None = None
        self.nested: list[set[Fact]] = []

    def note(self, fact: Fact) -> None:
        for reads in self.nested:
            reads.add(fact)
        target = self.page if self.page is not None else self.site
        if target is not None:
            target.add(fact)

    def note_all(self, facts: set[Fact]) -> None:
        for fact in facts:
            self.note(fact)


RECORDER = Recorder()  # one build runs at a time in a process (languages in turn)


def tracked(target: Any, path: Fact = ()) -> Any:
    """``target`` as a read-only view that notes what is read of it."""
    if isinstance(target, Mapping):
        return _TrackedMapping(target, path)
    return _Tracked(target, path)


# The catalog's parts that answer questions (methods) rather than hold values.
ANSWERING = {"Catalog", "Translations"}
# A call whose arguments cannot be asked again (not hashable): always a change.
OPAQUE = ("opaque",)


def _wrap(value: Any, path: Fact) -> Any:
    if isinstance(value, Mapping):
        return _TrackedMapping(value, path)
    if type(value).__name__ in ANSWERING:
        return _Tracked(value, path)
    RECORDER.note(path)
    return value


class _Tracked:
    __slots__ = ("_path", "_target")

    def __init__(self, target: Any, path: Fact):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_path", path)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if inspect.ismethod(value):
            return _TrackedMethod(value, self._path, name)
        return _wrap(value, (*self._path, ("attr", name)))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"the catalog is read-only here ({name})")


class _TrackedMethod:
    __slots__ = ("_method", "_name", "_path")

    def __init__(self, method: Callable, path: Fact, name: str):
        self._method, self._path, self._name = method, path, name

    def __call__(self, *args: Any, **keywords: Any) -> Any:
        try:
            hash(args)
            fact = (*self._path, ("call", self._name, args))
        except TypeError:
            fact = (*self._path, OPAQUE)
        RECORDER.note(fact if not keywords else (*self._path, OPAQUE))
        return self._method(*args, **keywords)


class _TrackedMapping(Mapping):
    __slots__ = ("_path", "_target")

    def __init__(self, target: Mapping, path: Fact):
        self._target, self._path = target, path

    def __getitem__(self, key: Any) -> Any:
        try:
            value = self._target[key]
        except KeyError:
            RECORDER.note((*self._path, ("item", key)))
            raise
        return _wrap(value, (*self._path, ("item", key)))

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        RECORDER.note((*self._path, ("item", key)))
        return key in self._target

    def __iter__(self) -> Iterator:
        RECORDER.note(self._path)
        return iter(self._target)

    def __len__(self) -> int:
        RECORDER.note(self._path)
        return len(self._target)

    def keys(self):
        RECORDER.note(self._path)
        return self._target.keys()

    def values(self):
        RECORDER.note(self._path)
        return self._target.values()

    def items(self):
        RECORDER.note(self._path)
        return self._target.items()


def resolve(root: Any, fact: Fact) -> Any:
    """What ``fact`` reads of ``root`` (the catalog) now: its value, ``MISSING`` where a
    key or attribute is gone, or the error a call raises (as a tuple of its type and
    arguments, which digests like any value)."""
    value = root
    try:
        for step in fact:
            if step == OPAQUE:
                return object()  # digests as UNSTABLE: never equal to the last build
            if step[0] == "attr":
                value = getattr(value, step[1])
            elif step[0] == "item":
                value = value[step[1]]
            else:
                value = getattr(value, step[1])(*step[2])
    except (KeyError, AttributeError, IndexError):
        return MISSING
    except Exception as error:  # a call that fails now fails the same way on the page
        return ("raised", type(error).__qualname__, tuple(map(str, error.args)))
    return value


class remembered:
    """``functools.cached_property`` that notes, on every use, the facts its first
    computation read (the value stands for those reads on every page that uses it)."""

    def __init__(self, function: Callable[[Any], Any]):
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __get__(self, owner: Any, cls: type | None = None) -> Any:
        if owner is None:
            return self
        key = f"_remembered_{self.name}"  # not the name: that would shadow this descriptor
        entry = owner.__dict__.get(key)
        if entry is None:
            entry = owner.__dict__[key] = _remembering(lambda: self.function(owner))
        value, facts = entry
        RECORDER.note_all(facts)
        return value


class RememberedCache:
    """A dict cache whose entries note, on every use, the facts computing them read."""

    def __init__(self) -> None:
        self._entries: dict[Any, tuple[Any, set[Fact]]] = {}

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = _remembering(compute)
        value, facts = entry
        RECORDER.note_all(facts)
        return value


def _remembering(compute: Callable[[], Any]) -> tuple[Any, set[Fact]]:
    facts: set[Fact] = set()
    RECORDER.nested.append(facts)
    try:
        value = compute()
    finally:
        RECORDER.nested.remove(facts)
    return value, facts
