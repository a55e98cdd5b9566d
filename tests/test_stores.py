"""Two real SPARQL stores, an Oxigraph server and Virtuoso 7: ``pmgraph publish`` fills each with
the bundled dataset, then every read command, run as a user runs it with ``--endpoint URL``, prints
what it prints from the embedded graph (issue 16).

Each store starts once per session (tests/conftest.py: ``oxigraph_store``, ``virtuoso_server``)
and is published into once per store here, by the CLI with ``--update-endpoint`` and
``--chunk-size`` as the README gives them; the comparisons only read it. The publishing test
publishes again with the defaults (publish is idempotent: the same data, the same counts) and
counts each graph in the store. Each command runs once without ``--endpoint`` and its output is
compared with each store's.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

import pmgraph
from pmgraph import sparql
from pmgraph.cli import cli
from pmgraph.loading import remote
from pmgraph.loading.engines import oxigraph_store as store_of
from pmgraph.loading.remote import CHUNK_SIZE
from pmgraph.resources import WHOLE_GRAPH
from tests.conftest import running_virtuoso


@dataclass(frozen=True)
class Store:
    name: str
    query: str  # what --endpoint takes
    update: str  # what --update-endpoint takes


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def store(request) -> Store:
    if request.param == "oxigraph":
        base = request.getfixturevalue("oxigraph_store")
        return Store("oxigraph", base + "/query", base + "/update")
    base = request.getfixturevalue("virtuoso_server").url
    return Store("virtuoso", base + "/sparql", base + "/sparql")


def invoke(*args: str):
    result = CliRunner().invoke(cli, list(args), prog_name="pmgraph", env={"PMGRAPH_ENDPOINT": None})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


_EMBEDDED: dict[tuple[str, ...], tuple[int, str, str]] = {}


def embedded(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of a command without --endpoint: run once, compared with each store."""
    if args not in _EMBEDDED:
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        _EMBEDDED[args] = (result.exit_code, result.stdout, result.stderr)
    return _EMBEDDED[args]


@pytest.fixture(scope="module")
def published(store) -> Store:
    """The store after ``pmgraph publish`` with the README's options for it."""
    result = invoke("publish", "--endpoint", store.query, "--update-endpoint", store.update, "--chunk-size", "500")
    assert result.exit_code == 0, result.output
    return store


def graph_counts(endpoint: str) -> dict[str, int]:
    """Triples per pmgraph graph, asked of the store itself (no pmgraph client in between)."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        rows = json.load(answer)["results"]["bindings"]
    # Virtuoso keeps graphs of its own (its schemas, its system data) beside ours.
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows
            if row["g"]["value"].startswith("https://w3id.org/pmgraph/")}


def test_publish_with_the_defaults_writes_every_graph_again(published):
    """Publishing again with no --update-endpoint and no --chunk-size works on both stores and
    leaves the same triples: the whole graph and each framework's graph, as the embedded dataset
    holds them."""
    result = invoke("publish", "--endpoint", published.query)
    assert result.exit_code == 0, result.output
    store = store_of(pmgraph.load())
    embedded = {name.value: sum(1 for _ in store.quads_for_pattern(None, None, None, name))
                for name in store.named_graphs()}
    assert WHOLE_GRAPH in embedded and len(embedded) == 6
    assert graph_counts(published.query) == embedded
    assert result.stderr.splitlines()[0] == (f"published {embedded[WHOLE_GRAPH]} triples into <{WHOLE_GRAPH}> "
                                             f"at {published.query}")


PROFILE = """\
role: Senior PM
skills:
  Stakeholder management: expert
  Product strategy: practitioner
  Product roadmapping: expert
  Coaching and mentoring: working
  Data analysis: practitioner
