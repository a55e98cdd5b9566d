"""pmgraph serve and pmgraph query attacked as a hostile client would (issue 14): no way to the
network, timeouts that stop the work, bounded memory and connections, safe defaults."""

from __future__ import annotations

import functools
import http.client
import os
import resource
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from pmgraph.cli import cli
from pmgraph.sparql import sandbox

from .conftest import ROOT, canary_listener, free_port, pmgraph_env, serving, stop

BYPASS_CR = "SELECT ?a WHERE { #x\rSERVICE <CANARY/> { ?a ?b ?c } }"
BYPASS_QUOTE = "SELECT ?a WHERE { BIND(pm:a\\' AS ?z) SERVICE <CANARY/> { ?a ?b ?c } FILTER(?z != 'q') }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CONCAT_BOMB = ("SELECT ?x WHERE { BIND(\"" + "a" * 64 + "\" AS ?x0) "
               + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(40)) + " BIND(?x40 AS ?x) }")
# With LIMIT the engine sorts (pmgraph sorts a bare ORDER BY itself, in Python): it asks for all of it at once.
ORDER_BOMB = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g LIMIT 1"


def ask(base: str, query: str, *, headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, str]:
    request = urllib.request.Request(base + "/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def canary():
    """A loopback listener that records every connection made to it."""
    with canary_listener() as found:
        yield found


@pytest.fixture(scope="module")
def server():
    with serving("--timeout", "5", "--workers", "2", "--answer-cache", "0") as running:
        yield running


# --------------------------------------------------------------------------- no network


@pytest.mark.parametrize("query", [BYPASS_CR, BYPASS_QUOTE], ids=["comment-ended-by-CR", "escaped-quote"])
def test_the_two_bypasses_are_refused_by_serve_and_query(query, server, canary):
    url, hits = canary
    text = query.replace("CANARY", url)
    status, body = ask(server[0], text)
    assert status in (400, 403), body
    result = CliRunner().invoke(cli, ["query", "-e", text])
    assert result.exit_code == 1 and "Traceback" not in result.output
    time.sleep(0.3)
    assert hits == []


def test_a_worker_cannot_open_a_socket_even_if_the_parse_were_fooled(canary):
    """Under the parse, the sandbox: the engine's own SERVICE, run with no check at all, fails."""
    if not sandbox.network_closed_here():
        pytest.skip("no seccomp on this platform; the parse is the guard (docs/security.md)")
    url, hits = canary
    said = sandbox.run_isolated(_nothing, functools.partial(_service_probe, url))
    assert said.startswith(b"refused"), said
    time.sleep(0.3)
    assert hits == []


def _nothing() -> None:
    return None


def _service_probe(url: str, _state: None) -> bytes:
    """Run the engine's own SERVICE, unchecked (module-level: run_isolated may pickle it)."""
    import pyoxigraph as ox

    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}/> {{ ?s ?p ?o }} }}"))
    except OSError as error:
        return f"refused: {error}".encode()
    return b"answered"


AROUND = st.sampled_from([
    "", " ", "\n", "\r", "\r\n", "\t", "#c\n", "#c\r", "#c\r\n", "# SERVICE\n", "\\u0020", "{", "}", "{ }",
    "OPTIONAL {", "UNION", ".", ";", "'", '"', "\\'", '\\"', "'''", '"""', "<", ">", "(", ")",
    "pm:a\\'", "pm:a\\-", "?x", "$y", "FILTER(?z != 'q')", "BIND(1 AS ?q)", "MINUS {", "GRAPH ?g {",
    "'#'", '"#"', "<#>", "/*", "*/",
])
SERVICE = st.sampled_from(["SERVICE", "service", "Service", "sErViCe", "\\u0053ERVICE", "S\\u0045RVICE",
                           "\\U00000053ervice", "SERVICE SILENT", "service silent", "SERVICE\n", "SERVICE\r"])


