"""The ``pmgraph`` command line: parses, calls one library function, formats.

Exit codes: 0 ok; 1 a domain error (invalid data, unknown role, no path); 2 a usage error.
"""

from __future__ import annotations

import json
import logging

import click

from . import __version__
from .errors import PmGraphError

EXIT_INVALID = 1


class PmGraphGroup(click.Group):
    """Turns every :class:`PmGraphError` into a one-line error and exit 1, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PmGraphError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=PmGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmgraph")
@click.option(
    "--data",
    "data_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Merge this ontology file into the bundled graph (repeatable).",
)
@click.pass_context
def cli(ctx: click.Context, data_files: tuple[str, ...]) -> None:
    """pmgraph: a knowledge graph of product leadership roles, and the tools to question it.

    \b
    Example:
      pmgraph validate
    """
    ctx.obj = {"data": data_files}


def load_graph(ctx: click.Context):
    """The graph every read command works on: the bundled ontology plus ``--data`` files.

    Loaded once per invocation and kept on the context.
    """
    root = ctx.find_root()
    if "graph" not in root.obj:
        from .graph import load

        root.obj["graph"] = load(root.obj["data"])
    return root.obj["graph"]


def format_option(*choices: str):
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
        help="Output format.",
    )


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False), metavar="[FILE]...")
@click.option("--no-bundled", is_flag=True, help="Validate only FILEs, without the bundled ontology.")
@format_option("text", "json")
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], no_bundled: bool, fmt: str) -> None:
    """Check the bundled ontology, plus FILEs, against the shapes and graph rules.

    Each problem prints as one line: the role, what is wrong, how to fix it.
    Exit 0 when valid, 1 when not (or when a file is missing or malformed).
    Python: pmgraph.validate(pmgraph.load(files)).

    \b
    Examples:
      pmgraph validate
      pmgraph validate my-ladder.ttl
      pmgraph validate --no-bundled schema.ttl my-ontology.ttl
    """
    from .graph import load
    from .validate import validate as run_validation

    if no_bundled and not files:
        raise click.UsageError("--no-bundled needs at least one FILE to validate.")
    graph = load([*ctx.obj["data"], *files], bundled=not no_bundled)
    report = run_validation(graph)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        for violation in report.violations:
            click.echo(str(violation))
        summary = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        click.echo(("valid: " if report.conforms else "invalid: ") + summary, err=True)
    if not report.conforms:
        ctx.exit(EXIT_INVALID)


# ----------------------------------------------------------------- roles, paths, deltas (pmgraph.paths, pmgraph.skills)


# ----------------------------------------------------------------- SPARQL: query, queries, serve, publish (pmgraph.sparql)


# ----------------------------------------------------------------- HTML views (pmgraph.viz)


# ----------------------------------------------------------------- import and export


def _years_range(_ctx, _param, value: str | None):
    if value is None:
        return None
    parts = value.replace(",", "-").split("-")
    try:
        low, high = (float(p) for p in parts)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not MIN-MAX, e.g. 1-2 or 0.5-1.5") from None
    if low < 0 or high < low:
        raise click.BadParameter(f"{value!r} must satisfy 0 <= MIN <= MAX")
    return (parts[0].strip(), parts[1].strip())


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False), metavar="FILE")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), metavar="OUT.ttl",
              help="Write the imported ladder here (Turtle).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv", "progression"]), default=None,
              help="Input format; by default from the suffix (.yaml/.yml, .csv, .md).")
@click.option("--align", is_flag=True, help="Link roles to bundled roles of the same level and function "
              "(skos:closeMatch plus lateral moves both ways) so paths cross ladders.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@click.option("--base", metavar="IRI", default=None,
              help="Base IRI for imported nodes [default: https://w3id.org/pmgraph/ladder/{company}/].")
@click.option("--years", metavar="MIN-MAX", default=None, callback=_years_range,
              help="Typical years between levels of a progression framework, which states none (required there).")
@click.option("--function", "function", metavar="NAME", default=None,
              help="Function of a progression framework's roles when its title names none (product, marketing, ...).")
@click.pass_context
def import_(ctx: click.Context, file: str, out: str, fmt: str | None, align: bool, force: bool,
            base: str | None, years, function: str | None) -> None:
    """Convert a career ladder FILE into pmgraph's ontology, written to OUT.ttl.

    FILE is pmgraph's ladder format in YAML or CSV (docs/ladder-format.md) or a progression
    framework in Markdown with YAML front matter (Monzo's and its forks'). FILE is never modified;
    OUT is written atomically and is not overwritten without --force. Check the result with
    'pmgraph validate OUT.ttl'; use it in any command with '--data OUT.ttl'.
    Python: pmgraph.ladder.write_turtle(pmgraph.ladder.import_ladder(FILE, align=...), OUT).

    \b
    Examples:
      pmgraph import examples/acme-ladder.yaml -o acme.ttl
      pmgraph import ladder.csv -o ladder.ttl --align --force
      pmgraph import product.md -o monzo-product.ttl --years 1-2 --base https://example.com/ladder/
    """
    from pathlib import Path

    from rdflib import RDF, SKOS

    from .errors import InvalidDataError
    from .ladder import import_ladder, write_turtle
    from .vocab import PM

    if Path(out).resolve() == Path(file).resolve():
        raise InvalidDataError("is the input file — give another OUT; inputs are never modified", file=out)
    graph = import_ladder(file, format=fmt, namespace=base, align=align,
                          against=load_graph(ctx) if align else None, years=years, function=function)
    write_turtle(graph, out, force=force)
    count = lambda kind: len(set(graph.subjects(RDF.type, kind)))  # noqa: E731
    aligned = len(set(graph.subject_objects(SKOS.closeMatch)))
    click.echo(f"wrote {out}: {count(PM.Role)} roles, {len(set(graph.objects(None, PM.requiresSkill)))} skills, "
               f"{count(PM.Transition)} transitions" + (f", {aligned} roles aligned" if align else ""), err=True)


def main() -> None:
    """Console-script entry point."""
    # rdflib logs a traceback for every ill-typed literal; the validator reports them instead.
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    cli(prog_name="pmgraph")
