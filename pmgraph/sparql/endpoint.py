"""A read-only SPARQL 1.1 Protocol endpoint over a pmgraph graph (``pmgraph serve``).

- ``GET /sparql?query=...``, ``POST /sparql`` with ``application/x-www-form-urlencoded``
  (``query=``) or ``application/sparql-query``; ``/query`` and ``/`` answer the same way.
- Results by content negotiation (``Accept``): ``application/sparql-results+json`` (default),
  ``application/sparql-results+xml``, ``text/csv``, ``text/tab-separated-values`` for SELECT and
  ASK; ``text/turtle`` (default), ``application/ld+json``, ``application/n-triples``,
  ``application/rdf+xml`` for CONSTRUCT and DESCRIBE. 406 when nothing acceptable is offered.
- Read-only: an update request (``update=`` or ``application/sparql-update``) gets 403, as does
  a query using ``SERVICE``. A syntax error gets 400 with the line, column and message.
- Limits: a query that runs longer than ``timeout`` seconds gets **503** with a message (the
  query is abandoned; Oxigraph cannot cancel it, so it finishes in a worker thread and its
  result is dropped); a result of more than ``max_results`` rows or triples gets **500**
  ("refused: add a LIMIT"), the protocol's status for a refused query.
- The dataset is the served graph: ``default-graph-uri``/``named-graph-uri`` and ``FROM`` name
  graphs inside it and never load anything.
- ``GET /`` without a query serves a small HTML page with a query box; it uses no external
  resources, so it works offline.

Each query is run and its results consumed in one worker thread (pyoxigraph results are bound
to the thread that made them), and rdflib's non-thread-safe SPARQL parser is never used.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import rdflib

from ..errors import QueryError, QueryRefusedError
from ..vocab import REFERENCE_CREDIT
from .formats import format_result
from .query import query_form, run_query

__all__ = ["make_server", "SparqlServer", "MEDIA_TYPES", "DEFAULT_PORT"]

DEFAULT_PORT = 7878

#: Media type -> pmgraph format, for tabular (SELECT, ASK) and graph results.
TABULAR_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "n-triples",
    "text/plain": "n-triples",
    "application/rdf+xml": "rdf-xml",
}
MEDIA_TYPES = {**TABULAR_MEDIA, **GRAPH_MEDIA}


def negotiate(accept: str | None, offers: dict[str, str]) -> str | None:
    """The offered media type ``accept`` likes best (first offer wins ties), or None."""
    if not accept:
        return next(iter(offers))
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        quality = 1.0
        for piece in pieces[1:]:
            if piece.startswith("q="):
                try:
                    quality = float(piece[2:])
                except ValueError:
                    quality = 0.0
        if media:
            ranges.append((media, quality))

    def quality_of(offer: str) -> float:
        best, specificity = 0.0, -1
        kind = offer.split("/")[0]
        for media, quality in ranges:
            if media == offer:
                level = 2
            elif media == f"{kind}/*":
                level = 1
            elif media == "*/*":
                level = 0
            else:
                continue
            if level > specificity:
                best, specificity = quality, level
        return best

    scored = [(quality_of(offer), -i, offer) for i, offer in enumerate(offers)]
    quality, _, offer = max(scored)
    return offer if quality > 0 else None


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the graph, the limits and the query worker pool."""

    daemon_threads = True
    request_queue_size = 128
    server_address: tuple[str, int]  # an IPv4 server's (host, port): what make_server binds

    def __init__(self, address: tuple[str, int], graph: rdflib.Graph, *, timeout: float, max_results: int,
                 workers: int = 8, log: Callable[[str], object] | None = None):
        self.graph = graph
        self.page = page_for(graph)
        self.query_timeout = timeout
        self.max_results = max_results
        self.log = log
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pmgraph-query")
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def make_server(
    graph: rdflib.Graph,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    timeout: float = 10.0,
    max_results: int = 10_000,
    log: Callable[[str], object] | None = None,
) -> SparqlServer:
    """A read-only SPARQL 1.1 Protocol server over ``graph``; call ``serve_forever()`` on it.

    CLI twin: ``pmgraph serve``.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to serve, usually :func:`pmgraph.load`.
    host, port : str, int
        Where to listen; loopback by default. Port 0 picks a free port (see ``server.url``).
    timeout : float
        Seconds a query may run before the client gets 503.
    max_results : int
        Rows (or triples) a result may have before the client gets 500.
    log : callable, optional
        Called with one line per request; ``None`` logs nothing.

    Examples
    --------
    >>> import pmgraph, threading, urllib.request, json
    >>> server = make_server(pmgraph.load(), port=0)
    >>> _ = threading.Thread(target=server.serve_forever, daemon=True).start()
    >>> with urllib.request.urlopen(server.url + "?query=ASK%7B%3Fr%20a%20pm%3ARole%7D") as reply:
    ...     json.load(reply)["boolean"]
    True
    >>> server.shutdown(); server.server_close()
    """
    # Warm the query path once in this thread: first-use initialisation never races.
    run_query(graph, "ASK { ?s ?p ?o }")
    return SparqlServer((host, port), graph, timeout=timeout, max_results=max_results, log=log)


