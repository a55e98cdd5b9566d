"""Loading: ontology files -> one rdflib Graph.

The graph users and tests see is always an :class:`rdflib.Graph`. Behind it sits an engine,
chosen by measurement (``benchmarks/bench_load.py``): Oxigraph through oxrdflib parses the
bundled ontology about an order of magnitude faster than rdflib's own parser and answers
SPARQL in Rust. ``engine="rdflib"`` keeps the pure-Python store for comparison.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path

import rdflib
from rdflib import SKOS, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .errors import InvalidDataError
from .resources import ontology_files
from .store import FUNCTIONAL as _FUNCTIONAL
from .store import RDF_FORMATS, formats_for, load_file, load_store, reading
from .vocab import PREFIXES

__all__ = ["load", "parse_into", "find_conflicts", "FUNCTIONAL", "ENGINES", "DEFAULT_ENGINE", "RDF_FORMATS"]

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


def wrap_store(store, *, namespaces: str = "rdflib") -> rdflib.Graph:
    """An rdflib Graph over the default graph of pyoxigraph ``store`` (no copy), prefixes bound.

    ``namespaces`` is rdflib's ``bind_namespaces``: which of its own prefixes to bind besides
    pmgraph's ("core" for a query's result graph: binding rdflib's ~30 costs more than a small
    query).
    """
    from oxrdflib.store import OxigraphStore  # directly: rdflib's plugin lookup scans entry points

    # The default graph, not a blank-node named graph, so raw pyoxigraph queries see it.
    return _bind(rdflib.Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID,
                              bind_namespaces=namespaces))


def _bind(graph: rdflib.Graph) -> rdflib.Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def parse_into(graph: rdflib.Graph, path: str | PathLike[str], *, engine: str = DEFAULT_ENGINE) -> None:
    """Parse one RDF file into ``graph``; a bad file raises :class:`InvalidDataError`.

    Nothing of a file that fails to parse is added to the graph.
    """
    path = Path(path)
    ox_format, rdflib_format = formats_for(path)
    inner = getattr(graph.store, "_inner", None) if engine == "oxigraph" else None
    if inner is not None:  # what oxrdflib's parser does, without rdflib's plugin lookup
        load_file(inner, path)
        return
    with reading(path):
        if engine == "oxigraph":
            graph.parse(str(path), format=ox_format)
        else:
            staging = rdflib.Graph()
            staging.parse(str(path), format=rdflib_format)
            for triple in staging:
                graph.add(triple)


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
        Load the bundled ontology (schema, skills, roles) first. ``False`` loads only ``files``.
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
        return wrap_store(load_store(files, bundled=bundled))
    graph = new_graph(engine)
    extra = [Path(f) for f in files]
    sources = [*(ontology_files() if bundled else []), *extra]
    if not extra:
        for path in sources:
            parse_into(graph, path, engine=engine)
        return graph
    # As :func:`pmgraph.store.load_store` does on the embedded store: only pairs stated by a
    # file other than the largest can conflict.
    largest = max(sources, key=_size)
    watched: set[tuple] = set()
    for path in sources:
        if path is not largest:
            staging = new_graph(engine)
            parse_into(staging, path, engine=engine)
            watched |= {(s, p) for p in FUNCTIONAL for s in staging.subjects(p, None)}
        parse_into(graph, path, engine=engine)
    if any(_values_differ(graph, s, p) for s, p in watched):
        raise_merge_conflicts(graph, extra, bundled=bundled, engine=engine)
    return graph


def raise_merge_conflicts(graph, extra: list[Path], *, bundled: bool, engine: str = DEFAULT_ENGINE) -> None:
    """Raise :class:`InvalidDataError` naming the files behind each merge conflict in ``graph``.

    ``graph`` (an rdflib Graph or a pyoxigraph Store) holds a single-valued property with two
    values. Find out which file states which, to tell a merge conflict (two files disagree)
    from a file's own error (``pmgraph validate`` reports those) or one value written two ways;
    return quietly when it is no merge conflict. Parsing each file again costs time, but only
    on this rare path.
    """
    if not isinstance(graph, rdflib.Graph):
        graph = wrap_store(graph)
    origins: dict[tuple, set[str]] = {}
    if bundled:
        staging = new_graph(engine)
        for path in ontology_files():
            parse_into(staging, path, engine=engine)
        _note_origins(staging, "the bundled ontology", origins)
    for path in extra:
        staging = new_graph(engine)
        parse_into(staging, path, engine=engine)
        _note_origins(staging, str(path), origins)
    conflicts = find_conflicts(graph, origins=origins)
    if conflicts:
        more = f" (and {len(conflicts) - 3} more)" if len(conflicts) > 3 else ""
        raise InvalidDataError("conflicting definitions, not merged: " + "; ".join(conflicts[:3]) + more
                               + " — keep one value in one file")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1  # parse_into reports it


def _values_differ(graph: rdflib.Graph, subject, predicate) -> bool:
    values = {(_slot(predicate, o), _same(o)) for o in graph.objects(subject, predicate)}
    slots = [slot for slot, _value in values]
    return len(slots) != len(set(slots))


def store_may_conflict(store) -> bool:
    """Whether any single-valued property has two values on one subject in ``store`` (pyoxigraph).

    The query engine looks, in Rust; the cache uses it on a store it has just filled.
    """
    values = " ".join(f"<{p}>" for p in FUNCTIONAL)
    query = (f"ASK {{ VALUES ?p {{ {values} }} ?s ?p ?a , ?b . FILTER(?a != ?b && "
             f"(?p != <{SKOS.prefLabel}> || LANG(?a) = LANG(?b))) }}")
    return bool(store.query(query))


def _note_origins(graph: rdflib.Graph, name: str, origins: dict[tuple, set[str]]) -> None:
    for predicate in FUNCTIONAL:
        for subject, obj in graph.subject_objects(predicate):
            origins.setdefault((subject, predicate, obj), set()).add(name)


def _slot(predicate, obj):
    """Values compete only within one slot: prefLabels per language."""
    if predicate == SKOS.prefLabel and isinstance(obj, Literal):
        return obj.language or ""
    return None


def _same(obj) -> object:
    """Compare typed literals by value (2.0 and 2.00 are one decimal), other terms as they are."""
    if isinstance(obj, Literal) and obj.datatype is not None and obj.value is not None:
        return (obj.datatype, obj.value)
    return obj


def find_conflicts(graph: rdflib.Graph, *, origins: dict[tuple, set[str]] | None = None) -> list[str]:
    """Single-valued properties (:data:`FUNCTIONAL`) with two values on one subject, in words.

    CLI twin: every command given ``--data FILE`` fails with these when there are any.

    Parameters
    ----------
    graph : rdflib.Graph
        The merged graph.
    origins : dict, optional
        (subject, predicate, object) -> names of the files stating it, to say where each value
        comes from. When given, only values merged from different files conflict: two values in
        one file are that file's own error, which ``pmgraph validate`` reports node by node.

    Returns
    -------
    list of str
        One line per conflict, e.g. ``"'Senior PM' (role:spm) pm:level is 3 (in a.ttl) and 4
        (in b.ttl)"``, sorted.

    Examples
    --------
    >>> from pmgraph.graph import find_conflicts
    >>> find_conflicts(load())
    []
    """
    found = []
    nm = graph.namespace_manager

    def compact(node) -> str:
        try:
            return nm.normalizeUri(node)
        except Exception:  # rdflib raises assorted errors on IRIs it cannot split
            return f"<{node}>"

    for predicate in FUNCTIONAL:
        values: dict[tuple, dict] = {}
        for subject, obj in graph.subject_objects(predicate):
            values.setdefault((subject, _slot(predicate, obj)), {}).setdefault(_same(obj), []).append(obj)
        for (subject, _slot_key), distinct in values.items():
            if len(distinct) < 2:
                continue
            if origins is not None:
                stated = [{f for o in objs for f in origins.get((subject, predicate, o), ())}
                          for objs in distinct.values()]
                if set.intersection(*stated):
                    continue  # one file says both: not a merge conflict; the shapes report it
            label = next((str(l) for l in graph.objects(subject, SKOS.prefLabel)
                          if getattr(l, "language", None) in ("en", None)), None)
            who = f"{label!r} ({compact(subject)})" if label else compact(subject)
            shown = []
            for objs in sorted(distinct.values(), key=lambda o: str(o[0])):
                obj = objs[0]
                text = repr(str(obj)) if isinstance(obj, Literal) else compact(obj)
                where = sorted({f for o in objs for f in (origins or {}).get((subject, predicate, o), ())})
                shown.append(f"{text} (in {', '.join(where)})" if where else text)
            found.append(f"{who} {compact(predicate)} is " + " and ".join(shown))
    return sorted(found)
