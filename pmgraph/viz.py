"""Interactive HTML views of the career graph, built with pyvis.

CLI twin: ``pmgraph viz``. Each view function returns a :class:`View`: the page as a string,
ready to write (:meth:`View.write`, atomic) or to display inline in Jupyter (a ``View`` is its
own rich display).

The pages are

self-contained
    vis-network's script and stylesheet are inlined from the pyvis package; nothing is fetched
    from a CDN, so a page works offline and from an e-mail attachment.
deterministic
    nodes and edges are sorted, positions are computed here (levels top to bottom, one column
    band per function), physics is off: the same graph gives the same bytes, and a page of
    thousands of roles opens at once instead of waiting for a force simulation to settle.

Roles are coloured by track and shaped by function; promotions are solid, lateral moves dashed,
reporting lines dotted grey. Tooltips are plain text (vis-network 9 does not render HTML in
them).

Examples
--------
>>> from pmgraph import load
>>> from pmgraph.resources import ontology_dir
>>> from pmgraph.viz import career_view, path_view
>>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
>>> view = career_view(graph)
>>> view.nodes, view.edges
(8, 17)
>>> "cdn." in view.html
False
>>> path_view(graph, "Fixture PM", "FCPO", by="years").caption
'Fixture PM → Fixture Chief Product Officer: 4 steps, typically 8–13 years (by years).'
"""

from __future__ import annotations

import html
import json
import os
import tempfile
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from .projection import CareerGraph, RoleRecord, project, resolve_role
from .resources import templates_dir
from .vocab import PREFIXES

__all__ = [
    "View",
    "career_view",
    "focus_view",
    "path_view",
    "delta_view",
    "org_view",
    "write_html",
    "TRACK_COLOURS",
    "FUNCTION_SHAPES",
    "EDGE_STYLES",
    "DELTA_COLOURS",
    "PATH_COLOUR",
]

# ----------------------------------------------------------------------------- look

#: Track label -> fill colour (Tableau 10: tells apart for most colour-blind readers).
TRACK_COLOURS: dict[str, str] = {
    "individual contributor": "#4e79a7",
    "people management": "#f28e2b",
    "executive": "#e15759",
}
OTHER_COLOUR = "#9c9c9c"
#: Function label -> (vis shape, the symbol the legend shows for it).
FUNCTION_SHAPES: dict[str, tuple[str, str]] = {
    "product": ("dot", "●"),
    "design": ("triangle", "▲"),
    "engineering": ("square", "■"),
    "marketing": ("diamond", "◆"),
    "operations": ("hexagon", "⬢"),
    "general management": ("star", "★"),
}
OTHER_SHAPE = ("triangleDown", "▼")
#: Edge kind (transition kind label, or "reports to") -> vis edge attributes.
EDGE_STYLES: dict[str, dict] = {
    "promotion": {"color": "#555555", "width": 2, "dashes": False},
    "IC to management": {"color": "#f28e2b", "width": 2, "dashes": False},
    "into the executive team": {"color": "#e15759", "width": 2, "dashes": False},
    "lateral move": {"color": "#59a14f", "width": 2, "dashes": [8, 5],
                     "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.25}},
    "reports to": {"color": "#b4b4b4", "width": 1, "dashes": [2, 4],
                   "smooth": {"enabled": True, "type": "curvedCCW", "roundness": 0.12}},
}
OTHER_EDGE = {"color": "#555555", "width": 2, "dashes": False}
REPORTS_TO = "reports to"
#: The highlighted path, and alternatives (k > 1) in a lighter shade.
PATH_COLOUR = "#c2185b"
ALTERNATIVE_COLOUR = "#eb94b6"
DIM_NODE = {"background": "#eeeeee", "border": "#d0d0d0"}
DIM_FONT = "#a8a8a8"
DIM_EDGE = "#e3e3e3"
#: Skill change (pmgraph.skills.SKILL_CHANGES) -> colour.
DELTA_COLOURS: dict[str, str] = {
    "gained": "#59a14f",
    "levelled up": "#4e79a7",
    "unchanged": "#bab0ac",
    "levelled down": "#f28e2b",
    "no longer required": "#e15759",
}

DX, DY = 190, 130  # slot width and level height, px: room for a two-line label under a node
NODE_SIZE = 16
FONT = {"size": 15, "face": "system-ui, DejaVu Sans, sans-serif", "color": "#222222",
        "strokeWidth": 3, "strokeColor": "#ffffff"}
LABEL_WIDTH = 160


# ----------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class View:
    """One rendered page: ``html`` plus what it shows.

    In Jupyter a ``View`` displays itself inline (an ``<iframe srcdoc>``, so the page's script
    runs isolated from the notebook's).
    """

    html: str
    title: str
    caption: str
    nodes: int
    edges: int
    height: int = field(default=720, repr=False)

    def write(self, path: str | PathLike[str]) -> Path:
        """Write the page to ``path`` atomically (see :func:`write_html`); returns the path."""
        return write_html(self.html, path)

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.title)}" '
                f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd;" '
                f'sandbox="allow-scripts"></iframe>')

    def __str__(self) -> str:
        return self.html


