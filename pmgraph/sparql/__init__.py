"""SPARQL for analysts: running read-only queries, saved queries, result formats, the endpoint.

The rooms: :mod:`~pmgraph.sparql.query` runs a query (checks, parameter binding, engines),
:mod:`~pmgraph.sparql.rows` turns Oxigraph's answers into rows, :mod:`~pmgraph.sparql.formats`
writes results (table, CSV, TSV, JSON, XML, Markdown, RDF), :mod:`~pmgraph.sparql.saved` reads
and binds the ``.rq`` files in ``queries/``, and :mod:`~pmgraph.sparql.endpoint` serves them over
the SPARQL 1.1 Protocol (imported on its own: it pulls in the HTTP server).

CLI twins: ``pmgraph query``, ``pmgraph queries``, ``pmgraph serve``.

>>> from pmgraph import load, sparql
>>> result = sparql.run_query(load(), "ASK { ?role a pm:Role }")
>>> result.boolean
True
"""

from .formats import add_labels, compact, format_result
from .query import FORMATS, GRAPH_FORMATS, TABULAR_FORMATS, QueryResult, Term, check_query, query_form, run_query
from .saved import Parameter, SavedQuery, bind_parameters, load_saved, read_query_file, run_saved, saved_queries

__all__ = [
    "QueryResult",
    "Term",
    "SavedQuery",
    "Parameter",
    "run_query",
    "run_saved",
    "bind_parameters",
    "saved_queries",
    "load_saved",
    "read_query_file",
    "format_result",
    "add_labels",
    "compact",
    "check_query",
    "query_form",
    "FORMATS",
    "TABULAR_FORMATS",
    "GRAPH_FORMATS",
]
