"""HTML views without a browser: what each page holds, self-containment, determinism, tooltips."""

import array
import base64
import copy
import html
import itertools
import json
import re
import sys
from html.parser import HTMLParser

import pytest

import pmgraph
from pmgraph import viz
from pmgraph.errors import NoPathError, UnknownRoleError


def page_data(page: str) -> tuple[list[dict], list[dict]]:
    """The node and edge objects a page hands to vis-network.

    The page carries them compact (PMGRAPH_DATA, see pmgraph.viz.page) and its script expands
    them; this does the same in Python. test_viz_browser checks the two agree on every view.
    """
    data = json.loads(re.search(r"var PMGRAPH_DATA = (.*);\n", page).group(1))
    return expand(data)


def ints(packed: str) -> list[int]:
    column = array.array("i", base64.b64decode(packed))
    if sys.byteorder != "little":
        column.byteswap()
    return column.tolist()


def expand(data: dict) -> tuple[list[dict], list[dict]]:
    nodes_in, edges_in = data["nodes"], data["edges"]
    ids, labels = nodes_in["id"], nodes_in["label"]

    def text(value):
        if value is None or isinstance(value, str):
            return value
        return "".join(labels[p] if isinstance(p, int) else p for p in value)

    def item(style, fields, extra):
        out = copy.deepcopy(style)
        out.update((k, v) for k, v in fields.items() if v is not None)
        out.update(copy.deepcopy(extra or {}))
        return out

    cards = data["cards"]
    if cards:
        fact, count, skill = ints(cards["fact"]), ints(cards["count"]), ints(cards["skill"])
        first = list(itertools.accumulate(count, initial=0))

    def card(k, label):
        out = f"{label}\n{cards['facts'][fact[k]]}"
        if cards["also"][k] is not None:
            out += f"\nAlso: {cards['also'][k]}"
        if cards["definition"][k] is not None:
            out += f"\n\n{cards['definition'][k]}"
        skills = sorted(skill[first[k]:first[k + 1]])
        if skills:
            out += "\n\nKey skills: " + ", ".join(cards["skills"][i] for i in skills[:6])
        if cards["managers"][k] is not None:
            out += f"\nReports to: {cards['managers'][k]}"
        return out

    nodes = []
    for i, (x, y, style, k) in enumerate(zip(ints(nodes_in["x"]), ints(nodes_in["y"]), ints(nodes_in["style"]),
                                             ints(nodes_in["card"]))):
        title = card(k, labels[i]) if k >= 0 else text(nodes_in["title"].get(str(i)))
        nodes.append(item(data["nodeStyles"][style], {"id": ids[i], "label": labels[i], "x": x, "y": y, "title": title},
                          nodes_in["extra"].get(str(i))))
    edges = []
    columns = (ints(edges_in[c]) for c in ("from", "to", "style", "kind", "title"))
    for j, (a, b, style, kind, t) in enumerate(zip(*columns)):
        eid = f"{data['edgeIds'][kind]}{ids[a]}->{ids[b]}" if kind >= 0 else edges_in["ids"][str(j)]
        if t >= 0:
            between, after = data["edgeTitles"][t]
            title = labels[a] + between + labels[b] + after
        else:
            title = text(edges_in["text"].get(str(j)))
        edges.append(item(data["edgeStyles"][style], {"id": eid, "from": ids[a], "to": ids[b], "title": title},
                          edges_in["extra"].get(str(j))))
    return nodes, edges


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "action", "poster") and value is not None:
                self.refs.append((tag, name, value))


def external_refs(page: str) -> list[tuple[str, str, str]]:
    parser = _Refs()
    parser.feed(page)
    return [r for r in parser.refs if re.match(r"\s*(https?:)?//", r[2], re.I)]


def ladder_views(graph):
    return {
        "career": viz.career_view(graph),
        "focus": viz.focus_view(graph, "Fixture PM", depth=1),
        "path": viz.path_view(graph, "Fixture PM", "FCPO", by="years"),
        "delta": viz.delta_view(graph, "Fixture PM", "Fixture Group PM"),
        "org": viz.org_view(graph),
    }


