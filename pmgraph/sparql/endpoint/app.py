"""The endpoint's application: :func:`make_server` and :class:`SparqlServer` (routing each request
of the SPARQL 1.1 Protocol as :mod:`pmgraph.sparql.endpoint` describes it, the checks on its host,
token and body, the queries handed to the workers and the answers kept), and the home page."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import re
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import rdflib

from ...defaults import (
    SERVE_CHANNEL_TIMEOUT,
    SERVE_CONNECTION_LIMIT,
    SERVE_HOST,
    SERVE_MAX_RESULTS,
    SERVE_PORT,
    SERVE_TIMEOUT,
)
from ...errors import QueryRefusedError
from ...vocab import REFERENCE_CREDIT
from ..query import run_query
from ..sandbox import MAX_MEMORY, PoolBusy, QueryOutOfMemory, QueryTimeout, WorkerPool
from .cache import ANSWER_CACHE, AnswerCache, repeatable
from .negotiation import GRAPH_MEDIA, negotiate
from .transport import listen, more_file_descriptors, uvicorn_server
from .worker import answer, copy_into_store, open_graph

__all__ = ["make_server", "SparqlServer", "DEFAULT_PORT", "LOOPBACK", "MAX_BODY", "is_loopback", "page_for"]

#: Hosts that are loopback: served without a token.
LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: The largest request body read, in bytes.
MAX_BODY = 1_000_000
_ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"

#: The port the endpoint listens on unless told otherwise.
DEFAULT_PORT = SERVE_PORT
#: At most this many default-graph-uri plus named-graph-uri parameters in one request.
MAX_DATASET_GRAPHS = 100


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only."""
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Request:
    """One HTTP request as the endpoint reads it: header names in lower case."""

    __slots__ = ("method", "path", "query_string", "headers", "body", "client")

    def __init__(self, method: str, path: str, query_string: str, headers: dict[str, str], body: bytes,
                 client: str):
        self.method, self.path, self.query_string = method, path, query_string
        self.headers, self.body, self.client = headers, body, client


class _Query:
    """A request that is a query to run: its text, the Accept header, the reply headers so far,
    and the dataset the protocol's parameters give (None: the query's own, or the whole graph)."""

    __slots__ = ("text", "accept", "headers", "dataset")

    def __init__(self, text: str, accept: str | None, headers: list[tuple[str, str]],
                 dataset: tuple[tuple[str, ...], tuple[str, ...]] | None = None):
        self.text, self.accept, self.headers, self.dataset = text, accept, headers, dataset


_Reply3 = tuple[int, list[tuple[str, str]], bytes]