@st.composite
def service_queries(draw, url: str) -> str:
    body = "".join(draw(st.lists(AROUND, max_size=6))) + draw(SERVICE) + f" <{url}/> {{ ?a ?b ?c }}"
    for _ in range(draw(st.integers(0, 3))):
        body = draw(st.sampled_from(["{ ", "OPTIONAL { ", "{ { "])) + body + " }" * (2 if _ % 2 else 1)
    return "SELECT ?a WHERE { " + "".join(draw(st.lists(AROUND, max_size=4))) + body + \
        "".join(draw(st.lists(AROUND, max_size=4))) + " }"


def test_thousands_of_service_queries_reach_nothing(server, canary):
    """Differential: whatever the engine makes of each query, the canary hears nothing."""
    url, hits = canary
    base = server[0]
    runner = CliRunner()
    counts = {"serve": 0, "query": 0}

    @settings(max_examples=1500, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(text=service_queries(url), cli_too=st.integers(0, 4))
    def check(text: str, cli_too: int) -> None:
        status, _ = ask(base, text)
        assert status in (200, 400, 403, 500, 503)
        counts["serve"] += 1
        if cli_too == 0:  # one in five through pmgraph query as well
            result = runner.invoke(cli, ["query", "-e", text])
            assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
            counts["query"] += 1

    check()
    time.sleep(0.5)
    assert hits == [], f"{len(hits)} connections reached the canary"
    assert counts["serve"] >= 1500 and counts["query"] >= 200, counts


# --------------------------------------------------------------------------- time and memory


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children, from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent, utime, stime = int(fields[1]), int(fields[11]), int(fields[12])
        if int(entry) == pid or parent == pid or _ancestor(int(entry), pid):
            total += (utime + stime) / tick
    return total


def _ancestor(pid: int, root: int) -> bool:
    for _ in range(5):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            return False
        if pid == root:
            return True
        if pid <= 1:
            return False
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_timeout_stops_the_work():
    with serving("--timeout", "1", "--workers", "2", "--answer-cache", "0") as (base, process):
        status, body = ask(base, CARTESIAN)
        assert status == 503 and "time limit" in body
        time.sleep(2)
        before = _cpu_seconds(process.pid)
        time.sleep(1)
        assert _cpu_seconds(process.pid) - before < 0.2  # idle again: the query was killed

        results: list[int] = []
        threads = [threading.Thread(target=lambda: results.append(ask(base, CARTESIAN)[0])) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == [503] * 8
        started = time.monotonic()
        assert ask(base, "ASK { ?s ?p ?o }")[0] == 200
        assert time.monotonic() - started < 3  # the replaced workers are ready


@pytest.mark.parametrize("bomb", [CONCAT_BOMB, ORDER_BOMB], ids=["concat-doubling", "order-by-cartesian"])
def test_memory_bombs_get_503_and_the_server_keeps_answering(bomb):
    with serving("--timeout", "20", "--workers", "1", "--max-memory", "512M",
                 "--answer-cache", "0") as (base, _process):
        status, body = ask(base, bomb)
        assert status == 503 and ("memory limit" in body or "time limit" in body), body
        assert ask(base, "ASK { ?s ?p ?o }")[0] == 200


@pytest.mark.parametrize("bomb", [CONCAT_BOMB, ORDER_BOMB], ids=["concat-doubling", "order-by-cartesian"])
def test_memory_bombs_are_one_line_from_pmgraph_query(bomb, tmp_path):
    started = time.monotonic()
    process = subprocess.run([sys.executable, "-m", "pmgraph", "query", "-e", bomb, "--max-memory", "512M"],
                             cwd=ROOT, env={**pmgraph_env(), "PMGRAPH_CACHE_DIR": str(tmp_path)},
                             capture_output=True, text=True, timeout=300)
    assert process.returncode == 1, process.stderr[-1000:]
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and "memory limit of 512 MiB" in lines[0], process.stderr[-1000:]
    assert time.monotonic() - started < 120


# --------------------------------------------------------------------------- connections


def _raw(base: str, data: bytes, *, wait: float = 5.0) -> bytes:
    host, port = base.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as conn:
        conn.sendall(data)
        chunks = b""
        try:
            while chunk := conn.recv(65536):
                chunks += chunk
        except TimeoutError:
            pass
        return chunks


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", ""])
def test_malformed_content_lengths_are_400(server, length):
    base = server[0]
    answer = _raw(base, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                  + f"Content-Length: {length}\r\nConnection: close\r\n\r\nASK {{}}".encode())
    assert answer.split(b"\r\n", 1)[0].split()[1] in (b"400", b"411"), answer[:200]


def test_keep_alive_and_http_1_1(server):
    host, port = server[0].split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    for _ in range(3):
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
        reply = connection.getresponse()
        assert reply.status == 200 and reply.version == 11
        reply.read()
    connection.close()


def _closed_within(conn: socket.socket, seconds: float) -> tuple[bytes, float]:
    """What the server sends until it closes ``conn`` (a reset counts as closed), and when."""
    started = time.monotonic()
    received = b""
    conn.settimeout(seconds)
    try:
        while chunk := conn.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received, time.monotonic() - started


@pytest.fixture(scope="module")
def impatient():
    """A server that gives clients 2 s and 4 connections."""
    with serving("--channel-timeout", "2", "--connection-limit", "4", "--workers", "1",
                 "--max-results", "1000000") as running:
        yield running


def _connect(base: str) -> socket.socket:
    host, port = base.split("//")[1].split(":")
    return socket.create_connection((host, int(port)), timeout=15)


def test_a_half_sent_body_is_timed_out(impatient):
    with _connect(impatient[0]) as conn:
        conn.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK")
        received, elapsed = _closed_within(conn, 15)
    assert received.startswith(b"HTTP/1.1 408"), received[:200]
    assert 1.5 < elapsed < 6


def test_headers_trickled_byte_by_byte_are_cut_off(impatient):
    """Slowloris: every byte resets an idle timer, but not the deadline for the whole head."""
    request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 200
    with _connect(impatient[0]) as conn:
        started = time.monotonic()
        closed = False
        for byte in request:
            try:
                conn.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.05)
            if time.monotonic() - started > 8:
                break
        if not closed:
            received, _ = _closed_within(conn, 5)
            assert received == b""
    assert time.monotonic() - started < 8


def test_an_idle_keep_alive_connection_is_closed(impatient):
    host, port = impatient[0].split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=15)
    connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
    assert connection.getresponse().read()
    assert connection.sock is not None
    received, elapsed = _closed_within(connection.sock, 15)
    connection.close()
    assert received == b"" and 1.5 < elapsed < 6


