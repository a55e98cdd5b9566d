"""Content tests of the Monzo conversion: facts read from the originals (independently of the
converter) are in the graph, each cited to the page that states it."""

import re
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, Literal, URIRef

from tools.frameworks import monzo

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources" / "monzo"
BLOB = "https://github.com/monzo/progression-framework/blob/master/"
PM = "https://w3id.org/pmgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PREFIXES = f"""PREFIX pm: <{PM}> PREFIX skos: <{SKOS}> PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@pytest.fixture(scope="module")
def graph():
    return monzo.convert(SOURCES).graph


def front_matter(name):
    text = (SOURCES / name).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---\n"))


def role(graph, label):
    found = list(graph.subjects(URIRef(SKOS + "prefLabel"), Literal(label, lang="en")))
    assert len(found) == 1, f"one role labelled {label!r}, found {found}"
    return found[0]


def skill(graph, label):
    found = [s for s in graph.subjects(URIRef(SKOS + "prefLabel"), Literal(label, lang="en"))
             if (s, RDF.type, URIRef(PM + "Skill")) in graph]
    assert len(found) == 1, f"one skill labelled {label!r}, found {found}"
    return found[0]


def source_urls(graph, s, p, o):
    """The schema:url of each page cited by the statement (s p o); editorial sources give None."""
    rows = graph.query(PREFIXES + """SELECT ?src ?url WHERE { ?st a rdf:Statement ; rdf:subject ?s ;
        rdf:predicate ?p ; rdf:object ?o ; dct:source ?src . OPTIONAL { ?src schema:url ?url } }""",
                       initBindings={"s": s, "p": p, "o": o})
    urls = [None if r.url is None else str(r.url) for r in rows]
    assert urls, f"no statement for ({s}, {p}, {o})"
    assert (s, p, o) in graph
    return urls


def strip_emoji(title):
    return re.sub(r"^[^\w]+", "", title).strip()


# ---------------------------------------------------------------------- facts from the originals


def test_product_levels_are_roles_cited_to_the_product_page(graph):
    meta = front_matter("product.md")
    assert meta["levels"] == 4
    for n in range(1, meta["levels"] + 1):
        r = role(graph, f"Product, level {n}")
        assert source_urls(graph, r, URIRef(PM + "level"), Literal(n)) == [BLOB + "frameworks/product.md"]
        assert BLOB + "frameworks/product.md" in source_urls(graph, r, RDF.type, URIRef(PM + "Role"))


def test_product_topics_are_skills_and_each_level_requires_them(graph):
    meta = front_matter("product.md")
    assert len(meta["topics"]) == 7
    for topic in meta["topics"]:
        s = skill(graph, strip_emoji(topic["title"]))
        assert source_urls(graph, s, RDF.type, URIRef(PM + "Skill")) == [BLOB + "frameworks/product.md"]
        for entry in topic["content"]:
            r = role(graph, f"Product, level {entry['level']}")
            urls = source_urls(graph, r, URIRef(PM + "requiresSkill"), s)
            assert urls == [BLOB + "frameworks/product.md"]


def test_marketing_seven_levels_by_three_topics(graph):
    meta = front_matter("marketing.md")
    assert meta["levels"] == 7 and len(meta["topics"]) == 3
    pairs = {(e["level"], strip_emoji(t["title"])) for t in meta["topics"] for e in t["content"] if e["criteria"]}
    assert len(pairs) == 21
    for level, title in pairs:
        urls = source_urls(graph, role(graph, f"Marketing, level {level}"), URIRef(PM + "requiresSkill"),
                           skill(graph, title))
        assert urls == [BLOB + "frameworks/marketing.md"]


def test_marketing_function_is_marketing(graph):
    for n in range(1, 8):
        urls = source_urls(graph, role(graph, f"Marketing, level {n}"), URIRef(PM + "function"),
                           URIRef(PM + "MarketingFunction"))
        assert BLOB + "frameworks/marketing.md" in urls and None in urls  # the page and the editorial rule


def test_product_design_levels_and_sections_with_heading_anchors(graph):
    text = (SOURCES / "product-design.md").read_text(encoding="utf-8")
    levels = re.findall(r"^## Level (\d+)$", text, flags=re.MULTILINE)
    assert levels == ["1", "2", "3", "4", "5", "6"]
    sections = re.findall(r"^### (\w+)$", text, flags=re.MULTILINE)
    assert sections[:3] == ["Knowledge", "Ownership", "Collaboration"] and len(sections) == 18
    page = BLOB + "frameworks/design/product-design.md"
    for n in levels:
        r = role(graph, f"Product Design, level {n}")
        assert source_urls(graph, r, URIRef(PM + "level"), Literal(int(n))) == [f"{page}#level-{n}"]
    # GitHub numbers repeated headings: the third "Knowledge" (level 3) is #knowledge-2
    urls = source_urls(graph, role(graph, "Product Design, level 3"), URIRef(PM + "requiresSkill"),
                       skill(graph, "Knowledge"))
    assert urls == [f"{page}#knowledge-2"]
    urls = source_urls(graph, role(graph, "Product Design, level 6"), URIRef(PM + "requiresSkill"),
                       skill(graph, "Collaboration"))
    assert urls == [f"{page}#collaboration-5"]


