"""Commands for roles, promotion paths, skill deltas and gaps (pmgraph.career.paths, pmgraph.career.skills).

The boundary for names: each command resolves every role a user types once
(:func:`pmgraph.career.names.resolve_role`) and calls the library with ids.
"""

from __future__ import annotations

import click

from ..career.options import EVIDENCE, EVIDENCE_DEFAULT, PAPER, PAPERS, REACH_STEPS, WEIGHT, WEIGHTS
from ..wording import did_you_mean
from . import Output, cli, emit, load_career, output_options, stdin_file, track_option_value


@cli.command()
@click.option("--track", help="Only roles on this track (IC, management, executive).")
@click.option("--function", "function", help="Only roles in this function (product, marketing, ...).")
@click.option("--level", type=int, help="Only roles at this level.")
@output_options("text", "json", "markdown", "csv")
@click.pass_context
def roles(ctx: click.Context, track: str | None, function: str | None, level: int | None, output: Output) -> None:
    """List the roles by level, optionally filtered.

    Python: pmgraph.career.roles.roles(graph, track=..., function=..., level=...).

    \b
    Examples:
      pmgraph roles
      pmgraph roles --track management --function product
    """
    from ..career.names import resolve_function
    from ..career.roles import roles as list_roles
    from ..render.results import RoleList

    graph = load_career(ctx)
    track = track_option_value(graph, track)
    if function is not None:
        found, suggestions = resolve_function(graph, function)
        if found is None:
            raise click.BadParameter(f"unknown function {function!r}.{did_you_mean(suggestions)}",
                                     param_hint="'--function'")
        function = found
    emit(output, RoleList(list_roles(graph, track=track, function=function, level=level)))


@cli.command()
@click.argument("role")
@output_options("text", "json")
@click.pass_context
def show(ctx: click.Context, role: str, output: Output) -> None:
    """Show one ROLE: level, track, skills, responsibilities, reporting line and moves.

    ROLE is a label, synonym or id, in any case. Python: pmgraph.career.roles.describe_role(graph, role).

    \b
    Example:
      pmgraph show "head of product"
    """
    from ..career.names import resolve_role
    from ..career.roles import describe_role
    from ..render.results import Described

    graph = load_career(ctx)
    emit(output, Described.of(graph, describe_role(graph, resolve_role(graph, role))))


@cli.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--by", type=click.Choice(WEIGHTS), default=WEIGHT, show_default=True,
              help="Weight: fewest steps, fewest typical years (range midpoints), least skill effort.")
