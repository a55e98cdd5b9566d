"""Commands for SPARQL: query, queries, serve, publish (pmgraph.sparql, pmgraph.sparql.endpoint,
pmgraph.loading.remote)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import click

from ..defaults import (
    PUBLISH_CHUNK_SIZE,
    QUERY_MAX_MEMORY,
    SERVE_ANSWER_CACHE,
    SERVE_CHANNEL_TIMEOUT,
    SERVE_CONNECTION_LIMIT,
    SERVE_HOST,
    SERVE_MAX_RESULTS,
    SERVE_PORT,
    SERVE_TIMEOUT,
)
from ..loading.formats import RDF_FORMATS
from ..resources import WHOLE_GRAPH
from . import FormatChoice, Output, cli, emit, load_graph, local_graph, output_options, remote_endpoint, stdin_file

if TYPE_CHECKING:
    import rdflib

    from ..sparql.saved import SavedQuery


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = value
    return params


def _positive_seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    import math

    if not (math.isfinite(value) and 0 < value <= 86_400):
        raise click.BadParameter(f"{value!r} is not a number of seconds above 0 and at most 86400", param=param)
    return value


def _bytes_size(ctx: click.Context, param: click.Parameter, value: str, minimum: int = 64 << 20) -> int:
    """``512M``, ``2G``, ``1500000000`` -> bytes; at least ``minimum`` (64 MiB)."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)i?[bB]?\s*", value)
    if match is None:
        raise click.BadParameter(f"{value!r} is not a size; give bytes or a number with K, M or G (512M, 2G)",
                                 param=param)
    size = int(float(match.group(1)) * 1024 ** " KMGT".index((match.group(2) or " ").upper()))
    if not minimum <= size <= (1 << 44):
        lowest = f"{minimum >> 20}M" if minimum else "0"
        raise click.BadParameter(f"{value!r}: give from {lowest} to 16T", param=param)
    return size


def _size_text(size: int) -> str:
    """``2 << 30`` -> ``2G``: a size in bytes as :func:`_bytes_size` reads it (and --help shows it)."""
    for shift, unit in ((40, "T"), (30, "G"), (20, "M"), (10, "K")):
        if size and size % (1 << shift) == 0:
            return f"{size >> shift}{unit}"
    return str(size)


def max_memory_option(function: Any) -> Any:
    return click.option("--max-memory", default=_size_text(QUERY_MAX_MEMORY), show_default=True, callback=_bytes_size,
                        metavar="SIZE", help="Memory a query may use beyond the loaded data (Linux), e.g. 512M or 2G; "
                        "past it the query is stopped.")(function)


#: pmgraph.sparql.FORMATS (not imported here: it pulls in rdflib): the tabular formats, then the RDF ones.
_QUERY_FORMATS = ("text", "csv", "tsv", "json", "xml", "markdown", *RDF_FORMATS)


@cli.command()
@click.argument("source", required=False, metavar="[QUERY_FILE_OR_NAME]")
@click.option("-e", "--expression", "inline", metavar="TEXT", help="The query text itself.")
@click.option("--param", "-p", "param_values", multiple=True, metavar="NAME=VALUE",
              help="A parameter value, bound safely (repeatable).")
@output_options(format_option=click.option(
    "--format", "fmt", default="text", show_default=True, metavar=f"[{'|'.join(_QUERY_FORMATS)}]",
    type=FormatChoice([*_QUERY_FORMATS, *(a for f in RDF_FORMATS.values() for a in f.aliases)],
                      {"table": "text"}, case_sensitive=False),
    help="Output format: SELECT and ASK as text, csv, tsv, json, xml or markdown; CONSTRUCT and DESCRIBE "
    "as Turtle (text) or another RDF format, by its name or rdflib's and riot's (ttl, nt, nquads, jsonld, "
    "xml, ...)."))
@click.option("--labels", is_flag=True, help="Show each IRI's label in a column beside it.")
@max_memory_option
@click.option("--timeout", "time_limit", default=300.0, show_default=True, type=float, callback=_positive_seconds,
              help="Seconds the query (with loading the data) may take; then it is stopped, exit 1.")