def test_a_client_that_stops_reading_its_answer_is_cut_off(impatient):
    big = "SELECT * WHERE { ?s ?p ?o . ?r a pm:Role } LIMIT 100000"  # some 15 MB of CSV
    host, port = impatient[0].split("//")[1].split(":")
    with socket.socket() as conn:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connecting: a small window
        conn.settimeout(15)
        conn.connect((host, int(port)))
        conn.sendall(b"GET /sparql?" + urllib.parse.urlencode({"query": big}).encode()
                     + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n\r\n")
        time.sleep(6)  # read nothing for longer than the server's 2 s
        received, _ = _closed_within(conn, 15)
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:200]
    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    assert len(body) < length, "the whole answer arrived: the server waited for the client"


def test_connections_beyond_the_limit_are_closed_and_the_rest_answer(impatient):
    base = impatient[0]
    held = [_connect(base) for _ in range(4)]
    try:
        time.sleep(0.3)
        with _connect(base) as extra:
            received, elapsed = _closed_within(extra, 5)
            assert received == b"" and elapsed < 2
    finally:
        for conn in held:
            conn.close()
    time.sleep(0.3)
    assert ask(base, "ASK { ?s ?p ?o }", timeout=10)[0] == 200


def test_large_answers_arrive_whole_from_concurrent_queries(server):
    """Answers far larger than a pipe's buffer, several at once, each whole (uvloop once left the
    workers' pipes non-blocking, and a large answer read half-way counted as a dead worker)."""
    import json

    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5000"  # some 1.7 MB of JSON
    results: list[tuple[int, int]] = []
    messages: list[str] = []

    def fetch() -> None:
        status, text = ask(server[0], query, headers={"Accept": "application/sparql-results+json"})
        results.append((status, len(json.loads(text)["results"]["bindings"]) if status == 200 else -1))
        if status != 200:
            messages.append(text)

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [(200, 5000)] * 8, messages


