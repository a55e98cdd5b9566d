"""The DDaT converter against its original: facts read from sources/ddat/ddat.owl with plain
ElementTree (not the converter's reader) must be in the converted graph, each cited to its page.
"""

from __future__ import annotations

import itertools
import re
import shutil
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from tools.frameworks import ddat

SOURCES = Path(__file__).resolve().parents[1] / "sources" / "ddat"
SITE = "https://ddat-capability-framework.service.gov.uk/"
PM = Namespace("https://w3id.org/pmgraph/ontology#")
PROF = Namespace("https://w3id.org/pmgraph/proficiency/")
SCHEMA_URL = URIRef("https://schema.org/url")
FRAMEWORK = URIRef("https://w3id.org/pmgraph/framework/ddat")

OWL_NS = "http://www.w3.org/2002/07/owl#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
DDAT = "http://daas.hyperlearning.ai/architecture/data/ontologies/ddat#"
CONVERTED = ("productManagement", "serviceOwnership", "deliveryManagement", "programmeDeliveryManagement",
             "businessAnalysis", "userResearch", "serviceDesign", "interactionDesign", "contentDesign",
             "softwareDevelopment", "dataAnalysis")


# ------------------------------------------------------------------ the original, read independently


@lru_cache(maxsize=1)
def owl() -> dict[str, dict]:
    """Every top-level owl:Class of ddat.owl by local name: label, url, annotations, super-classes and
    restrictions (property, target), in document order."""
    classes = {}
    for element in ET.parse(SOURCES / "ddat.owl").getroot().findall(f"{{{OWL_NS}}}Class"):
        name = element.get(f"{{{RDF_NS}}}about", "").split("#")[-1]
        entry = {"supers": [], "restrictions": []}
        for child in element:
            tag = child.tag.split("}")[1]
            if tag == "subClassOf":
                target = child.get(f"{{{RDF_NS}}}resource")
                if target:
                    entry["supers"].append(target.split("#")[1])
                else:
                    restriction = child.find(f"{{{OWL_NS}}}Restriction")
                    prop = restriction.find(f"{{{OWL_NS}}}onProperty").get(f"{{{RDF_NS}}}resource")
                    value = restriction.find(f"{{{OWL_NS}}}someValuesFrom").get(f"{{{RDF_NS}}}resource")
                    entry["restrictions"].append((prop.split("#")[1], value.split("#")[1]))
            elif tag == "url":
                entry["url"] = child.get(f"{{{RDF_NS}}}resource")
            else:
                entry[tag] = child.text or ""
        classes[name] = entry
    return classes


def roles_of(branch: str) -> list[str]:
    return [n for n, c in owl().items() if c.get("entityType") == "Role" and branch in c["supers"]]


