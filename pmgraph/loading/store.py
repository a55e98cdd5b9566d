"""Files into a pyoxigraph Store, without rdflib: the short road from Turtle to a projection.

:func:`pmgraph.load` wraps the same store in an rdflib Graph. ``pmgraph path`` and the other
projection commands need only the store, and skipping rdflib and oxrdflib saves ~0.3 s of
imports on a first run (``benchmarks/bench_scale.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..iris import PREFIXES
from ..resources import WHOLE_GRAPH, framework_graph, framework_graphs, ontology_files
from .formats import FUNCTIONAL, load_file

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["load_store", "add_named_graphs", "select"]

_SKOS = PREFIXES["skos"]


def load_store(files: Iterable[str | PathLike[str]] = (), *, bundled: bool = True) -> pyoxigraph.Store:
    """The bundled ontology plus ``files`` in one pyoxigraph Store, checked for merge conflicts.

    Everything is in the default graph; a bundled framework's file is also loaded into its own
    named graph, ``https://w3id.org/pmgraph/framework/<id>``.

    What :func:`pmgraph.load` does, without rdflib; :func:`pmgraph.career.projection.project` accepts
    the store. Raises :class:`InvalidDataError` for a missing or malformed file and for two
    files that give one subject different values of a single-valued property.

    Examples
    --------
    >>> from pmgraph.career.projection import project
    >>> career = project(load_store(["tests/data/ladder.ttl"]))
    >>> "fx-cpo" in career.roles
    True
    """
    import pyoxigraph as ox

    store = ox.Store()
    extra = [Path(f) for f in files]
    sources = [*(ontology_files() if bundled else []), *extra]
    # A bundled framework is also its own named graph (GRAPH <https://w3id.org/pmgraph/framework/<id>>);
    # the default graph holds everything, as every reader expects.
    for path in extra:
        named = framework_graph(path)
        if named is not None:
            load_file(store, path, graph=named)
    if not extra:
        for path in sources:
            load_file(store, path)
        return store
    # A merge conflict needs two files to give one subject a single-valued property. Every
    # conflict therefore involves a file other than the largest: load those first, note the
    # (subject, property) pairs they state, load the largest, and look only at those pairs.
    largest = max(sources, key=_size)
    for path in sources:
        if path is not largest:
            load_file(store, path)
    watched = {(q.subject, q.predicate) for p in FUNCTIONAL
               for q in store.quads_for_pattern(None, ox.NamedNode(p), None, ox.DefaultGraph())}
    load_file(store, largest)
    if any(_several(store, s, p) for s, p in watched):
        # Two values somewhere: tell a merge conflict (two files disagree) from a file's own
        # error, or from one value written two ways (2.0 and 2.00), with rdflib: a rare path.
        from .conflicts import raise_merge_conflicts

        raise_merge_conflicts(store, extra, bundled=bundled)
    return store


def add_named_graphs(store: pyoxigraph.Store, *, frameworks: bool = True, bulk: bool = False) -> None:
    """Give ``store`` pmgraph's named graphs: :data:`~pmgraph.resources.WHOLE_GRAPH`, a copy of
    its default graph as it is now, and with ``frameworks`` every bundled framework's data in its
    own graph (``https://w3id.org/pmgraph/framework/<id>``, see
    :func:`~pmgraph.resources.framework_graphs`).

    What makes ``FROM``, ``FROM NAMED``, ``GRAPH`` and the protocol's dataset parameters mean the
    same in the embedded graph, the cache, ``pmgraph serve`` and a store after ``publish``. The
    default graph is left as it is (what the commands read). The copy of the whole graph is made
    afresh; a framework's graph already there is kept.
    """
    import pyoxigraph as ox

    whole = ox.NamedNode(WHOLE_GRAPH)
    if store.contains_named_graph(whole):
        store.remove_graph(whole)
    store.add_graph(whole)
    # Copied in Rust, as N-Triples: twice as fast as quad by quad (blank nodes get new labels,
    # so the copy is the same graph up to them, as any copy into a store is).
    copy = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    (store.bulk_load if bulk else store.load)(copy, format=ox.RdfFormat.N_TRIPLES, to_graph=whole)
    for iri, path in framework_graphs().items() if frameworks else ():
        if not store.contains_named_graph(ox.NamedNode(iri)):
            store.add_graph(ox.NamedNode(iri))
            load_file(store, path, bulk=bulk, graph=iri)


def _several(store: pyoxigraph.Store, subject: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Triple,
             predicate: pyoxigraph.NamedNode) -> bool:
    """Whether ``subject`` has two values of ``predicate`` (prefLabels: two in one language)."""
    import pyoxigraph as ox

    seen: set[str | None] = set()
    for quad in store.quads_for_pattern(subject, predicate, None, ox.DefaultGraph()):
        slot = getattr(quad.object, "language", None) if predicate.value == _SKOS + "prefLabel" else None
        if slot in seen:
            return True
        seen.add(slot)
    return False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1  # load_file reports it


def select(store: pyoxigraph.Store, query: str) -> list[tuple[str | None, ...]]:
    """The rows of SELECT ``query`` on ``store``, each term as its string value (``None`` unbound),
    in the order of the query's variables: for reports that need neither rdflib nor term types."""
    import pyoxigraph as ox

    answer = cast(ox.QuerySolutions, store.query(query))
    names = [v.value for v in answer.variables]
    rows = []
    for solution in answer:
        terms = [solution[name] for name in names]
        rows.append(tuple(None if term is None else str(getattr(term, "value", term)) for term in terms))
    return rows
