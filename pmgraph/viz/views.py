"""The views: which roles, moves and reporting lines each one shows, where, and how."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, cast

from ..career.model import CareerGraph, Requirement, RoleRecord
from ..career.names import resolve_role
from ..career.projection import GraphLike, project
from ..vocab import PREFIXES, REFERENCE_CREDIT
from .page import (
    ALTERNATIVE_COLOUR, DASH_LIMIT, DELTA_COLOURS, DIM_EDGE, DIM_FONT, DIM_NODE, DX, DY, EDGE_STYLES, FONT,
    FUNCTION_SHAPES, NODE_SIZE, OTHER_COLOUR, OTHER_EDGE, OTHER_SHAPE, PATH_COLOUR, REPORTS_TO,
    TRACK_COLOURS, Cards, LegendSection, Scene, View, VisObject, legend, line, paused_gc, render, swatch,
)

if TYPE_CHECKING:
    from ..career.paths import Path
    from ..career.skills import SkillDelta

ROW_DY = 70  # px between wrapped rows of one crowded level
BIG = 500  # nodes: above this a page is drawn for overview first

__all__ = [
    "career_view", "focus_view", "path_view", "delta_view", "org_view", "layered_positions",
    "transition_id", "reporting_id",
]

# ----------------------------------------------------------------------------- nodes and edges


def _rank(value: str | None, known: Mapping[str, object]) -> tuple[int, str]:
    order: list[str | None] = list(known)
    return (order.index(value), "") if value in known else (len(order), value or "")


# Keyed by str | None: a role's function or track may be None, which looks up nothing.
_FUNCTION_RANK: dict[str | None, tuple[int, str]] = {f: (i, "") for i, f in enumerate(FUNCTION_SHAPES)}
_TRACK_RANK: dict[str | None, tuple[int, str]] = {t: (i, "") for i, t in enumerate(TRACK_COLOURS)}
# The same tables as TRACK_COLOURS and FUNCTION_SHAPES, looked up with a track or function that may be None.
_FILLS = cast("Mapping[str | None, str]", TRACK_COLOURS)
_SHAPES = cast("Mapping[str | None, tuple[str, str]]", FUNCTION_SHAPES)


def _role_order(role: RoleRecord) -> tuple[int, tuple[int, str], tuple[int, str], str, str]:
    function, track = role.function, role.track
    return (-(role.level or 0),
            _FUNCTION_RANK.get(function) or (len(_FUNCTION_RANK), function or ""),
            _TRACK_RANK.get(track) or (len(_TRACK_RANK), track or ""),
            role.label.casefold(), role.id)


def layered_positions(roles: Iterable[RoleRecord]) -> dict[str, tuple[int, int]]:
    """Positions for ``roles``: the most senior level at the top, one column band per function.

    Within a level, roles of a function sit side by side in their band (management before IC
    before executive, then by label); a band is as wide as its most crowded level, so a
    function's ladder reads as a column. On a large ladder a band has at most its share of
    about sqrt(n) columns, and a crowded level wraps onto extra rows within its own level.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.career.projection import project
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> at = layered_positions(project(graph).roles.values())
    >>> at["fx-cpo"][1] < at["fx-director"][1] < at["fx-apm"][1]
    True
    """
    return _layout(sorted(roles, key=_role_order))


def _layout(roles: list[RoleRecord]) -> dict[str, tuple[int, int]]:
    """:func:`layered_positions` of ``roles`` already in :func:`_role_order`."""
    if not roles:
        return {}
    cells: dict[tuple[str, int], list[RoleRecord]] = defaultdict(list)
    share: dict[str, int] = defaultdict(int)
    for role in roles:
        cells[(role.function or "", role.level or 0)].append(role)
        share[role.function or ""] += 1
    columns = max(12, math.ceil(math.sqrt(len(roles))))
    width: dict[str, int] = defaultdict(int)
    for (function, _level), members in cells.items():
        cap = max(1, math.ceil(columns * share[function] / len(roles)))
        width[function] = max(width[function], min(len(members), cap))
    bands = sorted(width, key=lambda f: _rank(f or None, FUNCTION_SHAPES))
    start, cursor = {}, 0.0
    for function in bands:
        start[function] = cursor
        cursor += width[function] + 0.4  # a little air between bands
    centre = (cursor - 0.4 - 1) / 2
    levels = sorted({level for _f, level in cells}, reverse=True)
    rows = {level: max(math.ceil(len(m) / width[f]) for (f, lv), m in cells.items() if lv == level) for level in levels}
    top, y = {}, 0.0
    for level in levels:  # a wrapped level is taller; rows within it sit closer than levels do
        top[level] = y
        y += DY + (rows[level] - 1) * ROW_DY
    positions = {}
    for (function, level), members in cells.items():
        per_row = width[function]
        for row, first in enumerate(range(0, len(members), per_row)):
            in_row = members[first:first + per_row]
            left = start[function] + (per_row - len(in_row)) / 2
            y = round(top[level] + row * ROW_DY)
            for column, role in enumerate(in_row):
                positions[role.id] = (round((left + column - centre) * DX), y)
    return positions


_EMPTY: Mapping[str, Requirement] = {}


def _role_cards(career: CareerGraph, roles: Sequence[RoleRecord]) -> Cards:
    """The tooltips of ``roles``, as the page's ``cards`` tables (see :mod:`pmgraph.viz.page`):
    label; level, track, function; synonyms; definition; key skills (essential first, then the
    most proficient, then by name; six at most); managers.

    The page assembles and sorts them; here every requirement is only read, in C-level passes
    (a 5,000-role ladder has 30,000 requirements, and sorting and formatting them per role here
    took longer than all the rest of the page).
    """
    ids = list(map(attrgetter("id"), roles))
    facts_of: dict[tuple[int | None, str | None, str | None], int] = {}
    fact = [facts_of.setdefault(key, len(facts_of)) for key in
            zip(map(attrgetter("level"), roles), map(attrgetter("track"), roles), map(attrgetter("function"), roles))]
    facts = [" · ".join(f for f in (f"level {level}" if level is not None else None, track, function) if f)
             for level, track, function in facts_of]
    label_of = {r.id: r.label for r in career.roles.values()}.__getitem__
    managers = [", ".join(map(label_of, m)) if m else None for m in map(career.reports_to.get, ids)]
    needs = list(map(career.requirements.get, ids, repeat(_EMPTY, len(ids))))
    # Each distinct (skill, rank, proficiency, essential?, estimate?) once, in key-skill order:
    # essential first, then the highest rank, then by name. A card's skills sorted by index are in
    # that order. A level no source states (only editorial sources) is marked an estimate.
    editorial = frozenset(iri for iri, source in career.sources.items() if source.editorial)
    cited = career.requirement_sources
    said = [(*_REQUIREMENT(q), _estimated(cited.get(rid, _NOT_CITED).get(q.skill), editorial))
            for rid, need in zip(ids, needs) for q in need.values()]
    kinds = sorted(set(said), key=lambda k: (k[0] != "essential", -k[1], k[2].casefold(), k[2], k[3], k[4]))
    return {
        "fact": fact, "facts": facts,
        "also": [", ".join(s) if s else None for s in map(attrgetter("synonyms"), roles)],
        "definition": [" ".join(d.split()) if d else None for d in map(attrgetter("definition"), roles)],
        "managers": managers,
        "count": list(map(len, needs)),
        "skill": list(map({k: i for i, k in enumerate(kinds)}.__getitem__, said)),
        "skills": [f"{label} ({proficiency}{', estimate' if estimate else ''})"
                   for _e, _r, label, proficiency, estimate in kinds],
    }


_REQUIREMENT = attrgetter("importance", "rank", "label", "proficiency")
_NOT_CITED: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _estimated(cited: tuple[tuple[str, ...], tuple[str, ...]] | None, editorial: frozenset[str]) -> bool:
    """Whether a requirement's level, cited as ``cited`` (requirement sources, level sources), is an estimate."""
    return cited is not None and bool(cited[1]) and editorial.issuperset(cited[1])