def test_an_oversized_request_head_is_431(server):
    answer = _raw(server[0], b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + b"".join(b"X-%d: %s\r\n" % (i, b"v" * 1000) for i in range(100)) + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
    assert b"headers are larger than" in answer


def test_pipelined_requests_are_all_answered(server):
    one = b"GET /sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    answer = _raw(server[0], one + one + one[:-2] + b"Connection: close\r\n\r\n")
    assert answer.count(b"HTTP/1.1 200 OK") == 3, answer[:300]


def test_one_endless_header_line_is_431_before_it_grows(server):
    """httptools reports a header only once its line ends: the head is counted as bytes arrive."""
    host, port = server[0].split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=15) as conn:
        conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ")
        answer = b""
        try:
            for _ in range(64):  # up to 4 MB of one header value, never ended
                conn.sendall(b"a" * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]


def test_an_oversized_body_is_413(server):
    answer = _raw(server[0], b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 5000000\r\nConnection: close\r\n\r\n" + b"#" * 100_000)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_an_unread_body_does_not_leak_into_the_next_request(server):
    """A request refused before its body is read (415) leaves the connection usable."""
    host, port = server[0].split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("POST", "/sparql", body=b"GET /evil HTTP/1.1\r\n\r\n", headers={"Content-Type": "text/plain"})
    assert connection.getresponse().read() and True
    connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    reply = connection.getresponse()
    assert reply.status == 200 and b"true" in reply.read()
    connection.close()


def test_1100_idle_connections_while_a_health_query_answers():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 4096), hard), hard))
    with serving("--channel-timeout", "60", "--answer-cache", "0") as (base, _process):
        host, port = base.split("//")[1].split(":")
        idle = []
        try:
            for _ in range(1100):
                idle.append(socket.create_connection((host, int(port)), timeout=10))
            time.sleep(0.5)
            latencies = []
            for _ in range(100):
                started = time.perf_counter()
                assert ask(base, "ASK { ?s ?p ?o }", timeout=10)[0] == 200
                latencies.append(time.perf_counter() - started)
        finally:
            for conn in idle:
                conn.close()
        latencies.sort()
        assert latencies[98] < 0.1, f"p99 {latencies[98] * 1000:.0f} ms"


# --------------------------------------------------------------------------- safe defaults


@pytest.mark.parametrize("options", [["--port", "70000"], ["--timeout", "-1"], ["--max-results", "-5"],
                                     ["--timeout", "nan"], ["--workers", "0"], ["--max-memory", "lots"],
                                     ["--host", "0.0.0.0"]])
def test_invalid_options_are_usage_errors(options):
    result = CliRunner().invoke(cli, ["serve", *options])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_beyond_loopback_needs_a_token_and_checks_it():
    with serving("--host", "0.0.0.0", "--token", "s3cret-token") as (base, _process):
        assert ask(base, "ASK {}")[0] == 401
        assert ask(base, "ASK {}", headers={"Authorization": "Bearer wrong"})[0] == 401
        assert ask(base, "ASK {}", headers={"Authorization": "Bearer s3cret-token"})[0] == 200
        with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D&token=s3cret-token", timeout=10) as reply:
            assert reply.status == 200


