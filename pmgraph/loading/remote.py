"""Remote stores: read from any SPARQL 1.1 endpoint, publish the ontology into one.

A company that outgrows one machine keeps its graph in a SPARQL 1.1 store (Oxigraph server,
Fuseki, GraphDB, ...). :func:`connect` gives an :class:`rdflib.Graph` over such an endpoint
(read-only, rdflib's ``SPARQLStore``): ``graph.query(text)`` and ``graph.triples(...)`` go over
the SPARQL 1.1 Protocol, and :func:`pmgraph.sparql.run_query` works on it as on an embedded
graph. :func:`publish` loads a graph, and the named graphs of its dataset (each bundled
framework's), into named graphs of the store with SPARQL 1.1 Update (``DROP SILENT GRAPH`` then
``INSERT DATA``), so publishing twice leaves the same triples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, cast

import rdflib
from rdflib import XSD, Literal, URIRef

from ..defaults import PUBLISH_CHUNK_SIZE
from ..resources import WHOLE_GRAPH
from ..vocab import PREFIXES
from .http import Remote

if TYPE_CHECKING:
    from rdflib.query import Result
    from rdflib.term import Node

__all__ = ["connect", "publish", "published_graphs", "construct", "download", "select", "update_endpoint_for",
           "Remote", "DEFAULT_GRAPH", "CHUNK_SIZE"]

#: The named graph pmgraph publishes the whole graph into and reads from unless told otherwise.
DEFAULT_GRAPH = WHOLE_GRAPH
#: Triples per INSERT DATA request (why this many: :data:`pmgraph.defaults.PUBLISH_CHUNK_SIZE`).
CHUNK_SIZE = PUBLISH_CHUNK_SIZE

#: What a SELECT or ASK may answer in, best first.
_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                 "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml"}


def _remote(endpoint: str | Remote) -> Remote:
    return endpoint if isinstance(endpoint, Remote) else Remote.at(endpoint)


def _store_class() -> type:
    """rdflib's SPARQLStore with its one HTTP funnel (``_query``) sent through :class:`Remote`:
    bounded in time and size, one-line errors, credentials. Made on first use (rdflib's SPARQL
    store imports its whole plugin machinery)."""
    global _STORE
    if _STORE is None:
        from rdflib.plugins.stores.sparqlstore import SPARQLStore

        class BoundedSPARQLStore(SPARQLStore):
            def __init__(self, remote: Remote):
                super().__init__(remote.url, returnFormat="json", method="POST_FORM")
                self.remote = remote

            def _query(self, query: str, default_graph: str | None = None,
                       named_graph: str | None = None) -> Result:
                return select(self.remote, query, default_graph=default_graph)

            def _inject_prefixes(self, query: str, extra_bindings: Mapping[str, Any]) -> str:
                # rdflib writes the graph's PREFIX lines before the whole query; Virtuoso 7 refuses
                # a BASE after a PREFIX (SPARQL allows either order), so a leading BASE stays first.
                base = re.match(r"\s*BASE\s*<[^>\s]*>", query, re.IGNORECASE)
                if base is None:
                    return super()._inject_prefixes(query, extra_bindings)
                return base.group() + "\n" + super()._inject_prefixes(query[base.end():], extra_bindings)

        _STORE = BoundedSPARQLStore
    return _STORE


_STORE: type | None = None


def select(remote: Remote, query: str, *, default_graph: str | None = None) -> Result:
    """Send a SELECT or ASK ``query``; its parsed answer, or an :class:`EndpointError` of one line."""
    from rdflib.query import Result
    from rdflib.term import BNode

    form = {"query": query}
    if default_graph is not None and not isinstance(default_graph, BNode):
        form["default-graph-uri"] = str(default_graph)
    reply = remote.send(_form(form), content_type=_FORM, accept=_RESULTS)
    kind = _RESULT_TYPES.get(reply.media_type)
    if kind is None:
        raise remote.fail(f"answered {reply.media_type or 'without a media type'}, not SPARQL results "
                          f"({_start(reply.body)})")
    try:
        return Result.parse(BytesIO(reply.body), format=kind)
    except Exception as error:  # rdflib's result parsers raise what their JSON/XML readers raise
        raise remote.fail(f"answered SPARQL results that do not parse ({type(error).__name__}: "
                          f"{str(error)[:120]})") from None


def construct(graph: rdflib.Graph, query: str) -> rdflib.Graph:
    """Send a CONSTRUCT or DESCRIBE ``query`` to the store behind ``graph`` (from :func:`connect`),
    asking for N-Triples (rdflib's SPARQLStore mangles graph answers); the triples it answers."""
    remote = _remote_of(graph)
    form = {"query": query}
    if isinstance(graph.identifier, URIRef) and graph.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
        form["default-graph-uri"] = str(graph.identifier)
    reply = remote.send(_form(form), content_type=_FORM,
                        accept="application/n-triples, text/plain;q=0.5")
    if reply.media_type not in ("application/n-triples", "text/plain"):
        raise remote.fail(f"answered {reply.media_type or 'without a media type'}, not N-Triples "
                          f"({_start(reply.body)})")
    answer = rdflib.Graph()
    try:
        answer.parse(data=reply.body.decode("utf-8"), format="nt")
    except Exception as error:  # a decoding or N-Triples syntax error in the store's answer
        raise remote.fail(f"answered N-Triples that do not parse ({type(error).__name__}: "
                          f"{str(error)[:120]})") from None
    return answer


_FORM = "application/x-www-form-urlencoded"


def _form(fields: Mapping[str, str]) -> bytes:
    import urllib.parse

    return urllib.parse.urlencode(fields).encode("ascii")


def _start(body: bytes) -> str:
    """How an answer begins, for an error: its first characters, printable."""
    text = body[:60].decode("utf-8", "replace")
    shown = "".join(c if c.isprintable() else "?" for c in text)
    return f"it begins {shown!r}" if body else "it is empty"


def connect(endpoint: str | Remote, *, graph: str | None = DEFAULT_GRAPH) -> rdflib.Graph:
    """A read-only rdflib Graph over the SPARQL 1.1 query ``endpoint``.

    CLI twin: the ``--endpoint URL`` option (or ``PMGRAPH_ENDPOINT``) of every read command.

    Every request is bounded in time (``Remote.timeout``, default 300 s; connecting at most 10 s)
    and size, and every failure is an :class:`~pmgraph.errors.EndpointError` of one line.

    Parameters
    ----------
    endpoint : str or Remote
        The query URL, e.g. ``http://127.0.0.1:7878/query`` for an Oxigraph server (HTTP basic
        credentials may be in it), or a :class:`Remote` with credentials and timeouts.
    graph : str or None
        The named graph holding the ontology (sent as ``default-graph-uri``); ``None`` reads
        the store's default graph.
    """
    store = _store_class()(_remote(endpoint))
    # Never a Graph without identifier: it gets a blank node, which SPARQLStore sends nowhere.
    identifier = URIRef(graph) if graph else rdflib.graph.DATASET_DEFAULT_GRAPH_ID
    remote = rdflib.Graph(store=store, identifier=identifier)
    for prefix, namespace in PREFIXES.items():
        remote.bind(prefix, namespace, override=True, replace=True)
    return remote


def download(graph: rdflib.Graph) -> rdflib.Graph:
    """Every triple of the remote ``graph`` (from :func:`connect`), in memory: what
    ``pmgraph --endpoint URL validate`` checks. Bounded as every request is (``Remote.max_bytes``).

    Raises :class:`~pmgraph.errors.EndpointError` when the answer holds fewer triples than the
    store counts in the graph: a store that cuts answers short (Virtuoso does, silently, at its
    ``ResultSetMaxRows``) must not pass for a smaller graph.
    """
    answer = construct(graph, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    held = len(graph)  # the store's own COUNT
    if len(answer) < held:
        raise _remote_of(graph).fail(
            f"answered {len(answer):,} of the {held:,} triples it holds: it cuts answers short "
            "(Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
    for prefix, namespace in PREFIXES.items():
        answer.bind(prefix, namespace, override=True, replace=True)
    return answer


def _remote_of(graph: rdflib.Graph) -> Remote:
    """The endpoint behind ``graph``, which :func:`connect` made."""
    found: Any = getattr(graph.store, "remote", None)
    if not isinstance(found, Remote):
        raise TypeError("not a graph over a remote store; make it with pmgraph.loading.remote.connect")
    return found


def update_endpoint_for(endpoint: str) -> str:
    """The update URL of a store whose query URL is ``endpoint``: ``.../query`` -> ``.../update``
    (Oxigraph, Fuseki's ``/DATASET/query``); any other URL takes updates itself (SPARQL 1.1
    Protocol allows one URL for both, and Virtuoso's ``/sparql`` does).

    >>> update_endpoint_for("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/update'
    >>> update_endpoint_for("http://127.0.0.1:8890/sparql")
    'http://127.0.0.1:8890/sparql'
    """
    stripped = endpoint.rstrip("/")
    if stripped.endswith("/query"):
        return stripped[: -len("/query")] + "/update"
    return endpoint


def published_graphs(graph: rdflib.Graph) -> dict[str, rdflib.Graph]:
    """The named graphs :func:`publish` writes besides the whole graph, by IRI, sorted: every named
    graph of the dataset behind ``graph`` (:func:`pmgraph.load` gives each bundled framework's
    data its own, ``https://w3id.org/pmgraph/framework/<id>``) except the copy of the whole graph
    (:data:`~pmgraph.resources.WHOLE_GRAPH`, which ``graph`` itself replaces) and ``graph``'s own.
    Empty for a graph with no dataset behind it (a plain rdflib Graph).

    >>> import pmgraph
    >>> sorted(published_graphs(pmgraph.load()))[0]
    'https://w3id.org/pmgraph/framework/ddat'
    """
    import pyoxigraph as ox

    from .engines import oxigraph_store

    store = oxigraph_store(graph)
    if store is None:
        return {}
    own = str(graph.identifier)
    names = sorted(name.value for name in store.named_graphs()
                   if isinstance(name, ox.NamedNode) and name.value not in (WHOLE_GRAPH, own))
    return {name: rdflib.Graph(store=graph.store, identifier=URIRef(name)) for name in names}


def publish(
    graph: rdflib.Graph,
    endpoint: str | Remote,
    *,
    graph_iri: str = DEFAULT_GRAPH,
    update_endpoint: str | None = None,
    named: Mapping[str, rdflib.Graph] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> int:
    """Replace the named graph ``graph_iri`` in a SPARQL 1.1 store with ``graph``'s triples, and
    each graph of ``named`` likewise.

    ``named`` (graph IRI -> graph) defaults to :func:`published_graphs`: for :func:`pmgraph.load`,
    each bundled framework's data in ``https://w3id.org/pmgraph/framework/<id>``, so the store
    holds the dataset the embedded graph does; ``{}`` writes ``graph_iri`` alone. Idempotent:
    each graph is dropped and written again, so publishing twice leaves the same triples.
    Returns the number of triples sent into ``graph_iri``.

    Checked, not trusted: every update must be acknowledged with a 2xx status (SPARQL 1.1
    Protocol, section 2.2), and afterwards the query endpoint must count exactly the triples
    sent in each graph — a web page that answers 200 to anything does not pass for a store.

    CLI twin: ``pmgraph publish --endpoint URL [--update-endpoint URL] [--graph IRI]
    [--chunk-size N] [FILE...]``.

    Parameters
    ----------
    graph : rdflib.Graph
        What to publish, usually :func:`pmgraph.load` (bundled ontology plus the user's files).
    endpoint : str or Remote
        The store's query URL (or a :class:`Remote` with credentials and timeouts): Oxigraph's
        ``http://HOST:7878/query``, Virtuoso's ``http://HOST:8890/sparql``, Fuseki's
        ``http://HOST:3030/DATASET/query``. The update URL is :func:`update_endpoint_for` that
        (``/query`` -> ``/update``; any other URL itself) unless ``update_endpoint`` is given.
    graph_iri : str
        The named graph to write the whole graph into.
    named : mapping of str to rdflib.Graph, optional
        More named graphs to write; by default :func:`published_graphs`.
    chunk_size : int
        Triples per ``INSERT DATA`` request (:data:`CHUNK_SIZE`, 500, suits Oxigraph and Virtuoso;
        Virtuoso refuses more than about 1,400). Triples that share a blank node always go in one
        request, so the node stays one node.

    Raises
    ------
    EndpointError
        The store cannot be reached, refuses an update, or does not hold what was sent; or a
        graph IRI is not absolute, or is both ``graph_iri`` and one of ``named``.
    """
    from ..errors import EndpointError
    from ..iris import is_absolute_iri

    if not 1 <= chunk_size <= 10_000_000:
        raise EndpointError(f"chunk size {chunk_size}: give a number of triples from 1 to 10000000")
    others = dict(published_graphs(graph) if named is None else named)
    for iri in (graph_iri, *others):
        if not is_absolute_iri(iri):
            raise EndpointError(f"graph {iri!r} is not an absolute IRI (like https://example.org/graph)")
    if graph_iri in others:
        raise EndpointError(f"graph <{graph_iri}> is also one of the named graphs published besides the "
                            "whole graph (a framework's?); name another graph for the whole graph")
    remote = _remote(endpoint)
    writer = remote.with_url(update_endpoint or update_endpoint_for(remote.url))
    graphs = {graph_iri: graph, **others}
    for iri, each in graphs.items():
        _replace(writer, iri, each, chunk_size)
    for iri, each in graphs.items():
        _check_count(remote, iri, len(each))
    return len(graph)


def _replace(writer: Remote, graph_iri: str, graph: rdflib.Graph, chunk: int) -> None:
    """DROP the named graph ``graph_iri`` and INSERT ``graph`` into it, in chunks."""
    target = URIRef(graph_iri).n3()
    for number, lines in enumerate(_chunks(graph, chunk)):
        body = "INSERT DATA { GRAPH " + target + " {\n" + "\n".join(lines) + "\n} }"
        if number == 0:
            body = f"DROP SILENT GRAPH {target} ;\n" + body
        writer.send(body.encode("utf-8"), content_type="application/sparql-update; charset=utf-8",
                    accept="*/*")


def _chunks(graph: rdflib.Graph, size: int) -> list[list[str]]:
    """N-Triples lines in requests of about ``size``; the triples of one blank-node cluster together
    (a blank node label means one node only within one request)."""
    from rdflib import BNode

    plain: list[str] = []
    parent: dict[BNode, BNode] = {}

    def root(node: BNode) -> BNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    linked: list[tuple[BNode, str]] = []
    for s, p, o in sorted(graph):
        line = f"{s.n3()} {p.n3()} {_object_n3(o)} ."
        blanks = [n for n in (s, o) if isinstance(n, BNode)]
        if not blanks:
            plain.append(line)
            continue
        first = root(blanks[0])
        for other in blanks[1:]:
            parent[root(other)] = first
        linked.append((blanks[0], line))
    clusters: dict[BNode, list[str]] = {}
    for node, line in linked:
        clusters.setdefault(root(node), []).append(line)
    chunks = [plain[i:i + size] for i in range(0, len(plain), size)]
    current: list[str] = []
    for lines in clusters.values():
        if current and len(current) + len(lines) > size:
            chunks.append(current)
            current = []
        current.extend(lines)
    if current:
        chunks.append(current)
    return chunks or [[]]


def _object_n3(term: Node) -> str:
    """``term`` in N-Triples, a whole xsd:decimal with its decimal point (``"1"`` -> ``"1.0"``, the
    XSD 1.0 canonical form of the same value): Virtuoso 7 stores ``"1"^^xsd:decimal`` as the integer
    1 and answers ``xsd:integer`` for it ever after, but keeps ``"1.0"`` a decimal."""
    if isinstance(term, Literal) and term.datatype == XSD.decimal and re.fullmatch(r"[+-]?\d+", str(term)):
        return f'"{term}.0"^^<{XSD.decimal}>'
    return term.n3()


def _check_count(remote: Remote, graph_iri: str, expected: int) -> None:
    answer = select(remote, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {URIRef(graph_iri).n3()} {{ ?s ?p ?o }} }}")
    # A SELECT's answer iterates rows of terms (rdflib types it loosely: triples, booleans or rows).
    row = next(iter(cast("Iterable[tuple[object, ...]]", answer)), ())
    try:
        held = int(str(row[0]))
    except (IndexError, ValueError):
        raise remote.fail(f"did not answer how many triples <{graph_iri}> holds; "
                          "is this the store's query URL?") from None
    if held != expected:
        raise remote.fail(f"holds {held:,} triples in <{graph_iri}> after publishing {expected:,}: "
                          "the store did not apply the update (is update_endpoint right?)"
                          ).remedy("update_endpoint", "update_endpoint", " right?)")
