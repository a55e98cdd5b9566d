"""The page: pmgraph's look (colours, shapes, line styles), the legend, and the pyvis ``Network``
each view is, with the page pyvis writes from it.

Every view is a :class:`pyvis.network.Network` (nodes and edges as pyvis keeps them, options
through pyvis's own options object, node styles as vis-network ``groups``), and its page comes
from ``Network.generate_html``: pyvis's jinja environment finds pmgraph's template
(``pmgraph/templates/pmgraph.html``) before its own, and the template includes vis-network's
script and stylesheet from pyvis's package, so the page is self-contained (nothing is fetched).
What the template needs beyond pyvis's own variables (the caption, legend, credit, level rows,
what to fit and highlight, clusters, search synonyms) is a global of that environment,
``pmgraph``. A notebook can take :attr:`View.network`, change it as any pyvis network
(``toggle_physics``, ``options.interaction``, ``show_buttons``) and write or show it.

pyvis itself is imported when a view is drawn (it pulls in IPython), never on import. The nodes
and edges go into the Network in bulk, as lists of dicts (pyvis' ``add_node`` checks every
earlier node on each call); the compiled template is shared by every page of the process.
"""

from __future__ import annotations

import functools
import gc
import html
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeAlias

from ..files import write_atomically
from ..resources import templates_dir
from .layout import BIG, DX, DY

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

__all__ = [
    "View", "write_html", "network", "page_html", "page_json", "paused_gc", "legend", "TRACK_COLOURS",
    "FUNCTION_SHAPES", "MOVE_COLOURS", "DELTA_COLOURS", "PATH_COLOUR", "ALTERNATIVE_COLOUR", "DIM_NODE", "DIM_EDGE",
    "NODE_SIZE", "EDITORIAL_DASHES", "DERIVED_DASHES", "DERIVED_OPACITY", "EDITORIAL_OPACITY",
    "grade_style", "DASH_LIMIT", "BIG", "DX", "DY",
]

#: A vis-network object: a node, an edge, an option group. JSON whose values differ by key.
VisObject: TypeAlias = dict[str, Any]
#: A legend section: its heading and (swatch HTML, text) entries.
LegendSection: TypeAlias = tuple[str, list[tuple[str, str]]]
_P = ParamSpec("_P")

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
#: Move kind (transition kind label) -> line colour; a reporting line is dotted grey.
MOVE_COLOURS: dict[str, str] = {
    "promotion": "#555555",
    "IC to management": "#f28e2b",
    "into the executive team": "#e15759",
    "lateral move": "#59a14f",
}
OTHER_MOVE = "#555555"
REPORTS_TO = "reports to"
REPORT_COLOUR = "#a6a6a6"
REPORT_DASHES = [2, 4]
#: Lines by grade of evidence: stated by a framework or a source document, solid; derived by a
#: documented rule, long dashes; only pmgraph's editorial judgement, short dashes and lighter. On
#: pages with too many lines to dash, derived lines are a little lighter, editorial ones more.
DERIVED_DASHES = [12, 4]
EDITORIAL_DASHES = [3, 5]
DERIVED_OPACITY = 0.7
EDITORIAL_OPACITY = 0.45
#: The highlighted path, and alternatives (k > 1) in a lighter shade.
PATH_COLOUR = "#c2185b"
ALTERNATIVE_COLOUR = "#eb94b6"
DIM_NODE = {"background": "#eeeeee", "border": "#c8c8c8"}
DIM_FONT = "#9a9a9a"
DIM_EDGE = "#dedede"
FOUND_COLOUR = "#ffb000"
#: Skill change (pmgraph.career.skills.SKILL_CHANGES) -> colour.
DELTA_COLOURS: dict[str, str] = {
    "gained": "#59a14f",
    "levelled up": "#4e79a7",
    "unchanged": "#bab0ac",
    "levelled down": "#f28e2b",
    "not stated": "#d4a6c8",  # the target's sources do not mention it: not a drop
    "no longer required": "#e15759",
}

NODE_SIZE = 16
FONT: VisObject = {"size": 16, "face": "system-ui, DejaVu Sans, sans-serif", "color": "#222222",
                   "strokeWidth": 4, "strokeColor": "#ffffff"}
