"""The presentation family: one registry of renderers, one way to write years and suggestions, one
set of output options on every command."""

from __future__ import annotations

import importlib

import click
import pytest

from pmgraph import wording
from pmgraph.cli import OutputOption, cli
from pmgraph.errors import NoPathError
from pmgraph.render import formats, render

#: What each command answers with: the class its result is (module, name).
RESULTS = {
    "roles": ("pmgraph.render.results", "RoleList"),
    "show": ("pmgraph.render.results", "Described"),
    "path": ("pmgraph.render.results", "Paths"),
    "next": ("pmgraph.render.results", "Moves"),
    "delta": ("pmgraph.career.skills", "SkillDelta"),
    "gap": ("pmgraph.career.skills", "Gap"),
    "skills": ("pmgraph.render.results", "SkillList"),
    "ladder": ("pmgraph.career.levels", "LadderSteps"),
    "leverage": ("pmgraph.career.leverage", "Leverage"),
    "card": ("pmgraph.career.cards", "RoleCard"),
    "validate": ("pmgraph.audit.validation", "ValidationReport"),
    "frameworks": ("pmgraph.render.results", "Frameworks"),
    "provenance": ("pmgraph.render.results", "Provenance"),
    "queries": ("pmgraph.render.results", "SavedQueries"),
    "cache info": ("pmgraph.loading.cache", "CacheInfo"),
    "viz": ("pmgraph.viz.page", "View"),
    "explore": ("pmgraph.viz.explorer", "Explorer"),
}


