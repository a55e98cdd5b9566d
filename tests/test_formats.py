"""The one registry of RDF formats (pmgraph.loading.formats): every name and alias works wherever
a format is chosen (export, query), the query's error lists exactly what it accepts, loading reads a
file by every suffix the registry gives, and the endpoint offers every format's media types."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

import pmgraph
from pmgraph import sparql
from pmgraph.cli import cli
from pmgraph.errors import InvalidDataError, QueryError
from pmgraph.exchange.export import FORMATS as EXPORT_FORMATS, export
from pmgraph.loading.engines import oxigraph_store
from pmgraph.loading.formats import RDF_FORMATS, format_of_suffix, rdf_format

from .conftest import LADDER

# rdflib's N-Quads and TriG parsers warn about their own deprecated API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: What people type (pmgraph's names, rdflib's and Jena riot's), and the format each means.
ALIASES = {
    "turtle": "turtle", "ttl": "turtle", "TTL": "turtle",
    "n-triples": "n-triples", "nt": "n-triples", "ntriples": "n-triples", "N-Triples": "n-triples",
    "n-quads": "n-quads", "nquads": "n-quads", "nq": "n-quads", "NQ": "n-quads",
    "trig": "trig",
    "json-ld": "json-ld", "jsonld": "json-ld", "JSONLD": "json-ld",
    "rdf-xml": "rdf-xml", "xml": "rdf-xml", "rdf/xml": "rdf-xml", "RDF/XML": "rdf-xml", "rdfxml": "rdf-xml",
    "application/rdf+xml": "rdf-xml",
    "n3": "n3",
}
DESCRIBE = "DESCRIBE role:fx-cpo"


def test_every_alias_names_its_format():
    assert {alias: rdf_format(alias).name for alias in ALIASES} == ALIASES
    assert {a.lower() for f in RDF_FORMATS.values() for a in f.aliases} <= {a.lower() for a in ALIASES}


@pytest.fixture(scope="module")
def exported():
    """The bundled graph in each export format, by pmgraph's name (made once)."""
    return {name: export(format=name) for name in EXPORT_FORMATS}


@pytest.mark.parametrize("alias", [a for a, name in ALIASES.items() if name in EXPORT_FORMATS])
def test_export_takes_every_alias(alias, exported, tmp_path):
    """``pmgraph export --format nquads`` (and nt, ttl, jsonld, xml, ...) was refused."""
    out = tmp_path / "graph.out"
    result = CliRunner().invoke(cli, ["export", "--format", alias, "-o", str(out)])
    name = ALIASES[alias]
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}: {name}, {out.stat().st_size:,} bytes\n"
    assert out.read_bytes() == exported[name]


def test_export_refuses_a_format_it_does_not_write():
    result = CliRunner().invoke(cli, ["export", "--format", "n3"])
    assert result.exit_code == 2 and "'n3' is not one of" in result.stderr
    with pytest.raises(ValueError, match=r"Unknown format 'n3'; choose one of turtle \(ttl\), n-triples"):
        export(format="n3")


@pytest.fixture(scope="module")
def described(ladder):
    return sparql.run_query(ladder, DESCRIBE)


@pytest.mark.parametrize("alias", list(ALIASES))
def test_query_takes_every_alias_for_a_graph(described, alias):
    name = ALIASES[alias]
    text = sparql.format_result(described, alias)
    assert text == sparql.format_result(described, name)
    reader = rdf_format("turtle" if name == "n3" else name).reader()
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(text.encode(), format=reader)}
    assert len(triples) == len(described.graph)
    assert ox.NamedNode("https://w3id.org/pmgraph/role/fx-cpo") in {s for s, _p, _o in triples}


def test_a_graph_is_written_as_export_writes_it(tmp_path, ladder):
    """One writer: a query's graph comes out as ``export`` writes the same triples from a file."""
    everything = sparql.run_query(ladder,
                                  "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) }")
    path = tmp_path / "answer.nt"
    path.write_text(sparql.format_result(everything, "n-triples"), encoding="utf-8")
    for name in ("n-triples", "turtle", "json-ld", "rdf-xml"):
        assert sparql.format_result(everything, name).encode() == export([path], bundled=False, format=name), name


@pytest.mark.parametrize("alias", ["nquads", "ttl", "jsonld", "xml", "n3", "trig"])
def test_query_command_takes_aliases_for_a_graph(alias, described):
    result = CliRunner().invoke(cli, ["--data", str(LADDER), "query", "-e", DESCRIBE, "--format", alias])
    assert result.exit_code == 0, result.output
    assert "fx-cpo" in result.stdout


def _listed(message: str) -> set[str]:
    """The format names and aliases a message lists: 'a (b, c), d, ...'."""
    listed = message.split("use format ", 1)[1].rsplit(", not ", 1)[0]
    return {name.strip() for name in re.split(r"[,()]", listed.replace(" (Turtle)", "")) if name.strip()}


