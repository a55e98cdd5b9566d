"""Content coherence of the bundled ontology: ladders read sensibly in `pmgraph delta` and `path --by effort`.

The rules (editorial, not from the source document):

1. A promotion (within a track, IC to management, into the executive team) gains at most
   ``MAX_GAINED`` new skills, levels no skill up by more than ``MAX_STEP`` proficiency steps and
   costs at most ``MAX_PROMOTION_EFFORT`` steps in all. Execution skills may level down or drop
   (delegated), and some promotions do show that.
2. A lateral move costs at most ``MAX_LATERAL_EFFORT`` steps.
3. Same-level sibling roles joined by a lateral move (same track and function) need similar skills.
4. Every role has at least 6 requirements and 3 responsibilities, and at most ``MAX_REQUIREMENTS``
   requirements unless listed in ``LARGE_ROLES`` (the source lists 21 skills for head of product,
   and by rule 1 the roles that move into it must already hold all but five of them).
5. Responsibilities carry over along promotions within a function; the principal PM keeps owning a
   roadmap.
"""

from __future__ import annotations

import pytest

import pmgraph
from pmgraph.career.projection import project
from pmgraph.career.skills import skill_delta

MAX_GAINED = 5
MAX_STEP = 2
MAX_PROMOTION_EFFORT = 20
MAX_LATERAL_EFFORT = 15
MAX_REQUIREMENTS = 17  # "about 16"
#: Roles allowed more requirements, and why.
LARGE_ROLES = {
    "head-of-product": (26, "the source states 21 of its skills"),
    "vice-president-of-product": (24, "same-level sibling of head of product (rule 3)"),
    "senior-director-of-product": (25, "promotes to head of product: holds all but 5 of its skills"),
    "director-of-product": (23, "promotes to head of product: holds all but 5 of its skills"),
    "distinguished-product-manager": (24, "promotes to head of product: holds all but 5 of its skills"),
    "product-portfolio-manager": (21, "lateral sibling of director of product (rule 3)"),
    "principal-product-manager": (20, "moves to director of product: holds all but 5 of its skills"),
    "group-product-manager": (19, "promotes to director of product: holds all but 5 of its skills"),
}
SIBLING_MIN_JACCARD = 0.6
HEAD_VP_MIN_JACCARD = 0.7
#: The IC execution skills the source gives head of product, which the roles below it need too.
HEAD_EXECUTION_SKILLS = ("technical-fluency", "requirements-definition", "feature-prioritisation")
HEAD = "head-of-product"

GRAPH = pmgraph.load()
CAREER = project(GRAPH)
PROMOTIONS = sorted((u, v) for u, v, kind in CAREER.digraph.edges(data="kind") if kind != "lateral move")
LATERALS = sorted((u, v) for u, v, kind in CAREER.digraph.edges(data="kind") if kind == "lateral move")


def _id(pair):
    return f"{pair[0]}->{pair[1]}"


def _changes(delta, kind):
    return [c for c in delta.skills if c.change == kind]


def _describe(changes):
    return ", ".join(f"{c.skill} ({c.from_rank}->{c.to_rank})" for c in changes)


def _skills(role):
    return set(CAREER.requirements.get(role, {}))


@pytest.mark.parametrize("move", PROMOTIONS, ids=_id)
def test_promotion_is_a_step_not_a_leap(move):
    delta = skill_delta(GRAPH, *move)
    gained = _changes(delta, "gained")
    assert len(gained) <= MAX_GAINED, (
        f"{_id(move)} gains {len(gained)} skills (max {MAX_GAINED}): {_describe(gained)}; "
        "the from-role should already need most of them")
    leaps = [c for c in _changes(delta, "levelled up") if c.steps > MAX_STEP]
    assert not leaps, f"{_id(move)} levels up by more than {MAX_STEP} steps: {_describe(leaps)}"
    assert delta.effort <= MAX_PROMOTION_EFFORT, (
        f"{_id(move)} costs {delta.effort} proficiency steps (max {MAX_PROMOTION_EFFORT}): "
        f"gained {_describe(gained)}; levelled up {_describe(_changes(delta, 'levelled up'))}")


def test_some_promotions_delegate_skills():
    deltas = [skill_delta(GRAPH, *move) for move in PROMOTIONS]
    down = [d for d in deltas if _changes(d, "levelled down")]
    dropped = [d for d in deltas if _changes(d, "no longer required")]
    assert len(down) >= 5, "few promotions level an execution skill down"
    assert len(dropped) >= 5, "few promotions stop requiring a skill"


