"""A graph as sorted N-Quads lines: what pmgraph's one graph writer (:mod:`pmgraph.exchange.write`)
writes from, read from RDF files (``pmgraph export``) or taken from a graph (a query's result).

Each quad is handled as its N-Quads line (``str`` of a pyoxigraph quad, which is what its N-Quads
writer writes): reading a term's attributes costs more than the whole line, and sorting strings
is fast. Triples are sorted by graph, subject, ``rdf:type`` first, predicate, object; blank nodes
are labelled ``b0``, ``b1``, ... in the order they first appear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..iris import PREFIXES
from ..resources import framework_graphs

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

__all__ = ["Lines", "read_lines", "graph_lines", "iris_of"]

_RDF_TYPE = PREFIXES["rdf"] + "type"


class Lines:
    """What one export writes: its triples (or quads), sorted, as (graph, N-Triples line) pairs
    (graph "" for the default graph) and as N-Quads ``text``; the same as pyoxigraph ``quads``, and
    the ``prefixes`` to write them with, worked out when first asked for (N-Triples and N-Quads
    need neither)."""

    def __init__(self, lines: list[tuple[str, str]], declared: dict[str, str]) -> None:
        self.lines = lines
        self.text = "".join(f"{line} {graph} .\n" if graph else f"{line} .\n" for graph, line in lines).encode("utf-8")
        self._declared = declared

    @cached_property
    def quads(self) -> list[ox.Quad]:
        import pyoxigraph as ox

        return list(ox.parse(self.text, format=ox.RdfFormat.N_QUADS))

    @cached_property
    def prefixes(self) -> dict[str, str]:
        return _used_prefixes(self.text, self._declared)


#: A prefix name every format reads alike (Turtle allows more; JSON-LD and RDF/XML less).
_PREFIX_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
#: How a quad sorts: (graph, subject, not rdf:type, its N-Quads line without graph and " .").
_Key = tuple[str, str, bool, str]
_TYPE = f"<{_RDF_TYPE}>"


def read_lines(sources: list[Path], *, quads: bool) -> Lines:
    """``sources`` parsed into the default graph (with the frameworks' named graphs when ``quads``),
    deduplicated, blank nodes relabelled by first appearance, sorted.

    Each quad is handled as its N-Quads line (``str`` of a pyoxigraph quad, which is what its
    N-Quads writer writes): reading a term's attributes costs more than the whole line, and
    sorting strings is fast. The sorted lines are parsed back into quads for the other writers.
    """
    labels: dict[str, ox.BlankNode] = {}
    declared: dict[str, str] = {}
    found: set[_Key] = set()
    named = list(framework_graphs().items()) if quads else []
    for path, graph in [*((p, "") for p in sources), *((p, f"<{g}>") for g, p in named)]:
        found.update(_parse(path, graph, labels, declared, quads=quads))
    return Lines([(graph, line) for graph, _subject, _typed, line in sorted(found)], declared)


def _parse(path: Path, graph: str, labels: dict[str, ox.BlankNode], declared: dict[str, str], *,
           quads: bool) -> Iterator[_Key]:
    """The sort keys of one file's quads, read as :func:`pmgraph.loading.formats.load_file` reads it
    (same format, base IRI, byte-order mark), its default graph put in ``graph`` (``<IRI>``; "" for
    the default graph), its own named graphs only when ``quads``. Its prefixes are added to
    ``declared`` (a name or namespace already there is kept)."""
    import pyoxigraph as ox

    from ..loading.formats import BOM, format_of_file, reading

    rdf_format = format_of_file(path)
    ox_format = rdf_format.reader()
    with reading(path):
        content = path.read_bytes()
        if content.startswith(BOM):
            content = content[len(BOM):]
        parser = ox.parse(content, format=ox_format, base_iri=path.absolute().as_uri(), rename_blank_nodes=True)
        parsed = list(parser)
    bound = set(declared.values())
    for name, namespace in parser.prefixes.items():
        if _PREFIX_NAME.fullmatch(name) and name not in declared and namespace not in bound:
            declared[name] = namespace
            bound.add(namespace)
    # Only a dataset format gives named graphs: N-Quads, TriG, JSON-LD, and N3 (its formulas are
    # blank-node graphs).
    yield from _keys(parsed, graph, labels, dataset=rdf_format.datasets, quads=quads)


def _keys(parsed: Iterable[ox.Quad], graph: str, labels: dict[str, ox.BlankNode], *, dataset: bool,
          quads: bool) -> Iterator[_Key]:
    """The sort keys of ``parsed``, their default graph put in ``graph``, their own named graphs
    kept only when ``quads``, blank nodes relabelled by first appearance (``labels``)."""
    import pyoxigraph as ox

    for quad in parsed:
        line = str(quad)
        if not dataset and "_:" not in line and "<<" not in line:
            subject, predicate, _rest = line.split(" ", 2)
            yield (graph, subject, predicate != _TYPE, line)
            continue
        # a blank node, a triple term or a named graph (or a literal that looks like one): the slow way
        subject_term, object_term = _relabel(quad.subject, labels), _relabel(quad.object, labels)
        graph_name = quad.graph_name
        own = "" if isinstance(graph_name, ox.DefaultGraph) else str(_relabel(graph_name, labels))
        if own and not quads:
            continue
        triple = ox.Triple(subject_term, quad.predicate, object_term)
        yield (own or graph, str(subject_term), quad.predicate.value != _RDF_TYPE, str(triple))


def _relabel(term: Any, labels: dict[str, ox.BlankNode]) -> Any:
    """``term`` with its blank nodes named by first appearance (``b0``, ``b1``, ...), inside triple terms too."""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        found = labels.get(term.value)
        if found is None:
            found = labels[term.value] = ox.BlankNode(f"b{len(labels)}")
        return found
    if isinstance(term, ox.Triple):
        return ox.Triple(_relabel(term.subject, labels), term.predicate, _relabel(term.object, labels))
    return term


def _used_prefixes(text: bytes, declared: dict[str, str]) -> dict[str, str]:
    """pmgraph's prefixes (:data:`pmgraph.iris.PREFIXES`, always, in their order), then the files'
    own prefixes whose namespace some IRI of the N-Quads ``text`` starts with, by name."""
    iris = sorted(iris_of(text))
    chosen = dict(PREFIXES)
    taken = set(chosen.values())
    for name in sorted(declared):
        namespace = declared[name]
        if name in chosen or namespace in taken:
            continue
        at = bisect_left(iris, namespace)
        if at < len(iris) and iris[at].startswith(namespace):
            chosen[name] = namespace
            taken.add(namespace)
    return chosen


_IRI = re.compile(rb"<([^<>\s]*)>")


def iris_of(text: bytes) -> set[str]:
    """Every IRI of the N-Quads ``text`` (subjects, predicates, objects, datatypes, graph names, in
    triple terms too), and any text in a literal that looks like one: for choosing prefixes, where
    one too many does no harm."""
    return {match.decode("utf-8") for match in set(_IRI.findall(text))}




def graph_lines(graph: rdflib.Graph) -> Lines:
    """The triples of rdflib ``graph`` (a query's result: on Oxigraph, or rdflib's store for a remote
    store's answer) as sorted lines, blank nodes relabelled by first appearance, pmgraph's prefixes.

    A term pyoxigraph refuses (a remote store's IRI with a space) raises :class:`InvalidDataError`.
    """
    import pyoxigraph as ox

    from ..errors import InvalidDataError
    from ..loading.engines import oxigraph_store

    store = oxigraph_store(graph)
    text = b"" if store is None else store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    try:
        if store is None:
            text = graph.serialize(format="nt", encoding="utf-8")
        parsed = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    except Exception as error:  # rdflib's serialiser raises a bare Exception for an IRI it cannot write
        raise InvalidDataError("the graph holds a term RDF does not allow "
                               f"({(str(error).splitlines() or ['?'])[0][:200]})") from None
    labels: dict[str, ox.BlankNode] = {}
    found = set(_keys(parsed, "", labels, dataset=False, quads=False))
    return Lines([(in_graph, line) for in_graph, _subject, _typed, line in sorted(found)], {})
