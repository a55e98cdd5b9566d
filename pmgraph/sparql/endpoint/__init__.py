"""A read-only SPARQL 1.1 Protocol endpoint over a pmgraph graph (``pmgraph serve``).

- ``GET /sparql?query=...``, ``POST /sparql`` with ``application/x-www-form-urlencoded``
  (``query=``) or ``application/sparql-query`` (UTF-8; another charset is 415); ``/sparql/``,
  ``/query`` and ``/`` answer the same way. Every query-side and bad-request case of the W3C
  SPARQL 1.1 Protocol test suite passes (``tests/test_protocol.py``).
- The dataset: the default graph holds the whole graph; the named graphs are
  ``https://w3id.org/pmgraph/graph`` (the same triples) and each bundled framework's data
  (``https://w3id.org/pmgraph/framework/<id>``). ``default-graph-uri`` and ``named-graph-uri``
  (in the URL or the form body) give a query another dataset, replacing its ``FROM``/``FROM NAMED``.
  Relative IRIs resolve against ``https://w3id.org/pmgraph/`` unless the query has a ``BASE``.
- ``GET`` without a query: the SPARQL 1.1 Service Description (:mod:`pmgraph.sparql.service`),
  by content negotiation; a browser (``Accept: text/html``) gets the query page instead, and
  so does a client of ``/`` that states no preference.
- Results by content negotiation (``Accept``): ``application/sparql-results+json`` (default),
  ``application/sparql-results+xml``, ``text/csv``, ``text/tab-separated-values`` for SELECT and
  ASK, written by pyoxigraph's serialisers; ``text/turtle`` (default), ``application/n-triples``,
  ``application/n-quads``, ``application/trig``, ``application/ld+json`` (or
  ``application/json``), ``application/rdf+xml`` and ``text/n3`` for CONSTRUCT and DESCRIBE.
  406 when nothing acceptable is offered.
- Read-only: an update request (``update=`` or ``application/sparql-update``) gets 403, as does
  a query using ``SERVICE`` (found by a parse of the query). A syntax error gets 400 with the
  line, column and message. Methods other than GET, HEAD, POST and OPTIONS get 405 with ``Allow``.
- Every query runs in a worker process (:mod:`pmgraph.sparql.sandbox`) that cannot open a
  network socket (Linux), under a memory limit (``max_memory`` beyond the data), and is
  **killed** at ``timeout`` seconds: the client gets 503 and the worker's CPU and memory are
  released at once; a query past its memory limit gets 503 too, and the server keeps answering.
  A result of more than ``max_results`` rows or triples gets **500** ("refused: add a LIMIT").
- Connections: served by uvicorn (HTTP/1.1, keep-alive) with the bounds it leaves out added
  (:mod:`~pmgraph.sparql.endpoint.transport`): at most ``connection_limit`` at once; a request's head within
  ``channel_timeout`` seconds (however slowly it trickles in) and at most 64 KiB (431), its body
  within another ``channel_timeout`` (408) and at most 1 MB (413); a client that stops reading
  its answer for ``channel_timeout`` is cut off. A malformed ``Content-Length`` is 400.
- A successful answer is kept (:class:`~pmgraph.sparql.endpoint.cache.AnswerCache`, ``answer_cache``
  bytes): the served graph does not change, so a repeated query is answered without a worker.
- Safe defaults: loopback only; any other ``host`` needs a ``token`` (clients send
The rooms: :mod:`~pmgraph.sparql.endpoint.app` (the server and its ASGI application),
:mod:`~pmgraph.sparql.endpoint.negotiation` (media types and ``Accept``),
:mod:`~pmgraph.sparql.endpoint.cache` (the answer cache), :mod:`~pmgraph.sparql.endpoint.worker`
(what a query worker does), :mod:`~pmgraph.sparql.endpoint.transport` (the socket and uvicorn).
"""

from .app import DEFAULT_PORT, LOOPBACK, SparqlServer, is_loopback, make_server, page_for
from .cache import ANSWER_CACHE, AnswerCache
from .negotiation import MEDIA_TYPES, negotiate

__all__ = ["make_server", "SparqlServer", "AnswerCache", "ANSWER_CACHE", "MEDIA_TYPES", "DEFAULT_PORT", "LOOPBACK",
           "is_loopback", "negotiate", "page_for"]
