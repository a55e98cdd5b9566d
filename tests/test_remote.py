"""Remote stores: publish into a real Oxigraph server, then read it as the embedded graph."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pmgraph import sparql
from pmgraph.cli import cli
from pmgraph.errors import EndpointError, QueryError
from pmgraph.loading import remote

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture()
def published(oxigraph_server, bundled):
    endpoint = oxigraph_server + "/query"
    remote.publish(bundled, endpoint)
    return endpoint


def test_publish_is_idempotent(oxigraph_server, bundled):
    endpoint = oxigraph_server + "/query"
    first = remote.publish(bundled, endpoint)
    count_once = sparql.run_query(remote.connect(endpoint), COUNT).rows[0][0]
    remote.publish(bundled, endpoint)
    count_twice = sparql.run_query(remote.connect(endpoint), COUNT).rows[0][0]
    assert first == len(bundled) == int(count_once) == int(count_twice)


def test_publish_goes_into_the_named_graph_only(published):
    assert sparql.run_query(remote.connect(published, graph=None), COUNT).rows[0][0].toPython() == 0


@pytest.mark.parametrize("saved", sparql.saved_queries(), ids=lambda q: q.name)
def test_saved_queries_answer_as_embedded(published, bundled, saved):
    here = sparql.run_saved(bundled, saved.name)
    there = sparql.run_saved(remote.connect(published), saved.name)
    if here.kind == "graph":
        assert here.graph.isomorphic(there.graph)
    else:
        assert (there.variables, there.rows) == (here.variables, here.rows)


def test_params_ask_and_errors_remotely(published, bundled):
    graph = remote.connect(published)
    result = sparql.run_saved(graph, "reporting-chain", {"role": "Senior Product Manager"})
    assert result.rows == sparql.run_saved(bundled, "reporting-chain", {"role": "senior-product-manager"}).rows
    assert sparql.run_query(graph,
                            "ASK { role:chief-product-officer pm:reportsTo role:chief-executive-officer }").boolean
    with pytest.raises(QueryError) as caught:
        sparql.run_query(graph, "SELECT * WHERE {\n ?s ?p ?o\n FILTER( }")
    assert caught.value.line == 3
    with pytest.raises(QueryError, match="read-only"):
        sparql.run_query(graph, "DROP ALL")
    assert int(sparql.run_query(graph, COUNT).rows[0][0]) == len(bundled)


def test_cli_publish_and_query_via_endpoint(oxigraph_server, bundled):
    endpoint = oxigraph_server + "/query"
    runner = CliRunner()
    published = runner.invoke(cli, ["publish", "--endpoint", endpoint])
    assert published.exit_code == 0, published.output
    args = ["query", "promotion-reach", "--param", "role=product-manager", "--format", "csv"]
    embedded = runner.invoke(cli, args)
    via_flag = runner.invoke(cli, ["--endpoint", endpoint, *args])
    via_env = runner.invoke(cli, args, env={"PMGRAPH_ENDPOINT": endpoint})
    assert embedded.exit_code == via_flag.exit_code == via_env.exit_code == 0
    assert embedded.output == via_flag.output == via_env.output


def test_unreachable_endpoint_is_a_clear_error(bundled):
    with pytest.raises(EndpointError, match="connection refused"):
        remote.publish(bundled, "http://127.0.0.1:9/query")
    result = CliRunner().invoke(cli, ["--endpoint", "http://127.0.0.1:9/query", "query", "top-roles"])
    assert result.exit_code == 1 and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["path", "product manager", "chief product officer", "--format", "json"],
        ["path", "pm", "cpo", "--by", "years", "-k", "3", "--format", "json"],
        ["path", "senior pm", "head of product", "--by", "effort", "--no-lateral", "--format", "json"],
        ["delta", "director of product", "head of product", "--format", "json"],
        ["delta", "pm", "cpo", "--along", "years", "--format", "json"],
        ["roles", "--track", "management", "--format", "json"],
        ["show", "portfolio owner", "--format", "json"],
        ["next", "senior product manager", "--format", "json"],
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_read_commands_answer_as_embedded(published, args):
    runner = CliRunner()
    embedded = runner.invoke(cli, args)
    remote_run = runner.invoke(cli, ["--endpoint", published, *args])
    assert embedded.exit_code == 0, embedded.output
    assert remote_run.exit_code == 0, remote_run.output
    assert remote_run.stdout == embedded.stdout


def test_viz_draws_the_same_page_from_the_store(published, tmp_path):
    runner = CliRunner()
    here, there = tmp_path / "embedded.html", tmp_path / "remote.html"
    embedded = runner.invoke(cli, ["viz", "--path", "pm", "cpo", "-o", str(here)])
    remote_run = runner.invoke(cli, ["--endpoint", published, "viz", "--path", "pm", "cpo", "-o", str(there)])
    assert embedded.exit_code == 0, embedded.output
    assert remote_run.exit_code == 0, remote_run.output
    assert here.read_bytes() == there.read_bytes()


def test_publish_with_a_framework_writes_its_named_graph_too(oxigraph_server):
    endpoint = oxigraph_server + "/query"
    result = CliRunner().invoke(cli, ["--framework", "ddat", "publish", "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    assert "<https://w3id.org/pmgraph/framework/ddat>" in result.stderr
    import json
    import urllib.parse
    import urllib.request

    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:  # the store itself, no client in between
        rows = json.load(answer)["results"]["bindings"]
    graphs = {row["g"]["value"]: int(row["n"]["value"]) for row in rows}
    from pmgraph.loading.graph import load
    from pmgraph.resources import ontology_dir

    assert graphs["https://w3id.org/pmgraph/framework/ddat"] == len(load([ontology_dir() / "frameworks" / "ddat.ttl"],
                                                                         bundled=False))
    assert graphs["https://w3id.org/pmgraph/graph"] > graphs["https://w3id.org/pmgraph/framework/ddat"]


def test_validate_and_provenance_read_the_store(published):
    """validate --endpoint checks the graph the store holds (the bundled one: valid), and
    provenance counts what it holds, as the embedded graph counts it."""
    runner = CliRunner()
    remote_run = runner.invoke(cli, ["--endpoint", published, "validate"])
    assert remote_run.exit_code == 0, remote_run.output
    assert remote_run.stderr.startswith("valid: 0 error(s)")
    import json

    here = json.loads(runner.invoke(cli, ["provenance", "--format", "json"]).stdout)
    there = json.loads(runner.invoke(cli, ["--endpoint", published, "provenance", "--format", "json"]).stdout)
    reference = [row for row in here if row["scope"] == "reference"]
    assert [row for row in there if row["scope"] == "reference"] == reference


def test_validate_finds_what_is_wrong_in_the_store(oxigraph_server, bundled):
    """A store whose graph breaks a rule fails validation, naming the problem."""
    import rdflib

    broken = rdflib.Graph()
    for triple in bundled:
        broken.add(triple)
    broken.remove((rdflib.URIRef("https://w3id.org/pmgraph/role/product-manager"),
                   rdflib.URIRef("https://w3id.org/pmgraph/ontology#level"), None))
    endpoint = oxigraph_server + "/query"
    remote.publish(broken, endpoint)
    result = CliRunner().invoke(cli, ["--endpoint", endpoint, "validate"])
    assert result.exit_code == 1 and "Product Manager" in result.stdout
