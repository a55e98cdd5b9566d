"""Bounded HTTP for remote stores: one request, a deadline, a size cap, one-line failures.

Every exchange with a SPARQL store goes through :meth:`Remote.send`. What it guarantees,
whatever the server does:

- a **connect timeout** (``connect_timeout``, default 10 s) and a **total deadline** for the
  whole exchange (``timeout``, default 300 s), enforced by a watchdog that shuts the socket when
  the deadline passes — so a server that drips one byte a second is cut off too, not only one
  that goes silent;
- at most ``max_bytes`` of answer (default 1 GiB) and http.client's own bounds on the status
  line and headers (64 KiB a line, 100 headers);
- redirects followed only within the same origin and only where the method and body stay the
  same (307, 308), at most 5; any other redirect is an error naming where it pointed;
- every failure is an :class:`~pmgraph.errors.EndpointError` of one line naming the endpoint
  (without credentials) and what went wrong — refused, unresolvable, TLS, an HTTP status with a
  short excerpt of the server's text, a dropped or truncated answer, the deadline — with the
  user's password and token blanked out of anything quoted.

Built on the standard library's ``http.client`` rather than urllib: urllib's ``timeout`` bounds
each socket read, not the exchange, and it follows redirects across hosts with the credentials.
Proxies named by the environment (``https_proxy``, ``http_proxy``, ``no_proxy``) are honoured.
"""

from __future__ import annotations

import base64
import http.client
import re
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..defaults import REMOTE_CONNECT_TIMEOUT, REMOTE_TIMEOUT
from ..errors import EndpointError

__all__ = ["Remote", "Reply", "TIMEOUT", "CONNECT_TIMEOUT", "MAX_BYTES", "MAX_REDIRECTS"]

#: Seconds one exchange with a store may take, from connecting to the last byte of its answer.
TIMEOUT = REMOTE_TIMEOUT
#: Seconds to wait for a connection.
CONNECT_TIMEOUT = REMOTE_CONNECT_TIMEOUT
#: The largest answer read, in bytes.
MAX_BYTES = 1 << 30
#: Same-origin 307/308 redirects followed before giving up.
MAX_REDIRECTS = 5
#: Characters of a server's message quoted in an error.
_QUOTED = 160


@dataclass(frozen=True)
class Reply:
    """A complete 2xx answer: its status, media type (lower case, no parameters) and body."""

    status: int
    media_type: str
    body: bytes