def _commands(group: click.Group = cli, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(_commands(command, f"{prefix}{name} "))
        else:
            found[prefix + name] = command
    return found


def _format_choices(command: click.Command) -> tuple[str, ...]:
    for param in command.params:
        if param.name == "fmt" and isinstance(param.type, click.Choice):
            return tuple(param.type.choices)
    return ("html",) if command.name in ("viz", "explore") else ()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_the_registry_has_a_renderer_for_every_format_a_command_offers(name):
    module, kind = RESULTS[name]
    assert hasattr(importlib.import_module(module), kind), f"{module}.{kind} is gone: update the registry"
    offered = _format_choices(_commands()[name])
    assert offered, f"{name} offers no format"
    assert set(offered) <= set(formats(kind)), f"{name}: no renderer of {kind} for {set(offered) - set(formats(kind))}"


def test_every_command_that_writes_declares_its_output_options_once():
    """-o/--output comes from the one decorator (which also declares --format and --force), on every
    command that has it (export brings its own --format, of the RDF formats, to it)."""
    with_output = {name: c for name, c in _commands().items() if any("-o" in p.opts for p in c.params)}
    assert set(RESULTS) - {"explore", "viz"} <= set(with_output)
    for name, command in with_output.items():
        option = next(p for p in command.params if "-o" in p.opts)
        assert isinstance(option, OutputOption), name
        assert any(p.name == "force" for p in command.params), name


def test_format_text_means_the_same_everywhere_and_table_is_still_taken():
    for name, command in _commands().items():
        choices = _format_choices(command)
        assert "table" not in choices, name
    query = _commands()["query"]
    fmt = next(p for p in query.params if p.name == "fmt")
    assert fmt.default == "text" and fmt.type.convert("table", fmt, None) == "text"


def test_render_refuses_a_format_it_has_no_renderer_for():
    from pmgraph.render.results import RoleList

    assert render(RoleList([]), "text") == "no role matches"
    assert render(RoleList([]), "json") == "[]"
    with pytest.raises(ValueError, match="cannot write a RoleList as 'mermaid'; use one of"):
        render(RoleList([]), "mermaid")


@pytest.mark.parametrize("low, high, text", [
    (0, 0, "0 years"), (1, 1, "1 year"), (3, 3, "3 years"), (2, 4, "2-4 years"), (0.5, 1.5, "0.5-1.5 years"),
    (None, None, "years unknown"),
])
def test_years_are_written_one_way(low, high, text):
    assert wording.years(low, high) == text


def test_an_estimate_is_marked_and_decided_once():
    class Step:
        years_min, years_max, years_estimate = 1.0, 1.0, True

    assert wording.step_years(Step()) == "1 year (estimate)"
    assert wording.is_estimate(True, [True]) and wording.is_estimate(True, [])
    assert not wording.is_estimate(True, [True, False]) and not wording.is_estimate(False, [True])
    assert wording.typical_years(2, 4) == "typically 2–4 years" and wording.short_years(2, 4) == "2–4 y"


def test_suggestions_and_sources_are_written_one_way():
    assert wording.did_you_mean([]) == ""
    assert wording.did_you_mean(["Head of Product"]) == " Did you mean 'Head of Product'?"
    assert wording.did_you_mean(["a", "b"]) == " Did you mean 'a' or 'b'?"
    assert wording.stated_by(["gitlab", "ddat"]) == "stated by ddat, gitlab"
    assert wording.stated_by([]) == wording.named([]) == "no source"


def test_escaping_for_markdown_csv_and_html():
    assert wording.markdown_cell("a | b_c") == "a \\| b_c"
    assert wording.markdown_text("a | b_c <i>") == "a \\| b\\_c &lt;i>"
    assert wording.csv_table(["x"], [["=1+1"], [None], [2]]) == "x\r\n'=1+1\r\n\"\"\r\n2\r\n"
    assert wording.escape_html("<a & b>") == "&lt;a &amp; b&gt;"


def test_a_library_error_names_no_cli_flag_the_cli_adds_it():
    error = NoPathError("No path from 'A' to 'B' uses only moves a source document states", relax="sourced_only")
    assert "--" not in str(error) and "sourced_only=False" in str(error)
    from pmgraph.cli import _message

    assert _message(error).endswith("states; drop --sourced-only to include editorial moves.")


PRODUCT = "tests/data/monzo/product.md"


def _write_twice(tmp_path):
    import rdflib

    from pmgraph.ladders.rdf import write_turtle

    (tmp_path / "out.ttl").write_text("mine")
    write_turtle(rdflib.Graph(), tmp_path / "out.ttl")


def _untitled_function(tmp_path):
    from pmgraph.ladders.rdf import import_ladder

    text = open(PRODUCT, encoding="utf-8").read().replace('title: "🚀 Product Framework"', 'title: "Squad"')
    (tmp_path / "framework.md").write_text(text, encoding="utf-8")
    import_ladder(tmp_path / "framework.md", years=(1, 2))


def _missing_parameter(tmp_path):
    import pmgraph
    from pmgraph.sparql.saved import bind_parameters, read_query_file

    (tmp_path / "q.rq").write_text("# description: x\n# param: role (role) — the role\nASK {}\n")
    bind_parameters(pmgraph.load(bundled=False), read_query_file(tmp_path / "q.rq"), {})


def _service(tmp_path):
    import rdflib

    from pmgraph.sparql import run_query

    run_query(rdflib.Graph(), "ASK { SERVICE <http://example.org/> { ?s ?p ?o } }")


@pytest.mark.parametrize("fail, python, cli", [
    (_write_twice, "already exists — pass force=True to overwrite it", "already exists — pass --force to overwrite it"),
    (_untitled_function,
     "pass it (function=product, marketing, design, engineering, operations or 'general management')",
     "pass it (--function product, marketing, design, engineering, operations or 'general management')"),
    (_missing_parameter, "needs the parameter role=VALUE (the role).", "needs --param role=VALUE (the role)."),
    (_service, "Load the other data into the graph instead (pmgraph.load(files)).",
     "Load the other data with --data instead."),
], ids=["force", "function", "param", "data"])
def test_each_library_remedy_is_said_in_python_and_the_cli_says_its_flag(tmp_path, fail, python, cli):
    import pickle

    from pmgraph.cli import _message
    from pmgraph.errors import PmGraphError

    with pytest.raises(PmGraphError) as caught:
        fail(tmp_path)
    error = caught.value
    assert str(error).endswith(python) and "--" not in str(error)
    assert _message(error) == str(error)[: -len(python)] + cli
    assert _message(pickle.loads(pickle.dumps(error))) == _message(error)  # a query worker's error too


@pytest.mark.parametrize("module", ["pmgraph.wording", "pmgraph.render"])
def test_the_examples_run(module, monkeypatch):
    import doctest
    from pathlib import Path

    monkeypatch.chdir(Path(__file__).resolve().parents[1])  # the examples load tests/data/ladder.ttl
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_query_writes_its_answer_through_the_one_decorator(tmp_path):
    from click.testing import CliRunner

    out = tmp_path / "levels.csv"
    query = ["query", "-e", "SELECT ?r WHERE { ?r pm:level 8 } ORDER BY ?r", "--format", "csv", "-o", str(out)]
    result = CliRunner().invoke(cli, query)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == "r" and result.stdout == ""
    again = CliRunner().invoke(cli, query)
    assert again.exit_code == 1 and "--force" in again.stderr  # refused before the query runs
    assert CliRunner().invoke(cli, [*query, "--force"]).exit_code == 0
