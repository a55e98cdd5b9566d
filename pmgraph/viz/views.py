"""The views: which roles, moves and reporting lines each one shows, where, and how."""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..projection import CareerGraph, RoleRecord, project, resolve_role
from ..vocab import PREFIXES
from .page import (
    ALTERNATIVE_COLOUR, DASH_LIMIT, DELTA_COLOURS, DIM_EDGE, DIM_FONT, DIM_NODE, DX, DY, EDGE_STYLES, FONT,
    FUNCTION_SHAPES, NODE_SIZE, OTHER_COLOUR, OTHER_EDGE, OTHER_SHAPE, PATH_COLOUR, REPORTS_TO,
    TRACK_COLOURS, View, legend, line, render, swatch,
)

ROW_DY = 70  # px between wrapped rows of one crowded level
BIG = 500  # nodes: above this a page is drawn for overview first

__all__ = [
    "career_view", "focus_view", "path_view", "delta_view", "org_view", "layered_positions",
    "transition_id", "reporting_id",
]

# ----------------------------------------------------------------------------- nodes and edges


def _rank(value: str | None, known: Mapping[str, object]) -> tuple[int, str]:
    order = list(known)
    return (order.index(value), "") if value in known else (len(order), value or "")


def _role_order(role: RoleRecord) -> tuple:
    return (-(role.level or 0), _rank(role.function, FUNCTION_SHAPES), _rank(role.track, TRACK_COLOURS),
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
    >>> from pmgraph.projection import project
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> at = layered_positions(project(graph).roles.values())
    >>> at["fx-cpo"][1] < at["fx-director"][1] < at["fx-apm"][1]
    True
    """
    roles = sorted(roles, key=_role_order)
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
        for i, role in enumerate(members):
            row, column = divmod(i, per_row)
            in_row = min(per_row, len(members) - row * per_row)
            x = start[function] + (per_row - in_row) / 2 + column
            positions[role.id] = (round((x - centre) * DX), round(top[level] + row * ROW_DY))
    return positions


def _wrap(text: str, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width))


def _role_tooltip(career: CareerGraph, role: RoleRecord) -> str:
    lines = [role.label]
    facts = [f"level {role.level}" if role.level is not None else None, role.track, role.function]
    lines.append(" · ".join(f for f in facts if f))
    if role.synonyms:
        lines.append("Also: " + ", ".join(role.synonyms))
    if role.definition:
        lines += ["", _wrap(role.definition)]
    requirements = sorted(career.requirements.get(role.id, {}).values(),
                          key=lambda r: (r.importance != "essential", -r.rank, r.label.casefold()))
    if requirements:
        shown = [f"{r.label} ({r.proficiency})" for r in requirements[:6]]
        lines += ["", _wrap("Key skills: " + ", ".join(shown))]
    managers = career.reports_to.get(role.id, ())
    if managers:
        lines.append("Reports to: " + ", ".join(career.label(m) for m in managers))
    return "\n".join(lines)


def _years(low: float | None, high: float | None) -> str:
    if low is None:
        return "typical years not given"
    fmt = lambda y: f"{y:g}"  # noqa: E731
    span = fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
    return f"typically {span} year{'' if high == 1 else 's'}"


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _transition_tooltip(career: CareerGraph, u: str, v: str, data: Mapping) -> str:
    lines = [f"{career.label(u)} → {career.label(v)}", f"{data['kind']}, {_years(data['years_min'], data['years_max'])}"]
    if data.get("sources"):
        lines.append("Sources: " + ", ".join(_compact(s) for s in data["sources"]))
    return "\n".join(lines)


def _node(career: CareerGraph, role: RoleRecord, xy: tuple[int, int], *, dim: bool = False,
          emphasis: bool = False) -> dict:
    fill = TRACK_COLOURS.get(role.track, OTHER_COLOUR)
    node = {
        "id": role.id, "label": role.label, "title": _role_tooltip(career, role),
        "x": xy[0], "y": xy[1], "shape": FUNCTION_SHAPES.get(role.function, OTHER_SHAPE)[0],
        "color": {"background": fill, "border": "#333333",
                  "highlight": {"background": fill, "border": "#000000"},
                  "hover": {"background": fill, "border": "#000000"}},
    }
    if dim:
        node["color"] = {"background": DIM_NODE["background"], "border": DIM_NODE["border"],
                         "highlight": {"background": fill, "border": "#000000"},
                         "hover": {"background": fill, "border": "#000000"}}
        node["font"] = {"color": DIM_FONT}
    if emphasis:
        node["size"] = NODE_SIZE + 8
        node["borderWidth"] = 4
        node["font"] = {"size": FONT["size"] + 2, "bold": {"size": FONT["size"] + 2}}
        node["label"] = f"*{role.label}*"
        node["font"]["multi"] = "markdown"
    return node


def _edge(eid: str, u: str, v: str, kind: str, title: str, *, dim: bool = False) -> dict:
    style = EDGE_STYLES.get(kind, OTHER_EDGE)
    edge = {"id": eid, "from": u, "to": v, "title": title, "kind": kind,
            "color": {"color": DIM_EDGE if dim else style["color"], "highlight": PATH_COLOUR,
                      "hover": style["color"], "inherit": False},
            "width": style["width"], "dashes": style["dashes"]}
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


def _graph_items(career: CareerGraph, keep: Iterable[str], *, reporting: bool, dim: Iterable[str] = (),
                 emphasis: Iterable[str] = ()) -> tuple[list[dict], list[dict]]:
    keep = set(keep)
    dim, emphasis = set(dim), set(emphasis)
    roles = sorted((career.roles[r] for r in keep), key=_role_order)
    positions = layered_positions(roles)
    nodes = [_node(career, r, positions[r.id], dim=r.id in dim, emphasis=r.id in emphasis) for r in roles]
    edges = []
    for u, v in sorted(career.digraph.edges):
        if u in keep and v in keep:
            data = career.digraph.edges[u, v]
            edges.append(_edge(transition_id(u, v), u, v, data["kind"], _transition_tooltip(career, u, v, data),
                               dim=bool(dim) and (u in dim or v in dim)))
    if reporting:
        for u, managers in sorted(career.reports_to.items()):
            for v in managers:
                if u in keep and v in keep:
                    edges.append(_edge(reporting_id(u, v), u, v, REPORTS_TO,
                                       f"{career.label(u)} reports to {career.label(v)}",
                                       dim=bool(dim) and (u in dim or v in dim)))
    if len(edges) > DASH_LIMIT:
        for edge in edges:
            edge["dashes"] = False
    if len(nodes) > BIG:  # zoomed out to fit, a dark border is all one would see of a node
        for node in nodes:
            node["color"]["border"] = node["color"]["background"]
    return nodes, edges


def _standard_legend(career: CareerGraph, nodes: list[dict], edges: list[dict], extra=()) -> str:
    roles = [career.roles[n["id"]] for n in nodes if n["id"] in career.roles]
    return legend((r.track for r in roles), (r.function for r in roles), (e["kind"] for e in edges), extra,
                  dashes=len(edges) <= DASH_LIMIT)


# ----------------------------------------------------------------------------- views


def career_view(graph) -> View:
    """The whole career graph: every role, transition and reporting line.

    CLI twin: ``pmgraph viz -o career.html``.

    Examples
    --------
    >>> from pmgraph import load
    >>> view = career_view(load())
    >>> view.nodes >= 30 and 'id="legend"' in view.html
    True
    """
    career = project(graph)
    nodes, edges = _graph_items(career, career.roles, reporting=True)
    caption = (f"{len(nodes)} roles, {career.digraph.number_of_edges()} moves, "
               f"{sum(1 for e in edges if e['kind'] == REPORTS_TO)} reporting lines. "
               "Most senior at the top; hover a role or a line for details.")
    return render("Career graph", caption, nodes, edges, _standard_legend(career, nodes, edges))


def focus_view(graph, role: str, *, depth: int = 1) -> View:
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
    centre = resolve_role(career, role)
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
    nodes, edges = _graph_items(career, seen, reporting=True, emphasis=[centre])
    label = career.label(centre)
    caption = (f"{label} and the {len(seen) - 1} role{'s' if len(seen) != 2 else ''} within {depth} "
               f"move{'s' if depth != 1 else ''} or reporting line{'s' if depth != 1 else ''} of it.")
    return render(f"Around {label}", caption, nodes, edges, _standard_legend(career, nodes, edges))


def path_view(graph, source: str, target: str, *, by: str = "hops", k: int = 1, via: str | None = None,
              avoid: Iterable[str] = (), track: str | None = None, lateral: bool = True,
              max_steps: int | None = None) -> View:
    """The best path from ``source`` to ``target`` highlighted on the career graph, the rest dimmed.

    Options as :func:`pmgraph.paths.shortest_paths`; with ``k > 1`` the alternatives show in a
    lighter shade. The caption gives the best path's steps and typical years.

    CLI twin: ``pmgraph viz --path FROM TO [--by ...] [-k K] [--via R] [--avoid R] [--track T]
    [--no-lateral] [--max-steps N]``.

    Raises
    ------
    UnknownRoleError, NoPathError
        As :func:`pmgraph.paths.shortest_paths`.
    """
    from ..paths import shortest_paths

    career = project(graph)
    found = shortest_paths(career, source, target, k=k, by=by, via=via, avoid=avoid, track=track,
                           lateral=lateral, max_steps=max_steps)
    best = found[0]
    on_path = set(best.roles)
    alternative = {r for p in found[1:] for r in p.roles} - on_path
    dim = set(career.roles) - on_path - alternative
    nodes, edges = _graph_items(career, career.roles, reporting=False, dim=dim, emphasis=[best.roles[0], best.roles[-1]])
    best_edges = {transition_id(s.source, s.target): s for s in best.steps}
    other_edges = {transition_id(s.source, s.target) for p in found[1:] for s in p.steps} - set(best_edges)
    for edge in edges:
        if edge["id"] in best_edges:
            step = best_edges[edge["id"]]
            edge["color"] = {"color": PATH_COLOUR, "highlight": PATH_COLOUR, "hover": PATH_COLOUR, "inherit": False}
            edge["width"] = 6
            edge["label"] = _short_years(step.years_min, step.years_max)
        elif edge["id"] in other_edges:
            edge["color"] = {"color": ALTERNATIVE_COLOUR, "highlight": PATH_COLOUR, "hover": PATH_COLOUR,
                             "inherit": False}
            edge["width"] = 4
        else:
            edge["color"]["color"] = DIM_EDGE
            edge["width"] = 1
    steps = best.hops
    caption = (f"{best.labels[0]} → {best.labels[-1]}: {steps} step{'s' if steps != 1 else ''}, "
               f"{_years(best.years_min, best.years_max)} (by {by}).")
    if len(found) > 1:
        caption += f" {len(found) - 1} alternative{'s' if len(found) > 2 else ''} in a lighter shade."
    extra = [("Path", [(line(PATH_COLOUR, 5), "best path")]
              + ([(line(ALTERNATIVE_COLOUR, 4), "alternative")] if len(found) > 1 else []))]
    key = legend((career.roles[r].track for r in on_path | alternative),
                     (career.roles[r].function for r in on_path | alternative), (), extra)
    return render(f"Path: {best.labels[0]} → {best.labels[-1]}", caption, nodes, edges, key)


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


def org_view(graph) -> View:
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
    career = project(graph)
    primary: dict[str, str] = {}
    for role, managers in career.reports_to.items():
        primary[role] = min(managers, key=lambda m: (career.roles[m].level or 0, m))
    children: dict[str | None, list[str]] = defaultdict(list)
    for role in sorted(career.roles.values(), key=_role_order):
        children[primary.get(role.id)].append(role.id)
    positions = _tree_positions(children, children[None])
    nodes = []
    for role in sorted(career.roles.values(), key=_role_order):
        node = _node(career, role, positions[role.id])
        # Boxes with the label inside: an org chart reads as a list of titles, and the tree's
        # rows can then sit close together.
        node.update(shape="box", margin=6, font={"color": "#ffffff" if role.track else "#111111",
                                                  "strokeWidth": 0},
                    widthConstraint={"minimum": ORG_BOX, "maximum": ORG_BOX})
        nodes.append(node)
    edges = []
    for u, managers in sorted(career.reports_to.items()):
        for v in managers:
            main_line = primary[u] == v
            edge = _edge(reporting_id(u, v), v, u, REPORTS_TO, f"{career.label(u)} reports to {career.label(v)}")
            edge.update(color={"color": "#666666" if main_line else "#9a9a9a", "inherit": False},
                        width=2 if main_line else 1, dashes=False if main_line else [2, 4],
                        arrows={"to": {"enabled": False}},
                        smooth={"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                                "roundness": 0.6} if main_line else
                        {"enabled": True, "type": "curvedCW", "roundness": 0.25})
            edges.append(edge)
    extra = [("Reporting line", [(line("#666666", 2), "manages"),
                                 ('<span class="line" style="border-top-style:dotted;border-top-color:#9a9a9a"></span>',
                                  "also reports to")])]
    key = legend((r.track for r in career.roles.values()), (), (), extra)
    caption = (f"{len(nodes)} roles, {len(edges)} reporting lines. Each manager to the left of the roles "
               "reporting to it; hover a role for details.")
    return render("Org chart", caption, nodes, edges, key)


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


def delta_view(graph, source: str, target: str) -> View:
    """The skill delta from ``source`` to ``target``: both roles, and the skills between them
    coloured by change (gained, levelled up, unchanged, levelled down, no longer required).

    A line joins a role to each skill it requires, labelled with the proficiency.
    CLI twin: ``pmgraph viz --delta FROM TO``.
    """
    from ..skills import SKILL_CHANGES, skill_delta

    career = project(graph)
    delta = skill_delta(career, source, target)
    changes = list(delta.skills)
    # Two columns keep the page short enough to read when fitted: beside the source what it
    # already has (kept, levelled down, dropped); beside the target what it asks anew.
    gap = 54
    learn = [c for c in changes if c.change in ("gained", "levelled up")]
    keep = [c for c in changes if c not in learn]
    placed = [(c, -170, (i - (len(keep) - 1) / 2) * gap) for i, c in enumerate(keep)]
    placed += [(c, 170, (i - (len(learn) - 1) / 2) * gap) for i, c in enumerate(learn)]
    s_role, t_role = career.roles[delta.source], career.roles[delta.target]
    nodes = [_node(career, s_role, (-560, 0), emphasis=True),
             _node(career, t_role, (560, 0), emphasis=True)]
    edges = []
    for change, x, y in placed:
        sid = f"skill:{change.skill}"
        colour = DELTA_COLOURS.get(change.change, OTHER_COLOUR)
        levels = _delta_levels(change.change, change.from_proficiency, change.to_proficiency)
        tooltip = f"{change.label}\n{change.change}: {levels}"
        if change.importance:
            tooltip += f"\n{change.importance} for {delta.target_label if change.to_rank else delta.source_label}"
        nodes.append({"id": sid, "label": f"{change.label}\n{levels}", "title": tooltip, "x": x, "y": round(y),
                      "shape": "box", "kind": change.change,
                      "color": {"background": colour, "border": "#333333",
                                "highlight": {"background": colour, "border": "#000000"},
                                "hover": {"background": colour, "border": "#000000"}},
                      "font": {"size": 14, "color": "#111111", "strokeWidth": 0},
                      "widthConstraint": {"minimum": 250, "maximum": 250}, "margin": 5})
        # A thin line from each role to each skill it requires; the box says the levels.
        for rank, eid, ends in ((change.from_rank, f"has:{delta.source}->{change.skill}", (delta.source, sid)),
                                (change.to_rank, f"needs:{change.skill}->{delta.target}", (sid, delta.target))):
            if rank:
                edges.append({"id": eid, "from": ends[0], "to": ends[1], "title": tooltip, "kind": change.change,
                              "color": {"color": "#c8c8c8", "highlight": "#555555", "hover": "#555555",
                                        "inherit": False},
                              "width": 1, "arrows": {"to": {"enabled": False}}})
    counts = defaultdict(int)
    for change in changes:
        counts[change.change] += 1
    summary = ", ".join(f"{counts[c]} {c}" for c in SKILL_CHANGES if counts[c])
    caption = f"{delta.source_label} → {delta.target_label}: {summary or 'no skills recorded'}."
    extra = [("Skill change", [(swatch(DELTA_COLOURS[c]), c) for c in SKILL_CHANGES if counts[c]])]
    key = legend((s_role.track, t_role.track), (s_role.function, t_role.function), (), extra)
    return render(f"Skills: {delta.source_label} → {delta.target_label}", caption, nodes, edges, key)
