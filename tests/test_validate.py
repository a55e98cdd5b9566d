"""Validation: the bundled ontology is valid, and each kind of breakage is caught with its message."""

from decimal import Decimal

import pytest
from click.testing import CliRunner
from rdflib import DCTERMS, RDF, Literal

import pmgraph
from pmgraph import PM
from pmgraph.cli import cli
from pmgraph.vocab import EDITORIAL, ROLE, STATEMENT, TRANSITION


def test_bundled_ontology_is_valid(bundled):
    report = pmgraph.validate(bundled)
    assert report.errors == (), "\n".join(map(str, report.errors))
    assert report.conforms


def test_fixture_ladder_is_valid(ladder):
    report = pmgraph.validate(ladder)
    assert report.errors == ()
    # Its only warnings: the promotions whose higher role's sources do not mention a requirement
    # of the role below (the fixture keeps them, to test "not stated for").
    assert sorted((v.label, v.rule, v.message.split("'")[3]) for v in report.violations) == [
        ("Fixture Group PM", "promotion-drop", "Roadmapping"),
        ("Fixture Principal PM", "promotion-drop", "Roadmapping"),
        ("Fixture Senior PM", "promotion-drop", "Analytics"),
        ("Fixture Senior PM", "promotion-drop", "Analytics"),
    ]
    assert all(v.severity == "warning" for v in report.violations)


# --------------------------------------------------------------------------- breakages
# Each breakage edits a copy of a valid graph (loaded, changed, written to a file) and expects the
# violation line "<role label>: <message>" to name the problem. The copy is the fixture ladder
# (tests/data/ladder.ttl with the schema: a tenth of a second to validate) unless the rule needs
# the frameworks' facts (NEEDS_BUNDLED: a copy of the bundled ontology, a second or more).


def add_transition(graph, source, target, kind=PM.PromotionWithinTrack, years=("1.0", "2.0")):
    node = TRANSITION[f"{source}--{target}"]
    graph.add((node, RDF.type, PM.Transition))
    graph.add((node, PM.fromRole, ROLE[source]))
    graph.add((node, PM.toRole, ROLE[target]))
    graph.add((node, PM.transitionKind, kind))
    graph.add((node, PM.yearsMin, Literal(Decimal(years[0]))))
    graph.add((node, PM.yearsMax, Literal(Decimal(years[1]))))
    graph.add((node, DCTERMS.source, EDITORIAL))
    graph.add((ROLE[source], PM.lateralMoveTo if kind == PM.LateralMove else PM.promotesTo, ROLE[target]))


def promotion_cycle(graph):
    add_transition(graph, "fx-cpo", "fx-pm")


def lateral_across_levels(graph):
    # the rule import applies to a user's ladder: a lateral move keeps its level
    add_transition(graph, "fx-pm", "fx-director", kind=PM.LateralMove)


def level_inversion(graph):
    graph.set((ROLE["fx-spm"], PM.level, Literal(9)))


def missing_transition_source(graph):
    graph.remove((TRANSITION["fx-pm--fx-spm"], DCTERMS.source, None))
    # ... and any citation of the same move (statements on its shortcut triple)
    for statement in list(graph.subjects(RDF.subject, ROLE["fx-pm"])):
        if graph.value(statement, RDF.predicate) == PM.promotesTo:
            graph.remove((statement, None, None))


def missing_citation(graph):
    for statement in list(graph.subjects(RDF.subject, ROLE["fx-pm"])):
        if graph.value(statement, RDF.predicate) == PM.reportsTo:
            graph.remove((statement, None, None))


def bad_level_literal(graph):
    graph.set((ROLE["fx-pm"], PM.level, Literal("senior")))


def bad_years_literal(graph):
    graph.set((TRANSITION["fx-pm--fx-spm"], PM.yearsMin, Literal("two")))


def reporting_loop(graph):
    graph.add((ROLE["fx-cpo"], PM.reportsTo, ROLE["fx-pm"]))
    statement = STATEMENT["fx-cpo--reportsTo--fx-pm"]
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, ROLE["fx-cpo"]))
    graph.add((statement, RDF.predicate, PM.reportsTo))
    graph.add((statement, RDF.object, ROLE["fx-pm"]))
    graph.add((statement, DCTERMS.source, EDITORIAL))