def test_product_design_track_stated_at_level_3(graph):
    text = (SOURCES / "product-design.md").read_text(encoding="utf-8")
    level3 = text.split("## Level 3", 1)[1].split("## Level 4", 1)[0]
    assert "stay as an individual contributor" in level3.split("### Ownership")[0]
    urls = source_urls(graph, role(graph, "Product Design, level 3"), URIRef(PM + "track"),
                       URIRef(PM + "IndividualContributor"))
    assert BLOB + "frameworks/design/product-design.md#knowledge-2" in urls


def test_product_promotions_follow_level_order(graph):
    meta = front_matter("product.md")
    for n in range(1, meta["levels"]):
        low, high = role(graph, f"Product, level {n}"), role(graph, f"Product, level {n + 1}")
        urls = source_urls(graph, low, URIRef(PM + "promotesTo"), high)
        assert BLOB + "frameworks/product.md" in urls and None in urls
    assert (role(graph, "Product, level 4"), URIRef(PM + "promotesTo"), None) not in graph


def test_no_proficiency_anywhere(graph):
    assert not list(graph.triples((None, URIRef(PM + "proficiency"), None)))


def test_generic_framework_is_a_template_not_converted(graph):
    meta = front_matter("generic.md")
    generic = {t["name"] for t in meta["topics"]}
    assert generic == {"knowledge", "impact", "communication", "teamwork", "conduct"}
    assert not [lbl for lbl in graph.objects(None, URIRef(SKOS + "prefLabel")) if str(lbl).startswith("Generic")]
    for name in ("product.md", "marketing.md"):  # no topic of a converted framework takes generic criteria
        assert not generic & {t["name"] for t in front_matter(name)["topics"]}


def test_licence_and_attribution(graph):
    fw = URIRef("https://w3id.org/pmgraph/framework/monzo")
    assert (fw, URIRef("http://purl.org/dc/terms/license"), URIRef("https://spdx.org/licenses/MIT")) in graph
    licence = (SOURCES / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Copyright (c) 2019 Monzo Bank Limited" in licence
    attribution = str(graph.value(fw, URIRef(PM + "attribution")))
    assert "MIT" in attribution and "2019 Monzo Bank Limited" in attribution


# ---------------------------------------------------------------------- the graph's shape


def test_every_statement_has_a_source_and_none_cites_the_framework(graph):
    fw = URIRef("https://w3id.org/pmgraph/framework/monzo")
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert statements
    for st in statements:
        sources = set(graph.objects(st, URIRef("http://purl.org/dc/terms/source")))
        assert sources, st
        assert fw not in sources, st


def test_no_years(graph):
    assert not list(graph.triples((None, URIRef(PM + "yearsMin"), None)))
    assert not list(graph.triples((None, URIRef(PM + "yearsMax"), None)))


def test_every_role_has_one_level_track_and_function(graph):
    roles = set(graph.subjects(RDF.type, URIRef(PM + "Role")))
    assert len(roles) == 4 + 6 + 7
    for r in roles:
        for p in ("level", "track", "function"):
            assert len(list(graph.objects(r, URIRef(PM + p)))) == 1, (r, p)


def test_promotions_go_up_a_level(graph):
    moves = list(graph.subject_objects(URIRef(PM + "promotesTo")))
    assert len(moves) == 3 + 5 + 6
    for low, high in moves:
        level = URIRef(PM + "level")
        assert graph.value(high, level).toPython() == graph.value(low, level).toPython() + 1


@pytest.mark.parametrize(("name", "old", "new"), [
    ("product.md", "levels: 4", "levels: 3"),  # a topic now has a level beyond the stated count
    ("product-design.md", "## Level 3", "## Level 7"),  # levels out of order
    ("marketing.md", 'name: "domain-knowledge"', 'name: "knowledge"'),  # would take the generic criteria
])
def test_an_unexpected_structure_fails_loudly_naming_the_file(tmp_path, name, old, new):
    import shutil

    copy = tmp_path / "monzo"
    shutil.copytree(SOURCES, copy)
    text = (copy / name).read_text(encoding="utf-8")
    assert old in text
    (copy / name).write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(name)):
        monzo.convert(copy)


def test_front_matter_is_read_within_the_bounds_of_untrusted_yaml(tmp_path):
    """The converter reads front matter as ``pmgraph import`` does (pmgraph.ladders.progression.front_matter):
    through the bounded loader, so an alias bomb is refused at once, naming the file and the line."""
    import shutil

    from pmgraph.bounded import MAX_ALIASES
    from pmgraph.errors import InvalidDataError

    copy = tmp_path / "monzo"
    shutil.copytree(SOURCES, copy)
    text = (copy / "product.md").read_text(encoding="utf-8")
    bomb = "bomb: &a [x]\n" + "".join(f"b{i}: *a\n" for i in range(MAX_ALIASES + 1))
    (copy / "product.md").write_text(text.replace("---\n", "---\n" + bomb, 1), encoding="utf-8")
    with pytest.raises(InvalidDataError, match=re.escape("product.md:") + r"\d+: YAML too large: more than"):
        monzo.convert(copy)
