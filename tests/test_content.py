"""The reference ladder's knowledge traced to its sources: requirements derived from the frameworks
through the crosswalk (tools/frameworks/requirements.py), checked against the graph and,
for a sample, against the DDaT original read independently of the converter.

No coherence rule is imposed on the derived levels: a ladder reads as the frameworks state it.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
import rdflib
from rdflib import RDF, RDFS, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

import pmgraph
from pmgraph.career.projection import project
from pmgraph.resources import framework_files, ontology_files

from .test_framework_ddat import owl

PM = Namespace("https://w3id.org/pmgraph/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ROLE = Namespace("https://w3id.org/pmgraph/role/")
SKILL = Namespace("https://w3id.org/pmgraph/skill/")
PROF = Namespace("https://w3id.org/pmgraph/proficiency/")
EDITORIAL = URIRef("https://w3id.org/pmgraph/source/editorial")
ARTICLE = URIRef("https://w3id.org/pmgraph/source/doc-7aac459293c912b7")
FRAMEWORK = "https://w3id.org/pmgraph/framework/"
CARRY = URIRef("https://w3id.org/pmgraph/source/rule-carry-forward")
LINK_RULES = {URIRef(f"https://w3id.org/pmgraph/source/crosswalk-{k}") for k in ("close", "broad", "narrow")}


@lru_cache(maxsize=2)
def graph(with_frameworks: bool = False) -> rdflib.Graph:
    g = rdflib.Graph()
    for path in ontology_files() + (framework_files() if with_frameworks else []):
        g.parse(path, format="turtle")
    return g


def statements(g: rdflib.Graph, s, p, o=None) -> list[URIRef]:
    return [st for st in g.subjects(RDF.subject, s) if (st, RDF.predicate, p) in g
            and (o is None or (st, RDF.object, o) in g)]


def reference_requirements(g: rdflib.Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    """(role, skill, requirement node) of the reference ladder."""
    return [(role, g.value(q, PM.skill), q) for role, q in g.subject_objects(PM.hasSkillRequirement)
            if not str(role).startswith(FRAMEWORK)]


def test_at_least_80_percent_of_requirements_trace_to_a_framework_or_the_article():
    g = graph()
    found = reference_requirements(g)
    traced = [1 for role, skill, _ in found
              if any(s != EDITORIAL for st in statements(g, role, PM.requiresSkill, skill)
                     for s in g.objects(st, DCTERMS.source))]
    assert len(found) >= 150
    assert len(traced) / len(found) >= 0.8


def test_every_editorial_requirement_gives_a_reason():
    g = graph()
    for role, skill, _ in reference_requirements(g):
        for st in statements(g, role, PM.requiresSkill, skill):
            if EDITORIAL in set(g.objects(st, DCTERMS.source)):
                assert "editorial: " in str(g.value(st, RDFS.comment)), (role, skill)


def test_no_importance_no_source_states_one():
    g = graph()
    assert not [q for _, _, q in reference_requirements(g) if (q, PM.importance, None) in g]


def test_every_proficiency_is_stated_or_an_estimate():
    """A framework-stated level is derived from framework requirements giving exactly that level
    and cites their pages and the crosswalk rule of the link it passed through; a level carried up
    a promotion cites the carry-forward rule alone and is derived from the lower role's statement of
    the same level; anything else is cited to src:editorial alone, marked "estimate"."""
    g = graph(with_frameworks=True)
    for role, skill, q in reference_requirements(g):
        level = g.value(q, PM.proficiency)
        found = statements(g, q, PM.proficiency, level)
        assert found, (role, skill)
        for st in found:
            cited = set(g.objects(st, DCTERMS.source))
            derived = list(g.objects(st, PROV.wasDerivedFrom))
            if cited == {EDITORIAL}:
                assert str(g.value(st, RDFS.comment)) == "estimate" and not derived, (role, skill)
                continue
            assert derived, (role, skill)
            if CARRY in cited:
                assert cited == {CARRY}, (role, skill)
                for lower in derived:
                    assert g.value(lower, RDF.object) == level, (role, skill, lower)
                    lower_role = g.value(None, PM.hasSkillRequirement, g.value(lower, RDF.subject))
                    assert (lower_role, PM.promotesTo, role) in g, (role, skill, lower_role)
                continue
            assert len(cited & LINK_RULES) == 1, (role, skill, cited)
            for framework_requirement in derived:
                assert (framework_requirement, PM.proficiency, level) in g, (role, skill, framework_requirement)
                (fst,) = statements(g, framework_requirement, PM.proficiency, level)
                assert set(g.objects(fst, DCTERMS.source)) <= cited  # no page cited that does not state it


def test_every_requirement_statement_names_what_supports_it():
    """One statement per group of sources: per crosswalk link kind (citing that link's rule), the
    article, a framework page read directly, an editorial reason, or the carry-forward rule."""
    g = graph(with_frameworks=True)
    links = (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)
    for role, skill, _ in reference_requirements(g):
        found = statements(g, role, PM.requiresSkill, skill)
        assert found, (role, skill)
        for st in found:
            _check_requirement_statement(g, role, skill, st, links)


def _check_requirement_statement(g, role, skill, st, links):
    cited = set(g.objects(st, DCTERMS.source))
    name = str(st).rsplit("/", 1)[1].rsplit("-", 1)[0]
    if CARRY in cited:
        assert cited == {CARRY} and name == "requirement-carried", st
        assert str(g.value(st, RDFS.comment)).startswith("carried from "), st
        return
    if name in ("requirement-close", "requirement-broad", "requirement-narrow"):
        assert URIRef(f"https://w3id.org/pmgraph/source/crosswalk-{name.rsplit('-', 1)[1]}") in cited, st
    for framework_requirement in g.objects(st, PROV.wasDerivedFrom):
        framework_role = g.value(None, PM.hasSkillRequirement, framework_requirement)
        framework_skill = g.value(framework_requirement, PM.skill)
        # the framework role stands for the reference role, its skill for the reference skill
        assert any((role, link, framework_role) in g for link in links)
        assert any((skill, link, framework_skill) in g for link in links)
        (fst,) = statements(g, framework_role, PM.requiresSkill, framework_skill)
        assert set(g.objects(fst, DCTERMS.source)) <= cited
    if ARTICLE in cited:
        assert cited == {ARTICLE} and "the article: " in str(g.value(st, RDFS.comment))


RANK = {PROF[k]: i for i, k in enumerate(("awareness", "working", "practitioner", "expert", "authority"))}


def _levels(g, role):
    return {g.value(q, PM.skill): RANK[g.value(q, PM.proficiency)] for q in g.objects(role, PM.hasSkillRequirement)}


def test_nothing_is_dropped_or_levelled_down_on_a_promotion_within_a_function():
    """The carry-forward rule: along each promotion between roles of one function, every skill
    of the role below is required above at least at its level (the NOT_CARRIED rows aside)."""
    from tools.frameworks.requirements import NOT_CARRIED

    g = graph()
    exempt = {(ROLE[a], ROLE[b], SKILL[k]) for a, b, k, _ in NOT_CARRIED}
    checked = 0
    for lower, upper in g.subject_objects(PM.promotesTo):
        if str(lower).startswith(FRAMEWORK) or g.value(lower, PM.function) != g.value(upper, PM.function):
            continue
        below, above = _levels(g, lower), _levels(g, upper)
        for skill, rank in below.items():
            if (lower, upper, skill) in exempt:
                continue
            assert skill in above and above[skill] >= rank, (lower, upper, skill)
            checked += 1
    assert checked > 300


@pytest.mark.parametrize("lower, upper", [("senior-product-manager", "group-product-manager"),
                                          ("group-product-manager", "director-of-product")])
def test_the_issue_s_people_skills_carry_up_the_management_ladder(lower, upper):
    g = graph()
    above = _levels(g, ROLE[upper])
    for skill in ("coaching-and-mentoring", "stakeholder-management", "communication", "inclusive-leadership"):
        assert SKILL[skill] in above, (upper, skill)
    if lower == "group-product-manager":
        assert SKILL["people-leadership"] in above


def test_the_carry_forward_rule_is_a_derivation_rule():
    g = graph()
    assert (CARRY, RDF.type, PM.DerivationRule) in g
    assert g.value(CARRY, SKOS.notation) is not None and g.value(CARRY, SKOS.definition) is not None


# A sample read from the DDaT original with ElementTree: (reference role, reference skill, DDaT
# role, DDaT skill) where the DDaT role and skill are the reference ones' close matches, so the
# DDaT level is the reference level.
DDAT_SAMPLE = [
    ("senior-product-manager", "agile-delivery", "seniorProductManager", "skillAgileWorking"),
    ("product-manager", "agile-delivery", "productManager", "skillAgileWorking"),
    ("associate-product-manager", "agile-delivery", "associateProductManager", "skillAgileWorking"),
    ("director-of-product", "product-lifecycle-management", "headOfProduct", "skillLifeCyclePerspective"),
    ("senior-software-engineer", "software-development", "seniorDeveloper",
     "skillProgrammingAndBuildSoftwareEngineering"),
]
_LEVELS = {"awarenessOf": "awareness", "workingLevelOf": "working", "practitionerOf": "practitioner",
           "expertIn": "expert"}


@pytest.mark.parametrize("role, skill, ddat_role, ddat_skill", DDAT_SAMPLE)
def test_reference_level_is_the_ddat_level(role, skill, ddat_role, ddat_skill):
    (level,) = [_LEVELS[prop] for prop, target in owl()[ddat_role]["restrictions"]
                if target == ddat_skill and prop in _LEVELS]
    g = graph()
    (q,) = [q for q in g.objects(ROLE[role], PM.hasSkillRequirement) if (q, PM.skill, SKILL[skill]) in g]
    assert g.value(q, PM.proficiency) == PROF[level]
    (st,) = statements(g, q, PM.proficiency, PROF[level])
    assert any(str(s).endswith(owl()[ddat_role]["url"].rsplit("/", 1)[1].replace(".html#", "--"))
               for s in g.objects(st, DCTERMS.source)), list(g.objects(st, DCTERMS.source))


def test_gitlab_moves_into_product_management_are_present_and_cited():
    """GitLab's Product Manager page names the disciplines PMs come from: engineering, engineering
    management, design, QA, product marketing, customer success."""
    career = project(pmgraph.load())
    for source in ("software-engineer", "quality-engineer", "product-marketing-manager", "customer-success-manager"):
        data = career.digraph.edges[source, "product-manager"]
        assert data["kind"] == "lateral move"
        assert any(career.source(s).framework == "gitlab" for s in data["sources"]), source
        assert data["years_min"] is None  # no source gives their years
    # GitLab gives the engineering manager's and the designer's moves no level: the reference keeps
    # them lateral at one level (EM <-> Group PM at 4, Product Designer -> PM at 2), as editorial
    g = graph()
    for source, target in (("engineering-manager", "group-product-manager"),
                           ("group-product-manager", "engineering-manager"), ("product-designer", "product-manager")):
        data = career.digraph.edges[source, target]
        assert data["kind"] == "lateral move", (source, target)
        assert g.value(ROLE[source], PM.level) == g.value(ROLE[target], PM.level), (source, target)
        (st,) = [st for st in statements(g, ROLE[source], PM.lateralMoveTo, ROLE[target])
                 if (st, DCTERMS.source, EDITORIAL) in g]
        assert str(g.value(st, RDFS.comment)).startswith("editorial: GitLab's Product Manager page names")
    for source in ("engineering-manager", "senior-product-designer"):
        assert not career.digraph.has_edge(source, "product-manager"), source


def test_roadmap_ownership_runs_up_the_product_ic_track():
    career = project(pmgraph.load())
    for role in ("product-manager", "senior-product-manager", "principal-product-manager"):
        assert "Owning a product roadmap" in career.responsibilities[role].values(), role


def test_every_move_no_source_states_is_marked_editorial_with_a_reason():
    g = graph()
    for move in g.subjects(RDF.type, PM.Transition):
        a, b = g.value(move, PM.fromRole), g.value(move, PM.toRole)
        shortcut = PM.lateralMoveTo if (a, PM.lateralMoveTo, b) in g else PM.promotesTo
        cited = statements(g, a, shortcut, b)
        sources = {s for st in cited for s in g.objects(st, DCTERMS.source)}
        assert sources, move
        if sources == {EDITORIAL}:
            assert any(str(g.value(st, RDFS.comment)).startswith("editorial: ") for st in cited), move


def test_every_reference_role_has_a_requirement_or_a_shown_reason():
    g = graph()
    for role in g.subjects(RDF.type, PM.Role):
        if str(role).startswith(FRAMEWORK):
            continue
        has = (role, PM.hasSkillRequirement, None) in g
        note = g.value(role, PM.requirementsNote)
        assert has != (note is not None), role  # one or the other, never both
        if note is not None:
            assert "no framework bundled here states requirements for this role" in str(note).lower()
            assert statements(g, role, PM.requirementsNote, note)


@pytest.mark.parametrize("role", ["vice-president-of-product", "vice-president-of-design", "design-manager",
                                  "chief-product-officer"])
def test_the_gitlab_leadership_pages_state_requirements_read_directly(role):
    from tools.frameworks.requirements import PAGES

    g = graph(with_frameworks=True)
    rows = [r for r in PAGES if r[0] == role]
    assert len(rows) >= 8
    for _, skill, page, _ in rows:
        iri = URIRef(f"{FRAMEWORK}{page.replace(':', '/source/', 1)}")
        assert (iri, RDF.type, PM.SourceDocument) in g, iri
        found = [st for st in statements(g, ROLE[role], PM.requiresSkill, SKILL[skill])
                 if (st, PROV.hadPrimarySource, iri) in g]
        assert found and (found[0], DCTERMS.source, iri) in g, (role, skill)
