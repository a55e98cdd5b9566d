"""Import never writes wrong data (issue 15): a property test over random ladders.

Hypothesis draws ladders in pmgraph's YAML layout with labels in any script (CJK, Cyrillic,
punctuation-only, labels that clash once slugged), imports each, writes the Turtle, parses it back
and checks the same roles, levels, moves and requirements come out, and that distinct labels got
distinct IRIs (each responsibility, skill category and skill IRI carries one label).
"""

from __future__ import annotations

from pathlib import Path

import rdflib
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import RDF, SKOS

from pmgraph.ladders.rdf import import_ladder, serialize_turtle
from pmgraph.vocab import PM

PROFICIENCIES = ["awareness", "working", "practitioner", "expert"]
# Words from several scripts, and ones whose ASCII slugs collide or are empty.
WORDS = st.sampled_from(["Roadmap", "roadmap", "C++", "C#", "制定", "路线图", "管理团队", "Стратегия",
                         "Café", "Cafe", "!!!", "Δ", "data", "Data-led", "data led", "ünïcode"])
LABELS = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)


@st.composite
def ladders(draw):
    skills = draw(st.lists(LABELS, min_size=1, max_size=5, unique_by=lambda s: " ".join(s.casefold().split())))
    categories = draw(st.lists(LABELS, min_size=1, max_size=3))
    count = draw(st.integers(min_value=2, max_value=6))
    roles = []
    for index in range(count):
        needs = draw(st.lists(st.sampled_from(skills), min_size=1, max_size=len(skills), unique=True))
        roles.append({
            "id": f"r{index}", "label": f"Role {index} " + draw(LABELS), "definition": "A role.",
            "level": index + 1, "track": "ic",
            "function": "product",
            "responsibilities": draw(st.lists(LABELS, min_size=1, max_size=3,
                                              unique_by=lambda s: " ".join(s.casefold().split()))),
            "skills": {need: draw(st.sampled_from(PROFICIENCIES)) for need in needs},
        })
    promotions = [{"from": f"r{i}", "to": f"r{i + 1}", "years": [1, 2]} for i in range(count - 1)]
    data = {"company": "Prop", "skills": [{"label": s, "category": draw(st.sampled_from(categories))} for s in skills],
            "roles": roles, "promotions": promotions}
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ladders())
def test_import_round_trips_and_keeps_labels_apart(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("ladder")
    path = folder / "ladder.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    written = serialize_turtle(import_ladder(path))
    graph = rdflib.Graph().parse(data=written.decode("utf-8"), format="turtle")

    roles = {str(graph.value(r, SKOS.prefLabel)): int(graph.value(r, PM.level))
             for r in graph.subjects(RDF.type, PM.Role)}
    assert roles == {r["label"]: r["level"] for r in data["roles"]}
    label = {r: str(graph.value(r, SKOS.prefLabel)) for r in graph.subjects(RDF.type, PM.Role)}
    moves = {(label[a], label[b]) for a, b in graph.subject_objects(PM.promotesTo)}
    by_id = {r["id"]: r["label"] for r in data["roles"]}
    assert moves == {(by_id[p["from"]], by_id[p["to"]]) for p in data["promotions"]}
    needs = {(label[role], str(graph.value(graph.value(q, PM.skill), SKOS.prefLabel)),
              str(graph.value(q, PM.proficiency)).rsplit("/", 1)[1])
             for role, q in graph.subject_objects(PM.hasSkillRequirement)}
    assert needs == {(r["label"], skill, level) for r in data["roles"] for skill, level in r["skills"].items()}
    # distinct labels, distinct IRIs: no IRI carries two labels, and every label has its IRI
    for kind in (PM.Responsibility, PM.SkillCategory, PM.Skill):
        nodes = set(graph.subjects(RDF.type, kind))
        assert all(len(set(graph.objects(n, SKOS.prefLabel))) == 1 for n in nodes), kind
    duties = {" ".join(d.casefold().split()) for r in data["roles"] for d in r["responsibilities"]}
    assert len(set(graph.subjects(RDF.type, PM.Responsibility))) == len(duties)


def test_a_duplicated_promotion_is_an_error(tmp_path):
    from click.testing import CliRunner

    from pmgraph.cli import cli

    acme = (Path(__file__).resolve().parents[1] / "examples" / "acme-ladder.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ladder.yaml"
    path.write_text(acme.replace("  - {from: pm, to: spm, years: [2, 3]}",
                                 "  - {from: pm, to: spm, years: [2, 3]}\n  - {from: pm, to: spm, years: [4, 5]}"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path), "-o", str(tmp_path / "out.ttl")])
    assert result.exit_code == 1
    assert "promotion pm -> spm is listed twice (first on line" in result.stderr
    assert not (tmp_path / "out.ttl").exists()


def test_years_given_on_the_command_line_are_finite_and_bounded(tmp_path):
    from click.testing import CliRunner

    from pmgraph.cli import cli

    source = Path(__file__).resolve().parent / "data" / "monzo" / "product.md"
    for years in ("0-inf", "nan-1", "1-1000"):
        result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "x.ttl"), "--years", years])
        assert result.exit_code == 2, (years, result.output)
        assert "0 <= MIN <= MAX <= 50" in result.stderr


def test_cjk_labels_get_their_own_iris_and_the_file_validates(tmp_path):
    import pmgraph

    acme = (Path(__file__).resolve().parents[1] / "examples" / "acme-ladder.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ladder.yaml"
    path.write_text(acme.replace("responsibilities: [Ship features]", "responsibilities: [制定路线图, 管理团队]")
                    .replace("category: Data}", "category: 数据}").replace("category: Strategy}", "category: 战略}"),
                    encoding="utf-8")
    out = tmp_path / "ladder.ttl"
    from pmgraph.ladders.rdf import write_turtle

    write_turtle(import_ladder(path), out)
    graph = rdflib.Graph().parse(out, format="turtle")
    labels = {str(graph.value(r, SKOS.prefLabel)) for r in graph.subjects(RDF.type, PM.Responsibility)}
    assert {"制定路线图", "管理团队"} <= labels
    for kind in (PM.Responsibility, PM.SkillCategory):
        assert all(len(set(graph.objects(n, SKOS.prefLabel))) == 1 for n in graph.subjects(RDF.type, kind))
    report = pmgraph.validate(pmgraph.load([out]))
    assert report.conforms, [str(v) for v in report.errors]