LABEL_WIDTH = 135
EDGE_FONT: VisObject = {"size": 13, "align": "horizontal", "strokeWidth": 4, "strokeColor": "#ffffff",
                        "face": FONT["face"], "background": "rgba(255,255,255,0.85)"}
#: Above this many edges lines are drawn solid: vis-network draws dashes itself, segment by
#: segment, and a 4,000-role page took 12 s instead of 1.3 s to first draw with them.
DASH_LIMIT = 1000

# ----------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class View:
    """One view: the pyvis ``network`` it is drawn from, with what it shows.

    :attr:`html` is the page, written from :attr:`network` each time it is read, so a change made
    to the network shows. In Jupyter a ``View`` displays itself inline (an ``<iframe srcdoc>``,
    so the page's script runs isolated from the notebook's).
    """

    network: Any  # pyvis.network.Network (pyvis has no types)
    title: str
    caption: str
    height: int = field(default=720, repr=False)

    @property
    def nodes(self) -> int:
        return len(self.network.nodes)

    @property
    def edges(self) -> int:
        return len(self.network.edges)

    @property
    def html(self) -> str:
        """The page, from ``network.generate_html`` through pmgraph's template."""
        return page_html(self.network)

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
    write_atomically(path, text)
    return path


def page_json(value: object) -> str:
    """``value`` as JSON safe inside a ``<script>`` element: sorted keys, compact, and ``<``, ``>``,
    ``&`` escaped (they read back the same)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


#: How :func:`pack` marks a value the page derives from others: an edge id ``prefix + from + "->" + to``,
#: a title ``label(from) + between + label(to) + rest``.
_DERIVED_ID, _DERIVED_TITLE = "$pmgraph:id", "$pmgraph:title"


def pack(nodes: Sequence[VisObject], edges: Sequence[VisObject]) -> str:
    r"""pyvis' ``nodes`` and ``edges`` for the page, compact (pmgraph's template calls this and its
    script unpacks them back into the same objects; see ``pmgraph/templates/pmgraph.html``).

    ``nodes`` and ``edges`` are columns, one per key, each written one of three ways: ``raw``, the
    values themselves (a key every object has, with a string or a number); ``node``, the rows of the
    nodes whose ids they are (an edge's ``from`` and ``to``); ``ref``, indexes into ``values``, where
    every distinct value is written once (-1 where an object lacks the key). An edge id of the form
    ``prefix + from + "->" + to`` is written as its prefix, and a title that begins with the labels
    of its two nodes (``"A → B\n..."``) as what comes between and after them: on a 5,000-role page
    ids and repeated labels were half the page.

    Examples
    --------
    >>> packed = json.loads(pack([{"id": "a", "label": "A"}, {"id": "b", "label": "B", "size": 9}],
    ...                          [{"id": "move:a->b", "from": "a", "to": "b", "title": "A → B\nsoon"}]))
    >>> packed["nodes"]
    {'columns': {'id': {'raw': ['a', 'b']}, 'label': {'raw': ['A', 'B']}, 'size': {'ref': [-1, 0]}}, 'count': 2}
    >>> packed["edges"]["columns"]["from"], packed["edges"]["columns"]["id"], packed["edges"]["columns"]["title"]
    ({'node': [0]}, {'ref': [1]}, {'ref': [2]})
    >>> packed["values"]
    [9, {'$pmgraph:id': 'move:'}, {'$pmgraph:title': [' → ', '\nsoon']}]
    """
    values: list[object] = []
    plain: dict[tuple[type, object], int] = {}  # strings, numbers, booleans, None
    shaped: dict[str, int] = {}  # objects and lists, by their JSON
    seen: dict[int, tuple[int, object]] = {}  # objects and lists, by identity (views share their style objects);
    # each kept with its index, so that its id cannot be reused by another object while packing

    def ref(value: object, derived: bool = False) -> int:
        if value.__class__ in (str, int, float, bool) or value is None:
            key = (value.__class__, value)
            found = plain.get(key)
            if found is None:
                found = plain[key] = len(values)
                values.append(value)
            return found
        known = seen.get(id(value))
        if known is not None:
            return known[0]
        text = json.dumps(value, sort_keys=True, separators=(",", ":"))
        found = shaped.get(text)
        if found is None:
            if not derived and isinstance(value, dict) and any(str(k).startswith("$pmgraph:") for k in value):
                raise ValueError(f"{text}: a value may not use the key prefix '$pmgraph:'")
            found = shaped[text] = len(values)
            values.append(value)
        seen[id(value)] = (found, value)
        return found

    marks: dict[tuple[str, ...], int] = {}  # derived values, by what they hold

    def mark(kind: str, *parts: str) -> int:
        found = marks.get((kind, *parts))
        if found is None:
            found = marks[(kind, *parts)] = ref({kind: parts[0] if len(parts) == 1 else list(parts)}, True)
        return found

    row_of = {n["id"]: row for row, n in enumerate(nodes) if isinstance(n.get("id"), (str, int))}
    label_of = {n.get("id"): n.get("label") for n in nodes if isinstance(n.get("label"), str)}

    def edge_id(item: VisObject) -> int:
        value, a, b = item["id"], item.get("from"), item.get("to")
        if isinstance(value, str) and isinstance(a, str) and isinstance(b, str) and value.endswith(f"{a}->{b}"):
            return mark(_DERIVED_ID, value[:len(value) - len(a) - len(b) - 2])
        return ref(value)

    def edge_title(item: VisObject) -> int:
        value, a, b = item["title"], label_of.get(item.get("from")), label_of.get(item.get("to"))
        if isinstance(value, str) and a is not None and b is not None and value.startswith(a):
            for between in (" → ", " reports to "):
                if value.startswith(a + between + b):
                    return mark(_DERIVED_TITLE, between, value[len(a) + len(between) + len(b):])
        return ref(value)

    def columns(items: Sequence[VisObject], edge: bool) -> dict[str, object]:
        keys = sorted({k for item in items for k in item})
        out: dict[str, dict[str, list[Any]]] = {}
        for key in keys:
            column = [item.get(key, _ABSENT) for item in items]
            if edge and key in ("from", "to") and all(v.__class__ in (str, int) and v in row_of for v in column):
                out[key] = {"node": [row_of[v] for v in column]}
            elif edge and key == "id":
                out[key] = {"ref": [edge_id(item) if key in item else -1 for item in items]}
            elif edge and key == "title":
                out[key] = {"ref": [edge_title(item) if key in item else -1 for item in items]}
            elif not edge and set(map(type, column)) <= {str, int, float} and key not in ("from", "to"):
                out[key] = {"raw": column}
            else:
                out[key] = {"ref": [-1 if v is _ABSENT else ref(v) for v in column]}
        return {"count": len(items), "columns": out}

    packed = {"nodes": columns(nodes, False), "edges": columns(edges, True)}
    return page_json({**packed, "values": values})


_ABSENT = object()


def network(title: str, template: str = "pmgraph.html") -> Any:
    """A pyvis Network whose page comes from pmgraph's ``template``: pyvis's jinja environment
    looks in pmgraph's templates first, then in pyvis's own (where vis-network is), and encodes
    the nodes and edges compact with sorted keys (the same network, the same bytes)."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(templates_dir())), FileSystemLoader(net.template_dir)]),
                      autoescape=False, bytecode_cache=_compiled())
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    env.globals["pmgraph_pack"] = pack
    net.templateEnv = env
    net.path = template
    net.template = env.get_template(template)  # what pyvis renders in a notebook (show(), notebook=True)
    return net


