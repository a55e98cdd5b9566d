"""A read-only SPARQL 1.1 Protocol endpoint over a pmgraph graph (``pmgraph serve``).

- ``GET /sparql?query=...``, ``POST /sparql`` with ``application/x-www-form-urlencoded``
  (``query=``) or ``application/sparql-query``; ``/query`` and ``/`` answer the same way.
- Results by content negotiation (``Accept``): ``application/sparql-results+json`` (default),
  ``application/sparql-results+xml``, ``text/csv``, ``text/tab-separated-values`` for SELECT and
  ASK; ``text/turtle`` (default), ``application/ld+json``, ``application/n-triples``,
  ``application/rdf+xml`` for CONSTRUCT and DESCRIBE. 406 when nothing acceptable is offered.
- Read-only: an update request (``update=`` or ``application/sparql-update``) gets 403, as does
  a query using ``SERVICE`` (found by a parse of the query). A syntax error gets 400 with the
  line, column and message. Methods other than GET, HEAD, POST and OPTIONS get 405 with ``Allow``.
- Every query runs in a worker process (:mod:`pmgraph.sparql.sandbox`) that cannot open a
  network socket (Linux), under a memory limit (``max_memory`` beyond the data), and is
  **killed** at ``timeout`` seconds: the client gets 503 and the worker's CPU and memory are
  released at once; a query past its memory limit gets 503 too, and the server keeps answering.
  A result of more than ``max_results`` rows or triples gets **500** ("refused: add a LIMIT").
- Connections: served by waitress (HTTP/1.1, keep-alive), at most ``connection_limit`` at once,
  each closed after ``channel_timeout`` seconds without progress (slow clients); bodies over
  1 MB get 413, a missing or malformed ``Content-Length`` 400/411.
- Safe defaults: loopback only; any other ``host`` needs a ``token`` (clients send
  ``Authorization: Bearer TOKEN`` or ``?token=TOKEN``) unless ``no_auth`` is given; the ``Host``
  header must name the bound host (or ``allowed_hosts``), so a web page cannot reach a local
  server by DNS rebinding; no CORS headers unless ``cors`` names origins (or ``*``).
- ``GET /`` without a query serves a small HTML page with a query box; it uses no external
  resources, so it works offline.

The served graph is copied once into a private on-disk store that each worker opens read-only.
"""

from __future__ import annotations

import hmac
import ipaddress
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import rdflib

from ..errors import QueryError, QueryRefusedError
from ..vocab import REFERENCE_CREDIT
from .formats import format_result
from .query import query_form, run_query
from .sandbox import MAX_MEMORY, PoolBusy, QueryOutOfMemory, QueryTimeout, WorkerPool

__all__ = ["make_server", "SparqlServer", "MEDIA_TYPES", "DEFAULT_PORT", "LOOPBACK"]

#: Hosts that are loopback: served without a token.
LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: The largest request body read, in bytes.
MAX_BODY = 1_000_000
_ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"

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