def grade_items(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^\d+\. (.+?)\.\s*$", text, re.MULTILINE)]


# ------------------------------------------------------------------ the converted graph


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return ddat.convert(SOURCES).graph


def role(graph: rdflib.Graph, label: str) -> URIRef:
    found = list(graph.subjects(SKOS.prefLabel, Literal(label, lang="en")))
    found = [r for r in found if (r, RDF.type, PM.Role) in graph]
    assert len(found) == 1, f"one role labelled {label!r}, found {found}"
    return found[0]


def skill(graph: rdflib.Graph, label: str) -> URIRef:
    found = [s for s in graph.subjects(SKOS.prefLabel, Literal(label, lang="en")) if (s, RDF.type, PM.Skill) in graph]
    assert len(found) == 1, f"one skill labelled {label!r}, found {found}"
    return found[0]


def sources(graph: rdflib.Graph, s, p, o) -> tuple[set[str], int]:
    """(page URLs, number of editorial rules) cited by the statement for ``s p o``; fails if none."""
    rows = list(graph.query(
        """SELECT ?src ?url ?editorial WHERE {
             ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; dct:source ?src .
             OPTIONAL { ?src schema:url ?url }
             BIND (EXISTS { ?src a pm:EditorialSource } AS ?editorial) }""",
        initBindings={"s": s, "p": p, "o": o},
        initNs={"rdf": RDF, "dct": DCTERMS, "schema": "https://schema.org/", "pm": PM}))
    assert rows, f"no statement (with a source) for {s} {p} {o}"
    return {str(r.url) for r in rows if r.url is not None}, sum(1 for r in rows if r.editorial.toPython())


# ------------------------------------------------------------------ facts


def test_every_role_of_the_converted_branches_is_there_with_its_title_cited_to_its_page(graph):
    expected = [n for b in CONVERTED for n in roles_of(b)]
    assert len(expected) == 54
    assert len(set(graph.subjects(RDF.type, PM.Role))) == len(expected)
    for name in expected:
        label, url = owl()[name]["label"], owl()[name]["url"]
        assert url.startswith(SITE) and "#" in url
        pages, _ = sources(graph, role(graph, label), SKOS.prefLabel, Literal(label, lang="en"))
        assert pages == {url}


def test_roles_of_other_branches_are_not_converted(graph):
    for name in roles_of("dataEngineering") + roles_of("frontendDevelopment"):
        assert not list(graph.subjects(SKOS.prefLabel, Literal(owl()[name]["label"], lang="en")))


def test_grades_one_per_listed_grade_cited_to_the_role_page(graph):
    apm = owl()["associateProductManager"]
    assert grade_items(apm["civilServiceJobGrades"]) == ["HEO (Higher Executive Officer)",
                                                         "SEO (Senior Executive Officer)"]
    for name in roles_of("productManagement") + roles_of("userResearch"):
        entry = owl()[name]
        node = role(graph, entry["label"])
        grades = grade_items(entry["civilServiceJobGrades"])
        assert grades
        assert {str(g) for g in graph.objects(node, PM.grade)} == set(grades)
        for grade in grades:
            assert sources(graph, node, PM.grade, Literal(grade))[0] == {entry["url"]}


def test_associate_delivery_manager_grades_come_from_its_responsibilities_by_a_rule(graph):
    entry = owl()["associateDeliveryManager"]
    assert not grade_items(entry["civilServiceJobGrades"])
    grades = grade_items(entry["responsibilities"])
    assert grades == ["EO (Executive Officer)", "HEO (Higher Executive Officer)"]
    node = role(graph, entry["label"])
    for grade in grades:
        pages, editorial = sources(graph, node, PM.grade, Literal(grade))
        assert pages == {entry["url"]} and editorial == 1


@pytest.mark.parametrize("name", ["seniorProductManager", "leadDeveloperManagement", "headOfUserResearch"])
def test_skill_requirements_and_proficiency_cited_to_the_role_page(graph, name):
    levels = {"awarenessOf": PROF.awareness, "workingLevelOf": PROF.working, "practitionerOf": PROF.practitioner,
              "expertIn": PROF.expert}
    entry = owl()[name]
    node = role(graph, entry["label"])
    wanted = [(owl()[target]["label"], levels[prop]) for prop, target in entry["restrictions"] if prop in levels]
    assert wanted and len(list(graph.objects(node, PM.requiresSkill))) == len(wanted)
    for label, proficiency in wanted:
        s = skill(graph, label)
        assert sources(graph, node, PM.requiresSkill, s) == ({entry["url"]}, 0)
        (requirement,) = [q for q in graph.objects(node, PM.hasSkillRequirement) if (q, PM.skill, s) in graph]
        assert (requirement, PM.proficiency, proficiency) in graph
        # the framework names the level: the role page alone is cited, no editorial rule
        assert sources(graph, requirement, PM.proficiency, proficiency) == ({entry["url"]}, 0)


def test_skill_names_cited_to_the_skills_page(graph):
    entry = owl()["skillAgileWorking"]
    assert entry["label"] == "Agile working" and entry["url"] == SITE + "skills.html#agile-working"
    node = skill(graph, "Agile working")
    assert sources(graph, node, SKOS.prefLabel, Literal("Agile working", lang="en")) == ({entry["url"]}, 0)
    assert sources(graph, node, RDF.type, PM.Skill)[0] == {entry["url"]}


def test_only_skills_the_converted_roles_link_to(graph):
    levels = {"awarenessOf", "workingLevelOf", "practitionerOf", "expertIn"}
    linked = {t for b in CONVERTED for n in roles_of(b) for p, t in owl()[n]["restrictions"] if p in levels}
    labels = {str(graph.value(s, SKOS.prefLabel)) for s in graph.subjects(RDF.type, PM.Skill)}
    assert labels == {owl()[t]["label"] for t in linked}
    assert len(labels) == 70


def test_product_management_levels_follow_civil_service_grades(graph):
    order = ["AA", "AO", "EO", "HEO", "SEO", "G7", "G6"]

    def key(name):
        ranks = [order.index(g.split(" ")[0]) for g in grade_items(owl()[name]["civilServiceJobGrades"])]
        return min(ranks), max(ranks)

    names = sorted(roles_of("productManagement"), key=key)
    assert [owl()[n]["label"] for n in names] == ["Associate Product Manager", "Product Manager",
                                                   "Senior Product Manager", "Lead Product Manager", "Head Of Product"]
    for level, name in enumerate(names, start=1):
        node = role(graph, owl()[name]["label"])
        assert graph.value(node, PM.level) == Literal(level)
        pages, editorial = sources(graph, node, PM.level, Literal(level))
        assert pages == {owl()[name]["url"]} and editorial >= 1


def test_user_research_tie_is_kept_in_owl_order(graph):
    lead, head = owl()["leadUserResearcher"], owl()["headOfUserResearch"]
    assert grade_items(lead["civilServiceJobGrades"]) == grade_items(head["civilServiceJobGrades"])
    assert list(owl()).index("leadUserResearcher") < list(owl()).index("headOfUserResearch")
    assert graph.value(role(graph, lead["label"]), PM.level) == Literal(5)
    assert graph.value(role(graph, head["label"]), PM.level) == Literal(6)


def test_product_management_promotions_cite_both_role_pages(graph):
    path = ["associateProductManager", "productManager", "seniorProductManager", "leadProductManager", "headOfProduct"]
    for low, high in itertools.pairwise(path):
        a, b = role(graph, owl()[low]["label"]), role(graph, owl()[high]["label"])
        pages, editorial = sources(graph, a, PM.promotesTo, b)
        assert pages == {owl()[low]["url"], owl()[high]["url"]} and editorial >= 1
    assert "progress to product manager" in owl()["associateProductManager"]["definition"]


def test_functions_by_branch(graph):
    cases = {"serviceOwner": PM.ProductFunction, "programmeDeliveryManager": PM.DeliveryFunction,
             "leadDeveloper": PM.EngineeringFunction, "seniorDataAnalyst": PM.DataFunction,
             "headOfContentDesign": PM.DesignFunction, "juniorBusinessAnalyst": PM.BusinessAnalysisFunction,
             "associateUserResearcher": PM.UserResearchFunction}
    for name, function in cases.items():
        node = role(graph, owl()[name]["label"])
        assert graph.value(node, PM.function) == function
        pages, editorial = sources(graph, node, PM.function, function)
        assert pages == {owl()[name]["url"]} and editorial == 1


def test_tracks_from_titles_and_line_management(graph):
    assert re.search(r"^\d+\. Line manage", owl()["seniorProductManager"]["responsibilities"], re.MULTILINE)
    assert re.search(r"^\d+\. Potentially line manage", owl()["productManager"]["responsibilities"], re.MULTILINE)
    cases = {"headOfProduct": PM.PeopleManagement, "seniorProductManager": PM.PeopleManagement,
             "productManager": PM.IndividualContributor, "associateUserResearcher": PM.IndividualContributor,
             "seniorDeveloperManagement": PM.PeopleManagement, "seniorDeveloper": PM.IndividualContributor}
    for name, track in cases.items():
        node = role(graph, owl()[name]["label"])
        assert graph.value(node, PM.track) == track
        pages, editorial = sources(graph, node, PM.track, track)
        assert pages == {owl()[name]["url"]} and editorial == 1


def test_line_management_reporting_lines(graph):
    head = owl()["headOfProduct"]
    assert "Line manage senior and lead product managers." in head["responsibilities"]
    manager = role(graph, head["label"])
    for name in ("seniorProductManager", "leadProductManager"):
        report = role(graph, owl()[name]["label"])
        pages, editorial = sources(graph, report, PM.reportsTo, manager)
        assert pages == {head["url"]} and editorial == 1
    assert len(list(graph.subject_objects(PM.reportsTo))) == 4


def test_no_move_between_branches(graph):
    for t in graph.subjects(RDF.type, PM.Transition):
        pages = {str(graph.value(graph.value(t, p), SCHEMA_URL)).split("#")[0] for p in (PM.fromRole, PM.toRole)}
        assert len(pages) == 1, pages


# ------------------------------------------------------------------ structure


def test_every_statement_has_a_source_and_none_cites_the_framework_node(graph):
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert statements
    for statement in statements:
        cited = set(graph.objects(statement, DCTERMS.source))
        assert cited, statement
        assert FRAMEWORK not in cited, statement
        for source in cited:
            assert (source, RDF.type, PM.SourceDocument) in graph or (source, RDF.type, PM.EditorialSource) in graph
    for source in graph.subjects(RDF.type, PM.SourceDocument):
        if source != FRAMEWORK:
            assert str(graph.value(source, SCHEMA_URL)).startswith(SITE)


def test_no_years(graph):
    assert not list(graph.triples((None, PM.yearsMin, None)))
    assert not list(graph.triples((None, PM.yearsMax, None)))


def test_every_role_has_exactly_one_level_track_and_function(graph):
    for node in graph.subjects(RDF.type, PM.Role):
        for prop in (PM.level, PM.track, PM.function):
            assert len(list(graph.objects(node, prop))) == 1, (node, prop)


def test_promotions_go_up_a_level(graph):
    transitions = list(graph.subjects(RDF.type, PM.Transition))
    assert len(transitions) == 43
    for t in transitions:
        low, high = graph.value(t, PM.fromRole), graph.value(t, PM.toRole)
        assert graph.value(t, PM.transitionKind) in (PM.PromotionWithinTrack, PM.ICToManagement)
        assert graph.value(high, PM.level).toPython() == graph.value(low, PM.level).toPython() + 1
        assert (low, PM.promotesTo, high) in graph


def test_description_licence():
    d = ddat.DESCRIPTION
    assert d.licence == "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert d.attribution == "Contains public sector information licensed under the Open Government Licence v3.0."
    assert d.licence_files == ("LICENSE",) and "MIT License" in (SOURCES / "LICENSE").read_text()
    assert d.commit == "a0c32fb951ae651a6d81fd2413dd66bac7f262da" and d.retrieved == "2026-11-30"


def test_fails_loudly_on_an_unexpected_grade(tmp_path):
    text = (SOURCES / "ddat.owl").read_text(encoding="utf-8")
    start = text.index('ddat#headOfProduct">')
    changed = text[:start] + text[start:].replace("1. G6 (Grade 6).", "1. G5 (Grade 5).", 1)
    assert changed != text
    (tmp_path / "ddat.owl").write_text(changed, encoding="utf-8")
    shutil.copy(SOURCES / "LICENSE", tmp_path / "LICENSE")
    with pytest.raises(ValueError, match=r"ddat\.owl.*G5"):
        ddat.convert(tmp_path)


def test_fails_loudly_on_a_missing_file(tmp_path):
    with pytest.raises(ValueError, match=r"ddat\.owl"):
        ddat.convert(tmp_path)
