"""Commands for roles, promotion paths, skill deltas and gaps (pmgraph.career.paths, pmgraph.career.skills)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from . import _track_option_value, cli, force_option, format_option, load_career, output_target, stdin_file


def _emit(fmt: str, data: object, text: Callable[[Any], str], markdown: Callable[[Any], str],
          csv: Callable[[Any], str]) -> None:
    """Print ``data`` as ``fmt``: JSON from its ``to_dict()``, else the renderer of that format
    (CSV as written, with its own CRLF line ends)."""
    from ..career import render

    if fmt == "json":
        to_dict = getattr(data, "to_dict", None)
        click.echo(render.to_json(to_dict() if to_dict is not None else data))
    elif fmt == "csv":
        click.echo(csv(data), nl=False)
    elif fmt == "markdown":
        click.echo(markdown(data))
    else:
        click.echo(text(data))


@cli.command()
@click.option("--track", help="Only roles on this track (IC, management, executive).")
@click.option("--function", "function", help="Only roles in this function (product, marketing, ...).")
@click.option("--level", type=int, help="Only roles at this level.")
@format_option("text", "json", "markdown", "csv")
@click.pass_context
def roles(ctx: click.Context, track: str | None, function: str | None, level: int | None, fmt: str) -> None:
    """List the roles by level, optionally filtered.

    Python: pmgraph.career.roles.roles(graph, track=..., function=..., level=...).

    \b
    Examples:
      pmgraph roles
      pmgraph roles --track management --function product
    """
    from ..career import render
    from ..career.roles import roles as list_roles
    from ..career.names import resolve_function

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
    elif fmt == "csv":
        click.echo(render.roles_csv(found_roles), nl=False)
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

    ROLE is a label, synonym or id, in any case. Python: pmgraph.career.roles.describe_role(graph, role).

    \b
    Example:
      pmgraph show "head of product"
    """
    from ..career import render
    from ..career.roles import describe_role

    graph = load_career(ctx)
    details = describe_role(graph, role)
    if fmt == "json":
        click.echo(render.to_json(details.to_dict()))
        return
    r = details.role
    lines = [f"{r.label} ({r.id})", f"  level {r.level}, {r.track}, {r.function}"]
    if r.synonyms:
        lines.append("  also: " + ", ".join(r.synonyms))
    if r.definition:
        lines.append("  " + r.definition)
    if r.experience is not None:
        cited = ", ".join(sorted({graph.source(s).name for s in r.experience_sources})) or "no source"
        lines.append(f"  experience before the role: at least {render.years(*r.experience)} ({cited})")
    if details.reporting_lines:
        lines.append("  reports to: " + ", ".join(
            f"{line.label} ({', '.join(sorted({s.name for s in line.cited})) or 'no source'})"
            for line in details.reporting_lines))
    if details.skills:
        lines += ["", "Skills (proficiency; who states the requirement)"]
        lines += [f"  {s.label}: {s.proficiency}" + (" (estimate)" if s.proficiency_estimate else "")
                  + (f", {s.importance}" if s.importance else "") + f"; {', '.join(s.stated_by) or 'no source'}"
                  for s in details.skills]
    if details.responsibilities:
        lines += ["", "Responsibilities"] + [f"  {x}" for x in details.responsibilities]
    for title, moves, attr in (("Next moves", details.next_moves, "target_label"), ("Comes from", details.previous_moves, "source_label")):
        if moves:
            lines += ["", title] + [f"  {getattr(m, attr)}: {m.kind}, {render.step_years(m)}, {render.stated_by(m)}"
                                    for m in moves]
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
@click.option("--sourced-only", is_flag=True, help="Only moves a framework or the article states, no editorial ones.")
@click.option("--max-steps", type=click.IntRange(min=1), help="At most this many transitions.")
@format_option("text", "json", "markdown", "mermaid", "csv")
@click.pass_context
def path(ctx: click.Context, source: str, target: str, by: str, k: int, via: str | None, avoid: tuple[str, ...],
         track: str | None, no_lateral: bool, sourced_only: bool, max_steps: int | None, fmt: str) -> None:
    """The best promotion path(s) from role FROM to role TO, with kinds, years and totals.

    Python: pmgraph.career.paths.shortest_paths(graph, FROM, TO, k=..., by=..., via=..., avoid=...,
    track=..., lateral=..., max_steps=..., sourced_only=...).

    \b
    Examples:
      pmgraph path "product manager" "chief product officer"
      pmgraph path PM CPO --by years -k 3 --format markdown
      pmgraph path "senior pm" cpo --track management --no-lateral
    """
    from ..career import render
    from ..career.paths import shortest_paths
    from ..career.names import resolve_role

    graph = load_career(ctx)
    track = _track_option_value(graph, track)
    ends = {resolve_role(graph, source), resolve_role(graph, target)}
    avoided = {resolve_role(graph, a) for a in avoid}
    if via is not None and resolve_role(graph, via) in avoided:
        raise click.UsageError(f"--via {via!r} is also in --avoid; a path cannot both pass through and avoid it.")
    if ends & avoided:
        raise click.UsageError("--avoid names FROM or TO; a path cannot avoid its own ends.")
    found = shortest_paths(graph, source, target, k=k, by=by, via=via, avoid=avoid, track=track,
                           lateral=not no_lateral, max_steps=max_steps, sourced_only=sourced_only)
    if fmt == "json":
        first = found[0]
        click.echo(render.to_json({"from": first.roles[0], "to": first.roles[-1], "by": by,
                                   "paths": [p.to_dict() for p in found]}))
    else:
        click.echo({"text": render.paths_text, "markdown": render.paths_markdown,
                    "mermaid": render.paths_mermaid, "csv": render.paths_csv}[fmt](found), nl=fmt != "csv")


