"""Commands for SPARQL: query, queries, serve, publish (pmgraph.sparql, pmgraph.sparql.endpoint, pmgraph.loading.remote)."""

from __future__ import annotations

import json

import click

from . import cli, format_option, load_graph, remote_endpoint, stdin_file


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
def query(ctx: click.Context, source: str | None, inline: str | None, param_values: tuple[str, ...], fmt: str,
          labels: bool) -> None:
    """Run a read-only SPARQL query: inline (-e), from a file ('-': standard input), or a saved query by name.

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

    from .. import sparql

    if (source is None) == (inline is None):
        raise click.UsageError("Give a query file or saved query name, or -e TEXT (one of them).")
    if inline is not None:
        saved = None
        text = inline
    else:
        assert source is not None  # one of the two, checked above
        if source == "-":
            saved = sparql.read_query_file(stdin_file(ctx, ".rq"))
            text = saved.text
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
    from ..sparql import saved_queries

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
def serve(ctx: click.Context, host: str, port: int, timeout: float, max_results: int, quiet: bool) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint at /sparql.

    GET and POST, results by content negotiation, an HTML query page at /, updates refused
    (403). Python: pmgraph.sparql.endpoint.make_server(graph, host, port).serve_forever().

    \b
    Examples:
      pmgraph serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?r pm:level ?l }' http://127.0.0.1:7878/sparql
    """
    from ..sparql.endpoint import make_server

    graph = load_graph(ctx, in_memory=True)
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
@click.option("--chunk", type=click.IntRange(1, 10_000_000), default=20_000, show_default=True,
              help="Triples per INSERT DATA request (Virtuoso needs about 1000).")
@click.pass_context
def publish(ctx: click.Context, files: tuple[str, ...], target: str, update_endpoint: str | None,
            graph_iri: str, chunk: int) -> None:
    """Load the bundled ontology, plus --data files and FILEs, into a SPARQL 1.1 store.

    Replaces one named graph (DROP, then INSERT DATA), so publishing twice leaves the same
    triples; with --framework, that framework's own graph (https://w3id.org/pmgraph/framework/ID)
    besides. Then asks the store how many triples each graph holds, and fails unless it holds what
    was sent. Python: pmgraph.loading.remote.publish(pmgraph.load(files), endpoint, graph_iri=IRI).

    \b
    Examples:
      oxigraph serve --location ./store --bind 127.0.0.1:7878 &
      pmgraph publish --endpoint http://127.0.0.1:7878/query my-ladder.ttl
      pmgraph --endpoint http://127.0.0.1:7878/query query top-roles
    """
    from ..loading.graph import load
    from ..loading.remote import publish as publish_graph

    from ..resources import framework_graph

    graph = load([*ctx.obj["data"], *files], bundled=ctx.obj["bundled"])
    # A bundled framework (--framework) also gets its own named graph, as in the embedded store.
    named = {iri: load([path], bundled=False) for path in [*ctx.obj["data"], *files]
             if (iri := framework_graph(path)) is not None}
    remote = remote_endpoint(ctx, target)
    count = publish_graph(graph, remote, graph_iri=graph_iri, update_endpoint=update_endpoint, named=named,
                          chunk=chunk)
    also = "".join(f" and <{iri}>" for iri in sorted(named))
    click.echo(f"published {count} triples into <{graph_iri}>{also} at {remote.shown}", err=True)
