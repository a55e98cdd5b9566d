"""The page: pmgraph's look (colours, shapes, line styles), the legend, rendering through pyvis
with pmgraph's self-contained template, and writing a page atomically."""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from ..resources import templates_dir

__all__ = [
    "View", "write_html", "render", "legend", "TRACK_COLOURS", "FUNCTION_SHAPES", "EDGE_STYLES",
    "DELTA_COLOURS", "PATH_COLOUR", "ALTERNATIVE_COLOUR", "DIM_NODE", "DIM_EDGE", "NODE_SIZE",
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


def render(title: str, caption: str, nodes: list[dict], edges: list[dict], legend: str) -> View:
    """The page showing ``nodes`` and ``edges`` (vis-network dicts, in their final order)."""
    import pyvis
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    # Ours first, then pyvis' own templates directory, whose lib/ holds vis-network to inline.
    search = [str(templates_dir()), str(Path(pyvis.__file__).parent / "templates")]
    net.set_template_dir(search, "pmgraph.html")  # jinja2's FileSystemLoader takes a list
    net.templateEnv.globals.update(page_title=title, caption=caption, legend=legend)
    net.nodes, net.edges = nodes, edges  # add_node is O(n) per call; the lists are ready
    net.options = _options(len(nodes))
    page = net.generate_html()
    return View(html=page, title=title, caption=caption, nodes=len(nodes), edges=len(edges))


def _options(count: int) -> dict:
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


def legend(tracks: Iterable[str], functions: Iterable[str], edge_kinds: Iterable[str],
           extra: Sequence[tuple[str, list[tuple[str, str]]]] = (), *, dashes: bool = True) -> str:
    """The legend's HTML (escaped here): the tracks, functions and edge kinds present, then ``extra``
    sections of (swatch HTML, text) entries. ``dashes=False`` shows every line style solid."""
    esc = html.escape
    parts = []
    tracks = [t for t in ordered(tracks, TRACK_COLOURS)]
    if tracks:
        items = "".join(f'<li><span class="swatch" style="background:{TRACK_COLOURS.get(t, OTHER_COLOUR)}"></span>'
                        f"{esc(t)}</li>" for t in tracks)
        parts.append(f"<h2>Track (colour)</h2><ul>{items}</ul>")
    functions = [f for f in ordered(functions, FUNCTION_SHAPES)]
    if functions:
        items = "".join(f'<li><span class="symbol">{FUNCTION_SHAPES.get(f, OTHER_SHAPE)[1]}</span>{esc(f)}</li>'
                        for f in functions)
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


def line_css(style: Mapping, dashes_shown: bool = True) -> str:
    dashes = style.get("dashes") if dashes_shown else False
    kind = "solid" if not dashes else ("dotted" if dashes[0] <= 2 else "dashed")
    return f"border-top-style:{kind};border-top-color:{style['color']}"


def line(colour: str, width: int = 3) -> str:
    return f'<span class="line" style="border-top-style:solid;border-top-color:{colour};border-top-width:{width}px"></span>'


def swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{colour}"></span>'


def ordered(values: Iterable[str | None], known: Mapping[str, object]) -> list[str]:
    present = {v for v in values if v}
    return [k for k in known if k in present] + sorted(present - set(known))