class _Reply(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


def _answer(graph: rdflib.Graph, text: str, accept: str | None, max_results: int) -> tuple[int, str, bytes]:
    """Run one query and render it, entirely in the calling (worker) thread."""
    form = query_form(text)
    offers = GRAPH_MEDIA if form in ("CONSTRUCT", "DESCRIBE") else TABULAR_MEDIA
    media = negotiate(accept, offers)
    if media is None:
        raise _Reply(406, f"No acceptable result format; this query offers {', '.join(offers)}.")
    result = run_query(graph, text, max_rows=max_results)
    body = format_result(result, offers[media])
    return 200, media, body.encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "pmgraph-sparql"

    # ------------------------------------------------------------------ plumbing

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        if content_type.startswith("text/") or content_type.endswith(("json", "xml")):
            content_type += "; charset=utf-8"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain", (message + "\n").encode("utf-8"))

    # ------------------------------------------------------------------ methods

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path not in ("/", "/sparql", "/query"):
            return self._error(404, f"Not found: {url.path}. The SPARQL endpoint is /sparql.")
        if "update" in params:
            return self._refuse_update()
        if "query" not in params:
            if url.path == "/":
                return self._send(200, "text/html", self.server.page)
            return self._error(400, "Missing the 'query' parameter (SPARQL 1.1 Protocol).")
        self._run(params["query"])

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ("/", "/sparql", "/query", "/update"):
            return self._error(404, f"Not found: {url.path}. The SPARQL endpoint is /sparql.")
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            return self._error(413, "Query too long (more than 1 MB).")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path == "/update" or media == "application/sparql-update":
            return self._refuse_update()
        if media == "application/sparql-query":
            return self._run([body])
        if media == "application/x-www-form-urlencoded":
            params = parse_qs(body, keep_blank_values=True)
            if "update" in params:
                return self._refuse_update()
            if "query" not in params:
                return self._error(400, "Missing the 'query' parameter (SPARQL 1.1 Protocol).")
            return self._run(params["query"])
        return self._error(
            415,
            "POST a query as application/sparql-query or application/x-www-form-urlencoded.",
        )

    def _refuse_update(self) -> None:
        self._error(403, "This endpoint is read-only: SPARQL Update is refused.")

    def _run(self, queries: list[str]) -> None:
        if len(queries) != 1:
            return self._error(400, "Give exactly one 'query' parameter.")
        text = queries[0]
        server = self.server
        future = server.pool.submit(_answer, server.graph, text, self.headers.get("Accept"),
                                    server.max_results)
        try:
            status, media, body = future.result(timeout=server.query_timeout)
        except FutureTimeout:
            future.cancel()
            return self._error(
                503, f"Query exceeded the time limit of {server.query_timeout:g} s and was abandoned; "
                "narrow it or add a LIMIT."
            )
        except _Reply as reply:
            return self._error(reply.status, reply.message)
        except QueryRefusedError as error:
            return self._error(500 if error.reason == "size" else 403, str(error))
        except QueryError as error:
            return self._error(400, str(error))
        self._send(status, media, body)


DEFAULT_QUERY = """SELECT ?role ?label ?level WHERE {
  ?role a pm:Role ; skos:prefLabel ?label ; pm:level ?level .
}
ORDER BY DESC(?level) ?label"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>pmgraph SPARQL endpoint</title>
<style>
 body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
 textarea{width:100%;height:14em;font-family:monospace;font-size:0.95em}
 table{border-collapse:collapse;margin-top:1em} td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
 pre{background:#f5f5f5;padding:1em;overflow:auto} .error{color:#a00}
</style></head>
<body>
<h1>pmgraph SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the pmgraph ontology. The prefixes pm:, role:, skill:, skos:, dct:,
... are predeclared. Clients: POST or GET to <code>/sparql</code>.</p>
<form id="f" method="get" action="/sparql">
<textarea name="query" id="q">__QUERY__</textarea><br>
<button type="submit">Run</button>
</form>
<div id="out"></div>
<footer><p><small>__CREDIT__</small></p></footer>
<script>
document.getElementById('f').addEventListener('submit', function (event) {
  event.preventDefault();
  var out = document.getElementById('out');
  out.textContent = 'running...';
  fetch('/sparql', {method: 'POST', headers: {'Content-Type': 'application/sparql-query',
        'Accept': 'application/sparql-results+json, text/turtle;q=0.9'},
        body: document.getElementById('q').value})
    .then(function (r) { return r.text().then(function (t) { return [r, t]; }); })
    .then(function (pair) {
      var r = pair[0], t = pair[1];
      out.innerHTML = '';
      if (!r.ok) { var p = document.createElement('pre'); p.className = 'error'; p.textContent = r.status + ' ' + t; out.appendChild(p); return; }
      if ((r.headers.get('Content-Type') || '').indexOf('json') < 0) { var g = document.createElement('pre'); g.textContent = t; out.appendChild(g); return; }
      var data = JSON.parse(t);
      if ('boolean' in data) { out.textContent = String(data.boolean); return; }
      var table = document.createElement('table'), head = table.insertRow();
      data.head.vars.forEach(function (v) { var th = document.createElement('th'); th.textContent = v; head.appendChild(th); });
      data.results.bindings.forEach(function (b) {
        var row = table.insertRow();
        data.head.vars.forEach(function (v) { row.insertCell().textContent = b[v] ? b[v].value : ''; });
      });
      out.appendChild(table);
      var n = document.createElement('p'); n.textContent = data.results.bindings.length + ' rows'; out.appendChild(n);
    })
    .catch(function (e) { out.textContent = String(e); });
});
</script>
</body></html>
""".replace("__QUERY__", DEFAULT_QUERY.replace("&", "&amp;").replace("<", "&lt;"))


_FRAMEWORKS_SHOWN = """SELECT DISTINCT ?title ?attribution WHERE {
  ?framework a pm:Framework ; dct:title ?title . OPTIONAL { ?framework pm:attribution ?attribution }
} ORDER BY ?title"""
_REFERENCE_SHOWN = "ASK { ?role a pm:Role FILTER NOT EXISTS { ?role pm:framework ?any } }"


def page_for(graph: rdflib.Graph) -> bytes:
    """The endpoint's page, crediting the data ``graph`` holds (each framework's attribution)."""
    import html

    parts = [f"{row[0]}. {row[1]}" if row[1] is not None else f"{row[0]}."
             for row in run_query(graph, _FRAMEWORKS_SHOWN).rows]
    if run_query(graph, _REFERENCE_SHOWN).boolean or not parts:
        parts.insert(0, REFERENCE_CREDIT)
    return PAGE.replace("__CREDIT__", html.escape("Data: " + " ".join(parts))).encode("utf-8")
