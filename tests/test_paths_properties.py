"""Property-based tests on random ladders: paths are real, best first, and promotions go up."""

import itertools

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pmgraph.career.paths import WEIGHTS, shortest_paths
from pmgraph.career.projection import project
from pmgraph.errors import NoPathError
from pmgraph.loading.engines import new_graph, parse_into
from pmgraph.resources import ontology_dir

PREFIXES = """
@prefix pm: <https://w3id.org/pmgraph/ontology#> .
@prefix role: <https://w3id.org/pmgraph/role/> .
@prefix skill: <https://w3id.org/pmgraph/skill/> .
@prefix req: <https://w3id.org/pmgraph/requirement/> .
@prefix tr: <https://w3id.org/pmgraph/transition/> .
@prefix prof: <https://w3id.org/pmgraph/proficiency/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
PROFICIENCIES = ["awareness", "working", "practitioner", "expert", "authority"]
TRACKS = ["pm:IndividualContributor", "pm:PeopleManagement"]
SKILLS = ["s0", "s1", "s2"]


@st.composite
def ladders(draw):
    n = draw(st.integers(min_value=2, max_value=7))
    levels = [draw(st.integers(min_value=1, max_value=4)) for _ in range(n)]
    tracks = [draw(st.sampled_from(TRACKS)) for _ in range(n)]
    pairs = [(u, v) for u, v in itertools.permutations(range(n), 2) if levels[u] <= levels[v]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=14)) if pairs else []
    edges = []
    for u, v in chosen:
        low = draw(st.integers(min_value=0, max_value=4))
        high = low + draw(st.integers(min_value=0, max_value=3))
        kind = "pm:LateralMove" if levels[u] == levels[v] else "pm:PromotionWithinTrack"
        edges.append((u, v, kind, low, high))
    reqs = {r: draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 5), max_size=3)) for r in range(n)}
    return levels, tracks, edges, reqs


def build(ladder):
    levels, tracks, edges, reqs = ladder
    lines = [PREFIXES]
    for s in SKILLS:
        lines.append(f'skill:{s} a pm:Skill ; skos:prefLabel "Skill {s}"@en .')
    for r, (level, track) in enumerate(zip(levels, tracks)):
        lines.append(f'role:r{r} a pm:Role ; skos:prefLabel "Role {r}"@en ; pm:level {level} ; pm:track {track} .')
        for s, rank in reqs[r].items():
            lines.append(f"role:r{r} pm:hasSkillRequirement req:r{r}-{s} . "
                         f"req:r{r}-{s} pm:skill skill:{s} ; pm:proficiency prof:{PROFICIENCIES[rank - 1]} .")
    for u, v, kind, low, high in edges:
        lines.append(f"tr:r{u}-r{v} a pm:Transition ; pm:fromRole role:r{u} ; pm:toRole role:r{v} ; "
                     f"pm:transitionKind {kind} ; pm:yearsMin {low}.0 ; pm:yearsMax {high}.0 .")
    graph = new_graph()
    parse_into(graph, ontology_dir() / "schema.ttl")
    graph.parse(data="\n".join(lines), format="ox-turtle")
    return graph


ATTRIBUTE = {"hops": "hops", "years": "years_mid", "effort": "effort"}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cost(digraph, path, by):
    return sum(digraph.edges[u, v][ATTRIBUTE[by]] for u, v in zip(path, path[1:]))


def brute_force(digraph, s, t, by, *, lateral=True, max_steps=None):
    allowed = digraph if lateral else nx.subgraph_view(
        digraph, filter_edge=lambda u, v: digraph.edges[u, v]["kind"] != "lateral move")
    paths = nx.all_simple_paths(allowed, s, t) if s != t else [[s]]
    return sorted(cost(digraph, p, by) for p in paths if max_steps is None or len(p) - 1 <= max_steps)


@SETTINGS
@given(ladder=ladders(), by=st.sampled_from(WEIGHTS), k=st.integers(1, 4), lateral=st.booleans(),
       max_steps=st.none() | st.integers(1, 4), ends=st.tuples(st.integers(0, 6), st.integers(0, 6)))
def test_paths_are_real_and_best_first(ladder, by, k, lateral, max_steps, ends):
    n = len(ladder[0])
    s, t = f"r{ends[0] % n}", f"r{ends[1] % n}"
    graph = build(ladder)
    digraph = project(graph).digraph
    expected = brute_force(digraph, s, t, by, lateral=lateral, max_steps=max_steps)
    try:
        paths = shortest_paths(graph, s, t, k=k, by=by, lateral=lateral, max_steps=max_steps)
    except NoPathError:
        assert expected == []
        return
    assert paths, "an empty result must be a NoPathError"
    for path in paths:
        assert path.roles[0] == s and path.roles[-1] == t
        assert len(set(path.roles)) == len(path.roles)  # simple
        assert all(digraph.has_edge(u, v) for u, v in zip(path.roles, path.roles[1:]))
        assert path.weight == pytest.approx(cost(digraph, path.roles, by))
        if max_steps is not None:
            assert path.hops <= max_steps
        if not lateral:
            assert all(step.kind != "lateral move" for step in path.steps)
    # No alternative is cheaper: the k returned are the k cheapest simple paths, in order.
    assert [p.weight for p in paths] == pytest.approx(expected[: len(paths)])
    assert len(paths) == min(k, len(expected))
    assert len({p.roles for p in paths}) == len(paths)


@SETTINGS
@given(ladder=ladders(), by=st.sampled_from(WEIGHTS), ends=st.tuples(st.integers(0, 6), st.integers(0, 6)))
def test_promotions_only_never_go_down(ladder, by, ends):
    n = len(ladder[0])
    s, t = f"r{ends[0] % n}", f"r{ends[1] % n}"
    graph = build(ladder)
    career = project(graph)
    try:
        paths = shortest_paths(graph, s, t, k=3, by=by, lateral=False)
    except NoPathError as error:
        assert str(error)
        return
    for path in paths:
        levels = [career.roles[r].level for r in path.roles]
        assert all(a < b for a, b in zip(levels, levels[1:]))


@SETTINGS
@given(ladder=ladders(), ends=st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6)))
def test_via_paths_pass_through_via(ladder, ends):
    n = len(ladder[0])
    s, v, t = (f"r{e % n}" for e in ends)
    graph = build(ladder)
    digraph = project(graph).digraph
    try:
        paths = shortest_paths(graph, s, t, k=3, via=v)
    except NoPathError:
        simple = [] if s == t else [p for p in nx.all_simple_paths(digraph, s, t) if v in p]
        assert simple == []
        return
    for path in paths:
        assert v in path.roles or s == t
        assert all(digraph.has_edge(a, b) for a, b in zip(path.roles, path.roles[1:]))
    if s != t:
        expected = sorted(len(p) - 1 for p in nx.all_simple_paths(digraph, s, t) if v in p)
        assert [p.hops for p in paths] == expected[: len(paths)]


def keeps_track(career, roles, track):
    """The documented --track rule, written out independently of the implementation."""
    home = career.roles[roles[0]].track
    middle = [career.roles[r].track for r in roles[1:-1]]
    if home == track:
        return all(t == track for t in middle)
    if not middle or middle[-1] != track or any(t not in (home, track) for t in middle):
        return False
    first = middle.index(track)
    return all(t == track for t in middle[first:])


@SETTINGS
@given(ladder=ladders(), by=st.sampled_from(WEIGHTS), k=st.integers(1, 3),
       avoid=st.sets(st.integers(0, 6), max_size=2),
       track=st.sampled_from(["individual contributor", "people management"]),
       ends=st.tuples(st.integers(0, 6), st.integers(0, 6)))
def test_avoid_and_track_are_respected_and_paths_are_cheapest(ladder, by, k, avoid, track, ends):
    n = len(ladder[0])
    s, t = f"r{ends[0] % n}", f"r{ends[1] % n}"
    avoided = {f"r{a % n}" for a in avoid} - {s, t}
    graph = build(ladder)
    career = project(graph)
    digraph = career.digraph
    allowed = [] if s == t else [
        p for p in nx.all_simple_paths(digraph, s, t)
        if not avoided & set(p) and keeps_track(career, p, track)
    ]
    expected = sorted(cost(digraph, p, by) for p in allowed)
    if s == t:
        return
    try:
        paths = shortest_paths(graph, s, t, k=k, by=by, avoid=sorted(avoided), track=track)
    except NoPathError:
        assert expected == []
        return
    for path in paths:
        assert not avoided & set(path.roles)
        assert keeps_track(career, path.roles, track)
    assert [p.weight for p in paths] == pytest.approx(expected[: len(paths)])
    assert len(paths) == min(k, len(expected))
