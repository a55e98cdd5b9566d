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
from dataclasses import dataclass
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


# ----------------------------------------------------------------- the quick loop (issue 25)
# `python -m pytest -m "not slow"` skips what starts a real part (a server, a browser, Virtuoso, a
# notebook kernel, a fresh virtual environment) or grinds for seconds. A test is slow when it is
# marked @pytest.mark.slow, when it uses one of these fixtures, or when its module is listed here.
SLOW_FIXTURES = frozenset({
    "pmgraph_server", "oxigraph_server", "oxigraph_store", "virtuoso_server",  # servers (below)
    "chromium",  # headless Chromium (tests/browser.py), one per browser test module
    "installed",  # a wheel built and installed into a fresh venv (test_packaging.py)
})
SLOW_MODULES = frozenset({
    "test_endpoint_security.py",  # pmgraph serve attacked: a server per behaviour
    "test_stores.py",  # Virtuoso and the Oxigraph server
    "test_viz_browser.py",  # headless Chromium on the views, up to a few thousand roles
    "test_remote_failures.py",  # misbehaving stores: each case waits out a timeout
    "test_readers_fuzz.py",  # hypothesis throws hundreds of documents at each reader
})
#: Single tests (all their parameters) that take seconds: subprocesses, whole-graph round trips.
SLOW_TESTS = frozenset({
    "test_cache.py::test_concurrent_runs_neither_fail_nor_corrupt",
    "test_export.py::test_same_bytes_in_processes_with_different_hash_seeds",
    "test_export.py::test_every_format_reads_back_as_the_graph_it_was_written_from",
    "test_frameworks.py::test_committed_turtle_is_what_the_converter_writes",
    "test_ladder.py::test_imported_ladder_validates_with_the_bundled_ontology",
    "test_viz.py::test_viz_doctests_run_and_library_is_quiet",
    "test_serve.py::test_time_limit_gives_503",
    # two seconds and more each on two cores (measured with --durations=25 -m "not slow")
    "test_explorer.py::test_a_300_role_ladder_is_explored",
    "test_readme.py::test_readme_python_examples_run",
    "test_provenance.py::test_a_value_citing_a_derivation_rule_counts_as_derived_not_stated",
    "test_provenance.py::test_a_value_cited_per_value_counts_as_sourced",
    "test_provenance.py::test_cli_text_and_json",
    "test_framework_ddat.py::test_every_role_of_the_converted_branches_is_there_with_its_title_cited_to_its_page",
    "test_frameworks.py::test_nothing_else_in_the_frameworks_folder",
    "test_export.py::test_literals_keep_their_lexical_form_in_every_format",
    "test_store.py::test_projection_from_a_store_equals_one_from_a_graph",
    "test_store.py::test_requirements_and_efforts_read_on_first_use_match_an_eager_read",
    "test_store.py::test_name_tables_are_built_per_kind_when_first_needed",
    "test_validate.py::test_cli_validates_user_file_with_bundled",
    "test_validate.py::test_unknown_is_a_value_years_proficiency_and_importance_may_be_left_out",
    "test_validate.py::test_cli_valid_bundled_exits_0",
    "test_graph.py::test_engines_load_the_same_triples",
    "test_cli_import.py::test_import_writes_the_ladder_and_says_so",
    "test_import_roundtrip_property.py::test_cjk_labels_get_their_own_iris_and_the_file_validates",
    "test_ladder_roundtrip.py::test_product_path_level_1_to_4",
})


def pytest_collection_modifyitems(config, items):
    for item in items:
        test = f"{item.path.name}::{getattr(item, 'originalname', item.name)}"
        if (item.path.name in SLOW_MODULES or test in SLOW_TESTS
                or SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ()))):
            item.add_marker(pytest.mark.slow)


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


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory):
    """A real Oxigraph server in memory, one per test session (for tests that publish before they
    read: publish is idempotent); yields its base URL (``/query``, ``/update``)."""
    binary = shutil.which("oxigraph")
    require_or_skip(binary is not None, "the oxigraph server (pip install oxigraph==0.5.13)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=tmp_path_factory.mktemp("oxigraph"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D", process)
        yield base
    finally:
        stop(process)


VIRTUOSO_INI = ROOT / "tests" / "virtuoso.ini"


@dataclass(frozen=True)
class Virtuoso:
    url: str  # queries and updates both go to url + "/sparql"
    ini: Path  # its configuration (Virtuoso reads the [SPARQL] section again at each request)


@contextlib.contextmanager
def running_virtuoso(directory: Path, *, max_rows: int = 1_000_000):
    """Run Virtuoso 7 from ``tests/virtuoso.ini`` with its database in ``directory``, cutting
    answers at ``max_rows`` (its ResultSetMaxRows); yield a :class:`Virtuoso`."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    require_or_skip(binary is not None and isql is not None,
                    "Virtuoso 7 (apt-get install virtuoso-opensource-7-bin: virtuoso-t, isql-vt)")
    http_port = free_port()
    while (sql_port := free_port()) == http_port:
        pass
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.read_text(encoding="utf-8").format(
        directory=directory, http_port=http_port, sql_port=sql_port, max_rows=max_rows), encoding="utf-8")
    log = open(directory / "console.log", "w+")
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=directory,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        try:
            wait_for(base + "/sparql?query=ASK%7B%7D", process, timeout=120)
            grant = [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";']
            for _ in range(50):  # the SQL port may come up a moment after HTTP
                done = subprocess.run(grant, cwd=directory, capture_output=True, text=True, timeout=60)
                if done.returncode == 0 and "Done." in done.stdout:
                    break
                time.sleep(0.2)
            else:
                raise RuntimeError(f"isql-vt could not grant SPARQL_UPDATE: {done.stdout} {done.stderr}")
        except Exception:
            log.seek(0)
            sys.stderr.write("Virtuoso's console:\n" + log.read()[-4000:])
            raise
        yield Virtuoso(base, ini)
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A real Virtuoso 7 (Debian ``virtuoso-opensource-7-bin``; .ci/run installs it), configured
    from ``tests/virtuoso.ini`` on free loopback ports with a temporary database, SPARQL Update
    granted to its anonymous ``SPARQL`` user; one per test session (it takes seconds to start).
    Yields a :class:`Virtuoso`."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
