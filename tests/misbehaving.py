"""A small HTTP server that misbehaves as broken or hostile SPARQL stores do, one way per path.

``http://127.0.0.1:PORT/<mode>/query`` (and ``/<mode>/update``, which publish derives) answers
every request the ``<mode>`` way:

=================  ==========================================================================
``garbage``        random bytes, not HTTP, then closes
``html``           200 ``text/html``: a web page, whatever was asked
``status500``      500 with a 40 KB HTML error page
``status404``      404 ``text/plain``
``redirect-loop``  307 to itself, forever
``redirect-away``  302 to another host
``drop``           reads the request, closes without a word
``truncated``      promises 5,000 bytes of SPARQL JSON, sends 100, closes
``hang``           reads the request, then says nothing
``drip``           answers one byte every 0.2 s, forever
``bad-json``       200 ``application/sparql-results+json`` that is not JSON
``wrong-json``     200 ``application/sparql-results+json`` in the wrong shape
``bad-ntriples``   200 ``application/n-triples`` that is not N-Triples (graph queries)
``huge``           200 ``application/sparql-results+json`` of endless bytes
``ignores``        acknowledges updates (204), then answers that every graph is empty
``basic``          401 echoing the Authorization header, unless it is ``Basic`` for
                   ``ann:s3cret``; then forwards to the upstream store
``bearer``         the same, for ``Bearer t0ken``
=================  ==========================================================================

It is bounded: a silent or dripping answer stops when the client goes or after 60 s.
"""

from __future__ import annotations

import base64
import http.client
import os
import random
import socket
import ssl
import threading
import time

MODES = (
    "garbage", "html", "status500", "status404", "redirect-loop", "redirect-away", "drop", "truncated",
    "hang", "drip", "bad-json", "wrong-json", "bad-ntriples", "huge", "ignores", "basic", "bearer",
)
#: Modes that fail by taking too long: run them with a short --timeout.
SLOW = ("hang", "drip", "huge")
BASIC = "Basic " + base64.b64encode(b"ann:s3cret").decode()
BEARER = "Bearer t0ken"


class MisbehavingServer:
    """Listens on 127.0.0.1 (a free port) in a thread; ``url(mode)`` is a query URL for a mode."""

    def __init__(self, *, upstream: str | None = None, tls: ssl.SSLContext | None = None):
        self.upstream = upstream
        self._tls = tls
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def url(self, mode: str) -> str:
        scheme = "https" if self._tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}/{mode}/query"

    def close(self) -> None:
        self._stop.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            if self._tls is not None:
                client = self._tls.wrap_socket(client, server_side=True)
            client.settimeout(60)
            head, body = _read_request(client)
            self._answer(client, head, body)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            try:
                client.close()
            except OSError:
                pass

    def _answer(self, client: socket.socket, head: str, body: bytes) -> None:
        request_line, *header_lines = head.split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in header_lines if ":" in h)}
        mode = target.split("/")[1]
        if mode == "garbage":
            client.sendall(random.Random(7).randbytes(2000))
        elif mode == "html":
            _send(client, 200, "text/html", b"<!doctype html><html><head><title>Welcome</title>"
                  b"<script>var x = 1;</script></head><body><h1>Welcome to our site</h1></body></html>")
        elif mode == "status500":
            page = b"<html><body><h1>Internal Server Error</h1><p>The query engine crashed.</p>" + b"x" * 40_000
            _send(client, 500, "text/html", page + b"</body></html>")
        elif mode == "status404":
            _send(client, 404, "text/plain", b"Not Found")
        elif mode == "redirect-loop":
            _send(client, 307, "text/plain", b"", extra={"Location": target})
        elif mode == "redirect-away":
            _send(client, 302, "text/plain", b"", extra={"Location": "http://elsewhere.invalid/sparql"})
        elif mode == "drop":
            return
        elif mode == "truncated":
            client.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                           b"Content-Length: 5000\r\n\r\n"
                           + b'{"head": {"vars": ["role"]}, "results": {"bindings": [' + b" " * 46)
        elif mode == "hang":
            self._stop.wait(60)
        elif mode == "drip":
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n" * 100:
                if self._stop.wait(0.2):
                    return
                client.sendall(bytes([byte]))
        elif mode == "bad-json":
            _send(client, 200, "application/sparql-results+json", b"{not json at all")
        elif mode == "wrong-json":
            _send(client, 200, "application/sparql-results+json", b'{"head": 5, "results": [1, 2]}')
        elif mode == "bad-ntriples":
            if "n-triples" in headers.get("accept", ""):
                _send(client, 200, "application/n-triples", b"<a> <b> this is not n-triples\n")
            else:
                _send(client, 200, "application/sparql-results+json", b'{"head": {"vars": []}, "boolean": true}')
        elif mode == "huge":
            client.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n")
            block = b" " * 65536
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not self._stop.is_set():
                client.sendall(block)
        elif mode == "ignores":
            if headers.get("content-type", "").startswith("application/sparql-update"):
                _send(client, 204, "text/plain", b"")
            else:
                _send(client, 200, "application/sparql-results+json",
                      b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", '
                      b'"value": "0", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}')
        elif mode in ("basic", "bearer"):
            expected = BASIC if mode == "basic" else BEARER
            given = headers.get("authorization", "")
            if given != expected:
                _send(client, 401, "text/plain", f"denied: you sent {given!r}".encode(),
                      extra={"WWW-Authenticate": 'Basic realm="store"'})
                return
            self._forward(client, method, "/" + target.split("/", 2)[2], headers, body)
        else:
            _send(client, 400, "text/plain", b"unknown mode")

    def _forward(self, client: socket.socket, method: str, path: str, headers: dict[str, str], body: bytes) -> None:
        assert self.upstream is not None, "an auth mode needs an upstream store"
        host, port = self.upstream.split("//")[1].split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        keep = {k: v for k, v in headers.items() if k in ("accept", "content-type")}
        connection.request(method, path, body=body or None, headers=keep)
        reply = connection.getresponse()
        data = reply.read()
        _send(client, reply.status, reply.getheader("Content-Type") or "text/plain", data)
        connection.close()


def _read_request(client: socket.socket) -> tuple[str, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            raise ValueError("client went away")
        data += chunk
        if len(data) > 1 << 20:
            raise ValueError("headers too long")
    head, _, rest = data.partition(b"\r\n\r\n")
    text = head.decode("latin-1")
    length = 0
    for line in text.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = client.recv(65536)
        if not chunk:
            break
        rest += chunk
    return text, rest


def _send(client: socket.socket, status: int, media_type: str, body: bytes, *,
          extra: dict[str, str] | None = None) -> None:
    lines = [f"HTTP/1.1 {status} {http.client.responses.get(status, 'Status')}",
             f"Content-Type: {media_type}", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (extra or {}).items()]
    client.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tls_context(directory: str) -> tuple[ssl.SSLContext, str]:
    """A server TLS context with a certificate from a throwaway CA (trustme), and the CA's PEM path."""
    import trustme

    authority = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    pem = os.path.join(directory, "ca.pem")
    authority.cert_pem.write_to_path(pem)
    return context, pem
