"""Algorithm tests on the fixture ladder; every expected value is worked out by hand below.

Edge years (min-max, midpoint) from tests/data/ladder.ttl:
  apm->pm 1-2 (1.5); pm->spm 2-3 (2.5); spm->principal 3-4 (3.5); spm->gpm 2-3 (2.5);
  principal->gpm lateral 1-2 (1.5); gpm->director 2-4 (3); director->cpo 2-3 (2.5);
  principal->cpo 4-6 (5); pm<->pmm lateral 0.5-1 (0.75).
Edge effort (rank increases the next role needs): apm->pm 1; pm->spm 1+1+2=4;
  spm->principal 1+2=3; spm->gpm 0+1+3=4; principal->gpm 0+0+3=3 (roadmapping 3<4, strategy 3<4);
  gpm->director 1+1=2; director->cpo 1+0=1; principal->cpo 1+4=5.
Edge evidence: principal->cpo and gpm->director stated (the handbook); spm->gpm derived (a rule
  citing the handbook); every other move editorial. So IC (pm->spm->principal->cpo) and MGMT
  (pm->spm->gpm->director->cpo) have two editorial steps each: the weight decides between them.
"""

import pytest

from pmgraph import next_moves, roles, shortest_path, shortest_paths  # the curated API: names, resolved
from pmgraph.career.names import resolve_role
from pmgraph.career.paths import path_through
from pmgraph.career.projection import project
from pmgraph.errors import NoPathError, UnknownRoleError

IC = ("fx-pm", "fx-spm", "fx-principal", "fx-cpo")
MGMT = ("fx-pm", "fx-spm", "fx-gpm", "fx-director", "fx-cpo")


@pytest.mark.parametrize(
    "by, roles_, weight, years",
    [
        ("hops", IC, 3, (9.0, 13.0, 11.0)),          # 3 steps beats 4
        ("years", MGMT, 10.5, (8.0, 13.0, 10.5)),    # 2.5+2.5+3+2.5 = 10.5 < 2.5+3.5+5 = 11
        ("effort", MGMT, 11, (8.0, 13.0, 10.5)),     # 4+4+2+1 = 11 < 4+3+5 = 12
    ],
)
def test_best_path_by_each_weight(ladder, by, roles_, weight, years):
    path = shortest_path(ladder, "fx-pm", "fx-cpo", by=by)
    assert path.roles == roles_
    assert path.weight == weight
    assert (path.years_min, path.years_max, path.years_mid) == years


def test_effort_totals_by_hand(ladder):
    assert path_through(ladder, IC).effort == 4 + 3 + 5
    assert path_through(ladder, MGMT).effort == 4 + 4 + 2 + 1


def test_k_alternatives_best_first(ladder):
    paths = shortest_paths(ladder, "fx-pm", "fx-cpo", k=5, by="years")
    assert [p.roles for p in paths] == [
        MGMT,                                                                  # 10.5
        IC,                                                                    # 11
        ("fx-pm", "fx-spm", "fx-principal", "fx-gpm", "fx-director", "fx-cpo"),  # 2.5+3.5+1.5+3+2.5 = 13
    ]
    assert [p.weight for p in paths] == [10.5, 11.0, 13.0]


def test_a_path_years_total_is_the_sum_of_its_steps(ladder):
    for path in shortest_paths(ladder, "fx-apm", "fx-cpo", k=5):
        assert path.years_min == sum(s.years_min for s in path.steps)
        assert path.years_max == sum(s.years_max for s in path.steps)


@pytest.mark.parametrize(
    "options, expected",
    [
        ({"via": "fx-gpm"}, ("fx-spm", "fx-gpm", "fx-director", "fx-cpo")),
        ({"avoid": ["fx-principal"]}, ("fx-spm", "fx-gpm", "fx-director", "fx-cpo")),
        ({"track": "management"}, ("fx-spm", "fx-gpm", "fx-director", "fx-cpo")),
        ({"track": "IC"}, ("fx-spm", "fx-principal", "fx-cpo")),
        ({"track": "IC", "by": "years"}, ("fx-spm", "fx-principal", "fx-cpo")),  # 3.5+5 = 8.5 > 7.5 via management
        ({"via": "fx-principal", "by": "years"}, ("fx-spm", "fx-principal", "fx-cpo")),
        ({"max_steps": 2}, ("fx-spm", "fx-principal", "fx-cpo")),
    ],
)
def test_constraints(ladder, options, expected):
    assert shortest_path(ladder, "fx-spm", "fx-cpo", **options).roles == expected


