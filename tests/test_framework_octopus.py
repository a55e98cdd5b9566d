"""Content tests of the Octopus People conversion: facts read from the originals (independently of
the converter) are in the graph, each cited to the page that states it."""

import re
from itertools import pairwise
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from tools.frameworks import octopus

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources" / "octopus"
BLOB = "https://github.com/OctopusDeploy/People/blob/main/"
PM = "https://w3id.org/pmgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FRAMEWORK = URIRef("https://w3id.org/pmgraph/framework/octopus")
PREFIXES = f"""PREFIX pm: <{PM}> PREFIX skos: <{SKOS}> PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@pytest.fixture(scope="module")
def graph():
    return octopus.convert(SOURCES).graph


def read(name):
    return (SOURCES / name).read_text(encoding="utf-8-sig")


def labelled(graph, label, kind):
    found = [s for s in graph.subjects(URIRef(SKOS + "prefLabel"), Literal(label, lang="en"))
             if (s, RDF.type, URIRef(PM + kind)) in graph]
    assert len(found) == 1, f"one {kind} labelled {label!r}, found {found}"
    return found[0]


def source_urls(graph, s, p, o):
    """The schema:url of each source of the statement (s p o); None for an editorial source."""
    rows = graph.query(PREFIXES + """SELECT ?src ?url WHERE { ?st a rdf:Statement ; rdf:subject ?s ;
        rdf:predicate ?p ; rdf:object ?o ; dct:source ?src . OPTIONAL { ?src schema:url ?url } }""",
                       initBindings={"s": s, "p": p, "o": o})
    urls = [None if r.url is None else str(r.url) for r in rows]
    assert urls, f"no statement for ({s}, {p}, {o})"
    assert (s, p, o) in graph
    return urls


def github_anchor(heading, seen):
    base = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}-{n}"


def product_sections():
    """{role: (anchor, [(characteristic, anchor)])} read from Product.md's headings."""
    seen, roles, current = {}, {}, None
    for depth, text in re.findall(r"^(#{1,3}) (.+?)\s*$", read("Product.md"), flags=re.MULTILINE):
        anchor = github_anchor(text, seen)
        if depth == "##":
            current = text
            roles[current] = (anchor, [])
        elif depth == "###":
            roles[current][1].append((text.rstrip("."), anchor))
    return roles


# ---------------------------------------------------------------------- facts from the originals


def test_product_roles_carry_the_pages_titles(graph):
    roles = product_sections()
    assert list(roles) == ["Product Manager", "Senior Product Manager", "Principal Product Manager",
                           "Product Operations Manager", "Director of Product"]
    for title, (anchor, _) in roles.items():
        r = labelled(graph, title, "Role")
        assert source_urls(graph, r, RDF.type, URIRef(PM + "Role")) == [f"{BLOB}Product.md#{anchor}"]
        assert (r, URIRef(PM + "function"), URIRef(PM + "ProductFunction")) in graph


def test_characteristics_are_skills_required_by_their_role(graph):
    for title, (_, characteristics) in product_sections().items():
        r = labelled(graph, title, "Role")
        for name, anchor in characteristics:
            s = labelled(graph, octopus.SKILL_NAMES[name], "Skill")
            assert f"{BLOB}Product.md#{anchor}" in source_urls(graph, s, RDF.type, URIRef(PM + "Skill"))
            assert source_urls(graph, r, URIRef(PM + "requiresSkill"), s) == [f"{BLOB}Product.md#{anchor}"]


def test_a_characteristic_shared_by_two_roles_is_one_skill(graph):
    roles = product_sections()
    name = "I have become a student of my craft"
    assert (name, "i-have-become-a-student-of-my-craft") in roles["Product Manager"][1]
    assert (name, "i-have-become-a-student-of-my-craft-1") in roles["Product Operations Manager"][1]
    s = labelled(graph, octopus.SKILL_NAMES[name], "Skill")
    assert sorted(source_urls(graph, s, RDF.type, URIRef(PM + "Skill"))) == [
        f"{BLOB}Product.md#i-have-become-a-student-of-my-craft",
        f"{BLOB}Product.md#i-have-become-a-student-of-my-craft-1"]


