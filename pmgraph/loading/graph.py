"""Loading: the bundled ontology and a user's files -> one rdflib Graph, checked for merge conflicts."""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib

from ..resources import ontology_files
from .conflicts import raise_merge_conflicts, values_differ
from .engines import DEFAULT_ENGINE, FUNCTIONAL, new_graph, parse_into, wrap_store
from .store import add_named_graphs, load_store

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["load"]


def load(
    files: Iterable[str | PathLike[str]] = (),
    *,
    bundled: bool = True,
    engine: str = DEFAULT_ENGINE,
) -> rdflib.Graph:
    """Load the bundled ontology plus the user's ``files`` into one rdflib Graph.

    CLI twin: the ``--data FILE`` option of every command; ``pmgraph validate FILE ...``.

    Parameters
    ----------
    files : iterable of path-like
        Extra RDF files (Turtle, N-Triples, RDF/XML, JSON-LD by suffix) merged into the graph.
    bundled : bool
        Load the bundled ontology (schema, skills, roles) first, and give the store each bundled
        framework's data as a named graph. ``False`` loads only ``files``.
    engine : {"oxigraph", "rdflib"}
        The store behind the graph.

    Raises
    ------
    InvalidDataError
        A file is missing or malformed; the error names the file and line.

    Examples
    --------
    >>> from pmgraph import load, PM
    >>> from rdflib import RDF
    >>> graph = load()
    >>> len(set(graph.subjects(RDF.type, PM.Role))) >= 24
    True
    """
    if engine == "oxigraph":
        store = load_store(files, bundled=bundled)
        add_named_graphs(store, frameworks=bundled)  # the dataset: see pmgraph.loading.store
        return wrap_store(store)
    graph = new_graph(engine)
    extra = [Path(f) for f in files]
    sources = [*(ontology_files() if bundled else []), *extra]
    if not extra:
        for path in sources:
            parse_into(graph, path, engine=engine)
        return graph
    # As :func:`pmgraph.loading.store.load_store` does on the embedded store: only pairs stated by a
    # file other than the largest can conflict.
    largest = max(sources, key=_size)
    watched: set[tuple[Node, Node]] = set()
    for path in sources:
        if path is not largest:
            staging = new_graph(engine)
            parse_into(staging, path, engine=engine)
            watched |= {(s, p) for p in FUNCTIONAL for s in staging.subjects(p, None)}
        parse_into(graph, path, engine=engine)
    if any(values_differ(graph, s, p) for s, p in watched):
        raise_merge_conflicts(graph, extra, bundled=bundled, engine=engine)
    return graph


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1  # parse_into reports it