@dataclass(frozen=True)
class Remote:
    """A SPARQL endpoint and how to talk to it: credentials, timeouts, size cap.

    Build it with :meth:`at`, which takes credentials out of the URL. The library never reads
    the environment: the command line passes ``PMGRAPH_ENDPOINT_USER`` / ``_PASSWORD`` /
    ``_TOKEN`` in.

    Examples
    --------
    >>> remote = Remote.at("https://ann:s3cret@store.example/sparql?x=1")
    >>> remote.url, remote.shown
    ('https://store.example/sparql?x=1', 'https://store.example/sparql')
    >>> remote.describe("answered HTTP 500: bad password s3cret")
    'SPARQL endpoint https://store.example/sparql: answered HTTP 500: bad password ***'
    """

    url: str
    authorization: str | None = field(default=None, repr=False)
    secrets: tuple[str, ...] = field(default=(), repr=False)
    timeout: float = TIMEOUT
    connect_timeout: float = CONNECT_TIMEOUT
    max_bytes: int = MAX_BYTES

    @classmethod
    def at(cls, url: str, *, user: str | None = None, password: str | None = None,
           token: str | None = None, timeout: float | None = None,
           connect_timeout: float | None = None, max_bytes: int = MAX_BYTES) -> Remote:
        """The endpoint at ``url``: HTTP basic credentials from the URL (``https://user:pw@host/``)
        or ``user`` / ``password``; a bearer ``token`` instead, if given. ``timeout`` is the total
        deadline of one exchange; the connect timeout is at most that.

        Raises :class:`EndpointError` for a URL that is not absolute http(s) or a timeout that is
        not a positive number of seconds.
        """
        try:
            parts = urllib.parse.urlsplit(url.strip())
            hostname = parts.hostname
        except ValueError:  # a bracket that does not close, say
            raise EndpointError(f"SPARQL endpoint {_bare(url)!r}: not a valid URL") from None
        if parts.scheme not in ("http", "https") or not hostname:
            raise EndpointError(f"SPARQL endpoint {_bare(url)!r}: not an http:// or https:// URL")
        try:
            parts.port  # noqa: B018 — raises on a port that is not a number in range
        except ValueError:
            raise EndpointError(f"SPARQL endpoint {_bare(url)!r}: the port is not a number from 0 to 65535 "
                                "(a password with / ? # @ or : must be percent-encoded)") from None
        total = TIMEOUT if timeout is None else timeout
        if not (0 < total <= 86_400):  # also refuses NaN
            raise EndpointError(f"timeout {total!r}: give a number of seconds above 0 and at most 86400")
        connect = min(CONNECT_TIMEOUT if connect_timeout is None else connect_timeout, total)
        if parts.username is not None and user is None:
            user = urllib.parse.unquote(parts.username)
            password = urllib.parse.unquote(parts.password or "")
        netloc = hostname if ":" not in hostname else f"[{hostname}]"
        if parts.port is not None:
            netloc += f":{parts.port}"
        clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        authorization: str | None = None
        secrets: tuple[str, ...] = ()
        if token:
            authorization, secrets = f"Bearer {token}", (token,)
        elif user is not None:
            pair = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            authorization = f"Basic {pair}"
            secrets = tuple(s for s in (password, pair) if s)
        return cls(clean, authorization, secrets, total, connect, max_bytes)

    @property
    def shown(self) -> str:
        """The URL as messages show it: no credentials (never kept), no query string."""
        return _bare(self.url)

    def describe(self, problem: str) -> str:
        """A one-line message about this endpoint, with every secret blanked out."""
        text = f"SPARQL endpoint {self.shown}: {problem}"
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return " ".join(text.split())

    def fail(self, problem: str) -> EndpointError:
        return EndpointError(self.describe(problem))

    def with_url(self, url: str) -> Remote:
        """The same limits at another URL of the store (its update URL), and the same credentials
        if it has the same origin (else only what that URL carries itself)."""
        other = Remote.at(url, timeout=self.timeout, connect_timeout=self.connect_timeout, max_bytes=self.max_bytes)
        if _origin(other.url) != _origin(self.url) or other.authorization is not None:
            return other
        return Remote(other.url, self.authorization, self.secrets, self.timeout, self.connect_timeout, self.max_bytes)

    def send(self, body: bytes | None, *, content_type: str | None, accept: str,
             params: Mapping[str, str] | None = None) -> Reply:
        """POST ``body`` (or GET when None) to the endpoint; the complete 2xx answer.

        ``params`` go into the URL's query string. Raises :class:`EndpointError` for anything
        else, within the deadline.
        """
        url = self.url
        if params:
            url += ("&" if urllib.parse.urlsplit(url).query else "?") + urllib.parse.urlencode(params)
        headers = {"Accept": accept, "User-Agent": "pmgraph", "Connection": "close"}
        if content_type is not None:
            headers["Content-Type"] = content_type
        if self.authorization:
            headers["Authorization"] = self.authorization
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            status, reason, media_type, answer, location = self._exchange(url, body, headers, deadline)
            if 200 <= status < 300:
                return Reply(status, media_type, answer)
            if status in (301, 302, 303, 307, 308) and location:
                target = urllib.parse.urljoin(url, location)
                if status in (307, 308) and _origin(target) == _origin(url):
                    url = target
                    continue
                raise self.fail(f"answered HTTP {status}, a redirect to {_quote(target)}; "
                                "give that URL as the endpoint if you trust it")
            raise self.fail(_status_problem(status, reason, media_type, answer, self.secrets))
        raise self.fail(f"redirected more than {MAX_REDIRECTS} times (a redirect loop?)")

    def _exchange(self, url: str, body: bytes | None, headers: dict[str, str],
                  deadline: float) -> tuple[int, str, str, bytes, str | None]:
        parts = urllib.parse.urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self.fail(f"no complete answer within {self.timeout:g} s (the timeout)")
        try:
            connection, absolute, proxy_headers = _connection(parts, min(self.connect_timeout, remaining))
        except ValueError as error:
            raise self.fail("the proxy named by the environment (https_proxy / http_proxy) is not a URL "
                            f"({error})") from None
        if absolute:  # plain http through a proxy: the whole URL as the target
            target = url
            headers = {**headers, **proxy_headers}
        watchdog = _Watchdog(connection, remaining)
        try:
            try:
                connection.connect()
            except TimeoutError:
                raise self.fail(f"no connection within {min(self.connect_timeout, remaining):g} s") from None
            if connection.sock is not None:
                connection.sock.settimeout(max(deadline - time.monotonic(), 0.001))
            connection.request("POST" if body is not None else "GET", target, body=body, headers=headers)
            response = connection.getresponse()
            answer = bytearray()
            while True:
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                answer += chunk
                if len(answer) > self.max_bytes:
                    raise self.fail(f"answered more than {self.max_bytes:,} bytes (the limit)")
            if watchdog.fired:
                raise self.fail(f"no complete answer within {self.timeout:g} s (the timeout)")
            if not response.chunked and response.length:  # fewer bytes than its Content-Length promised
                raise http.client.IncompleteRead(bytes(answer), response.length)
            media_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            return response.status, response.reason, media_type, bytes(answer), response.getheader("Location")
        except EndpointError:
            raise
        except Exception as error:  # what a socket, TLS or HTTP parser says about a broken exchange
            # The socket's own timeout is the time left: when it fires, so has the deadline (or
            # the watchdog is a moment behind it).
            if watchdog.fired or isinstance(error, (TimeoutError, socket.timeout)):
                raise self.fail(f"no complete answer within {self.timeout:g} s (the timeout)") from None
            raise self.fail(_network_problem(error)) from None
        finally:
            watchdog.cancel()
            connection.close()