class SparqlServer:
    """The endpoint: uvicorn (HTTP/1.1 on an event loop) in front of a pool of guarded query workers.

    ``serve_forever()`` serves until ``shutdown()``; ``server_close()`` stops the workers and
    removes the private store. The listening socket is bound when the server is made, so
    ``port`` and ``url`` are known (port 0 picks a free one) before it serves.
    """

    def __init__(self, graph: rdflib.Graph, host: str, port: int, *, timeout: float, max_results: int,
                 workers: int, max_memory: int, token: str | None, no_auth: bool, cors: Iterable[str],
                 allowed_hosts: Iterable[str], connection_limit: int, channel_timeout: float,
                 answer_cache: int, log: Callable[[str], object] | None):
        if not is_loopback(host) and not token and not no_auth:
            raise ValueError(f"listening on {host} (beyond this machine) needs a token, or no_auth=True")
        from ..service import dataset_facts

        self.page = page_for(graph)
        self.dataset_facts = dataset_facts(graph)
        self._descriptions: dict[str, bytes] = {}
        self.query_timeout = timeout
        self.max_results = max_results
        self.token = token
        self.cors = tuple(cors)
        self.log = log
        self.connection_limit = connection_limit
        self.channel_timeout = channel_timeout
        self.answers = AnswerCache(answer_cache)
        self._directory = tempfile.mkdtemp(prefix="pmgraph-serve-")
        self.pool: WorkerPool | None = None
        self._socket: socket.socket | None = None
        try:
            # "localhost" may name both 127.0.0.1 and ::1: listen on one
            self._socket = listen("127.0.0.1" if host == "localhost" else host, port)
            copy_into_store(graph, self._directory + "/store")
            self.pool = WorkerPool(open_graph, (self._directory + "/store",), answer,
                                   workers=workers, max_memory=max_memory)
            more_file_descriptors(connection_limit)
        except BaseException:
            self._release()
            raise
        self.host = host
        self.port = int(self._socket.getsockname()[1])
        bound = {host.lower().strip("[]")} | ({"localhost", "127.0.0.1", "::1"} if is_loopback(host) else set())
        self.allowed_hosts = frozenset(bound | {_host_name(h) for h in allowed_hosts})
        self._any_host = host in ("0.0.0.0", "::", "") and not tuple(allowed_hosts)
        self._stopping = threading.Event()
        self._uvicorn: Any = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/sparql"

    @property
    def server_address(self) -> tuple[str, int]:
        return self.host, self.port

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (from another thread or a signal handler)."""
        if self._stopping.is_set() or self._socket is None:
            return
        self._uvicorn = uvicorn_server(self._asgi, self.connection_limit, self.channel_timeout)
        if self._stopping.is_set():  # shut down before the loop started
            return
        self._uvicorn.run(sockets=[self._socket])

    def shutdown(self) -> None:
        """Stop serving: :meth:`serve_forever` returns within about a second."""
        self._stopping.set()
        if self._uvicorn is not None:
            self._uvicorn.should_exit = True

    def server_close(self) -> None:
        """Stop serving, stop the workers, remove the private store."""
        self.shutdown()
        self._release()

    def _release(self) -> None:
        try:
            if self._socket is not None:
                self._socket.close()
        finally:
            if self.pool is not None:
                self.pool.close()
            shutil.rmtree(self._directory, ignore_errors=True)

    # ------------------------------------------------------------------ the ASGI application

    async def _asgi(self, scope: dict[str, Any], receive: Callable[[], Any], send: Callable[[Any], Any]) -> None:
        if scope["type"] != "http":  # lifespan and websockets are off; nothing else is served
            return
        headers: dict[str, str] = {}
        for name, value in scope["headers"]:
            key = name.decode("latin-1")
            text = value.decode("latin-1")
            headers[key] = f"{headers[key]}, {text}" if key in headers else text
        client = scope.get("client")
        request = _Request(scope["method"], scope["path"], scope["query_string"].decode("latin-1"), headers,
                           b"", client[0] if client else "-")
        try:
            status, more, payload = await self._reply(request, receive)
        except Exception as error:  # a defect of pmgraph's: one line in the log, 500 to the client
            if self.log is not None:
                self.log(" ".join(f"error answering {request.method} {request.path}: "
                                  f"{type(error).__name__}: {error}".split())[:300])
            status, more, payload = _text(500, "The server failed to answer this request.", [("Connection", "close")])
        if self.log is not None:
            self.log(f"{request.client} {request.method} {request.path} {status}")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in more]
                    + [(b"content-length", str(len(payload)).encode("ascii"))]})
        await send({"type": "http.response.body", "body": b"" if request.method == "HEAD" else payload})

    async def _reply(self, request: _Request, receive: Callable[[], Any]) -> _Reply3:
        reply: _Reply3 | _Query = self._route(request, body_pending=True)
        if isinstance(reply, _Query) and request.method == "POST":
            body = await self._read_body(request, receive)
            if not isinstance(body, bytes):
                return body
            reply = self._route(_Request(request.method, request.path, request.query_string, request.headers,
                                         body, request.client), body_pending=False)
        if isinstance(reply, _Query):
            return await self._run(reply)
        return reply

    async def _read_body(self, request: _Request, receive: Callable[[], Any]) -> bytes | _Reply3:
        """The request's body, at most MAX_BODY bytes within ``channel_timeout`` s, or the reply saying why not."""
        closing = [("Connection", "close")]
        declared = request.headers.get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > MAX_BODY:
            return _text(413, f"The request body is larger than {MAX_BODY:,} bytes.", closing)
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.channel_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return _text(400, "The client went away before sending its request.", closing)
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > MAX_BODY:
                        return _text(413, f"The request body is larger than {MAX_BODY:,} bytes.", closing)
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        return b"".join(chunks)
        except TimeoutError:
            return _text(408, f"The request body did not arrive within {self.channel_timeout:g} s.", closing)

    async def _run(self, query: _Query) -> _Reply3:
        assert self.pool is not None  # made in __init__, or there is no server
        headers = query.headers
        key = (query.text if query.dataset is None else f"{query.dataset!r}\n{query.text}", query.accept)
        cached = self.answers.get(key) if repeatable(query.text) else None
        if cached is not None:
            return 200, headers + [("Content-Type", cached[0]), ("Vary", "Accept, Origin")], cached[1]
        try:
            status, media, answer = await self.pool.call_async(query.text, query.accept, self.max_results,
                                                               query.dataset, timeout=self.query_timeout)
        except (QueryTimeout, QueryOutOfMemory, PoolBusy) as error:
            status, more, body = _text(503, str(error), headers)
            return status, more + [("Retry-After", "1")], body
        except QueryRefusedError as error:  # the worker failed on it (reason "engine")
            return _text(500, str(error), headers)
        if media.startswith("text/") or media.endswith(("json", "xml")):
            media += "; charset=utf-8"
        if status == 200 and repeatable(query.text):
            self.answers.put(key, media, answer)
        return status, headers + [("Content-Type", media), ("Vary", "Accept, Origin")], answer

    def _route(self, request: _Request, *, body_pending: bool) -> _Reply3 | _Query:
        """The reply to ``request``, or the query it asks to run. With ``body_pending``, a POST
        whose body is still to be read answers a :class:`_Query` placeholder once its headers pass."""
        headers = self._cors_headers(request.headers.get("origin"))
        method, path = request.method, request.path
        try:
            params = parse_qs(request.query_string, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError as error:
            return _text(400, f"The request URL's parameters are not UTF-8 (byte {error.start}).", headers)
        host = request.headers.get("host", "").strip()
        if host and not _HOST.fullmatch(host):
            return _text(400, "Malformed Host header: give a name or [address], and a port.", headers)
        if not self._host_allowed(host):
            return _text(421, "This server does not answer for that Host name (DNS rebinding guard); "
                         "use its own address, or start it with --allow-host NAME.", headers)
        if method == "OPTIONS":
            return 204, headers + [("Allow", _ALLOWED_METHODS),
                                   ("Access-Control-Allow-Methods", _ALLOWED_METHODS),
                                   ("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")], b""
        if method not in ("GET", "HEAD", "POST"):
            status, more, body = _text(405, f"Method {method} is not allowed; use GET or POST.", headers)
            return status, more + [("Allow", _ALLOWED_METHODS)], body
        if method in ("GET", "HEAD") and path.startswith("/static/"):  # the page's files: no data, no token
            from ..page import asset

            found = asset(path)
            if found is not None:
                return 200, headers + [("Content-Type", found[0]), ("Cache-Control", "max-age=86400"),
                                       ("X-Content-Type-Options", "nosniff")], found[1]
        if path not in ("/", "/sparql", "/sparql/", "/query", "/update"):
            return _text(404, f"Not found: {path}. The SPARQL endpoint is /sparql.", headers)
        if self.token is not None and not self._authorised(request.headers.get("authorization", ""), params):
            status, more, body = _text(401, "This endpoint needs its token: send 'Authorization: Bearer TOKEN' "
                                       "or add ?token=TOKEN.", headers)
            return status, more + [("WWW-Authenticate", 'Bearer realm="pmgraph"')], body
        accept = request.headers.get("accept")
        if method == "POST":
            content_type = request.headers.get("content-type", "")
            media = content_type.split(";")[0].strip().lower()
            if path == "/update" or media == "application/sparql-update":
                return _refused_update(headers)
            if media not in ("application/sparql-query", "application/x-www-form-urlencoded"):
                return _text(415, "POST a query as application/sparql-query or "
                             "application/x-www-form-urlencoded.", headers)
            charset = _charset(content_type)
            if charset not in (None, "utf-8", "utf8"):
                return _text(415, f"The query must be UTF-8 (SPARQL 1.1 Protocol), not {charset[:40]}.", headers)
            if body_pending:
                return _Query("", accept, headers)
            try:
                text = request.body.decode("utf-8")
            except UnicodeDecodeError as error:
                return _text(400, f"The request body is not UTF-8 (byte {error.start}).", headers)
            if media == "application/sparql-query":
                queries = [text]
            else:
                try:
                    form = parse_qs(text, keep_blank_values=True, errors="strict")
                except UnicodeDecodeError as error:
                    return _text(400, f"The form's values are not UTF-8 (byte {error.start}).", headers)
                if "update" in form:
                    return _refused_update(headers)
                if "query" not in form:
                    return _text(400, "Missing the 'query' parameter (SPARQL 1.1 Protocol).", headers)
                queries = form["query"]
                for name in _DATASET_PARAMETERS:  # the dataset may come in the body too
                    params.setdefault(name, []).extend(form.get(name, []))
        else:
            if path == "/update" or "update" in params:
                return _refused_update(headers)
            if "query" not in params:
                return self._describe(request, accept, headers)
            queries = params["query"]
        if len(queries) != 1:
            return _text(400, "Give exactly one 'query' parameter.", headers)
        dataset = _dataset(params)
        if isinstance(dataset, str):
            return _text(400, dataset, headers)
        return _Query(queries[0], accept, headers, dataset)

    def _describe(self, request: _Request, accept: str | None, headers: list[tuple[str, str]]) -> _Reply3:
        """A GET without a query: the HTML page for a browser, else the service description."""
        from ..service import service_description

        # The first offer is what a client that states no preference gets: at / the page, at
        # /sparql the description (in Turtle); a browser's Accept prefers the page everywhere.
        offers = {"text/html": "html", **GRAPH_MEDIA} if request.path == "/" else {**GRAPH_MEDIA, "text/html": "html"}
        media = negotiate(accept, offers)
        vary = [("Vary", "Accept, Origin")]
        if media == "text/html":  # never framed by another site; no address (with a ?token=) sent on
            return 200, headers + vary + [("Content-Type", "text/html; charset=utf-8"),
                                          ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"),
                                          ("Content-Security-Policy", "frame-ancestors 'none'")], self.page
        if media is None:
            return _text(406, "No acceptable format; the service description offers "
                         f"{', '.join(GRAPH_MEDIA)} (and text/html).", headers)
        # The endpoint's URL as the client named it (the Host header, checked in _route: a name
        # or [address] and a port, nothing a format would escape), put into a description made
        # once per format.
        host = request.headers.get("host", "").strip() or (f"[{self.host}]" if ":" in self.host else self.host) \
            + f":{self.port}"
        body = self._descriptions.get(media)
        if body is None:
            from ..formats import format_result
            from ..query import QueryResult

            graph = service_description(_PLACEHOLDER, self.dataset_facts)
            body = format_result(QueryResult("graph", graph=graph), GRAPH_MEDIA[media]).encode("utf-8")
            self._descriptions[media] = body
        body = body.replace(_PLACEHOLDER.encode("ascii"), f"http://{host}/sparql".encode("ascii"))
        content = media + ("; charset=utf-8" if media.startswith("text/") or media.endswith(("json", "xml")) else "")
        return 200, headers + vary + [("Content-Type", content)], body

    def _host_allowed(self, host_header: str) -> bool:
        return self._any_host or _host_name(host_header) in self.allowed_hosts

    def _authorised(self, given: str, params: dict[str, list[str]]) -> bool:
        assert self.token is not None
        if given.lower().startswith("bearer ") and hmac.compare_digest(given[7:].strip().encode(), self.token.encode()):
            return True
        return any(hmac.compare_digest(value.encode(), self.token.encode()) for value in params.get("token", []))

    def _cors_headers(self, origin: str | None) -> list[tuple[str, str]]:
        if not self.cors or not origin:
            return []
        if "*" in self.cors:
            return [("Access-Control-Allow-Origin", "*")]
        if origin in self.cors:
            return [("Access-Control-Allow-Origin", origin)]
        return []


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


_DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
#: A Host header: a name or a bracketed address, and an optional port.
_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(:[0-9]{1,5})?")
#: Where the service description's endpoint URL goes (replaced per request).
_PLACEHOLDER = "http://endpoint.pmgraph.invalid/sparql"


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, in lower case, or None."""
    for piece in content_type.split(";")[1:]:
        name, _, value = piece.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _dataset(params: dict[str, list[str]]) -> tuple[tuple[str, ...], tuple[str, ...]] | None | str:
    """The dataset the protocol's ``default-graph-uri`` / ``named-graph-uri`` give: (default
    graphs, named graphs), None when neither is given, or the error message for a bad one."""
    from ...iris import is_absolute_iri

    default, named = (params.get(name, []) for name in _DATASET_PARAMETERS)
    if not default and not named:
        return None
    if len(default) + len(named) > MAX_DATASET_GRAPHS:
        return f"At most {MAX_DATASET_GRAPHS} default-graph-uri and named-graph-uri parameters, in all."
    import pyoxigraph as ox

    for iri in (*default, *named):
        shown = "".join(c if c.isprintable() else "?" for c in iri[:80])
        if not is_absolute_iri(iri):
            return f"Graph {shown!r} is not an absolute IRI (default-graph-uri, named-graph-uri)."
        try:
            ox.NamedNode(iri)  # the engine's own check (percent-encoding, brackets)
        except ValueError as error:
            return f"Graph {shown!r} is not a valid IRI: {str(error)[:120]}."
    return tuple(dict.fromkeys(default)), tuple(dict.fromkeys(named))


def _refused_update(headers: list[tuple[str, str]]) -> tuple[int, list[tuple[str, str]], bytes]:
    return _text(403, "This endpoint is read-only: SPARQL Update is refused.", headers)




def make_server(
    graph: rdflib.Graph,
    host: str = SERVE_HOST,
    port: int = DEFAULT_PORT,
    *,
    timeout: float = SERVE_TIMEOUT,
    max_results: int = SERVE_MAX_RESULTS,
    workers: int | None = None,
    max_memory: int = MAX_MEMORY,
    token: str | None = None,
    no_auth: bool = False,
    cors: Iterable[str] = (),
    allowed_hosts: Iterable[str] = (),
    connection_limit: int = SERVE_CONNECTION_LIMIT,
    channel_timeout: float = SERVE_CHANNEL_TIMEOUT,
    answer_cache: int = ANSWER_CACHE,
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
        Connections at once; seconds a client has to send a request's headers, then its body,
        or may stall taking an answer (idle connections close after it too).
    answer_cache : int
        Bytes of answers kept to answer a repeated query without a worker (:class:`AnswerCache`);
        0 keeps none.
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
                        channel_timeout=channel_timeout, answer_cache=answer_cache, log=log)


_FRAMEWORKS_SHOWN = """SELECT DISTINCT ?title ?attribution WHERE {
  ?framework a pm:Framework ; dct:title ?title . OPTIONAL { ?framework pm:attribution ?attribution }
} ORDER BY ?title"""
_REFERENCE_SHOWN = "ASK { ?role a pm:Role FILTER NOT EXISTS { ?role pm:framework ?any } }"


def page_for(graph: rdflib.Graph) -> bytes:
    """The endpoint's page, crediting the data ``graph`` holds (each framework's attribution)."""
    from ..page import home_page, saved_examples

    parts = [f"{row[0]}. {row[1]}" if row[1] is not None else f"{row[0]}."
             for row in run_query(graph, _FRAMEWORKS_SHOWN).rows]
    if run_query(graph, _REFERENCE_SHOWN).boolean or not parts:
        parts.insert(0, REFERENCE_CREDIT)
    return home_page("Data: " + " ".join(parts), saved_examples(graph))
