"""Content tests: paths and deltas on the bundled ontology."""

import pytest

from pmgraph import next_moves, shortest_path, shortest_paths, skill_delta  # the curated API: names, resolved
from pmgraph.career.names import resolve_role
from pmgraph.career.paths import WEIGHTS
from pmgraph.career.projection import project
from pmgraph.errors import NoPathError, UnknownRoleError

IC_TRACK = "individual contributor"
MANAGEMENT = "people management"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("cpo", "chief-product-officer"),
        ("Chief Product Officer", "chief-product-officer"),
        ("portfolio owner", "product-portfolio-manager"),
        ("PM", "product-manager"),
        ("senior pm", "senior-product-manager"),
        ("VP of Product", "vice-president-of-product"),
        ("head-of-product", "head-of-product"),
    ],
)
def test_names_resolve(bundled, name, expected):
    assert resolve_role(bundled, name) == expected


def test_misspelt_role_suggests(bundled):
    with pytest.raises(UnknownRoleError) as caught:
        resolve_role(bundled, "Head of Prodcut")
    assert caught.value.suggestions[0] == "Head of Product"


def test_pm_reaches_cpo_through_the_ic_track(bundled):
    path = shortest_path(bundled, "product manager", "cpo", track="IC")
    career = project(bundled)
    assert all(career.roles[r].track == IC_TRACK for r in path.roles[:-1])
    assert path.roles[-1] == "chief-product-officer"
    assert "distinguished-product-manager" in path.roles


def test_pm_reaches_cpo_through_the_management_track(bundled):
    path = shortest_path(bundled, "product manager", "cpo", track="management")
    career = project(bundled)
    tracks = [career.roles[r].track for r in path.roles[1:-1]]
    assert MANAGEMENT in tracks
    first = tracks.index(MANAGEMENT)
    assert all(t == MANAGEMENT for t in tracks[first:])
    assert {"group-product-manager", "director-of-product"} <= set(path.roles)


def test_both_tracks_appear_among_alternatives(bundled):
    paths = shortest_paths(bundled, "product manager", "chief product officer", k=3)
    middles = [set(p.roles[1:-1]) for p in paths]
    assert any("distinguished-product-manager" in m for m in middles)
    assert any("director-of-product" in m for m in middles)


@pytest.mark.parametrize("by", WEIGHTS)
def test_years_total_is_the_sum_of_edges(bundled, by):
    career = project(bundled)
    for path in shortest_paths(bundled, "associate product manager", "cpo", k=4, by=by):
        edges = [career.digraph.edges[u, v] for u, v in zip(path.roles, path.roles[1:])]
        assert path.years_min == pytest.approx(sum(e["years_min"] for e in edges))
        assert path.years_max == pytest.approx(sum(e["years_max"] for e in edges))
        assert path.years_mid == pytest.approx((path.years_min + path.years_max) / 2)
        assert path.effort == sum(e["effort"] for e in edges)


def test_no_path_downwards(bundled):
    with pytest.raises(NoPathError, match="sits below"):
        shortest_path(bundled, "cpo", "product manager")


def test_next_moves_from_pm(bundled):
    moves = {m.target: m.kind for m in next_moves(bundled, "PM")}
    assert moves["senior-product-manager"] == "promotion"


def test_every_role_is_a_node_and_every_transition_an_edge(bundled):
    from rdflib import RDF

    from pmgraph.vocab import PM

    career = project(bundled)
    assert career.digraph.number_of_nodes() == len(set(bundled.subjects(RDF.type, PM.Role)))
    assert career.digraph.number_of_edges() == len(set(bundled.subjects(RDF.type, PM.Transition)))


def test_delta_pm_to_senior_pm_learns_something(bundled):
    delta = skill_delta(bundled, "PM", "Senior PM")
    assert delta.effort > 0
    assert delta.skills and all(c.label for c in delta.skills)