def page_html(net: Any) -> str:
    """The page of pyvis Network ``net`` (``generate_html``)."""
    return str(net.generate_html(name=str(net.path), notebook=False))


@functools.cache
def _compiled() -> BytecodeCache:
    """Compiled templates shared by every page's environment: compiling the template with the
    vis-network script it includes takes about 0.1 s, loading it compiled about 5 ms."""
    from jinja2 import BytecodeCache
    from jinja2.bccache import Bucket

    class InMemory(BytecodeCache):
        def __init__(self) -> None:
            self.compiled: dict[str, bytes] = {}

        def load_bytecode(self, bucket: Bucket) -> None:
            code = self.compiled.get(bucket.key)
            if code is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket: Bucket) -> None:
            self.compiled[bucket.key] = bucket.bytecode_to_string()

    return InMemory()


def draw(title: str, caption: str, nodes: list[VisObject], edges: list[VisObject], *, groups: Mapping[str, VisObject],
         legend_html: str, credit: str, config: Mapping[str, object], emphasis: bool = False) -> View:
    """The :class:`View` of ``nodes`` and ``edges`` (vis-network objects, in their final order), with
    pmgraph's options and the page data ``config`` (see ``pmgraph/templates/pmgraph.html``)."""
    net = network(title)
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]  # what pyvis' own methods (add_edge, neighbors) look nodes up in
    net.node_map = {n["id"]: n for n in nodes}
    _configure(net, big=len(nodes) > BIG, groups=groups)
    esc = html.escape
    net.templateEnv.globals["pmgraph"] = {
        "caption": f'<p id="caption">{esc(caption)}</p>' if caption else "",
        "legend": legend_html,
        "credit": f'<footer id="credit">{esc(credit)}</footer>' if credit else "",
        "config": page_json({"found": FOUND_COLOUR, "levels": [], "fit": [], "highlight": {"nodes": [], "edges": []},
                             "clusters": [], "also": {}, "labelled": [], **config}),
    }
    return View(net, title, caption)