@cli.command("next")
@click.argument("role")
@click.option("--no-lateral", is_flag=True, help="Promotions only.")
@click.option("--sourced-only", is_flag=True, help="Only moves a framework or the article states.")
@format_option("text", "json", "markdown", "csv")
@click.pass_context
def next_(ctx: click.Context, role: str, no_lateral: bool, sourced_only: bool, fmt: str) -> None:
    """The roles one transition away from ROLE, with kind and typical years.

    Python: pmgraph.career.paths.next_moves(graph, role, lateral=..., sourced_only=...).

    \b
    Example:
      pmgraph next "senior product manager"
    """
    from ..career import render
    from ..career.paths import next_moves
    from ..career.names import resolve_role
    from ..career.projection import project

    graph = load_career(ctx)
    label = project(graph).label(resolve_role(graph, role))
    moves = next_moves(graph, role, lateral=not no_lateral, sourced_only=sourced_only)
    if fmt == "json":
        click.echo(render.to_json([m.to_dict() for m in moves]))
    elif fmt == "csv":
        click.echo(render.moves_csv(moves), nl=False)
    elif fmt == "markdown":
        click.echo(render.moves_markdown(label, moves))
    else:
        click.echo(render.moves_text(label, moves))


@cli.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--along", type=click.Choice(["hops", "years", "effort"]),
              help="Step by step along the best path by this weight, instead of FROM against TO directly.")
@format_option("text", "json", "markdown", "mermaid", "csv")
@click.pass_context
def delta(ctx: click.Context, source: str, target: str, along: str | None, fmt: str) -> None:
    """How skills and responsibilities change from role FROM to role TO.

    Skills are grouped as gained, levelled up, unchanged, levelled down (delegated) and no longer
    required. Python: pmgraph.career.skills.skill_delta(graph, FROM, TO); with --along,
    pmgraph.career.skills.path_delta(graph, pmgraph.career.paths.shortest_path(graph, FROM, TO, by=...)).

    \b
    Examples:
      pmgraph delta "senior pm" "group product manager"
      pmgraph delta PM CPO --along years --format json
    """
    from ..career import render
    from ..career.skills import path_delta, skill_delta

    graph = load_career(ctx)
    if along is not None:
        if fmt in ("markdown", "mermaid", "csv"):
            raise click.UsageError(f"--along prints text or json; --format {fmt} shows one delta, drop --along.")
        from ..career.paths import shortest_path

        walk = path_delta(graph, shortest_path(graph, source, target, by=along))
        click.echo(render.to_json(walk.to_dict()) if fmt == "json" else render.path_delta_text(walk))
        return
    found = skill_delta(graph, source, target)
    if fmt == "json":
        click.echo(render.to_json(found.to_dict()))
    else:
        click.echo({"text": render.delta_text, "markdown": render.delta_markdown,
                    "mermaid": render.delta_mermaid, "csv": render.delta_csv}[fmt](found), nl=fmt != "csv")


