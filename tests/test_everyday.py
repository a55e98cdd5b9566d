"""Everyday use (issue 18): gap meets people where they are, skills on the command line, and every
tabular command speaks CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from pmgraph import skill_gap  # the curated API: names, resolved
from pmgraph.career.catalogue import list_skills
from pmgraph.career.skills import read_profile
from pmgraph.cli import cli
from pmgraph.errors import InvalidDataError

PROFILE = """role: Senior PM
skills:
  Stakeholder management: expert
  Product strategy: practitioner
  SQL: expert
  Product roadmapping: expert
"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)  # click 8.2+: stdout and stderr apart


@pytest.fixture()
def me(tmp_path):
    path = tmp_path / "me.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- gap


def test_an_unknown_skill_is_a_warning_not_a_refusal(me):
    result = run("gap", str(me), "--target", "director of product")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "unknown skill 'SQL', not counted" in result.stderr
    assert "readiness" in result.stdout and "warning" not in result.stdout
    data = json.loads(run("gap", str(me), "--target", "director of product", "--format", "json").stdout)
    assert data["warnings"] == [f"{me}: unknown skill 'SQL', not counted. See 'pmgraph skills' for the skills."]


def test_a_misspelt_skill_warns_with_the_closest_name(bundled):
    profile = read_profile(bundled, {"role": "PM", "skills": {"Stakeholder managment": "expert"}})
    assert profile.skills == {}
    assert "Did you mean 'Stakeholder management'?" in profile.warnings[0]


