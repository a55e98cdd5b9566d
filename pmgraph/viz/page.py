"""The page: pmgraph's look (colours, shapes, line styles), the legend, the compact network data,
filling in pmgraph's self-contained template, and writing a page atomically.

pyvis is the source of vis-network: its package ships vis-network 9.1.2's script and stylesheet,
which every page inlines (read once per process, without importing pyvis). The page itself is
filled in here by plain substitution into ``pmgraph/templates/pmgraph.html`` rather than by
pyvis' ``Network.generate_html``: on a 5,000-role ladder generate_html's jinja rendering and
JSON encoding of ready vis-network objects took longer than everything else together, and the
objects repeated every style and every role id; see benchmarks/RESULTS.md.

The network goes into the page compact, as ``PMGRAPH_DATA``; a few lines of the page's script
expand it into vis-network's node and edge objects on load. Columns of whole numbers are packed:
base64 of little-endian 32-bit integers (JSON-encoding 100,000 numbers took longer than packing
them); "row ``i``" below is the ``i``-th entry of every column.

``nodes``
    ``id`` and ``label`` (text columns), ``x``, ``y``, ``style`` (an index into ``nodeStyles``:
    shape, colours, font, what many nodes share) and ``card`` (packed); ``title``, by row, the
    tooltip of a node without a card (``card`` -1); ``extra``, by row, fields that override the
    style for that node alone.
``edges``
    packed ``from`` and ``to`` (node rows), ``style`` (an index into ``edgeStyles``), ``kind``
    and ``title``. The edge's id is ``edgeIds[kind] + from id + "->" + to id`` (``"move:a->b"``),
    or, where ``kind`` is -1, ``ids`` by row. The tooltip is
    ``label(from) + edgeTitles[title][0] + label(to) + edgeTitles[title][1]``, or, where
    ``title`` is -1, ``text`` by row. ``extra`` as for nodes.
a tooltip, in ``nodes.title`` and ``edges.text``
    a string, or a list of parts, strings and numbers, a number standing for the label of the
    node in that row.
``cards``
    role tooltips as columns, card ``k`` in row ``k`` of each: ``fact`` indexes ``facts`` (the
    "level · track · function" line); ``also`` (synonyms), ``definition`` and ``managers`` are
    text or ``null``; ``count`` is the number of the role's skill requirements, which follow
    those of the cards before it in the column ``skill``, indexing ``skills``: texts
    "Skill (proficiency)" in key-skill order (essential first, then by rank, highest first, then
    by name). The page writes the card as the node's label, the facts, "Also: ...", the
    definition, "Key skills: " and the texts of the role's six first skills in that order, and
    "Reports to: ...", a line each (a blank line before the definition and before the skills).
    ``fact``, ``count`` and ``skill`` are packed.

A node or an edge is a deep copy of its style with ``id``, ``label``, ``x``, ``y`` (``from``,
``to``), ``title`` and then ``extra`` set on it.
"""

from __future__ import annotations

import array
import base64
import functools
import gc
import html
import importlib.util
import json
import re
import sys
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeAlias, TypedDict, cast

from ..files import write_atomically
from ..resources import templates_dir

__all__ = [
    "View", "Scene", "write_html", "render", "paused_gc", "legend", "TRACK_COLOURS", "FUNCTION_SHAPES", "EDGE_STYLES",
    "DELTA_COLOURS", "PATH_COLOUR", "ALTERNATIVE_COLOUR", "DIM_NODE", "DIM_EDGE", "NODE_SIZE",
]

# ----------------------------------------------------------------------------- types

#: A vis-network object: a node's or an edge's style or fields, the network's options. JSON whose
#: values differ by key (colours, numbers, nested objects) and go to the page as they are, so Any.
VisObject: TypeAlias = dict[str, Any]
#: A tooltip (see the module docstring): a string, or parts, a number standing for a row's label.
Tooltip: TypeAlias = str | list[str | int]
#: A legend section: its heading and (swatch HTML, text) entries.
LegendSection: TypeAlias = tuple[str, list[tuple[str, str]]]
_P = ParamSpec("_P")  # the parameters of a page builder that paused_gc wraps