@pytest.fixture(scope="module")
def views(ladder):
    return ladder_views(ladder)


# Counts checked by hand against the diagram at the top of tests/data/ladder.ttl.
@pytest.mark.parametrize("name, nodes, edges", [
    ("career", 8, 10 + 7),   # 10 transitions, 7 reporting lines
    ("focus", 5, 5 + 3),     # pm + apm, spm, pmm, gpm; 5 moves and 3 reporting lines among them
    ("path", 8, 10),         # the whole ladder's moves, the path on it
    ("delta", 2 + 4, 5),     # roadmapping up, analytics dropped, strategy and coaching gained
    ("org", 8, 7),
])
def test_view_holds_the_expected_nodes_and_edges(views, name, nodes, edges):
    view = views[name]
    page_nodes, page_edges = page_data(view.html)
    assert (len(page_nodes), len(page_edges)) == (nodes, edges)
    assert (view.nodes, view.edges) == (nodes, edges)
    assert len({n["id"] for n in page_nodes}) == nodes and len({e["id"] for e in page_edges}) == edges


def test_bundled_career_view_shows_every_role_move_and_reporting_line(bundled):
    from pmgraph.career.projection import project

    career = project(bundled)
    view = viz.career_view(bundled)
    reporting = sum(len(m) for m in career.reports_to.values())
    assert view.nodes == len(career.roles) >= 30
    assert view.edges == career.digraph.number_of_edges() + reporting


@pytest.mark.parametrize("name", ["career", "focus", "path", "delta", "org"])
def test_page_is_self_contained(views, name):
    page = views[name].html
    assert external_refs(page) == []
    assert "<script src" not in page and 'rel="stylesheet"' not in page
    assert "vis.Network" in page and "vis-network" in page  # the library is inlined


def test_external_ref_check_catches_a_cdn_tag():
    assert external_refs('<script src="https://cdn.jsdelivr.net/x.js"></script><link href="//cdn/x.css">') != []


@pytest.mark.parametrize("name", ["career", "focus", "path", "delta", "org"])
def test_same_input_same_bytes(views, ladder_files, name):
    again = ladder_views(pmgraph.load(ladder_files, bundled=False))[name]  # a fresh load and projection
    assert again.html == views[name].html


def test_roles_laid_out_by_level_most_senior_on_top(views):
    nodes, _ = page_data(views["career"].html)
    y = {n["id"]: n["y"] for n in nodes}
    assert y["fx-cpo"] < y["fx-director"] < y["fx-gpm"] == y["fx-principal"] < y["fx-spm"] < y["fx-pm"] < y["fx-apm"]
    assert y["fx-pm"] == y["fx-pmm"]
    positions = {(n["x"], n["y"]) for n in nodes}
    assert len(positions) == len(nodes)  # no two roles on the same spot


def test_colours_by_track_shapes_by_function_edges_by_kind(views):
    nodes, edges = page_data(views["career"].html)
    node = {n["id"]: n for n in nodes}
    assert node["fx-pm"]["color"]["background"] == viz.TRACK_COLOURS["individual contributor"]
    assert node["fx-gpm"]["color"]["background"] == viz.TRACK_COLOURS["people management"]
    assert node["fx-cpo"]["color"]["background"] == viz.TRACK_COLOURS["executive"]
    assert node["fx-pm"]["shape"] != node["fx-pmm"]["shape"]  # product vs marketing
    edge = {e["id"]: e for e in edges}
    promotion = edge["move:fx-pm->fx-spm"]
    lateral = edge["move:fx-pm->fx-pmm"]
    reporting = edge["reports:fx-pm->fx-gpm"]
    assert promotion["dashes"] is False
    assert lateral["dashes"] and reporting["dashes"] and lateral["dashes"] != reporting["dashes"]
    assert len({promotion["color"]["color"], lateral["color"]["color"], reporting["color"]["color"]}) == 3


