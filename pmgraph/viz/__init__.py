"""Interactive HTML views of the career graph, drawn by vis-network (the copy the pyvis package ships).

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
fast
    the page is filled in by pmgraph (:mod:`pmgraph.viz.page`), not by pyvis'
    ``Network.generate_html``, and carries the network compact: shared styles, role tooltips as
    tables the page's script assembles. A 5,000-role career view takes about 50 ms to generate,
    over 10x less than pyvis' ``Network.from_nx`` alone on the same graph (benchmarks/RESULTS.md).

Roles are coloured by track and shaped by function; promotions are solid, lateral moves dashed,
reporting lines dotted grey. Tooltips are plain text (vis-network 9 does not render HTML in
them), a line per field, wrapped by the browser.

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

from .page import (
    ALTERNATIVE_COLOUR, DELTA_COLOURS, DIM_EDGE, DIM_NODE, EDGE_STYLES, FUNCTION_SHAPES, NODE_SIZE,
    PATH_COLOUR, TRACK_COLOURS, View, write_html,
)
from .views import (
    career_view, delta_view, focus_view, layered_positions, org_view, path_view, reporting_id, transition_id,
)

__all__ = [
    "View",
    "career_view",
    "focus_view",
    "path_view",
    "delta_view",
    "org_view",
    "write_html",
    "layered_positions",
    "transition_id",
    "reporting_id",
    "TRACK_COLOURS",
    "FUNCTION_SHAPES",
    "EDGE_STYLES",
    "DELTA_COLOURS",
    "PATH_COLOUR",
    "ALTERNATIVE_COLOUR",
    "DIM_NODE",
    "DIM_EDGE",
    "NODE_SIZE",
]
