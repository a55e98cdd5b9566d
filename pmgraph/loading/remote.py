"""Remote stores: read from any SPARQL 1.1 endpoint, publish the ontology into one.

A company that outgrows one machine keeps its graph in a SPARQL 1.1 store (Oxigraph server,
Fuseki, GraphDB, ...). :func:`connect` gives an :class:`rdflib.Graph` over such an endpoint
(read-only, rdflib's ``SPARQLStore``): ``graph.query(text)`` and ``graph.triples(...)`` go over
the SPARQL 1.1 Protocol, and :func:`pmgraph.sparql.run_query` works on it as on an embedded
graph. :func:`publish` loads a graph into a named graph of the store with SPARQL 1.1 Update
(``DROP SILENT GRAPH`` then ``INSERT DATA``), so publishing twice leaves the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, cast

import rdflib
from rdflib import URIRef

from ..vocab import BASE, PREFIXES
from .http import Remote

if TYPE_CHECKING:
    from rdflib.query import Result

__all__ = ["connect", "publish", "construct", "download", "select", "update_endpoint_for", "Remote", "DEFAULT_GRAPH", "CHUNK"]

#: The named graph pmgraph publishes into and reads from unless told otherwise.
DEFAULT_GRAPH = BASE + "graph"
#: Triples per INSERT DATA request.
CHUNK = 20_000

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
    ``pmgraph --endpoint URL validate`` checks. Bounded as every request is (``Remote.max_bytes``)."""
    answer = construct(graph, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
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
    """The update URL next to a query URL: ``.../query`` or ``.../sparql`` -> ``.../update``."""
    for suffix in ("/query", "/sparql"):
        if endpoint.rstrip("/").endswith(suffix):
            return endpoint.rstrip("/")[: -len(suffix)] + "/update"
    return endpoint


def publish(
    graph: rdflib.Graph,
    endpoint: str | Remote,
    *,
    graph_iri: str = DEFAULT_GRAPH,
    update_endpoint: str | None = None,
    named: Mapping[str, rdflib.Graph] | None = None,
    chunk: int = CHUNK,
) -> int:
    """Replace the named graph ``graph_iri`` in a SPARQL 1.1 store with ``graph``'s triples.

    Idempotent: the graph is dropped and written again, so publishing twice leaves the same
    triples. Returns the number of triples sent into ``graph_iri``. Each of ``named`` (graph IRI
    -> graph: a bundled framework's own graph, ``https://w3id.org/pmgraph/framework/<id>``) is
    replaced the same way, besides.

    Checked, not trusted: every update must be acknowledged with a 2xx status (SPARQL 1.1
    Protocol, section 2.2), and afterwards the query endpoint must count exactly the triples
    sent in each graph — a web page that answers 200 to anything does not pass for a store.

    CLI twin: ``pmgraph publish --endpoint URL [--graph IRI] [--chunk N] [FILE...]``.

    Parameters
    ----------
    graph : rdflib.Graph
        What to publish, usually :func:`pmgraph.load` (bundled ontology plus the user's files).
    endpoint : str or Remote
        The store's query URL (or a :class:`Remote` with credentials and timeouts); the update
        URL is derived (``/query`` -> ``/update``) unless ``update_endpoint`` is given.
    graph_iri : str
        The named graph to write.
    chunk : int
        Triples per ``INSERT DATA`` request (Virtuoso needs about 1,000). Triples that share a
        blank node always go in one request, so the node stays one node.

    Raises
    ------
    EndpointError
        The store cannot be reached, refuses an update, or does not hold what was sent.
    """
    from ..errors import EndpointError

    from ..iris import is_absolute_iri

    if not 1 <= chunk <= 10_000_000:
        raise EndpointError(f"chunk {chunk}: give a number of triples from 1 to 10000000")
    for iri in (graph_iri, *(named or {})):
        if not is_absolute_iri(iri):
            raise EndpointError(f"graph {iri!r} is not an absolute IRI (like https://example.org/graph)")
    remote = _remote(endpoint)
    writer = remote.with_url(update_endpoint or update_endpoint_for(remote.url))
    graphs = {graph_iri: graph, **dict(named or {})}
    for iri in sorted(graphs, key=lambda i: (i != graph_iri, i)):
        _replace(writer, iri, graphs[iri], chunk)
    for iri in sorted(graphs, key=lambda i: (i != graph_iri, i)):
        _check_count(remote, iri, len(graphs[iri]))
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
        line = f"{s.n3()} {p.n3()} {o.n3()} ."
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
                          "the store did not apply the update (is --update-endpoint right?)")
