"""Loading: the bundled ontology, extra files, engines, and bad files."""

import hashlib

import pytest
from rdflib import RDF, XSD, Literal

import pmgraph
from pmgraph import PM, InvalidDataError
from pmgraph.resources import ontology_files

from .conftest import LADDER


def test_bundled_ontology_loads_all_its_files(bundled):
    assert [p.name for p in ontology_files()] == ["schema.ttl", "skills.ttl", "roles.ttl"]
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
    graph = pmgraph.graph.new_graph()
    with pytest.raises(InvalidDataError):
        pmgraph.graph.parse_into(graph, bad)
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


# --------------------------------------------------------------------------- the store road


def test_load_store_holds_what_load_holds():
    from pmgraph.store import load_store

    store = load_store([LADDER])
    graph = pmgraph.load([LADDER])
    assert len(store) == len(graph)
    assert not any(name.startswith("rdflib") for name in type(store).__module__.split("."))


def test_projection_from_a_store_equals_one_from_a_graph():
    from pmgraph.projection import project
    from pmgraph.store import load_store

    from_store = project(load_store([LADDER]))
    from_graph = project(pmgraph.load([LADDER]))
    from_rdflib = project(pmgraph.load([LADDER], engine="rdflib"))  # links read at once, not lazily
    assert from_store.to_dict() == from_graph.to_dict() == from_rdflib.to_dict()
    assert from_store.reports_to["fx-pm"] == ("fx-gpm",)


def test_links_are_read_on_first_use_and_survive_the_graph():
    import gc

    from pmgraph.projection import project

    graph = pmgraph.load([LADDER])
    career = project(graph)
    del graph
    gc.collect()
    assert career.reports_to["fx-pm"] == ("fx-gpm",)
    assert career.reporting_sources is not None and len(career.responsibilities) > 0


def test_load_store_reports_merge_conflicts_naming_both_files(tmp_path):
    from pmgraph.store import load_store

    path = tmp_path / "mine.ttl"
    path.write_text("@prefix pm: <https://w3id.org/pmgraph/ontology#> .\n"
                    "@prefix role: <https://w3id.org/pmgraph/role/> .\n"
                    "role:senior-product-manager pm:level 4 .\n", encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        load_store([path])
    assert "pm:level is '3' (in the bundled ontology) and '4' (in " in str(caught.value)
    # One value written two ways is no conflict: 3 and 03 are one level.
    path.write_text(path.read_text(encoding="utf-8").replace("pm:level 4", 'pm:level "03"^^<http://www.w3.org/2001/XMLSchema#integer>'),
                    encoding="utf-8")
    load_store([path])


def test_load_store_errors_are_one_line(tmp_path):
    from pmgraph.store import load_store

    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "open .\n', encoding="utf-8")
    with pytest.raises(InvalidDataError, match=rf"^{bad}:2: Turtle syntax error: [^\n]+$"):
        load_store([bad])
    with pytest.raises(InvalidDataError, match="no such file"):
        load_store([tmp_path / "missing.ttl"])


def test_requirements_and_efforts_read_on_first_use_match_an_eager_read():
    from pmgraph.paths import shortest_path
    from pmgraph.projection import project
    from pmgraph.store import load_store

    eager = project(pmgraph.load([LADDER], engine="rdflib"))
    lazy = project(load_store([LADDER]))
    assert "effort" not in lazy._moves.edges["fx-pm", "fx-spm"]  # nothing read yet
    for by in ("hops", "years"):
        assert shortest_path(lazy, "fx-apm", "fx-cpo", by=by).to_dict() == \
            shortest_path(eager, "fx-apm", "fx-cpo", by=by).to_dict()
    assert lazy.requirements._all is None  # a path read its own roles' requirements only
    assert dict(lazy.requirements["fx-pm"]) == dict(eager.requirements["fx-pm"])
    roles_without = [r for r in eager.roles if r not in eager.requirements]
    for role in roles_without[:2]:
        with pytest.raises(KeyError):
            lazy.requirements[role]
    for role in list(eager.roles)[:40]:  # past the one-by-one limit: everything at once
        assert lazy.requirements.get(role) == eager.requirements.get(role)
    assert lazy.requirements._all is not None
    assert lazy.to_dict() == eager.to_dict()  # every move's effort, filled in
    assert shortest_path(lazy, "fx-apm", "fx-cpo", by="effort").to_dict() == \
        shortest_path(eager, "fx-apm", "fx-cpo", by="effort").to_dict()
