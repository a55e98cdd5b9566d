"""The engines behind an rdflib Graph: Oxigraph (through oxrdflib) or rdflib's own memory store.

The graph users and tests see is always an :class:`rdflib.Graph`. Behind it sits an engine,
chosen by measurement (``benchmarks/bench_load.py``): Oxigraph through oxrdflib parses the
bundled ontology about an order of magnitude faster than rdflib's own parser and answers
SPARQL in Rust. ``engine="rdflib"`` keeps the pure-Python store for comparison.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import rdflib
from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..vocab import PREFIXES
from .formats import FUNCTIONAL as _FUNCTIONAL, format_of_file, load_file, reading

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["oxigraph_store", "ENGINES", "DEFAULT_ENGINE", "FUNCTIONAL", "new_graph", "wrap_store", "parse_into"]

ENGINES = ("oxigraph", "rdflib")
DEFAULT_ENGINE = "oxigraph"

#: Properties that hold one value per subject (skos:prefLabel: one per language). Two values
#: merged from different files are a conflict, reported by :func:`find_conflicts`.
FUNCTIONAL = tuple(URIRef(iri) for iri in _FUNCTIONAL)


def new_graph(engine: str = DEFAULT_ENGINE) -> rdflib.Graph:
    """An empty graph on ``engine`` with pmgraph's prefixes bound."""
    if engine == "oxigraph":
        import pyoxigraph as ox

        return wrap_store(ox.Store())
    if engine != "rdflib":
        raise ValueError(f"Unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return _bind(rdflib.Graph())


def wrap_store(store: pyoxigraph.Store, *, namespaces: Literal["core", "rdflib", "none"] = "rdflib") -> rdflib.Graph:
    """An rdflib Graph over the default graph of pyoxigraph ``store`` (no copy), prefixes bound.

    ``namespaces`` is rdflib's ``bind_namespaces``: which of its own prefixes to bind besides
    pmgraph's ("core" for a query's result graph: binding rdflib's ~30 costs more than a small
    query).
    """
    from oxrdflib.store import OxigraphStore  # directly: rdflib's plugin lookup scans entry points

    # The default graph, not a blank-node named graph, so raw pyoxigraph queries see it.
    return _bind(rdflib.Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID,
                              bind_namespaces=namespaces))


def oxigraph_store(graph: rdflib.Graph | pyoxigraph.Store) -> pyoxigraph.Store | None:
    """The pyoxigraph Store behind ``graph`` (with its named graphs), or None.

    ``graph`` is an rdflib Graph (embedded on Oxigraph: its store; on rdflib's memory store or a
    remote endpoint: None) or a pyoxigraph Store (itself). The one place that reads oxrdflib's
    private ``_inner``.
    """
    import pyoxigraph as ox

    if isinstance(graph, ox.Store):
        return graph
    inner = getattr(graph.store, "_inner", None)
    return inner if isinstance(inner, ox.Store) else None


def _bind(graph: rdflib.Graph) -> rdflib.Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def parse_into(graph: rdflib.Graph, path: str | PathLike[str], *, engine: str = DEFAULT_ENGINE) -> None:
    """Parse one RDF file into ``graph``; a bad file raises :class:`InvalidDataError`.

    Nothing of a file that fails to parse is added to the graph.
    """
    path = Path(path)
    rdf_format = format_of_file(path)
    store = oxigraph_store(graph) if engine == "oxigraph" else None
    if store is not None:  # what oxrdflib's parser does, without rdflib's plugin lookup
        load_file(store, path)
        return
    with reading(path):
        if engine == "oxigraph":  # an rdflib Graph over another Oxigraph store: oxrdflib's parser
            graph.parse(str(path), format="ox-" + rdf_format.rdflib)
        else:  # the default graph only, as an rdflib Graph holds no named graphs
            staging = rdflib.Graph()
            staging.parse(str(path), format=rdf_format.rdflib)
            for triple in staging:
                graph.add(triple)