def _years(low: float | None, high: float | None) -> str:
    if low is None:
        return "typical years not given"
    fmt: Callable[[float | None], str] = lambda y: f"{y:g}"  # noqa: E731
    span = fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
    return f"typically {span} year{'' if high == 1 else 's'}"


@lru_cache(maxsize=4096)
def _compact(iri: str) -> str:
    # Cached: a large ladder cites the same few sources on thousands of moves and reporting lines.
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _move_details(career: CareerGraph, kind: str, low: float | None, high: float | None, sources: Iterable[str],
                  years_sources: Iterable[str] = ()) -> str:
    """What a transition's tooltip says after "FROM → TO": kind, typical years (marked when no
    source document states them), who states the move."""
    estimate = low is not None and all(career.source(s).editorial for s in years_sources)
    text = f"\n{kind}, {_years(low, high)}{' (estimate)' if estimate else ''}"
    if sources:
        text += "\nStated by: " + ", ".join(sorted({career.source(s).name for s in sources}))
        text += "\nSources: " + ", ".join(_compact(s) for s in sources)
    return text


def _report_details(career: CareerGraph, role: str, manager: str) -> str:
    """What a reporting line's tooltip says after "ROLE reports to MANAGER": its sources."""
    sources = career.reporting_sources.get(role, {}).get(manager, ())
    return "\nSources: " + ", ".join(map(_compact, sources)) if sources else ""


