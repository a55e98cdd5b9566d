"""pmgraph provenance: who states each kind of fact, counted per scope — checked against counts made
independently, and against small graphs whose answers are known."""

import json

import pytest
from click.testing import CliRunner

from pmgraph.audit.provenance import KINDS, provenance
from pmgraph.cli import cli
from tools.frameworks import FRAMEWORKS


@pytest.fixture(scope="module")
def counts():
    return {(c.scope, c.kind): c for c in provenance()}


def test_every_scope_and_kind_is_counted_and_adds_up(counts):
    assert set(counts) == {(scope, kind) for scope in ("reference", *FRAMEWORKS) for kind in KINDS}
    for c in counts.values():
        assert c.total == c.stated + c.derived + c.editorial + c.as_a_whole + c.unsourced
        assert c.sourced == c.stated + c.derived


def test_reference_counts_match_the_graph(counts, bundled):
    from rdflib import DCTERMS, RDF

    from pmgraph.vocab import EDITORIAL, PM

    transitions = set(bundled.subjects(RDF.type, PM.Transition))
    assert counts["reference", "moves"].total == len(transitions)
    def sources(move):
        ends = (bundled.value(move, PM.fromRole), bundled.value(move, PM.toRole))
        cited = {src for s in bundled.subjects(RDF.subject, ends[0]) if bundled.value(s, RDF.object) == ends[1]
                 and bundled.value(s, RDF.predicate) in (PM.promotesTo, PM.lateralMoveTo)
                 for src in bundled.objects(s, DCTERMS.source)}
        return set(bundled.objects(move, DCTERMS.source)) | cited

    only_editorial = [t for t in transitions if sources(t) == {EDITORIAL}]
    assert counts["reference", "moves"].editorial == len(only_editorial)
    assert counts["reference", "moves"].sourced == len(transitions) - len(only_editorial)

    # The three grades, counted statement by statement: one citing a DerivationRule is derived;
    # else one citing anything but an editorial source stated; else editorial. A move takes its best.
    rules = set(bundled.subjects(RDF.type, PM.DerivationRule))
    editorial = set(bundled.subjects(RDF.type, PM.EditorialSource))

    def grade(cited):
        return "derived" if cited & rules else "stated" if cited - editorial else "editorial"

    def best(move):
        ends = (bundled.value(move, PM.fromRole), bundled.value(move, PM.toRole))
        groups = [set(bundled.objects(move, DCTERMS.source))]
        groups += [set(bundled.objects(s, DCTERMS.source)) for s in bundled.subjects(RDF.subject, ends[0])
                   if bundled.value(s, RDF.object) == ends[1]
                   and bundled.value(s, RDF.predicate) in (PM.promotesTo, PM.lateralMoveTo)]
        grades = {grade(g) for g in groups if g}
        return next(g for g in ("stated", "derived", "editorial") if g in grades)

    tally = {"stated": 0, "derived": 0, "editorial": 0}
    for move in transitions:
        tally[best(move)] += 1
    moves = counts["reference", "moves"]
    assert (moves.stated, moves.derived, moves.editorial) == (tally["stated"], tally["derived"], tally["editorial"])
    # No source states how long a move takes: every reference year is an editorial estimate, cited per value.
    with_years = [t for t in transitions if (t, PM.yearsMin, None) in bundled]
    years = counts["reference", "move years"]
    assert (years.editorial, years.sourced, years.as_a_whole) == (len(with_years), 0, 0)
    # Every proficiency is cited per value: a framework states it, or it is an editorial estimate.
    proficiencies = counts["reference", "proficiencies"]
    assert proficiencies.as_a_whole == proficiencies.unsourced == 0
    assert proficiencies.sourced + proficiencies.editorial == proficiencies.total
    assert proficiencies.sourced >= 100
    traced = counts["reference", "requirements"]
    assert traced.sourced / traced.total >= 0.8
    requirements = set(bundled.subjects(RDF.type, PM.SkillRequirement))
    assert counts["reference", "requirements"].total == len(requirements)


def test_frameworks_state_no_years_and_cite_every_value(counts):
    for framework in FRAMEWORKS:
        assert counts[framework, "move years"].total == 0
        for kind in KINDS:
            c = counts[framework, kind]
            assert c.as_a_whole == 0 and c.unsourced == 0, (framework, kind)


