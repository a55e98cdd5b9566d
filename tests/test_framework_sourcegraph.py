"""Content tests of the Sourcegraph conversion: facts read from the originals (independently of the
converter) are in the graph, each cited to the page that states it."""

import re
from itertools import pairwise
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from tools.frameworks import sourcegraph

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources" / "sourcegraph"
SITE = "https://handbook.sourcegraph.com/departments/product/"
PRODUCT = SITE + "career-development/framework/"
DESIGN = SITE + "design/career-development/"
ROLES = SITE + "roles/"
PM = "https://w3id.org/pmgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FRAMEWORK = URIRef("https://w3id.org/pmgraph/framework/sourcegraph")
PREFIXES = f"""PREFIX pm: <{PM}> PREFIX skos: <{SKOS}> PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@pytest.fixture(scope="module")
def graph():
    return sourcegraph.convert(SOURCES).graph


def read(name):
    return (SOURCES / name).read_text(encoding="utf-8")


def labelled(graph, label, kind):
    found = [s for s in graph.subjects(URIRef(SKOS + "prefLabel"), Literal(label, lang="en"))
             if (s, RDF.type, URIRef(PM + kind)) in graph]
    assert found, f"no {kind} labelled {label!r}"
    return found


def role(graph, label):
    (found,) = labelled(graph, label, "Role")
    return found


def source_urls(graph, s, p, o):
    """The schema:url of each source of the statement (s p o); None for an editorial source."""
    rows = graph.query(PREFIXES + """SELECT ?src ?url WHERE { ?st a rdf:Statement ; rdf:subject ?s ;
        rdf:predicate ?p ; rdf:object ?o ; dct:source ?src . OPTIONAL { ?src schema:url ?url } }""",
                       initBindings={"s": s, "p": p, "o": o})
    urls = [None if r.url is None else str(r.url) for r in rows]
    assert urls, f"no statement for ({s}, {p}, {o})"
    assert (s, p, o) in graph
    return urls


def product_levels():
    return re.findall(r"^## (IC\d+)$", read("framework.md"), flags=re.MULTILINE)


def design_levels():
    return re.findall(r'<th id="(ic\d+)"[^>]*>.*?<abbr title="([^"]+)">IC</abbr>(\d+)</th>',
                      read("design-career-development.md"))


# ---------------------------------------------------------------------- facts from the originals


def test_product_levels_are_roles_in_page_order(graph):
    levels = product_levels()
    assert levels == ["IC2", "IC3", "IC4", "IC5"]
    for position, name in enumerate(levels, 1):
        r = role(graph, f"Product Manager, {name}")
        urls = source_urls(graph, r, URIRef(PM + "level"), Literal(position))
        assert f"{PRODUCT}#{name.lower()}" in urls and None in urls
        label_urls = source_urls(graph, r, URIRef(SKOS + "prefLabel"), Literal(f"Product Manager, {name}", lang="en"))
        assert f"{PRODUCT}#{name.lower()}" in label_urls and f"{ROLES}#product-manager" in label_urls


def test_product_areas_are_skills_cited_to_the_expectations_section(graph):
    text = read("framework.md")
    section = text.split("## What are the expectations of my role?", 1)[1].split("\n## ", 1)[0]
    areas = re.findall(r"^- (\w+): ", section, flags=re.MULTILINE)
    assert areas == ["Impact", "Scope", "Execution", "Teamwork"]
    for area in areas:
        (s,) = [s for s in labelled(graph, area, "Skill") if "skill-product-" in str(s)]
        assert source_urls(graph, s, RDF.type, URIRef(PM + "Skill")) == [
            f"{PRODUCT}#what-are-the-expectations-of-my-role"]


def test_each_product_level_requires_each_area(graph):
    text = read("framework.md")
    for name in product_levels():
        section = text.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        for area in re.findall(r"^- (\w+):", section, flags=re.MULTILINE):
            (s,) = [s for s in labelled(graph, area, "Skill") if "skill-product-" in str(s)]
            urls = source_urls(graph, role(graph, f"Product Manager, {name}"), URIRef(PM + "requiresSkill"), s)
            assert f"{PRODUCT}#{name.lower()}" in urls and f"{PRODUCT}#all-levels" in urls


def test_product_promotions_follow_the_level_order(graph):
    levels = product_levels()
    for low, high in pairwise(levels):
        urls = source_urls(graph, role(graph, f"Product Manager, {low}"), URIRef(PM + "promotesTo"),
                           role(graph, f"Product Manager, {high}"))
        assert f"{PRODUCT}#{low.lower()}" in urls and f"{PRODUCT}#{high.lower()}" in urls and None in urls


def test_design_levels_are_individual_contributor_roles(graph):
    levels = design_levels()
    assert [n for _, _, n in levels] == ["1", "2", "3", "4", "5", "6"]
    for anchor, title, n in levels:
        assert title == "Individual Contributor"
        r = role(graph, f"Product Designer, IC{n}")
        assert source_urls(graph, r, URIRef(PM + "track"), URIRef(PM + "IndividualContributor")) == [
            f"{DESIGN}#{anchor}"]
        assert f"{DESIGN}#{anchor}" in source_urls(graph, r, URIRef(PM + "level"), Literal(int(n)))
        assert f"{ROLES}#product-designer" in source_urls(graph, r, RDF.type, URIRef(PM + "Role"))


def test_design_categories_are_skills_required_by_described_levels(graph):
    text = read("design-career-development.md")
    categories = re.findall(r'<th scope="col" class="category-title">(\w+)</th>', text)
    assert categories == ["Strategy", "Execution", "Teamwork"]
    skills = {c: next(s for s in labelled(graph, c, "Skill") if "skill-design-" in str(s)) for c in categories}
    for c in categories:
        assert f"{DESIGN}#what-are-the-expectations-of-my-role" in source_urls(
            graph, skills[c], RDF.type, URIRef(PM + "Skill"))
    for n in range(1, 6):  # IC1-IC5 have behaviours in every column
        r = role(graph, f"Product Designer, IC{n}")
        for c in categories:
            assert source_urls(graph, r, URIRef(PM + "requiresSkill"), skills[c]) == [f"{DESIGN}#ic{n}"]


def test_design_ic6_is_not_yet_described_so_requires_nothing(graph):
    text = read("design-career-development.md")
    assert "We haven't yet finalized the description of this level" in text.split('id="ic6"', 1)[1]
    assert not list(graph.objects(role(graph, "Product Designer, IC6"), URIRef(PM + "requiresSkill")))


def test_staff_designer_is_the_ic5_alternative_label(graph):
    text = read("design-career-development.md")
    assert re.search(r'id="ic5".*?<p>Staff designer:', text, flags=re.DOTALL)
    r = role(graph, "Product Designer, IC5")
    assert source_urls(graph, r, URIRef(SKOS + "altLabel"), Literal("Staff designer", lang="en")) == [f"{DESIGN}#ic5"]


def test_manager_track_eligibility_gives_no_move_without_a_manager_role(graph):
    text = read("design-career-development.md")
    assert "Eligible for entry to the manager track" in text and "Eligible for transfer to manager track" in text
    assert not re.search(r"design manager", text, flags=re.IGNORECASE)
    assert not list(graph.triples((None, URIRef(PM + "transitionKind"), URIRef(PM + "ICToManagement"))))


def test_design_promotions_follow_the_level_order(graph):
    for n in range(1, 6):
        urls = source_urls(graph, role(graph, f"Product Designer, IC{n}"), URIRef(PM + "promotesTo"),
                           role(graph, f"Product Designer, IC{n + 1}"))
        assert f"{DESIGN}#ic{n}" in urls and f"{DESIGN}#ic{n + 1}" in urls and None in urls


def test_functions(graph):
    for name in product_levels():
        assert f"{PRODUCT}#what-are-the-expectations-of-my-role" in source_urls(
            graph, role(graph, f"Product Manager, {name}"), URIRef(PM + "function"), URIRef(PM + "ProductFunction"))
    for n in range(1, 7):
        assert f"{DESIGN}#what-are-the-expectations-of-my-role" in source_urls(
            graph, role(graph, f"Product Designer, IC{n}"), URIRef(PM + "function"), URIRef(PM + "DesignFunction"))


def test_licence(graph):
    assert read("LICENSE").lstrip().startswith("Apache License")
    assert (FRAMEWORK, URIRef("http://purl.org/dc/terms/license"),
            URIRef("https://spdx.org/licenses/Apache-2.0")) in graph


# ---------------------------------------------------------------------- the graph's shape


def test_every_statement_has_a_source_and_none_cites_the_framework(graph):
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert statements
    for st in statements:
        sources = set(graph.objects(st, URIRef("http://purl.org/dc/terms/source")))
        assert sources and FRAMEWORK not in sources, st


def test_no_years_and_no_proficiency(graph):
    for p in ("yearsMin", "yearsMax", "proficiency"):
        assert not list(graph.triples((None, URIRef(PM + p), None))), p


def test_every_role_has_one_level_track_and_function(graph):
    roles = set(graph.subjects(RDF.type, URIRef(PM + "Role")))
    assert len(roles) == 4 + 6
    for r in roles:
        for p in ("level", "track", "function"):
            assert len(list(graph.objects(r, URIRef(PM + p)))) == 1, (r, p)


def test_promotions_go_up_a_level(graph):
    moves = list(graph.subject_objects(URIRef(PM + "promotesTo")))
    assert len(moves) == 3 + 5
    for low, high in moves:
        assert graph.value(high, URIRef(PM + "level")).toPython() > graph.value(low, URIRef(PM + "level")).toPython()


@pytest.mark.parametrize(("name", "old", "new"), [
    ("framework.md", "- Scope:\n\n  - Primarily", "- Reach:\n\n  - Primarily"),  # an area not listed
    ("design-career-development.md", '<abbr title="Individual Contributor">IC</abbr>4', "IC4"),
    ("roles-index.md", "## Product Designer", "## Designer"),
])
def test_an_unexpected_structure_fails_loudly_naming_the_file(tmp_path, name, old, new):
    import shutil

    copy = tmp_path / "sourcegraph"
    shutil.copytree(SOURCES, copy)
    text = (copy / name).read_text(encoding="utf-8")
    assert old in text
    (copy / name).write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(name)):
        sourcegraph.convert(copy)