@click.pass_context
def query(ctx: click.Context, source: str | None, inline: str | None, param_values: tuple[str, ...],
          labels: bool, max_memory: int, time_limit: float, output: Output) -> None:
    """Run a read-only SPARQL query: inline (-e), from a file ('-': standard input), or a saved query by name.

    The prefixes pm:, role:, skill:, skos:, dct:, ... are predeclared. Updates and SERVICE
    are refused, and the query runs in a process that cannot open a network socket (Linux),
    under --max-memory. Python: pmgraph.sparql.run_query(graph, text, params=...) and
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
    params = _parse_params(param_values)
    sparql.check_query(text)  # syntax errors, updates and SERVICE before anything loads: a real parse
    assert output.format is not None  # --format has a default
    answer = partial(_answer, text, saved, params, output.format, labels)
    root = ctx.find_root().obj
    if root.get("endpoint"):  # the store runs it; only the answer comes here
        written = answer(load_graph(ctx)).decode("utf-8")
    else:  # run where it cannot reach the network, under --max-memory (pmgraph.sparql.sandbox)
        from ..sparql.sandbox import run_isolated

        prepare = partial(local_graph, root["data"], root["bundled"], root["cache_dir"])
        written = run_isolated(prepare, answer, max_memory=max_memory, timeout=time_limit).decode("utf-8")
    # The answer is written in its format where the query ran (pmgraph.sparql.format_result): what
    # is left is to emit that text, to standard output or -o FILE.
    from ..render.results import Answer

    emit(Output(output.path, "text", output.force), Answer(written))


def _answer(text: str, saved: SavedQuery | None, params: dict[str, str], fmt: str, labels: bool,
            graph: rdflib.Graph) -> bytes:
    """The query's answer in ``fmt`` (run where run_isolated puts it: a module-level function, so a
    fresh interpreter can be given it)."""
    from .. import sparql

    bound = sparql.bind_parameters(graph, saved, params)
    result = sparql.run_query(graph, text, params=bound)
    if labels:
        result = sparql.add_labels(graph, result)
    return sparql.format_result(result, fmt).encode("utf-8")


@cli.command()
@output_options("text", "json")
def queries(output: Output) -> None:
    """List the saved queries with their descriptions and parameters.

    Run one with 'pmgraph query NAME --param name=value'. Python: pmgraph.sparql.saved_queries().

    \b
    Example:
      pmgraph queries
    """
    from ..render.results import SavedQueries
    from ..sparql import saved_queries

    emit(output, SavedQueries(saved_queries()))


@cli.command()
@click.option("--host", default=SERVE_HOST, show_default=True,
              help="Interface to listen on; beyond loopback it needs --token (or --no-auth).")
@click.option("--port", default=SERVE_PORT, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0 picks a free one).")
@click.option("--timeout", default=SERVE_TIMEOUT, show_default=True, type=float, callback=_positive_seconds,
              help="Seconds a query may run; then it is stopped and the client gets HTTP 503.")
@click.option("--max-results", default=SERVE_MAX_RESULTS, show_default=True, type=click.IntRange(1, 100_000_000),
              help="Rows or triples a result may have; larger results get HTTP 500.")
@max_memory_option
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Query worker processes (queries answered at once) [default: the cores plus one, at most 4].")
@click.option("--token", envvar="PMGRAPH_SERVE_TOKEN", default=None,
              help="Clients must send it as 'Authorization: Bearer TOKEN' or ?token=TOKEN (env PMGRAPH_SERVE_TOKEN).")
@click.option("--no-auth", is_flag=True,
              help="Serve beyond loopback without a token (anyone who can reach it may query).")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Let web pages from ORIGIN read answers (repeatable; '*' for any). Off by default.")
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another name the Host header may carry, e.g. a reverse proxy's (repeatable).")
@click.option("--connection-limit", default=SERVE_CONNECTION_LIMIT, show_default=True, type=click.IntRange(1, 100_000),
              help="Connections served at once.")
@click.option("--channel-timeout", default=SERVE_CHANNEL_TIMEOUT, show_default=True, type=float,
              callback=_positive_seconds,
              help="Seconds a client has to send a request's headers, then its body, or may stall taking an "
                   "answer; idle connections close after it too (slow clients).")
@click.option("--answer-cache", default=_size_text(SERVE_ANSWER_CACHE), show_default=True, metavar="SIZE",
              callback=lambda ctx, param, value: _bytes_size(ctx, param, value, minimum=0),
              help="Answers kept to answer a repeated query at once (the data does not change while "
                   "serving), e.g. 256M; 0 keeps none.")
@click.option("--quiet", is_flag=True, help="Do not log requests.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, max_results: int, max_memory: int,
          workers: int | None, token: str | None, no_auth: bool, cors: tuple[str, ...], allowed_hosts: tuple[str, ...],
          connection_limit: int, channel_timeout: float, answer_cache: int, quiet: bool) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint at /sparql.

    GET and POST, results by content negotiation, an HTML query page at /, updates refused
    (403). Each query runs in a worker process that cannot reach the network, under a memory
    limit, and is stopped at --timeout (docs/security.md). Loopback only unless --host, which
    then needs --token or --no-auth.
    Python: pmgraph.sparql.endpoint.make_server(graph, host, port).serve_forever().

    \b
    Examples:
      pmgraph serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?r pm:level ?l }' http://127.0.0.1:7878/sparql
      pmgraph serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    from ..sparql.endpoint import is_loopback, make_server

    if ctx.find_root().obj.get("endpoint"):
        raise click.UsageError("serve serves local data; drop --endpoint (the store has its own endpoint)")
    if not is_loopback(host):
        if not token and not no_auth:
            raise click.BadParameter(f"{host} is reachable beyond this machine: give --token TOKEN, "
                                     "or --no-auth to serve it to anyone", param_hint="'--host'")
        if not token:
            click.echo(f"warning: serving beyond this machine without a token: anyone who can reach "
                       f"{host}:{port} may query", err=True)
    graph = load_graph(ctx, in_memory=True)
    log = None if quiet else (lambda line: click.echo(line, err=True))
    if quiet:  # uvicorn's own notes ("Invalid HTTP request received.") too
        import logging

        logging.getLogger("uvicorn").setLevel(logging.ERROR)
    try:
        server = make_server(graph, host, port, timeout=timeout, max_results=max_results, workers=workers,
                             max_memory=max_memory, token=token, no_auth=no_auth, cors=cors,
                             allowed_hosts=allowed_hosts, connection_limit=connection_limit,
                             channel_timeout=channel_timeout, answer_cache=answer_cache, log=log)
    except OSError as error:
        raise click.ClickException(f"Cannot listen on {host}:{port}: {error.strerror or error}") from error
    except RuntimeError as error:  # a query worker that would not start
        raise click.ClickException(f"Cannot start the query workers: {error}") from error

    click.echo(f"pmgraph SPARQL endpoint at {server.url} (query page: {server.url[:-len('sparql')]}); Ctrl-C stops",
               err=True)

    def stop(*_signal: object) -> None:
        raise KeyboardInterrupt  # a terminated server cleans up as an interrupted one does

    import signal

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False), metavar="[FILE]...")
@click.option("--endpoint", "target", metavar="URL", envvar="PMGRAPH_ENDPOINT", required=True,
              help="The store's SPARQL query URL (env PMGRAPH_ENDPOINT): Oxigraph http://HOST:7878/query, "
                   "Virtuoso http://HOST:8890/sparql, Fuseki http://HOST:3030/DATASET/query.")
@click.option("--update-endpoint", metavar="URL",
              help="The store's SPARQL update URL; default: --endpoint with /query -> /update (Oxigraph, "
                   "Fuseki), else --endpoint itself (Virtuoso's /sparql takes updates once SPARQL_UPDATE "
                   "is granted).")
@click.option("--graph", "graph_iri", metavar="IRI", default=WHOLE_GRAPH,
              show_default=True, help="The named graph to write the whole graph into.")
@click.option("--chunk-size", type=click.IntRange(1, 10_000_000), default=PUBLISH_CHUNK_SIZE, show_default=True,
              help="Triples per INSERT DATA request; the default suits Oxigraph and Virtuoso (which refuses "
                   "more than about 1400).")
@click.option("--chunk", "old_chunk_size", type=click.IntRange(1, 10_000_000), hidden=True)  # the old name, still taken
@click.pass_context
def publish(ctx: click.Context, files: tuple[str, ...], target: str, update_endpoint: str | None,
            graph_iri: str, chunk_size: int, old_chunk_size: int | None) -> None:
    """Load the bundled ontology, plus --data files and FILEs, into a SPARQL 1.1 store.

    Replaces the named graph --graph with the whole graph, and each bundled framework's graph
    (https://w3id.org/pmgraph/framework/ID) with its data, as the embedded dataset holds them
    (DROP, then INSERT DATA), so publishing twice leaves the same triples. Then asks the store
    how many triples each graph holds, and fails unless it holds what was sent.
    Python: pmgraph.loading.remote.publish(pmgraph.load(files), endpoint, graph_iri=IRI).

    \b
    Examples:
      oxigraph serve --location ./store --bind 127.0.0.1:7878 &
      pmgraph publish --endpoint http://127.0.0.1:7878/query my-ladder.ttl
      pmgraph --endpoint http://127.0.0.1:7878/query query top-roles
      pmgraph publish --endpoint http://127.0.0.1:8890/sparql    # Virtuoso
    """
    from ..iris import is_absolute_iri
    from ..loading.graph import load
    from ..loading.remote import publish as publish_graph, published_graphs

    if old_chunk_size is not None:
        if ctx.get_parameter_source("chunk_size") is not click.core.ParameterSource.DEFAULT:
            raise click.UsageError("give --chunk-size once (--chunk is its old name)")
        chunk_size = old_chunk_size
    if not is_absolute_iri(graph_iri):
        raise click.BadParameter(f"{graph_iri!r} is not an absolute IRI (like https://example.org/graph)",
                                 param_hint="'--graph'")
    graph = load([*ctx.obj["data"], *files], bundled=ctx.obj["bundled"])
    named = published_graphs(graph)
    if graph_iri in named:
        raise click.BadParameter(f"<{graph_iri}> is a framework's own graph, published besides; "
                                 "name another graph for the whole graph", param_hint="'--graph'")
    remote = remote_endpoint(ctx, target)
    count = publish_graph(graph, remote, graph_iri=graph_iri, update_endpoint=update_endpoint, named=named,
                          chunk_size=chunk_size)
    click.echo(f"published {count} triples into <{graph_iri}> at {remote.shown}", err=True)
    for iri, each in named.items():
        click.echo(f"published {len(each)} triples into <{iri}>", err=True)
