"""The views: which roles, moves and reporting lines each one shows, where, and how.

A view takes role ids (:data:`~pmgraph.career.model.RoleId`) and a track's preferred label, as
:mod:`pmgraph.career` does; the curated API (``pmgraph.path_view(graph, "pm", "cpo")``...)
takes names and resolves them first.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..career.model import NO_EVIDENCE, CareerGraph, Evidence, RoleId, RoleRecord
from ..career.names import known_role
from ..career.options import EVIDENCE_DEFAULT, WEIGHT
from ..career.projection import GraphLike, project
from ..vocab import REFERENCE_CREDIT
from ..wording import compact_iri, estimated, is_estimate, short_years, typical_years
from .layout import BIG, cell_positions, ladder_positions, layered_positions, level_rows, role_order
from .page import (
    ALTERNATIVE_COLOUR,
    DASH_LIMIT,
    DELTA_COLOURS,
    DIM_EDGE,
    EDGE_FONT,
    FONT,
    FUNCTION_SHAPES,
    LABEL_WIDTH,
    MOVE_COLOURS,
    NODE_SIZE,
    OTHER_COLOUR,
    OTHER_MOVE,
    OTHER_SHAPE,
    PATH_COLOUR,
    REPORT_COLOUR,
    REPORT_DASHES,
    REPORTS_TO,
    TRACK_COLOURS,
    LegendSection,
    View,
    VisObject,
    draw,
    evidence_section,
    function_section,
    grade_style,
    group_name,
    legend,
    line,
    move_section,
    paused_gc,
    role_group,
    swatch,
    track_section,
)
from .routing import Box, Circle, Shape, Smooth, route

if TYPE_CHECKING:
    from ..career.paths import Path
    from ..career.skills import SkillDelta

__all__ = [
    "career_view", "focus_view", "path_view", "delta_view", "org_view", "layered_positions",
    "transition_id", "reporting_id", "credit",
]

# ----------------------------------------------------------------------------- tooltips


def _stated(career: CareerGraph, sources: Iterable[str]) -> bool:
    """Whether a framework or a source document states it (not only pmgraph's editorial judgement)."""
    return any(not career.source(s).editorial for s in sources)


def _move_details(career: CareerGraph, data: Mapping[str, Any]) -> str:
    """What a transition's tooltip says after "FROM → TO": kind, typical years (marked when no source
    document states them), who states the move and its sources."""
    low, high, sources = data["years_min"], data["years_max"], data["sources"]
    estimate = is_estimate(low is not None, (career.source(s).editorial for s in data.get("years_sources", ())))
    text = f"\n{data['kind']}, {estimated(typical_years(low, high), estimate)}"
    evidence: Evidence = data.get("evidence", NO_EVIDENCE)
    text += "\nEvidence: " + evidence.words
    if sources:
        text += "\nSources: " + ", ".join(compact_iri(s) for s in sources)
    return text


def _report_title(career: CareerGraph, role: str, manager: str) -> str:
    sources = career.reporting_sources.get(role, {}).get(manager, ())
    text = f"{career.label(role)} reports to {career.label(manager)}"
    evidence = career.reporting_evidence.get(role, {}).get(manager)
    if evidence is not None:
        text += "\nEvidence: " + evidence.words
    return text + "\nSources: " + ", ".join(map(compact_iri, sources)) if sources else text


def _role_titles(career: CareerGraph, roles: Sequence[RoleRecord]) -> list[str]:
    """Each role's tooltip: label; level, track, function; synonyms; definition; key skills
    (essential first, then the most proficient, then by name; six at most; a level no source
    states marked an estimate); managers."""
    editorial = frozenset(iri for iri, source in career.sources.items() if source.editorial)
    cited = career.requirement_sources
    # A large ladder repeats the same facts, skills and sources thousands of times: each is worked out once.
    facts_of: dict[tuple[int | None, str | None, str | None], str] = {}
    estimates: dict[tuple[str, ...], bool] = {}
    order_of: dict[tuple[str | None, int, str], tuple[bool, int, str, str]] = {}
    label_of = {r.id: r.label for r in career.roles.values()}
    out = []
    for role in roles:
        facts = facts_of.get((role.level, role.track, role.function))
        if facts is None:
            facts = facts_of[(role.level, role.track, role.function)] = " · ".join(
                f for f in (f"level {role.level}" if role.level is not None else None, role.track, role.function) if f)
        parts = [role.label, "\n", facts]
        if role.synonyms:
            parts += ["\nAlso: ", ", ".join(role.synonyms)]
        if role.definition:
            parts += ["\n\n", " ".join(role.definition.split())]
        needs = career.requirements.get(role.id)
        if needs:
            said = cited.get(role.id, _NO_SOURCES)
            ranked = []
            for q in needs.values():
                at = (q.importance, q.rank, q.label)
                order = order_of.get(at)
                if order is None:
                    order = order_of[at] = (q.importance != "essential", -q.rank, q.label.casefold(), q.label)
                ranked.append((order, q))
            ranked.sort(key=_FIRST)
            texts = []
            for _order, q in ranked[:6]:
                levels = said.get(q.skill, _NOTHING_CITED)[1]
                estimate = estimates.get(levels)
                if estimate is None:
                    estimate = estimates[levels] = bool(levels) and editorial.issuperset(levels)
                texts.append(f"{q.label} ({q.proficiency}{', estimate' if estimate else ''})")
            parts += ["\n\nKey skills: ", ", ".join(texts)]
        managers = career.reports_to.get(role.id)
        if managers:
            parts += ["\nReports to: ", ", ".join(map(label_of.__getitem__, managers))]
        out.append("".join(parts))
    return out


_NO_SOURCES: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_NOTHING_CITED: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def _first(pair: tuple[tuple[bool, int, str, str], object]) -> tuple[bool, int, str, str]:
    return pair[0]


_FIRST = _first


def transition_id(u: str, v: str) -> str:
    """The id of the edge drawing the transition ``u -> v`` in every view."""
    return f"move:{u}->{v}"


def reporting_id(u: str, v: str) -> str:
    """The id of the edge drawing "``u`` reports to ``v``" in every view."""
    return f"reports:{u}->{v}"


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


# ----------------------------------------------------------------------------- geometry


def _outline(shape: str, size: float) -> float:
    """The radius a line keeps clear of, for a node of vis ``shape`` and ``size``: a dot's radius,
    the circumscribed circle of the angular shapes."""
    return size + 1 if shape == "dot" else size * (1.42 if shape == "square" else 1.2) + 1


def _label_box(x: float, y: float, label: str, size: float, font: float = FONT["size"]) -> Box:
    """Where vis-network writes ``label`` under a node at (x, y), about: up to LABEL_WIDTH wide,
    wrapped at words."""
    lines, width, longest = 1, 0.0, 0.0
    for word in label.split():
        w = len(word) * font * 0.56
        if width and width + font * 0.3 + w > LABEL_WIDTH:
            lines, width = lines + 1, w
        else:
            width = width + (font * 0.3 if width else 0) + w
        longest = max(longest, min(width, LABEL_WIDTH))
    height = lines * font * 1.15
    return Box(x, y + size + 3 + height / 2, longest / 2 + 2, height / 2 + 1)


def _routes(positions: Mapping[str, tuple[int, int]], shapes: Mapping[str, Shape], labels: Mapping[str, Shape],
            pairs: Sequence[tuple[str, str]], given: Sequence[Sequence[Smooth]] | None = None) -> list[Smooth]:
    points = {k: (float(x), float(y)) for k, (x, y) in positions.items()}
    return route(points, shapes, pairs, labels=labels, given=given)


def _smooth(edge: VisObject, smooth: Smooth) -> VisObject:
    if smooth:
        edge["smooth"] = smooth
    return edge


# ----------------------------------------------------------------------------- the graph views


class _Graph:
    """The roles ``keep`` of ``career``, with the moves (and, if ``reporting``, reporting lines)
    among them, laid out: ladders for a page of up to BIG roles, cells beyond."""

    def __init__(self, career: CareerGraph, keep: Iterable[str], *, reporting: bool) -> None:
        every = career.roles
        self.career = career
        self.roles = sorted((every[r] for r in set(keep)), key=role_order)
        ids = {r.id for r in self.roles}
        self.moves = [(u, v, d) for u, successors in sorted(career.digraph.adjacency()) if u in ids
                      for v, d in sorted(successors.items()) if v in ids]
        self.big = len(self.roles) > BIG
        # A large page draws the moves only: its roles' tooltips name their managers, and twice the
        # lines took twice as long to open (clustering them most of all) for a denser picture.
        self.reports = ([(u, v) for u, managers in sorted(career.reports_to.items()) if u in ids
                         for v in managers if v in ids] if reporting and not self.big else [])
        if self.big:
            self.positions = cell_positions(self.roles)
        else:
            self.positions = ladder_positions(self.roles, ((u, v, d["kind"]) for u, v, d in self.moves), self.reports)
        self.dashes = len(self.moves) + len(self.reports) <= DASH_LIMIT
        self.grades = {(u, v): d.get("evidence", NO_EVIDENCE).grade for u, v, d in self.moves}

    def nodes(self, *, dim: Iterable[str] = (),
              emphasis: Iterable[str] = ()) -> tuple[list[VisObject], dict[str, VisObject]]:
        dim, emphasis = set(dim), set(emphasis)
        groups: dict[str, VisObject] = {}
        nodes = []
        for role, title in zip(self.roles, _role_titles(self.career, self.roles)):
            faded = role.id in dim
            name = group_name(role.track, role.function, dim=faded)
            if name not in groups:
                groups[name] = role_group(role.track, role.function, dim=faded, solid_border=self.big)
            x, y = self.positions[role.id]
            node: VisObject = {"id": role.id, "label": role.label, "x": x, "y": y, "group": name, "title": title}
            if role.id in emphasis:
                node.update(size=NODE_SIZE + 8, borderWidth=4, font={"size": FONT["size"] + 3})
            nodes.append(node)
        return nodes, groups

    def shapes(self, emphasis: Iterable[str] = ()) -> tuple[dict[str, Shape], dict[str, Shape]]:
        """Each node's outline and label box, for the router."""
        emphasis = set(emphasis)
        outlines: dict[str, Shape] = {}
        labels: dict[str, Shape] = {}
        for role in self.roles:
            x, y = self.positions[role.id]
            size = NODE_SIZE + (8 if role.id in emphasis else 0)
            shape = FUNCTION_SHAPES.get(role.function or "", OTHER_SHAPE)[0]
            outlines[role.id] = Circle(x, y, _outline(shape, size))
            labels[role.id] = _label_box(x, y, role.label, size, FONT["size"] + (3 if role.id in emphasis else 0))
        return outlines, labels

    def lines(self, *, emphasis: Iterable[str] = ()) -> list[VisObject]:
        """The moves, then the reporting lines, each routed clear of the other nodes."""
        career = self.career
        pairs = [(u, v) for u, v, _d in self.moves] + self.reports
        smooth: Sequence[Smooth] = [None] * len(pairs)
        if not self.big:
            outlines, labels = self.shapes(emphasis)
            smooth = _routes(self.positions, outlines, labels, pairs)
        edges = []
        label = {r.id: r.label for r in self.roles}
        details: dict[tuple[object, ...], str] = {}  # a large ladder says the same of thousands of moves
        for (u, v, data), curve in zip(self.moves, smooth):
            facts = (data["kind"], data["years_min"], data["years_max"], tuple(data["sources"]),
                     tuple(data.get("years_sources", ())), data.get("evidence"))
            said = details.get(facts)
            if said is None:
                said = details[facts] = _move_details(career, data)
            edge: VisObject = {"id": transition_id(u, v), "from": u, "to": v, "title": f"{label[u]} → {label[v]}{said}",
                               "color": MOVE_COLOURS.get(data["kind"], OTHER_MOVE)}
            edge.update(_grade_style(self.grades[(u, v)], edge["color"], self.dashes))
            edges.append(_smooth(edge, curve))
        for (u, v), curve in zip(self.reports, smooth[len(self.moves):]):
            edge = {"id": reporting_id(u, v), "from": u, "to": v, "title": _report_title(career, u, v),
                    "color": REPORT_COLOUR, "width": 1}
            if not self.big:  # a large page draws no arrowheads
                edge["arrows"] = _REPORT_ARROWS
            if self.dashes:
                edge["dashes"] = REPORT_DASHES
            edges.append(_smooth(edge, curve))
        return edges

    def kinds(self) -> set[str]:
        return {d["kind"] for _u, _v, d in self.moves} | ({REPORTS_TO} if self.reports else set())

    def config(self, *, clustered: bool = True, keep_open: Iterable[str] = ()) -> dict[str, object]:
        """The page data: level rows, synonyms for the search, and (on a large page) the cells that
        open clustered (every cell of two roles or more, but those holding ``keep_open``)."""
        config: dict[str, object] = {
            "levels": level_rows(self.roles, self.positions),
            "also": {r.id: list(r.synonyms) for r in self.roles if r.synonyms},
        }
        if self.big:
            clusters = self.clusters(keep_open) if clustered else []
            config["clusters"] = clusters
            inside = {i for c in clusters for i in c["ids"]}  # type: ignore[attr-defined]  # lists, as made below
            points = [(c["x"], c["y"]) for c in clusters] + [p for r, p in self.positions.items() if r not in inside]
            config["extent"] = _extent(points)
        return config

    def clusters(self, keep_open: Iterable[str]) -> list[dict[str, object]]:
        cells: dict[tuple[str, int], list[RoleRecord]] = defaultdict(list)
        for role in self.roles:
            cells[(role.function or "", role.level or 0)].append(role)
        opened = {(self.career.roles[r].function or "", self.career.roles[r].level or 0) for r in keep_open}
        out: list[dict[str, object]] = []
        for (function, level), members in sorted(cells.items(), key=lambda c: (-c[0][1], _rank(c[0][0]))):
            if len(members) < 2 or (function, level) in opened:
                continue
            xs = [self.positions[r.id][0] for r in members]
            ys = [self.positions[r.id][1] for r in members]
            tracks = sorted({r.track or "" for r in members})
            out.append({"cell": len(out), "ids": [r.id for r in members],
                        "label": f"{function or 'no function'} · L{level} · {len(members)}",
                        "title": (f"{len(members)} {function or ''} roles at level {level} "
                                  f"({', '.join(t for t in tracks if t)}). Click to open."),
                        "shape": FUNCTION_SHAPES.get(function, OTHER_SHAPE)[0],
                        "color": TRACK_COLOURS.get(tracks[0], OTHER_COLOUR) if len(tracks) == 1 else OTHER_COLOUR,
                        "size": round(NODE_SIZE + 6 * math.sqrt(len(members))),
                        "x": round((min(xs) + max(xs)) / 2), "y": min(ys)})
        return out


_REPORT_ARROWS: VisObject = {"to": {"enabled": True, "scaleFactor": 0.4}}  # one object, shared: written once


def _extent(points: Iterable[tuple[Any, Any]]) -> list[int]:
    """The box (left, top, right, bottom) of the node centres ``points``, a node's size around each.

    A large page opens on this box instead of asking vis-network to fit the view, which measures
    the label of every role first, clustered or not (a second on a 5,000-role page)."""
    xs, ys = zip(*points) if points else ((0,), (0,))
    pad = NODE_SIZE * 3
    return [min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad]


@lru_cache(maxsize=256)
def _grade_style(grade: str | None, colour: str, dashes: bool) -> VisObject:
    """:func:`~pmgraph.viz.page.grade_style`, one object per grade and colour (shared by thousands of lines)."""
    return grade_style(grade, colour, dashes=dashes)


def _rank(function: str) -> tuple[int, str]:
    known = list(FUNCTION_SHAPES)
    return (known.index(function), "") if function in known else (len(known), function)


def _graph_legend(graph: _Graph, extra: Sequence[LegendSection] = (), *, tracks: Iterable[str | None] | None = None,
                  clusters: bool = False, moves: bool = True) -> str:
    """The legend of what ``graph`` draws; ``moves=False`` when the lines are not coloured by kind
    (the path view colours them by path, alternative and the rest: its own section says so)."""
    sections = [track_section(tracks if tracks is not None else (r.track for r in graph.roles)),
                function_section(r.function for r in graph.roles),
                *([move_section(graph.kinds())] if moves else []),
                evidence_section(graph.grades.values(), dashes=graph.dashes), *extra]
    if clusters:
        sections.append(("Clusters", [('<span class="symbol">◎</span>',
                                       "a function's roles at one level (L: level, and how many); click to "
                                       "open, search to find one role")]))
    return legend(sections)


def career_view(graph: GraphLike) -> View:
    """The whole career graph: every role, transition and reporting line.

    CLI twin: ``pmgraph viz -o career.html``. Above 500 roles the page opens with each
    function's roles at each level clustered (click to open one).

    Examples
    --------
    >>> from pmgraph import load
    >>> view = career_view(load())
    >>> view.nodes >= 30 and 'id="legend"' in view.html
    True
    >>> type(view.network).__name__
    'Network'
    """
    return _career_page(project(graph))


@paused_gc
def _career_page(career: CareerGraph) -> View:
    graph = _Graph(career, career.roles, reporting=True)
    nodes, groups = graph.nodes()
    edges = graph.lines()
    config = graph.config()
    lines = (f"{len(graph.reports)} reporting lines" if not graph.big else
             "reporting lines in each role's details (too many to draw)")
    caption = (f"{len(graph.roles)} roles, {len(graph.moves)} moves, {lines}. Most senior at the top; hover a role "
               f"or a line for details{', click a cluster to open it' if graph.big else ''}.")
    return draw("Career graph", caption, nodes, edges, groups=groups, credit=credit(career), config=config,
                legend_html=_graph_legend(graph, clusters=bool(config.get("clusters"))))


def focus_view(graph: GraphLike, role: RoleId, *, depth: int = 1) -> View:
    """Role id ``role`` and the roles within ``depth`` moves or reporting lines of it, either way.

    CLI twin: ``pmgraph viz --focus ROLE --depth N``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> focus_view(graph, "fx-pm", depth=1).nodes  # apm, pmm, spm below/beside; gpm, its manager
    5
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    career = project(graph)
    return _focus_page(career, known_role(career, role), depth)


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
    graph = _Graph(career, seen, reporting=True)
    nodes, groups = graph.nodes(emphasis=[centre])
    edges = graph.lines(emphasis=[centre])
    config = {**graph.config(keep_open=[centre]), "highlight": {"nodes": [centre], "edges": []}}
    label = career.label(centre)
    caption = (f"{label} and the {len(seen) - 1} role{'s' if len(seen) != 2 else ''} within {depth} "
               f"move{'s' if depth != 1 else ''} or reporting line{'s' if depth != 1 else ''} of it.")
    return draw(f"Around {label}", caption, nodes, edges, groups=groups, credit=credit(career), config=config,
                legend_html=_graph_legend(graph, clusters=bool(config.get("clusters"))))


def path_view(graph: GraphLike, source: RoleId, target: RoleId, *, by: str = WEIGHT, k: int = 1,
              via: RoleId | None = None, avoid: Iterable[RoleId] = (), track: str | None = None,
              lateral: bool = True, max_steps: int | None = None, sourced_only: bool = False,
              evidence: str = EVIDENCE_DEFAULT) -> View:
    """The best path from role id ``source`` to role id ``target`` highlighted on the career graph,
    the rest dimmed.

    Options as :func:`pmgraph.career.paths.shortest_paths`; with ``k > 1`` the alternatives show in a
    lighter shade. The page opens zoomed onto the path; each step is labelled with its typical
    years. The caption gives the best path's steps and typical years.

    CLI twin: ``pmgraph viz --path FROM TO [--by ...] [-k K] [--via R] [--avoid R] [--track T]
    [--no-lateral] [--max-steps N] [--evidence stated|derived|any]``.

    Raises
    ------
    UnknownRoleError, NoPathError
        As :func:`pmgraph.career.paths.shortest_paths`.
    """
    from ..career.paths import shortest_paths

    career = project(graph)
    found = shortest_paths(career, source, target, k=k, by=by, via=via, avoid=avoid, track=track,
                           lateral=lateral, max_steps=max_steps, sourced_only=sourced_only, evidence=evidence)
    return _path_page(career, found, by)


@paused_gc
def _path_page(career: CareerGraph, found: Sequence[Path], by: str) -> View:
    best = found[0]
    on_path = list(best.roles)
    alternative = sorted({r for p in found[1:] for r in p.roles} - set(on_path))
    shown = set(on_path) | set(alternative)
    dim = set(career.roles) - shown
    ends = [best.roles[0], best.roles[-1]]
    graph = _Graph(career, career.roles, reporting=False)
    nodes, groups = graph.nodes(dim=dim, emphasis=ends)
    edges = graph.lines(emphasis=ends)
    best_steps = {transition_id(s.source, s.target): s for s in best.steps}
    other_steps = {transition_id(s.source, s.target) for p in found[1:] for s in p.steps} - set(best_steps)
    for edge in edges:
        eid = edge["id"]
        opacity = edge["color"].get("opacity", 1) if isinstance(edge["color"], dict) else 1  # derived or editorial
        if eid in best_steps:
            step = best_steps[eid]
            edge.update(color={"color": PATH_COLOUR, "opacity": opacity} if opacity < 1 else PATH_COLOUR, width=6,
                        label=short_years(step.years_min, step.years_max) or "years not given",
                        font={**EDGE_FONT, "size": 16, "color": PATH_COLOUR})
        elif eid in other_steps:
            edge.update(color=ALTERNATIVE_COLOUR, width=4)
        else:
            edge.update(color=DIM_EDGE, width=1)
    steps = best.hops
    caption = (f"{best.labels[0]} → {best.labels[-1]}: {steps} step{'s' if steps != 1 else ''}, "
               f"{typical_years(best.years_min, best.years_max)} (by {by}).")
    if len(found) > 1:
        caption += f" {len(found) - 1} alternative{'s' if len(found) > 2 else ''} in a lighter shade."
    path_section = ("Path", [(line(PATH_COLOUR, 5), "best path (years on each step)")]
                    + ([(line(ALTERNATIVE_COLOUR, 4), "alternative")] if len(found) > 1 else [])
                    + ([(swatch("#eeeeee"), "not on the path (dimmed; hover for details)")] if dim else []))
    config = {**graph.config(keep_open=shown), "fit": [*on_path, *alternative],
              **({"extent": _extent([graph.positions[r] for r in shown])} if graph.big else {}),
              "highlight": {"nodes": [*on_path, *alternative], "edges": [*best_steps, *sorted(other_steps)]},
              "labelled": list(best_steps)}
    key = _graph_legend(graph, [path_section], tracks=(career.roles[r].track for r in shown),
                        clusters=bool(config.get("clusters")), moves=False)
    return draw(f"Path: {best.labels[0]} → {best.labels[-1]}", caption, nodes, edges, groups=groups,
                credit=credit(career), config=config, legend_html=key)


# ----------------------------------------------------------------------------- org chart


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


ORG_BOX = 200  # px: box width in the org chart
ORG_DX, ORG_DY = 260, 60
_TREE_LINE: Smooth = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.6}


@paused_gc
def _org_page(career: CareerGraph) -> View:
    primary: dict[str, str] = {}
    for role_id, managers in career.reports_to.items():
        primary[role_id] = min(managers, key=lambda m: (career.roles[m].level or 0, m))
    children: dict[str | None, list[str]] = defaultdict(list)
    roles = sorted(career.roles.values(), key=role_order)
    for role in roles:
        children[primary.get(role.id)].append(role.id)
    positions = _tree_positions(children, children[None])
    groups: dict[str, VisObject] = {}
    nodes = []
    boxes: dict[str, Shape] = {}
    for role, title in zip(roles, _role_titles(career, roles)):
        name = f"box / {role.track or 'no track'}"
        if name not in groups:
            # Boxes with the label inside: an org chart reads as a list of titles, and the tree's
            # rows can then sit close together.
            groups[name] = {**role_group(role.track, None), "shape": "box", "margin": 6,
                            "font": {"color": "#ffffff" if role.track else "#111111", "strokeWidth": 0},
                            "widthConstraint": {"minimum": ORG_BOX, "maximum": ORG_BOX}}
        x, y = positions[role.id]
        nodes.append({"id": role.id, "label": role.label, "x": x, "y": y, "group": name, "title": title})
        lines = 1 if len(role.label) * FONT["size"] * 0.56 <= ORG_BOX - 12 else 2
        boxes[role.id] = Box(x, y, ORG_BOX / 2, (lines * FONT["size"] * 1.15 + 12) / 2)
    pairs = [(v, u) for u, managers in sorted(career.reports_to.items()) for v in managers]
    main = [primary[u] == v for v, u in pairs]
    given = [[_TREE_LINE] if m else [] for m in main]
    curves = _routes(positions, boxes, {}, pairs, given)
    edges = []
    for (v, u), main_line, curve in zip(pairs, main, curves):
        edge: VisObject = {"id": reporting_id(u, v), "from": v, "to": u, "title": _report_title(career, u, v),
                           "color": "#666666" if main_line else "#9a9a9a", "width": 2 if main_line else 1,
                           "arrows": {"to": {"enabled": False}}}
        if not main_line:
            edge["dashes"] = REPORT_DASHES
        edges.append(_smooth(edge, curve))
    extra = [("Reporting line", [(line("#666666", 2), "manages")]
              + ([(line("#9a9a9a", 2, "dotted"), "also reports to")] if not all(main) else []))]
    key = legend([track_section(r.track for r in roles), *extra])
    caption = (f"{len(nodes)} roles, {len(edges)} reporting lines. Each manager to the left of the "
               "roles reporting to it; hover a role for details.")
    config = {"also": {r.id: list(r.synonyms) for r in roles if r.synonyms}}
    return draw("Org chart", caption, nodes, edges, groups=groups, credit=credit(career), config=config,
                legend_html=key)


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


# ----------------------------------------------------------------------------- skill delta


def delta_view(graph: GraphLike, source: RoleId, target: RoleId) -> View:
    """The skill delta from role id ``source`` to role id ``target``: both roles, and the skills between them
    coloured by change (gained, levelled up, unchanged, levelled down, not stated for the target).

    A line joins a role to each skill it requires (dashed where only editorial judgement states
    the requirement); the box says the levels. Where a role has no known skill requirement, the
    caption says so and no skill is drawn. CLI twin: ``pmgraph viz --delta FROM TO``.
    """
    from ..career.skills import skill_delta

    career = project(graph)
    return _delta_page(career, skill_delta(career, source, target))


def _delta_levels(change: str, before: str | None, after: str | None) -> str:
    if change == "gained":
        return f"new: {after}"
    if change == "no longer required":
        return f"was: {before}"
    if change == "unchanged":
        return f"stays: {after}"
    return f"{before} → {after}"


DELTA_BOX = 220  # px: a skill's box
DELTA_GAP = 10  # px between skill boxes
DELTA_ROLE_X = 300  # px from the middle column of skills to each role
DELTA_SIDE_X = 600  # px from the middle column to the outer ones
DELTA_SLOPE = 0.75  # at least this many px out per px of a column's half height
_SIDEWAYS: list[Smooth] = [{"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": r}
                           for r in (0.6, 0.75, 0.9)]


@paused_gc
def _delta_page(career: CareerGraph, delta: SkillDelta) -> View:
    from ..career.skills import SKILL_CHANGES

    # Five columns, so that every line runs from a role to the near side of a box and none
    # crosses another box: what only the source requires | the source | what both require |
    # the target | what only the target requires.
    changes = sorted(delta.skills, key=lambda c: SKILL_CHANGES.index(c.change) if c.change in SKILL_CHANGES else 99)
    side = {id(c): (-1 if not c.to_rank else 1 if not c.from_rank else 0) for c in changes}
    # Boxes stacked by their height (the label's lines), each column centred on the roles' row.
    heights = {id(c): _box_height(c.label) for c in changes}
    stacked: dict[int, float] = defaultdict(float)
    for change in changes:
        stacked[side[id(change)]] += heights[id(change)] + DELTA_GAP
    # A tall column moves the columns beside it further out, so that a line to its top or bottom
    # box arrives from the side at a slope that clears the boxes next to that one.
    role_x = max(DELTA_ROLE_X, round(DELTA_SLOPE * stacked[0] / 2))
    side_x = role_x + max(DELTA_SIDE_X - DELTA_ROLE_X, round(DELTA_SLOPE * max(stacked[-1], stacked[1]) / 2))
    column_of = {key: side[key] * side_x for key in side}
    totals: dict[int, float] = {side_x * k: height for k, height in stacked.items()}
    s_role, t_role = career.roles[delta.source], career.roles[delta.target]
    groups: dict[str, VisObject] = {}
    nodes: list[VisObject] = []
    for role, title, x in zip((s_role, t_role), _role_titles(career, (s_role, t_role)), (-role_x, role_x)):
        name = group_name(role.track, role.function)
        groups.setdefault(name, role_group(role.track, role.function))
        nodes.append({"id": role.id, "label": role.label, "x": x, "y": 0, "group": name, "title": title,
                      "size": NODE_SIZE + 8, "borderWidth": 4, "font": {"size": FONT["size"] + 3}})
    placed: dict[int, float] = defaultdict(float)
    shapes: dict[str, Shape] = {}
    edges: list[VisObject] = []
    grades_seen: set[str | None] = set()
    dashes = 2 * len(changes) <= DASH_LIMIT
    for change in changes:
        kind = change.change
        x = column_of[id(change)]
        y = round(placed[x] - (totals[x] - DELTA_GAP) / 2 + heights[id(change)] / 2)
        placed[x] += heights[id(change)] + DELTA_GAP
        colour = DELTA_COLOURS.get(kind, OTHER_COLOUR)
        levels = _delta_levels(kind, change.from_proficiency, change.to_proficiency)
        tooltip = f"{change.label}\n{kind}: " + _delta_levels(
            kind, estimated(change.from_proficiency, change.from_estimate),
            estimated(change.to_proficiency, change.to_estimate))
        holder = delta.target if change.to_rank else delta.source
        found = career.requirement_evidence.get(holder, {}).get(change.skill)
        if found is not None and found[0].grade is not None:
            tooltip += "\nEvidence: " + found[0].words
        if change.importance:
            tooltip += f"\n{change.importance} for {delta.target_label if change.to_rank else delta.source_label}"
        name = f"skill / {kind}"
        groups.setdefault(name, {
            "shape": "box", "color": {"background": colour, "border": "#333333",
                                      "highlight": {"background": colour, "border": "#000000"},
                                      "hover": {"background": colour, "border": "#000000"}},
            "font": {"size": 14, "color": "#111111", "strokeWidth": 0},
            "widthConstraint": {"minimum": DELTA_BOX, "maximum": DELTA_BOX}, "margin": 5})
        skill = f"skill:{change.skill}"
        nodes.append({"id": skill, "label": f"{change.label}\n{levels}", "x": x, "y": y, "group": name,
                      "title": tooltip, "kind": kind})
        for rank, holder, edge_id, ends in ((change.from_rank, delta.source, f"has:{delta.source}->{change.skill}",
                                             (delta.source, skill)),
                                            (change.to_rank, delta.target, f"needs:{change.skill}->{delta.target}",
                                             (skill, delta.target))):
            if not rank:
                continue
            grade = _requirement_grade(career, holder, change.skill)
            grades_seen.add(grade)
            edge = {"id": edge_id, "from": ends[0], "to": ends[1], "title": tooltip, "color": "#b8b8b8", "width": 1,
                    "arrows": {"to": {"enabled": False}}}
            shapes[skill] = Box(x, y, DELTA_BOX / 2, heights[id(change)] / 2)
            edge.update(grade_style(grade, "#b8b8b8", dashes=dashes))
            edges.append(edge)
    # Each line leaves its role and reaches its box level (horizontal at both ends), so that it
    # meets the box from the side, never through the boxes above or below it.
    positions = {n["id"]: (n["x"], n["y"]) for n in nodes}
    for role in (s_role, t_role):
        shapes[role.id] = Circle(positions[role.id][0], 0, NODE_SIZE + 9)
    pairs = [(e["from"], e["to"]) for e in edges]
    for edge, curve in zip(edges, _routes(positions, shapes, {}, pairs, [_SIDEWAYS] * len(pairs))):
        _smooth(edge, curve)
    counts: dict[str, int] = defaultdict(int)
    for change in changes:
        counts[change.change] += 1
    summary = ", ".join(f"{counts[c]} {c}" for c in SKILL_CHANGES if counts[c])
    # A role with no known requirement: say so, not "no skills recorded" (unknown is not a change).
    unknown = "; ".join(f"no skill requirements known for {label}" + (f" ({note.rstrip('.')})" if note else "")
                        for label, note in delta.unknown_notes)
    caption = f"{delta.source_label} → {delta.target_label}: {unknown or summary or 'no skills recorded'}."
    key = legend([track_section((s_role.track, t_role.track)), function_section((s_role.function, t_role.function)),
                  ("Skill change", [(swatch(DELTA_COLOURS[c]), c) for c in SKILL_CHANGES if counts[c]]),
                  evidence_section(grades_seen, dashes=dashes, what="requirement")])
    config = {"also": {r.id: list(r.synonyms) for r in (s_role, t_role) if r.synonyms},
              "highlight": {"nodes": [delta.source, delta.target], "edges": []}}
    return draw(f"Skills: {delta.source_label} → {delta.target_label}", caption, nodes, edges, groups=groups,
                credit=credit(career), config=config, legend_html=key)


def _box_height(label: str, font: float = 14) -> float:
    """About how tall vis-network draws a skill's box: the name wrapped to the box, one line of
    levels, the margins."""
    lines, width = 1, 0.0
    for word in label.split():
        w = len(word) * font * 0.58
        if width and width + font * 0.3 + w > DELTA_BOX - 12:
            lines, width = lines + 1, w
        else:
            width += (font * 0.3 if width else 0) + w
    return (lines + 1) * font * 1.2 + 12


def _requirement_grade(career: CareerGraph, role: str, skill: str) -> str | None:
    """The grade of evidence that ``role`` requires ``skill``; a requirement no statement cites
    is drawn as stated, as the graph gives it (no claim of judgement)."""
    found = career.requirement_evidence.get(role, {}).get(skill)
    return "stated" if found is None or found[0].grade is None else found[0].grade