@click.option("-k", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many alternative paths, best first.")
@click.option("--via", help="A role every path passes through.")
@click.option("--avoid", multiple=True, help="A role no path passes through (repeatable).")
@click.option("--track", help="Stay on this track (IC, management, executive) after the start's own rungs.")
@click.option("--no-lateral", is_flag=True, help="Promotions only: no lateral moves.")
@click.option("--evidence", type=click.Choice(EVIDENCE), default=EVIDENCE_DEFAULT, show_default=True,
              help="The weakest evidence a move may have: stated by a source; derived (also moves a documented "
                   "rule derives); any (also editorial ones). Paths with no editorial step rank first, "
                   "then by --by.")
@click.option("--sourced-only", is_flag=True, hidden=True, help="The same as --evidence derived.")
@click.option("--max-steps", type=click.IntRange(min=1), help="At most this many transitions.")
@output_options("text", "json", "markdown", "mermaid", "csv")
@click.pass_context
def path(ctx: click.Context, source: str, target: str, by: str, k: int, via: str | None, avoid: tuple[str, ...],
         track: str | None, no_lateral: bool, evidence: str, sourced_only: bool, max_steps: int | None,
         output: Output) -> None:
    """The best promotion path(s) from role FROM to role TO, with kinds, years and totals.

    Python: pmgraph.career.paths.shortest_paths(graph, FROM, TO, k=..., by=..., via=..., avoid=...,
    track=..., lateral=..., max_steps=..., evidence=...). Paths with no editorial step come
    first, then the least weight.

    \b
    Examples:
      pmgraph path "product manager" "chief product officer"
      pmgraph path PM CPO --by years -k 3 --format markdown
      pmgraph path "senior pm" cpo --track management --no-lateral
    """
    from ..career.names import resolve_role
    from ..career.paths import shortest_paths
    from ..render.results import Paths

    graph = load_career(ctx)
    track = track_option_value(graph, track)
    start, end = resolve_role(graph, source), resolve_role(graph, target)
    avoided = [resolve_role(graph, a) for a in avoid]
    through = None if via is None else resolve_role(graph, via)
    if through is not None and through in avoided:
        raise click.UsageError(f"--via {via!r} is also in --avoid; a path cannot both pass through and avoid it.")
    if {start, end} & set(avoided):
        raise click.UsageError("--avoid names FROM or TO; a path cannot avoid its own ends.")
    found = shortest_paths(graph, start, end, k=k, by=by, via=through, avoid=avoided, track=track,
                           lateral=not no_lateral, max_steps=max_steps, sourced_only=sourced_only, evidence=evidence)
    emit(output, Paths(found, by))


@cli.command("next")
@click.argument("role")
@click.option("--no-lateral", is_flag=True, help="Promotions only.")
@click.option("--evidence", type=click.Choice(EVIDENCE), default=EVIDENCE_DEFAULT, show_default=True,
              help="The weakest evidence a move may have: stated, derived (by a documented rule), any.")
@click.option("--sourced-only", is_flag=True, hidden=True, help="The same as --evidence derived.")
@output_options("text", "json", "markdown", "csv")
@click.pass_context
def next_(ctx: click.Context, role: str, no_lateral: bool, evidence: str, sourced_only: bool, output: Output) -> None:
    """The roles one transition away from ROLE, with kind and typical years.

    Python: pmgraph.career.paths.next_moves(graph, role, lateral=..., evidence=...).

    \b
    Example:
      pmgraph next "senior product manager"
    """
    from ..career.names import resolve_role
    from ..career.paths import next_moves
    from ..render.results import Moves

    graph = load_career(ctx)
    rid = resolve_role(graph, role)
    emit(output, Moves(graph.label(rid), next_moves(graph, rid, lateral=not no_lateral, sourced_only=sourced_only,
                                                         evidence=evidence)))


@cli.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--along", type=click.Choice(WEIGHTS),
              help="Step by step along the best path by this weight, instead of FROM against TO directly.")
@output_options("text", "json", "markdown", "mermaid", "csv")
@click.pass_context
def delta(ctx: click.Context, source: str, target: str, along: str | None, output: Output) -> None:
    """How skills and responsibilities change from role FROM to role TO.

    Skills are grouped as gained, levelled up, unchanged, levelled down (with who states the lower
    level) and "not stated for TO" (TO's sources do not mention it: not a drop). A role with no known
    skill requirement says so instead of listing skills.
    Python: pmgraph.career.skills.skill_delta(graph, FROM, TO); with --along,
    pmgraph.career.skills.path_delta(graph, pmgraph.career.paths.shortest_path(graph, FROM, TO, by=...)).

    \b
    Examples:
      pmgraph delta "senior pm" "group product manager"
      pmgraph delta PM CPO --along years --format json
    """
    from ..career.names import resolve_role
    from ..career.skills import path_delta, skill_delta

    graph = load_career(ctx)
    if along is not None and output.format in ("markdown", "mermaid", "csv"):
        raise click.UsageError(f"--along prints text or json; --format {output.format} shows one delta, drop --along.")
    start, end = resolve_role(graph, source), resolve_role(graph, target)
    if along is not None:
        from ..career.paths import shortest_path

        emit(output, path_delta(graph, shortest_path(graph, start, end, by=along)))
        return
    emit(output, skill_delta(graph, start, end))


