"""The frameworks command: which career frameworks are bundled or loaded (pmgraph.ladders.frameworks)."""

from __future__ import annotations

import click

from . import cli, format_option


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
