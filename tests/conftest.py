import contextlib
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import pmgraph
from pmgraph.resources import ontology_dir

# Commands cache loaded graphs; keep the tests' cache out of the user's home, one per run.
os.environ["PMGRAPH_CACHE_DIR"] = tempfile.mkdtemp(prefix="pmgraph-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
LADDER = DATA / "ladder.ttl"

# rdflib logs a traceback for each ill-typed literal; the validator reports them itself.
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)


def require_or_skip(available: bool, what: str) -> None:
    """Skip when a real part is missing on a developer machine; fail in CI (CI=true)."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is required in CI but missing; .ci/run must install it")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def bundled():
    """The bundled ontology, loaded once per test session (read-only: do not modify)."""
    return pmgraph.load()


@pytest.fixture(scope="session")
def ladder_files():
    return [ontology_dir() / "schema.ttl", LADDER]


@pytest.fixture(scope="session")
def ladder(ladder_files):
    """The tiny hand-checkable fixture ladder (read-only: do not modify)."""
    return pmgraph.load(ladder_files, bundled=False)


# ----------------------------------------------------------------- server processes (issue 4)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start in {timeout} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def pmgraph_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PMGRAPH_ENDPOINT", None)
    return env


@contextlib.contextmanager
def serving(*options: str, wait: float = 60.0):
    """Run ``python -m pmgraph serve`` on a free loopback port; yield (base URL, process)."""
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "pmgraph", "serve", "--port", str(port), "--quiet", *options],
            cwd=ROOT, env=pmgraph_env(), stdout=log, stderr=subprocess.STDOUT, text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/", process, timeout=wait)
            yield base, process
        finally:
            stop(process)


@contextlib.contextmanager
def running_pmgraph_server(*options: str):
    """Run ``python -m pmgraph serve`` on a free loopback port; yield its base URL."""
    with serving(*options) as (base, _process):
        yield base


@contextlib.contextmanager
def canary_listener():
    """A loopback socket that records what any connection to it sends: yield (URL, hits)."""
    import threading

    sock = socket.create_server(("127.0.0.1", 0))
    sock.settimeout(0.2)
    hits: list[bytes] = []
    stopping = threading.Event()

    def accept():
        while not stopping.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                hits.append(conn.recv(4096) or b"<connected>")
            except OSError:
                hits.append(b"<connected>")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", hits
    finally:
        stopping.set()
        thread.join()
        sock.close()


@pytest.fixture(scope="session")
def pmgraph_server():
    """A running ``pmgraph serve`` (time limit 5 s, 2,000 results); yields its base URL."""
    with running_pmgraph_server("--timeout", "5", "--max-results", "2000") as base:
        yield base


@pytest.fixture()
def oxigraph_server(tmp_path):
    """A real Oxigraph server (PyPI package ``oxigraph``) in memory on a free port."""
    binary = shutil.which("oxigraph")
    require_or_skip(binary is not None, "the oxigraph server (pip install oxigraph==0.5.13)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D", process)
        yield base
    finally:
        stop(process)