def test_every_problem_of_a_profile_is_reported_in_one_run(bundled, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("role: Senoir Product Manger\nskills:\n  Coaching and mentoring: grandmaster\n  "
                   "Product strategy: 9\n", encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        read_profile(bundled, bad)
    message = str(caught.value)
    assert message.startswith(f"{bad}: 3 problems: field 'role': Unknown role")
    assert "'grandmaster'" in message and "field 'skills.Product strategy'" in message and "\n" not in message
    result = run("gap", str(bad), "--target", "cpo")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_assume_current_counts_the_current_roles_requirements(bundled, me):
    plain = skill_gap(bundled, me, "director of product")
    assumed = skill_gap(bundled, me, "director of product", assume_current=True)
    senior = bundled_requirements(bundled, "senior-product-manager")
    profile = read_profile(bundled, me, assume_current=True)
    listed = read_profile(bundled, me).skills
    assert set(profile.assumed) == set(senior) - set(listed)
    assert all(profile.skills[s] == senior[s] for s in profile.assumed)
    assert all(profile.skills[s] == rank for s, rank in listed.items())  # the profile's own entries win
    assert assumed.readiness > plain.readiness
    assert assumed.effort is not None and plain.effort is not None and assumed.effort < plain.effort
    cli_json = json.loads(run("gap", str(me), "--target", "director of product", "--assume-current",
                              "--format", "json").stdout)
    assert cli_json["readiness"] == assumed.readiness and cli_json["effort"] == assumed.effort


def bundled_requirements(graph, role):
    from pmgraph.career.projection import project

    return {sid: r.rank for sid, r in project(graph).requirements[role].items()}


def test_one_effort_figure_with_its_unit(me):
    out = run("gap", str(me), "--target", "director of product").stdout
    assert "skill effort" not in out
    assert out.count("proficiency steps to learn") == 1
    assert out.count("a proficiency step is one level up in one skill") == 1
    data = json.loads(run("gap", str(me), "--target", "director of product", "--format", "json").stdout)
    assert data["effort_unit"] == "proficiency steps" and data["effort"] == data["path"]["weight"]


@pytest.mark.parametrize("target, why", [
    ("product manager", "Product Manager (level 2) is below Senior Product Manager (level 3); the ladder's moves "
                        "lead up or across, not down"),
    ("senior product manager", "you are a Senior Product Manager already"),
])
def test_no_path_says_why(me, target, why):
    result = run("gap", str(me), "--target", target)
    assert result.exit_code == 0
    assert f"No path: {why}." in result.stdout


def test_thousands_of_unknown_skills_warn_in_a_few_lines(tmp_path):
    many = tmp_path / "many.yaml"
    many.write_text("role: PM\nskills:\n" + "".join(f"  thing {i}: 2\n" for i in range(3000)), encoding="utf-8")
    result = run("gap", str(many), "--target", "senior pm")
    assert result.exit_code == 0
    assert len(result.stderr.splitlines()) == 21 and "2,980 more" in result.stderr


# --------------------------------------------------------------------------- skills


def test_skills_lists_every_skill_with_its_category(bundled):
    data = json.loads(run("skills", "--format", "json").stdout)
    assert [d["skill"] for d in data] == [e.skill for e in list_skills(bundled)]
    assert len(data) > 50 and all(d["category"] for d in data)
    assert data == [e.to_dict() for e in list_skills(bundled)]


def test_one_skill_shows_who_needs_it_at_which_level():
    out = run("skills", "stakeholder management").stdout
    assert out.splitlines()[0] == "Stakeholder management (stakeholder-management), category Communication skills"
    assert "level 2  Product Manager" in out and "working" in out


def test_skills_search_by_words_and_category():
    rows = list(csv.DictReader(io.StringIO(run("skills", "leadership", "--format", "csv").stdout)))
    assert rows and all("leadership" in f"{r['label']} {r['skill']} {r['category']}".lower() for r in rows)


def test_no_matching_skill_is_one_line_exit_1():
    result = run("skills", "stakeholder managment zzz")
    assert result.exit_code == 1 and "No skill matches" in result.stderr and result.stderr.count("\n") == 1
    result = run("skills", "x" * 100_000)
    assert result.exit_code == 1 and len(result.stderr) < 300


# --------------------------------------------------------------------------- CSV everywhere


@pytest.mark.parametrize("args, key", [
    (["roles"], None),
    (["next", "senior pm"], None),
    (["delta", "senior pm", "group product manager"], "skills"),
    (["path", "PM", "CPO", "-k", "2"], "paths"),
    (["skills"], None),
])
def test_tabular_commands_speak_csv(args, key):
    rows = list(csv.reader(io.StringIO(run(*args, "--format", "csv").stdout)))
    data = json.loads(run(*args, "--format", "json").stdout)
    expected = data if key is None else data[key]
    if key == "paths":
        expected = [step for path in expected for step in path["steps"]]
    if args[0] == "skills":
        expected = [need for entry in data for need in entry["needs"] or [None]]
    assert len(rows) == len(expected) + 1, rows[:3]
    assert len({len(r) for r in rows}) == 1  # a header and rows of the same width


def test_gap_speaks_csv(me):
    rows = list(csv.DictReader(io.StringIO(run("gap", str(me), "--target", "cpo", "--format", "csv").stdout)))
    data = json.loads(run("gap", str(me), "--target", "cpo", "--format", "json").stdout)
    assert [r["skill"] for r in rows] == [s["skill"] for s in data["skills"]]
    assert {r["status"] for r in rows} <= {"missing", "short", "met"}


# --------------------------------------------------------------------------- ladder steps


def test_ladder_steps_of_the_hand_checked_fixture(ladder):
    """By hand from tests/data/ladder.ttl: APM->PM roadmapping 1->2 (+1), analytics unchanged;
    PM->SPM roadmapping +1, analytics +1, strategy new at 2 (+2); SPM->Principal roadmapping +1,
    strategy +2, analytics not stated. Sizes 1, 4, 3: median 3, and 1 is under half of it."""
    from pmgraph.career.levels import ladder_steps
    from pmgraph.career.names import by_name

    found = by_name(ladder_steps, tracks=("track",))(ladder, track="IC")
    assert found.median == 3
    rows = [(s.delta.source, s.delta.target, s.size, s.labels("gained"), s.labels("levelled up"),
             s.labels("not stated"), s.labels("unchanged"), s.flags) for s in found.steps]
    assert rows == [
        ("fx-apm", "fx-pm", 1, (), ("Roadmapping",), (), ("Analytics",), ("small",)),
        ("fx-pm", "fx-spm", 4, ("Strategy",), ("Analytics", "Roadmapping"), (), (), ()),
        ("fx-spm", "fx-principal", 3, (), ("Strategy", "Roadmapping"), ("Analytics",), (), ()),
    ]


def test_ladder_flags_follow_their_documented_thresholds():
    from pmgraph.career.levels import _flags

    assert _flags(7, 3, 0, 4) == ("large",) and _flags(6, 3, 0, 4) == ()
    assert _flags(1, 3, 0, 4) == ("small",) and _flags(2, 3, 0, 4) == ()
    assert _flags(3, 3, 3, 4) == ("repeats",) and _flags(3, 3, 2, 4) == ()
    assert _flags(0, 0, 0, 0) == ()  # a median of zero flags no size


def test_ladder_without_proficiencies_says_unknown_not_zero():
    out = run("--framework", "monzo", "ladder").stdout
    assert "unknown" in out.splitlines()[1] and "neither rung states a proficiency" in out
    data = json.loads(run("--framework", "monzo", "ladder", "--format", "json").stdout)
    assert data["median_size"] is None and all(s["size"] is None for s in data["steps"])


def test_ladder_formats_agree():
    base = ["--framework", "ddat"]
    data = json.loads(run(*base, "ladder", "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run(*base, "ladder", "--format", "csv").stdout)))
    assert len(rows) == len(data["steps"]) > 10
    assert ([(r["from"], r["to"], r["size"]) for r in rows]
            == [(s["from"], s["to"], str(s["size"])) for s in data["steps"]])
    markdown = run(*base, "ladder", "--format", "markdown").stdout
    assert markdown.count("\n| ") == len(rows) + 1
    assert run("ladder", "--track", "sideways").exit_code == 2


# --------------------------------------------------------------------------- leverage


def test_leverage_from_a_role_on_the_hand_checked_fixture(ladder):
    """fx-spm holds roadmapping 3, analytics 3, strategy 2. In reach within 2 moves: Principal
    (needs roadmapping 4, strategy 4), GPM (coaching 3, roadmapping 3, strategy 3), Director
    (coaching 4, strategy 4), CPO (coaching 4, strategy 5). Strategy +1 helps all four, coaching
    +1 the three that need coaching, roadmapping +1 only Principal; analytics helps none."""
    from pmgraph.career.leverage import skill_leverage

    found = skill_leverage(ladder, "fx-spm")
    assert set(found.reach) == {"Fixture Principal PM", "Fixture Group PM", "Fixture Director",
                                "Fixture Chief Product Officer"}
    assert [(e.skill, e.have, e.steps_saved, e.ready) for e in found.entries] == [
        ("fx-strategy", 2, 4, ()), ("fx-coaching", 0, 3, ()), ("fx-roadmapping", 3, 1, ())]


def test_leverage_counts_the_roles_a_skill_makes_ready(ladder):
    """Holding roadmapping 3, analytics 3 and strategy 1 as a PM, only strategy stands between
    the person and Senior PM (needs strategy 2): raising it makes SPM ready."""
    from pmgraph.career.leverage import skill_leverage

    profile = {"role": "fx-pm", "skills": {"Roadmapping": 3, "Analytics": 3, "Strategy": 1}}
    found = skill_leverage(ladder, profile=profile, steps=1)
    assert found.ready_now == ()
    first = found.entries[0]
    assert (first.skill, first.ready) == ("fx-strategy", ("Fixture Senior PM",))
    towards = skill_leverage(ladder, profile=profile, target="fx-principal")
    assert found.steps == 1 and towards.steps is None and towards.reach == ("Fixture Principal PM",)
    # one step each, no role made ready, the same readiness gain: by label
    assert [(e.skill, e.steps_saved) for e in towards.entries] == [("fx-roadmapping", 1), ("fx-strategy", 1)]


def test_leverage_on_the_command_line(me):
    text = run("leverage", "senior pm").stdout
    assert text.startswith("Senior Product Manager: one level up in which skill helps most")
    data = json.loads(run("leverage", "--profile", str(me), "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run("leverage", "--profile", str(me), "--format", "csv").stdout)))
    assert [r["skill"] for r in rows] == [s["skill"] for s in data["skills"]] and data["unit"] == "proficiency steps"
    assert [int(r["steps_saved"]) for r in rows] == sorted((int(r["steps_saved"]) for r in rows), reverse=True)
    assert run("leverage").exit_code == 2
    assert run("leverage", "pm", "--profile", str(me)).exit_code == 2
    assert run("leverage", "pm", "--steps", "11").exit_code == 2


def test_odd_proficiencies_and_many_problems_are_one_bounded_line(bundled):
    with pytest.raises(InvalidDataError, match="unknown proficiency '²'"):
        read_profile(bundled, {"role": "PM", "skills": {"Coaching and mentoring": "²"}})
    many = {"role": "PM", "skills": {f"Coaching and mentoring{'.' * i}": "guru" for i in range(50)}}
    with pytest.raises(InvalidDataError) as caught:
        read_profile(bundled, many)
    assert "50 problems" in str(caught.value) and "and 45 more" in str(caught.value)
    assert len(str(caught.value)) < 2000


def test_a_gap_counts_what_the_person_holds_not_their_roles_requirements(ladder):
    """From fx-spm holding only Coaching 4: GPM needs roadmapping 3 and strategy 3 (6 steps, the
    profile lists neither), then Director strategy 4 (1 more): 7, not the 2 a role's own
    requirements would give."""
    gap = skill_gap(ladder, {"role": "fx-spm", "skills": {"Coaching": "expert"}}, "fx-director")
    assert gap.effort == 7
    assumed = skill_gap(ladder, {"role": "fx-spm", "skills": {"Coaching": "expert"}}, "fx-director",
                        assume_current=True)
    assert assumed.effort == 2


def test_csv_cells_a_spreadsheet_would_run_are_defused():
    from pmgraph.wording import csv_table

    rows = list(csv.reader(io.StringIO(csv_table(["a", "b"], [["=HYPERLINK(\"x\")", -3], ["@sum", "plain"]]))))
    assert rows == [["a", "b"], ["'=HYPERLINK(\"x\")", "-3"], ["'@sum", "plain"]]
