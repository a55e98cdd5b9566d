"""Issue 26's coach answers on the bundled data: deltas compare jobs, not sources; unknown is not ready.

These hold once the reference requirements carry forward along each promotion (the data side of
issue 26); they are not skipped where the data does not yet say so.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pmgraph.cli import cli

KEPT = ("Coaching and mentoring", "Stakeholder management", "Communication", "People leadership",
        "Inclusive leadership")


def cli_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("source, target", [("senior pm", "group product manager"),
                                            ("group product manager", "director of product")])
def test_a_promotion_into_management_drops_none_of_the_people_skills(source, target):
    delta = cli_json("delta", source, target, "--format", "json")
    dropped = sorted(c["label"] for c in delta["skills"]
                     if c["label"] in KEPT and c["change"] in ("no longer required", "not stated"))
    assert dropped == [], f"{source} -> {target} drops {dropped}"
    text = CliRunner().invoke(cli, ["delta", source, target]).stdout
    assert "No longer required" not in text.split("Responsibilities")[0]


@pytest.mark.parametrize("target", ["vp product", "ceo"])
def test_an_empty_profile_is_not_ready_for_the_top(tmp_path, target):
    profile = tmp_path / "empty.yaml"
    profile.write_text("role: Product Manager\nskills: {}\n")
    gap = cli_json("gap", str(profile), "--target", target, "--format", "json")
    assert gap["readiness"] != 1.0
    if not gap["target_known"]:
        assert gap["readiness"] is None
    text = CliRunner().invoke(cli, ["gap", str(profile), "--target", target]).stdout
    assert "readiness 1.00" not in text


def test_head_of_product_to_vp_product_lists_no_27_dropped():
    text = CliRunner().invoke(cli, ["delta", "head of product", "vp product"]).stdout
    assert "27 no longer required" not in text and "No longer required (27)" not in text
    delta = cli_json("delta", "head of product", "vp product", "--format", "json")
    assert not [c for c in delta["skills"] if c["change"] == "no longer required"]