def years_backwards(graph):
    node = TRANSITION["fx-pm--fx-spm"]
    high = graph.value(node, PM.yearsMax)
    graph.set((node, PM.yearsMin, Literal(Decimal(str(high)) + 3)))


def shortcut_without_transition(graph):
    graph.add((ROLE["fx-pm"], PM.promotesTo, ROLE["fx-director"]))


def dangling_skill(graph):
    requirement = next(graph.objects(ROLE["fx-pm"], PM.hasSkillRequirement))
    graph.set((requirement, PM.skill, ROLE["no-such-skill"]))


def untitled_source(graph):
    graph.remove((EDITORIAL, DCTERMS.title, None))


def one_end_of_years(graph):
    graph.remove((TRANSITION["fx-pm--fx-spm"], PM.yearsMax, None))


def unsourced_requirement(graph):
    from rdflib import DCTERMS

    requirement = next(iter(graph.objects(ROLE["fx-pm"], PM.hasSkillRequirement)))
    graph.remove((requirement, DCTERMS.source, None))
    skill = graph.value(requirement, PM.skill)
    for statement in list(graph.subjects(RDF.object, skill)):  # and the statements citing it
        if (statement, RDF.subject, ROLE["fx-pm"]) in graph:
            graph.remove((statement, None, None))


def unsourced_role(graph):
    from rdflib import DCTERMS

    graph.remove((ROLE["fx-pm"], DCTERMS.source, None))
    for statement in list(graph.subjects(RDF.subject, ROLE["fx-pm"])):
        graph.remove((statement, None, None))


def unlabelled_track(graph):
    from rdflib import SKOS

    graph.remove((PM.Executive, SKOS.prefLabel, None))


def _level_statement(graph):
    """The requirement senior PM -> agile delivery (DDaT: expert) and the statement citing its level."""
    from rdflib import URIRef

    requirement = URIRef("https://w3id.org/pmgraph/requirement/senior-product-manager--agile-delivery")
    (statement,) = [st for st in graph.subjects(RDF.subject, requirement)
                    if (st, RDF.predicate, PM.proficiency) in graph]
    return requirement, statement


def level_not_stated(graph):
    from pmgraph.vocab import PROFICIENCY

    requirement, statement = _level_statement(graph)
    graph.set((requirement, PM.proficiency, PROFICIENCY.working))  # DDaT says expert
    graph.set((statement, RDF.object, PROFICIENCY.working))


def underived_citation(graph):
    from rdflib import URIRef

    _requirement, statement = _level_statement(graph)
    graph.remove((statement, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))


def broken_crosswalk_link(graph):
    from rdflib import SKOS, URIRef

    graph.add((ROLE["fx-pm"], SKOS.closeMatch, URIRef("https://w3id.org/pmgraph/framework/gitlab/role/no-such-role")))


BREAKAGES = [
    pytest.param(level_not_stated, "req:senior-product-manager--agile-delivery",
                 "for pm:proficiency 'working', which that page does not state", marks=pytest.mark.slow),
    pytest.param(underived_citation, "req:senior-product-manager--agile-delivery",
                 "without naming the framework fact it comes from", marks=pytest.mark.slow),
    (broken_crosswalk_link, "Fixture PM", "which is no role of a framework"),
    (untitled_source, "src:editorial", "is a source with no title — add dct:title"),
    (unlabelled_track, "pm:Executive", "with no preferred label — add skos:prefLabel"),
    (promotion_cycle, "Fixture Chief Product Officer", "is in a promotion cycle"),
    (promotion_cycle, "Fixture Chief Product Officer",
     "promotes to 'Fixture PM' at level 2, not above its own level 6"),
    (level_inversion, "Fixture Senior PM", "not above its own level 9"),
    (lateral_across_levels, "Fixture PM", "moves laterally to 'Fixture Director' from level 2 to"),
    (missing_transition_source, "Fixture PM [tr:fx-pm--fx-spm]", "has a transition with no source — add dct:source"),
    (missing_citation, "Fixture PM", "with no source — cite it with an rdf:Statement"),
    (bad_level_literal, "Fixture PM", "has a level that is not an integer — write pm:level as a whole number"),
    (bad_years_literal, "Fixture PM [tr:fx-pm--fx-spm]", "pm:yearsMin is not one decimal of at least 0"),
    (one_end_of_years, "Fixture PM [tr:fx-pm--fx-spm]", "with only one end of its years range"),
    (unsourced_requirement, "Fixture PM [req:fx-pm--", "has a skill requirement with no source — add dct:source"),
    (unsourced_role, "Fixture PM", "has no source — add dct:source"),
    (reporting_loop, "Fixture Chief Product Officer", "is in a reporting loop"),
    (years_backwards, "Fixture PM [tr:fx-pm--fx-spm]", "years range runs backwards"),
    (shortcut_without_transition, "Fixture PM", "promotes to 'Fixture Director' with no pm:Transition"),
    (dangling_skill, "Fixture PM [req:fx-pm--", "without exactly one skill"),
]
#: The breakages that need the frameworks' facts (a DDaT page's stated levels and their derivations).
NEEDS_BUNDLED = {level_not_stated, underived_citation}


