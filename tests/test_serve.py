"""pmgraph serve: a real ``python -m pmgraph serve`` process, a real SPARQL client, and load."""

from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import rdflib

from pmgraph import sparql

from .conftest import canary_listener, running_pmgraph_server

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TURTLE, XML, SPARQLWrapper as Client  # noqa: E402

CEO = "https://w3id.org/pmgraph/role/chief-executive-officer"
TOP = "SELECT ?role WHERE { ?role a pm:Role FILTER NOT EXISTS { ?role pm:reportsTo ?x } }"


def request(base, query=None, *, accept=None, data=None, content_type=None, path="/sparql"):
    url = base + path
    if query is not None:
        url += "?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, data=data)
    if accept:
        req.add_header("Accept", accept)
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=30) as reply:
            return reply.status, reply.headers.get("Content-Type", ""), reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


# ----------------------------------------------------------------------------- a real client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(pmgraph_server, method):
    client = Client(pmgraph_server + "/sparql")
    client.setMethod(method)
    client.setQuery(TOP)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert [b["role"]["value"] for b in data["results"]["bindings"]] == [CEO]


def test_sparqlwrapper_select_xml_and_csv(pmgraph_server):
    client = Client(pmgraph_server + "/sparql")
    client.setQuery(TOP)
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert [n.firstChild.data for n in document.getElementsByTagName("uri")] == [CEO]
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().split() == ["role", CEO]