def test_track_climbs_home_rungs_then_stays(ladder):
    # From PM the management track starts after the IC rungs (pm, spm) and never returns to IC:
    # principal -> gpm (IC into management) is allowed, gpm -> an IC role would not be.
    paths = shortest_paths(ladder, "fx-pm", "fx-cpo", track="management", k=5)
    assert [p.roles for p in paths] == [
        ("fx-pm", "fx-spm", "fx-gpm", "fx-director", "fx-cpo"),
        ("fx-pm", "fx-spm", "fx-principal", "fx-gpm", "fx-director", "fx-cpo"),
    ]


def test_via_keeps_paths_simple_and_ranked(ladder):
    paths = shortest_paths(ladder, "fx-spm", "fx-cpo", via="fx-gpm", k=5)
    assert [p.roles for p in paths] == [
        ("fx-spm", "fx-gpm", "fx-director", "fx-cpo"),
        ("fx-spm", "fx-principal", "fx-gpm", "fx-director", "fx-cpo"),
    ]


def test_lateral_moves_can_be_turned_off(ladder):
    with_lateral = shortest_paths(ladder, "fx-principal", "fx-director", k=3)
    assert [p.roles for p in with_lateral] == [("fx-principal", "fx-gpm", "fx-director")]
    assert with_lateral[0].steps[0].kind == "lateral move"


@pytest.mark.parametrize(
    "source, target, options, message",
    [
        ("fx-cpo", "fx-pm", {}, "'Fixture PM' (level 2) sits below 'Fixture Chief Product Officer' (level 6)"),
        ("fx-principal", "fx-director", {"lateral": False},
         "Only a path with a lateral move leads from 'Fixture Principal PM' to 'Fixture Director' "
         "(e.g. 'Fixture Principal PM' -> 'Fixture Group PM'), and lateral moves are off"),
        ("fx-pm", "fx-cpo", {"avoid": ["fx-spm"]}, "passes through an avoided role ('Fixture Senior PM')"),
        ("fx-spm", "fx-director", {"via": "fx-pm"}, "'Fixture PM' is not between"),
        ("fx-pm", "fx-gpm", {"via": "fx-pmm"}, "every route through it visits a role twice"),
        ("fx-pm", "fx-cpo", {"max_steps": 2}, "within 2 steps; the shortest needs 3"),
        ("fx-spm", "fx-director", {"track": "executive"},
         "stays on the executive track (after rungs on the start's own individual contributor track); "
         "the shortest passes through 'Fixture Group PM' (people management)"),
        ("fx-spm", "fx-cpo", {"avoid": ["fx-principal"], "track": "IC"}, "meets all the constraints together"),
        ("fx-pmm", "fx-principal", {"track": "marketing"}, None),
    ],
)
def test_no_path_says_why(ladder, source, target, options, message):
    with pytest.raises((NoPathError, Exception)) as caught:
        shortest_path(ladder, source, target, **options)
    if message is None:  # an unknown track is a user error too, with the name in it
        assert "Unknown track 'marketing'" in str(caught.value)
    else:
        assert isinstance(caught.value, NoPathError)
        assert message in str(caught.value)


def test_same_role_is_a_path_of_no_steps(ladder):
    path = shortest_path(ladder, "fx-pm", "Fixture PM")
    assert path.roles == ("fx-pm",) and path.hops == 0 and path.years_max == 0


@pytest.mark.parametrize(
    "name, expected",
    [
        ("fx-cpo", "fx-cpo"),
        ("FCPO", "fx-cpo"),
        ("fixture chief product officer", "fx-cpo"),
        ("Fixture  Chief-Product Officer!", "fx-cpo"),
        ("role:fx-gpm", "fx-gpm"),
        ("https://w3id.org/pmgraph/role/fx-gpm", "fx-gpm"),
        ("fapm", "fx-apm"),
    ],
)
def test_resolve_role(ladder, name, expected):
    assert resolve_role(ladder, name) == expected


def test_unknown_role_carries_suggestions(ladder):
    with pytest.raises(UnknownRoleError) as caught:
        resolve_role(ladder, "Fixture Directr")
    assert caught.value.suggestions == ("Fixture Director",)
    assert str(caught.value) == "Unknown role 'Fixture Directr'. Did you mean 'Fixture Director'?"


