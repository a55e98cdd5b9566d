"""Skill deltas and personal gaps on the fixture ladder; expected values worked out by hand.

Requirements (rank: awareness 1, working 2, practitioner 3, expert 4, authority 5):
  spm: roadmapping 3, analytics 3, strategy 2 (optional)
  principal: roadmapping 4, strategy 4
  gpm: roadmapping 3, strategy 3, coaching 3
  director: strategy 4, coaching 4
  cpo: strategy 5, coaching 4
"""

import json

import pytest

from pmgraph.career.skills import path_delta, read_profile, readiness, skill_delta, skill_gap
from pmgraph.errors import InvalidDataError


def test_delta_classifies_every_skill(ladder):
    delta = skill_delta(ladder, "fx-principal", "fx-gpm")
    assert [(c.label, c.change, c.from_rank, c.to_rank) for c in delta.skills] == [
        ("Coaching", "gained", 0, 3),
        ("Roadmapping", "levelled down", 4, 3),
        ("Strategy", "levelled down", 4, 3),
    ]
    assert delta.effort == 3
    assert list(delta.by_change()) == ["gained", "levelled down"]


def test_delta_all_five_kinds(ladder):
    delta = skill_delta(ladder, "fx-spm", "fx-principal")
    kinds = {c.label: (c.change, c.steps) for c in delta.skills}
    assert kinds == {
        "Strategy": ("levelled up", 2),
        "Roadmapping": ("levelled up", 1),
        "Analytics": ("not stated", -3),  # not dropped: Principal's sources just do not mention it
    }
    up = skill_delta(ladder, "fx-director", "fx-cpo")
    assert {c.label: c.change for c in up.skills} == {"Strategy": "levelled up", "Coaching": "unchanged"}


def test_delta_responsibilities(ladder):
    delta = skill_delta(ladder, "fx-spm", "fx-gpm")
    assert [(r.label, r.change) for r in delta.responsibilities] == [
        ("Lead a team", "gained"),
        ("Own a product area", "kept"),
    ]
    back = skill_delta(ladder, "fx-pm", "fx-spm")
    # the target role does not list it, and no source states the drop: not stated, not "no longer required"
    assert ("Deliver features", "not stated") in [(r.label, r.change) for r in back.responsibilities]
    assert "no longer required" not in {r.change for r in back.responsibilities}


def test_delta_responsibility_not_listed_by_the_target_is_not_stated(ladder):
    from pmgraph.render.career import delta_markdown, delta_text

    back = skill_delta(ladder, "fx-pm", "fx-spm")
    assert [r.change for r in back.responsibilities if r.label == "Deliver features"] == ["not stated"]
    text = delta_text(back).split("Responsibilities")[1]
    assert "Deliver features" in text and "not stated for Fixture Senior PM" in text
    assert "no longer required" not in text
    assert "| Deliver features | not stated for Fixture Senior PM |" in delta_markdown(back)
    assert {"responsibility": back.responsibilities[-1].responsibility, "label": "Deliver features",
            "change": "not stated"} in back.to_dict()["responsibilities"]


def test_path_delta_accumulates_steps(ladder):
    walk = path_delta(ladder, ["fx-spm", "fx-principal", "fx-gpm", "fx-director"])
    # spm->principal 1+2=3; principal->gpm coaching +3; gpm->director strategy +1, coaching +1
    assert [d.effort for d in walk.steps] == [3, 3, 2]
    assert walk.effort == 8 == walk.path.effort
    # net spm->director: strategy 2->4 (+2), coaching 0->4 (+4)
    assert walk.net.effort == 6


@pytest.mark.parametrize(
    "skills, expected",
    [
        ({}, 0.0),
        ({"Strategy": "authority", "Coaching": "expert"}, 1.0),
        ({"Strategy": 5, "Coaching": 5}, 1.0),          # more than needed earns nothing extra
        ({"Strategy": "expert", "Coaching": "working"}, 0.67),  # (2*4 + 2*2) / (2*5 + 2*4) = 12/18
    ],
)
def test_readiness(ladder, skills, expected):
    assert skill_gap(ladder, {"role": "fx-director", "skills": skills}, "fx-cpo").readiness == expected