def test_no_auth_beyond_loopback_warns(tmp_path):
    """The warning comes before the server starts: the test reads it and stops the process there
    (or, should it not come, once the server says it is up)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "pmgraph", "serve", "--host", "0.0.0.0", "--no-auth",
                                "--port", str(port)], cwd=ROOT, env=pmgraph_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = threading.Timer(60, process.kill)  # a server that never speaks fails, it does not hang
    deadline.start()
    said = ""
    try:
        while line := process.stdout.readline():
            said += line
            if line.startswith(("warning: serving beyond this machine", "pmgraph SPARQL endpoint at")):
                break
    finally:
        deadline.cancel()
        stop(process)
    said += process.stdout.read()
    assert "warning: serving beyond this machine without a token" in said


def test_the_host_header_is_checked(server):
    base = server[0]
    assert ask(base, "ASK {}", headers={"Host": "evil.example"})[0] == 421
    assert ask(base, "ASK {}", headers={"Host": "localhost:1234"})[0] == 200


def test_cors_is_off_unless_asked():
    with serving() as (base, _process):
        request = urllib.request.Request(base + "/sparql?query=ASK%7B%7D", headers={"Origin": "https://evil.example"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.headers.get("Access-Control-Allow-Origin") is None
    with serving("--cors", "https://app.example") as (base, _process):
        for origin, allowed in [("https://app.example", "https://app.example"), ("https://evil.example", None)]:
            request = urllib.request.Request(base + "/sparql?query=ASK%7B%7D", headers={"Origin": origin})
            with urllib.request.urlopen(request, timeout=10) as reply:
                assert reply.headers.get("Access-Control-Allow-Origin") == allowed


def test_other_methods_get_405_with_allow(server):
    request = urllib.request.Request(server[0] + "/sparql", method="PUT", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 405 and "POST" in caught.value.headers["Allow"]


# --------------------------------------------------------------------------- the filter itself


def _in_closed_child(check) -> int:
    """Run ``check()`` in a forked child after close_network(); the child's wait status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - seen through the status
        code = 1
        try:
            sandbox.close_network()
            code = check()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return status


@pytest.mark.skipif(not sandbox.network_closed_here(), reason="no seccomp on this platform (docs/security.md)")
def test_only_local_sockets_open_after_the_filter():
    def check() -> int:
        for family in (socket.AF_INET, socket.AF_INET6, 40, 16, 17):  # inet, inet6, vsock, netlink, packet
            try:
                socket.socket(family, socket.SOCK_RAW if family in (16, 17) else socket.SOCK_STREAM).close()
                return 2  # opened: the filter let it through
            except OSError:
                pass
        a, b = socket.socketpair()
        a.close(), b.close()
        socket.socket(socket.AF_UNIX).close()
        return 0

    status = _in_closed_child(check)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status


@pytest.mark.skipif(not sandbox.network_closed_here() or os.uname().machine != "x86_64", reason="x86-64 only")
def test_the_i386_system_call_door_is_shut(canary):
    """socket() through `int 0x80` (the i386 ABI, other numbers) kills the process, never opens."""
    import ctypes
    import mmap
    import signal
    import struct

    def check() -> int:
        code = (bytes([0x53, 0xB8]) + struct.pack("<I", 359) + bytes([0xBB]) + struct.pack("<I", 2)
                + bytes([0xB9]) + struct.pack("<I", 1) + bytes([0x31, 0xD2, 0xCD, 0x80, 0x5B, 0xC3]))
        page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        page.write(code)
        call = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(page)))
        return 3 if call() >= 0 else 4

    status = _in_closed_child(check)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGSYS, status


def test_allow_host_names_another_host_with_or_without_its_port():
    with serving("--allow-host", "proxy.example:443", "--allow-host", "Other.Example") as (base, _process):
        for host, status in [("proxy.example", 200), ("proxy.example:8443", 200), ("other.example", 200),
                             ("evil.example", 421), ("127.0.0.1", 200)]:
            assert ask(base, "ASK {}", headers={"Host": host})[0] == status, host
