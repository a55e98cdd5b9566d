"""Round trip: import a ladder, validate it, then ask path and delta questions of it.

Every expected answer is worked out by hand from the fixture files, in the comments.
"""

from pathlib import Path

import pytest

import pmgraph
from pmgraph import shortest_path, shortest_paths, skill_delta  # the curated API: names, resolved
from pmgraph.ladders.rdf import import_ladder, write_turtle

ROOT = Path(__file__).resolve().parents[1]
MONZO = ROOT / "tests" / "data" / "monzo"


@pytest.fixture(scope="module")
def imported(tmp_path_factory, bundled):
    """The bundled ontology plus Monzo product (plain) and marketing (aligned), years 1-2."""
    folder = tmp_path_factory.mktemp("monzo")
    product = write_turtle(import_ladder(MONZO / "product.md", years=(1, 2)), folder / "product.ttl")
    marketing = write_turtle(import_ladder(MONZO / "marketing.md", years=(1, 2), align=True, against=bundled),
                             folder / "marketing.ttl")
    graph = pmgraph.load([product, marketing])
    report = pmgraph.validate(graph)
    assert report.conforms, [str(v) for v in report.errors]
    return graph


def test_product_path_level_1_to_4(imported):
    # product.md has levels 1..4 chained by promotion: 3 steps, each 1-2 years -> 3-6 years.
    # Effort: each step raises all 7 topics by one proficiency rank -> 7 per step, 21 in all.
    path = shortest_path(imported, "Product level 1", "Product level 4", by="years")
    assert path.labels == ("Product level 1", "Product level 2", "Product level 3", "Product level 4")
    assert (path.years_min, path.years_max, path.hops, path.effort) == (3, 6, 3, 21)


def test_product_delta_level_1_to_3(imported):
    # Level 1 needs every topic at awareness (rank 1), level 3 at practitioner (rank 3):
    # all 7 topics levelled up by 2 -> effort 14; the 7 topic responsibilities are kept.
    delta = skill_delta(imported, "Product level 1", "Product level 3")
    assert set(delta.by_change()) == {"levelled up"}
    assert sorted(c.label for c in delta.skills) == [
        "Communication and Feedback", "Data Skills", "Domain Knowledge", "Execution", "Problem solving",
        "User-centricity", "Works Through Others"]
    assert {(c.from_proficiency, c.to_proficiency, c.steps) for c in delta.skills} == {("awareness", "practitioner", 2)}
    assert delta.effort == 14
    assert {c.change for c in delta.responsibilities} == {"kept"} and len(delta.responsibilities) == 7


def test_marketing_top_levels_share_the_capped_proficiency(imported):
    # marketing.md has 7 levels but the scale 5 steps: levels 5, 6 and 7 all need authority,
    # so 5 -> 7 changes no skill (effort 0) and 4 -> 5 raises each of the 3 topics by one.
    assert skill_delta(imported, "Marketing level 5", "Marketing level 7").effort == 0
    assert set(skill_delta(imported, "Marketing level 5", "Marketing level 7").by_change()) == {"unchanged"}
    assert skill_delta(imported, "Marketing level 4", "Marketing level 5").effort == 3


def test_marketing_path_crosses_into_the_bundled_ladder(imported):
    # Aligned (same level, marketing function): level 1 ~ Marketing Specialist, 2 ~ Product
    # Marketing Manager, 3 ~ Senior PMM, 5 ~ Director of Product Marketing, 7 ~ VP of Marketing.
    # To reach the bundled Chief Marketing Officer (level 8, only from VP of Marketing):
    #   via level 7: 6 promotions + 1 crossing + 1 = 8 steps; via level 5: 4 + 1 + 2 = 7;
    #   via 3: 2 + 1 + 3 = 6; via 2: 1 + 1 + 4 = 6; via 1: 0 + 1 + 5 = 6  -> 6 steps, one crossing.
    # Every path needs an editorial step (the crossing, VP -> CMO): no sourced path ranks first, so
    # the fewest steps win, whatever the count of editorial ones.
    found = shortest_paths(imported, "Marketing level 1", "Chief Marketing Officer", by="hops", k=3)
    assert [p.hops for p in found] == [6, 6, 6] and all(p.editorial_steps for p in found)
    path = found[0]
    assert path.labels[-2:] == ("Vice President of Marketing", "Chief Marketing Officer")
    crossings = [s for s in path.steps if s.kind == "lateral move"]
    # A crossing is one rung seen in two ladders, not a career move: no source states years for it.
    assert len(crossings) == 1 and (crossings[0].years_min, crossings[0].years_max) == (None, None)


def test_unaligned_product_ladder_stays_apart(imported):
    # product.ttl was imported without --align: no transition leads out of it.
    with pytest.raises(pmgraph.NoPathError):
        shortest_path(imported, "Product level 4", "Chief Product Officer")