def _configure(net: Any, *, big: bool, groups: Mapping[str, VisObject]) -> None:
    """pmgraph's options, set through pyvis's options object (so that ``toggle_physics``,
    ``show_buttons`` and the rest still work on it)."""
    options = net.options
    net.toggle_physics(False)  # positions are computed in Python: the page opens at once
    interaction = options.interaction
    interaction.hover = True
    interaction.tooltipDelay = 120
    interaction.multiselect = True
    interaction.hideEdgesOnDrag = big
    interaction.hideEdgesOnZoom = big
    edges = options.edges
    edges.smooth.enabled = False
    edges.smooth.type = "continuous"
    edges.color.inherit = False
    edges.color.color = OTHER_MOVE
    edges.color.highlight = PATH_COLOUR
    edges.color.hover = "#222222"
    edges.width = 2
    edges.selectionWidth = 1.5
    # Arrowheads took most of a large page's drawing time; there, up is the way a move goes.
    edges.arrows = {"to": {"enabled": not big, "scaleFactor": 0.6}}
    if not big:  # every edge parses its font options, labelled or not: on a large page, only the labelled ones have any
        edges.font = EDGE_FONT
    options.nodes = {"size": NODE_SIZE, "borderWidth": 2, "font": FONT, "widthConstraint": {"maximum": LABEL_WIDTH},
                     "scaling": {"label": {"drawThreshold": 5}}}
    options.groups = dict(sorted(groups.items()))
    options.layout = {"improvedLayout": False, "randomSeed": 1, "hierarchical": {"enabled": False}}


def paused_gc(build: Callable[_P, View]) -> Callable[_P, View]:
    """Run ``build`` with the cyclic garbage collector paused.

    A large page is tens of thousands of small dicts, none of them part of a cycle; the collector
    would otherwise run every few hundred of them and, with a large loaded graph in memory, take
    longer than building the page. ``build`` returns only the finished view.
    """

    @functools.wraps(build)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> View:
        if not gc.isenabled():
            return build(*args, **kwargs)
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            gc.enable()

    return paused


# ----------------------------------------------------------------------------- styles


def role_group(track: str | None, function: str | None, *, dim: bool = False, solid_border: bool = False) -> VisObject:
    """The vis-network group of a role of ``track`` and ``function``: fill by track, shape by function."""
    fill = TRACK_COLOURS.get(track or "", OTHER_COLOUR)
    shape = FUNCTION_SHAPES.get(function or "", OTHER_SHAPE)[0]
    if dim:
        return {"shape": shape, "color": {"background": DIM_NODE["background"], "border": DIM_NODE["border"],
                                          "highlight": {"background": fill, "border": "#000000"},
                                          "hover": {"background": fill, "border": "#000000"}},
                "font": {"color": DIM_FONT}}
    return {"shape": shape, "color": {"background": fill, "border": fill if solid_border else "#333333",
                                      "highlight": {"background": fill, "border": "#000000"},
                                      "hover": {"background": fill, "border": "#000000"}}}