def write_html(page: str | View, path: str | PathLike[str]) -> Path:
    """Write ``page`` to ``path`` as UTF-8, atomically: a reader sees the old file or the new one.

    The page goes to a temporary file in the same directory, which then replaces ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "page.html"
    >>> write_html("<p>hi</p>", out).read_text(encoding="utf-8")
    '<p>hi</p>'
    """
    text = page.html if isinstance(page, View) else page
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it 0600; a page is for sharing
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _render(title: str, caption: str, nodes: list[dict], edges: list[dict], legend: str,
            *, fit: bool = True) -> View:
    import pyvis
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    # Ours first, then pyvis' own templates directory, whose lib/ holds vis-network to inline.
    search = [str(templates_dir()), str(Path(pyvis.__file__).parent / "templates")]
    net.set_template_dir(search, "pmgraph.html")  # jinja2's FileSystemLoader takes a list
    net.templateEnv.globals.update(page_title=title, caption=caption, legend=legend)
    net.nodes, net.edges = nodes, edges  # add_node is O(n) per call; the lists are ready
    net.options = _options(len(nodes), fit=fit)
    page = net.generate_html()
    return View(html=page, title=title, caption=caption, nodes=len(nodes), edges=len(edges))


def _options(count: int, *, fit: bool) -> dict:
    big = count > 500
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1, "hierarchical": {"enabled": False}},
        "interaction": {"hover": not big, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": True},
        "nodes": {"size": NODE_SIZE, "borderWidth": 2, "font": FONT,
                  "widthConstraint": {"maximum": LABEL_WIDTH},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": {"enabled": False},
                  "font": {"size": 12, "align": "top", "strokeWidth": 3, "strokeColor": "#ffffff"}},
    }


# ----------------------------------------------------------------------------- legend


def _legend(tracks: Iterable[str], functions: Iterable[str], edge_kinds: Iterable[str],
            extra: Sequence[tuple[str, list[tuple[str, str]]]] = ()) -> str:
    esc = html.escape
    parts = []
    tracks = [t for t in _ordered(tracks, TRACK_COLOURS)]
    if tracks:
        items = "".join(f'<li><span class="swatch" style="background:{TRACK_COLOURS.get(t, OTHER_COLOUR)}"></span>'
                        f"{esc(t)}</li>" for t in tracks)
        parts.append(f"<h2>Track (colour)</h2><ul>{items}</ul>")
    functions = [f for f in _ordered(functions, FUNCTION_SHAPES)]
    if functions:
        items = "".join(f'<li><span class="symbol">{FUNCTION_SHAPES.get(f, OTHER_SHAPE)[1]}</span>{esc(f)}</li>'
                        for f in functions)
        parts.append(f"<h2>Function (shape)</h2><ul>{items}</ul>")
    kinds = [k for k in _ordered(edge_kinds, EDGE_STYLES)]
    if kinds:
        items = "".join(f'<li><span class="line" style="{_line_css(EDGE_STYLES.get(k, OTHER_EDGE))}"></span>'
                        f"{esc(k)}</li>" for k in kinds)
        parts.append(f"<h2>Move</h2><ul>{items}</ul>")
    for heading, entries in extra:
        items = "".join(f"<li>{swatch}{esc(text)}</li>" for swatch, text in entries)
        parts.append(f"<h2>{esc(heading)}</h2><ul>{items}</ul>")
    return "".join(parts)


