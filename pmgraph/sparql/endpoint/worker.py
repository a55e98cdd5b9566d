"""What the endpoint's query workers do (:mod:`pmgraph.sparql.sandbox` runs them): the served graph
copied once into a private on-disk store, opened read-only in each worker, and one query run and
written there in the negotiated format, its errors as HTTP statuses."""

from __future__ import annotations

import rdflib

from ...errors import QueryError, QueryRefusedError
from ..formats import format_result
from ..query import Dataset, query_form, run_query
from .negotiation import GRAPH_MEDIA, TABULAR_MEDIA, negotiate

__all__ = ["copy_into_store", "open_graph", "answer"]


def copy_into_store(graph: rdflib.Graph, directory: str) -> None:
    """``graph``'s dataset into a new on-disk Oxigraph store at ``directory``: its default graph,
    its named graphs, and the copy of the whole graph (``WHOLE_GRAPH``) made afresh from the
    default graph as it is now (a graph changed since it was loaded is served as it is)."""
    import pyoxigraph as ox

    from ...loading.engines import oxigraph_store
    from ...loading.store import add_named_graphs
    from ...resources import WHOLE_GRAPH

    target = ox.Store(directory)
    source = oxigraph_store(graph)
    if source is not None:
        target.bulk_extend(source.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        for named in source.named_graphs():
            if not (isinstance(named, ox.NamedNode) and named.value == WHOLE_GRAPH):
                target.add_graph(named)
                target.bulk_extend(source.quads_for_pattern(None, None, None, named))
    else:  # a plain rdflib graph: through N-Triples
        data = graph.serialize(format="nt", encoding="utf-8")
        target.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    add_named_graphs(target, frameworks=False, bulk=True)
    target.flush()
    del target


def open_graph(directory: str) -> rdflib.Graph:
    """A worker's graph: the server's store, read-only (runs in the worker)."""
    import pyoxigraph as ox

    from ...loading.engines import wrap_store

    graph = wrap_store(ox.Store.read_only(directory))
    run_query(graph, "ASK { ?s ?p ?o }")  # first-use initialisation before the first client
    return graph


class _Reply(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


def answer(graph: rdflib.Graph, text: str, accept: str | None, max_results: int,
            dataset: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> tuple[int, str, bytes]:
    """Run one query and render it (in a worker): (status, media type, body), errors included."""
    try:
        form = query_form(text)
        offers = GRAPH_MEDIA if form in ("CONSTRUCT", "DESCRIBE") else TABULAR_MEDIA
        media = negotiate(accept, offers)
        if media is None:
            raise _Reply(406, f"No acceptable result format; this query offers {', '.join(offers)}.")
        result = run_query(graph, text, max_rows=max_results, dataset=Dataset(*dataset) if dataset else None)
        return 200, media, format_result(result, offers[media]).encode("utf-8")
    except _Reply as reply:
        return reply.status, "text/plain", (reply.message + "\n").encode("utf-8")
    except QueryRefusedError as error:
        return 500 if error.reason == "size" else 403, "text/plain", (str(error) + "\n").encode("utf-8")
    except QueryError as error:
        return 400, "text/plain", (str(error) + "\n").encode("utf-8")
    except MemoryError:
        raise  # the worker reports it, and is replaced
    except Exception as error:  # the engine or a serialiser failing on a term it cannot handle
        message = " ".join(f"The query failed in the engine: {type(error).__name__}: {error}".split())[:300]
        return 500, "text/plain", (message + "\n").encode("utf-8")
