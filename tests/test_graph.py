"""Loading: the bundled ontology, extra files, engines, and bad files."""

import hashlib

import pytest
from rdflib import RDF, SKOS, XSD, Literal, URIRef

import pmgraph
from pmgraph import PM, InvalidDataError
from pmgraph.resources import ontology_files

from .conftest import LADDER


def test_bundled_ontology_loads_all_its_files(bundled):
    assert [p.name for p in ontology_files()] == ["schema.ttl", "skills.ttl", "roles.ttl", "requirements.ttl",
                                                 "article.ttl", "crosswalk.ttl"]
    from pmgraph.vocab import ROLE

    assert (ROLE["head-of-product"], None, None) in bundled
    links = set(bundled.objects(ROLE["product-manager"], SKOS.closeMatch))
    assert URIRef("https://w3id.org/pmgraph/framework/gitlab/role/product-manager") in links
    assert len(set(bundled.subjects(RDF.type, PM.Role))) >= 24
    assert (PM.Role, RDF.type, None) in bundled or (PM.Role, None, None) in bundled


def _canonical(term):
    # Oxigraph canonicalises lexical forms ("3.0"^^xsd:decimal -> "3") and types plain
    # literals as xsd:string; compare values, not spellings.
    if isinstance(term, Literal):
        return ("literal", term.value if term.value is not None else str(term), term.language,
                term.datatype or (None if term.language else XSD.string))
    return term


def test_engines_load_the_same_triples():
    ox = pmgraph.load(engine="oxigraph")
    plain = pmgraph.load(engine="rdflib")
    assert len(ox) == len(plain)
    assert {tuple(map(_canonical, t)) for t in ox} == {tuple(map(_canonical, t)) for t in plain}


def test_extra_files_are_merged(ladder_files):
    graph = pmgraph.load([LADDER])
    roles = set(graph.subjects(RDF.type, PM.Role))
    assert any(str(r).endswith("/fx-cpo") for r in roles)
    assert len(roles) == len(set(pmgraph.load().subjects(RDF.type, PM.Role))) + 8


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="Unknown engine 'jena'"):
        pmgraph.load(engine="jena")


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_malformed_turtle_names_file_and_line(tmp_path, engine):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', encoding="utf-8")
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    with pytest.raises(InvalidDataError) as caught:
        pmgraph.load([bad], engine=engine)
    error = caught.value
    assert error.file == str(bad)
    assert error.line == 3
    assert str(error).startswith(f"{bad}:3: Turtle syntax error: ")
    assert "\n" not in str(error)
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before  # input untouched


def test_failed_file_adds_nothing(tmp_path):
    bad = tmp_path / "half.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b ex:\n', encoding="utf-8")
    graph = pmgraph.loading.engines.new_graph()
    with pytest.raises(InvalidDataError):
        pmgraph.loading.engines.parse_into(graph, bad)
    assert len(graph) == 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.ttl", None, "no such file"),
        ("ladder.csv", "a,b\n", "unknown RDF file type '.csv'"),
        ("latin1.ttl", b"@prefix ex: <http://example.org/> .\nex:a ex:b \"caf\xe9\" .\n", None),
    ],
)
def test_bad_files_get_one_line_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(InvalidDataError) as caught:
        pmgraph.load([path])
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)
    if message:
        assert message in str(caught.value)

