"""pmgraph.ladders.rdf / pmgraph.ladders.spec: importing a career ladder, writing it, merging it."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import DCTERMS, RDF, SKOS, Literal
from rdflib.compare import graph_diff, to_isomorphic

import pmgraph
from pmgraph import PM, InvalidDataError
from pmgraph.ladders.rdf import import_ladder, serialize_turtle, write_turtle
from pmgraph.loading.conflicts import find_conflicts
from pmgraph.loading.graph import load
from pmgraph.vocab import PROFICIENCY, ROLE

ROOT = Path(__file__).resolve().parents[1]
ACME_YAML = ROOT / "examples" / "acme-ladder.yaml"
ACME_CSV = ROOT / "examples" / "acme-ladder.csv"
MONZO = ROOT / "tests" / "data" / "monzo"
PRODUCT = MONZO / "product.md"
MARKETING = MONZO / "marketing.md"
ACME = "https://w3id.org/pmgraph/ladder/acme/"
PRODUCT_BASE = "https://w3id.org/pmgraph/ladder/product/"
MARKETING_BASE = "https://w3id.org/pmgraph/ladder/marketing/"


def roles(graph):
    return set(graph.subjects(RDF.type, PM.Role))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- the simple format


def test_yaml_example_becomes_roles_skills_and_transitions():
    graph = import_ladder(ACME_YAML)
    assert {str(r)[len(ACME + "role/"):] for r in roles(graph)} == {"apm", "pm", "spm", "principal", "gpm", "head"}
    assert len(set(graph.subjects(RDF.type, PM.Skill))) == 5
    assert len(set(graph.subjects(RDF.type, PM.Transition))) == 7
    spm = graph.resource(f"{ACME}role/spm")
    assert spm.value(SKOS.prefLabel) == Literal("Senior Product Manager", lang="en")
    assert spm.value(SKOS.altLabel) == Literal("Senior PM", lang="en")
    assert spm.value(PM.level).toPython() == 3
    assert spm.value(PM.track).identifier == PM.IndividualContributor
    # Kinds: stated (spm -> gpm ic-to-management, principal -> gpm lateral) or by rule (apm -> pm promotion).
    kind = lambda a, b: graph.value(pmgraph.ladders.rdf._Names(ACME).tr[f"{a}--{b}"], PM.transitionKind)  # noqa: E731
    assert kind("spm", "gpm") == PM.ICToManagement
    assert kind("principal", "gpm") == PM.LateralMove
    assert kind("apm", "pm") == PM.PromotionWithinTrack
    assert (graph.resource(f"{ACME}role/principal").identifier, PM.lateralMoveTo,
            graph.resource(f"{ACME}role/gpm").identifier) in graph


def test_every_fact_cites_the_imported_file():
    graph = import_ladder(ACME_YAML)
    document = graph.value(predicate=PM.sourceFile, object=Literal("acme-ladder.yaml"))
    assert (document, RDF.type, PM.SourceDocument) in graph
    assert str(graph.value(document, DCTERMS.identifier)) == f"sha256:{sha(ACME_YAML)}"
    def citing(s, p, o):
        return {src for st in graph.subjects(RDF.subject, s) if (st, RDF.predicate, p) in graph
                and (st, RDF.object, o) in graph for src in graph.objects(st, DCTERMS.source)}

    # one mechanism, as the bundled graph: a statement naming each fact's triple
    for kind in (PM.Role, PM.Skill):
        for node in graph.subjects(RDF.type, kind):
            assert citing(node, RDF.type, kind) == {document}, node
    for role, requirement in graph.subject_objects(PM.hasSkillRequirement):
        assert citing(role, PM.requiresSkill, graph.value(requirement, PM.skill)) == {document}
        assert citing(requirement, PM.proficiency, graph.value(requirement, PM.proficiency))
    for move in graph.subjects(RDF.type, PM.Transition):
        source, target = graph.value(move, PM.fromRole), graph.value(move, PM.toRole)
        shortcut = PM.lateralMoveTo if (source, PM.lateralMoveTo, target) in graph else PM.promotesTo
        assert citing(source, shortcut, target) == {document}, move
        assert (move, DCTERMS.source, None) not in graph  # no node cited as a whole
    for statement in graph.subjects(RDF.type, RDF.Statement):
        assert graph.value(statement, DCTERMS.source) is not None, statement
    assert not any(isinstance(term, pmgraph.ladders.rdf.rdflib.BNode) for triple in graph for term in triple)


def test_csv_and_yaml_give_the_same_ladder():
    _both, only_yaml, only_csv = graph_diff(to_isomorphic(import_ladder(ACME_YAML)),
                                            to_isomorphic(import_ladder(ACME_CSV)))
    # Only the description of the source file differs (its name, hash and format).
    assert {p for _s, p, _o in only_yaml} == {p for _s, p, _o in only_csv} == {
        PM.sourceFile, DCTERMS.identifier, SKOS.note, DCTERMS.title}


# --------------------------------------------------------------------------- progression framework (Monzo)


def test_monzo_product_levels_topics_criteria_and_promotions():
    graph = import_ladder(PRODUCT, years=(1, 2))
    role = lambda n: graph.resource(f"{PRODUCT_BASE}role/level-{n}").identifier  # noqa: E731
    # product.md: "levels: 4" and seven topics (problem solving ... feedback).
    assert roles(graph) == {role(n) for n in (1, 2, 3, 4)}
    assert sorted(str(graph.value(s, SKOS.prefLabel)) for s in graph.subjects(RDF.type, PM.Skill)) == [
        "Communication and Feedback", "Data Skills", "Domain Knowledge", "Execution", "Problem solving",
        "User-centricity", "Works Through Others"]
    assert str(graph.value(role(2), SKOS.prefLabel)) == "Product level 2"
    assert graph.value(role(2), PM.function) == PM.ProductFunction
    # The levels chain by promotion: 1 -> 2 -> 3 -> 4 and nothing else.
    assert set(graph.subject_objects(PM.promotesTo)) == {(role(1), role(2)), (role(2), role(3)), (role(3), role(4))}
    # Level 1 criteria counted by hand in product.md: 3 + 2 + 2 + 2 + 1 + 2 + 3 = 15.
    notes = [n for req in graph.objects(role(1), PM.hasSkillRequirement) for n in graph.objects(req, SKOS.note)]
    assert len(notes) == 15
    execution = graph.resource(f"{PRODUCT_BASE}requirement/level-1--execution")
    assert [str(n) for n in execution.objects(SKOS.note)] == [
        "Can prioritise defined tasks based on effort, impact, user needs and business goals."]
    # Proficiency: level n needs each topic at the n-th step of the scale.
    assert execution.value(PM.proficiency).identifier == PROFICIENCY["awareness"]
    assert graph.value(graph.resource(f"{PRODUCT_BASE}requirement/level-4--execution").identifier,
                       PM.proficiency) == PROFICIENCY["expert"]


def test_monzo_marketing_seven_levels_three_topics_capped_proficiency():
    graph = import_ladder(MARKETING, years=(1, 2))
    assert len(roles(graph)) == 7
    assert len(set(graph.subjects(RDF.type, PM.Skill))) == 3
    assert len(set(graph.subjects(RDF.type, PM.Transition))) == 6
    ranks = [graph.value(graph.resource(f"{MARKETING_BASE}requirement/level-{n}--domain-knowledge").identifier,
                         PM.proficiency) for n in range(1, 8)]
    assert ranks == [PROFICIENCY[p] for p in
                     ("awareness", "working", "practitioner", "expert", "authority", "authority", "authority")]


def test_derived_facts_are_marked_and_say_how():
    graph = import_ladder(PRODUCT, years=(1, 2))
    derived = graph.resource(f"{PRODUCT_BASE}source/derived")
    assert derived.value(RDF.type).identifier == PM.EditorialSource
    text = str(derived.value(SKOS.definition))
    assert "typical years between levels (1-2) were given by the person who ran the import" in text
    level = graph.resource(f"{PRODUCT_BASE}role/level-1").identifier
    # the values a rule filled in cite the rules, value by value; the rest cite the file
    by_rule = {graph.value(st, RDF.predicate) for st in graph.subjects(RDF.subject, level)
               if (st, DCTERMS.source, derived.identifier) in graph}
    assert by_rule and RDF.type not in by_rule


def test_progression_without_years_has_moves_without_years():
    """A progression framework states no years: imported without --years, its moves have none."""
    from rdflib import RDF

    graph = import_ladder(PRODUCT)
    moves = set(graph.subjects(RDF.type, PM.Transition))
    assert len(moves) == 3
    assert not any((move, PM.yearsMin, None) in graph or (move, PM.yearsMax, None) in graph for move in moves)


def test_progression_years_given_are_cited_as_the_importers_own():
    from rdflib import DCTERMS, RDF

    graph = import_ladder(PRODUCT, years=(1, 2))
    cited = [s for s in graph.subjects(RDF.type, RDF.Statement) if graph.value(s, RDF.predicate) == PM.yearsMin]
    assert len(cited) == 3
    for statement in cited:
        sources = set(graph.objects(statement, DCTERMS.source))
        assert len(sources) == 1 and (next(iter(sources)), RDF.type, PM.EditorialSource) in graph
    with pytest.raises(InvalidDataError, match="must satisfy 0 <= min <= max"):
        import_ladder(PRODUCT, years=("nan", "1"))


# --------------------------------------------------------------------------- validity


@pytest.mark.parametrize("source, options", [
    (ACME_YAML, {}), (ACME_CSV, {}), (ACME_YAML, {"align": True}),
    (PRODUCT, {"years": (1, 2)}), (MARKETING, {"years": (1, 2), "align": True}),
], ids=["yaml", "csv", "yaml-aligned", "monzo-product", "monzo-marketing-aligned"])
def test_imported_ladder_validates_with_the_bundled_ontology(tmp_path, bundled, source, options):
    out = write_turtle(import_ladder(source, against=bundled, **options), tmp_path / "ladder.ttl")
    report = pmgraph.validate(load([out]))
    assert report.conforms, [str(v) for v in report.errors]


# --------------------------------------------------------------------------- alignment


def test_align_rule_on_monzo_product(bundled):
    graph = import_ladder(PRODUCT, years=(1, 2), align=True, against=bundled)
    matched = {str(s).rsplit("/", 1)[-1]: str(o).rsplit("/", 1)[-1] for s, o in graph.subject_objects(SKOS.closeMatch)}
    # By hand, same level and function, label-word overlap ('level' and digits dropped):
    #   1: APM is the only level-1 product role.
    #   2: 'product' overlaps PM and PO equally (1/2), TPM less (1/3); both IC; difflib ratio
    #      'product level 2' ~ 'product owner' 0.64 > ~ 'product manager' 0.60 -> Product Owner.
    #   3: Senior PM is the only level-3 product role.
    #   4: Principal PM and Group PM tie at 1/3; Principal is on the IC track like the import.
    assert matched == {"level-1": "associate-product-manager", "level-2": "product-owner",
                       "level-3": "senior-product-manager", "level-4": "principal-product-manager"}
    level3 = graph.resource(f"{PRODUCT_BASE}role/level-3").identifier
    assert (level3, PM.lateralMoveTo, ROLE["senior-product-manager"]) in graph
    assert (ROLE["senior-product-manager"], PM.lateralMoveTo, level3) in graph


def test_align_reuses_bundled_skills_by_label(bundled):
    graph = import_ladder(ACME_YAML, align=True, against=bundled)
    required = {str(graph.value(s, SKOS.prefLabel) or bundled.value(s, SKOS.prefLabel))
                for s in graph.objects(None, PM.requiresSkill)}
    assert len(required) == 5
    bundled_skills = set(bundled.subjects(RDF.type, PM.Skill))
    reused = {s for s in graph.objects(None, PM.requiresSkill) if s in bundled_skills}
    assert reused and all(not str(s).startswith(ACME) for s in reused)


# --------------------------------------------------------------------------- writing


def test_same_input_same_bytes_across_processes(tmp_path):
    code = ("import sys; from pmgraph.ladders.rdf import import_ladder, serialize_turtle; "
            "sys.stdout.buffer.write(serialize_turtle(import_ladder(sys.argv[1], years=(1, 2))))")
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        outputs.add(subprocess.run([sys.executable, "-c", code, str(PRODUCT)], env=env, check=True,
                                   capture_output=True).stdout)
    assert len(outputs) == 1
    assert serialize_turtle(import_ladder(PRODUCT, years=(1, 2))) in outputs


def test_write_refuses_existing_output_without_force(tmp_path):
    graph = import_ladder(ACME_YAML)
    out = tmp_path / "acme.ttl"
    out.write_text("keep me")
    with pytest.raises(InvalidDataError, match=r"acme\.ttl: already exists — pass force=True"):
        write_turtle(graph, out)
    assert out.read_text() == "keep me"
    write_turtle(graph, out, force=True)
    assert out.read_bytes() == serialize_turtle(graph)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.ttl"]  # no temporary file left behind


def test_write_into_missing_directory_is_named(tmp_path):
    with pytest.raises(InvalidDataError, match="does not exist — create it first"):
        write_turtle(import_ladder(ACME_YAML), tmp_path / "nowhere" / "acme.ttl")


def test_inputs_are_never_modified(tmp_path):
    before = {p: sha(p) for p in (ACME_YAML, ACME_CSV, PRODUCT, MARKETING)}
    for path in before:
        write_turtle(import_ladder(path, years=(1, 2), align=True), tmp_path / f"{path.name}.ttl")
    assert {p: sha(p) for p in before} == before


# --------------------------------------------------------------------------- bad input: file, line, field


YAML_HEAD = "company: X\nskills:\n  - {label: Delivery, category: Craft}\n"
ROLE_OK = ("  - id: pm\n    label: PM\n    definition: d\n    level: 2\n    track: ic\n    function: product\n"
           "    responsibilities: [Ship]\n    skills: {Delivery: working}\n")


@pytest.mark.parametrize("text, line, message", [
    ("company: [unclosed\n", 1, "flow sequence never closed"),
    (YAML_HEAD + "roles:\n" + ROLE_OK.replace("level: 2", "level: two") + "promotions: []\n", 8,
     "role 'pm': 'level' must be a whole number, found 'two'"),
    (YAML_HEAD + "roles:\n" + ROLE_OK.replace("track: ic", "track: icc") + "promotions: []\n", 9,
     "role 'pm': unknown track 'icc'"),
    (YAML_HEAD + "roles:\n" + ROLE_OK.replace("Delivery: working", "Delivry: working") + "promotions: []\n", 12,
     "requires skill 'Delivry', which is not listed under skills: (did you mean 'delivery'?)"),
    (YAML_HEAD + "roles:\n" + ROLE_OK.replace("Delivery: working", "Delivery: guru") + "promotions: []\n", 12,
     "unknown proficiency 'guru'"),
    (YAML_HEAD + "roles:\n" + ROLE_OK + ROLE_OK + "promotions: []\n", 13,
     "role id 'pm' is used twice (first on line 5)"),
    (YAML_HEAD + "roles:\n" + ROLE_OK + "promotions:\n  - {from: pm, to: boss, years: [1, 2]}\n", 14,
     "'to' names no role id"),
    (YAML_HEAD + "roles:\n" + ROLE_OK + ROLE_OK.replace("id: pm", "id: spm").replace("level: 2", "level: 3")
     + "promotions:\n  - {from: pm, to: spm}\n", 22, "has no years — add years: [min, max]"),
    (YAML_HEAD + "roles:\n" + ROLE_OK + ROLE_OK.replace("id: pm", "id: spm").replace("level: 2", "level: 1")
     + "promotions:\n  - {from: pm, to: spm, years: [1, 2]}\n", 22, "goes from level 2 to 1, not up"),
    (YAML_HEAD + "roles:\n" + ROLE_OK + ROLE_OK.replace("id: pm", "id: spm").replace("level: 2", "level: 3")
     + "promotions:\n  - {from: pm, to: spm, years: [3, 1]}\n", 22, "must satisfy 0 <= min <= max"),
    (YAML_HEAD + "roles:\n" + ROLE_OK.replace("    level", "    reports_to: pm\n    level") + "promotions: []\n", 5,
     "reporting loop pm -> pm"),
    (YAML_HEAD + "roles:\n" + ROLE_OK + "promotions: []\ncompnay: X\n", 14, "unknown top-level field 'compnay' "
     "(did you mean 'company'?)"),
    (YAML_HEAD + "roles:\n" + ROLE_OK.replace("    responsibilities: [Ship]\n", "") + "promotions: []\n", 5,
     "role 'pm' has no 'responsibilities'"),
    ("company: X\ncompany: Y\n", 2, "duplicate key 'company' (first on line 1)"),
])
def test_bad_yaml_names_file_line_and_field(tmp_path, text, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(InvalidDataError) as caught:
        import_ladder(path)
    assert caught.value.file == str(path)
    assert message in caught.value.detail, caught.value.detail
    assert caught.value.line == line, str(caught.value)


CSV_HEAD = "record,id,label,definition,level,track,function,responsibilities,category,role,skill,proficiency\n"


@pytest.mark.parametrize("text, line, message", [
    ("recrod,id\n", 1, "unknown column 'recrod' (did you mean 'record'?)"),
    (CSV_HEAD + "rol,pm,PM,d,2,ic,product,Ship,,,,\n", 2, "record 'rol' is not one of"),
    (CSV_HEAD + "skill,delivery,Delivery,,,,,,Craft,,,\nrole,pm,PM,d,2,ic,product,Ship,,,,\n"
     "requirement,,,,,,,,,pm,Delivery,guru\n", 4, "unknown proficiency 'guru'"),
    (CSV_HEAD + "skill,delivery,Delivery,,3,,,,Craft,,,\n", 2, "a skill row does not use column 'level'"),
    (CSV_HEAD + "skill,delivery,Delivery,,,,,,Craft,,,\nrole,pm,PM,d,2,ic,product,Ship,,,,\n"
     "requirement,,,,,,,,,pmm,Delivery,working\n", 4, "role 'pmm' has no role row (did you mean 'pm'?)"),
])
def test_bad_csv_names_row_and_column(tmp_path, text, line, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(InvalidDataError) as caught:
        import_ladder(path)
    assert message in caught.value.detail, caught.value.detail
    assert caught.value.line == line


@pytest.mark.parametrize("edit, line, message", [
    (lambda t: t.replace("levels: 4", "levels: four"), 7, "'levels' must be a whole number"),
    (lambda t: t.replace("      - level: 4\n", "      - level: 5\n", 1), 32, "level 5 is outside 1..4"),
    (lambda t: t.replace("---\n", "", 1), 1, "starts with '---'"),
    (lambda t: t.rstrip().removesuffix("---"), 1, "never closed"),
    (lambda t: t.replace('title: "🚀 Product Framework"', 'title: "Squad Framework"'), 3,
     "cannot tell the function from the title"),
])
def test_bad_progression_framework_names_line(tmp_path, edit, line, message):
    path = tmp_path / "framework.md"
    path.write_text(edit(PRODUCT.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        import_ladder(path, years=(1, 2))
    assert message in caught.value.detail, caught.value.detail
    assert caught.value.line == line


def test_unknown_suffix_and_missing_file(tmp_path):
    with pytest.raises(InvalidDataError, match="cannot tell the ladder format"):
        import_ladder(tmp_path / "ladder.txt")
    with pytest.raises(InvalidDataError, match="no such file"):
        import_ladder(tmp_path / "ladder.yaml")


# --------------------------------------------------------------------------- merging --data files


CONFLICT = """@prefix pm: <https://w3id.org/pmgraph/ontology#> .
@prefix role: <https://w3id.org/pmgraph/role/> .
role:senior-product-manager pm:level 4 .
"""


def test_conflicting_level_is_reported_with_both_files(tmp_path):
    path = tmp_path / "mine.ttl"
    path.write_text(CONFLICT)
    with pytest.raises(InvalidDataError) as caught:
        load([path])
    message = str(caught.value)
    assert "conflicting definitions, not merged: 'Senior Product Manager' (role:senior-product-manager) " \
           f"pm:level is '3' (in the bundled ontology) and '4' (in {path})" in message


def test_same_file_twice_and_an_imported_ladder_do_not_conflict(tmp_path):
    out = write_turtle(import_ladder(PRODUCT, years=(1, 2)), tmp_path / "product.ttl")
    graph = load([out, out])
    assert find_conflicts(graph) == []


def test_two_values_inside_one_file_are_left_to_validate(tmp_path):
    path = tmp_path / "mine.ttl"
    path.write_text(CONFLICT.replace("pm:level 4 .", "pm:level 4 .\nrole:x pm:level 1 , 2 .")
                    .replace("role:senior-product-manager pm:level 4 .\n", ""))
    graph = load([path])  # no merge conflict: the file itself says both
    assert find_conflicts(graph) == ["role:x pm:level is '1' and '2'"]