@cli.command()
@click.argument("profile", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--target", required=True, help="The role to aim for.")
@click.option("--assume-current", is_flag=True,
              help="Count the skills your current role requires as held at its level, unless the profile says "
                   "otherwise.")
@output_options("text", "json", "markdown", "csv")
@click.pass_context
def gap(ctx: click.Context, profile: str, target: str, assume_current: bool, output: Output) -> None:
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
    from ..career.names import resolve_role
    from ..career.skills import SUGGESTED, read_profile, skill_gap

    if profile == "-":
        profile = stdin_file(ctx, ".yaml")
    graph = load_career(ctx)
    person = read_profile(graph, profile, assume_current=assume_current)  # resolves the role it names
    found = skill_gap(graph, person, resolve_role(graph, target))

    for warning in found.warnings[:SUGGESTED]:
        click.echo(f"warning: {warning}", err=True)
    if len(found.warnings) > SUGGESTED:
        click.echo(f"warning: ... and {len(found.warnings) - SUGGESTED:,} more unknown entries in the profile",
                   err=True)
    emit(output, found)


@cli.command()
@click.argument("query", required=False)
@output_options("text", "json", "markdown", "csv")
@click.pass_context
def skills(ctx: click.Context, query: str | None, output: Output) -> None:
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
    from ..career.catalogue import list_skills, suggest_skills
    from ..errors import excerpt
    from ..render.results import SkillList

    graph = load_career(ctx)
    found = list_skills(graph, query)
    if not found and query:
        hint = did_you_mean(suggest_skills(graph, query))
        raise click.ClickException(f"No skill matches {excerpt(query)}.{hint} Run 'pmgraph skills' to list them all.")
    emit(output, SkillList(found))


@cli.command()
@click.option("--track", help="Only the steps between roles on this track (IC, management, executive).")
@output_options("text", "json", "markdown", "csv")
@click.pass_context
def ladder(ctx: click.Context, track: str | None, output: Output) -> None:
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
    from ..career.levels import ladder_steps

    graph = load_career(ctx)
    emit(output, ladder_steps(graph, track=track_option_value(graph, track)))


@cli.command()
@click.argument("role", required=False)
@click.option("--profile", type=click.Path(dir_okay=False, allow_dash=True),
              help="A person's profile (as for gap) instead of ROLE; '-' reads standard input.")
@click.option("--target", help="Towards this one role, instead of every role within reach.")
@click.option("--steps", type=click.IntRange(1, 10), default=REACH_STEPS, show_default=True,
              help="Roles within this many moves are in reach.")
@click.option("--assume-current", is_flag=True, help="With --profile: count the current role's requirements as held.")
@output_options("text", "json", "markdown", "csv")
@click.pass_context
def leverage(ctx: click.Context, role: str | None, profile: str | None, target: str | None, steps: int,
             assume_current: bool, output: Output) -> None:
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
    from ..career.leverage import skill_leverage
    from ..career.names import resolve_role
    from ..career.skills import read_profile

    if (role is None) == (profile is None):
        raise click.UsageError("give ROLE or --profile FILE (one of them)")
    if profile == "-":
        profile = stdin_file(ctx, ".yaml")
    graph = load_career(ctx)
    person = None if profile is None else read_profile(graph, profile, assume_current=assume_current)
    start = None if role is None else resolve_role(graph, role)
    aim = None if target is None else resolve_role(graph, target)
    emit(output, skill_leverage(graph, start, profile=person, target=aim, steps=steps))


@cli.command()
@click.argument("role")
@click.option("--next", "next_step", is_flag=True, help="Add what changes on each promotion out of ROLE.")
@output_options("markdown", "html", metavar="OUT", suffixes={".html": "html", ".htm": "html"})
@click.option("--paper", type=click.Choice(list(PAPERS)), default=PAPER, show_default=True,
              help="The paper the HTML card's print stylesheet sets.")
@click.pass_context
def card(ctx: click.Context, role: str, next_step: bool, paper: str, output: Output) -> None:
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
    from dataclasses import replace

    from ..career.cards import role_card
    from ..career.names import resolve_role

    graph = load_career(ctx)
    found = role_card(graph, resolve_role(graph, role), next_step=next_step)
    written = emit(output, replace(found, paper=paper))
    if written is not None:
        click.echo(f"wrote {written} ({found.title}, {output.format})", err=True)
