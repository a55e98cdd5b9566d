"""The presentation family: every result pmgraph computes, written in a format, found by type.

``render(result, "markdown")`` writes ``result`` — a :class:`~pmgraph.render.results.Paths`, a
:class:`~pmgraph.career.skills.SkillDelta`, a :class:`~pmgraph.audit.validation.ValidationReport`,
... — as the renderer registered for its type and that format does. JSON is, for every type, its
``to_dict()`` as stable JSON unless a type registers its own. The CLI ends every command with
one call to it; a notebook or a report may call it too. Output is deterministic.

Rooms:

- ``__init__`` — the registry: :func:`renders` (register), :func:`render`, :func:`formats`.
- :mod:`~pmgraph.render.results` — the result types a command answers with that the library
  returns as plain lists (paths with their weight, moves from a role, a role list, ...).
- :mod:`~pmgraph.render.career` — paths, moves, deltas, gaps, roles, skills, ladders, leverage.
- :mod:`~pmgraph.render.catalogue` — a role described, role cards, frameworks, provenance,
  validation reports, saved queries, the cache.

How years, estimates, who states a fact, suggestions and escaping are written is not here but
one layer down, in :mod:`pmgraph.wording`, so that the career family, the views and the errors
write them the same way. This family sits above the features (it knows their result types)
and below the CLI.

Examples
--------
>>> from pmgraph import load
>>> from pmgraph.resources import ontology_dir
>>> from pmgraph.career.paths import shortest_paths
>>> from pmgraph.render.results import Paths
>>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
>>> print(render(Paths(shortest_paths(graph, "fx-pm", "fx-gpm"), by="hops"), "text").splitlines()[0])
Fixture PM -> Fixture Group PM, by hops (fewest steps)
>>> "markdown" in formats(Paths)
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["render", "renders", "formats", "Renderer"]

#: A renderer: the result -> its text in one format (CSV with its CRLF line ends).
Renderer = Callable[[Any], str]
_R = TypeVar("_R", bound=Renderer)

#: (type name, format) -> renderer. Keyed by the class's name, not the class, so that
#: registering costs no import of the feature that defines it (``pmgraph path`` does not load
#: the validator to start).
_RENDERERS: dict[tuple[str, str], Renderer] = {}


def renders(kind: str, *formats: str) -> Callable[[_R], _R]:
    """Register the decorated function as the renderer of results of class ``kind`` (its name)
    in ``formats``."""
    def register(function: _R) -> _R:
        for name in formats:
            _RENDERERS[kind, name] = function
        return function
    return register


def _kind(result: object) -> list[str]:
    return [cls.__qualname__ for cls in type(result).__mro__ if cls.__module__.startswith("pmgraph.")]


def formats(kind: type | str) -> tuple[str, ...]:
    """The formats results of class ``kind`` can be written in: its registered ones, and json."""
    _load()
    name = kind if isinstance(kind, str) else kind.__qualname__
    found = [f for (k, f) in _RENDERERS if k == name]
    return tuple(found) + (() if "json" in found else ("json",))


def render(result: object, format: str) -> str:
    """``result`` written as ``format`` ("text", "json", "markdown", "csv", "mermaid", "html").

    Raises ValueError for a format the result's type has no renderer for.
    """
    _load()
    for name in _kind(result):
        if (name, format) in _RENDERERS:
            return _RENDERERS[name, format](result)
    to_dict = getattr(result, "to_dict", None)
    if format == "json" and to_dict is not None:
        from ..wording import to_json

        return to_json(to_dict())
    kinds = _kind(result)
    known = formats(kinds[0]) if kinds else ()
    raise ValueError(f"cannot write a {type(result).__name__} as {format!r}; use one of {', '.join(known) or 'none'}")


def _load() -> None:
    """Register the renderers (importing their modules imports no feature)."""
    from . import career, catalogue  # noqa: F401