class _Watchdog:
    """Shuts the connection's socket when the deadline passes, so a blocked read returns."""

    def __init__(self, connection: http.client.HTTPConnection, seconds: float):
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self._connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self._timer.cancel()


def _connection(parts: urllib.parse.SplitResult,
                timeout: float) -> tuple[http.client.HTTPConnection, bool, dict[str, str]]:
    """A connection to the URL's host, through the environment's proxy for its scheme if any:
    (connection, whether the request target must be the absolute URL, headers for the proxy).
    https goes through a CONNECT tunnel; plain http is sent to the proxy as an absolute URL."""
    host = parts.hostname or ""
    port = parts.port
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and not urllib.request.proxy_bypass(host):
        via = urllib.parse.urlsplit(proxy if "://" in proxy else "http://" + proxy)
        proxy_port = via.port or 8080  # raises ValueError for a port that is not a number
        headers: dict[str, str] = {}
        if via.username is not None:
            pair = f"{urllib.parse.unquote(via.username)}:{urllib.parse.unquote(via.password or '')}"
            headers["Proxy-Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode("ascii")
        if parts.scheme == "https":
            tunnel = http.client.HTTPSConnection(via.hostname or "", proxy_port, timeout=timeout,
                                                 context=ssl.create_default_context())
            tunnel.set_tunnel(host, port or 443, headers=headers)
            return tunnel, False, {}
        return http.client.HTTPConnection(via.hostname or "", proxy_port, timeout=timeout), True, headers
    if parts.scheme == "https":
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context()), False, {}
    return http.client.HTTPConnection(host, port, timeout=timeout), False, {}


def _network_problem(error: Exception) -> str:
    if isinstance(error, socket.gaierror):
        return "cannot resolve the host name (check the URL, or the network)"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused (is the store running, on this port?)"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({error.verify_message or error.reason})"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({error.reason or error})"
    if isinstance(error, http.client.IncompleteRead):
        return f"the connection closed after {len(error.partial):,} bytes, before the answer was complete"
    if isinstance(error, http.client.RemoteDisconnected):
        return "closed the connection without answering"
    if isinstance(error, http.client.LineTooLong):
        return "answered with a header line over 64 KiB (not a SPARQL store?)"
    if isinstance(error, http.client.BadStatusLine):
        return "did not answer HTTP (its answer does not begin with an HTTP status line)"
    if isinstance(error, http.client.HTTPException):
        return f"did not answer HTTP ({type(error).__name__}: {_quote(str(error))})"
    if isinstance(error, ConnectionResetError):
        return "reset the connection"
    if isinstance(error, OSError):
        return f"network error ({error.strerror or error})"
    return f"unexpected answer ({type(error).__name__}: {_quote(str(error))})"


def _status_problem(status: int, reason: str, media_type: str, body: bytes, secrets: tuple[str, ...]) -> str:
    text = _text_of(media_type, body, secrets)
    said = f": {text}" if text else ""
    if status in (401, 403):
        hint = ("; give credentials in the URL or PMGRAPH_ENDPOINT_USER / PMGRAPH_ENDPOINT_PASSWORD, "
                "or a token in PMGRAPH_ENDPOINT_TOKEN")
        return f"answered HTTP {status} {reason}{said}{hint}"
    return f"answered HTTP {status} {reason}{said}"


def _text_of(media_type: str, body: bytes, secrets: tuple[str, ...] = ()) -> str:
    """A short plain-text excerpt of a server's message (tags dropped from HTML), with every secret
    blanked out first (before anything is cut or collapsed, so no part of one shows)."""
    text = body[: 64 * 1024].decode("utf-8", "replace")
    for secret in secrets:
        text = text.replace(secret, "***")
    if "html" in media_type or text.lstrip()[:1] == "<":
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?s)<[^>]*>", " ", text)
    return _quote(" ".join(text.split()), quotes=False)


def _quote(text: str, *, quotes: bool = True) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    if len(text) > _QUOTED:
        text = text[:_QUOTED] + "…"
    return repr(text) if quotes else text


def _bare(url: str) -> str:
    """``url`` as a message may show it: no user info, query or fragment, cut short; a URL that
    does not parse shows only its scheme (what it holds might be a password)."""
    text = url.strip()
    scheme, sep, rest = text.partition("://")
    if not sep or not scheme.isalnum():
        return "<not a URL>"
    rest = rest.rsplit("@", 1)[-1]  # whatever came before the last @ may be credentials
    try:
        parts = urllib.parse.urlsplit(f"{scheme}://{rest}")
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return f"{_quote(scheme, quotes=False)}://<not a valid URL>"
    if ":" in host:
        host = f"[{host}]"
    return _quote(f"{parts.scheme}://{host}{port}{parts.path}", quotes=False)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port