@cli.command()
@click.argument("profile", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--target", required=True, help="The role to aim for.")
@click.option("--assume-current", is_flag=True,
              help="Count the skills your current role requires as held at its level, unless the profile says otherwise.")
@format_option("text", "json", "markdown", "csv")
@click.pass_context
def gap(ctx: click.Context, profile: str, target: str, assume_current: bool, fmt: str) -> None:
    """A person's gap to a target role: missing and short skills, readiness, easiest path.

    PROFILE is a YAML or JSON file: `role: Senior PM` and `skills:` mapping skill names to a
    proficiency (awareness, working, practitioner, expert, authority, or 1-5); '-' reads it from
    standard input. A skill pmgraph does not know is a warning, with the closest names; every
    other problem of the profile is reported at once. Effort is counted in proficiency steps
    (one level up in one skill). Python: pmgraph.career.skills.skill_gap(graph, PROFILE, target,
    assume_current=...).

    \b
    Examples:
      pmgraph gap me.yaml --target "head of product"
      pmgraph gap me.yaml --target "director of product" --assume-current --format csv
    """
    from ..career import render
    from ..career.skills import skill_gap

    if profile == "-":
        profile = stdin_file(ctx, ".yaml")
    found = skill_gap(load_career(ctx), profile, target, assume_current=assume_current)
    from ..career.skills import SUGGESTED

    for warning in found.warnings[:SUGGESTED]:
        click.echo(f"warning: {warning}", err=True)
    if len(found.warnings) > SUGGESTED:
        click.echo(f"warning: ... and {len(found.warnings) - SUGGESTED:,} more unknown entries in the profile",
                   err=True)
    _emit(fmt, found, render.gap_text, render.gap_markdown, render.gap_csv)


@cli.command()
@click.argument("query", required=False)
@format_option("text", "json", "markdown", "csv")
@click.pass_context
def skills(ctx: click.Context, query: str | None, fmt: str) -> None:
    """List the skills, or search them: category, how many roles need each, at which levels.

    QUERY is a skill's name or id (that skill, with every role that needs it and at which
    proficiency) or words to look for in labels, ids and categories. Python:
    pmgraph.career.catalogue.list_skills(graph, QUERY).

    \b
    Examples:
      pmgraph skills
      pmgraph skills "stakeholder management"
      pmgraph skills leadership --format csv
    """
    from ..career import render
    from ..career.catalogue import list_skills, suggest_skills
    from ..errors import excerpt

    graph = load_career(ctx)
    found = list_skills(graph, query)
    if not found and query:
        close = suggest_skills(graph, query)
        hint = (" Did you mean " + " or ".join(repr(s) for s in close) + "?") if close else ""
        raise click.ClickException(f"No skill matches {excerpt(query)}.{hint} Run 'pmgraph skills' to list them all.")
    _emit(fmt, [e.to_dict() for e in found] if fmt == "json" else found, render.skills_text,
          render.skills_markdown, render.skills_csv)


@cli.command()
@click.option("--track", help="Only the steps between roles on this track (IC, management, executive).")
@format_option("text", "json", "markdown", "csv")
@click.pass_context
def ladder(ctx: click.Context, track: str | None, fmt: str) -> None:
    """Each rung-to-rung step of the ladder: what is new, levelled up, dropped, repeated, and its size.

    A step is every move to a higher level (both roles on --track, when given). Its size is the
    proficiency steps the higher rung asks beyond the lower; steps much larger or smaller than
    the ladder's median, and steps that repeat most criteria unchanged, are flagged: the "uneven
    jumps" check for ladder authors. Use the root --framework ID for a bundled framework's ladder,
    --data FILE for your own. Python: pmgraph.career.levels.ladder_steps(graph, track=...).

    \b
    Examples:
      pmgraph ladder --track IC
      pmgraph --framework ddat ladder --format csv
    """
    from ..career import render
    from ..career.levels import ladder_steps

    graph = load_career(ctx)
    found = ladder_steps(graph, track=_track_option_value(graph, track))
    _emit(fmt, found, render.ladder_text, render.ladder_markdown, render.ladder_csv)


@cli.command()
@click.argument("role", required=False)
@click.option("--profile", type=click.Path(dir_okay=False, allow_dash=True),
              help="A person's profile (as for gap) instead of ROLE; '-' reads standard input.")
@click.option("--target", help="Towards this one role, instead of every role within reach.")
@click.option("--steps", type=click.IntRange(1, 10), default=2, show_default=True,
              help="Roles within this many moves are in reach.")
@click.option("--assume-current", is_flag=True, help="With --profile: count the current role's requirements as held.")
@format_option("text", "json", "markdown", "csv")
@click.pass_context
def leverage(ctx: click.Context, role: str | None, profile: str | None, target: str | None, steps: int,
             assume_current: bool, fmt: str) -> None:
    """Which skill, raised one level, brings ROLE (or --profile) closest to the most roles.

    Ranks the skills by the proficiency steps a one-level improvement saves towards the roles
    within --steps moves (or --target), then by the roles it makes ready. ROLE alone means a
    person who holds ROLE's requirements. Python:
    pmgraph.career.leverage.skill_leverage(graph, ROLE, profile=..., target=..., steps=...).

    \b
    Examples:
      pmgraph leverage "senior pm"
      pmgraph leverage --profile me.yaml --target "director of product"
    """
    from ..career import render
    from ..career.leverage import skill_leverage

    if (role is None) == (profile is None):
        raise click.UsageError("give ROLE or --profile FILE (one of them)")
    if profile == "-":
        profile = stdin_file(ctx, ".yaml")
    found = skill_leverage(load_career(ctx), role, profile=profile, target=target, steps=steps,
                           assume_current=assume_current)
    _emit(fmt, found, render.leverage_text, render.leverage_markdown, render.leverage_csv)


@cli.command()
@click.argument("role")
@click.option("--next", "next_step", is_flag=True, help="Add what changes on each promotion out of ROLE.")
@click.option("-o", "--output", default="-", show_default=True, metavar="OUT",
              type=click.Path(dir_okay=False, allow_dash=True),
              help="Where to write the card: OUT.md (Markdown), OUT.html (print-ready HTML); '-' for standard output.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]),
              help="Markdown or HTML [default: from OUT's suffix; Markdown on standard output].")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="The paper the HTML card's print stylesheet sets.")
@force_option("OUT")
@click.pass_context
def card(ctx: click.Context, role: str, next_step: bool, output: str, fmt: str | None, paper: str, force: bool) -> None:
    """A one-page card of ROLE: what it is, responsibilities, skills, reporting line, moves, sources.

    As Markdown, or as self-contained HTML with a print stylesheet (A4 or Letter) that prints on
    one or two pages. --next adds what changes on each promotion out of ROLE. Python:
    pmgraph.career.cards.role_card(graph, ROLE, next_step=...).markdown() / .html(paper=...).

    \b
    Examples:
      pmgraph card "senior pm"
      pmgraph card "group product manager" --next -o gpm.html
      pmgraph card cpo --format html --paper letter -o - > cpo.html
    """
    from ..career.cards import role_card
    from ..files import write_atomically

    if fmt is None:
        fmt = "html" if output.lower().endswith((".html", ".htm")) else "markdown"
    target = output_target(output, force=force)  # refused before any work
    found = role_card(load_career(ctx), role, next_step=next_step)
    text = found.html(paper=paper) if fmt == "html" else found.markdown()
    if target is None:
        click.echo(text, nl=False)
        return
    write_atomically(target, text)
    click.echo(f"wrote {target} ({found.title}, {fmt})", err=True)
