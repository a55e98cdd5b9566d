"""Interactive HTML views of the career graph, drawn by pyvis (vis-network).

CLI twin: ``pmgraph viz``. Each view function returns a :class:`View`: its
:attr:`~View.network` is a :class:`pyvis.network.Network` (nodes, edges, options, groups) that a
notebook can change as any pyvis network; its :attr:`~View.html` is the page pyvis writes from it
(``Network.generate_html`` through pmgraph's template), ready to write (:meth:`View.write`,
atomic) or to display inline in Jupyter (a ``View`` is its own rich display).

The pages are

self-contained
    vis-network's script and stylesheet are inlined from the pyvis package; nothing is fetched
    from a CDN, so a page works offline and from an e-mail attachment.
deterministic
    nodes and edges are sorted, positions and edge curves are computed here (levels top to bottom,
    a column per ladder; :mod:`pmgraph.viz.layout`, :mod:`pmgraph.viz.routing`), physics is off:
    the same graph gives the same bytes, and a page of thousands of roles opens at once.
readable
    no line runs through a node it does not join (each is straight or curved around the others),
    labels do not overlap, the page opens fitted to the window (to the path, in a path view), with
    the levels written along the left edge, a search box (a role's name or synonym), a legend of
    what the page draws and the data's sources in the footer. A page of more than 500 roles opens
    with each function's roles at each level clustered; a click opens a cluster.

Roles are coloured by track and shaped by function; a move's colour is its kind, and a move only
pmgraph's editorial judgement states is dashed (lighter, on pages too large for dashes) where a
framework or a source document states the others; reporting lines are dotted grey. Tooltips are
plain text, placed clear of the highlighted path.

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
>>> path_view(graph, "fx-pm", "fx-cpo", by="years").caption
'Fixture PM → Fixture Chief Product Officer: 4 steps, typically 8–13 years (by years).'
>>> view.network.toggle_physics(True)  # a pyvis Network: tweak it, then write or show it
>>> '"enabled": true' in view.html
True
"""

from .layout import ladder_positions, layered_positions
from .page import (
    ALTERNATIVE_COLOUR,
    DELTA_COLOURS,
    DERIVED_DASHES,
    DIM_EDGE,
    DIM_NODE,
    EDITORIAL_DASHES,
    EDITORIAL_OPACITY,
    FUNCTION_SHAPES,
    MOVE_COLOURS,
    NODE_SIZE,
    PATH_COLOUR,
    TRACK_COLOURS,
    View,
    write_html,
)
from .views import career_view, delta_view, focus_view, org_view, path_view, reporting_id, transition_id

__all__ = [
    "View",
    "career_view",
    "focus_view",
    "path_view",
    "delta_view",
    "org_view",
    "write_html",
    "layered_positions",
    "ladder_positions",
    "transition_id",
    "reporting_id",
    "TRACK_COLOURS",
    "FUNCTION_SHAPES",
    "MOVE_COLOURS",
    "EDITORIAL_DASHES",
    "DERIVED_DASHES",
    "EDITORIAL_OPACITY",
    "DELTA_COLOURS",
    "PATH_COLOUR",
    "ALTERNATIVE_COLOUR",
    "DIM_NODE",
    "DIM_EDGE",
    "NODE_SIZE",
]
