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
@click.option(
    "--endpoint",
    envvar="PMGRAPH_ENDPOINT",
    metavar="URL",
    help="Read from this SPARQL 1.1 query endpoint instead of the embedded graph "
    "(env PMGRAPH_ENDPOINT).",
)
@click.option(
    "--endpoint-graph",
    envvar="PMGRAPH_GRAPH",
    metavar="IRI",
    default="https://w3id.org/pmgraph/graph",
    show_default=True,
    help="The named graph to read at --endpoint; 'default' for the store's default graph.",
)
@click.pass_context
def cli(ctx: click.Context, data_files: tuple[str, ...], endpoint: str | None, endpoint_graph: str) -> None:
    """pmgraph: a knowledge graph of product leadership roles, and the tools to question it.

    \b
    Example:
      pmgraph validate
    """
    ctx.obj = {"data": data_files, "endpoint": endpoint, "endpoint_graph": endpoint_graph}


def load_graph(ctx: click.Context):
    """The graph every read command works on: the bundled ontology plus ``--data`` files.

    Loaded once per invocation and kept on the context.
    """
    root = ctx.find_root()
    if "graph" not in root.obj:
        if root.obj.get("endpoint"):
            from .remote import connect

            if root.obj["data"]:
                raise click.UsageError("--data merges files into the embedded graph; with --endpoint, "
                                       "publish them first: pmgraph publish --endpoint URL FILE")
            named = root.obj["endpoint_graph"]
            root.obj["graph"] = connect(root.obj["endpoint"], graph=None if named == "default" else named)
        else:
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


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = value
    return params


@cli.command()
@click.argument("source", required=False, metavar="[QUERY_FILE_OR_NAME]")
@click.option("-e", "--expression", "inline", metavar="TEXT", help="The query text itself.")
@click.option("--param", "-p", "param_values", multiple=True, metavar="NAME=VALUE",
              help="A parameter value, bound safely (repeatable).")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "xml", "markdown",
                                 "turtle", "json-ld", "n-triples", "rdf-xml"]),
              help="Output format; CONSTRUCT and DESCRIBE print as Turtle unless json-ld/n-triples/rdf-xml.")
@click.option("--labels", is_flag=True, help="Show each IRI's label in a column beside it.")
@click.pass_context
def query(ctx, source, inline, param_values, fmt, labels):
    """Run a read-only SPARQL query: inline (-e), from a file, or a saved query by name.

    The prefixes pm:, role:, skill:, skos:, dct:, ... are predeclared. Updates and SERVICE
    are refused. Python: pmgraph.sparql.run_query(graph, text, params=...) and
    pmgraph.sparql.format_result(result, fmt).

    \b
    Examples:
      pmgraph query -e 'SELECT ?role ?level WHERE { ?role pm:level ?level } ORDER BY ?level'
      pmgraph query reporting-chain --param role=role:product-manager --labels
      pmgraph query my-question.rq --format csv
    """
    from pathlib import Path

    from . import sparql

    if (source is None) == (inline is None):
        raise click.UsageError("Give a query file or saved query name, or -e TEXT (one of them).")
    if inline is not None:
        saved = None
        text = inline
    elif Path(source).is_file():
        saved = sparql.read_query_file(source)
        text = saved.text
    else:
        saved = sparql.load_saved(source)
        text = saved.text
    sparql.check_query(text)  # syntax errors and updates before the graph loads
    graph = load_graph(ctx)
    params = sparql.bind_parameters(graph, saved, _parse_params(param_values))
    result = sparql.run_query(graph, text, params=params)
    if labels:
        result = sparql.add_labels(graph, result)
    output = sparql.format_result(result, fmt)
    click.echo(output, nl=not output.endswith("\n"))


@cli.command()
@format_option("text", "json")
def queries(fmt: str) -> None:
    """List the saved queries with their descriptions and parameters.

    Run one with 'pmgraph query NAME --param name=value'. Python: pmgraph.sparql.saved_queries().

    \b
    Example:
      pmgraph queries
    """
    from .sparql import saved_queries

    found = saved_queries()
    if fmt == "json":
        data = [
            {
                "name": q.name,
                "description": q.description,
                "parameters": [
                    {"name": p.name, "type": p.type, "description": p.description, "default": p.default}
                    for p in q.parameters
                ],
            }
            for q in found
        ]
        click.echo(json.dumps(data, indent=2))
        return
    for q in found:
        click.echo(f"{q.name}: {q.description}")
        for p in q.parameters:
            default = f" (default {p.default})" if p.default is not None else " (required)"
            click.echo(f"    --param {p.name}=<{p.type}>  {p.description}{default}")



@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True, type=int, help="Port (0 picks a free one).")
@click.option("--timeout", default=10.0, show_default=True, type=float,
              help="Seconds a query may run; slower queries get HTTP 503.")
@click.option("--max-results", default=10_000, show_default=True, type=int,
              help="Rows or triples a result may have; larger results get HTTP 500.")
@click.option("--quiet", is_flag=True, help="Do not log requests.")
@click.pass_context
def serve(ctx, host, port, timeout, max_results, quiet):
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint at /sparql.

    GET and POST, results by content negotiation, an HTML query page at /, updates refused
    (403). Python: pmgraph.endpoint.make_server(graph, host, port).serve_forever().

    \b
    Examples:
      pmgraph serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?r pm:level ?l }' http://127.0.0.1:7878/sparql
    """
    from .endpoint import make_server

    graph = load_graph(ctx)
    log = None if quiet else (lambda line: click.echo(line, err=True))
    try:
        server = make_server(graph, host, port, timeout=timeout, max_results=max_results, log=log)
    except OSError as error:
        raise click.ClickException(f"Cannot listen on {host}:{port}: {error.strerror or error}")
    click.echo(f"pmgraph SPARQL endpoint at {server.url} (query page: {server.url[:-len('sparql')]}); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False), metavar="[FILE]...")
@click.option("--endpoint", "target", metavar="URL", envvar="PMGRAPH_ENDPOINT", required=True,
              help="The store's SPARQL query URL, e.g. http://127.0.0.1:7878/query (env PMGRAPH_ENDPOINT).")
@click.option("--update-endpoint", metavar="URL",
              help="The store's SPARQL update URL; default: --endpoint with /query or /sparql -> /update.")
@click.option("--graph", "graph_iri", metavar="IRI", default="https://w3id.org/pmgraph/graph",
              show_default=True, help="The named graph to replace.")
@click.pass_context
def publish(ctx, files, target, update_endpoint, graph_iri):
    """Load the bundled ontology, plus --data files and FILEs, into a SPARQL 1.1 store.

    Replaces one named graph (DROP, then INSERT DATA), so publishing twice leaves the same
    triples. Python: pmgraph.remote.publish(pmgraph.load(files), endpoint, graph_iri=IRI).

    \b
    Examples:
      oxigraph serve --location ./store --bind 127.0.0.1:7878 &
      pmgraph publish --endpoint http://127.0.0.1:7878/query my-ladder.ttl
      pmgraph --endpoint http://127.0.0.1:7878/query query top-roles
    """
    from .graph import load
    from .remote import publish as publish_graph

    graph = load([*ctx.obj["data"], *files])
    count = publish_graph(graph, target, graph_iri=graph_iri, update_endpoint=update_endpoint)
    click.echo(f"published {count} triples into <{graph_iri}> at {target}", err=True)


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
