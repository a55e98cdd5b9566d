"""The endpoint's transport: a listening socket, and uvicorn (HTTP/1.1 on an event loop) with the
bounds it leaves out added (connections at once, a request head's deadline and size, a client that
stops reading its answer); the ASGI application is :mod:`pmgraph.sparql.endpoint.app`'s."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Callable
from typing import Any, cast

__all__ = ["MAX_HEAD", "listen", "uvicorn_server", "guarded_protocol", "more_file_descriptors"]

#: The most bytes of request line and headers a request may have.
MAX_HEAD = 64 * 1024


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port``; OSError when ``host`` names no or several addresses."""
    addresses = {info[4][:2]: info for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                                   flags=socket.AI_PASSIVE)}
    if len(addresses) != 1:
        raise OSError(f"{host} names more than one address; give one")
    family, kind, proto, _name, address = next(iter(addresses.values()))
    listener = socket.socket(family, kind, proto)
    try:
        if os.name == "posix":  # elsewhere (Windows) it would let another process take the port
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        listener.bind(address)
        listener.listen(2048)
        listener.setblocking(False)
    except BaseException:
        listener.close()
        raise
    return listener


def uvicorn_server(app: Callable[..., Any], connection_limit: int, channel_timeout: float) -> Any:
    """A uvicorn server for ``app`` whose connections are guarded (:func:`guarded_protocol`) and
    that leaves signals to its caller."""
    import contextlib
    import importlib.util

    import uvicorn

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Any:  # the command (or the notebook) owns the signals
            yield

    config = uvicorn.Config(
        app, interface="asgi3", http=guarded_protocol(connection_limit, channel_timeout), ws="none",
        lifespan="off",
        loop="uvloop" if importlib.util.find_spec("uvloop") else "asyncio",
        log_config=None, access_log=False, server_header=False, proxy_headers=False,
        limit_concurrency=connection_limit + 1, timeout_keep_alive=max(1, int(channel_timeout + 0.999)),
        timeout_graceful_shutdown=1,
    )
    return Server(config)


def guarded_protocol(connection_limit: int, channel_timeout: float) -> type[asyncio.Protocol]:
    """uvicorn's httptools protocol with the bounds uvicorn leaves out (docs/security.md):

    - at most ``connection_limit`` connections: one more is closed as it opens;
    - a request line and headers within ``channel_timeout`` s of the connection opening or of the
      previous answer, however slowly its bytes trickle in (slowloris), and at most MAX_HEAD bytes
      (431 beyond);
    - a client that stops taking its answer for ``channel_timeout`` s is cut off.

    The body's own deadline and size are the application's (:meth:`SparqlServer._read_body`).
    """
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class Guarded(HttpToolsProtocol):
        _head_timer: asyncio.TimerHandle | None = None
        _write_timer: asyncio.TimerHandle | None = None
        _in_head = True  # reading a request line and headers (or waiting for one)
        _head_bytes = 0
        _tail = b""

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            tcp = cast(asyncio.Transport, transport)
            super().connection_made(tcp)
            if len(self.connections) > connection_limit:
                tcp.abort()
                return
            self._arm_head()

        def connection_lost(self, exc: Exception | None) -> None:
            for timer in (self._head_timer, self._write_timer):
                if timer is not None:
                    timer.cancel()
            super().connection_lost(exc)

        def _arm_head(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            self._in_head, self._head_bytes, self._tail = True, 0, b""
            self._head_timer = self.loop.call_later(channel_timeout, self._cut)

        def _cut(self) -> None:
            if not self.transport.is_closing():
                self.transport.abort()

        def data_received(self, data: bytes) -> None:
            # The head's raw bytes are counted before the parser sees them: httptools reports a
            # header only once it is complete, and would grow one without end meanwhile.
            if self._in_head:
                seen = self._tail + data
                end = seen.find(b"\r\n\r\n")
                self._head_bytes += len(data) if end < 0 else max(0, end + 4 - len(self._tail))
                self._tail = seen[-3:]
                if self._head_bytes > MAX_HEAD:
                    self._refuse_head()
                    return
            super().data_received(data)

        def _refuse_head(self) -> None:
            message = f"The request line and headers are larger than {MAX_HEAD:,} bytes.\n".encode("ascii")
            self.transport.write(b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                                 b"content-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
                                 b"content-length: " + str(len(message)).encode("ascii") + b"\r\n\r\n" + message)
            self.transport.close()

        def on_headers_complete(self) -> None:
            self._in_head = False
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            pipelined = bool(self.pipeline)  # the next request's head is in already: it is being served
            super().on_response_complete()
            if not pipelined and not self.transport.is_closing():
                self._arm_head()  # the next request's head, or an idle connection, has its deadline

        def pause_writing(self) -> None:
            super().pause_writing()
            if self._write_timer is None:
                self._write_timer = self.loop.call_later(channel_timeout, self._cut)

        def resume_writing(self) -> None:
            super().resume_writing()
            if self._write_timer is not None:
                self._write_timer.cancel()
                self._write_timer = None

    return Guarded


def more_file_descriptors(connections: int) -> None:
    """Raise this process's open-file limit towards the hard limit, so ``connections`` sockets fit."""
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        raised = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
