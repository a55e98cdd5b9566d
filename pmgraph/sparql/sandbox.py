"""Where queries run: in a process that cannot open a network socket, under a memory limit, and
that is killed when its time is up.

pyoxigraph executes ``SERVICE`` with its own HTTP client and cannot cancel a running query, and
one query can ask for more memory than the machine has (Rust then aborts the whole process). So
a query runs in a worker process, set up before it reads a byte of the query:

- **no network**: on Linux (x86-64 and arm64) a seccomp filter makes ``socket()`` fail for
  every family but ``AF_UNIX`` (the pipe to pmgraph), refuses ``io_uring_setup`` (which could
  open sockets around the filter) and the x32 calls, and kills the process on a call through
  another ABI (i386's ``int 0x80``). Elsewhere (macOS, Windows, other CPUs) there is no filter: the refusal
  of ``SERVICE`` by a parse of the query (:func:`pmgraph.sparql.query.check_query`) is the guard.
  :func:`network_closed_here` says which a platform gets.
- **bounded memory**: ``RLIMIT_AS`` (address space) of ``max_memory`` bytes where the platform
  has it (Linux; not macOS or Windows). A query past it fails or aborts its worker, never the
  server or the command.
- **bounded time**: the parent waits ``timeout`` seconds, then kills the worker (its CPU and
  memory are released at once) and starts another.

:class:`WorkerPool` keeps workers for a server; :func:`run_isolated` runs one function in a
forked child for a command (``pmgraph query``).
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import os
import pickle
import platform
import queue
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from ..defaults import QUERY_MAX_MEMORY
from ..errors import QueryRefusedError

__all__ = ["WorkerPool", "run_isolated", "close_network", "limit_memory", "network_closed_here",
           "QueryTimeout", "QueryOutOfMemory", "PoolBusy", "MAX_MEMORY"]

#: Bytes of address space a query's process may use unless told otherwise.
MAX_MEMORY = QUERY_MAX_MEMORY


class QueryTimeout(QueryRefusedError):
    """The query ran past its time limit and was stopped."""

    def __init__(self, seconds: float):
        super().__init__(f"Refused: the query ran past the time limit of {seconds:g} s and was stopped; "
                         "narrow it or add a LIMIT.", reason="time")


class QueryOutOfMemory(QueryRefusedError):
    """The query needed more memory than its limit and was stopped."""

    def __init__(self, limit: int):
        super().__init__(f"Refused: the query needed more than the memory limit of {limit // (1 << 20):,} MiB "
                         "and was stopped; narrow it or add a LIMIT.", reason="memory")


class PoolBusy(QueryRefusedError):
    """Every worker stayed busy for the whole wait."""

    def __init__(self, seconds: float):
        super().__init__(f"Refused: every query worker stayed busy for {seconds:g} s; try again shortly.",
                         reason="busy")


# --------------------------------------------------------------------------- the guards

_ARCHES = {  # machine -> (AUDIT_ARCH_*, socket's syscall number, whether x32 numbers exist)
    "x86_64": (0xC000003E, 41, True),
    "amd64": (0xC000003E, 41, True),
    "aarch64": (0xC00000B7, 198, False),
    "arm64": (0xC00000B7, 198, False),
}
_IO_URING_SETUP = 425
_AF_UNIX = 1


def network_closed_here() -> bool:
    """Whether :func:`close_network` can close the network on this platform (Linux, x86-64 or arm64)."""
    return sys.platform.startswith("linux") and platform.machine().lower() in _ARCHES


def close_network() -> bool:
    """Make this process unable to open internet sockets, for good (seccomp; see the module).

    Returns False where the platform has no such filter. Irreversible, and inherited by children.
    """
    if not network_closed_here():
        return False
    arch, socket_nr, x32 = _ARCHES[platform.machine().lower()]
    errno_eacces = 0x00050000 | 13  # SECCOMP_RET_ERRNO | EACCES
    allow = 0x7FFF0000  # SECCOMP_RET_ALLOW
    kill = 0x80000000  # SECCOMP_RET_KILL_PROCESS: another ABI (i386's int 0x80) would bypass the numbers below
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_JMP|JGE|K, BPF_RET|K
    program: list[tuple[int, int, int, int]] = [
        (ld, 0, 0, 4),  # the architecture
        (jeq, 1, 0, arch),
        (ret, 0, 0, kill),
        (ld, 0, 0, 0),  # the system call number
    ]
    if x32:
        program += [(jge, 0, 1, 0x40000000), (ret, 0, 0, errno_eacces)]  # x32 numbers: refuse them all
    program += [
        (jeq, 0, 1, _IO_URING_SETUP),
        (ret, 0, 0, errno_eacces),
        (jeq, 1, 0, socket_nr),
        (ret, 0, 0, allow),
        (ld, 0, 0, 16),  # socket()'s first argument: the address family
        (jeq, 0, 1, _AF_UNIX),  # local sockets only (the pipe to pmgraph); every other family refused
        (ret, 0, 0, allow),
        (ret, 0, 0, errno_eacces),
    ]
    filters = b"".join(struct.pack("HBBI", *instruction) for instruction in program)
    buffer = ctypes.create_string_buffer(filters, len(filters))

    class _Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = _Program(len(program), ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS: required to install a filter unprivileged
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(22, 2, ctypes.byref(fprog), 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
    return True


def limit_memory(max_bytes: int) -> bool:
    """Let this process use at most ``max_bytes`` more address space than it uses now (the data it
    has loaded); False where the platform cannot enforce it (only Linux does)."""
    if not sys.platform.startswith("linux"):
        return False
    import resource

    in_use = 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    in_use = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return False
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = in_use + max_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return True


# --------------------------------------------------------------------------- one child, for a command


def run_isolated(prepare: Callable[[], Any], run: Callable[[Any], bytes], *, max_memory: int = MAX_MEMORY,
                 timeout: float | None = None) -> bytes:
    """``run(prepare())`` in a child process, and the bytes it returns: the network is closed before
    ``prepare`` (loading the data) and the memory limit set after it, so ``max_memory`` bounds
    what ``run`` (the query) adds.

    A :class:`~pmgraph.errors.PmGraphError` raised there is raised here; a child that runs past
    ``timeout`` is killed (:class:`QueryTimeout`); one that dies of its memory limit gives
    :class:`QueryOutOfMemory`. What the child writes to standard error is passed on, except the
    engine's last words when it aborts.

    The child is forked when this process has a single thread (a command line, the usual case:
    a fork costs milliseconds); otherwise — RocksDB's threads are running, say, and a forked
    child would wait for ever on a lock one of them held — it is a fresh interpreter, and then
    ``prepare`` and ``run`` must be picklable (module-level functions, ``functools.partial``).
    """
    import tempfile

    descriptor, errors = tempfile.mkstemp(prefix="pmgraph-query-", suffix=".err")  # the child's stderr
    os.close(descriptor)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        if _fork_is_safe():
            payload, status = _forked(prepare, run, max_memory, timeout, errors)
        else:
            payload, status = _spawned(prepare, run, max_memory, timeout, errors)
        with open(errors, "rb") as said_file:
            said = said_file.read(1 << 16).decode("utf-8", "replace")
    finally:
        os.unlink(errors)
    aborted = status is not None and status < 0  # ended by a signal: the engine aborted, or was killed
    if said and not aborted:
        sys.stderr.write(said)
        sys.stderr.flush()
    if payload is None:
        if status == _KILLED_AT_TIMEOUT and timeout is not None:
            raise QueryTimeout(timeout)
        if aborted:
            raise QueryOutOfMemory(max_memory)
        raise RuntimeError(f"the query process ended without an answer (status {status}): {said[-300:]}")
    import pickle

    kind, value = pickle.loads(payload)  # our own child's bytes, through a private pipe
    if kind == "error":
        raise value
    if kind == "memory":
        raise QueryOutOfMemory(max_memory)
    return bytes(value)


#: The status :func:`_forked` and :func:`_spawned` give a child killed at its timeout.
_KILLED_AT_TIMEOUT = -1000


def _fork_is_safe() -> bool:
    """Whether this process may fork a child that loads and queries: POSIX, and a single thread
    (Linux counts native threads too; elsewhere only a fresh interpreter is safe)."""
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _child_payload(prepare: Callable[[], Any], run: Callable[[Any], bytes], max_memory: int) -> bytes:
    """In the child: guard, load, run; the pickled outcome."""
    import pickle

    from ..errors import PmGraphError

    close_network()
    try:
        state = prepare()
        limit_memory(max_memory)
        return pickle.dumps(("ok", run(state)))
    except PmGraphError as error:
        return pickle.dumps(("error", _portable(error)))
    except MemoryError:
        return pickle.dumps(("memory", None))
    except Exception as error:  # the engine failing on what it cannot handle: one line, not a crash
        return pickle.dumps(("error", PmGraphError(_summary(error))))


def _to_stderr(path: str) -> None:
    """Send this (child) process's standard error to the file at ``path``."""
    with open(path, "ab") as target:
        os.dup2(target.fileno(), 2)