def test_next_moves(ladder):
    moves = next_moves(ladder, "fixture pm")
    assert [(m.target, m.kind, m.years_min, m.years_max) for m in moves] == [
        ("fx-spm", "promotion", 2.0, 3.0),
        ("fx-pmm", "lateral move", 0.5, 1.0),
    ]
    assert [m.target for m in next_moves(ladder, "fx-pm", lateral=False)] == ["fx-spm"]
    assert next_moves(ladder, "fx-cpo") == []


@pytest.mark.parametrize(
    "options, expected",
    [
        ({}, ["fx-apm", "fx-pm", "fx-pmm", "fx-spm", "fx-gpm", "fx-principal", "fx-director", "fx-cpo"]),
        ({"track": "IC"}, ["fx-apm", "fx-pm", "fx-pmm", "fx-spm", "fx-principal"]),
        ({"function": "marketing"}, ["fx-pmm"]),
        ({"level": 4}, ["fx-gpm", "fx-principal"]),
    ],
)
def test_roles_filters(ladder, options, expected):
    assert [r.id for r in roles(ladder, **options)] == expected


def test_projection_is_built_once_per_load(ladder, ladder_files):
    import pmgraph

    assert project(ladder) is project(ladder)
    assert project(pmgraph.load(ladder_files, bundled=False)) is not project(ladder)


def test_projection_attributes(ladder):
    career = project(ladder)
    assert career.digraph.nodes["fx-gpm"] == {
        "label": "Fixture Group PM", "level": 4, "track": "people management", "function": "product"}
    edge = career.digraph.edges["fx-principal", "fx-cpo"]
    assert ((edge["kind"], edge["years_min"], edge["years_max"], edge["effort"])
            == ("into the executive team", 4.0, 6.0, 5))
    assert edge["sources"] == ("https://w3id.org/pmgraph/source/editorial", "https://w3id.org/pmgraph/source/fx-handbook")
    assert edge["years_sources"] == ("https://w3id.org/pmgraph/source/fx-handbook",)
    assert career.source("https://w3id.org/pmgraph/source/fx-handbook").name == "handbook"


def test_results_serialise(ladder):
    import json

    data = shortest_path(ladder, "fx-pm", "fx-cpo").to_dict()
    assert json.loads(json.dumps(data))["roles"] == list(IC)
    assert data["steps"][0] == {
        "from": "fx-pm", "to": "fx-spm", "from_label": "Fixture PM", "to_label": "Fixture Senior PM",
        "kind": "promotion", "years_min": 2.0, "years_max": 3.0, "years_estimate": True, "effort": 4,
        "sources": [{"id": "src:editorial", "title": "pmgraph editorial judgement", "url": None, "kind": "editorial",
                     "framework": None}],
        "years_sources": [],
        "evidence": {"grade": "editorial", "by": [], "rules": [], "link": None, "also": []},
    }
    # A move whose years a source document states, per value: sourced, not an estimate.
    last = data["steps"][-1]
    assert (last["from"], last["years_estimate"]) == ("fx-principal", False)
    assert last["years_sources"] == [{"id": "src:fx-handbook", "title": "Fixture career handbook", "url": None,
                                      "kind": "document", "framework": None}]
    assert {s["id"] for s in last["sources"]} == {"src:editorial", "src:fx-handbook"}
    assert last["evidence"] == {"grade": "stated", "by": ["handbook"], "rules": [], "link": None,
                                "also": ["editorial"]}
    assert data["evidence"] == {"stated": 1, "derived": 0, "editorial": 2}


def test_a_synonym_shared_by_two_roles_is_not_guessed(ladder_files, tmp_path):
    import pmgraph

    extra = tmp_path / "clash.ttl"
    extra.write_text(
        '@prefix role: <https://w3id.org/pmgraph/role/> .\n'
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
        'role:fx-pm skos:altLabel "Product Lead"@en .\n'
        'role:fx-gpm skos:altLabel "product lead"@en .\n'
    )
    graph = pmgraph.load([*ladder_files, extra], bundled=False)
    with pytest.raises(UnknownRoleError) as caught:
        resolve_role(graph, "Product Lead")
    assert caught.value.suggestions == ("Fixture Group PM (fx-gpm)", "Fixture PM (fx-pm)")
    assert resolve_role(graph, "fx-pm") == "fx-pm"