def test_product_marketing_manager_and_its_bold_characteristics(graph):
    text = read("Marketing.md")
    heading = re.search(r"^## (.+)$", text, flags=re.MULTILINE).group(1)
    assert heading == "Product Marketing Manager (Octopus Release Champion)"
    anchor = f"{BLOB}Marketing.md#product-marketing-manager-octopus-release-champion"
    r = labelled(graph, "Product Marketing Manager", "Role")
    assert source_urls(graph, r, URIRef(SKOS + "altLabel"), Literal("Octopus Release Champion", lang="en")) == [anchor]
    assert source_urls(graph, r, URIRef(PM + "function"), URIRef(PM + "MarketingFunction"))[0] in (anchor, None)
    bold = [b.strip() for b in re.findall(r"^\*\*(.+?)\*\*\s*$", text, flags=re.MULTILINE)]
    assert len(bold) == 4
    for name in bold:
        skill = labelled(graph, octopus.SKILL_NAMES[name], "Skill")
        assert source_urls(graph, r, URIRef(PM + "requiresSkill"), skill) == [anchor]


def test_pm_ladder_levels_and_promotions(graph):
    ladder = ["Product Manager", "Senior Product Manager", "Principal Product Manager"]
    order = [t for t in product_sections() if t in ladder]
    assert order == ladder  # the page presents them in this order
    for level, title in enumerate(ladder, 1):
        urls = source_urls(graph, labelled(graph, title, "Role"), URIRef(PM + "level"), Literal(level))
        assert f"{BLOB}Product.md#{product_sections()[title][0]}" in urls and None in urls
    for low, high in pairwise(ladder):
        urls = source_urls(graph, labelled(graph, low, "Role"), URIRef(PM + "promotesTo"),
                           labelled(graph, high, "Role"))
        assert f"{BLOB}Product.md#{product_sections()[high][0]}" in urls and None in urls


def test_director_track_rests_on_coaching_the_product_managers_of_its_group(graph):
    text = read("Product.md")
    director = text.split("## Director of Product", 1)[1]
    assert "I coach product managers in my group" in director
    urls = source_urls(graph, labelled(graph, "Director of Product", "Role"), URIRef(PM + "track"),
                       URIRef(PM + "PeopleManagement"))
    assert f"{BLOB}Product.md#i-nurture-the-product-mindset-across-my-group" in urls and None in urls


def test_no_other_moves_are_stated(graph):
    moves = set(graph.subject_objects(URIRef(PM + "promotesTo"))) | set(
        graph.subject_objects(URIRef(PM + "lateralMoveTo")))
    assert len(moves) == 2
    assert not re.search(r"next step|promotion|promoted to|move to", read("Product.md"), flags=re.IGNORECASE)


def test_designer_page_is_only_a_link_so_no_designer_role(graph):
    lines = [line for line in read("Designer.md").splitlines() if line.strip()]
    assert lines[0] == "# Product Designer" and lines[1].startswith("See the [Product Designer Role Matrix](")
    assert not [lbl for lbl in graph.objects(None, URIRef(SKOS + "prefLabel")) if "Designer" in str(lbl)]


def test_no_proficiency_the_readme_ratings_rate_people(graph):
    assert "`Performing`" in read("README.md")
    assert not list(graph.triples((None, URIRef(PM + "proficiency"), None)))


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


def test_no_years(graph):
    for p in ("yearsMin", "yearsMax"):
        assert not list(graph.triples((None, URIRef(PM + p), None))), p


def test_every_role_has_one_level_track_and_function(graph):
    roles = set(graph.subjects(RDF.type, URIRef(PM + "Role")))
    assert len(roles) == 6
    for r in roles:
        for p in ("level", "track", "function"):
            assert len(list(graph.objects(r, URIRef(PM + p)))) == 1, (r, p)


def test_promotions_go_up_a_level(graph):
    for low, high in graph.subject_objects(URIRef(PM + "promotesTo")):
        assert graph.value(high, URIRef(PM + "level")).toPython() > graph.value(low, URIRef(PM + "level")).toPython()


@pytest.mark.parametrize(("name", "old", "new"), [
    ("Product.md", "## Director of Product", "## Head of Product"),  # a role without rules
    ("Designer.md", "# Product Designer\n", "# Product Designer\n\n## Level 1\n"),  # the page grew content
    ("Marketing.md", "**I tell genuine stories", "### I tell genuine stories"),
    ("Product.md", "### I am a product mentor to others", "### I mentor others"),  # a heading with no pmgraph name
])
def test_an_unexpected_structure_fails_loudly_naming_the_file(tmp_path, name, old, new):
    import shutil

    copy = tmp_path / "octopus"
    shutil.copytree(SOURCES, copy)
    text = (copy / name).read_text(encoding="utf-8")
    assert old in text
    (copy / name).write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(name)):
        octopus.convert(copy)