def _forked(prepare: Callable[[], Any], run: Callable[[Any], bytes], max_memory: int, timeout: float | None,
            errors: str) -> tuple[bytes | None, int | None]:
    """(payload or None, exit status: negative for a signal) of a forked child."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's side is seen through the parent
        code = 0
        try:
            os.close(read_end)
            _to_stderr(errors)
            payload = _child_payload(prepare, run, max_memory)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 70
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    killed = threading.Event()
    reaped = threading.Lock()  # held from the moment the child is done: no signal to a recycled pid
    timer = None
    if timeout is not None:
        def kill() -> None:
            if reaped.acquire(blocking=False):
                killed.set()
                try:
                    os.kill(child, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                reaped.release()

        timer = threading.Timer(timeout, kill)
        timer.daemon = True
        timer.start()
    try:
        with os.fdopen(read_end, "rb") as answer:
            while block := answer.read(1 << 20):
                chunks.append(block)
    finally:
        if timer is not None:
            timer.cancel()
        with reaped:  # a kill() under way finishes first; none starts after
            _, status = os.waitpid(child, 0)
    if chunks:
        return b"".join(chunks), 0
    if killed.is_set():
        return None, _KILLED_AT_TIMEOUT
    return None, -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _spawned_main(connection: Any, prepare: Callable[[], Any], run: Callable[[Any], bytes], max_memory: int,
                  errors: str) -> None:  # pragma: no cover - runs in the child
    _to_stderr(errors)
    connection.send_bytes(_child_payload(prepare, run, max_memory))
    connection.close()


def _fresh_context() -> Any:  # a multiprocessing context; typeshed types its Process and Pipe loosely
    """Children from a clean process: on Linux multiprocessing's fork server (a single-threaded
    interpreter that has imported pmgraph's query path once, so each child starts in milliseconds),
    elsewhere a fresh interpreter each time."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pyoxigraph", "rdflib", "pmgraph.cli", "pmgraph.sparql.endpoint"])
        return context
    return multiprocessing.get_context("spawn")


