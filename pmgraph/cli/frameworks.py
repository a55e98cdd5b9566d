"""Commands about where the data comes from: the frameworks (pmgraph.ladders.catalogue) and who states
each kind of fact (pmgraph.audit.provenance)."""

from __future__ import annotations

import click

from . import Output, cli, emit, load_graph, output_options


@cli.command("frameworks")
@output_options("text", "json")
@click.pass_context
def frameworks_(ctx: click.Context, output: Output) -> None:
    """The career frameworks pmgraph holds: id, title, publisher, URL, licence, and how many roles,
    skill requirements and moves each has.

    Bundled frameworks are converted from their originals, every value cited; a --data file that
    describes a pm:Framework is listed too. Use one with --framework ID.
    Python: pmgraph.ladders.catalogue.frameworks(files).

    \b
    Examples:
      pmgraph frameworks
      pmgraph frameworks --format json
    """
    from ..ladders.catalogue import frameworks
    from ..render.results import Frameworks

    emit(output, Frameworks(frameworks(ctx.find_root().obj["data"])))


@cli.command("provenance")
@output_options("text", "json")
@click.pass_context
def provenance_(ctx: click.Context, output: Output) -> None:
    """Who states the facts: for each kind (roles, moves, move years, requirements, proficiencies,
    reporting lines, responsibilities), how many there are and how many a source document (a
    framework's page, the article) states, how many only editorial judgement, how many are cited
    only through their node as a whole, and how many nobody — for the reference ladder (with
    --data files) and for each bundled framework.

    With --endpoint, for the graph the store holds. Python: pmgraph.audit.provenance.provenance(files),
    or provenance(graph=pmgraph.loading.remote.connect(url)).

    \b
    Examples:
      pmgraph provenance
      pmgraph provenance --format json
    """
    from ..audit.provenance import provenance
    from ..render.results import Provenance

    root = ctx.find_root().obj
    if root["endpoint"]:
        counts = provenance(graph=load_graph(ctx))
    else:
        counts = provenance(root["data"] if root["bundled"] else ())
    emit(output, Provenance(counts))
