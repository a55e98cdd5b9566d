"""The networkx projection of a graph: built once per graph object (:func:`project`).

Everything paths and skill deltas need is read from the RDF graph by a few SPARQL SELECT
queries (:mod:`pmgraph.career.read`), so the same code runs against the embedded Oxigraph
store and a remote SPARQL endpoint (rdflib ``SPARQLStore``). After that it is networkx and
Python.
"""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING, TypeAlias

from .model import CareerGraph
from .read import build, runner

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

__all__ = ["project"]

#: What :func:`project` accepts, and so every function taking a graph in :mod:`pmgraph.career`.
GraphLike: TypeAlias = "rdflib.Graph | pyoxigraph.Store | CareerGraph"

_CACHE: dict[int, tuple[weakref.ref[rdflib.Graph | pyoxigraph.Store], CareerGraph]] = {}


def project(graph: GraphLike) -> CareerGraph:
    """The :class:`CareerGraph` of ``graph``, built on first use and cached per graph object.

    ``graph`` is an rdflib Graph from :func:`pmgraph.load` or :func:`pmgraph.loading.remote.connect`,
    or a pyoxigraph Store from :func:`pmgraph.loading.store.load_store` (projected afresh on each
    call: a Store takes no weak references). Build it again by loading again: a graph changed
    after its first projection is not re-read. On the embedded store, responsibilities and
    reporting lines are read when first used (a path needs neither). Accepts a :class:`CareerGraph`
    too and returns it unchanged.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> career = project(graph)
    >>> career.digraph.number_of_nodes(), career.digraph.number_of_edges()
    (8, 10)
    >>> project(graph) is career
    True
    """
    if isinstance(graph, CareerGraph):
        return graph
    if type(graph).__module__ == "pyoxigraph":  # no weak references to a Store: not cached
        return _project(graph)
    # rdflib Graphs compare and hash by identifier (every Oxigraph graph has the same one), so
    # key by object identity and check the weak reference still points at this graph.
    cached = _CACHE.get(id(graph))
    if cached is not None and cached[0]() is graph:
        return cached[1]
    career = _project(graph)
    key = id(graph)

    def forget(_ref: weakref.ref[rdflib.Graph | pyoxigraph.Store], key: int = key) -> None:
        _CACHE.pop(key, None)

    _CACHE[key] = (weakref.ref(graph, forget), career)
    return career


def _project(graph: rdflib.Graph | pyoxigraph.Store) -> CareerGraph:
    run, embedded = runner(graph)
    collecting = gc.isenabled()
    gc.disable()  # ~1M new objects on a big graph: the cyclic collector would run hundreds of times
    try:
        career = build(run, lazy=embedded)
    finally:
        if collecting:
            gc.enable()
    return career