def _line_css(style: Mapping) -> str:
    dashes = style.get("dashes")
    kind = "solid" if not dashes else ("dotted" if dashes[0] <= 2 else "dashed")
    return f"border-top-style:{kind};border-top-color:{style['color']}"


def _line(colour: str, width: int = 3) -> str:
    return f'<span class="line" style="border-top-style:solid;border-top-color:{colour};border-top-width:{width}px"></span>'


def _swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{colour}"></span>'


def _ordered(values: Iterable[str | None], known: Mapping[str, object]) -> list[str]:
    present = {v for v in values if v}
    return [k for k in known if k in present] + sorted(present - set(known))


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
    function's ladder reads as a column.
    """
    roles = sorted(roles, key=_role_order)
    cells: dict[tuple[str, int], list[RoleRecord]] = defaultdict(list)
    for role in roles:
        cells[(role.function or "", role.level or 0)].append(role)
    width: dict[str, int] = defaultdict(int)
    for (function, _level), members in cells.items():
        width[function] = max(width[function], len(members))
    bands = sorted(width, key=lambda f: _rank(f or None, FUNCTION_SHAPES))
    start, cursor = {}, 0.0
    for function in bands:
        start[function] = cursor
        cursor += width[function] + 0.4  # a little air between bands
    centre = (cursor - 0.4 - 1) / 2
    top = max((r.level or 0) for r in roles) if roles else 0
    positions = {}
    for (function, level), members in cells.items():
        offset = start[function] + (width[function] - len(members)) / 2
        for i, role in enumerate(members):
            positions[role.id] = (round((offset + i - centre) * DX), (top - level) * DY)
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
    return nodes, edges


def _standard_legend(career: CareerGraph, nodes: list[dict], edges: list[dict], extra=()) -> str:
    roles = [career.roles[n["id"]] for n in nodes if n["id"] in career.roles]
    return _legend((r.track for r in roles), (r.function for r in roles), (e["kind"] for e in edges), extra)


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
    return _render("Career graph", caption, nodes, edges, _standard_legend(career, nodes, edges))


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
    return _render(f"Around {label}", caption, nodes, edges, _standard_legend(career, nodes, edges))


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
    from .paths import shortest_paths

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
    extra = [("Path", [(_line(PATH_COLOUR, 5), "best path")]
              + ([(_line(ALTERNATIVE_COLOUR, 4), "alternative")] if len(found) > 1 else []))]
    legend = _legend((career.roles[r].track for r in on_path | alternative),
                     (career.roles[r].function for r in on_path | alternative), (), extra)
    return _render(f"Path: {best.labels[0]} → {best.labels[-1]}", caption, nodes, edges, legend)


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
    extra = [("Reporting line", [(_line("#666666", 2), "manages"),
                                 ('<span class="line" style="border-top-style:dotted;border-top-color:#9a9a9a"></span>',
                                  "also reports to")])]
    legend = _legend((r.track for r in career.roles.values()), (), (), extra)
    caption = (f"{len(nodes)} roles, {len(edges)} reporting lines. Each manager to the left of the roles "
               "reporting to it; hover a role for details.")
    return _render("Org chart", caption, nodes, edges, legend)


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
    from .skills import SKILL_CHANGES, skill_delta

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
    extra = [("Skill change", [(_swatch(DELTA_COLOURS[c]), c) for c in SKILL_CHANGES if counts[c]])]
    legend = _legend((s_role.track, t_role.track), (s_role.function, t_role.function), (), extra)
    return _render(f"Skills: {delta.source_label} → {delta.target_label}", caption, nodes, edges, legend)
