"""pmgraph: a knowledge graph of product leadership roles, and the tools to question it.

The public API; the ``pmgraph`` command line is a thin layer over it.

>>> import pmgraph
>>> graph = pmgraph.load()
>>> pmgraph.validate(graph).conforms
True
"""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("pmgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

from .errors import InvalidDataError, NoPathError, PmGraphError, QueryError, UnknownRoleError
from .graph import load
from .validate import ValidationReport, Violation, validate
from .vocab import PM

__all__ = [
    "__version__",
    "load",
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