# ----------------------------------------------------------------- evidence (issue 26)


def test_each_move_is_graded_by_its_strongest_statement(ladder):
    """A statement citing a DerivationRule is derived; else one citing a document stated; else editorial."""
    career = project(ladder)
    grades = {(u, v): d["evidence"] for u, v, d in career.digraph.edges(data=True)}
    assert grades[("fx-principal", "fx-cpo")].grade == "stated"  # the handbook, beside the node's src:editorial
    assert grades[("fx-principal", "fx-cpo")].by == ("handbook",)
    assert grades[("fx-principal", "fx-cpo")].also == ("editorial",)
    assert grades[("fx-spm", "fx-gpm")].grade == "derived"  # handbook + rule: derived, not stated
    assert (grades[("fx-spm", "fx-gpm")].rules, grades[("fx-spm", "fx-gpm")].by) == (("fixture rule",), ("handbook",))
    assert grades[("fx-spm", "fx-gpm")].words == "derived: fixture rule (handbook)"
    assert grades[("fx-pm", "fx-spm")].grade == "editorial" and grades[("fx-pm", "fx-spm")].words == "editorial"
    assert career.source("https://w3id.org/pmgraph/source/fx-rule").rule


def _with(ladder_files, tmp_path, turtle):
    import pmgraph

    extra = tmp_path / "extra.ttl"
    extra.write_text("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
                     "@prefix dct: <http://purl.org/dc/terms/> .\n"
                     "@prefix pm: <https://w3id.org/pmgraph/ontology#> .\n"
                     "@prefix role: <https://w3id.org/pmgraph/role/> .\n"
                     "@prefix src: <https://w3id.org/pmgraph/source/> .\n" + turtle, encoding="utf-8")
    return pmgraph.load([*ladder_files, extra], bundled=False)


def test_fewer_editorial_steps_rank_before_a_shorter_path(ladder, ladder_files, tmp_path):
    # On the fixture, from fx-spm: spm->principal->cpo (2 steps, 1 editorial) beats
    # spm->gpm->director->cpo (3 steps, 1 editorial: director->cpo) by hops.
    assert shortest_path(ladder, "fx-spm", "fx-cpo").roles == ("fx-spm", "fx-principal", "fx-cpo")
    # Once the handbook states director->cpo, the management route has no editorial step and
    # ranks first although it is longer; the weight reported is still its hops.
    graph = _with(ladder_files, tmp_path, "[] a rdf:Statement ; rdf:subject role:fx-director ; "
                  "rdf:predicate pm:promotesTo ; rdf:object role:fx-cpo ; dct:source src:fx-handbook .\n")
    found = shortest_paths(graph, "fx-spm", "fx-cpo", k=2)
    assert [p.roles for p in found] == [("fx-spm", "fx-gpm", "fx-director", "fx-cpo"),
                                        ("fx-spm", "fx-principal", "fx-cpo")]
    assert [(p.weight, p.editorial_steps, p.derived_steps) for p in found] == [(3, 0, 1), (2, 1, 0)]
    assert found[0].to_dict()["evidence"] == {"stated": 2, "derived": 1, "editorial": 0}
    # max_steps must not stop the scan at the first too-long path: the 2-step route is found.
    assert shortest_path(graph, "fx-spm", "fx-cpo", max_steps=2).roles == ("fx-spm", "fx-principal", "fx-cpo")
    assert shortest_path(graph, "fx-spm", "fx-cpo", evidence="derived").hops == 3


def test_evidence_setting_filters_moves_and_rejects_unknown_values(ladder):
    assert [m.target for m in next_moves(ladder, "fx-spm", evidence="derived")] == ["fx-gpm"]
    assert [m.target for m in next_moves(ladder, "fx-spm", evidence="stated")] == []
    assert [m.target for m in next_moves(ladder, "fx-spm")] == ["fx-gpm", "fx-principal"]
    with pytest.raises(NoPathError, match="Fixture Senior PM -> Fixture Principal PM is editorial"):
        shortest_path(ladder, "fx-spm", "fx-cpo", evidence="derived")
    with pytest.raises(ValueError, match="Unknown evidence"):
        shortest_path(ladder, "fx-spm", "fx-cpo", evidence="strong")
