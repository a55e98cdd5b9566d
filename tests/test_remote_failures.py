"""Every command against a remote store that fails, each way a store can fail: one line, exit 1,
in bounded time, credentials never shown (issue 15). The stores are tests/misbehaving.py, a real
Oxigraph server behind it for the credential cases, and a TLS front with a throwaway CA."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from pmgraph.cli import cli
from pmgraph.errors import EndpointError
from pmgraph.loading import remote
from pmgraph.loading.http import Remote

from .misbehaving import BASIC, SLOW, MisbehavingServer, closed_port, tls_context

#: --timeout for the cases that fail by taking too long; every case must end within BOUND more.
SHORT = 1.5
BOUND = 8.0

#: Each read command, as a user runs it against --endpoint.
COMMANDS = {
    "path": ["path", "product manager", "chief product officer"],
    "roles": ["roles"],
    "show": ["show", "senior product manager"],
    "delta": ["delta", "pm", "senior pm"],
    "next": ["next", "pm"],
    "provenance": ["provenance"],
    "reference": ["reference"],
    "query-select": ["query", "top-roles"],
    "query-construct": ["query", "-e", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"],
    "query-ask": ["query", "-e", "ASK { ?s ?p ?o }"],
    "validate": ["validate"],
    "viz": ["viz", "-o", "{tmp}/page.html"],
    "gap": ["gap", "{tmp}/me.yaml", "--target", "head of product"],
    "import-align": ["import", "{tmp}/ladder.yaml", "-o", "{tmp}/out.ttl", "--align"],
}
ACME = (__import__("pathlib").Path(__file__).resolve().parents[1] / "examples" / "acme-ladder.yaml").read_bytes()

#: What the one line must say, per failure.
SAYS = {
    "refused": "connection refused",
    "unresolvable": "cannot resolve the host name",
    "tls-untrusted": "TLS certificate not trusted",
    "garbage": "did not answer HTTP",
    "html": "answered text/html, not",
    "status500": "answered HTTP 500 Internal Server Error: Internal Server Error The query engine crashed.",
    "status404": "answered HTTP 404 Not Found: Not Found",
    "redirect-loop": "redirected more than 5 times",
    "redirect-away": "a redirect to 'http://elsewhere.invalid/sparql'",
    "drop": "closed the connection without answering",
    "truncated": "the connection closed after",
    "hang": f"no complete answer within {SHORT:g} s (the timeout)",
    "drip": f"no complete answer within {SHORT:g} s (the timeout)",
    "bad-json": "answered SPARQL results that do not parse",
    "wrong-json": "answered SPARQL results that do not parse",
    "bad-ntriples": "",  # depends on the command: see test_graph_answers_that_do_not_parse
    "basic": "answered HTTP 401 Unauthorized",
    "bearer": "answered HTTP 401 Unauthorized",
}
FAILURES = [m for m in SAYS if m != "bad-ntriples"]


@pytest.fixture(scope="module")
def server():
    running = MisbehavingServer()
    yield running
    running.close()


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    context, _ = tls_context(str(tmp_path_factory.mktemp("tls")))
    running = MisbehavingServer(tls=context)
    yield running
    running.close()


def _url(failure: str, server: MisbehavingServer, tls_server: MisbehavingServer) -> str:
    if failure == "refused":
        return f"http://127.0.0.1:{closed_port()}/query"
    if failure == "unresolvable":
        return "http://store.invalid/query"
    if failure == "tls-untrusted":
        return tls_server.url("html")
    return server.url(failure)


def _run(args: list[str], *, env: dict[str, str] | None = None):
    started = time.monotonic()
    result = CliRunner().invoke(cli, args, env=env)
    return result, time.monotonic() - started


def _one_line_error(result, elapsed: float, url: str, says: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert "Traceback" not in line and len(line) < 500, line
    assert line.startswith(f"Error: SPARQL endpoint {url.split('?')[0]}: "), line
    assert says in line, line
    assert elapsed < SHORT + BOUND, f"took {elapsed:.1f} s"


@pytest.mark.parametrize("command", COMMANDS, ids=str)
@pytest.mark.parametrize("failure", FAILURES, ids=str)
def test_every_read_command_fails_in_one_line(failure, command, server, tls_server, tmp_path):
    url = _url(failure, server, tls_server)
    (tmp_path / "me.yaml").write_text("role: senior pm\nskills:\n  Communication: expert\n", encoding="utf-8")
    (tmp_path / "ladder.yaml").write_bytes(ACME)
    args = [a.replace("{tmp}", str(tmp_path)) for a in COMMANDS[command]]
    result, elapsed = _run(["--endpoint", url, "--timeout", str(SHORT), *args])
    says = SAYS[failure]
    if failure in ("bad-json", "wrong-json") and command in ("query-construct", "validate"):
        says = "answered application/sparql-results+json, not N-Triples"  # asked for a graph
    _one_line_error(result, elapsed, url, says)
    assert not (tmp_path / "page.html").exists() and not (tmp_path / "out.ttl").exists()  # no partial output


@pytest.mark.parametrize("failure", [*FAILURES, "ignores"], ids=str)
def test_publish_fails_in_one_line(failure, server, tls_server):
    url = server.url("ignores") if failure == "ignores" else _url(failure, server, tls_server)
    result, elapsed = _run(["--timeout", str(SHORT), "publish", "--endpoint", url])
    says = {"ignores": "holds 0 triples in <https://w3id.org/pmgraph/graph> after publishing",
            "html": "answered text/html, not SPARQL results"}.get(failure) or SAYS[failure]
    # The updates of these were acknowledged (2xx); the check of what the store holds fails.
    checked = ("html", "ignores", "bad-json", "wrong-json")
    shown = url if failure in checked else url.replace("/query", "/update")
    _one_line_error(result, elapsed, shown, says)


def test_an_unapplied_publish_names_the_update_url_as_each_caller_gives_it(server):
    """The library names its argument, the command line its flag (the same message otherwise)."""
    import rdflib

    graph = rdflib.Graph()
    graph.add((rdflib.URIRef("https://example.org/a"), rdflib.RDFS.label, rdflib.Literal("a")))
    with pytest.raises(EndpointError) as caught:
        remote.publish(graph, server.url("ignores"), named={})
    assert "--" not in str(caught.value) and str(caught.value).endswith("(is update_endpoint right?)")
    result, _elapsed = _run(["--timeout", str(SHORT), "publish", "--endpoint", server.url("ignores")])
    assert result.stderr.rstrip("\n").endswith("the store did not apply the update (is --update-endpoint right?)")


@pytest.mark.parametrize("command", ["query-construct", "validate"])
def test_graph_answers_that_do_not_parse(command, server):
    url = server.url("bad-ntriples")
    result, elapsed = _run(["--endpoint", url, *COMMANDS[command]])
    _one_line_error(result, elapsed, url, "answered N-Triples that do not parse")


def test_an_endless_answer_stops_at_the_size_limit(server):
    endless = Remote.at(server.url("huge"), max_bytes=1 << 20)
    started = time.monotonic()
    with pytest.raises(EndpointError, match="answered more than 1,048,576 bytes"):
        remote.select(endless, "ASK {}")
    assert time.monotonic() - started < BOUND


@pytest.mark.parametrize("failure", SLOW[:2])
def test_the_deadline_holds_for_the_library(failure, server):
    slow = Remote.at(server.url(failure), timeout=1.0)
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"within 1 s \(the timeout\)"):
        remote.select(slow, "ASK {}")
    assert time.monotonic() - started < 1.0 + 2.0


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "1e9", "abc"])
def test_a_timeout_that_is_not_seconds_is_a_usage_error(value):
    result = CliRunner().invoke(cli, ["--endpoint", "http://127.0.0.1:9/query", "--timeout", value, "roles"])
    assert result.exit_code == 2 and "--timeout" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("url", ["ftp://store/query", "not a url", "http://127.0.0.1:99999/query", "http:///query"])
def test_an_endpoint_that_is_not_an_http_url(url):
    result = CliRunner().invoke(cli, ["--endpoint", url, "roles"])
    assert (result.exit_code == 1 and result.stderr.startswith("Error: SPARQL endpoint")
            and "Traceback" not in result.output)


# --------------------------------------------------------------------------- credentials


@pytest.fixture()
def guarded(oxigraph_server, bundled):
    """A real Oxigraph server holding the bundled graph, behind a front that wants credentials."""
    remote.publish(bundled, oxigraph_server + "/query")
    front = MisbehavingServer(upstream=oxigraph_server)
    yield front
    front.close()


def _roles(url: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["--endpoint", url, "roles", "--format", "json"], env=env)


def test_credentials_from_the_url_the_environment_or_a_token(guarded):
    expected = CliRunner().invoke(cli, ["roles", "--format", "json"]).stdout
    port = guarded.port
    in_url = _roles(f"http://ann:s3cret@127.0.0.1:{port}/basic/query")
    from_env = _roles(guarded.url("basic"), {"PMGRAPH_ENDPOINT_USER": "ann", "PMGRAPH_ENDPOINT_PASSWORD": "s3cret"})
    token = _roles(guarded.url("bearer"), {"PMGRAPH_ENDPOINT_TOKEN": "t0ken"})
    for result in (in_url, from_env, token):
        assert result.exit_code == 0, result.output
        assert result.stdout == expected


@pytest.mark.parametrize("how", ["url", "env", "token"])
def test_wrong_credentials_are_one_line_and_never_shown(guarded, how):
    secret = "hunter2-Secret"
    if how == "url":
        result = _roles(f"http://ann:{secret}@127.0.0.1:{guarded.port}/basic/query")
    elif how == "env":
        result = _roles(guarded.url("basic"), {"PMGRAPH_ENDPOINT_USER": "ann", "PMGRAPH_ENDPOINT_PASSWORD": secret})
    else:
        result = _roles(guarded.url("bearer"), {"PMGRAPH_ENDPOINT_TOKEN": secret})
    assert result.exit_code == 1
    assert "HTTP 401" in result.stderr and "PMGRAPH_ENDPOINT_TOKEN" in result.stderr
    # The server echoed the Authorization header back; the error blanks it out.
    import base64

    assert secret not in result.output and base64.b64encode(f"ann:{secret}".encode()).decode() not in result.output
    assert "***" in result.stderr


def test_publish_with_credentials_never_prints_them(guarded):
    url = f"http://ann:s3cret@127.0.0.1:{guarded.port}/basic/query"
    result = CliRunner().invoke(cli, ["publish", "--endpoint", url])
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.output and f"127.0.0.1:{guarded.port}/basic/query" in result.stderr


def test_tls_with_a_trusted_authority(oxigraph_server, bundled, tmp_path):
    remote.publish(bundled, oxigraph_server + "/query")
    context, authority = tls_context(str(tmp_path))
    front = MisbehavingServer(upstream=oxigraph_server, tls=context)
    try:
        url = front.url("basic").replace("https://", "https://ann:s3cret@")
        result = _roles(url, {"SSL_CERT_FILE": authority})
        assert result.exit_code == 0, result.output
        assert result.stdout == CliRunner().invoke(cli, ["roles", "--format", "json"]).stdout
    finally:
        front.close()


def test_the_credentials_header_is_basic(guarded):
    assert Remote.at(f"http://ann:s3cret@127.0.0.1:{guarded.port}/basic/query").authorization == BASIC