def test_legend_names_tracks_functions_and_moves(views):
    page = views["career"].html
    legend = re.search(r'<aside id="legend".*?</aside>', page, re.S).group(0)
    for text in ("individual contributor", "people management", "executive", "product", "marketing",
                 "promotion", "lateral move", "reports to"):
        assert text in legend


def test_role_tooltip_has_definition_level_track_and_key_skills(views):
    nodes, _ = page_data(views["career"].html)
    title = next(n["title"] for n in nodes if n["id"] == "fx-spm")
    assert "<" not in title  # plain text: vis-network 9 shows titles as text
    for text in ("Fixture Senior PM", "Owns an area.", "level 3", "individual contributor", "product",
                 "Key skills:", "Roadmapping (practitioner)", "Reports to: Fixture Group PM"):
        assert text in title


def test_edge_tooltip_has_kind_years_and_sources(views):
    _, edges = page_data(views["career"].html)
    title = next(e["title"] for e in edges if e["id"] == "move:fx-spm->fx-gpm")
    assert "Fixture Senior PM → Fixture Group PM" in title
    assert "IC to management, typically 2–3 years" in title
    assert "Sources: src:editorial" in title


@pytest.mark.parametrize("view", ["career", "org"])
def test_reporting_line_tooltip_names_its_sources(views, view):
    _, edges = page_data(views[view].html)
    title = next(e["title"] for e in edges if e["from"] in ("fx-pm", "fx-gpm") and e["to"] in ("fx-pm", "fx-gpm")
                 and "reports to" in e["title"])
    assert title == "Fixture PM reports to Fixture Group PM\nSources: src:editorial"


def test_focus_depth_widens_the_neighbourhood(ladder):
    sizes = [viz.focus_view(ladder, "fx-pm", depth=d).nodes for d in (0, 1, 2, 3)]
    assert sizes == [1, 5, 7, 8]  # + principal and director, then cpo
    nodes, _ = page_data(viz.focus_view(ladder, "fx-pm", depth=1).html)
    centre = next(n for n in nodes if n["id"] == "fx-pm")
    assert centre["size"] > viz.NODE_SIZE  # the focus stands out
    with pytest.raises(ValueError):
        viz.focus_view(ladder, "fx-pm", depth=-1)


def test_path_is_highlighted_the_rest_dimmed_and_years_shown(views):
    view = views["path"]
    nodes, edges = page_data(view.html)
    highlighted = sorted(e["id"] for e in edges if e["color"]["color"] == viz.PATH_COLOUR)
    assert highlighted == ["move:fx-director->fx-cpo", "move:fx-gpm->fx-director", "move:fx-pm->fx-spm",
                           "move:fx-spm->fx-gpm"]
    dimmed = sorted(n["id"] for n in nodes if n["color"]["background"] == viz.DIM_NODE["background"])
    assert dimmed == ["fx-apm", "fx-pmm", "fx-principal"]
    assert all(e["color"]["color"] == viz.DIM_EDGE for e in edges if e["id"] not in highlighted)
    assert "typically 8–13 years" in view.caption and html.escape(view.caption) in view.html


def test_path_view_takes_the_path_options(ladder):
    view = viz.path_view(ladder, "fx-spm", "fx-cpo", k=2)
    _, edges = page_data(view.html)
    colours = {e["id"]: e["color"]["color"] for e in edges}
    assert colours["move:fx-principal->fx-cpo"] == viz.PATH_COLOUR  # best: spm -> principal -> cpo
    assert colours["move:fx-gpm->fx-director"] == viz.ALTERNATIVE_COLOUR
    avoided = viz.path_view(ladder, "fx-spm", "fx-cpo", avoid=["fx-principal"])
    assert "3 steps" in avoided.caption
    with pytest.raises(NoPathError):
        viz.path_view(ladder, "fx-pm", "fx-cpo", max_steps=2)
    with pytest.raises(UnknownRoleError, match="Did you mean"):
        viz.path_view(ladder, "Fixture Principle PM", "fx-cpo")