def _spawned(prepare: Callable[[], Any], run: Callable[[Any], bytes], max_memory: int, timeout: float | None,
             errors: str) -> tuple[bytes | None, int | None]:
    """(payload or None, exit status: negative for a signal) of a child in a fresh interpreter."""
    context = _fresh_context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_spawned_main, args=(send, prepare, run, max_memory, errors), daemon=True)
    process.start()
    send.close()
    try:
        if receive.poll(timeout):
            try:
                payload: bytes | None = receive.recv_bytes()
            except (EOFError, OSError):
                payload = None
        else:
            process.kill()
            process.join()
            return None, _KILLED_AT_TIMEOUT
    finally:
        receive.close()
    process.join()
    return payload, 0 if payload is not None else process.exitcode


def _summary(error: BaseException) -> str:
    return " ".join(f"The query failed in the engine: {type(error).__name__}: {error}".split())[:300]


def _portable(error: Exception) -> Exception:
    """``error`` if it survives pickling, else a :class:`PmGraphError` with its message."""
    import pickle

    from ..errors import PmGraphError

    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # an exception whose constructor pickle cannot call again
        return PmGraphError(str(error))


# --------------------------------------------------------------------------- a pool, for a server


def _worker(connection: Any, setup: Callable[..., Any], setup_args: tuple[Any, ...],
            handler: Callable[..., Any], max_memory: int) -> None:  # pragma: no cover - runs in the worker
    """A worker's life: guard itself, set up (open the store), then answer requests until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    close_network()
    state = setup(*setup_args)
    limit_memory(max_memory)
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            reply = ("ok", handler(state, *request))
        except MemoryError:
            reply = ("memory", None)
        except Exception as error:  # the handler should answer everything; if not, say what broke
            reply = ("crash", _summary(error))
        try:
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory", None))
        # Its size first, alone: the server reads a large answer off its event loop.
        connection.send_bytes(struct.pack("!Q", len(data)))
        connection.send_bytes(data)


#: Answers larger than this are read in a thread, not on the server's event loop.
_READ_ON_LOOP = 1 << 20


def _read_reply(connection: Any) -> tuple[str, Any]:
    """A worker's reply, read whole (blocking): its size, then its pickled bytes."""
    connection.recv_bytes()
    kind, value = pickle.loads(connection.recv_bytes())
    return kind, value