@pytest.fixture
def broken_copy(tmp_path, ladder_files):
    def make(breakage):
        if breakage in NEEDS_BUNDLED:
            graph = pmgraph.load(engine="rdflib")
        else:
            graph = pmgraph.load(ladder_files, bundled=False, engine="rdflib")
        breakage(graph)
        path = tmp_path / "roles-broken.ttl"
        graph.serialize(path, format="turtle", encoding="utf-8")
        return path

    return make


@pytest.mark.slow
def test_a_breakage_in_the_bundled_ontology_is_caught(tmp_path):
    """The breakages above run on the fixture ladder; one runs on a copy of the whole bundled graph."""
    graph = pmgraph.load(engine="rdflib")
    add_transition(graph, "chief-product-officer", "product-manager")
    path = tmp_path / "roles-broken.ttl"
    graph.serialize(path, format="turtle", encoding="utf-8")
    lines = [str(v) for v in pmgraph.validate(pmgraph.load([path], bundled=False)).errors]
    for message in ("is in a promotion cycle", "promotes to 'Product Manager' at level 2, not above its own level 8"):
        assert any(line.startswith("Chief Product Officer") and message in line for line in lines), "\n".join(lines)


@pytest.mark.parametrize("breakage, label, message", BREAKAGES, ids=lambda v: getattr(v, "__name__", None))
def test_breakage_is_caught(broken_copy, breakage, label, message):
    path = broken_copy(breakage)
    report = pmgraph.validate(pmgraph.load([path], bundled=False))
    assert not report.conforms
    lines = [str(v) for v in report.errors]
    assert any(line.startswith(label) and message in line for line in lines), "\n".join(lines)