def test_delta_colours_skills_by_change(views):
    nodes, _ = page_data(views["delta"].html)
    kinds = {n["id"]: n["kind"] for n in nodes if n["id"].startswith("skill:")}
    assert kinds == {"skill:fx-roadmapping": "levelled up", "skill:fx-analytics": "no longer required",
                     "skill:fx-strategy": "gained", "skill:fx-coaching": "gained"}
    colour = {n["id"]: n["color"]["background"] for n in nodes}
    assert colour["skill:fx-strategy"] == viz.DELTA_COLOURS["gained"]
    assert colour["skill:fx-analytics"] == viz.DELTA_COLOURS["no longer required"]
    label = next(n["label"] for n in nodes if n["id"] == "skill:fx-roadmapping")
    assert label == "Roadmapping\nworking → practitioner"


def test_org_chart_puts_managers_before_their_reports(views):
    nodes, edges = page_data(views["org"].html)
    x = {n["id"]: n["x"] for n in nodes}
    for edge in edges:
        assert x[edge["from"]] < x[edge["to"]]  # manager -> report, left to right
    assert {(e["from"], e["to"]) for e in edges} >= {("fx-gpm", "fx-pm"), ("fx-cpo", "fx-director")}


def test_write_is_atomic_and_utf8(views, tmp_path):
    out = tmp_path / "career.html"
    out.write_text("old", encoding="utf-8")
    assert views["career"].write(out) == out
    assert out.read_bytes() == views["career"].html.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["career.html"]  # no temporary file left behind


def test_jupyter_displays_the_page_inline(views):
    from IPython.core.formatters import DisplayFormatter

    data, _metadata = DisplayFormatter().format(views["path"])
    frame = data["text/html"]
    assert frame.startswith("<iframe srcdoc=")
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)
    assert html.unescape(srcdoc) == views["path"].html


def test_large_graph_lines_are_solid(tmp_path):
    from tests.synthetic import load_ladder

    view = viz.career_view(load_ladder(700, 3, tmp_path))
    _, edges = page_data(view.html)
    assert len(edges) > 1000 and not any(e["dashes"] for e in edges)
    assert "dashed" not in re.search(r'<aside id="legend".*?</aside>', view.html, re.S).group(0)


VIZ_MODULES = ["pmgraph.viz", "pmgraph.viz.page", "pmgraph.viz.views"]


@pytest.mark.parametrize("name", VIZ_MODULES)
def test_viz_doctests_run_and_library_is_quiet(name, monkeypatch):
    import doctest
    import importlib
    import inspect

    from tests.conftest import ROOT

    module = importlib.import_module(name)
    monkeypatch.chdir(ROOT)  # the examples load tests/data/ladder.ttl
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    source = inspect.getsource(module)
    for word in ("print(", "import click", "os.environ", "sys.exit", "webbrowser"):
        assert word not in source


def test_views_are_top_level_and_pyvis_loads_lazily():
    import subprocess
    import sys

    from tests.conftest import LADDER, ROOT

    code = ("import sys, pmgraph; import pmgraph.viz; assert 'pyvis' not in sys.modules; "
            "assert pmgraph.career_view is pmgraph.viz.career_view; "
            # pyvis is where vis-network comes from, read as files: importing it pulls in IPython
            f"view = pmgraph.career_view(pmgraph.load([{str(LADDER)!r}])); assert 'vis.Network' in view.html; "
            "assert 'pyvis' not in sys.modules and 'IPython' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_bundled_tooltips_mark_estimated_levels_and_say_who_states_a_skill(bundled):
    """A level no source states is marked an estimate in the role cards and the delta view; the
    delta view says which frameworks state each requirement."""
    nodes, _ = page_data(viz.delta_view(bundled, "senior product manager", "group product manager").html)
    titles = {n["id"]: n["title"] for n in nodes}
    assert "practitioner → expert" in titles["skill:product-strategy"]
    assert "(estimate)" not in titles["skill:product-strategy"] and "Stated by: ddat" in titles["skill:product-strategy"]
    assert "new: practitioner (estimate)" in titles["skill:people-leadership"]
    head = next(n["title"] for n in page_data(viz.career_view(bundled).html)[0] if n["id"] == "head-of-product")
    assert ", estimate)" in head and "Key skills:" in head