def _role_style(track: str | None, function: str | None, *, dim: bool = False, emphasis: bool = False,
                solid_border: bool = False) -> VisObject:
    fill = _FILLS.get(track, OTHER_COLOUR)
    style: VisObject = {
        "shape": _SHAPES.get(function, OTHER_SHAPE)[0],
        "color": {"background": fill, "border": fill if solid_border else "#333333",
                  "highlight": {"background": fill, "border": "#000000"},
                  "hover": {"background": fill, "border": "#000000"}},
    }
    if dim:
        style["color"] = {"background": DIM_NODE["background"], "border": DIM_NODE["background"] if solid_border
                          else DIM_NODE["border"],
                          "highlight": {"background": fill, "border": "#000000"},
                          "hover": {"background": fill, "border": "#000000"}}
        style["font"] = {"color": DIM_FONT}
    if emphasis:
        style["size"] = NODE_SIZE + 8
        style["borderWidth"] = 4
        style["font"] = {"size": FONT["size"] + 2, "bold": {"size": FONT["size"] + 2}, "multi": "markdown"}
    return style


def _emphasised(label: str) -> VisObject:
    return {"label": f"*{label}*"}


def _edge_style(kind: str, *, dim: bool = False, solid: bool = False) -> VisObject:
    style = EDGE_STYLES.get(kind, OTHER_EDGE)
    edge: VisObject = {"kind": kind,
                       "color": {"color": DIM_EDGE if dim else style["color"], "highlight": PATH_COLOUR,
                                 "hover": style["color"], "inherit": False},
                       "width": style["width"], "dashes": False if solid else style["dashes"]}
    if "smooth" in style:
        edge["smooth"] = style["smooth"]
    if kind == REPORTS_TO:
        edge["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.4}}
    return edge


def transition_id(u: str, v: str) -> str:
    """The id of the edge drawing the transition ``u -> v`` in every view."""
    return f"move:{u}->{v}"


def reporting_id(u: str, v: str) -> str:
    """The id of the edge drawing "``u`` reports to ``v``" in every view."""
    return f"reports:{u}->{v}"


def _graph_scene(career: CareerGraph, keep: Iterable[str], *, reporting: bool, dim: Iterable[str] = (),
                 emphasis: Iterable[str] = ()) -> tuple[Scene, list[RoleRecord], set[str], int, int]:
    """The roles ``keep`` with the moves (and, if ``reporting``, reporting lines) among them.

    Returns the scene, the roles in order, the kinds of line drawn and the numbers of moves and
    reporting lines. Above :data:`DASH_LIMIT` edges every line is solid; above :data:`BIG` roles a
    node's border is its fill (zoomed out to fit, a dark border is all one would see of a node).
    Columns are filled in whole passes: a 5,000-role ladder has 10,000 lines.
    """
    every = career.roles
    dim, emphasis = set(dim), set(emphasis)
    roles = sorted((every[r] for r in keep), key=_role_order)
    positions = _layout(roles)
    scene = Scene()
    scene.cards = _role_cards(career, roles)
    ids = scene.node_id = list(map(_ID, roles))
    scene.node_label = list(map(_LABEL, roles))
    if roles:
        scene.node_x, scene.node_y = map(list, zip(*map(positions.__getitem__, ids)))
    cards = range(len(roles))  # a role's card is its row
    scene.node_title = list(cards)
    index = scene.index = dict(zip(ids, cards))
    big = len(roles) > BIG
    keys = list(zip(map(_TRACK, roles), map(_FUNCTION, roles), map(dim.__contains__, ids),
                    map(emphasis.__contains__, ids)))
    style_of = {key: scene.node_style_index(key, lambda: _role_style(
        key[0], key[1], dim=key[2], emphasis=key[3], solid_border=big)) for key in dict.fromkeys(keys)}
    scene.node_style = list(map(style_of.__getitem__, keys))
    for row in sorted(index[r] for r in emphasis if r in index):
        scene.node_extra[row] = _emphasised(scene.node_label[row])

    moves = [(u, v, d) for u, successors in sorted(career.digraph.adjacency()) if u in index
             for v, d in sorted(successors.items()) if v in index]
    reports = ([(u, v) for u, managers in sorted(career.reports_to.items()) if u in index
                for v in managers if v in index] if reporting else [])
    solid = len(moves) + len(reports) > DASH_LIMIT
    said = list(map(_MOVE_FACTS, map(_THIRD, moves)))  # (kind, years_min, years_max, sources, years_sources)
    move_keys = list(zip(map(_FIRST, said), [u in dim or v in dim for u, v, _d in moves] if dim else repeat(False)))
    move_style_of = {key: scene.edge_style_index(key, lambda: _edge_style(key[0], dim=key[1], solid=solid))
                     for key in dict.fromkeys(move_keys)}
    title_of = {facts: scene.edge_title_index(" → ", _move_details(career, *facts)) for facts in dict.fromkeys(said)}
    kinds = {kind for kind, _dim in move_style_of}
    pairs = moves + reports
    scene.edge_from = list(map(index.__getitem__, map(_FIRST, pairs)))
    scene.edge_to = list(map(index.__getitem__, map(_SECOND, pairs)))
    # Every row an id kind (a number); the column's type also allows full ids, which rows here have none of.
    scene.edge_id = cast("list[int | str]", [Scene.MOVE] * len(moves) + [Scene.REPORTS] * len(reports))
    scene.edge_style = list(map(move_style_of.__getitem__, move_keys))
    scene.edge_title = list(map(title_of.__getitem__, said))
    if reports:
        kinds.add(REPORTS_TO)
        flags = [u in dim or v in dim for u, v in reports] if dim else [False] * len(reports)
        report_style_of = {flag: scene.edge_style_index((REPORTS_TO, flag),
                                                        lambda: _edge_style(REPORTS_TO, dim=flag, solid=solid))
                           for flag in dict.fromkeys(flags)}
        scene.edge_style += map(report_style_of.__getitem__, flags)
        scene.edge_title += [scene.edge_title_index(" reports to ", _report_details(career, u, v)) for u, v in reports]
    return scene, roles, kinds, len(moves), len(reports)


_ID, _LABEL, _TRACK, _FUNCTION = attrgetter("id"), attrgetter("label"), attrgetter("track"), attrgetter("function")
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
_MOVE_FACTS = itemgetter("kind", "years_min", "years_max", "sources", "years_sources")


def credit(career: CareerGraph) -> str:
    """Where the data on the page comes from, with each framework's attribution (its licence asks
    for it wherever the data appears); the reference ladder's sources otherwise."""
    frameworks = sorted({(s.framework or s.iri, s.title or s.iri, s.attribution) for s in career.sources.values()
                         if s.kind == "framework"})
    reference = any(":" not in rid or rid.startswith(("http:", "https:")) for rid in career.roles)
    parts = [f"{title}. {attribution}" if attribution else f"{title}." for _id, title, attribution in frameworks]
    if reference or not parts:
        parts.insert(0, REFERENCE_CREDIT)
    return "Data: " + " ".join(parts)



def _standard_legend(roles: list[RoleRecord], kinds: Iterable[str], edges: int,
                     extra: Sequence[LegendSection] = ()) -> str:
    return legend(set(map(_TRACK, roles)), set(map(_FUNCTION, roles)), kinds, extra, dashes=edges <= DASH_LIMIT)


# ----------------------------------------------------------------------------- views


def career_view(graph: GraphLike) -> View:
    """The whole career graph: every role, transition and reporting line.

    CLI twin: ``pmgraph viz -o career.html``.

    Examples
    --------
    >>> from pmgraph import load
    >>> view = career_view(load())
    >>> view.nodes >= 30 and 'id="legend"' in view.html
    True
    """
    return _career_page(project(graph))


@paused_gc
def _career_page(career: CareerGraph) -> View:
    scene, roles, kinds, moves, reports = _graph_scene(career, career.roles, reporting=True)
    caption = (f"{len(roles)} roles, {moves} moves, {reports} reporting lines. "
               "Most senior at the top; hover a role or a line for details.")
    return render("Career graph", caption, scene, _standard_legend(roles, kinds, scene.edges), credit(career))


def focus_view(graph: GraphLike, role: str, *, depth: int = 1) -> View:
    """``role`` and the roles within ``depth`` moves or reporting lines of it, either way.

    CLI twin: ``pmgraph viz --focus ROLE --depth N``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> focus_view(graph, "Fixture PM", depth=1).nodes  # apm, pmm, spm below/beside; gpm, its manager
    5
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    career = project(graph)
    return _focus_page(career, resolve_role(career, role), depth)


@paused_gc
def _focus_page(career: CareerGraph, centre: str, depth: int) -> View:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for u, v in career.digraph.edges:
        neighbours[u].add(v)
        neighbours[v].add(u)
    for u, managers in career.reports_to.items():
        for v in managers:
            neighbours[u].add(v)
            neighbours[v].add(u)
    seen, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {n for f in frontier for n in neighbours[f]} - seen
        seen |= frontier
    scene, roles, kinds, _moves, _reports = _graph_scene(career, seen, reporting=True, emphasis=[centre])
    label = career.label(centre)
    caption = (f"{label} and the {len(seen) - 1} role{'s' if len(seen) != 2 else ''} within {depth} "
               f"move{'s' if depth != 1 else ''} or reporting line{'s' if depth != 1 else ''} of it.")
    return render(f"Around {label}", caption, scene, _standard_legend(roles, kinds, scene.edges), credit(career))


def path_view(graph: GraphLike, source: str, target: str, *, by: str = "hops", k: int = 1, via: str | None = None,
              avoid: Iterable[str] = (), track: str | None = None, lateral: bool = True,
              max_steps: int | None = None, sourced_only: bool = False) -> View:
    """The best path from ``source`` to ``target`` highlighted on the career graph, the rest dimmed.

    Options as :func:`pmgraph.career.paths.shortest_paths`; with ``k > 1`` the alternatives show in a
    lighter shade. The caption gives the best path's steps and typical years.

    CLI twin: ``pmgraph viz --path FROM TO [--by ...] [-k K] [--via R] [--avoid R] [--track T]
    [--no-lateral] [--max-steps N] [--sourced-only]``.

    Raises
    ------
    UnknownRoleError, NoPathError
        As :func:`pmgraph.career.paths.shortest_paths`.
    """
    from ..career.paths import shortest_paths

    career = project(graph)
    found = shortest_paths(career, source, target, k=k, by=by, via=via, avoid=avoid, track=track,
                           lateral=lateral, max_steps=max_steps, sourced_only=sourced_only)
    return _path_page(career, found, by)


@paused_gc
def _path_page(career: CareerGraph, found: Sequence[Path], by: str) -> View:
    best = found[0]
    on_path = set(best.roles)
    alternative = {r for p in found[1:] for r in p.roles} - on_path
    dim = set(career.roles) - on_path - alternative
    scene, _roles, _kinds, _moves, _reports = _graph_scene(career, career.roles, reporting=False, dim=dim,
                                                           emphasis=[best.roles[0], best.roles[-1]])
    index = scene.index
    best_edges = {(index[s.source], index[s.target]): s for s in best.steps}
    other_edges = {(index[s.source], index[s.target]) for p in found[1:] for s in p.steps} - set(best_edges)
    styles, column = scene.edge_styles, scene.edge_style
    for row, ends in enumerate(zip(scene.edge_from, scene.edge_to)):  # every one a move
        style = column[row]
        if ends in best_edges:
            step = best_edges[ends]
            column[row] = scene.edge_style_index(("path", style), lambda: {
                **styles[style], "color": {"color": PATH_COLOUR, "highlight": PATH_COLOUR, "hover": PATH_COLOUR,
                                           "inherit": False}, "width": 6})
            scene.edge_extra[row] = {"label": _short_years(step.years_min, step.years_max)}
        elif ends in other_edges:
            column[row] = scene.edge_style_index(("alternative", style), lambda: {
                **styles[style], "color": {"color": ALTERNATIVE_COLOUR, "highlight": PATH_COLOUR,
                                           "hover": PATH_COLOUR, "inherit": False}, "width": 4})
        else:
            column[row] = scene.edge_style_index(("dim", style), lambda: {
                **styles[style], "color": {**styles[style]["color"], "color": DIM_EDGE}, "width": 1})
    steps = best.hops
    caption = (f"{best.labels[0]} → {best.labels[-1]}: {steps} step{'s' if steps != 1 else ''}, "
               f"{_years(best.years_min, best.years_max)} (by {by}).")
    if len(found) > 1:
        caption += f" {len(found) - 1} alternative{'s' if len(found) > 2 else ''} in a lighter shade."
    extra = [("Path", [(line(PATH_COLOUR, 5), "best path")]
              + ([(line(ALTERNATIVE_COLOUR, 4), "alternative")] if len(found) > 1 else []))]
    key = legend((career.roles[r].track for r in on_path | alternative),
                     (career.roles[r].function for r in on_path | alternative), (), extra)
    return render(f"Path: {best.labels[0]} → {best.labels[-1]}", caption, scene, key, credit(career))


def _delta_levels(change: str, before: str | None, after: str | None) -> str:
    if change == "gained":
        return f"new: {after}"
    if change == "no longer required":
        return f"was: {before}"
    if change == "unchanged":
        return f"stays: {after}"
    return f"{before} → {after}"


def _short_years(low: float | None, high: float | None) -> str:
    if low is None:
        return ""
    return f"{low:g} y" if low == high else f"{low:g}–{high:g} y"


def org_view(graph: GraphLike) -> View:
    """The org chart: who reports to whom, as a tree from the top role on the left.

    A role with two managers hangs under its nearest one (the lower level); the second line is
    drawn dotted. CLI twin: ``pmgraph viz --org``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> org_view(graph).edges  # one reporting line per role but the top one
    7
    """
    return _org_page(project(graph))


@paused_gc
def _org_page(career: CareerGraph) -> View:
    primary: dict[str, str] = {}
    for role_id, managers in career.reports_to.items():
        primary[role_id] = min(managers, key=lambda m: (career.roles[m].level or 0, m))
    children: dict[str | None, list[str]] = defaultdict(list)
    roles = sorted(career.roles.values(), key=_role_order)
    for role in roles:
        children[primary.get(role.id)].append(role.id)
    positions = _tree_positions(children, children[None])
    scene = Scene()
    scene.cards = _role_cards(career, roles)
    for card, role in enumerate(roles):
        track = role.track
        # Boxes with the label inside: an org chart reads as a list of titles, and the tree's
        # rows can then sit close together.
        style = scene.node_style_index(track, lambda: {
            **_role_style(track, None), "shape": "box", "margin": 6,
            "font": {"color": "#ffffff" if track else "#111111", "strokeWidth": 0},
            "widthConstraint": {"minimum": ORG_BOX, "maximum": ORG_BOX}})
        x, y = positions[role.id]
        scene.add_node(role.id, role.label, x, y, style, card)
    index = scene.index
    for u, managers in sorted(career.reports_to.items()):
        for v in managers:
            main_line = primary[u] == v
            style = scene.edge_style_index(main_line, lambda: {
                **_edge_style(REPORTS_TO), "color": {"color": "#666666" if main_line else "#9a9a9a", "inherit": False},
                "width": 2 if main_line else 1, "dashes": False if main_line else [2, 4],
                "arrows": {"to": {"enabled": False}},
                "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.6}
                if main_line else {"enabled": True, "type": "curvedCW", "roundness": 0.25}})
            scene.add_edge(reporting_id(u, v), index[v], index[u], style,
                           [index[u], " reports to ", index[v], _report_details(career, u, v)])
    extra = [("Reporting line", [(line("#666666", 2), "manages"),
                                 ('<span class="line" style="border-top-style:dotted;border-top-color:#9a9a9a"></span>',
                                  "also reports to")])]
    key = legend((r.track for r in career.roles.values()), (), (), extra)
    caption = (f"{scene.nodes} roles, {scene.edges} reporting lines. Each manager to the left of the "
               "roles reporting to it; hover a role for details.")
    return render("Org chart", caption, scene, key, credit(career))


ORG_BOX = 200  # px: box width in the org chart
ORG_DX, ORG_DY = 250, 56


def _tree_positions(children: Mapping[str | None, list[str]], roots: list[str]) -> dict[str, tuple[int, int]]:
    """A tidy tree growing to the right: one row per leaf, a manager centred on its reports."""
    positions: dict[str, tuple[float, int]] = {}
    row = [0.0]

    def place(node: str, depth: int) -> float:
        kids = children.get(node, [])
        if kids:
            ys = [place(kid, depth + 1) for kid in kids]
            y = (ys[0] + ys[-1]) / 2
        else:
            y = row[0]
            row[0] += 1
        positions[node] = (y, depth)
        return y

    for root in roots:
        place(root, 0)
        row[0] += 0.5  # air between separate trees
    return {n: (depth * ORG_DX, round(y * ORG_DY)) for n, (y, depth) in positions.items()}


def delta_view(graph: GraphLike, source: str, target: str) -> View:
    """The skill delta from ``source`` to ``target``: both roles, and the skills between them
    coloured by change (gained, levelled up, unchanged, levelled down, no longer required).

    A line joins a role to each skill it requires, labelled with the proficiency.
    CLI twin: ``pmgraph viz --delta FROM TO``.
    """
    from ..career.skills import skill_delta

    career = project(graph)
    return _delta_page(career, skill_delta(career, source, target))


@paused_gc
def _delta_page(career: CareerGraph, delta: SkillDelta) -> View:
    from ..career.skills import SKILL_CHANGES

    changes = list(delta.skills)
    # Two columns keep the page short enough to read when fitted: beside the source what it
    # already has (kept, levelled down, dropped); beside the target what it asks anew.
    gap = 54
    learn = [c for c in changes if c.change in ("gained", "levelled up")]
    keep = [c for c in changes if c not in learn]
    placed = [(c, -170, (i - (len(keep) - 1) / 2) * gap) for i, c in enumerate(keep)]
    placed += [(c, 170, (i - (len(learn) - 1) / 2) * gap) for i, c in enumerate(learn)]
    s_role, t_role = career.roles[delta.source], career.roles[delta.target]
    scene = Scene()
    scene.cards = _role_cards(career, (s_role, t_role))
    for card, (role, x) in enumerate(((s_role, -560), (t_role, 560))):
        style = scene.node_style_index(("role", role.track, role.function),
                                 lambda: _role_style(role.track, role.function, emphasis=True))
        scene.add_node(role.id, role.label, x, 0, style, card, _emphasised(role.label))
    source, target = scene.index[delta.source], scene.index[delta.target]
    for change, x, y in placed:
        kind = change.change
        colour = DELTA_COLOURS.get(kind, OTHER_COLOUR)
        levels = _delta_levels(kind, change.from_proficiency, change.to_proficiency)
        tooltip = f"{change.label}\n{kind}: " + _delta_levels(
            kind, f"{change.from_proficiency}{' (estimate)' if change.from_estimate else ''}",
            f"{change.to_proficiency}{' (estimate)' if change.to_estimate else ''}")
        stated = sorted({s.name for s in change.sources})
        if stated:
            tooltip += "\nStated by: " + ", ".join(stated)
        if change.importance:
            tooltip += f"\n{change.importance} for {delta.target_label if change.to_rank else delta.source_label}"
        style = scene.node_style_index(("skill", kind), lambda: {
            "shape": "box", "kind": kind,
            "color": {"background": colour, "border": "#333333",
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "font": {"size": 14, "color": "#111111", "strokeWidth": 0},
            "widthConstraint": {"minimum": 250, "maximum": 250}, "margin": 5})
        skill = scene.add_node(f"skill:{change.skill}", f"{change.label}\n{levels}", x, round(y), style, tooltip)
        # A thin line from each role to each skill it requires; the box says the levels.
        line_style = scene.edge_style_index(kind, lambda: {
            "kind": kind, "color": {"color": "#c8c8c8", "highlight": "#555555", "hover": "#555555", "inherit": False},
            "width": 1, "arrows": {"to": {"enabled": False}}})
        if change.from_rank:
            scene.add_edge(f"has:{delta.source}->{change.skill}", source, skill, line_style, tooltip)
        if change.to_rank:
            scene.add_edge(f"needs:{change.skill}->{delta.target}", skill, target, line_style, tooltip)
    counts: dict[str, int] = defaultdict(int)
    for change in changes:
        counts[change.change] += 1
    summary = ", ".join(f"{counts[c]} {c}" for c in SKILL_CHANGES if counts[c])
    caption = f"{delta.source_label} → {delta.target_label}: {summary or 'no skills recorded'}."
    extra = [("Skill change", [(swatch(DELTA_COLOURS[c]), c) for c in SKILL_CHANGES if counts[c]])]
    key = legend((s_role.track, t_role.track), (s_role.function, t_role.function), (), extra)
    return render(f"Skills: {delta.source_label} → {delta.target_label}", caption, scene, key, credit(career))
