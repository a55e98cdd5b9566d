"""pmgraph: a knowledge graph of product leadership roles, and the tools to question it.

The public API; the ``pmgraph`` command line is a thin layer over it.

Its functions take names as people type them: ``pmgraph.shortest_path(graph, "senior pm", "cpo")``
resolves "senior pm" and "cpo" (:func:`pmgraph.resolve_role`; tracks and functions too), then calls
:func:`pmgraph.career.paths.shortest_path`, which takes role ids as networkx takes nodes. Each is
its twin in :mod:`pmgraph.career` or :mod:`pmgraph.viz` wrapped by
:func:`pmgraph.career.names.by_name`, with the twin's signature and docstring.

>>> import pmgraph
>>> graph = pmgraph.load()
>>> pmgraph.validate(graph).conforms
True
"""

from __future__ import annotations

from .errors import InvalidDataError, NoPathError, PmGraphError, QueryError, UnknownRoleError

# typing.TYPE_CHECKING without importing typing on `import pmgraph`; type checkers take it as True.
TYPE_CHECKING = False
if TYPE_CHECKING:  # what a user's type checker sees: every curated name with its real type
    from .audit.validation import ValidationReport as ValidationReport, Violation as Violation, validate as validate
    from .career.model import CareerGraph as CareerGraph
    from .career.names import resolve_role as resolve_role
    from .career.paths import (
        Path as Path,
        Step as Step,
        next_moves as next_moves,
        shortest_path as shortest_path,
        shortest_paths as shortest_paths,
    )
    from .career.projection import project as project
    from .career.roles import describe_role as describe_role, roles as roles
    from .career.skills import (
        path_delta as path_delta,
        read_profile as read_profile,
        skill_delta as skill_delta,
        skill_gap as skill_gap,
    )
    from .loading.graph import load as load
    from .loading.store import load_store as load_store
    from .viz import (
        View as View,
        career_view as career_view,
        delta_view as delta_view,
        focus_view as focus_view,
        org_view as org_view,
        path_view as path_view,
    )
    from .vocab import PM as PM

    __version__: str

# What runs: each name is imported on first use, from the module _LAZY names (the same as above).
# Paths, skills and views pull in networkx, validation rdflib: `pmgraph path` on a cached graph
# imports neither.
_LAZY: dict[str, str] = {
    "load": "loading.graph", "load_store": "loading.store",
    "validate": "audit.validation", "ValidationReport": "audit.validation", "Violation": "audit.validation",
    "PM": "vocab",
    "project": "career.projection", "resolve_role": "career.names", "CareerGraph": "career.model",
    "roles": "career.roles", "describe_role": "career.roles", "next_moves": "career.paths",
    "shortest_path": "career.paths", "shortest_paths": "career.paths", "Path": "career.paths", "Step": "career.paths",
    "skill_delta": "career.skills", "path_delta": "career.skills", "skill_gap": "career.skills",
    "read_profile": "career.skills",
    "career_view": "viz", "focus_view": "viz", "path_view": "viz", "delta_view": "viz", "org_view": "viz",
    "View": "viz",
}

# The curated functions that take names where their twins take ids: the parameters resolved first.
_PATH_NAMES = {"roles": ("source", "target", "via"), "role_lists": ("avoid",), "tracks": ("track",)}
_BY_NAME: dict[str, dict[str, tuple[str, ...]]] = {
    "shortest_path": _PATH_NAMES, "shortest_paths": _PATH_NAMES, "path_view": _PATH_NAMES,
    "next_moves": {"roles": ("role",)}, "describe_role": {"roles": ("role",)}, "focus_view": {"roles": ("role",)},
    "roles": {"tracks": ("track",), "functions": ("function",)},
    "skill_delta": {"roles": ("source", "target")}, "delta_view": {"roles": ("source", "target")},
    "path_delta": {"role_lists": ("path",)}, "skill_gap": {"roles": ("target",)},
}


def _lazy_attribute(name: str) -> object:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("pmgraph")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+unknown"
    if name in _LAZY:
        from importlib import import_module

        found = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        if name in _BY_NAME:
            from .career.names import by_name

            found = globals()[name] = by_name(found, **_BY_NAME[name])  # built once, then a plain attribute
        return found
    raise AttributeError(f"module 'pmgraph' has no attribute {name!r}")


if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is an error, not Any
    __getattr__ = _lazy_attribute


__all__ = [
    *_LAZY,
    "__version__",
    "PmGraphError",
    "InvalidDataError",
    "UnknownRoleError",
    "NoPathError",
    "QueryError",
]
