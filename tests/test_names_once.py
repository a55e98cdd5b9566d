"""Names are resolved once, at the boundary: each role a user types on the command line goes
through ``resolve_role`` exactly once, and the library it calls takes ids (no second lookup)."""

import importlib
import pkgutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import pmgraph
import pmgraph.career
import pmgraph.viz
from pmgraph.career import names
from pmgraph.cli import cli
from pmgraph.errors import UnknownRoleError

LADDER = str(Path(__file__).parent / "data" / "ladder.ttl")


@pytest.fixture
def resolved(monkeypatch):
    """The names ``resolve_role`` is called with, in order, wherever a module holds it."""
    calls: list[str] = []
    original = names.resolve_role

    def counting(graph, name):
        calls.append(name)
        return original(graph, name)

    for package in (pmgraph.career, pmgraph.viz, pmgraph.cli):  # imported first: each binds the original
        for found in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(found.name)
    for module in [m for key, m in sys.modules.items() if key == "pmgraph" or key.startswith("pmgraph.")]:
        if getattr(module, "resolve_role", None) is original:
            monkeypatch.setattr(module, "resolve_role", counting)
    return calls


def run(*args):
    result = CliRunner().invoke(cli, ["--data", LADDER, *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("args, typed", [
    (["path", "fixture pm", "FCPO"], ["fixture pm", "FCPO"]),
    (["path", "fixture pm", "FCPO", "--via", "Fixture Senior PM", "--avoid", "Fixture Group PM", "-k", "2"],
     ["fixture pm", "FCPO", "Fixture Group PM", "Fixture Senior PM"]),
    (["next", "Fixture Senior PM"], ["Fixture Senior PM"]),
    (["show", "FAPM"], ["FAPM"]),
    (["delta", "Fixture Senior PM", "Fixture Group PM"], ["Fixture Senior PM", "Fixture Group PM"]),
    (["delta", "fixture pm", "FCPO", "--along", "years"], ["fixture pm", "FCPO"]),
    (["card", "FAPM", "--next"], ["FAPM"]),
    (["leverage", "Fixture Senior PM", "--target", "FCPO"], ["Fixture Senior PM", "FCPO"]),
])
def test_each_role_typed_is_resolved_once(resolved, args, typed):
    run(*args)
    assert resolved == typed


def test_gap_resolves_the_profile_role_and_the_target_once_each(resolved, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("role: Fixture Senior PM\nskills:\n  Coaching: expert\n", encoding="utf-8")
    run("gap", str(profile), "--target", "fixture director")
    assert resolved == ["Fixture Senior PM", "fixture director"]


@pytest.mark.parametrize("view, typed", [
    (["--path", "fixture pm", "FCPO", "--via", "Fixture Senior PM"], ["fixture pm", "FCPO", "Fixture Senior PM"]),
    (["--focus", "fixture pm"], ["fixture pm"]),
    (["--delta", "Fixture Senior PM", "Fixture Group PM"], ["Fixture Senior PM", "Fixture Group PM"]),
])
def test_viz_resolves_each_role_once(resolved, tmp_path, view, typed):
    run("viz", *view, "-o", str(tmp_path / "view.html"))
    assert resolved == typed


def test_the_curated_api_resolves_names_once_and_the_library_takes_ids(resolved, ladder):
    path = pmgraph.shortest_path(ladder, "fixture pm", "FCPO", via="Fixture Senior PM")
    assert path.roles[0] == "fx-pm" and resolved == ["fixture pm", "FCPO", "Fixture Senior PM"]
    from pmgraph.career.paths import shortest_path

    assert shortest_path(ladder, "fx-pm", "fx-cpo", via="fx-spm") == path
    with pytest.raises(UnknownRoleError, match="Unknown role id 'fixture pm'.*pmgraph.resolve_role"):
        shortest_path(ladder, "fixture pm", "fx-cpo")
    assert resolved == ["fixture pm", "FCPO", "Fixture Senior PM"]  # the library looked nothing up