def test_readiness_weights_importance():
    from pmgraph.career.skills import SkillGap

    # essential need 2 held 0 (weight 2), optional need 2 held 2 (weight 1): 2 / 6
    gaps = [SkillGap("a", "A", 0, 2, None, "working", "essential"),
            SkillGap("b", "B", 2, 2, "working", "working", "optional")]
    assert readiness(gaps) == 0.33


def test_gap_lists_missing_and_short_and_least_effort_path(ladder):
    gap = skill_gap(ladder, {"role": "fx-spm", "skills": {"Strategy": "expert", "Roadmapping": "expert"}}, "fx-cpo")
    assert [(s.label, s.status, s.short_by) for s in gap.skills] == [
        ("Coaching", "missing", 4), ("Strategy", "short", 1)]
    # Given strategy 4 and roadmapping 4: via principal costs 0 + (1 + 4) = 5;
    # via gpm/director costs coaching 3 + (coaching 1) + (strategy 1) = 5 as well, but in 4 steps.
    assert gap.path.roles == ("fx-spm", "fx-principal", "fx-cpo")
    assert gap.path.weight == 5
    coach = skill_gap(ladder, {"role": "fx-spm", "skills": {"Coaching": "expert"}}, "fx-cpo")
    # Holding coaching 4 only (the first step counts from what the person holds, not from SPM's
    # requirements): via principal (roadmapping 4 + strategy 4) + strategy +1 = 9; via gpm
    # (roadmapping 3 + strategy 3) + strategy +1 + strategy +1 = 8.
    assert coach.path.roles == ("fx-spm", "fx-gpm", "fx-director", "fx-cpo")
    assert coach.path.weight == 8 == coach.effort


def test_gap_in_target_role_has_no_path(ladder):
    gap = skill_gap(ladder, {"role": "fx-cpo", "skills": {}}, "fx-cpo")
    assert gap.path is None and gap.readiness == 0.0


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_profile_files(ladder, tmp_path, suffix):
    data = {"role": "Fixture Senior PM", "skills": {"roadmapping": "Practitioner", "Analytics": 2}}
    path = tmp_path / f"me{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data))
    else:
        path.write_text("role: Fixture Senior PM\nskills:\n  roadmapping: Practitioner\n  Analytics: 2\n")
    profile = read_profile(ladder, path)
    assert profile.role == "fx-spm"
    assert dict(profile.skills) == {"fx-analytics": 2, "fx-roadmapping": 3}


