"""Shared fixtures: the fixture ladder graph, free ports, and server processes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import pmgraph
from pmgraph.resources import ontology_dir

ROOT = Path(__file__).resolve().parent.parent
LADDER = ROOT / "tests" / "data" / "ladder.ttl"


@pytest.fixture(scope="session")
def ladder():
    """The hand-checkable fixture ladder (schema + tests/data/ladder.ttl), on Oxigraph."""
    return pmgraph.load([ontology_dir() / "schema.ttl", LADDER], bundled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing(what: str) -> None:
    """A needed server is missing: fail in CI, skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is missing; CI must install it (see .ci/run)")
    pytest.skip(f"{what} is missing")


def wait_for(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"server exited with {process.returncode}: {out}")
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


@pytest.fixture(scope="session")
def pmgraph_server():
    """A running ``pmgraph serve`` on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pmgraph", "serve", "--port", str(port),
         "--timeout", "5", "--max-results", "2000"],
        cwd=ROOT, env=pmgraph_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
        yield base
    finally:
        stop(process)


@pytest.fixture()
def oxigraph_server(tmp_path):
    """A real Oxigraph server (PyPI package ``oxigraph``) in memory on a free port."""
    binary = shutil.which("oxigraph")
    if binary is None:
        missing("the oxigraph server (pip install oxigraph==0.5.13)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D", process)
        yield base
    finally:
        stop(process)