class Cards(TypedDict):
    """Role tooltips as the page's ``cards`` columns (see the module docstring), not yet packed."""

    fact: list[int]
    facts: list[str]
    also: list[str | None]
    definition: list[str | None]
    managers: list[str | None]
    count: list[int]
    skill: list[int]
    skills: list[str]


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
EDGE_STYLES: dict[str, VisObject] = {
    "promotion": {"color": "#555555", "width": 2, "dashes": False},
    "IC to management": {"color": "#f28e2b", "width": 2, "dashes": False},
    "into the executive team": {"color": "#e15759", "width": 2, "dashes": False},
    "lateral move": {"color": "#59a14f", "width": 2, "dashes": [8, 5],
                     "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.25}},
    "reports to": {"color": "#b4b4b4", "width": 1, "dashes": [2, 4],
                   "smooth": {"enabled": True, "type": "curvedCCW", "roundness": 0.12}},
}
OTHER_EDGE: VisObject = {"color": "#555555", "width": 2, "dashes": False}
REPORTS_TO = "reports to"
#: The highlighted path, and alternatives (k > 1) in a lighter shade.
PATH_COLOUR = "#c2185b"
ALTERNATIVE_COLOUR = "#eb94b6"
DIM_NODE = {"background": "#eeeeee", "border": "#d0d0d0"}
DIM_FONT = "#a8a8a8"
DIM_EDGE = "#e3e3e3"
#: Skill change (pmgraph.career.skills.SKILL_CHANGES) -> colour.
DELTA_COLOURS: dict[str, str] = {
    "gained": "#59a14f",
    "levelled up": "#4e79a7",
    "unchanged": "#bab0ac",
    "levelled down": "#f28e2b",
    "no longer required": "#e15759",
}

DX, DY = 190, 130  # slot width and level height, px: room for a two-line label under a node
NODE_SIZE = 16
FONT: VisObject = {"size": 15, "face": "system-ui, DejaVu Sans, sans-serif", "color": "#222222",
                   "strokeWidth": 3, "strokeColor": "#ffffff"}
LABEL_WIDTH = 160
#: Above this many edges lines are drawn solid: vis-network draws dashes itself, segment by
#: segment, and a 4,000-role page took 12 s instead of 1.3 s to first draw with them.
DASH_LIMIT = 1000


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
    write_atomically(path, text)
    return path


class Scene:
    """The network of one page, built column by column and handed to the page compact (see the
    module docstring).

    Nodes: ``node_id``, ``node_label``, ``node_x``, ``node_y``, ``node_style`` and ``node_title``
    (a card index, or a tooltip). Edges: ``edge_id`` (an index into :attr:`EDGE_IDS`, or the id
    itself), ``edge_from`` and ``edge_to`` (node rows), ``edge_style`` and ``edge_title`` (from
    :meth:`edge_title`, or a tooltip). ``node_extra`` and ``edge_extra`` hold, by row, fields that
    override a row's style. ``index`` maps a node id to its row. Styles are interned by a key the
    caller chooses: :meth:`node_style` and :meth:`edge_style` call ``make`` only for a new key.
    """

    __slots__ = ("node_id", "node_label", "node_x", "node_y", "node_style", "node_title", "node_extra",
                 "edge_id", "edge_from", "edge_to", "edge_style", "edge_title", "edge_extra",
                 "node_styles", "edge_styles", "edge_titles", "cards", "index", "_node_keys", "_edge_keys",
                 "_edge_titles")

    #: Edge id prefixes, by the index an edge row gives instead of a full id.
    EDGE_IDS = ("move:", "reports:")
    MOVE, REPORTS = 0, 1

    def __init__(self) -> None:
        self.node_id: list[str] = []
        self.node_label: list[str] = []
        self.node_x: list[int] = []
        self.node_y: list[int] = []
        self.node_style: list[int] = []
        self.node_title: list[int | Tooltip] = []
        self.node_extra: dict[int, VisObject] = {}
        self.edge_id: list[int | str] = []
        self.edge_from: list[int] = []
        self.edge_to: list[int] = []
        self.edge_style: list[int] = []
        self.edge_title: list[int | Tooltip] = []
        self.edge_extra: dict[int, VisObject] = {}
        self.node_styles: list[VisObject] = []
        self.edge_styles: list[VisObject] = []
        self.edge_titles: list[tuple[str, str]] = []
        self.cards: Cards | None = None
        self.index: dict[str, int] = {}
        self._node_keys: dict[Hashable, int] = {}
        self._edge_keys: dict[Hashable, int] = {}
        self._edge_titles: dict[tuple[str, str], int] = {}

    @property
    def nodes(self) -> int:
        return len(self.node_id)

    @property
    def edges(self) -> int:
        return len(self.edge_from)

    def node_style_index(self, key: Hashable, make: Callable[[], VisObject]) -> int:
        found = self._node_keys.get(key)
        if found is None:
            found = self._node_keys[key] = len(self.node_styles)
            self.node_styles.append(make())
        return found

    def edge_style_index(self, key: Hashable, make: Callable[[], VisObject]) -> int:
        found = self._edge_keys.get(key)
        if found is None:
            found = self._edge_keys[key] = len(self.edge_styles)
            self.edge_styles.append(make())
        return found

    def edge_title_index(self, between: str, after: str = "") -> int:
        """An edge title reading "FROM-LABEL ``between`` TO-LABEL ``after``", for ``edge_title``."""
        key = (between, after)
        found = self._edge_titles.get(key)
        if found is None:
            found = self._edge_titles[key] = len(self.edge_titles)
            self.edge_titles.append(key)
        return found

    def add_node(self, node_id: str, label: str, x: int, y: int, style: int, title: int | Tooltip,
                 extra: VisObject | None = None) -> int:
        row = len(self.node_id)
        self.index[node_id] = row
        self.node_id.append(node_id)
        self.node_label.append(label)
        self.node_x.append(x)
        self.node_y.append(y)
        self.node_style.append(style)
        self.node_title.append(title)
        if extra is not None:
            self.node_extra[row] = extra
        return row

    def add_edge(self, edge_id: str | int, source: int, target: int, style: int, title: int | Tooltip,
                 extra: VisObject | None = None) -> None:
        if extra is not None:
            self.edge_extra[len(self.edge_from)] = extra
        self.edge_id.append(edge_id)
        self.edge_from.append(source)
        self.edge_to.append(target)
        self.edge_style.append(style)
        self.edge_title.append(title)

    def data(self) -> dict[str, object]:
        cards = self.cards
        packed: dict[str, object] | None = None
        if cards is not None:
            packed = {**cards, "fact": _packed(cards["fact"]), "count": _packed(cards["count"]),
                      "skill": _packed(cards["skill"])}
        cards_of, titles = _split(self.node_title)
        kinds, ids = _split(self.edge_id)
        edge_titles, texts = _split(self.edge_title)
        return {
            "nodes": {"id": self.node_id, "label": self.node_label, "x": _packed(self.node_x),
                      "y": _packed(self.node_y), "style": _packed(self.node_style), "card": cards_of,
                      "title": titles, "extra": self.node_extra},
            "edges": {"from": _packed(self.edge_from), "to": _packed(self.edge_to), "style": _packed(self.edge_style),
                      "kind": kinds, "ids": ids, "title": edge_titles, "text": texts, "extra": self.edge_extra},
            "nodeStyles": self.node_styles, "edgeStyles": self.edge_styles, "edgeIds": self.EDGE_IDS,
            "edgeTitles": self.edge_titles, "cards": packed,
        }


def _split(column: Sequence[object]) -> tuple[str, dict[int, object]]:
    """A column of numbers and other values: the numbers packed, -1 in place of the others, and the
    others by row."""
    if set(map(type, column)) <= {int}:  # all numbers, the usual case; checked at C speed
        return _packed(cast("Sequence[int]", column)), {}  # all int, as just checked
    return (_packed([v if v.__class__ is int else -1 for v in column]),
            {i: v for i, v in enumerate(column) if v.__class__ is not int})


def _packed(numbers: Sequence[int]) -> str:
    """``numbers`` as base64 of little-endian 32-bit integers (the page reads an Int32Array)."""
    column = array.array("i", numbers)
    if sys.byteorder != "little":
        column.byteswap()
    return base64.b64encode(column.tobytes()).decode("ascii")


def paused_gc(build: Callable[_P, View]) -> Callable[_P, View]:
    """Run ``build`` with the cyclic garbage collector paused.

    A large page is tens of thousands of small lists and dicts, none of them part of a cycle; the
    collector would otherwise run every few hundred of them and, with a large loaded graph in
    memory, take longer than building the page (5,000 roles: 60 of 130 ms). ``build`` returns
    only the finished page, so everything else it made is freed before the collector resumes.
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


def render(title: str, caption: str, scene: Scene, legend: str, credit: str = "") -> View:
    """The page showing ``scene``'s nodes and edges, in their final order; ``credit`` names where
    the data comes from, with the attribution its licence asks for."""
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode
    # Inside <script> only "<" can end the element early ("</script>", "<!--"); outside strings
    # JSON has none, inside them \u003c reads back the same.
    data = encode(scene.data()).replace("<", "\\u003c")
    css, script = _vis_assets()
    esc = html.escape
    fields = {
        "title": esc(title), "caption": f'<p id="caption">{esc(caption)}</p>' if caption else "",
        "legend": legend, "vis_css": css, "vis_js": script, "data": data,
        "credit": f'<footer id="credit">{esc(credit)}</footer>' if credit else "",
        "options": encode(_options(scene.nodes)).replace("<", "\\u003c"),
    }
    chunks = _template()
    parts = [fields[c] if i % 2 else c for i, c in enumerate(chunks)]
    return View(html="".join(parts), title=title, caption=caption, nodes=scene.nodes, edges=scene.edges)


@functools.cache
def _template() -> tuple[str, ...]:
    """pmgraph.html split at its placeholders: text, name, text, name, ..., text."""
    text = (templates_dir() / "pmgraph.html").read_text(encoding="utf-8")
    return tuple(re.split(r"\{\{(\w+)\}\}", text))


@functools.cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's stylesheet and script, from the pyvis package (found, not imported: importing
    pyvis pulls in IPython)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pmgraph.viz needs pyvis, the source of its vis-network library", name="pyvis")
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.css").read_text(encoding="utf-8"),
            (lib / "vis-network.min.js").read_text(encoding="utf-8"))


def _options(count: int) -> VisObject:
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


def legend(tracks: Iterable[str | None], functions: Iterable[str | None], edge_kinds: Iterable[str],
           extra: Sequence[LegendSection] = (), *, dashes: bool = True) -> str:
    """The legend's HTML (escaped here): the tracks, functions and edge kinds present, then ``extra``
    sections of (swatch HTML, text) entries. ``dashes=False`` shows every line style solid."""
    esc = html.escape
    parts: list[str] = []
    shown_tracks = [t for t in ordered(tracks, TRACK_COLOURS)]
    if shown_tracks:
        items = "".join(f'<li><span class="swatch" style="background:{TRACK_COLOURS.get(t, OTHER_COLOUR)}"></span>'
                        f"{esc(t)}</li>" for t in shown_tracks)
        parts.append(f"<h2>Track (colour)</h2><ul>{items}</ul>")
    shown_functions = [f for f in ordered(functions, FUNCTION_SHAPES)]
    if shown_functions:
        items = "".join(f'<li><span class="symbol">{FUNCTION_SHAPES.get(f, OTHER_SHAPE)[1]}</span>{esc(f)}</li>'
                        for f in shown_functions)
        parts.append(f"<h2>Function (shape)</h2><ul>{items}</ul>")
    kinds = [k for k in ordered(edge_kinds, EDGE_STYLES)]
    if kinds:
        items = "".join(f'<li><span class="line" style="{line_css(EDGE_STYLES.get(k, OTHER_EDGE), dashes)}"></span>'
                        f"{esc(k)}</li>" for k in kinds)
        parts.append(f"<h2>Move</h2><ul>{items}</ul>")
    for heading, entries in extra:
        items = "".join(f"<li>{swatch}{esc(text)}</li>" for swatch, text in entries)
        parts.append(f"<h2>{esc(heading)}</h2><ul>{items}</ul>")
    return "".join(parts)


def line_css(style: Mapping[str, Any], dashes_shown: bool = True) -> str:
    dashes: list[int] | Literal[False] | None = style.get("dashes") if dashes_shown else False  # as in EDGE_STYLES
    kind = "solid" if not dashes else ("dotted" if dashes[0] <= 2 else "dashed")
    return f"border-top-style:{kind};border-top-color:{style['color']}"


def line(colour: str, width: int = 3) -> str:
    return f'<span class="line" style="border-top-style:solid;border-top-color:{colour};border-top-width:{width}px"></span>'


def swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{colour}"></span>'


def ordered(values: Iterable[str | None], known: Mapping[str, object]) -> list[str]:
    present = {v for v in values if v}
    return [k for k in known if k in present] + sorted(present - set(known))