@pytest.mark.parametrize(
    "text, message",
    [
        ("skills: {}\n", "field 'role' is missing"),
        ("role: Fixture Seniour PM\n",
         "field 'role': Unknown role 'Fixture Seniour PM'. Did you mean 'Fixture Senior PM'?"),
        ("role: fx-pm\nskills:\n  Coaching: guru\n", "field 'skills.Coaching': unknown proficiency 'guru'"),
        ("role: fx-pm\nskills: [a, b]\n", "field 'skills' must map"),
        ("role: [unclosed\n", "not valid YAML"),
        ("- a list\n", "a profile is a mapping"),
    ],
)
def test_bad_profile_names_file_and_field(ladder, tmp_path, text, message):
    path = tmp_path / "me.yaml"
    path.write_text(text)
    with pytest.raises(InvalidDataError) as caught:
        read_profile(ladder, path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_an_unknown_skill_in_a_profile_is_a_warning(ladder, tmp_path):
    path = tmp_path / "me.yaml"
    path.write_text("role: fx-pm\nskills:\n  Coachin: expert\n")
    profile = read_profile(ladder, path)
    assert profile.skills == {}
    assert profile.warnings == (f"{path}: unknown skill 'Coachin', not counted. Did you mean 'Coaching'?",)


def test_missing_profile_file(ladder, tmp_path):
    with pytest.raises(InvalidDataError, match="no such profile file"):
        read_profile(ladder, tmp_path / "nope.yaml")


def test_delta_serialises(ladder):
    data = json.loads(json.dumps(skill_delta(ladder, "fx-pm", "fx-spm").to_dict()))
    assert data["effort"] == 4
    assert data["skills"][0] == {
        "skill": "fx-strategy", "label": "Strategy", "change": "gained", "steps": 2, "from_rank": 0,
        "to_rank": 2, "from_proficiency": None, "to_proficiency": "working", "importance": "optional",
        "from_proficiency_estimate": False, "to_proficiency_estimate": False,
        "sources": [{"id": "src:editorial", "title": "pmgraph editorial judgement", "url": None, "kind": "editorial",
                     "framework": None}],
        "from_proficiency_sources": [], "to_proficiency_sources": []}


# --------------------------------------------------------------------------- unknown is not ready
# tests/data/ladder-unknown.ttl adds Fixture VP Product (fx-vp): no skill requirement known;
# Fixture GPM promotes to it, and it into Fixture CPO.


@pytest.fixture(scope="module")
def unknown_ladder(ladder_files):
    import pmgraph
    from tests.conftest import ROOT

    return pmgraph.load([*ladder_files, ROOT / "tests" / "data" / "ladder-unknown.ttl"], bundled=False)


def test_gap_to_a_role_without_requirements_is_unknown_not_ready(unknown_ladder):
    from pmgraph.render.career import gap_markdown, gap_text

    gap = skill_gap(unknown_ladder, {"role": "fx-gpm", "skills": {}}, "fx-vp")
    assert gap.readiness is None and not gap.target_known and gap.skills == ()
    assert gap.to_dict()["readiness"] is None
    assert json.loads(json.dumps(gap.to_dict()))["readiness"] is None  # JSON null
    assert gap_text(gap).splitlines()[0] == ("Fixture Group PM -> Fixture VP Product: readiness unknown: "
                                             "no skill requirements known for Fixture VP Product")
    assert "readiness unknown" in gap_markdown(gap) and "1.00" not in gap_markdown(gap)
    assert readiness([]) is None


def test_gap_path_through_a_role_without_requirements_names_it(unknown_ladder):
    from pmgraph.render.career import gap_text

    gap = skill_gap(unknown_ladder, {"role": "fx-spm", "skills": {}}, "fx-vp")
    assert gap.readiness is None
    assert gap.path is not None and gap.path.roles == ("fx-spm", "fx-gpm", "fx-vp")
    assert gap.effort == 9 and gap.unknown_on_path == ("Fixture VP Product",)  # the unknown step counts nothing
    assert "not counting Fixture VP Product: no skill requirements known" in gap_text(gap)


def test_delta_to_and_from_a_role_without_requirements_says_so(unknown_ladder):
    from pmgraph.render.career import delta_csv, delta_markdown, delta_text

    into = skill_delta(unknown_ladder, "fx-gpm", "fx-vp")
    assert (into.source_known, into.target_known, into.skills, into.effort) == (True, False, (), None)
    text = delta_text(into)
    assert text.splitlines()[:3] == ["Fixture Group PM -> Fixture VP Product: skill effort unknown", "",
                                     "no skill requirements known for Fixture VP Product (skills not compared)"]
    skills_part = text.split("Responsibilities")[0]
    assert "no longer required" not in skills_part and "not stated" not in skills_part
    assert "no skill requirements known for Fixture VP Product" in delta_markdown(into)
    assert "no skill requirements known for Fixture VP Product" in delta_csv(into)
    assert into.to_dict()["to_known"] is False and into.to_dict()["effort"] is None
    out = skill_delta(unknown_ladder, "fx-vp", "fx-cpo")
    assert (out.source_known, out.skills, out.effort) == (False, (), None)
    assert "no skill requirements known for Fixture VP Product" in delta_text(out)
    assert "Gained" not in delta_text(out)


def test_path_delta_through_a_role_without_requirements(unknown_ladder):
    from pmgraph.render.career import path_delta_text

    walk = path_delta(unknown_ladder, ["fx-gpm", "fx-vp", "fx-cpo"])
    assert walk.effort is None and walk.unknown_labels == ("Fixture VP Product",)
    assert walk.net.known and walk.net.effort == 3  # GPM -> CPO compares two known roles
    assert path_delta_text(walk).splitlines()[0] == (
        "Along Fixture Group PM -> Fixture VP Product -> Fixture Chief Product Officer: skill effort unknown: "
        "no skill requirements known for Fixture VP Product")


def test_delta_view_says_no_requirements_known(unknown_ladder):
    from pmgraph.viz.views import delta_view

    view = delta_view(unknown_ladder, "fx-gpm", "fx-vp")
    assert view.caption == "Fixture Group PM → Fixture VP Product: no skill requirements known for Fixture VP Product."


def test_leverage_never_counts_an_unknown_role_ready(unknown_ladder):
    from pmgraph.career.leverage import skill_leverage
    from pmgraph.render.career import leverage_text

    found = skill_leverage(unknown_ladder, "fx-gpm", steps=1)
    assert "Fixture VP Product" in found.reach and found.unknown == ("Fixture VP Product",)
    assert "Fixture VP Product" not in found.ready_now
    assert "no skill requirements known for Fixture VP Product (not counted)" in leverage_text(found)


# --------------------------------------------------------------------------- not stated is not dropped


def test_a_skill_the_higher_role_does_not_mention_is_not_stated_not_dropped(ladder):
    from pmgraph.render.career import delta_markdown, delta_text

    delta = skill_delta(ladder, "fx-spm", "fx-gpm")
    assert [(c.label, c.change) for c in delta.skills if c.to_rank == 0] == [("Analytics", "not stated")]
    assert "no longer required" not in {c.change for c in delta.skills}
    text = delta_text(delta)
    assert "Not stated for Fixture Group PM (1)\n  ?  Analytics  was practitioner" in text
    assert "No longer required" not in text.split("Responsibilities")[0]
    assert "| not stated for Fixture Group PM | Analytics | practitioner | — | -3 |" in delta_markdown(delta)
    assert {c["change"] for c in delta.to_dict()["skills"]} >= {"not stated"}


def test_levelled_down_says_who_states_it_lower(ladder):
    from pmgraph.render.career import delta_text

    text = delta_text(skill_delta(ladder, "fx-principal", "fx-gpm"))
    assert "Levelled down (2)" in text and "(delegated)" not in text
    assert "  v  Roadmapping  expert -> practitioner (-1), lower, no source cited for the level" in text


CEO_NOTE = "No framework bundled here states requirements for this role: GitLab names the CEO only"


def test_a_role_without_requirements_gives_the_datas_reason(bundled):
    """pm:requirementsNote is read with the roles and said wherever "no skill requirements known" is."""
    from pmgraph.career.projection import project
    from pmgraph.render.career import delta_csv, delta_markdown, delta_text, gap_markdown, gap_text

    career = project(bundled)
    ceo = career.roles["chief-executive-officer"]
    assert ceo.requirements_note is not None and ceo.requirements_note.startswith(CEO_NOTE)
    assert ceo.to_dict()["requirements_note"] == ceo.requirements_note
    assert career.roles["chief-product-officer"].requirements_note is None
    assert "requirements_note" not in career.roles["chief-product-officer"].to_dict()
    gap = skill_gap(bundled, {"role": "chief-product-officer", "skills": {}}, "chief-executive-officer")
    assert gap.readiness is None and gap.target_note == ceo.requirements_note
    assert gap.to_dict()["requirements_note"] == ceo.requirements_note
    assert gap_text(gap).splitlines()[0].startswith(
        "Chief Product Officer -> Chief Executive Officer: readiness unknown: "
        "no skill requirements known for Chief Executive Officer: " + CEO_NOTE)
    assert "no skill requirements known for Chief Executive Officer: " + CEO_NOTE in gap_markdown(gap)
    into = skill_delta(bundled, "chief-product-officer", "chief-executive-officer")
    assert into.to_dict()["to_requirements_note"] == ceo.requirements_note
    assert "from_requirements_note" not in into.to_dict()
    assert ("no skill requirements known for Chief Executive Officer (skills not compared): " + CEO_NOTE
            in delta_text(into))
    assert CEO_NOTE in delta_markdown(into) and CEO_NOTE in delta_csv(into)
    known = skill_delta(bundled, "product-manager", "senior-product-manager")
    assert "requirements_note" not in json.dumps(known.to_dict())
