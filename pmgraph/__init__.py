"""pmgraph: a knowledge graph of product leadership roles, and the tools to question it.

The public API; the ``pmgraph`` command line is a thin layer over it.

>>> import pmgraph
>>> graph = pmgraph.load()
>>> pmgraph.validate(graph).conforms
True
"""

from __future__ import annotations

from .errors import InvalidDataError, NoPathError, PmGraphError, QueryError, UnknownRoleError

# typing.TYPE_CHECKING without importing typing on `import pmgraph`; type checkers take it as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    __version__: str  # computed by __getattr__; declared without a value, so the lookup still runs

# Paths, skills and views pull in networkx; load them on first use so `pmgraph validate` starts fast.
_LAZY = {
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


# Any: each name is a different function, class or constant, found by name at run time. Importing them
# here for type checkers instead would make every module that imports pmgraph (loading.cache does)
# depend on all of them, breaking the one-way-down import contract.
def __getattr__(name: str) -> Any:
    # Everything loads on first use, so `pmgraph path` on a cached graph never imports rdflib.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("pmgraph")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+unknown"
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'pmgraph' has no attribute {name!r}")


__all__ = [
    *_LAZY,
    "__version__",
    "load",
    "load_store",
    "validate",
    "ValidationReport",
    "Violation",
    "PM",
    "PmGraphError",
    "InvalidDataError",
    "UnknownRoleError",
    "NoPathError",
    "QueryError",
]