def test_the_query_error_lists_exactly_what_it_accepts(described):
    """``query`` suggested n-quads, trig and n3 for a graph and then refused them."""
    with pytest.raises(QueryError) as caught:
        sparql.format_result(described, "csv")
    listed = _listed(str(caught.value))
    accepted = {"text"} | {a for f in RDF_FORMATS.values() for a in (f.name, *f.aliases)}
    assert listed == accepted
    for name in listed:  # each in the library ...
        sparql.format_result(described, name)
    choices = next(p for p in cli.commands["query"].params if p.name == "fmt").type.choices
    assert listed <= set(choices)  # ... and on the command line
    result = CliRunner().invoke(cli, ["--data", str(LADDER), "query", "-e", DESCRIBE, "--format", "csv"])
    assert result.exit_code == 1 and _listed(result.stderr) == accepted


def test_a_table_in_an_rdf_format_is_refused(ladder):
    with pytest.raises(QueryError, match="A SELECT result is a table; format ttl is for CONSTRUCT and DESCRIBE"):
        sparql.format_result(sparql.run_query(ladder, "SELECT * WHERE { ?s ?p ?o } LIMIT 1"), "ttl")
    with pytest.raises(QueryError, match=r"Unknown format 'yaml'; use one of text, csv"):
        sparql.format_result(sparql.run_query(ladder, "ASK {}"), "yaml")


# ------------------------------------------------------------------------------------ reading

#: A small graph with a blank node and a typed literal, and what each suffix's file holds.
TURTLE = ('@prefix pm: <https://w3id.org/pmgraph/ontology#> .\n'
          '<https://example.org/role/x> a pm:Role ; pm:level 3 ; pm:yearsMin 1.5 ; pm:note [ pm:level 4 ] .\n')
SUFFIXES = sorted({s for f in RDF_FORMATS.values() for s in (*f.suffixes, *f.more_suffixes)})


def _write(path):
    """The graph as a file of the format its suffix stands for (written by pyoxigraph)."""
    triples = ox.parse(TURTLE.encode(), format=ox.RdfFormat.TURTLE)
    path.write_bytes(ox.serialize(triples, format=format_of_suffix(path).reader()))


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_loading_reads_every_registered_suffix(tmp_path, suffix, engine):
    assert {".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".owl", ".xml", ".n3"} <= set(SUFFIXES)
    expected = pmgraph.load([_source(tmp_path)], bundled=False, engine=engine)
    path = tmp_path / f"graph{suffix}"
    _write(path)
    graph = pmgraph.load([path], bundled=False, engine=engine)
    assert len(graph) == len(expected) == 5
    assert isomorphic(graph, expected)


def _source(tmp_path):
    path = tmp_path / "expected.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_named_graphs_of_a_quad_file_become_named_graphs(tmp_path, suffix):
    """As JSON-LD's always did: the default graph is what every command reads, a named graph is
    the store's named graph of that name."""
    path = tmp_path / f"data{suffix}"
    quads = ('<https://example.org/a> <https://example.org/p> "default" .\n'
             '<https://example.org/a> <https://example.org/p> "named" <https://example.org/g> .\n')
    path.write_bytes(ox.serialize(ox.parse(quads.encode(), format=ox.RdfFormat.N_QUADS),
                                  format=format_of_suffix(path).reader()))
    graph = pmgraph.load([path], bundled=False)
    assert [str(o) for o in graph.objects()] == ["default"]
    store = oxigraph_store(graph)
    assert store is not None
    named = store.quads_for_pattern(None, None, None, ox.NamedNode("https://example.org/g"))
    assert [q.object.value for q in named] == ["named"]
    assert [str(o) for o in pmgraph.load([path], bundled=False, engine="rdflib").objects()] == ["default"]


def test_an_unknown_suffix_names_every_registered_one(tmp_path):
    path = tmp_path / "ladder.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InvalidDataError, match=re.escape(f"use one of {', '.join(SUFFIXES)}")):
        pmgraph.load([path], bundled=False)


def test_the_endpoint_offers_every_registered_media_type():
    from pmgraph.sparql.endpoint.negotiation import GRAPH_MEDIA

    assert GRAPH_MEDIA == {m: f.name for f in RDF_FORMATS.values() for m in f.media_types} | GRAPH_MEDIA
    assert set(GRAPH_MEDIA) == {m for f in RDF_FORMATS.values() for m in f.media_types}
    assert next(iter(GRAPH_MEDIA)) == "text/turtle"  # what a client that states no preference gets


@pytest.mark.parametrize("suffix, kind", [(".nq", "N-Quads"), (".nt", "N-Triples"), (".trig", "TriG"),
                                          (".ttl", "Turtle")])
def test_a_broken_file_is_one_line_naming_its_own_format(tmp_path, suffix, kind):
    bad = tmp_path / f"bad{suffix}"
    bad.write_text('<a> <b> "open\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data", str(bad), "roles"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}:1: {kind} syntax error: ") and result.stderr.count("\n") == 1
