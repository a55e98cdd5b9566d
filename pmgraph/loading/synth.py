"""A seeded synthetic career graph in pmgraph's ontology, for benchmarks and scale tests.

CLI twin: ``pmgraph synth --triples N -o FILE``.

The organisation is a number of business units. Each unit has, for each of five functions, an
individual-contributor ladder (levels 1-6) and a management ladder (levels 4-9); IC level 3 moves
into management level 4; IC level 2 roles move laterally between product and marketing; level-5
managers move laterally to the next unit; each function's level-9 managers step into its
executive role (level 10), and the executives report to the CEO (level 11). Every role has six
skill requirements drawn with a seeded random generator, two responsibilities, a reporting line
and sources, so the output validates like the bundled ontology. About 100 triples per role.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from os import PathLike

from ..defaults import SYNTH_SEED

__all__ = ["synthesize", "write_synthetic", "TRIPLES_PER_UNIT"]

FUNCTIONS = ("product", "marketing", "design", "engineering", "operations")
FUNCTION_TERMS = {
    "product": "pm:ProductFunction",
    "marketing": "pm:MarketingFunction",
    "design": "pm:DesignFunction",
    "engineering": "pm:EngineeringFunction",
    "operations": "pm:OperationsFunction",
}
IC_LEVELS = range(1, 7)
MANAGER_LEVELS = range(4, 10)
SKILLS = 240
CATEGORIES = 8
RESPONSIBILITIES = 120
PROFICIENCY = ("awareness", "working", "practitioner", "expert", "authority")

#: Triples one business unit adds (measured; the executives, skills and responsibilities add about 1,700 more).
TRIPLES_PER_UNIT = 4_676

PREFIXES = """\
@prefix pm: <https://w3id.org/pmgraph/ontology#> .
@prefix scheme: <https://w3id.org/pmgraph/scheme/> .
@prefix prof: <https://w3id.org/pmgraph/proficiency/> .
@prefix src: <https://w3id.org/pmgraph/source/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix s: <https://w3id.org/pmgraph/synthetic/> .
"""


def _role_id(unit: int, function: str, track: str, level: int) -> str:
    return f"u{unit}-{function}-{track}-{level}"


def synthesize(*, units: int, seed: int = SYNTH_SEED) -> Iterator[str]:
    """Yield the Turtle text of a synthetic organisation of ``units`` business units.

    The same ``units`` and ``seed`` always give the same text.

    Examples
    --------
    >>> text = "".join(synthesize(units=1, seed=7))
    >>> text.count(" a pm:Role ")
    66
    """
    rng = random.Random(seed)
    yield PREFIXES
    yield ('\ns:synthetic-source a pm:SourceDocument ; dct:title "pmgraph synthetic generator"@en ; '
           'pm:sourceFile "synthetic" .\n')
    for c in range(CATEGORIES):
        yield f's:cat-{c} a pm:SkillCategory ; skos:inScheme scheme:skills ; skos:prefLabel "Category {c}"@en .\n'
    for k in range(SKILLS):
        yield (f's:skill-{k} a pm:Skill ; skos:inScheme scheme:skills ; skos:prefLabel "Skill {k}"@en ; '
               f"skos:broader s:cat-{k % CATEGORIES} .\n")
    for k in range(RESPONSIBILITIES):
        yield (f's:resp-{k} a pm:Responsibility ; skos:inScheme scheme:responsibilities ; '
               f'skos:prefLabel "Responsibility {k}"@en .\n')

    def role(rid: str, label: str, level: int, track: str, function: str, manager: str | None) -> Iterator[str]:
        skills = sorted(rng.sample(range(SKILLS), 6))
        duties = sorted(rng.sample(range(RESPONSIBILITIES), 2))
        rank = min(5, 1 + level // 2)
        lines = [
            f"s:{rid} a pm:Role , schema:Occupation ; skos:inScheme scheme:roles ;",
            f'    skos:prefLabel "{label}"@en ; skos:definition "Synthetic role {label}."@en ;',
            f"    pm:level {level} ; pm:track {track} ; "
            f"pm:function {FUNCTION_TERMS.get(function, 'pm:GeneralManagementFunction')} ;",
        ]
        if manager:
            lines.append(f"    pm:reportsTo s:{manager} ;")
        lines.append("    pm:hasResponsibility " + " , ".join(f"s:resp-{d}" for d in duties) + " ;")
        lines.append("    pm:hasSkillRequirement " + " , ".join(f"s:req-{rid}--{k}" for k in skills) + " ;")
        lines.append("    pm:requiresSkill " + " , ".join(f"s:skill-{k}" for k in skills) + " ;")
        lines.append("    dct:source s:synthetic-source .")
        for k in skills:
            proficiency = PROFICIENCY[max(0, min(4, rank - 1 + rng.randint(-1, 1)))]
            importance = "pm:Essential" if rng.random() < 0.7 else "pm:Optional"
            lines.append(f"s:req-{rid}--{k} a pm:SkillRequirement ; pm:skill s:skill-{k} ; "
                         f"pm:proficiency prof:{proficiency} ; pm:importance {importance} ; "
                         "dct:source s:synthetic-source .")
        if manager:
            lines.append(_statement(rid, "reportsTo", f"s:{manager}", manager))
        for d in duties:
            lines.append(_statement(rid, "hasResponsibility", f"s:resp-{d}", f"resp-{d}"))
        yield "\n".join(lines) + "\n"

    def transition(source: str, target: str, kind: str, low: float, high: float) -> str:
        shortcut = "pm:lateralMoveTo" if kind == "pm:LateralMove" else "pm:promotesTo"
        return (f"s:tr-{source}--{target} a pm:Transition ; pm:fromRole s:{source} ; pm:toRole s:{target} ; "
                f"pm:transitionKind {kind} ; pm:yearsMin {low:.1f} ; pm:yearsMax {high:.1f} ; "
                f"dct:source s:synthetic-source .\ns:{source} {shortcut} s:{target} .\n")

    yield from role("ceo", "Synthetic CEO", 11, "pm:Executive", "general", None)
    for function in FUNCTIONS:
        yield from role(f"chief-{function}", f"Chief {function} officer", 10, "pm:Executive", function, "ceo")
    yield transition("chief-product", "ceo", "pm:IntoExecutive", 3.0, 6.0)
    for unit in range(units):
        for function in FUNCTIONS:
            for level in IC_LEVELS:
                rid = _role_id(unit, function, "ic", level)
                manager = _role_id(unit, function, "mgr", max(4, level + 1))
                yield from role(rid, f"Unit {unit} {function} IC {level}", level, "pm:IndividualContributor", function,
                                manager)
                if level > 1:
                    years = rng.choice(((1.0, 2.0), (1.5, 3.0), (2.0, 4.0)))
                    yield transition(_role_id(unit, function, "ic", level - 1), rid, "pm:PromotionWithinTrack", *years)
            for level in MANAGER_LEVELS:
                rid = _role_id(unit, function, "mgr", level)
                manager = _role_id(unit, function, "mgr", level + 1) if level < 9 else f"chief-{function}"
                yield from role(rid, f"Unit {unit} {function} manager {level}", level, "pm:PeopleManagement", function,
                                manager)
                if level > 4:
                    years = rng.choice(((2.0, 3.0), (2.0, 4.0), (3.0, 5.0)))
                    yield transition(_role_id(unit, function, "mgr", level - 1), rid, "pm:PromotionWithinTrack", *years)
            yield transition(_role_id(unit, function, "ic", 3), _role_id(unit, function, "mgr", 4), "pm:ICToManagement",
                             2.0, 4.0)
            yield transition(_role_id(unit, function, "mgr", 9), f"chief-{function}", "pm:IntoExecutive", 3.0, 5.0)
            if unit + 1 < units:
                yield transition(_role_id(unit, function, "mgr", 5), _role_id(unit + 1, function, "mgr", 5),
                                 "pm:LateralMove", 0.5, 1.0)
        for a, b in (("product", "marketing"), ("marketing", "product")):
            yield transition(_role_id(unit, a, "ic", 2), _role_id(unit, b, "ic", 2), "pm:LateralMove", 0.5, 1.5)


def _statement(subject: str, predicate: str, obj: str, obj_id: str) -> str:
    return (f"s:stmt-{subject}--{predicate}--{obj_id} a rdf:Statement ; rdf:subject s:{subject} ; "
            f"rdf:predicate pm:{predicate} ; rdf:object {obj} ; dct:source s:synthetic-source .")


def write_synthetic(path: str | PathLike[str], *, triples: int, seed: int = SYNTH_SEED) -> int:
    """Write a synthetic organisation of about ``triples`` triples to ``path``; return the units used.

    The file is written to a temporary name beside ``path`` and renamed into place.
    """
    from ..files import write_atomically

    units = max(1, round(triples / TRIPLES_PER_UNIT))
    write_atomically(path, synthesize(units=units, seed=seed))
    return units