@pytest.mark.parametrize("breakage, label, message", BREAKAGES[:4], ids=lambda v: getattr(v, "__name__", None))
def test_cli_prints_one_line_per_violation_and_exits_1(broken_copy, breakage, label, message):
    path = broken_copy(breakage)
    result = CliRunner().invoke(cli, ["validate", "--no-bundled", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stdout.splitlines()
    assert any(line.startswith(label) and message in line for line in lines)
    assert all(":" in line and "Traceback" not in line for line in lines)
    assert "invalid:" in result.stderr


def test_cli_valid_bundled_exits_0():
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("valid: 0 error(s)")


def test_cli_validates_user_file_with_bundled(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix pm: <https://w3id.org/pmgraph/ontology#> .\n"
        "@prefix role: <https://w3id.org/pmgraph/role/> .\n"
        "role:product-manager pm:promotesTo role:director-of-product .\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(extra)])
    assert result.exit_code == 1
    assert "Product Manager: promotes to 'Director of Product' with no pm:Transition" in result.stdout


def test_cli_json_report(broken_copy):
    import json

    path = broken_copy(level_inversion)
    result = CliRunner().invoke(cli, ["validate", "--no-bundled", "--format", "json", str(path)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    assert {"label", "message", "focus", "rule", "severity"} <= set(report["violations"][0])
    assert any(v["rule"] == "level-inversion" for v in report["violations"])


@pytest.mark.parametrize(
    "content, expected",
    [
        ('@prefix ex: <http://example.org/> .\nex:a ex:b "open .\n', ":3: Turtle syntax error: "),
        ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .\n", ":3: Turtle syntax error: "),
    ],
)
def test_cli_malformed_turtle_is_one_line_exit_1(tmp_path, content, expected):
    bad = tmp_path / "mine.ttl"
    bad.write_text("\n" + content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {bad}")
    assert "Turtle syntax error" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_cli_missing_file_is_one_line_exit_1(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'nope.ttl'}: no such file; check the path"


def test_cli_no_bundled_without_files_is_usage_error():
    result = CliRunner().invoke(cli, ["validate", "--no-bundled"])
    assert result.exit_code == 2


def test_unknown_is_a_value_years_proficiency_and_importance_may_be_left_out(bundled):
    """A move whose years no source states, a requirement without a stated proficiency or importance:
    valid, as long as what is stated is cited (here by statements only, as a framework cites)."""
    from rdflib import DCTERMS

    graph = pmgraph.load()
    move = TRANSITION["product-manager--senior-product-manager"]
    graph.remove((move, PM.yearsMin, None))
    graph.remove((move, PM.yearsMax, None))
    graph.remove((move, DCTERMS.source, None))
    for cited in list(graph.subjects(RDF.subject, move)):  # the years' own citations go with them
        graph.remove((cited, None, None))
    statement = STATEMENT["test-move"]
    for triple in ((RDF.type, RDF.Statement), (RDF.subject, ROLE["product-manager"]), (RDF.predicate, PM.promotesTo),
                   (RDF.object, ROLE["senior-product-manager"]), (DCTERMS.source, EDITORIAL)):
        graph.add((statement, *triple))
    requirement = next(iter(graph.objects(ROLE["product-manager"], PM.hasSkillRequirement)))
    graph.remove((requirement, PM.proficiency, None))
    graph.remove((requirement, PM.importance, None))
    for cited in list(graph.subjects(RDF.subject, requirement)):  # the proficiency's citation goes with it
        graph.remove((cited, None, None))
    report = pmgraph.validate(graph)
    assert report.conforms, [str(v) for v in report.errors]


def test_a_promotion_levelling_down_without_a_source_is_a_warning(tmp_path, ladder_files):
    """Fixture Director asks Coaching at working, below Fixture Group PM's practitioner: a warning
    naming both roles and the skill, until a source document states the lower level."""
    from pmgraph.vocab import PROFICIENCY, REQUIREMENT, SOURCE

    graph = pmgraph.load(ladder_files, bundled=False, engine="rdflib")
    requirement = REQUIREMENT["fx-director--fx-coaching"]
    graph.set((requirement, PM.proficiency, PROFICIENCY["working"]))
    path = tmp_path / "lower.ttl"
    graph.serialize(path, format="turtle", encoding="utf-8")
    report = pmgraph.validate(pmgraph.load([path], bundled=False))
    assert report.conforms  # a warning, not an error
    found = [str(v) for v in report.warnings if v.rule == "promotion-drop" and "Coaching" in v.message]
    assert found == ["warning: Fixture Group PM: promotes to 'Fixture Director', which asks 'Coaching' at working, "
                     "below practitioner here, a lower level no source states — carry the level forward, or cite a "
                     "source that states the lower level"]
    # A source document stating the lower level: no warning.
    statement = STATEMENT["fx-director--coaching-level"]
    for triple in ((RDF.type, RDF.Statement), (RDF.subject, requirement), (RDF.predicate, PM.proficiency),
                   (RDF.object, PROFICIENCY["working"]), (DCTERMS.source, SOURCE["fx-handbook"])):
        graph.add((statement, *triple))
    graph.serialize(path, format="turtle", encoding="utf-8")
    report = pmgraph.validate(pmgraph.load([path], bundled=False))
    assert not [v for v in report.warnings if v.rule == "promotion-drop" and "Coaching" in v.message]


def test_cli_validate_counts_promotion_drop_warnings():
    from tests.conftest import LADDER, ontology_dir

    result = CliRunner().invoke(cli, ["validate", "--no-bundled", str(ontology_dir() / "schema.ttl"), str(LADDER)])
    assert result.exit_code == 0, result.output
    assert "warning: Fixture Senior PM: promotes to 'Fixture Group PM', whose sources do not state 'Analytics'" \
        in result.output