def test_a_value_cited_per_value_counts_as_sourced(tmp_path):
    extra = tmp_path / "cited.ttl"
    extra.write_text("""
        @prefix pm: <https://w3id.org/pmgraph/ontology#> .
        @prefix tr: <https://w3id.org/pmgraph/transition/> .
        @prefix src: <https://w3id.org/pmgraph/source/> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        <https://example.org/st> a rdf:Statement ; rdf:subject tr:product-manager--senior-product-manager ;
            rdf:predicate pm:yearsMin ; rdf:object 2.0 ; dct:source src:doc-7aac459293c912b7 .
    """, encoding="utf-8")
    before = {(c.scope, c.kind): c for c in provenance()}["reference", "move years"]
    after = {(c.scope, c.kind): c for c in provenance([extra])}["reference", "move years"]
    assert (after.sourced, after.editorial) == (before.sourced + 1, before.editorial - 1)
    assert (after.stated, after.derived) == (before.stated + 1, before.derived)


def test_a_value_citing_a_derivation_rule_counts_as_derived_not_stated(tmp_path):
    """A statement citing a page and a rule is derived; the value's best statement decides."""
    extra = tmp_path / "derived.ttl"
    extra.write_text("""
        @prefix pm: <https://w3id.org/pmgraph/ontology#> .
        @prefix tr: <https://w3id.org/pmgraph/transition/> .
        @prefix src: <https://w3id.org/pmgraph/source/> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        <https://example.org/rule> a pm:EditorialSource , pm:DerivationRule .
        <https://example.org/st> a rdf:Statement ; rdf:subject tr:product-manager--senior-product-manager ;
            rdf:predicate pm:yearsMin ; rdf:object 2.0 ;
            dct:source src:doc-7aac459293c912b7 , <https://example.org/rule> .
    """, encoding="utf-8")
    before = {(c.scope, c.kind): c for c in provenance()}["reference", "move years"]
    after = {(c.scope, c.kind): c for c in provenance([extra])}["reference", "move years"]
    assert (after.stated, after.derived, after.editorial) == (before.stated, before.derived + 1, before.editorial - 1)


def test_cli_text_and_json(tmp_path):
    runner = CliRunner()
    text = runner.invoke(cli, ["--cache-dir", str(tmp_path), "provenance"])
    assert text.exit_code == 0, text.output
    assert text.output.splitlines()[0].split()[:3] == ["scope", "kind", "total"]
    data = json.loads(runner.invoke(cli, ["--cache-dir", str(tmp_path), "provenance", "--format", "json"]).output)
    assert {row["kind"] for row in data} == set(KINDS)
    assert all(row["total"] == row["stated"] + row["derived"] + row["editorial"] + row["as_a_whole"]
               + row["unsourced"] and row["sourced"] == row["stated"] + row["derived"] for row in data)
    assert text.output.splitlines()[0].split()[3:6] == ["stated", "derived", "editorial"]


def test_the_articles_one_number_is_experience_before_head_of_product(bundled, tmp_path):
    """The article recommends three to five years' experience before becoming a head of product: stored as
    experience before the role, cited to the article; no move cites the article for its years."""
    from rdflib import DCTERMS, RDF

    from pmgraph.vocab import PM, ROLE, SOURCE_DOCUMENT

    role = ROLE["head-of-product"]
    assert (float(bundled.value(role, PM.experienceYearsMin)),
            float(bundled.value(role, PM.experienceYearsMax))) == (3, 5)
    cited = {bundled.value(s, DCTERMS.source) for s in bundled.subjects(RDF.subject, role)
             if bundled.value(s, RDF.predicate) in (PM.experienceYearsMin, PM.experienceYearsMax)}
    assert cited == {SOURCE_DOCUMENT}
    for statement in bundled.subjects(RDF.type, RDF.Statement):
        if bundled.value(statement, RDF.predicate) in (PM.yearsMin, PM.yearsMax):
            assert SOURCE_DOCUMENT not in set(bundled.objects(statement, DCTERMS.source))
    shown = CliRunner().invoke(cli, ["--cache-dir", str(tmp_path), "show", "head of product"])
    assert "  experience before the role: at least 3-5 years (article)" in shown.output.splitlines()