class WorkerPool:
    """Worker processes that answer requests with ``handler(state, *request)``, where ``state`` is
    what ``setup(*setup_args)`` returned in the worker; each guarded (see the module).

    :meth:`call` waits for an idle worker, gives it the request and waits ``timeout`` seconds for
    its answer; a worker that runs late is killed and replaced, one that dies is replaced.
    :meth:`call_async` does the same from an event loop, without a thread per waiting request.
    ``setup``, ``handler`` and their arguments must be picklable (module-level functions).
    """

    def __init__(self, setup: Callable[..., Any], setup_args: tuple[Any, ...], handler: Callable[..., Any], *,
                 workers: int = 4, max_memory: int = MAX_MEMORY, start_timeout: float = 120.0):
        # Workers fork from a small single-threaded server, never from this threaded one.
        self._context: Any = _fresh_context()
        self._setup, self._setup_args, self._handler = setup, setup_args, handler
        self.max_memory = max_memory
        self._start_timeout = start_timeout
        self._idle: queue.Queue[tuple[Any, Any]] = queue.Queue()
        self._all: set[Any] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._workers = workers
        self._slots: tuple[Any, asyncio.Semaphore] | None = None  # (loop, idle workers) for call_async
        try:
            started = [self._spawn() for _ in range(workers)]
            for worker in started:
                self._await_ready(worker)
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> tuple[Any, Any]:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker, daemon=True,
                                        args=(child, self._setup, self._setup_args, self._handler, self.max_memory))
        process.start()
        child.close()
        with self._lock:
            self._all.add(process)
        return process, parent

    def _await_ready(self, worker: tuple[Any, Any]) -> None:
        process, connection = worker
        try:
            ready = connection.poll(self._start_timeout) and connection.recv() == "ready"
        except (EOFError, OSError):  # it died setting up (a store it cannot open, a filter refused)
            ready = False
        if not ready:
            process.kill()
            raise RuntimeError(f"a query worker did not start (exit code {process.exitcode})")

    def _replace(self, worker: tuple[Any, Any]) -> None:
        """Kill ``worker`` and start another in the background, so the caller answers at once."""
        process, connection = worker
        process.kill()
        connection.close()

        def start() -> None:
            process.join(5)
            with self._lock:
                self._all.discard(process)
            for attempt in range(20):  # a pool that lost a worker for good would answer "busy" for ever
                with self._lock:
                    if self._closed:
                        return
                try:
                    fresh = self._spawn()
                    self._await_ready(fresh)
                except (RuntimeError, OSError):
                    time.sleep(min(0.5 * 2 ** attempt, 10))
                    continue
                with self._lock:
                    if self._closed:
                        fresh[0].kill()
                        return
                self._idle.put(fresh)
                return

        threading.Thread(target=start, daemon=True).start()

    def call(self, *request: Any, timeout: float) -> Any:
        """``handler(state, *request)`` in a worker; raises :class:`QueryTimeout`,
        :class:`QueryOutOfMemory` or :class:`PoolBusy`."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy(timeout) from None
        process, connection = worker
        try:
            connection.send(request)
            if not connection.poll(max(deadline - time.monotonic(), 0)):
                self._replace(worker)
                raise QueryTimeout(timeout)
            kind, value = _read_reply(connection)
        except (EOFError, OSError, BrokenPipeError):  # the worker died: of its memory limit, as a rule
            self._replace(worker)
            raise QueryOutOfMemory(self.max_memory) from None
        return self._settle(worker, kind, value)

    async def call_async(self, *request: Any, timeout: float) -> Any:
        """:meth:`call` for a coroutine: waits on the event loop, not in a thread."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self._workers))
        slots = self._slots[1]
        deadline = time.monotonic() + timeout
        try:
            async with asyncio.timeout(timeout):
                await slots.acquire()
        except TimeoutError:
            raise PoolBusy(timeout) from None
        try:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:  # a worker is being replaced: wait for it off the loop
                try:
                    worker = await loop.run_in_executor(None, self._idle.get, True, max(deadline - time.monotonic(), 0))
                except queue.Empty:
                    raise PoolBusy(timeout) from None
            return await self._exchange(loop, worker, request, deadline, timeout)
        finally:
            slots.release()

    async def _exchange(self, loop: asyncio.AbstractEventLoop, worker: tuple[Any, Any], request: tuple[Any, ...],
                        deadline: float, timeout: float) -> Any:
        process, connection = worker
        try:
            connection.send(request)
        except (OSError, BrokenPipeError):
            self._replace(worker)
            raise QueryOutOfMemory(self.max_memory) from None
        answered = loop.create_future()
        descriptor = connection.fileno()

        def readable() -> None:
            if not answered.done():
                answered.set_result(None)

        loop.add_reader(descriptor, readable)
        try:
            async with asyncio.timeout(max(deadline - time.monotonic(), 0)):
                await answered
        except TimeoutError:
            loop.remove_reader(descriptor)
            self._replace(worker)
            raise QueryTimeout(timeout) from None
        except BaseException:  # cancelled (the server stopping): the worker still has the query
            loop.remove_reader(descriptor)
            self._replace(worker)
            raise
        loop.remove_reader(descriptor)
        os.set_blocking(descriptor, True)  # uvloop's watch made it non-blocking: recv must wait for all
        try:
            size = struct.unpack("!Q", connection.recv_bytes())[0]  # 8 bytes, sent alone: here already
            data = connection.recv_bytes() if size <= _READ_ON_LOOP else \
                await loop.run_in_executor(None, connection.recv_bytes)
            kind, value = pickle.loads(data)
        except (EOFError, OSError):  # the worker died: of its memory limit, as a rule
            self._replace(worker)
            raise QueryOutOfMemory(self.max_memory) from None
        except BaseException:  # cancelled while a large answer was read: the pipe is mid-message
            self._replace(worker)
            raise
        return self._settle(worker, kind, value)

    def _settle(self, worker: tuple[Any, Any], kind: str, value: Any) -> Any:
        """A worker's reply: its answer, or the error it stands for; the worker back to idle or replaced."""
        if kind == "memory":
            self._replace(worker)  # a MemoryError may leave the worker's heap in pieces
            raise QueryOutOfMemory(self.max_memory)
        self._idle.put(worker)
        if kind == "crash":
            raise QueryRefusedError(str(value), reason="engine")
        return value

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            processes = list(self._all)
        for process in processes:
            process.kill()
        for process in processes:
            process.join(2)