def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only."""
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _copy_into_store(graph: rdflib.Graph, directory: str) -> None:
    """Every quad of ``graph`` into a new on-disk Oxigraph store at ``directory``."""
    import pyoxigraph as ox

    from .query import _oxigraph_store

    target = ox.Store(directory)
    source = _oxigraph_store(graph)
    if source is not None:
        target.bulk_extend(source.quads_for_pattern(None, None, None, None))
    else:  # a plain rdflib graph: through N-Triples
        data = graph.serialize(format="nt", encoding="utf-8")
        target.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    target.flush()
    del target


def _open_graph(directory: str) -> rdflib.Graph:
    """A worker's graph: the server's store, read-only (runs in the worker)."""
    import pyoxigraph as ox

    from ..loading.engines import wrap_store

    graph = wrap_store(ox.Store.read_only(directory))
    run_query(graph, "ASK { ?s ?p ?o }")  # first-use initialisation before the first client
    return graph


class _Reply(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


def _answer(graph: rdflib.Graph, text: str, accept: str | None, max_results: int) -> tuple[int, str, bytes]:
    """Run one query and render it (in a worker): (status, media type, body), errors included."""
    try:
        form = query_form(text)
        offers = GRAPH_MEDIA if form in ("CONSTRUCT", "DESCRIBE") else TABULAR_MEDIA
        media = negotiate(accept, offers)
        if media is None:
            raise _Reply(406, f"No acceptable result format; this query offers {', '.join(offers)}.")
        result = run_query(graph, text, max_rows=max_results)
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


class SparqlServer:
    """The endpoint: a waitress server in front of a pool of guarded query workers.

    ``serve_forever()`` serves until ``shutdown()``; ``server_close()`` stops the workers and
    removes the private store.
    """

    def __init__(self, graph: rdflib.Graph, host: str, port: int, *, timeout: float, max_results: int,
                 workers: int, max_memory: int, token: str | None, no_auth: bool, cors: Iterable[str],
                 allowed_hosts: Iterable[str], connection_limit: int, channel_timeout: float,
                 log: Callable[[str], object] | None):
        from waitress.server import TcpWSGIServer, create_server

        if not is_loopback(host) and not token and not no_auth:
            raise ValueError(f"listening on {host} (beyond this machine) needs a token, or no_auth=True")
        self.page = page_for(graph)
        self.query_timeout = timeout
        self.max_results = max_results
        self.token = token
        self.cors = tuple(cors)
        self.log = log
        self._directory = tempfile.mkdtemp(prefix="pmgraph-serve-")
        self.pool: WorkerPool | None = None
        self._map: dict[int, Any] = {}  # waitress's channels: the loop serve_forever runs
        try:
            _copy_into_store(graph, self._directory + "/store")
            self.pool = WorkerPool(_open_graph, (self._directory + "/store",), _answer,
                                   workers=workers, max_memory=max_memory)
            _more_file_descriptors(connection_limit)
            server = create_server(
                self._wsgi, map=self._map,
                # "localhost" may name both 127.0.0.1 and ::1: waitress would listen twice
                host="127.0.0.1" if host == "localhost" else host, port=port,
                threads=4 * workers, connection_limit=connection_limit,
                channel_timeout=channel_timeout, max_request_body_size=MAX_BODY, asyncore_use_poll=True,
                ident="pmgraph-sparql", expose_tracebacks=False, clear_untrusted_proxy_headers=True,
                cleanup_interval=max(1, int(channel_timeout) // 2 or 1),
            )
            if not isinstance(server, TcpWSGIServer):  # one host and port: one TCP socket
                server.close()
                raise OSError(f"{host} names more than one address; give one")
        except BaseException:
            if self.pool is not None:
                self.pool.close()
            shutil.rmtree(self._directory, ignore_errors=True)
            raise
        self._server = server
        self.host = host
        self.port = int(server.getsockname()[1])
        bound = {host.lower().strip("[]")} | ({"localhost", "127.0.0.1", "::1"} if is_loopback(host) else set())
        self.allowed_hosts = frozenset(bound | {_host_name(h) for h in allowed_hosts})
        self._any_host = host in ("0.0.0.0", "::", "") and not tuple(allowed_hosts)
        self._stopping = threading.Event()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/sparql"

    @property
    def server_address(self) -> tuple[str, int]:
        return self.host, self.port

    def serve_forever(self) -> None:
        from waitress import wasyncore

        while not self._stopping.is_set():
            wasyncore.loop(timeout=0.2, map=self._map, use_poll=True, count=1)

    def shutdown(self) -> None:
        self._stopping.set()

    def server_close(self) -> None:
        self._stopping.set()
        try:
            self._server.close()
            self._server.task_dispatcher.shutdown()
        finally:
            if self.pool is not None:
                self.pool.close()
            shutil.rmtree(self._directory, ignore_errors=True)

    # ------------------------------------------------------------------ the WSGI application

    def _wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        status, headers, body = self._respond(environ)
        if self.log is not None:
            self.log(f"{environ.get('REMOTE_ADDR', '-')} {environ.get('REQUEST_METHOD')} "
                     f"{environ.get('PATH_INFO', '')} {status}")
        start_response(f"{status} {_REASONS.get(status, 'Status')}", headers + [("Content-Length", str(len(body)))])
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    def _respond(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        headers = self._cors_headers(environ)
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if not self._host_allowed(environ.get("HTTP_HOST", "")):
            return _text(421, "This server does not answer for that Host name (DNS rebinding guard); "
                         "use its own address, or start it with --allow-host NAME.", headers)
        if method == "OPTIONS":
            return 204, headers + [("Allow", _ALLOWED_METHODS),
                                   ("Access-Control-Allow-Methods", _ALLOWED_METHODS),
                                   ("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")], b""
        if method not in ("GET", "HEAD", "POST"):
            status, more, body = _text(405, f"Method {method} is not allowed; use GET or POST.", headers)
            return status, more + [("Allow", _ALLOWED_METHODS)], body
        if path not in ("/", "/sparql", "/sparql/", "/query", "/update"):
            return _text(404, f"Not found: {path}. The SPARQL endpoint is /sparql.", headers)
        if self.token is not None and not self._authorised(environ, params):
            status, more, body = _text(401, "This endpoint needs its token: send 'Authorization: Bearer TOKEN' "
                                       "or add ?token=TOKEN.", headers)
            return status, more + [("WWW-Authenticate", 'Bearer realm="pmgraph"')], body
        if method == "POST":
            body_text = environ["wsgi.input"].read(MAX_BODY + 1)
            media = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            if path == "/update" or media == "application/sparql-update":
                return _refused_update(headers)
            text = body_text.decode("utf-8", errors="replace")
            if media == "application/sparql-query":
                queries = [text]
            elif media == "application/x-www-form-urlencoded":
                form = parse_qs(text, keep_blank_values=True)
                if "update" in form:
                    return _refused_update(headers)
                if "query" not in form:
                    return _text(400, "Missing the 'query' parameter (SPARQL 1.1 Protocol).", headers)
                queries = form["query"]
            else:
                return _text(415, "POST a query as application/sparql-query or "
                             "application/x-www-form-urlencoded.", headers)
        else:
            if path == "/update" or "update" in params:
                return _refused_update(headers)
            if "query" not in params:
                if path == "/":
                    return 200, headers + [("Content-Type", "text/html; charset=utf-8")], self.page
                return _text(400, "Missing the 'query' parameter (SPARQL 1.1 Protocol).", headers)
            queries = params["query"]
        if len(queries) != 1:
            return _text(400, "Give exactly one 'query' parameter.", headers)
        assert self.pool is not None  # made in __init__, or there is no server
        try:
            status, media, answer = self.pool.call(queries[0], environ.get("HTTP_ACCEPT"), self.max_results,
                                                   timeout=self.query_timeout)
        except (QueryTimeout, QueryOutOfMemory, PoolBusy) as error:
            status, more, body = _text(503, str(error), headers)
            return status, more + [("Retry-After", "1")], body
        except QueryRefusedError as error:  # the worker failed on it (reason "engine")
            return _text(500, str(error), headers)
        if media.startswith("text/") or media.endswith(("json", "xml")):
            media += "; charset=utf-8"
        return status, headers + [("Content-Type", media), ("Vary", "Accept, Origin")], answer

    def _host_allowed(self, host_header: str) -> bool:
        return self._any_host or _host_name(host_header) in self.allowed_hosts

    def _authorised(self, environ: dict[str, Any], params: dict[str, list[str]]) -> bool:
        assert self.token is not None
        given = environ.get("HTTP_AUTHORIZATION", "")
        if given.lower().startswith("bearer ") and hmac.compare_digest(given[7:].strip().encode(), self.token.encode()):
            return True
        return any(hmac.compare_digest(value.encode(), self.token.encode()) for value in params.get("token", []))

    def _cors_headers(self, environ: dict[str, Any]) -> list[tuple[str, str]]:
        origin = environ.get("HTTP_ORIGIN")
        if not self.cors or not origin:
            return []
        if "*" in self.cors:
            return [("Access-Control-Allow-Origin", "*")]
        if origin in self.cors:
            return [("Access-Control-Allow-Origin", origin)]
        return []


_REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable", 415: "Unsupported Media Type",
            421: "Misdirected Request", 500: "Internal Server Error", 503: "Service Unavailable"}


def _host_name(host: str) -> str:
    """The name in a ``Host`` header (or ``--allow-host`` value): lower case, no port, no brackets."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        return host.split(":")[0]
    return host


