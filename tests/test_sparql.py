"""pmgraph.sparql: running queries, parameters, formats, errors, read-only."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import Literal, URIRef

from pmgraph import sparql
from pmgraph.cli import cli
from pmgraph.errors import QueryError
from pmgraph.sparql import query as sparql_query
from pmgraph.vocab import PM, ROLE

REPORTS = "SELECT ?boss WHERE { ?role pm:reportsTo ?boss }"


def test_select_with_predeclared_prefixes(ladder):
    result = sparql.run_query(ladder, "SELECT ?role WHERE { ?role pm:level 6 }")
    assert result.kind == "select"
    assert result.variables == ("role",)
    assert result.rows == ((ROLE["fx-cpo"],),)


def test_query_may_declare_its_own_prefixes(ladder):
    text = "PREFIX r: <https://w3id.org/pmgraph/role/> SELECT ?l WHERE { r:fx-cpo pm:level ?l }"
    assert sparql.run_query(ladder, text).rows == ((Literal(6),),)


@pytest.mark.parametrize(
    "text, expected",
    [("ASK { role:fx-cpo pm:level 6 }", True), ("ASK { role:fx-cpo pm:reportsTo ?x }", False)],
)
def test_ask(ladder, text, expected):
    result = sparql.run_query(ladder, text)
    assert (result.kind, result.boolean) == ("ask", expected)


def test_construct_and_describe_give_graphs(ladder):
    built = sparql.run_query(ladder, "CONSTRUCT { ?a pm:reportsTo ?b } WHERE { ?a pm:reportsTo ?b }")
    assert built.kind == "graph" and len(built.graph) == 7
    described = sparql.run_query(ladder, "DESCRIBE role:fx-cpo")
    assert (ROLE["fx-cpo"], PM.level, Literal(6)) in described.graph


def test_params_are_bound_as_terms(ladder):
    result = sparql.run_query(ladder, REPORTS, params={"role": ROLE["fx-pm"]})
    assert result.column("boss") == [ROLE["fx-gpm"]]


@pytest.mark.parametrize(
    "evil",
    [
        'x" } ?a ?b ?c . FILTER("1',
        "x' } DELETE WHERE { ?s ?p ?o } #",
        "fx-pm> } UNION { ?role ?p ?boss } #",
    ],
)
def test_injection_through_a_string_parameter_matches_nothing(ladder, evil):
    result = sparql.run_query(ladder, "SELECT ?role WHERE { ?role skos:prefLabel ?name }", params={"name": evil})
    assert result.rows == ()


def test_injection_through_an_iri_parameter_is_refused(ladder):
    with pytest.raises(QueryError, match="not a valid IRI"):
        sparql.run_query(ladder, REPORTS, params={"role": URIRef("https://x/> } UNION { ?role ?p ?boss")})


def test_cli_param_injection_matches_nothing():
    from .conftest import LADDER

    result = CliRunner().invoke(
        cli, ["--data", str(LADDER), "query", "-e", "SELECT ?role WHERE { ?role skos:prefLabel ?name }",
              "--param", 'name=" } ?role ?p ?o . #', "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "role"


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("SELECT * WHERE {\n  ?s ?p ?o\n  FILTER( }", 3, 12),
        ("SELEC * WHERE { ?s ?p ?o }", 1, 10),
        ("SELECT ?x WHERE {\n ?x nope:thing ?y }", 2, 5),
    ],
)
def test_syntax_error_has_line_and_column(ladder, text, line, column):
    with pytest.raises(QueryError) as caught:
        sparql.run_query(ladder, text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert f"line {line}, column {column}" in str(caught.value)


def test_syntax_error_positions_ignore_bound_params(ladder):
    with pytest.raises(QueryError) as caught:
        sparql.run_query(ladder, "SELECT * WHERE { ?role pm:level ?l FILTER( }", params={"role": ROLE["fx-pm"]})
    assert (caught.value.line, caught.value.column) == (1, 45)


def test_cli_syntax_error_exit_1_no_traceback():
    result = CliRunner().invoke(cli, ["query", "-e", "SELECT * WHERE {\n ?s ?p ?o\n FILTER( }"])
    assert result.exit_code == 1
    assert "line 3, column 11" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { role:x a pm:Role }",
        "PREFIX ex: <http://example.org/>\ndelete where { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/x.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://example.org/g>",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "# a comment\n\\u0049NSERT DATA { role:x a pm:Role }",
    ],
)
def test_updates_are_refused(ladder, text):
    before = len(ladder)
    with pytest.raises(QueryError, match="read-only"):
        sparql.run_query(ladder, text)
    assert len(ladder) == before


def test_cli_update_refused_with_clear_message():
    result = CliRunner().invoke(cli, ["query", "-e", "DELETE WHERE { ?s ?p ?o }"])
    assert result.exit_code == 1
    assert "read-only" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(ladder, text):
    with pytest.raises(QueryError, match="SERVICE"):
        sparql.run_query(ladder, text)


def test_keywords_inside_strings_iris_and_comments_are_not_refused(ladder):
    text = (
        "# SERVICE and INSERT in a comment\n"
        "SELECT ?x WHERE { BIND('SERVICE INSERT' AS ?x) FILTER(?x != <http://x/SERVICE>) }"
    )
    assert sparql.run_query(ladder, text).rows == ((Literal("SERVICE INSERT"),),)


def test_max_rows(ladder):
    with pytest.raises(QueryError, match="more than 5 rows"):
        sparql.run_query(ladder, "SELECT * WHERE { ?s ?p ?o }", max_rows=5)


# ----------------------------------------------------------------------------- formats

LEVELS = "SELECT ?role ?level WHERE { ?role pm:level ?level FILTER(?level >= 5) } ORDER BY ?level"


def test_table_uses_prefixed_names(ladder):
    text = sparql.format_result(sparql.run_query(ladder, LEVELS), "table")
    assert text.splitlines() == [
        "role             | level",
        "-----------------+------",
        "role:fx-director | 5",
        "role:fx-cpo      | 6",
    ]


def test_labels_beside_iris(ladder):
    result = sparql.add_labels(ladder, sparql.run_query(ladder, LEVELS))
    assert result.variables == ("role", "role_label", "level")
    assert "Fixture Chief Product Officer" in sparql.format_result(result, "table")


def test_csv_is_w3c(ladder):
    text = sparql.format_result(sparql.run_query(ladder, LEVELS), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["role", "level"], [str(ROLE["fx-director"]), "5"], [str(ROLE["fx-cpo"]), "6"]]
    assert text.endswith("\r\n")


def test_tsv_is_w3c(ladder):
    text = sparql.format_result(sparql.run_query(ladder, LEVELS), "tsv")
    assert text.splitlines() == ["?role\t?level", f"<{ROLE['fx-director']}>\t5", f"<{ROLE['fx-cpo']}>\t6"]


def test_json_is_w3c_and_parses_back(ladder):
    text = sparql.format_result(sparql.run_query(ladder, LEVELS), "json")
    data = json.loads(text)
    assert data["head"]["vars"] == ["role", "level"]
    assert data["results"]["bindings"][1]["role"] == {"type": "uri", "value": str(ROLE["fx-cpo"])}
    parsed = rdflib.query.Result.parse(io.StringIO(text), format="json")
    assert [row[0] for row in parsed] == [ROLE["fx-director"], ROLE["fx-cpo"]]


def test_xml_parses_back(ladder):
    text = sparql.format_result(sparql.run_query(ladder, LEVELS), "xml")
    parsed = rdflib.query.Result.parse(io.BytesIO(text.encode()), format="xml")
    assert [int(row[1]) for row in parsed] == [5, 6]


def test_ask_json(ladder):
    text = sparql.format_result(sparql.run_query(ladder, "ASK { ?s pm:level 6 }"), "json")
    assert json.loads(text) == {"head": {}, "boolean": True}


def test_markdown(ladder):
    text = sparql.format_result(sparql.run_query(ladder, LEVELS), "markdown")
    assert text.splitlines()[:3] == ["| role | level |", "|---|---|", "| role:fx-director | 5 |"]


@pytest.mark.parametrize("fmt, rdf_format", [("turtle", "turtle"), ("json-ld", "json-ld"), ("n-triples", "nt")])
def test_graph_formats_parse_back(ladder, fmt, rdf_format):
    result = sparql.run_query(ladder, "DESCRIBE role:fx-cpo")
    text = sparql.format_result(result, fmt)
    back = rdflib.Graph().parse(data=text, format=rdf_format)
    assert len(back) == len(result.graph) and (ROLE["fx-cpo"], PM.level, Literal(6)) in back


def test_graph_result_in_tabular_format_is_an_error(ladder):
    with pytest.raises(QueryError, match="graph"):
        sparql.format_result(sparql.run_query(ladder, "DESCRIBE role:fx-cpo"), "csv")


# ----------------------------------------------------------------------------- CLI


@pytest.fixture()
def on_ladder():
    """The command line's arguments for the fixture ladder, beside the bundled graph (as a user
    gives it: pmgraph query runs in a child process, so nothing patched in this one reaches it)."""
    from .conftest import LADDER

    return ["--data", str(LADDER)]


def test_cli_inline_and_file(on_ladder, tmp_path):
    runner = CliRunner()
    inline = runner.invoke(cli, [*on_ladder, "query", "-e", LEVELS, "--format", "json"])
    assert inline.exit_code == 0, inline.output
    path = tmp_path / "levels.rq"
    path.write_text(LEVELS)
    from_file = runner.invoke(cli, [*on_ladder, "query", str(path), "--format", "json"])
    assert from_file.output == inline.output


def test_cli_saved_query_with_param(on_ladder):
    result = CliRunner().invoke(cli, [*on_ladder, "query", "reporting-chain", "--param", "role=role:fx-pm",
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert ([line.split(",")[0].rsplit("/", 1)[-1] for line in result.output.split()[1:]]
            == ["fx-gpm", "fx-director", "fx-cpo"])


def test_cli_unknown_saved_query_suggests(on_ladder):
    result = CliRunner().invoke(cli, [*on_ladder, "query", "reporting-chian"])
    assert result.exit_code == 1
    assert "reporting-chain" in result.output


def test_cli_unknown_param_is_an_error(on_ladder):
    result = CliRunner().invoke(cli, [*on_ladder, "query", "reporting-chain", "--param", "rol=role:fx-pm"])
    assert result.exit_code == 1 and "no parameter 'rol'" in result.output


def test_cli_needs_exactly_one_query(on_ladder):
    assert CliRunner().invoke(cli, [*on_ladder, "query"]).exit_code == 2
    assert CliRunner().invoke(cli, [*on_ladder, "query", "x", "-e", "ASK {}"]).exit_code == 2


def test_cli_construct_defaults_to_turtle(on_ladder):
    result = CliRunner().invoke(cli, [*on_ladder, "query", "-e", "DESCRIBE role:fx-cpo"])
    assert result.exit_code == 0
    assert "role:fx-cpo" in result.output and "pm:level 6" in result.output


def test_cli_queries_lists_every_saved_query():
    result = CliRunner().invoke(cli, ["queries", "--format", "json"])
    listed = json.loads(result.output)
    assert [q["name"] for q in listed] == [q.name for q in sparql.saved_queries()]
    assert all(q["description"] for q in listed)


# --------------------------------------------------------------------------- binding by constants


@pytest.mark.parametrize(
    "query, expected",
    [
        ("SELECT ?s WHERE { ?s ?p ?role }", "SELECT ?s WHERE { ?s ?p <https://w3id.org/pmgraph/role/x> }"),
        ("SELECT ?role ?s WHERE { ?s ?p ?role }",
         "SELECT (<https://w3id.org/pmgraph/role/x> AS ?role) ?s WHERE { ?s ?p <https://w3id.org/pmgraph/role/x> }"),
        ("SELECT ?s WHERE { ?s ?p ?role } ORDER BY ?role",
         "SELECT ?s WHERE { ?s ?p <https://w3id.org/pmgraph/role/x> } ORDER BY (<https://w3id.org/pmgraph/role/x>)"),
        ('SELECT ?s WHERE { ?s ?p "?role" }  # ?role in a comment', None),
        ("SELECT ?s WHERE { BIND(1 AS ?role) }", None),
        ("SELECT ?s WHERE { VALUES ?role { <a:b> } ?s ?p ?role }", None),
    ],
)
def test_parameters_become_constants_only_where_that_keeps_the_query(query, expected):
    from rdflib import URIRef

    from pmgraph.sparql.query import _substitute

    bound = _substitute(query, {"role": URIRef("https://w3id.org/pmgraph/role/x")})
    if expected is None and "comment" in query:
        assert bound == query  # strings and comments untouched
    else:
        assert bound == expected


@pytest.mark.parametrize("saved", sparql.saved_queries(), ids=lambda q: q.name)
def test_constants_and_values_binding_agree(bundled, saved, monkeypatch):
    by_constants = sparql.run_saved(bundled, saved.name)
    monkeypatch.setattr(sparql_query, "_substitute", lambda text, params: None)  # force the VALUES route
    by_values = sparql.run_saved(bundled, saved.name)
    if by_constants.kind == "graph":
        assert by_constants.graph.isomorphic(by_values.graph)
    else:
        assert (by_constants.variables, by_constants.rows) == (by_values.variables, by_values.rows)
