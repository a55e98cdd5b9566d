"""pmgraph.loading.store: files straight into a pyoxigraph Store, and projections read from it lazily."""

import pytest

import pmgraph
from pmgraph import InvalidDataError

from .conftest import LADDER


def test_load_store_holds_what_load_holds():
    from pmgraph.loading.store import load_store

    assert pmgraph.load_store is load_store  # the public API names it
    store = load_store([LADDER])
    graph = pmgraph.load([LADDER])
    assert len(store) == len(graph)
    assert not any(name.startswith("rdflib") for name in type(store).__module__.split("."))


def test_projection_from_a_store_equals_one_from_a_graph():
    from pmgraph.career.projection import project
    from pmgraph.loading.store import load_store

    from_store = project(load_store([LADDER]))
    from_graph = project(pmgraph.load([LADDER]))
    from_rdflib = project(pmgraph.load([LADDER], engine="rdflib"))  # links read at once, not lazily
    assert from_store.to_dict() == from_graph.to_dict() == from_rdflib.to_dict()
    assert from_store.reports_to["fx-pm"] == ("fx-gpm",)


def test_links_are_read_on_first_use_and_survive_the_graph():
    import gc

    from pmgraph.career.projection import project

    graph = pmgraph.load([LADDER])
    career = project(graph)
    del graph
    gc.collect()
    assert career.reports_to["fx-pm"] == ("fx-gpm",)
    assert career.reporting_sources is not None and len(career.responsibilities) > 0


def test_load_store_reports_merge_conflicts_naming_both_files(tmp_path):
    from pmgraph.loading.store import load_store

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
    from pmgraph.loading.store import load_store

    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "open .\n', encoding="utf-8")
    with pytest.raises(InvalidDataError, match=rf"^{bad}:2: Turtle syntax error: [^\n]+$"):
        load_store([bad])
    with pytest.raises(InvalidDataError, match="no such file"):
        load_store([tmp_path / "missing.ttl"])


def test_requirements_and_efforts_read_on_first_use_match_an_eager_read():
    from pmgraph.career.paths import shortest_path
    from pmgraph.career.projection import project
    from pmgraph.loading.store import load_store

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


def test_name_tables_are_built_per_kind_when_first_needed():
    from pmgraph.career.names import resolve_role, resolve_skill
    from pmgraph.career.projection import project
    from pmgraph.loading.store import load_store

    career = project(load_store([LADDER]))
    tables = career._names._built
    assert resolve_role(career, "fx-pm") == "fx-pm"
    assert resolve_role(career, "https://w3id.org/pmgraph/role/fx-cpo") == "fx-cpo"
    assert tables == {}  # ids and IRIs need no table
    assert resolve_role(career, "Fixture Chief-Product officer") == "fx-cpo"
    assert set(tables) == {"role"}
    assert resolve_skill(career, "ROADMAPPING") == ("fx-roadmapping", ())
    assert set(tables) == {"role", "skill"}
    assert career.to_dict() == project(pmgraph.load([LADDER], engine="rdflib")).to_dict()