def _text(status: int, message: str, headers: list[tuple[str, str]]) -> tuple[int, list[tuple[str, str]], bytes]:
    return status, headers + [("Content-Type", "text/plain; charset=utf-8")], (message + "\n").encode("utf-8")


def _refused_update(headers: list[tuple[str, str]]) -> tuple[int, list[tuple[str, str]], bytes]:
    return _text(403, "This endpoint is read-only: SPARQL Update is refused.", headers)


def _more_file_descriptors(connections: int) -> None:
    """Raise this process's open-file limit towards the hard limit, so ``connections`` sockets fit."""
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def make_server(
    graph: rdflib.Graph,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    timeout: float = 10.0,
    max_results: int = 10_000,
    workers: int | None = None,
    max_memory: int = MAX_MEMORY,
    token: str | None = None,
    no_auth: bool = False,
    cors: Iterable[str] = (),
    allowed_hosts: Iterable[str] = (),
    connection_limit: int = 2000,
    channel_timeout: float = 30.0,
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
        A host beyond loopback needs ``token`` (or ``no_auth=True``).
    timeout : float
        Seconds a query may run; then its worker is killed and the client gets 503.
    max_results : int
        Rows (or triples) a result may have before the client gets 500.
    workers : int, optional
        Query worker processes, the queries run at once; default: the cores plus one, at most 4
        (measured in benchmarks/RESULTS.md).
    max_memory : int
        Bytes of memory a query may use beyond the loaded data (Linux); past it, 503.
    token : str, optional
        Clients must send it (``Authorization: Bearer TOKEN`` or ``?token=TOKEN``).
    cors : iterable of str
        Origins allowed to read answers from a browser (``*`` for any); none by default.
    allowed_hosts : iterable of str
        More names the ``Host`` header may carry (a reverse proxy's).
    connection_limit, channel_timeout : int, float
        Connections at once; seconds a connection may make no progress.
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
    if workers is None:
        import os

        workers = min(4, (os.cpu_count() or 1) + 1)
    return SparqlServer(graph, host, port, timeout=timeout, max_results=max_results, workers=workers,
                        max_memory=max_memory, token=token, no_auth=no_auth, cors=cors,
                        allowed_hosts=allowed_hosts, connection_limit=connection_limit,
                        channel_timeout=channel_timeout, log=log)


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