def group_name(track: str | None, function: str | None, *, dim: bool = False) -> str:
    return f"{'dim ' if dim else ''}{track or 'no track'} / {function or 'no function'}"


# ----------------------------------------------------------------------------- legend


def legend(sections: Sequence[LegendSection]) -> str:
    """The legend's HTML (texts escaped here): each section's heading and (swatch HTML, text) entries."""
    esc = html.escape
    parts = []
    for heading, entries in sections:
        if entries:
            items = "".join(f"<li>{mark}<span>{esc(text)}</span></li>" for mark, text in entries)
            parts.append(f"<h2>{esc(heading)}</h2><ul>{items}</ul>")
    return "".join(parts)


def track_section(tracks: Iterable[str | None]) -> LegendSection:
    return ("Track (colour)", [(swatch(TRACK_COLOURS.get(t, OTHER_COLOUR)), t) for t in ordered(tracks, TRACK_COLOURS)])


def function_section(functions: Iterable[str | None]) -> LegendSection:
    return ("Function (shape)", [(f'<span class="symbol">{FUNCTION_SHAPES.get(f, OTHER_SHAPE)[1]}</span>', f)
                                 for f in ordered(functions, FUNCTION_SHAPES)])


def move_section(kinds: Iterable[str]) -> LegendSection:
    present = set(kinds)
    entries = [(line(MOVE_COLOURS.get(k, OTHER_MOVE)), k) for k in ordered(present - {REPORTS_TO}, MOVE_COLOURS)]
    if REPORTS_TO in present:
        entries.append((line(REPORT_COLOUR, 2, "dotted"), REPORTS_TO))
    return ("Line (colour)", entries)


def grade_style(grade: str | None, colour: str, *, dashes: bool) -> VisObject:
    """What a line of ``colour`` adds to show its grade of evidence (see :data:`DERIVED_DASHES`):
    nothing when stated; ``dashes`` (and, editorial, a lighter colour) on a page that dashes
    lines; a lighter colour alone on one too large for dashes. A line no source cites is editorial."""
    if grade == "stated":
        return {}
    if grade == "derived":
        return {"dashes": DERIVED_DASHES} if dashes else {"color": {"color": colour, "opacity": DERIVED_OPACITY}}
    faded: VisObject = {"color": {"color": colour, "opacity": EDITORIAL_OPACITY}}
    return {"dashes": EDITORIAL_DASHES, **faded} if dashes else faded


def evidence_section(grades: Iterable[str | None], *, dashes: bool, what: str = "move") -> LegendSection:
    """How a line shows its grade of evidence: solid (stated by a framework or a source document),
    long dashes (derived by a documented rule), short dashes and lighter (editorial judgement only);
    on a page too large for dashes, lighter and lightest."""
    present = {g if g in ("stated", "derived") else "editorial" for g in grades}
    entries = []
    if "stated" in present:
        entries.append((line("#555555", 2), f"{what} stated by a framework or source document (solid)"))
    if "derived" in present:
        entries.append((line("#555555", 2, "dashed") if dashes else line("#555555", 2, opacity=DERIVED_OPACITY),
                        f"{what} derived by a documented rule ({'long dashes' if dashes else 'lighter'})"))
    if "editorial" in present:
        entries.append((line("#555555", 2, "dotted", opacity=EDITORIAL_OPACITY) if dashes
                        else line("#555555", 2, opacity=EDITORIAL_OPACITY),
                        f"{what} by editorial judgement only ({'short dashes, lighter' if dashes else 'lightest'})"))
    return ("Evidence", entries)


def line(colour: str, width: int = 3, style: str = "solid", opacity: float = 1.0) -> str:
    fade = f";opacity:{opacity:g}" if opacity < 1 else ""
    return (f'<span class="line" style="border-top-style:{style};border-top-color:{colour};'
            f'border-top-width:{width}px{fade}"></span>')


def swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{colour}"></span>'


def ordered(values: Iterable[str | None], known: Mapping[str, object]) -> list[str]:
    present = {v for v in values if v}
    return [k for k in known if k in present] + sorted(present - set(known))
