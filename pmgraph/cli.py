"""The ``pmgraph`` command line: parses, calls one library function, formats.

Exit codes: 0 ok; 1 a domain error (invalid data, unknown role, no path); 2 a usage error.
"""

from __future__ import annotations

import json
import logging
import os

import click

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
@click.version_option(package_name="pmgraph", prog_name="pmgraph")
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
@click.option(
    "--cache-dir",
    envvar="PMGRAPH_CACHE_DIR",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Where loaded graphs are cached between runs (env PMGRAPH_CACHE_DIR; default "
    "$XDG_CACHE_HOME/pmgraph or ~/.cache/pmgraph).",
)
@click.option("--no-cache", is_flag=True, help="Parse the files afresh and write no cache.")
@click.pass_context
def cli(ctx: click.Context, data_files: tuple[str, ...], endpoint: str | None, endpoint_graph: str,
        cache_dir: str | None, no_cache: bool) -> None:
    """pmgraph: a knowledge graph of product leadership roles, and the tools to question it.

    \b
    Example:
      pmgraph validate
    """
    if not no_cache and not cache_dir:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        cache_dir = os.path.join(base, "pmgraph")
    ctx.obj = {"data": data_files, "endpoint": endpoint, "endpoint_graph": endpoint_graph,
               "cache_dir": None if no_cache else cache_dir}


def load_graph(ctx: click.Context, *, in_memory: bool = False):
    """The graph every read command works on: the bundled ontology plus ``--data`` files.

    From the remote endpoint when one is given; else from the cache (a read-only on-disk store,
    built on the first run); else parsed afresh. ``in_memory`` skips the on-disk store: a
    long-running server pays the parse once and then answers scans several times faster than
    RocksDB does (measured in benchmarks/RESULTS.md). Loaded once per invocation.
    """
    root = ctx.find_root()
    if in_memory and not root.obj.get("endpoint"):
        root.obj = {**root.obj, "cache_dir": None}
    if "graph" not in root.obj:
        if root.obj.get("endpoint"):
            from .remote import connect

            if root.obj["data"]:
                raise click.UsageError("--data merges files into the embedded graph; with --endpoint, "
                                       "publish them first: pmgraph publish --endpoint URL FILE")
            named = root.obj["endpoint_graph"]
            root.obj["graph"] = connect(root.obj["endpoint"], graph=None if named == "default" else named)
        elif root.obj["cache_dir"] and (graph := _try_cache(root, "cached_graph")) is not None:
            root.obj["graph"] = graph
        else:
            from .graph import load

            root.obj["graph"] = load(root.obj["data"])
    return root.obj["graph"]


def _try_cache(root: click.Context, what: str):
    """Use the cache; if its directory cannot be written, say so once and go without it."""
    from . import cache

    try:
        return getattr(cache, what)(root.obj["data"], cache_dir=root.obj["cache_dir"])
    except OSError as error:
        click.echo(f"warning: cache unusable ({error.strerror or error}: {root.obj['cache_dir']}); "
                   "loading without it (set --cache-dir or --no-cache)", err=True)
        root.obj["cache_dir"] = None
        return None


def load_career(ctx: click.Context):
    """The networkx projection the path, delta and role commands work on.

    From the cache when there is one: no parsing, no rdflib, no SPARQL on a second run.
    """
    root = ctx.find_root()
    if "career" not in root.obj:
        if (root.obj["cache_dir"] and not root.obj.get("endpoint")
                and (career := _try_cache(root, "cached_career")) is not None):
            root.obj["career"] = career
        else:
            from .projection import project

            root.obj["career"] = project(load_graph(ctx))
    return root.obj["career"]


def write_text_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`pmgraph.files.write_atomically`)."""
    from .files import write_atomically

    write_atomically(path, text)


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
    from .validation import validate as run_validation

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


def _track_option_value(graph, track: str | None) -> str | None:
    """Check a --track value up front, so an unknown track is a usage error (exit 2)."""
    if track is None:
        return None
    from .projection import resolve_track

    found, suggestions = resolve_track(graph, track)
    if found is None:
        hint = (" Did you mean " + " or ".join(repr(s) for s in suggestions) + "?") if suggestions else ""
        raise click.BadParameter(f"unknown track {track!r}.{hint}", param_hint="'--track'")
    return found


@cli.command()
@click.option("--track", help="Only roles on this track (IC, management, executive).")
@click.option("--function", "function", help="Only roles in this function (product, marketing, ...).")
@click.option("--level", type=int, help="Only roles at this level.")
@format_option("text", "json", "markdown")
@click.pass_context
def roles(ctx: click.Context, track: str | None, function: str | None, level: int | None, fmt: str) -> None:
    """List the roles by level, optionally filtered.

    Python: pmgraph.paths.roles(graph, track=..., function=..., level=...).

    \b
    Examples:
      pmgraph roles
      pmgraph roles --track management --function product
    """
    from . import render
    from .paths import roles as list_roles
    from .projection import resolve_function

    graph = load_career(ctx)
    track = _track_option_value(graph, track)
    if function is not None:
        found, suggestions = resolve_function(graph, function)
        if found is None:
            hint = (" Did you mean " + " or ".join(repr(s) for s in suggestions) + "?") if suggestions else ""
            raise click.BadParameter(f"unknown function {function!r}.{hint}", param_hint="'--function'")
        function = found
    found_roles = list_roles(graph, track=track, function=function, level=level)
    if fmt == "json":
        click.echo(render.to_json([r.to_dict() for r in found_roles]))
    elif fmt == "markdown":
        click.echo(render.roles_markdown(found_roles))
    else:
        click.echo(render.roles_text(found_roles))


@cli.command()
@click.argument("role")
@format_option("text", "json")
@click.pass_context
def show(ctx: click.Context, role: str, fmt: str) -> None:
    """Show one ROLE: level, track, skills, responsibilities, reporting line and moves.

    ROLE is a label, synonym or id, in any case. Python: pmgraph.paths.describe_role(graph, role).

    \b
    Example:
      pmgraph show "head of product"
    """
    from . import render
    from .paths import describe_role

    details = describe_role(load_career(ctx), role)
    if fmt == "json":
        click.echo(render.to_json(details.to_dict()))
        return
    r = details.role
    lines = [f"{r.label} ({r.id})", f"  level {r.level}, {r.track}, {r.function}"]
    if r.synonyms:
        lines.append("  also: " + ", ".join(r.synonyms))
    if r.definition:
        lines.append("  " + r.definition)
    if details.reports_to:
        lines.append("  reports to: " + ", ".join(details.reports_to))
    if details.skills:
        lines += ["", "Skills"] + [f"  {label}: {prof}" + (f" ({imp})" if imp else "") for _s, label, prof, imp in details.skills]
    if details.responsibilities:
        lines += ["", "Responsibilities"] + [f"  {x}" for x in details.responsibilities]
    for title, moves, attr in (("Next moves", details.next_moves, "target_label"), ("Comes from", details.previous_moves, "source_label")):
        if moves:
            lines += ["", title] + [f"  {getattr(m, attr)}: {m.kind}, {render.years(m.years_min, m.years_max)}" for m in moves]
    click.echo("\n".join(lines))


@cli.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--by", type=click.Choice(["hops", "years", "effort"]), default="hops", show_default=True,
              help="Weight: fewest steps, fewest typical years (range midpoints), least skill effort.")
@click.option("-k", "k", type=click.IntRange(min=1), default=1, show_default=True, help="How many alternative paths, best first.")
@click.option("--via", help="A role every path passes through.")
@click.option("--avoid", multiple=True, help="A role no path passes through (repeatable).")
@click.option("--track", help="Stay on this track (IC, management, executive) after the start's own rungs.")
@click.option("--no-lateral", is_flag=True, help="Promotions only: no lateral moves.")
@click.option("--max-steps", type=click.IntRange(min=1), help="At most this many transitions.")
@format_option("text", "json", "markdown", "mermaid")
@click.pass_context
def path(ctx: click.Context, source: str, target: str, by: str, k: int, via: str | None, avoid: tuple[str, ...],
         track: str | None, no_lateral: bool, max_steps: int | None, fmt: str) -> None:
    """The best promotion path(s) from role FROM to role TO, with kinds, years and totals.

    Python: pmgraph.paths.shortest_paths(graph, FROM, TO, k=..., by=..., via=..., avoid=...,
    track=..., lateral=..., max_steps=...).

    \b
    Examples:
      pmgraph path "product manager" "chief product officer"
      pmgraph path PM CPO --by years -k 3 --format markdown
      pmgraph path "senior pm" cpo --track management --no-lateral
    """
    from . import render
    from .paths import shortest_paths
    from .projection import resolve_role

    graph = load_career(ctx)
    track = _track_option_value(graph, track)
    ends = {resolve_role(graph, source), resolve_role(graph, target)}
    avoided = {resolve_role(graph, a) for a in avoid}
    if via is not None and resolve_role(graph, via) in avoided:
        raise click.UsageError(f"--via {via!r} is also in --avoid; a path cannot both pass through and avoid it.")
    if ends & avoided:
        raise click.UsageError("--avoid names FROM or TO; a path cannot avoid its own ends.")
    found = shortest_paths(graph, source, target, k=k, by=by, via=via, avoid=avoid, track=track,
                           lateral=not no_lateral, max_steps=max_steps)
    if fmt == "json":
        first = found[0]
        click.echo(render.to_json({"from": first.roles[0], "to": first.roles[-1], "by": by,
                                   "paths": [p.to_dict() for p in found]}))
    else:
        click.echo({"text": render.paths_text, "markdown": render.paths_markdown,
                    "mermaid": render.paths_mermaid}[fmt](found))


@cli.command("next")
@click.argument("role")
@click.option("--no-lateral", is_flag=True, help="Promotions only.")
@format_option("text", "json", "markdown")
@click.pass_context
def next_(ctx: click.Context, role: str, no_lateral: bool, fmt: str) -> None:
    """The roles one transition away from ROLE, with kind and typical years.

    Python: pmgraph.paths.next_moves(graph, role, lateral=...).

    \b
    Example:
      pmgraph next "senior product manager"
    """
    from . import render
    from .paths import next_moves
    from .projection import project, resolve_role

    graph = load_career(ctx)
    label = project(graph).label(resolve_role(graph, role))
    moves = next_moves(graph, role, lateral=not no_lateral)
    if fmt == "json":
        click.echo(render.to_json([m.to_dict() for m in moves]))
    elif fmt == "markdown":
        click.echo(render.moves_markdown(label, moves))
    else:
        click.echo(render.moves_text(label, moves))


@cli.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--along", type=click.Choice(["hops", "years", "effort"]),
              help="Step by step along the best path by this weight, instead of FROM against TO directly.")
@format_option("text", "json", "markdown", "mermaid")
@click.pass_context
def delta(ctx: click.Context, source: str, target: str, along: str | None, fmt: str) -> None:
    """How skills and responsibilities change from role FROM to role TO.

    Skills are grouped as gained, levelled up, unchanged, levelled down (delegated) and no longer
    required. Python: pmgraph.skills.skill_delta(graph, FROM, TO); with --along,
    pmgraph.skills.path_delta(graph, pmgraph.paths.shortest_path(graph, FROM, TO, by=...)).

    \b
    Examples:
      pmgraph delta "senior pm" "group product manager"
      pmgraph delta PM CPO --along years --format json
    """
    from . import render
    from .skills import path_delta, skill_delta

    graph = load_career(ctx)
    if along is not None:
        if fmt in ("markdown", "mermaid"):
            raise click.UsageError(f"--along prints text or json; --format {fmt} shows one delta, drop --along.")
        from .paths import shortest_path

        walk = path_delta(graph, shortest_path(graph, source, target, by=along))
        click.echo(render.to_json(walk.to_dict()) if fmt == "json" else render.path_delta_text(walk))
        return
    found = skill_delta(graph, source, target)
    if fmt == "json":
        click.echo(render.to_json(found.to_dict()))
    else:
        click.echo({"text": render.delta_text, "markdown": render.delta_markdown,
                    "mermaid": render.delta_mermaid}[fmt](found))


@cli.command()
@click.argument("profile", type=click.Path(dir_okay=False))
@click.option("--target", required=True, help="The role to aim for.")
@format_option("text", "json", "markdown")
@click.pass_context
def gap(ctx: click.Context, profile: str, target: str, fmt: str) -> None:
    """A person's gap to a target role: missing and short skills, readiness, easiest path.

    PROFILE is a YAML or JSON file: `role: Senior PM` and `skills:` mapping skill names to a
    proficiency (awareness, working, practitioner, expert, authority, or 1-5).
    Python: pmgraph.skills.skill_gap(graph, PROFILE, target).

    \b
    Example:
      pmgraph gap me.yaml --target "head of product"
    """
    from . import render
    from .skills import skill_gap

    found = skill_gap(load_career(ctx), profile, target)
    if fmt == "json":
        click.echo(render.to_json(found.to_dict()))
    elif fmt == "markdown":
        click.echo(render.gap_markdown(found))
    else:
        click.echo(render.gap_text(found))


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

_VIEW_OPTIONS = ("--focus", "--path", "--delta", "--org")
_PATH_ONLY = {"by": "--by", "k": "-k", "via": "--via", "avoid": "--avoid", "track": "--track",
              "no_lateral": "--no-lateral", "max_steps": "--max-steps"}


@cli.command()
@click.option("-o", "--output", default="pmgraph.html", show_default=True, metavar="OUT.html",
              type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              help="Where to write the page ('-' for standard output).")
@click.option("--focus", metavar="ROLE", help="View ROLE and its neighbourhood.")
@click.option("--depth", type=click.IntRange(min=0), help="With --focus: how many moves or reporting lines out (default 1).")
@click.option("--path", "path_ends", nargs=2, metavar="FROM TO", help="View the best path from FROM to TO on the graph.")
@click.option("--by", type=click.Choice(["hops", "years", "effort"]), help="With --path: weight (default hops).")
@click.option("-k", "k", type=click.IntRange(min=1), help="With --path: also show up to K-1 alternatives.")
@click.option("--via", help="With --path: a role the path passes through.")
@click.option("--avoid", multiple=True, help="With --path: a role the path avoids (repeatable).")
@click.option("--track", help="With --path: stay on this track (IC, management, executive).")
@click.option("--no-lateral", is_flag=True, help="With --path: promotions only.")
@click.option("--max-steps", type=click.IntRange(min=1), help="With --path: at most this many transitions.")
@click.option("--delta", "delta_ends", nargs=2, metavar="FROM TO", help="View the skill delta from FROM to TO.")
@click.option("--org", is_flag=True, help="View the org chart of reporting lines.")
@click.pass_context
def viz(ctx: click.Context, output: str, focus: str | None, depth: int | None, path_ends: tuple[str, str] | None,
        by: str | None, k: int | None, via: str | None, avoid: tuple[str, ...], track: str | None,
        no_lateral: bool, max_steps: int | None, delta_ends: tuple[str, str] | None, org: bool) -> None:
    """Write an interactive HTML view of the graph: one self-contained page that works offline.

    Without a view option: the whole career graph (levels top to bottom, colour by track, shape by
    function, a legend). Choose at most one of --focus, --path, --delta, --org.

    Python: pmgraph.viz.career_view(graph), focus_view(graph, ROLE, depth=N),
    path_view(graph, FROM, TO, by=..., k=..., via=..., avoid=..., track=..., lateral=...,
    max_steps=...), delta_view(graph, FROM, TO), org_view(graph); then .write(OUT) — or
    display the view in Jupyter.

    \b
    Examples:
      pmgraph viz -o career.html
      pmgraph viz --focus "group product manager" --depth 2 -o gpm.html
      pmgraph viz --path "product manager" "chief product officer" --by years -k 2 -o path.html
      pmgraph viz --delta "senior product manager" "group product manager" -o delta.html
      pmgraph viz --org -o org.html
    """
    from pathlib import Path

    from . import viz as views

    chosen = [name for name, on in zip(_VIEW_OPTIONS, (focus, path_ends, delta_ends, org)) if on]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} are different views; choose one.")
    if depth is not None and not focus:
        raise click.UsageError("--depth goes with --focus ROLE.")
    given = {"by": by, "k": k, "via": via, "avoid": avoid, "track": track, "no_lateral": no_lateral,
             "max_steps": max_steps}
    stray = [flag for key, flag in _PATH_ONLY.items() if given[key]]
    if stray and not path_ends:
        raise click.UsageError(f"{', '.join(stray)} go{'es' if len(stray) == 1 else ''} with --path FROM TO.")
    target = None if output == "-" else Path(output)
    if target is not None and target.exists() and target.suffix.lower() not in (".html", ".htm"):
        raise click.UsageError(f"{output!r} exists and is not an .html file; pmgraph only overwrites HTML pages.")

    graph = load_career(ctx)
    if focus:
        view = views.focus_view(graph, focus, depth=1 if depth is None else depth)
    elif path_ends:
        view = views.path_view(graph, *path_ends, by=by or "hops", k=k or 1, via=via, avoid=avoid,
                               track=_track_option_value(graph, track), lateral=not no_lateral,
                               max_steps=max_steps)
    elif delta_ends:
        view = views.delta_view(graph, *delta_ends)
    elif org:
        view = views.org_view(graph)
    else:
        view = views.career_view(graph)
    if target is None:
        click.echo(view.html, nl=False)
        return
    view.write(target)
    click.echo(f"wrote {target} ({view.title}: {view.nodes} nodes, {view.edges} edges)", err=True)


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
