"""The HTML views command (pmgraph.viz)."""

from __future__ import annotations

import click

from ..career.options import EVIDENCE, EVIDENCE_DEFAULT, WEIGHT, WEIGHTS
from . import Output, cli, emit, load_career, output_options, track_option_value

_VIEW_OPTIONS = ("--focus", "--path", "--delta", "--org")
_PATH_ONLY = {"by": "--by", "k": "-k", "via": "--via", "avoid": "--avoid", "track": "--track",
              "no_lateral": "--no-lateral", "max_steps": "--max-steps", "sourced_only": "--sourced-only",
              "evidence": "--evidence"}


@cli.command()
@output_options("html", output="pmgraph.html", metavar="OUT.html")
@click.option("--focus", metavar="ROLE", help="View ROLE and its neighbourhood.")
@click.option("--depth", type=click.IntRange(min=0),
              help="With --focus: how many moves or reporting lines out (default 1).")
@click.option("--path", "path_ends", nargs=2, metavar="FROM TO",
              help="View the best path from FROM to TO on the graph.")
@click.option("--by", type=click.Choice(WEIGHTS), help=f"With --path: weight (default {WEIGHT}).")
@click.option("-k", "k", type=click.IntRange(min=1), help="With --path: also show up to K-1 alternatives.")
@click.option("--via", help="With --path: a role the path passes through.")
@click.option("--avoid", multiple=True, help="With --path: a role the path avoids (repeatable).")
@click.option("--track", help="With --path: stay on this track (IC, management, executive).")
@click.option("--no-lateral", is_flag=True, help="With --path: promotions only.")
@click.option("--evidence", type=click.Choice(EVIDENCE),
              help=f"With --path: the weakest evidence a move may have (default {EVIDENCE_DEFAULT}).")
@click.option("--sourced-only", is_flag=True, hidden=True, help="With --path: the same as --evidence derived.")
@click.option("--max-steps", type=click.IntRange(min=1), help="With --path: at most this many transitions.")
@click.option("--delta", "delta_ends", nargs=2, metavar="FROM TO", help="View the skill delta from FROM to TO.")
@click.option("--org", is_flag=True, help="View the org chart of reporting lines.")
@click.pass_context
def viz(ctx: click.Context, output: Output, focus: str | None, depth: int | None, path_ends: tuple[str, str] | None,
        by: str | None, k: int | None, via: str | None, avoid: tuple[str, ...], track: str | None,
        no_lateral: bool, evidence: str | None, sourced_only: bool, max_steps: int | None,
        delta_ends: tuple[str, str] | None, org: bool) -> None:
    """Write an interactive HTML view of the graph: one self-contained page that works offline.

    Without a view option: the whole career graph (levels top to bottom, colour by track, shape by
    function, a legend). Choose at most one of --focus, --path, --delta, --org.

    Python: pmgraph.viz.career_view(graph), focus_view(graph, ROLE, depth=N),
    path_view(graph, FROM, TO, by=..., k=..., via=..., avoid=..., track=..., lateral=...,
    max_steps=..., evidence=...), delta_view(graph, FROM, TO), org_view(graph); then .write(OUT) — or
    display the view in Jupyter.

    \b
    Examples:
      pmgraph viz -o career.html
      pmgraph viz --focus "group product manager" --depth 2 -o gpm.html
      pmgraph viz --path "product manager" "chief product officer" --by years -k 2 -o path.html
      pmgraph viz --delta "senior product manager" "group product manager" -o delta.html
      pmgraph viz --org -o org.html
    """
    from .. import viz as views
    from ..career.names import resolve_role

    chosen = [name for name, on in zip(_VIEW_OPTIONS, (focus, path_ends, delta_ends, org)) if on]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} are different views; choose one.")
    if depth is not None and not focus:
        raise click.UsageError("--depth goes with --focus ROLE.")
    given = {"by": by, "k": k, "via": via, "avoid": avoid, "track": track, "no_lateral": no_lateral,
             "max_steps": max_steps, "sourced_only": sourced_only, "evidence": evidence}
    stray = [flag for key, flag in _PATH_ONLY.items() if given[key]]
    if stray and not path_ends:
        raise click.UsageError(f"{', '.join(stray)} go{'es' if len(stray) == 1 else ''} with --path FROM TO.")
    graph = load_career(ctx)
    # Each role named once, here: the views take ids.
    if focus:
        view = views.focus_view(graph, resolve_role(graph, focus), depth=1 if depth is None else depth)
    elif path_ends:
        track = track_option_value(graph, track)
        source, target = (resolve_role(graph, end) for end in path_ends)
        view = views.path_view(graph, source, target, by=by or WEIGHT, k=k or 1,
                               via=None if via is None else resolve_role(graph, via),
                               avoid=[resolve_role(graph, a) for a in avoid], track=track, lateral=not no_lateral,
                               max_steps=max_steps, sourced_only=sourced_only,
                               evidence=evidence or EVIDENCE_DEFAULT)
    elif delta_ends:
        source, target = (resolve_role(graph, end) for end in delta_ends)
        view = views.delta_view(graph, source, target)
    elif org:
        view = views.org_view(graph)
    else:
        view = views.career_view(graph)
    written = emit(output, view)
    if written is not None:
        click.echo(f"wrote {written} ({view.title}: {view.nodes} nodes, {view.edges} edges)", err=True)


@cli.command()
@output_options("html", output="career.html", metavar="OUT.html")
@click.pass_context
def explore(ctx: click.Context, output: Output) -> None:
    """Write the career explorer: one offline page to pick a current and a target role and see the
    best paths by hops, years and effort, each step's years and sources, and what changes.

    Works on the bundled ladder, --framework ID or --data FILE (up to 400 roles). The answers are
    computed here, as 'pmgraph path' and 'pmgraph delta' compute them, and carried in the page;
    pyvis draws it. Python: pmgraph.viz.explorer.explorer(graph).write(OUT) (or .network, the
    pyvis Network).

    \b
    Examples:
      pmgraph explore -o career.html
      pmgraph --framework gitlab explore -o gitlab-career.html
    """
    from ..viz.explorer import explorer

    page = explorer(load_career(ctx))
    written = emit(output, page)
    if written is not None:
        click.echo(f"wrote {written} ({page.title}: {len(page.data['roles'])} roles, "
               f"{sum(len(p) for p in page.data['paths'].values()) // 3} pairs with a path)", err=True)
