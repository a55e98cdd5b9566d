"""A seeded synthetic ladder of any size, for the large-graph browser test and benchmarks/bench_viz.py."""

from __future__ import annotations

import random
from pathlib import Path

import pmgraph
from pmgraph.resources import ontology_dir

PREFIXES = """@prefix pm: <https://w3id.org/pmgraph/ontology#> .
@prefix role: <https://w3id.org/pmgraph/role/> .
@prefix skill: <https://w3id.org/pmgraph/skill/> .
@prefix req: <https://w3id.org/pmgraph/requirement/> .
@prefix tr: <https://w3id.org/pmgraph/transition/> .
@prefix prof: <https://w3id.org/pmgraph/proficiency/> .
@prefix src: <https://w3id.org/pmgraph/source/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
"""
FUNCTIONS = ("ProductFunction", "DesignFunction", "EngineeringFunction", "MarketingFunction",
             "OperationsFunction", "GeneralManagementFunction")
PROFICIENCIES = ("awareness", "working", "practitioner", "expert", "authority")
LEVELS = 10


def synthetic_ladder(roles: int, seed: int) -> str:
    """Turtle for a ladder of ``roles`` roles over ten levels; the same seed gives the same text."""
    rng = random.Random(seed)
    out = [PREFIXES]
    for s in range(40):
        out.append(f'skill:sx-{s} a pm:Skill ; skos:prefLabel "Synthetic skill {s}"@en .')
    by_level: dict[int, list[str]] = {lvl: [] for lvl in range(1, LEVELS + 1)}
    function_of: dict[str, str] = {}
    for i in range(roles):
        level = min(LEVELS, 1 + int(rng.random() ** 1.6 * LEVELS))  # wider at the bottom
        rid = f"sx-{i}"
        by_level[level].append(rid)
        function = rng.choice(FUNCTIONS)
        function_of[rid] = function
        track = "Executive" if level >= 9 else ("PeopleManagement" if level >= 5 and rng.random() < 0.7
                                                 else "IndividualContributor")
        skills = rng.sample(range(40), 4)
        reqs = " , ".join(f"req:{rid}--{s}" for s in skills)
        out.append(f'role:{rid} a pm:Role ; skos:prefLabel "Synthetic role {i}"@en ; '
                   f'skos:definition "A synthetic role at level {level}."@en ; pm:level {level} ; '
                   f'pm:track pm:{track} ; pm:function pm:{function} ; pm:hasSkillRequirement {reqs} ; '
                   f'dct:source src:editorial .')
        for s in skills:
            out.append(f"req:{rid}--{s} a pm:SkillRequirement ; pm:skill skill:sx-{s} ; "
                       f"pm:proficiency prof:{PROFICIENCIES[min(4, level // 2)]} ; pm:importance pm:Essential .")
    for level in range(1, LEVELS + 1):
        above = by_level.get(level + 1) or []
        managers = [r for lvl in range(level + 1, min(LEVELS, level + 3) + 1) for r in by_level[lvl]]
        for rid in by_level[level]:
            if managers:
                out.append(f"role:{rid} pm:reportsTo role:{rng.choice(managers)} .")
            same = [r for r in above if function_of[r] == function_of[rid]] or above
            for target in sorted(set(rng.sample(same, min(len(same), rng.choice((1, 1, 2)))))):
                low = rng.choice((1, 2, 3))
                out.append(f"tr:{rid}--{target} a pm:Transition ; pm:fromRole role:{rid} ; pm:toRole role:{target} ; "
                           f"pm:transitionKind pm:PromotionWithinTrack ; pm:yearsMin {low} ; pm:yearsMax {low + 1} ; "
                           f"dct:source src:editorial .")
            if rng.random() < 0.1 and len(by_level[level]) > 1:
                target = rng.choice([r for r in by_level[level] if r != rid])
                out.append(f"tr:{rid}--{target} a pm:Transition ; pm:fromRole role:{rid} ; pm:toRole role:{target} ; "
                           f"pm:transitionKind pm:LateralMove ; pm:yearsMin 0.5 ; pm:yearsMax 1 ; dct:source src:editorial .")
    return "\n".join(out) + "\n"


def load_ladder(roles: int, seed: int, work: Path):
    path = work / f"ladder-{roles}.ttl"
    path.write_text(synthetic_ladder(roles, seed), encoding="utf-8")
    return pmgraph.load([ontology_dir() / "schema.ttl", path], bundled=False)