def test_sparqlwrapper_ask(pmgraph_server):
    client = Client(pmgraph_server + "/sparql")
    client.setQuery("ASK { role:chief-product-officer pm:reportsTo role:chief-executive-officer }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


@pytest.mark.parametrize("fmt, rdf_format", [(TURTLE, "turtle"), (JSONLD, "json-ld")])
def test_sparqlwrapper_construct(pmgraph_server, fmt, rdf_format):
    client = Client(pmgraph_server + "/sparql")
    client.setQuery("CONSTRUCT { ?a pm:reportsTo ?b } WHERE { ?a pm:reportsTo ?b }")
    client.setReturnFormat(fmt)
    body = client.query().convert()  # SPARQLWrapper parses JSON-LD itself, returns Turtle bytes
    graph = body if isinstance(body, rdflib.Graph) else rdflib.Graph().parse(data=body, format=rdf_format)
    assert (rdflib.URIRef("https://w3id.org/pmgraph/role/chief-product-officer"),
            rdflib.URIRef("https://w3id.org/pmgraph/ontology#reportsTo"), rdflib.URIRef(CEO)) in graph


def test_sparqlwrapper_update_is_refused(pmgraph_server):
    client = Client(pmgraph_server + "/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:x> <urn:y> <urn:z> }")
    with pytest.raises(Exception) as caught:
        client.query()
    assert "403" in str(caught.value) or "read-only" in str(caught.value)


# ----------------------------------------------------------------------------- the protocol


@pytest.mark.parametrize(
    "query, accept, media",
    [
        (TOP, None, "application/sparql-results+json"),
        (TOP, "application/sparql-results+xml", "application/sparql-results+xml"),
        (TOP, "text/csv", "text/csv"),
        (TOP, "text/tab-separated-values", "text/tab-separated-values"),
        (TOP, "text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
        (TOP, "text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("DESCRIBE role:chief-executive-officer", None, "text/turtle"),
        ("DESCRIBE role:chief-executive-officer", "application/ld+json", "application/ld+json"),
        ("DESCRIBE role:chief-executive-officer", "application/n-triples", "application/n-triples"),
        ("DESCRIBE role:chief-executive-officer", "application/rdf+xml", "application/rdf+xml"),
    ],
)
def test_content_negotiation(pmgraph_server, query, accept, media):
    status, content_type, body = request(pmgraph_server, query, accept=accept)
    assert status == 200 and content_type.startswith(media)
    assert "chief-executive-officer" in body


def test_unacceptable_format_is_406(pmgraph_server):
    assert request(pmgraph_server, TOP, accept="image/png")[0] == 406


@pytest.mark.parametrize(
    "data, content_type",
    [
        (b"CLEAR ALL", "application/sparql-update"),
        (b"update=CLEAR+ALL", "application/x-www-form-urlencoded"),
    ],
)
def test_update_requests_get_403(pmgraph_server, data, content_type):
    status, _, body = request(pmgraph_server, data=data, content_type=content_type)
    assert status == 403 and "read-only" in body
    assert request(pmgraph_server, TOP)[0] == 200


def test_update_text_in_a_query_is_refused(pmgraph_server):
    status, _, body = request(pmgraph_server, "DELETE WHERE { ?s ?p ?o }")
    assert status == 403 and "read-only" in body
    assert CEO in request(pmgraph_server, TOP)[2]


def test_post_direct_and_form(pmgraph_server):
    direct = request(pmgraph_server, data=TOP.encode(), content_type="application/sparql-query")
    form = request(pmgraph_server, data=urllib.parse.urlencode({"query": TOP}).encode(),
                   content_type="application/x-www-form-urlencoded")
    assert direct[0] == form[0] == 200 and json.loads(direct[2]) == json.loads(form[2])


def test_syntax_error_is_400_with_position(pmgraph_server):
    status, _, body = request(pmgraph_server, "SELECT * WHERE {\n ?s ?p ?o\n FILTER( }")
    assert status == 400 and "line 3, column 11" in body


def test_result_size_limit(pmgraph_server):
    status, _, body = request(pmgraph_server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 500 and "more than 2000 rows" in body
    assert request(pmgraph_server, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")[0] == 200


def test_time_limit_gives_503():
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with running_pmgraph_server("--timeout", "1") as base:
        started = time.monotonic()
        status, _, body = request(base, slow)
        assert status == 503 and "time limit" in body
        assert time.monotonic() - started < 10
        assert request(base, TOP)[0] == 200  # still answering


def test_query_page_works_offline(pmgraph_server):
    """The page (YASGUI, tests/test_yasgui.py runs it) loads only the server's own files."""
    import re

    status, content_type, page = request(pmgraph_server, path="/")
    assert status == 200 and content_type.startswith("text/html")
    assert "yasgui.min.js" in page
    for found in re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", page):
        assert found.startswith(("/static/", "#", "data:")) or not re.match(r"[a-z]+:|//", found), found
    assert "@import" not in page
    for found in re.findall(r"url\(([^)]*)\)", page):
        assert not re.match(r"""["']?([a-z]+:|//)""", found) or found.strip("'\"").startswith("data:"), found


# ----------------------------------------------------------------------------- no network


@pytest.fixture()
def listener():
    """A loopback socket that records any connection made to it."""
    with canary_listener() as found:
        yield found


def test_queries_cannot_reach_the_network(pmgraph_server, listener):
    url, hits = listener
    attempts = [
        (f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", 403),
        (f"SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}", 403),
        (f"SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", 403),
        (f"LOAD <{url}/data.ttl>", 403),
        (f"SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}", 200),
        (f"SELECT * FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", 200),
        (f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}/x> WHERE {{ ?s ?p ?o }}", 200),
    ]
    for query, expected in attempts:
        status, _, body = request(pmgraph_server, query)
        assert status == expected, (query, body)
    status, _, _ = request(pmgraph_server, data=f"LOAD <{url}/x>".encode(), content_type="application/sparql-update")
    assert status == 403
    default_graph = urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o } LIMIT 1", "default-graph-uri": url})
    assert request(pmgraph_server, path="/sparql?" + default_graph)[0] == 200
    time.sleep(0.5)
    assert hits == []


# ----------------------------------------------------------------------------- load


def load_queries(bundled):
    """A mix of queries with the answers the embedded graph gives."""
    texts = [
        TOP,
        "SELECT ?role ?level WHERE { ?role pm:level ?level } ORDER BY ?role",
        "SELECT (COUNT(*) AS ?n) WHERE { ?r pm:hasSkillRequirement ?q }",
        "SELECT ?boss WHERE { role:product-manager pm:reportsTo+ ?boss } ORDER BY ?boss",
        "ASK { role:chief-product-officer pm:reportsTo role:chief-executive-officer }",
    ]
    expected = []
    for text in texts:
        result = sparql.run_query(bundled, text)
        expected.append(result.boolean if result.kind == "ask" else [[str(t) for t in row] for row in result.rows])
    return list(zip(texts, expected))


def answer_of(body: str):
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]
    return [[b[v]["value"] for v in data["head"]["vars"]] for b in data["results"]["bindings"]]


def test_twenty_concurrent_clients_2000_queries(pmgraph_server, bundled):
    cases = load_queries(bundled)
    errors: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()

    def client(number: int):
        for i in range(100):
            query, expected = cases[(number + i) % len(cases)]
            started = time.perf_counter()
            status, _, body = request(pmgraph_server, query)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{status}: {body[:200]}")
                elif answer_of(body) != expected:
                    errors.append(f"wrong answer to {query}")

    with ThreadPoolExecutor(20) as pool:
        list(pool.map(client, range(20)))
    assert errors == []
    assert len(latencies) == 2000
    latencies.sort()
    print(f"p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {latencies[1979] * 1000:.1f} ms")


# ----------------------------------------------------------------------------- the answer cache


def test_answer_cache_keeps_the_least_recently_used_within_its_budget():
    from pmgraph.sparql.endpoint import AnswerCache

    cache = AnswerCache(8_000)
    for n in range(20):
        cache.put((f"q{n}", None), "text/csv", b"x" * 600)
    assert cache.size <= 8_000
    assert cache.get(("q0", None)) is None and cache.get(("q19", None)) == ("text/csv", b"x" * 600)
    cache.put(("big", None), "text/csv", b"x" * 2_000)  # over an eighth of the budget: not kept
    assert cache.get(("big", None)) is None
    nothing = AnswerCache(0)
    nothing.put(("q", None), "text/csv", b"")
    assert nothing.get(("q", None)) is None


def test_a_repeated_query_is_answered_from_the_cache_with_the_same_bytes(bundled):
    from pmgraph.sparql.endpoint import make_server

    server = make_server(bundled, port=0, workers=1, timeout=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = server.url[:-len("/sparql")]
        first = request(base, TOP, accept="text/csv")
        second = request(base, TOP, accept="text/csv")
        as_json = request(base, TOP, accept="application/sparql-results+json")
        assert first == second and first[0] == 200 and CEO in first[2]
        assert as_json[0] == 200 and as_json[2] != first[2]  # the Accept header is part of the key
        assert (server.answers.hits, server.answers.misses) == (1, 2)
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        server.query_timeout = 0.5
        assert request(base, slow)[0] == 503
        assert request(base, slow)[0] == 503  # a failure is not kept: it ran (and was stopped) again
        assert server.answers.hits == 1
        now = "SELECT (NOW() AS ?t) WHERE {}"
        assert request(base, now)[0] == 200 and request(base, now)[0] == 200
        assert server.answers.hits == 1  # NOW() changes: never kept
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()
    assert not thread.is_alive()


@pytest.mark.parametrize("value", ["-1", "lots", "1P"])
def test_answer_cache_sizes_are_checked(value):
    from click.testing import CliRunner

    from pmgraph.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--answer-cache", value])
    assert result.exit_code == 2 and "--answer-cache" in result.output and "Traceback" not in result.output
