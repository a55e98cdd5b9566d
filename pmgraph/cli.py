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


def write_text_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same directory, then rename."""
    import os
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".pmgraph-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


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


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (atomically) instead of stdout.")
@click.pass_context
def reference(ctx: click.Context, output: str | None) -> None:
    """Print the ontology reference page (Markdown): classes, properties, roles, skills.

    Python: pmgraph.reference.ontology_reference(graph).

    \b
    Example:
      pmgraph reference -o docs/ontology.md
    """
    from .reference import ontology_reference

    page = ontology_reference(load_graph(ctx))
    if output:
        write_text_atomically(output, page)
    else:
        click.echo(page, nl=False)


@cli.command()
@click.option("--triples", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="About how many triples to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: same seed, same bytes.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="Turtle file to write (written atomically).")
def synth(triples: int, seed: int, output: str) -> None:
    """Write a seeded synthetic organisation in pmgraph's ontology, for scale tests.

    Load it with the schema only, e.g. pmgraph validate --no-bundled with ontology/schema.ttl,
    or beside the bundled graph with --data. Python: pmgraph.synth.write_synthetic(path, triples=N).

    \b
    Example:
      pmgraph synth --triples 100000 -o org-100k.ttl
    """
    from .synth import write_synthetic

    units = write_synthetic(output, triples=triples, seed=seed)
    click.echo(f"wrote {output}: {units} business unit(s), seed {seed}", err=True)


def main() -> None:
    """Console-script entry point."""
    # rdflib logs a traceback for every ill-typed literal; the validator reports them instead.
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    cli(prog_name="pmgraph")
