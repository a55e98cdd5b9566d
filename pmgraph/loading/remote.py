"""Remote stores: read from any SPARQL 1.1 endpoint, publish the ontology into one.

A company that outgrows one machine keeps its graph in a SPARQL 1.1 store (Oxigraph server,
Fuseki, GraphDB, ...). :func:`connect` gives an :class:`rdflib.Graph` over such an endpoint
(read-only, rdflib's ``SPARQLStore``): ``graph.query(text)`` and ``graph.triples(...)`` go over
the SPARQL 1.1 Protocol, and :func:`pmgraph.sparql.run_query` works on it as on an embedded
graph. :func:`publish` loads a graph into a named graph of the store with SPARQL 1.1 Update
(``DROP SILENT GRAPH`` then ``INSERT DATA``), so publishing twice leaves the same triples.
"""

from __future__ import annotations

from collections.abc import Mapping

import urllib.error
import urllib.request

import rdflib
from rdflib import URIRef

from ..errors import EndpointError
from ..vocab import BASE, PREFIXES

__all__ = ["connect", "publish", "update_endpoint_for", "DEFAULT_GRAPH", "CHUNK"]

#: The named graph pmgraph publishes into and reads from unless told otherwise.
DEFAULT_GRAPH = BASE + "graph"
#: Triples per INSERT DATA request.
CHUNK = 20_000


def connect(endpoint: str, *, graph: str | None = DEFAULT_GRAPH) -> rdflib.Graph:
    """A read-only rdflib Graph over the SPARQL 1.1 query ``endpoint``.

    CLI twin: the ``--endpoint URL`` option (or ``PMGRAPH_ENDPOINT``) of every read command.

    Parameters
    ----------
    endpoint : str
        The query URL, e.g. ``http://127.0.0.1:7878/query`` for an Oxigraph server.
    graph : str or None
        The named graph holding the ontology (sent as ``default-graph-uri``); ``None`` reads
        the store's default graph.
    """
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(endpoint, returnFormat="json", method="POST_FORM")
    # Never a Graph without identifier: it gets a blank node, which SPARQLStore sends nowhere.
    identifier = URIRef(graph) if graph else rdflib.graph.DATASET_DEFAULT_GRAPH_ID
    remote = rdflib.Graph(store=store, identifier=identifier)
    for prefix, namespace in PREFIXES.items():
        remote.bind(prefix, namespace, override=True, replace=True)
    return remote


def update_endpoint_for(endpoint: str) -> str:
    """The update URL next to a query URL: ``.../query`` or ``.../sparql`` -> ``.../update``."""
    for suffix in ("/query", "/sparql"):
        if endpoint.rstrip("/").endswith(suffix):
            return endpoint.rstrip("/")[: -len(suffix)] + "/update"
    return endpoint


def _post_update(url: str, text: str) -> None:
    request = urllib.request.Request(
        url, data=text.encode("utf-8"),
        headers={"Content-Type": "application/sparql-update; charset=utf-8"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=300) as reply:
            reply.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:300]
        raise EndpointError(f"The update endpoint {url} answered {error.code}: {detail}") from None
    except OSError as error:
        raise EndpointError(f"Cannot reach the update endpoint {url}: {error}") from None


def publish(
    graph: rdflib.Graph,
    endpoint: str,
    *,
    graph_iri: str = DEFAULT_GRAPH,
    update_endpoint: str | None = None,
    named: Mapping[str, rdflib.Graph] | None = None,
) -> int:
    """Replace the named graph ``graph_iri`` in a SPARQL 1.1 store with ``graph``'s triples.

    Idempotent: the graph is dropped and written again, so publishing twice leaves the same
    triples. Returns the number of triples sent into ``graph_iri``. Each of ``named`` (graph IRI
    -> graph: a bundled framework's own graph, ``https://w3id.org/pmgraph/framework/<id>``) is
    replaced the same way, besides.

    CLI twin: ``pmgraph publish --endpoint URL [--graph IRI] [FILE...]``.

    Parameters
    ----------
    graph : rdflib.Graph
        What to publish, usually :func:`pmgraph.load` (bundled ontology plus the user's files).
    endpoint : str
        The store's query URL; the update URL is derived (``/query`` -> ``/update``) unless
        ``update_endpoint`` is given.
    graph_iri : str
        The named graph to write.

    Raises
    ------
    EndpointError
        The store cannot be reached or refuses the update.
    """
    url = update_endpoint or update_endpoint_for(endpoint)
    count = _replace(url, graph_iri, graph)
    for iri, part in sorted((named or {}).items()):
        _replace(url, iri, part)
    return count


def _replace(url: str, graph_iri: str, graph: rdflib.Graph) -> int:
    """DROP the named graph ``graph_iri`` at update URL ``url`` and INSERT ``graph`` into it, in chunks."""
    target = URIRef(graph_iri).n3()
    lines = [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph]
    chunks = [lines[i:i + CHUNK] for i in range(0, len(lines), CHUNK)] or [[]]
    for number, chunk in enumerate(chunks):
        body = "INSERT DATA { GRAPH " + target + " {\n" + "\n".join(chunk) + "\n} }"
        if number == 0:
            body = f"DROP SILENT GRAPH {target} ;\n" + body
        _post_update(url, body)
    return len(lines)
