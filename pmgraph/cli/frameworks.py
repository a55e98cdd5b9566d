"""Commands about where the data comes from: the frameworks (pmgraph.ladders.frameworks) and who states
each kind of fact (pmgraph.audit.provenance)."""

from __future__ import annotations

import click

from . import cli, format_option, load_graph


@cli.command("frameworks")
@format_option("text", "json")
@click.pass_context
def frameworks_(ctx: click.Context, fmt: str) -> None:
    """The career frameworks pmgraph holds: id, title, publisher, URL, licence, and how many roles,
    skill requirements and moves each has.

    Bundled frameworks are converted from their originals, every value cited; a --data file that
    describes a pm:Framework is listed too. Use one with --framework ID.
    Python: pmgraph.ladders.frameworks.catalogue.frameworks(files).

    \b
    Examples:
      pmgraph frameworks
      pmgraph frameworks --format json
    """
    from ..career import render
    from ..ladders.frameworks.catalogue import frameworks

    listed = frameworks(ctx.find_root().obj["data"])
    if fmt == "json":
        click.echo(render.to_json([info.to_dict() for info in listed]))
        return
    rows = [("id", "roles", "requirements", "moves", "licence", "title")]
    rows += [(f.id, str(f.roles), str(f.requirements), str(f.moves), f.licence_name or f.licence or "unknown",
              f.title) for f in listed]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
    for f in listed:
        click.echo(f"\n{f.id}: {f.title} — {f.publisher or 'publisher unknown'}\n  {f.url or 'no URL'}"
                   + (f"\n  taken from {f.repository}" + (f" @ {f.commit}" if f.commit else "")
                      + (f" on {f.retrieved}" if f.retrieved else "") if f.repository else "")
                   + (f"\n  {f.attribution}" if f.attribution else ""))


@cli.command("provenance")
@format_option("text", "json")
@click.pass_context
def provenance_(ctx: click.Context, fmt: str) -> None:
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
    from ..career import render
    from ..audit.provenance import provenance

    root = ctx.find_root().obj
    if root["endpoint"]:
        counts = provenance(graph=load_graph(ctx))
    else:
        counts = provenance(root["data"] if root["bundled"] else ())
    if fmt == "json":
        click.echo(render.to_json([c.to_dict() for c in counts]))
        return
    header = ("scope", "kind", "total", "sourced", "editorial", "as a whole", "unsourced", "sourced %")
    rows = [header] + [(c.scope, c.kind, str(c.total), str(c.sourced), str(c.editorial), str(c.as_a_whole),
                        str(c.unsourced), f"{100 * c.sourced_share:.0f}%" if c.total else "-") for c in counts]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), *(c.rjust(w) for c, w in zip(row[2:], widths[2:]))]
        click.echo("  ".join(cells).rstrip())
    click.echo("\nsourced: a source document states it, cited per value; as a whole: a value cited only through "
               "its move's or requirement's sources, which may not state it")