"""

COMMANDS = [
    ["path", "product manager", "chief product officer"],
    ["path", "pm", "cpo", "--by", "years", "-k", "3"],
    ["path", "senior pm", "head of product", "--by", "effort", "--no-lateral", "--format", "json"],
    ["delta", "senior pm", "principal pm"],
    ["delta", "pm", "cpo", "--along", "years", "--format", "json"],
    ["next", "senior pm"],
    ["show", "portfolio owner"],
    ["show", "cpo", "--format", "json"],
    ["roles"],
    ["roles", "--track", "management", "--format", "json"],
    ["gap", "{profile}", "--target", "director of product"],
    ["gap", "{profile}", "--target", "head of product", "--format", "json"],
    ["reference", "-o", "-"],
    ["validate"],
]


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    path = tmp_path_factory.mktemp("profile") / "me.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_read_command_answers_as_embedded(published, args, profile):
    args = [profile if arg == "{profile}" else arg for arg in args]
    there = invoke("--endpoint", published.query, *args)
    assert (there.exit_code, there.stdout, there.stderr) == embedded(*args)


@pytest.mark.parametrize("saved", sparql.saved_queries(), ids=lambda q: q.name)
def test_saved_query_answers_as_embedded(published, saved):
    """``pmgraph query NAME`` with its parameters' defaults, as a table (Turtle for a graph) and as
    JSON (N-Triples for a graph), which show each value's datatype."""
    for fmt in ("table", "json" if saved.form in ("SELECT", "ASK") else "n-triples"):
        there = invoke("--endpoint", published.query, "query", saved.name, "--format", fmt)
        assert (there.exit_code, there.stdout, there.stderr) == embedded("query", saved.name, "--format", fmt), fmt


@pytest.mark.parametrize("view", [[], ["--path", "pm", "cpo"], ["--org"], ["--focus", "group product manager"],
                                  ["--delta", "senior pm", "group product manager"]],
                         ids=lambda v: " ".join(v[:1]) or "whole")
def test_viz_draws_the_same_page(published, view, tmp_path):
    page = tmp_path / "view.html"
    from_store = invoke("--endpoint", published.query, "viz", *view, "-o", str(page))
    assert from_store.exit_code == 0, from_store.output
    assert page.read_text(encoding="utf-8") == embedded("viz", *view, "-o", "-")[1]


# ------------------------------------------------------------------- one store's own behaviour


def test_virtuoso_refuses_large_requests_in_one_line(virtuoso_server):
    """What --chunk-size guards against: Virtuoso 7 refuses an INSERT DATA of more than about
    1,400 triples. Into a graph of its own, so the published graphs stay as they are."""
    endpoint = virtuoso_server.url + "/sparql"
    result = invoke("publish", "--endpoint", endpoint, "--graph", "https://example.org/too-large",
                    "--chunk-size", "5000")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: SPARQL endpoint {endpoint}: answered HTTP 400")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


def test_validate_refuses_an_answer_cut_short(tmp_path, ladder_files):
    """Virtuoso cuts answers at ResultSetMaxRows (10,000 by default) without saying so; validate
    reads the whole graph in one answer and must not check a part of it as if it were all."""
    with running_virtuoso(tmp_path, max_rows=100) as server:
        endpoint = server.url + "/sparql"
        graph = pmgraph.load(ladder_files, bundled=False)
        assert remote.publish(graph, endpoint, named={}) == len(graph) > 100
        result = invoke("--endpoint", endpoint, "validate")
    assert result.exit_code == 1  # (Virtuoso 7.2.5 answers 101 triples for a limit of 100)
    assert re.fullmatch(f"Error: SPARQL endpoint {endpoint}: answered 10[01] of the {len(graph):,} triples it "
                        r"holds: it cuts answers short \(Virtuoso: raise ResultSetMaxRows in the \[SPARQL\] "
                        r"section of virtuoso.ini\)\n", result.stderr), result.stderr


def test_chunk_is_the_old_name_of_chunk_size(oxigraph_store):
    endpoint = oxigraph_store + "/query"
    old = invoke("publish", "--endpoint", endpoint, "--chunk", "2000")
    assert old.exit_code == 0, old.output
    both = invoke("publish", "--endpoint", endpoint, "--chunk", "2000", "--chunk-size", "300")
    assert both.exit_code == 2 and "--chunk is its old name" in both.stderr
    assert "--chunk " not in invoke("publish", "--help").stdout  # hidden: --chunk-size is what --help shows


def test_the_cli_default_is_the_library_default():
    assert f"[default: {CHUNK_SIZE};" in " ".join(invoke("publish", "--help").stdout.split())