@pytest.mark.parametrize("move", LATERALS, ids=_id)
def test_lateral_move_is_small(move):
    delta = skill_delta(GRAPH, *move)
    assert delta.effort <= MAX_LATERAL_EFFORT, (
        f"{_id(move)} costs {delta.effort} proficiency steps (max {MAX_LATERAL_EFFORT}): "
        f"gained {_describe(_changes(delta, 'gained'))}; levelled up {_describe(_changes(delta, 'levelled up'))}")


def test_lateral_years_are_short_and_symmetric():
    for u, v in LATERALS:
        edge = CAREER.digraph.edges[u, v]
        assert edge["years_max"] <= 4, f"{_id((u, v))}: {edge['years_min']}-{edge['years_max']} years is long for a lateral move"
        if CAREER.digraph.has_edge(v, u):
            back = CAREER.digraph.edges[v, u]
            assert (edge["years_min"], edge["years_max"]) == (back["years_min"], back["years_max"]), (
                f"{_id((u, v))} and back have different years")


SIBLINGS = sorted({tuple(sorted(m)) for m in LATERALS
                   if all(getattr(CAREER.roles[m[0]], a) == getattr(CAREER.roles[m[1]], a)
                          for a in ("level", "track", "function"))})


@pytest.mark.parametrize("pair", SIBLINGS, ids=_id)
def test_siblings_need_similar_skills(pair):
    a, b = (_skills(r) for r in pair)
    jaccard = len(a & b) / len(a | b)
    floor = HEAD_VP_MIN_JACCARD if HEAD in pair else SIBLING_MIN_JACCARD
    assert jaccard >= floor, (
        f"{_id(pair)}: skill overlap {jaccard:.2f} < {floor}; only {pair[0]}: {sorted(a - b)}, only {pair[1]}: {sorted(b - a)}")


def test_head_and_vp_of_product_are_siblings():
    assert ("head-of-product", "vice-president-of-product") in SIBLINGS


@pytest.mark.parametrize("role", sorted(CAREER.roles))
def test_role_size(role):
    n = len(CAREER.requirements.get(role, {}))
    assert n >= 6, f"{role} requires only {n} skills"
    assert len(CAREER.responsibilities.get(role, {})) >= 3, f"{role} has fewer than 3 responsibilities"
    cap, why = LARGE_ROLES.get(role, (MAX_REQUIREMENTS, "default"))
    assert n <= cap, f"{role} requires {n} skills (max {cap}: {why})"


def test_large_roles_are_really_large():
    for role, (cap, _why) in LARGE_ROLES.items():
        assert len(CAREER.requirements[role]) > MAX_REQUIREMENTS, f"{role} no longer needs an allowance"


@pytest.mark.parametrize("source", sorted(u for u, v in PROMOTIONS if v == HEAD))
def test_roles_below_head_need_its_execution_skills(source):
    head, below = CAREER.requirements[HEAD], CAREER.requirements[source]
    for skill in HEAD_EXECUTION_SKILLS:
        assert skill in below, f"{source} promotes to head of product but does not require {skill}"
        assert below[skill].rank >= head[skill].rank, (
            f"{source} needs {skill} at {below[skill].proficiency}, below head of product's {head[skill].proficiency}")


@pytest.mark.parametrize("move", [m for m in PROMOTIONS if CAREER.roles[m[0]].function == CAREER.roles[m[1]].function], ids=_id)
def test_promotion_keeps_some_responsibility(move):
    delta = skill_delta(GRAPH, *move)
    assert any(r.change == "kept" for r in delta.responsibilities), f"{_id(move)} keeps no responsibility"


def test_roadmap_ownership_runs_up_the_product_ic_track():
    roadmap = "https://w3id.org/pmgraph/responsibility/owning-product-roadmap"
    for role in ("product-manager", "senior-product-manager", "principal-product-manager"):
        assert roadmap in CAREER.responsibilities[role], f"{role} does not own a product roadmap"


def test_executive_moves_within_the_executive_track_are_promotions():
    for u, v in PROMOTIONS:
        if CAREER.roles[u].track == CAREER.roles[v].track == "executive":
            assert CAREER.digraph.edges[u, v]["kind"] == "promotion", f"{_id((u, v))} should be a promotion within the track"
