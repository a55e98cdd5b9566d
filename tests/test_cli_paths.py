"""CLI: roles, show, path, next, delta, gap through CliRunner (exit code, stdout, stderr apart)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmgraph.cli import cli

LADDER = str(Path(__file__).parent / "data" / "ladder.ttl")


def run(*args, data=True):
    prefix = ["--data", LADDER] if data else []
    return CliRunner().invoke(cli, [*prefix, *args])


def test_path_text_on_fixture():
    result = run("path", "fixture pm", "FCPO")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [  # the lines as a terminal shows them, one a line
        "Fixture PM -> Fixture Chief Product Officer, by hops (fewest steps)",
        "",
        "3 steps, 9-13 years (estimate) (midpoint 11), skill effort 12",
        "  1.  Fixture PM            ->  Fixture Senior PM              promotion                2-3 years (estimate)  editorial",  # noqa: E501
        "  2.  Fixture Senior PM     ->  Fixture Principal PM           promotion                3-4 years (estimate)  editorial",  # noqa: E501
        "  3.  Fixture Principal PM  ->  Fixture Chief Product Officer  into the executive team  4-6 years             stated by handbook",  # noqa: E501
        "  total: 9-13 years (estimate)",
    ]


def test_path_json_k_and_by():
    result = run("path", "fx-pm", "fx-cpo", "--by", "years", "-k", "2", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["weight"] for p in data["paths"]] == [10.5, 11.0]
    assert data["paths"][0]["roles"] == ["fx-pm", "fx-spm", "fx-gpm", "fx-director", "fx-cpo"]
    assert result.stdout == run("path", "fx-pm", "fx-cpo", "--by", "years", "-k", "2", "--format", "json").stdout


def test_path_markdown_and_mermaid():
    md = run("path", "fx-spm", "fx-cpo", "--format", "markdown")
    assert md.exit_code == 0
    assert ("| 1 | Fixture Senior PM | Fixture Principal PM | promotion | 3-4 years (estimate) "
            "| editorial |") in md.stdout
    assert ("| 2 | Fixture Principal PM | Fixture Chief Product Officer | into the executive team | 4-6 years "
            "| stated by handbook |") in md.stdout
    assert "| | **Total** | | 2 steps | **7-10 years (estimate)** | |" in md.stdout
    mermaid = run("path", "fx-spm", "fx-cpo", "--format", "mermaid")
    assert mermaid.stdout.startswith("flowchart LR\n")
    assert 'fx_spm -->|"promotion, 3-4 years (estimate)"| fx_principal' in mermaid.stdout
    assert 'fx_principal -->|"into the executive team, 4-6 years"| fx_cpo' in mermaid.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--via", "fx-gpm"],
        ["--avoid", "fx-principal"],
        ["--track", "management"],
        ["--no-lateral", "--max-steps", "3"],
    ],
)
def test_path_constraints(args):
    result = run("path", "fx-spm", "fx-cpo", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    roles = json.loads(result.stdout)["paths"][0]["roles"]
    assert roles == ["fx-spm", "fx-gpm", "fx-director", "fx-cpo"] or args[0] == "--no-lateral"


def test_unknown_role_is_one_line_exit_1():
    result = run("path", "Fixture Principle PM", "fcpo")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: Unknown role 'Fixture Principle PM'. Did you mean 'Fixture Principal PM'?\n"


def test_no_path_says_why_exit_1():
    result = run("path", "fx-pm", "fx-cpo", "--max-steps", "2")
    assert result.exit_code == 1
    assert "within 2 steps; the shortest needs 3" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["path", "fx-pm", "fx-cpo", "--via", "fx-gpm", "--avoid", "fx-gpm"], "also in --avoid"),
        (["path", "fx-pm", "fx-cpo", "--avoid", "fx-cpo"], "cannot avoid its own ends"),
        (["path", "fx-pm", "fx-cpo", "-k", "0"], "-k"),
        (["path", "fx-pm", "fx-cpo", "--track", "sideways"], "unknown track 'sideways'"),
        (["path", "fx-pm", "fx-cpo", "--by", "salary"], "--by"),
        (["delta", "fx-pm", "fx-cpo", "--along", "hops", "--format", "mermaid"], "--along"),
        (["roles", "--function", "astrology"], "unknown function 'astrology'"),
        (["gap", "x.yaml"], "--target"),
    ],
)
def test_bad_options_are_usage_errors(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_next():
    result = run("next", "fixture senior pm")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "From Fixture Senior PM:",
        "  Fixture Group PM      IC to management  2-3 years (estimate)  effort 4  derived: fixture rule (handbook)",
        "  Fixture Principal PM  promotion         3-4 years (estimate)  effort 3  editorial",
    ]
    data = json.loads(run("next", "fx-pm", "--no-lateral", "--format", "json").stdout)
    assert [m["to"] for m in data] == ["fx-spm"]


def test_delta_groups_by_change():
    result = run("delta", "fx-principal", "fx-gpm")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:7] == [
        "Fixture Principal PM -> Fixture Group PM: skill effort 3 proficiency steps",
        "",
        "Gained (1)",
        "  +  Coaching  practitioner (+3)",
        "",
        "Levelled down (2)",
        "  v  Roadmapping  expert -> practitioner (-1), lower, no source cited for the level",
    ]


@pytest.mark.parametrize("fmt, start", [("json", "{"), ("markdown", "**Fixture"), ("mermaid", "flowchart LR")])
def test_delta_formats(fmt, start):
    result = run("delta", "fx-spm", "fx-gpm", "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout.startswith(start)


def test_delta_along_path():
    result = run("delta", "fx-pm", "fx-cpo", "--along", "hops", "--format", "json")
    data = json.loads(result.stdout)
    assert data["effort"] == 12 and len(data["steps"]) == 3


def test_gap(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("role: Fixture Senior PM\nskills:\n  Coaching: expert\n")
    result = run("gap", str(profile), "--target", "fixture director")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Fixture Senior PM -> Fixture Director: readiness 0.50"
    assert "Fixture Senior PM -> Fixture Group PM -> Fixture Director" in result.stdout
    data = json.loads(run("gap", str(profile), "--target", "fx-director", "--format", "json").stdout)
    assert data["missing"] == ["fx-strategy"] and data["readiness"] == 0.5


def test_gap_bad_profile_exit_1(tmp_path):
    profile = tmp_path / "me.json"
    profile.write_text('{"role": "fx-pm", "skills": {"Coaching": "grandmaster"}}')
    result = run("gap", str(profile), "--target", "fx-cpo")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {profile}: field 'skills.Coaching': unknown proficiency 'grandmaster'")


def test_gap_unknown_skill_is_a_warning(tmp_path):
    profile = tmp_path / "me.json"
    profile.write_text('{"role": "fx-pm", "skills": {"Juggling": "expert"}}')
    result = run("gap", str(profile), "--target", "fx-cpo")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {profile}: unknown skill 'Juggling', not counted.")


def test_roles_and_show():
    result = run("roles", "--track", "IC", "--level", "4", "--format", "json")
    assert [r["id"] for r in json.loads(result.stdout) if r["id"].startswith("fx-")] == ["fx-principal"]
    shown = run("show", "fapm")
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[:3] == ["Fixture Associate PM (fx-apm)",
                                             "  level 1, individual contributor, product", "  also: FAPM"]


def test_main_job_on_bundled_ontology():
    result = run("path", "product manager", "chief product officer", data=False)
    assert result.exit_code == 0
    assert "Chief Product Officer" in result.stdout and "total:" in result.stdout


@pytest.mark.parametrize("command", ["roles", "show", "path", "next", "delta", "gap"])
def test_help_has_example_and_python_twin(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout and "Python: pmgraph." in " ".join(result.stdout.split())


def test_path_starts_without_heavy_imports():
    code = ("import sys; from pmgraph.cli import cli\n"
            "try:\n    cli(['path', 'pm', 'cpo'], standalone_mode=False)\nfinally:\n"
            "    print(sorted(m for m in ('pyshacl', 'pyvis', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[1]).stdout
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("command", ["roles", "show", "path", "next", "delta", "gap"])
def test_command_is_documented_in_readme(command):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"$ pmgraph {command} " in readme


def test_readme_quick_start_runs_the_main_job():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert 'pip install . && pmgraph path "product manager" "chief product officer"' in readme


def test_sourced_only_is_evidence_derived():
    # In the fixture, fx-principal -> fx-cpo and fx-gpm -> fx-director are stated by a source
    # document (the handbook), fx-spm -> fx-gpm derived by a rule; the other moves are editorial.
    moves = run("next", "fx-principal", "--sourced-only")
    assert moves.exit_code == 0, moves.output
    assert [line.split()[0:3] for line in moves.stdout.splitlines()[1:]] == [["Fixture", "Chief", "Product"]]
    assert moves.stdout == run("next", "fx-principal", "--evidence", "derived").stdout
    path = run("path", "fx-principal", "fx-cpo", "--sourced-only")
    assert path.exit_code == 0 and "stated by handbook" in path.stdout
    refused = run("path", "fx-spm", "fx-cpo", "--sourced-only")
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines() == [
        "Error: No path from 'Fixture Senior PM' to 'Fixture Chief Product Officer' uses only moves a source "
        "states or a documented rule derives: on the best one, Fixture Senior PM -> Fixture Principal PM is "
        "editorial; pass --evidence any to include editorial moves."]
    assert "--sourced-only" not in run("path", "--help").stdout  # a hidden alias
    view = run("viz", "--path", "fx-principal", "fx-cpo", "--sourced-only", "-o", "-")
    assert view.exit_code == 0 and "<html" in view.stdout


def test_evidence_stated_names_the_first_weaker_step_and_the_looser_setting():
    # fx-gpm -> fx-director is stated, fx-spm -> fx-gpm derived: --evidence derived finds the path.
    found = run("path", "fx-spm", "fx-director", "--evidence", "derived", "--format", "json")
    assert found.exit_code == 0, found.output
    (best,) = json.loads(found.stdout)["paths"]
    assert best["roles"] == ["fx-spm", "fx-gpm", "fx-director"]
    assert [s["evidence"]["grade"] for s in best["steps"]] == ["derived", "stated"]
    assert best["steps"][0]["evidence"] == {"grade": "derived", "by": ["handbook"], "rules": ["fixture rule"],
                                            "link": None, "also": ["editorial"]}
    assert best["evidence"] == {"stated": 1, "derived": 1, "editorial": 0}
    refused = run("path", "fx-spm", "fx-director", "--evidence", "stated")
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines() == [
        "Error: No path from 'Fixture Senior PM' to 'Fixture Director' uses only moves a source states: on the "
        "best one, Fixture Senior PM -> Fixture Group PM is derived: fixture rule (handbook); pass --evidence "
        "derived to include moves a documented rule derives."]
    assert run("path", "fx-gpm", "fx-director", "--evidence", "stated").exit_code == 0
    moves = json.loads(run("next", "fx-spm", "--evidence", "derived", "--format", "json").stdout)
    assert [(m["to"], m["evidence"]["grade"]) for m in moves] == [("fx-gpm", "derived")]


def test_evidence_error_in_python_names_no_flag():
    import pmgraph
    from pmgraph.errors import NoPathError
    from pmgraph.resources import ontology_dir

    graph = pmgraph.load([ontology_dir() / "schema.ttl", LADDER], bundled=False)
    with pytest.raises(NoPathError) as caught:
        pmgraph.career.paths.shortest_path(graph, "fx-spm", "fx-director", evidence="stated")
    assert str(caught.value).endswith("pass evidence='derived' to include moves a documented rule derives.")
    assert "--" not in str(caught.value)


def test_show_json_cites_each_requirement_level_and_reporting_line():
    """The bundled senior PM: DDaT states its agile-delivery level; the estimate is marked; the
    reporting line names its sources as objects."""
    data = json.loads(run("show", "senior product manager", "--format", "json", data=False).stdout)
    skills = {s["skill"]: s for s in data["skills"]}
    agile = skills["agile-delivery"]
    assert agile["proficiency"] == "expert" and agile["proficiency_estimate"] is False
    # DDaT's page, through a close crosswalk link (a rule: the value is derived)
    assert [s["framework"] for s in agile["proficiency_sources"] if s["kind"] != "rule"] == ["ddat"]
    assert [s["notation"] for s in agile["proficiency_sources"] if s["kind"] == "rule"] == ["close match"]
    assert all({"id", "title", "url"} <= set(s) for s in agile["sources"] + agile["proficiency_sources"])
    estimates = [s for s in data["skills"] if s["proficiency_estimate"]]
    assert estimates and all([c["id"] for c in s["proficiency_sources"]] == ["src:editorial"] for s in estimates)
    (line,) = data["reporting_lines"]
    assert line["manager"] == "group-product-manager" and line["sources"]
    assert all({"id", "title", "url"} <= set(s) for s in line["sources"])
    text = run("show", "senior product manager", data=False).stdout
    assert "Agile delivery: expert; derived: close match (ddat)" in text and "(estimate)" in text
    assert agile["evidence"]["grade"] == "derived" and "ddat" in agile["evidence"]["by"]


def test_delta_json_marks_estimates_and_cites_sources():
    data = json.loads(run("delta", "senior pm", "group product manager", "--format", "json", data=False).stdout)
    changes = {c["skill"]: c for c in data["skills"]}
    strategy = changes["product-strategy"]  # DDaT: practitioner for Senior PM, expert for Lead PM
    assert (strategy["from_proficiency"], strategy["to_proficiency"]) == ("practitioner", "expert")
    assert not strategy["from_proficiency_estimate"] and not strategy["to_proficiency_estimate"]
    assert {s["framework"] for s in strategy["to_proficiency_sources"] if s["kind"] != "rule"} == {"ddat"}
    assert any(c["to_proficiency_estimate"] for c in data["skills"])
    assert "(estimate)" in run("delta", "senior pm", "group product manager", data=False).stdout


UNKNOWN = str(Path(__file__).parent / "data" / "ladder-unknown.ttl")  # Fixture VP Product: no requirement known


def test_gap_to_a_role_without_requirements_cli(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("role: Fixture Group PM\nskills: {}\n")
    result = CliRunner().invoke(cli, ["--data", LADDER, "--data", UNKNOWN, "gap", str(profile), "--target", "fx-vp"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == ("Fixture Group PM -> Fixture VP Product: readiness unknown: "
                                             "no skill requirements known for Fixture VP Product")
    data = json.loads(CliRunner().invoke(cli, ["--data", LADDER, "--data", UNKNOWN, "gap", str(profile), "--target",
                                               "fx-vp", "--format", "json"]).stdout)
    assert data["readiness"] is None and data["target_known"] is False


def test_delta_to_a_role_without_requirements_cli():
    result = CliRunner().invoke(cli, ["--data", LADDER, "--data", UNKNOWN, "delta", "fx-gpm", "fx-vp"])
    assert result.exit_code == 0, result.output
    assert "no skill requirements known for Fixture VP Product" in result.stdout
    assert "Not stated" not in result.stdout
    data = json.loads(CliRunner().invoke(cli, ["--data", LADDER, "--data", UNKNOWN, "delta", "fx-gpm", "fx-vp",
                                               "--format", "json"]).stdout)
    assert data["to_known"] is False and data["skills"] == [] and data["effort"] is None


def test_delta_not_stated_cli():
    result = run("delta", "fx-gpm", "fx-director")
    assert "Not stated for Fixture Director (1)\n  ?  Roadmapping  was practitioner" in result.stdout
    data = json.loads(run("delta", "fx-gpm", "fx-director", "--format", "json").stdout)
    assert [c["change"] for c in data["skills"] if c["to_rank"] == 0] == ["not stated"]
    along = json.loads(run("delta", "fx-spm", "fx-director", "--along", "hops", "--format", "json").stdout)
    assert ["not stated"] in [[c["change"] for c in step["skills"] if c["to_rank"] == 0] for step in along["steps"]]


def test_show_says_each_value_s_evidence_in_text_and_json():
    data = json.loads(run("show", "fx-gpm", "--format", "json").stdout)
    coaching = {s["skill"]: s for s in data["skills"]}["fx-coaching"]
    assert coaching["evidence"]["grade"] == "stated" and coaching["evidence"]["by"] == ["handbook"]
    assert coaching["evidence"]["also"] == ["editorial"]
    assert {s["skill"]: s for s in data["skills"]}["fx-strategy"]["evidence"]["grade"] == "editorial"
    assert [(r["manager"], r["evidence"]["grade"]) for r in data["reporting_lines"]] == [("fx-director", "editorial")]
    assert {r["label"]: r["evidence"]["grade"] for r in data["responsibility_details"]} == {
        "Lead a team": "editorial", "Own a product area": "editorial"}
    assert [(m["to"], m["evidence"]["grade"]) for m in data["next_moves"]] == [("fx-director", "stated")]
    text = run("show", "fx-gpm").stdout
    assert "  reports to: Fixture Director (editorial)" in text
    assert "; stated by handbook" in text
    assert "  Fixture Director: promotion, 2-4 years (estimate), stated by handbook" in text


def test_show_prints_a_framework_role_s_grade_as_the_framework_writes_it():
    gitlab = run("--framework", "gitlab", "show", "gitlab:senior product manager", data=False)
    assert gitlab.exit_code == 0, gitlab.output
    assert "grade as its framework writes it: grade 8" in gitlab.stdout
    assert "Aligning Teams with HPT: practitioner; stated by gitlab" in gitlab.stdout  # its own skills are cited
    ddat = run("--framework", "ddat", "show", "ddat:senior product manager", data=False)
    assert "grade as its framework writes it: G7 (Grade 7)" in ddat.stdout
    data = json.loads(run("--framework", "gitlab", "show", "gitlab:senior product manager", "--format", "json",
                          data=False).stdout)
    assert data["grades"] == ["8"]


CEO_NOTE = "No framework bundled here states requirements for this role: GitLab names the CEO only"


def test_a_role_without_requirements_gives_the_reason_cli(tmp_path):
    """gap, delta and show say why the CEO has no requirement (pm:requirementsNote), in text and JSON."""
    runner = CliRunner()
    profile = tmp_path / "me.yaml"
    profile.write_text("role: Chief Product Officer\nskills: {}\n")
    gap = runner.invoke(cli, ["gap", str(profile), "--target", "CEO"])
    assert gap.exit_code == 0, gap.output
    assert gap.stdout.splitlines()[0].startswith(
        "Chief Product Officer -> Chief Executive Officer: readiness unknown: "
        "no skill requirements known for Chief Executive Officer: " + CEO_NOTE)
    data = json.loads(runner.invoke(cli, ["gap", str(profile), "--target", "CEO", "--format", "json"]).stdout)
    assert data["requirements_note"].startswith(CEO_NOTE)
    delta = runner.invoke(cli, ["delta", "chief-product-officer", "CEO"])
    assert delta.exit_code == 0, delta.output
    assert "no skill requirements known for Chief Executive Officer (skills not compared): " + CEO_NOTE in delta.stdout
    assert "no longer required" not in delta.stdout  # the CPO's responsibilities: not stated for the CEO
    assert "not stated for Chief Executive Officer" in delta.stdout.split("Responsibilities")[1]
    data = json.loads(runner.invoke(cli, ["delta", "chief-product-officer", "CEO", "--format", "json"]).stdout)
    assert data["to_requirements_note"].startswith(CEO_NOTE)
    assert {r["change"] for r in data["responsibilities"]} <= {"gained", "kept", "not stated"}
    show = runner.invoke(cli, ["show", "CEO"])
    assert show.exit_code == 0, show.output
    assert "Skills\n  no skill requirements known for Chief Executive Officer: " + CEO_NOTE in show.stdout
    data = json.loads(runner.invoke(cli, ["show", "CEO", "--format", "json"]).stdout)
    assert data["skills"] == [] and data["requirements_note"].startswith(CEO_NOTE)
