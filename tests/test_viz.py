"""HTML views without a browser: the pyvis Network each view is, what its page holds,
self-containment, determinism, layout, line styles, legends and tooltips."""

import copy
import html
import json
import re
from html.parser import HTMLParser

import pytest

import pmgraph
from pmgraph import viz
from pmgraph.career.projection import project
from pmgraph.errors import NoPathError, UnknownRoleError


def page_data(page: str) -> tuple[list[dict], list[dict]]:
    """The node and edge objects a page hands to vis-network: what pmgraph.viz.page.pack wrote,
    unpacked as the page's script unpacks it (the browser tests check the two agree)."""
    packed = json.loads(re.search(r"\n  var PACKED = (.*);\n", page).group(1))
    values = packed["values"]

    def unpack(part, rows):
        out = [{} for _ in range(part["count"])]
        for key, column in part["columns"].items():
            for row in range(part["count"]):
                if "raw" in column:
                    out[row][key] = column["raw"][row]
                elif "node" in column:
                    out[row][key] = rows[column["node"][row]]["id"]
                elif column["ref"][row] >= 0:
                    out[row][key] = copy.deepcopy(values[column["ref"][row]])
        if rows is not None:
            labels = {n["id"]: n["label"] for n in rows}
            for item in out:
                if isinstance(item.get("id"), dict):
                    item["id"] = item["id"]["$pmgraph:id"] + item["from"] + "->" + item["to"]
                if isinstance(item.get("title"), dict):
                    between, rest = item["title"]["$pmgraph:title"]
                    item["title"] = labels[item["from"]] + between + labels[item["to"]] + rest
        return out

    nodes = unpack(packed["nodes"], None)
    return nodes, unpack(packed["edges"], nodes)


def page_config(page: str) -> dict:
    return json.loads(re.search(r"\n  var PMGRAPH = (.*);\n", page).group(1))


def legend_of(page: str) -> list[tuple[str, list[str]]]:
    """The legend's sections: heading and entry texts."""
    aside = re.search(r'<aside id="legend".*?</aside>', page, re.S).group(0)
    return [(html.unescape(h), [html.unescape(t) for t in re.findall(r"<li>.*?<span>([^<]*)</span></li>", body)])
            for h, body in re.findall(r"<h2>([^<]*)</h2><ul>(.*?)</ul>", aside)]


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
        "focus": pmgraph.focus_view(graph, "Fixture PM", depth=1),
        "path": pmgraph.path_view(graph, "Fixture PM", "FCPO", by="years"),
        "delta": pmgraph.delta_view(graph, "Fixture PM", "Fixture Group PM"),
        "org": viz.org_view(graph),
    }


@pytest.fixture(scope="module")
def views(ladder):
    return ladder_views(ladder)


def groups_of(view):
    return view.network.options.groups


def colour_of(view, node):
    return (node.get("color") or groups_of(view)[node["group"]]["color"])["background"]


def shape_of(view, node):
    return node.get("shape") or groups_of(view)[node["group"]]["shape"]


# ----------------------------------------------------------------------------- pyvis draws every view


@pytest.mark.parametrize("name", ["career", "focus", "path", "delta", "org"])
def test_every_view_is_a_pyvis_network_and_its_page_comes_from_pyvis(views, name):
    from pyvis.network import Network

    view = views[name]
    net = view.network
    assert isinstance(net, Network)
    assert net.get_nodes() == [n["id"] for n in net.nodes]  # pyvis' own bookkeeping, filled in bulk
    assert view.html == net.generate_html()  # pyvis renders it, through pmgraph's template
    assert page_data(view.html) == (net.nodes, net.edges)
    assert net.options.physics.enabled is False  # positions are computed; through pyvis' options object


def test_a_notebook_changes_the_network_as_any_pyvis_network(ladder):
    view = viz.career_view(ladder)
    net = view.network
    net.toggle_physics(True)
    net.show_buttons(filter_=["physics"])
    net.options.interaction.navigationButtons = True
    page = view.html  # rendered from the network as it is now
    options = json.loads(re.search(r"\n  var options = (.*?);\n  // Tooltips", page, re.S).group(1))
    assert options["physics"]["enabled"] is True and options["configure"]["enabled"] is True
    assert options["interaction"]["navigationButtons"] is True
    assert net.neighbors("fx-pm") and "fx-spm" in net.get_adj_list()["fx-pm"]


def test_show_renders_pmgraphs_page_as_pyvis_does_in_a_notebook(ladder, tmp_path, monkeypatch):
    """``Network.show`` (pyvis's notebook path, ``notebook=True``) writes pmgraph's page too."""
    monkeypatch.chdir(tmp_path)
    net = viz.career_view(ladder).network
    net.toggle_physics(True)
    net.show("shown.html")
    page = (tmp_path / "shown.html").read_text(encoding="utf-8")
    assert external_refs(page) == []
    assert "var PMGRAPH = " in page  # pmgraph's template, not pyvis's
    options = json.loads(re.search(r"\n  var options = (.*?);\n  // Tooltips", page, re.S).group(1))
    assert options["physics"]["enabled"] is True


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
    assert page.startswith("<!DOCTYPE html>")


HOSTILE_LABELS = """
@prefix pm: <https://w3id.org/pmgraph/ontology#> .
@prefix role: <https://w3id.org/pmgraph/role/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
pm:EvilTrack a pm:Track ; skos:prefLabel "EvilT</script><script>alert(4)</script>"@en .
pm:EvilFn a pm:Function ; skos:prefLabel "EvilF</script><script>alert(5)</script>&amp;"@en .
role:fx-evil a pm:Role ; skos:prefLabel "Evil</script><img src=x onerror=alert(6)>"@en ; pm:level 2 ;
    pm:track pm:EvilTrack ; pm:function pm:EvilFn ; pm:reportsTo role:fx-gpm ; pm:lateralMoveTo role:fx-pm .
"""


def test_labels_with_markup_stay_data_in_every_view(ladder_files, tmp_path):
    """A track, function or role label holding </script> or markup (a --data file may) is text in
    the page: no element the template does not write, in the options (vis-network groups) or anywhere."""
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(HOSTILE_LABELS, encoding="utf-8")
    clean = ladder_views(pmgraph.load(ladder_files, bundled=False))
    graph = pmgraph.load([*ladder_files, hostile], bundled=False)
    for name, view in ladder_views(graph).items():
        page = view.html
        for raw in ("</script><script>alert", "<img src=x onerror"):
            assert raw not in page, (name, raw)
        assert page.count("<script") == clean[name].html.count("<script"), name
        assert page.count("</script") == clean[name].html.count("</script"), name


def test_external_ref_check_catches_a_cdn_tag():
    assert external_refs('<script src="https://cdn.jsdelivr.net/x.js"></script><link href="//cdn/x.css">') != []


@pytest.mark.parametrize("name", ["career", "focus", "path", "delta", "org"])
def test_same_input_same_bytes(views, ladder_files, name):
    again = ladder_views(pmgraph.load(ladder_files, bundled=False))[name]  # a fresh load and projection
    assert again.html == views[name].html


# ----------------------------------------------------------------------------- layout


def test_roles_laid_out_by_level_most_senior_on_top(views):
    nodes, _ = page_data(views["career"].html)
    y = {n["id"]: n["y"] for n in nodes}
    assert y["fx-cpo"] < y["fx-director"] < y["fx-gpm"] == y["fx-principal"] < y["fx-spm"] < y["fx-pm"] < y["fx-apm"]
    assert y["fx-pm"] == y["fx-pmm"]
    positions = {(n["x"], n["y"]) for n in nodes}
    assert len(positions) == len(nodes)  # no two roles on the same spot


def test_ladders_are_columns_ic_and_management_side_by_side(bundled):
    """Issue 17: Principal PM, Director of Product, Distinguished PM and Head of Product once shared
    a column, so the best path's Principal -> Distinguished line ran through Director. Now the IC
    ladder is a column of its own, the management ladder another."""
    x = {n["id"]: n["x"] for n in viz.career_view(bundled).network.nodes}
    ic = ["associate-product-manager", "product-manager", "senior-product-manager", "principal-product-manager",
          "distinguished-product-manager"]
    management = ["group-product-manager", "director-of-product", "senior-director-of-product", "head-of-product"]
    assert len({x[r] for r in ic}) == 1 and len({x[r] for r in management}) == 1
    assert x[ic[0]] != x[management[0]]


def test_no_line_is_drawn_through_a_node_it_does_not_join(bundled):
    """What the router promises, checked on its own model of vis-network's curves (the browser
    tests check the lines vis-network actually draws)."""
    from pmgraph.viz.routing import curve

    for view in (viz.career_view(bundled), pmgraph.path_view(bundled, "pm", "cpo", k=3)):
        at = {n["id"]: (n["x"], n["y"]) for n in view.network.nodes}
        for edge in view.network.edges:
            points = curve(at[edge["from"]], at[edge["to"]], edge.get("smooth"), samples=80)
            for node, (x, y) in at.items():
                if node not in (edge["from"], edge["to"]):
                    assert min(_distance((x, y), a, b) for a, b in zip(points, points[1:])) > viz.NODE_SIZE, \
                        (edge["id"], node)


def _distance(p, a, b):
    import math

    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy or 1)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def test_router_curves_a_line_around_a_node_in_its_way():
    from pmgraph.viz.routing import Circle, curve, route

    at = {"a": (0.0, 0.0), "b": (0.0, -130.0), "c": (0.0, -260.0), "d": (165.0, -130.0)}
    dots = {k: Circle(x, y, 17) for k, (x, y) in at.items()}
    smooth = route(at, dots, [("a", "b"), ("a", "c"), ("a", "c"), ("d", "b")])
    assert smooth[0] is None and smooth[3] is None  # nothing in the way
    assert smooth[1]["type"] in ("curvedCW", "curvedCCW") and smooth[2] != smooth[1]  # two lines a -> c, apart
    for s in smooth[1:3]:
        points = curve(at["a"], at["c"], s, samples=60)
        assert min(_distance(at["b"], p, q) for p, q in zip(points, points[1:])) > 17
        assert max(abs(p[0]) for p in points) < 80  # a gentle curve, not a detour


# ----------------------------------------------------------------------------- look, legend, evidence


def test_colours_by_track_shapes_by_function_lines_by_kind_and_evidence(views, ladder):
    career = project(ladder)
    view = views["career"]
    nodes, edges = page_data(view.html)
    node = {n["id"]: n for n in nodes}
    assert colour_of(view, node["fx-pm"]) == viz.TRACK_COLOURS["individual contributor"]
    assert colour_of(view, node["fx-gpm"]) == viz.TRACK_COLOURS["people management"]
    assert colour_of(view, node["fx-cpo"]) == viz.TRACK_COLOURS["executive"]
    assert shape_of(view, node["fx-pm"]) != shape_of(view, node["fx-pmm"])  # product vs marketing
    edge = {e["id"]: e for e in edges}
    assert edge["move:fx-pm->fx-spm"]["color"]["color"] == viz.MOVE_COLOURS["promotion"]  # editorial: lighter
    assert edge["move:fx-pm->fx-pmm"]["color"]["color"] == viz.MOVE_COLOURS["lateral move"]
    assert edge["reports:fx-pm->fx-gpm"]["dashes"] == [2, 4] and edge["reports:fx-pm->fx-gpm"]["width"] == 1
    # By grade (tests/data/ladder.ttl): the handbook states two moves, a rule derives one, the rest
    # are editorial: solid, long dashes, short dashes and lighter.
    stated = {"move:fx-gpm->fx-director", "move:fx-principal->fx-cpo"}
    derived = {"move:fx-spm->fx-gpm"}
    for u, v in career.digraph.edges:
        eid = viz.transition_id(u, v)
        line = edge[eid]
        if eid in stated:
            assert "dashes" not in line and line["color"] == viz.MOVE_COLOURS[career.digraph.edges[u, v]["kind"]]
        elif eid in derived:
            assert line["dashes"] == viz.DERIVED_DASHES and isinstance(line["color"], str)
        else:
            assert line["dashes"] == viz.EDITORIAL_DASHES and line["color"]["opacity"] == viz.EDITORIAL_OPACITY
    assert dict(legend_of(view.html))["Evidence"] == [
        "move stated by a framework or source document (solid)", "move derived by a documented rule (long dashes)",
        "move by editorial judgement only (short dashes, lighter)"]


def test_bundled_moves_stated_by_a_source_are_solid_editorial_ones_dashed_and_the_legend_says_so(bundled):
    career = project(bundled)
    view = viz.career_view(bundled)
    edges = {e["id"]: e for e in view.network.edges}
    grades = {viz.transition_id(u, v): d["evidence"].grade or "editorial"
              for u, v, d in career.digraph.edges(data=True)}
    assert set(grades.values()) == {"stated", "derived", "editorial"}  # all three in the bundled graph
    dashes = {"stated": None, "derived": viz.DERIVED_DASHES, "editorial": viz.EDITORIAL_DASHES}
    for eid, grade in grades.items():
        assert edges[eid].get("dashes") == dashes[grade], eid
        assert "Evidence: " in edges[eid]["title"] and "Sources: " in edges[eid]["title"]
    evidence = dict(legend_of(view.html))["Evidence"]
    assert evidence[0] == "move stated by a framework or source document (solid)"


def _drawn_legend(view, career):
    """What a graph view's legend should list: the tracks of coloured roles, the functions drawn,
    the kinds of line drawn."""
    groups = groups_of(view)
    nodes = view.network.nodes
    coloured = {career.roles[n["id"]].track for n in nodes if not n["group"].startswith("dim ")}
    functions = {career.roles[n["id"]].function for n in nodes}
    kinds = {e["title"].split("\n")[1].split(",")[0] for e in view.network.edges if e["id"].startswith("move:")}
    if any(e["id"].startswith("reports:") for e in view.network.edges):
        kinds.add("reports to")
    assert groups
    return coloured, functions, kinds


@pytest.mark.parametrize("name", ["career", "focus", "path"])
def test_legend_lists_only_what_the_view_draws(bundled, name):
    """Each entry of the track, function and line sections is drawn, and everything drawn has its
    entry: the path view lists the functions of its dimmed roles too (issue 17)."""
    career = project(bundled)
    view = {"career": lambda: viz.career_view(bundled), "focus": lambda: pmgraph.focus_view(bundled, "head of product"),
            "path": lambda: pmgraph.path_view(bundled, "pm", "cpo", k=2)}[name]()
    tracks, functions, kinds = _drawn_legend(view, career)
    legend = dict(legend_of(view.html))
    assert set(legend["Track (colour)"]) == tracks
    assert set(legend["Function (shape)"]) == functions
    if name == "path":  # lines coloured by path, alternative and the rest, not by kind of move
        assert "Line (colour)" not in legend
        assert len(functions) >= 5 and "not on the path (dimmed; hover for details)" in legend["Path"]
        assert "alternative" in legend["Path"] and "best path (years on each step)" in legend["Path"]
    else:
        assert set(legend["Line (colour)"]) == kinds


def test_role_tooltip_has_definition_level_track_and_key_skills(views):
    nodes, _ = page_data(views["career"].html)
    title = next(n["title"] for n in nodes if n["id"] == "fx-spm")
    assert "<" not in title  # plain text
    for text in ("Fixture Senior PM", "Owns an area.", "level 3", "individual contributor", "product",
                 "Key skills:", "Roadmapping (practitioner", "Reports to: Fixture Group PM"):
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
    title = next(e["title"] for e in edges if e["id"] == "reports:fx-pm->fx-gpm")
    assert title == "Fixture PM reports to Fixture Group PM\nEvidence: editorial\nSources: src:editorial"


def test_page_carries_levels_search_synonyms_and_credit(bundled):
    view = viz.career_view(bundled)
    config = page_config(view.html)
    career = project(bundled)
    assert [level for level, _y in config["levels"]] == sorted({r.level for r in career.roles.values()}, reverse=True)
    assert config["also"] == {r.id: list(r.synonyms) for r in career.roles.values() if r.synonyms}
    assert '<input id="search"' in view.html
    assert '<footer id="credit">Data: pmgraph reference ladder (CC BY 4.0)' in view.html


def test_focus_depth_widens_the_neighbourhood(ladder):
    sizes = [pmgraph.focus_view(ladder, "fx-pm", depth=d).nodes for d in (0, 1, 2, 3)]
    assert sizes == [1, 5, 7, 8]  # + principal and director, then cpo
    nodes, _ = page_data(pmgraph.focus_view(ladder, "fx-pm", depth=1).html)
    centre = next(n for n in nodes if n["id"] == "fx-pm")
    assert centre["size"] > viz.NODE_SIZE  # the focus stands out
    with pytest.raises(ValueError):
        pmgraph.focus_view(ladder, "fx-pm", depth=-1)


def test_path_is_highlighted_the_rest_dimmed_and_years_shown(views, ladder):
    from pmgraph import shortest_path  # the curated API: names, resolved

    view = views["path"]
    nodes, edges = page_data(view.html)
    def colour(edge):
        return edge["color"]["color"] if isinstance(edge["color"], dict) else edge["color"]

    highlighted = sorted(e["id"] for e in edges if colour(e) == viz.PATH_COLOUR)
    # an editorial step is lighter on the path too; a stated or derived one is not
    assert {e["id"] for e in edges if isinstance(e["color"], dict) and colour(e) == viz.PATH_COLOUR} == {
        "move:fx-director->fx-cpo", "move:fx-pm->fx-spm"}
    assert highlighted == ["move:fx-director->fx-cpo", "move:fx-gpm->fx-director", "move:fx-pm->fx-spm",
                           "move:fx-spm->fx-gpm"]
    steps = shortest_path(ladder, "Fixture PM", "FCPO", by="years").steps
    assert {e["id"]: e["label"] for e in edges if e["id"] in highlighted} == {
        viz.transition_id(s.source, s.target): f"{s.years_min:g}–{s.years_max:g} y" for s in steps}
    dimmed = sorted(n["id"] for n in nodes if n["group"].startswith("dim "))
    assert dimmed == ["fx-apm", "fx-pmm", "fx-principal"]
    assert all(groups_of(view)[n["group"]]["color"]["background"] == viz.DIM_NODE["background"]
               for n in nodes if n["id"] in dimmed)
    assert all(e["color"] == viz.DIM_EDGE for e in edges if e["id"] not in highlighted)
    assert "typically 8–13 years" in view.caption and html.escape(view.caption) in view.html
    config = page_config(view.html)
    assert config["fit"] == ["fx-pm", "fx-spm", "fx-gpm", "fx-director", "fx-cpo"]  # it opens on the path
    assert sorted(config["highlight"]["edges"]) == highlighted


def test_path_view_takes_the_path_options(ladder):
    view = pmgraph.path_view(ladder, "fx-spm", "fx-cpo", k=2)
    _, edges = page_data(view.html)
    colours = {e["id"]: e["color"] for e in edges}
    assert colours["move:fx-principal->fx-cpo"] == viz.PATH_COLOUR  # best: spm -> principal -> cpo
    assert colours["move:fx-gpm->fx-director"] == viz.ALTERNATIVE_COLOUR
    avoided = pmgraph.path_view(ladder, "fx-spm", "fx-cpo", avoid=["fx-principal"])
    assert "3 steps" in avoided.caption
    with pytest.raises(NoPathError):
        pmgraph.path_view(ladder, "fx-pm", "fx-cpo", max_steps=2)
    with pytest.raises(UnknownRoleError, match="Did you mean"):
        pmgraph.path_view(ladder, "Fixture Principle PM", "fx-cpo")


def test_delta_colours_skills_by_change(views):
    view = views["delta"]
    nodes, edges = page_data(view.html)
    kinds = {n["id"]: n["kind"] for n in nodes if n["id"].startswith("skill:")}
    assert kinds == {"skill:fx-roadmapping": "levelled up", "skill:fx-analytics": "not stated",
                     "skill:fx-strategy": "gained", "skill:fx-coaching": "gained"}
    colour = {n["id"]: colour_of(view, n) for n in nodes}
    assert colour["skill:fx-strategy"] == viz.DELTA_COLOURS["gained"]
    assert colour["skill:fx-analytics"] == viz.DELTA_COLOURS["not stated"]
    label = next(n["label"] for n in nodes if n["id"] == "skill:fx-roadmapping")
    assert label == "Roadmapping\nworking → practitioner"
    legend = dict(legend_of(view.html))
    assert legend["Skill change"] == ["gained", "levelled up", "not stated"]  # what the page draws
    assert legend["Evidence"] == ["requirement stated by a framework or source document (solid)",
                                  "requirement by editorial judgement only (short dashes, lighter)"]  # coaching: stated
    # what only the source needs | source | both | target | what only the target needs
    x = {n["id"]: n["x"] for n in nodes}
    assert x["skill:fx-analytics"] < x["fx-pm"] < x["skill:fx-roadmapping"] < x["fx-gpm"] < x["skill:fx-strategy"]
    assert {(e["from"], e["to"]) for e in edges} == {
        ("fx-pm", "skill:fx-roadmapping"), ("fx-pm", "skill:fx-analytics"), ("skill:fx-roadmapping", "fx-gpm"),
        ("skill:fx-strategy", "fx-gpm"), ("skill:fx-coaching", "fx-gpm")}


def test_delta_requirements_only_editorial_judgement_states_are_dashed(bundled):
    career = project(bundled)
    view = pmgraph.delta_view(bundled, "senior product manager", "group product manager")
    dashes = {"stated": None, "derived": viz.DERIVED_DASHES, "editorial": viz.EDITORIAL_DASHES}
    seen = set()
    for edge in view.network.edges:
        role, skill = ((edge["from"], edge["to"][6:]) if edge["id"].startswith("has:")
                       else (edge["to"], edge["from"][6:]))
        found = career.requirement_evidence.get(role, {}).get(skill)
        grade = "stated" if found is None or found[0].grade is None else found[0].grade
        seen.add(grade)
        assert edge.get("dashes") == dashes[grade], edge["id"]
    assert "derived" in seen  # the crosswalk's requirements, drawn as derived


@pytest.mark.parametrize("graph, second", [("ladder", False), ("bundled", True)])
def test_org_legend_names_second_reporting_lines_only_where_drawn(request, graph, second):
    view = viz.org_view(request.getfixturevalue(graph))
    dotted = any(e.get("dashes") for e in view.network.edges)
    assert dotted is second
    assert dict(legend_of(view.html))["Reporting line"] == ["manages"] + (["also reports to"] if second else [])


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


def test_large_graph_lines_are_solid_and_it_opens_clustered(tmp_path):
    from tests.synthetic import load_ladder

    graph = load_ladder(1000, 3, tmp_path)
    roles = project(graph).roles
    view = viz.career_view(graph)
    edges = view.network.edges
    assert len(edges) > 1000 and not any(e.get("dashes") for e in edges)
    # a large page draws the moves; each role's tooltip names its managers
    assert all(e["id"].startswith("move:") for e in edges) and "too many to draw" in view.caption
    assert all("Reports to: " in n["title"] for n in view.network.nodes if n["label"] != "Synthetic CEO")
    legend = dict(legend_of(view.html))
    assert "dashed" not in " ".join(legend["Evidence"]) and "Clusters" in legend
    clusters = page_config(view.html)["clusters"]
    ids = [i for c in clusters for i in c["ids"]]
    assert len(ids) == len(set(ids)) > 900 and len(clusters) < 80  # every role in one cluster at most
    for cluster in clusters:  # one function at one level each, named so
        (function, level), = {(roles[i].function, roles[i].level) for i in cluster["ids"]}
        assert cluster["label"] == f"{function} · L{level} · {len(cluster['ids'])}"
        assert cluster["title"].startswith(f"{len(cluster['ids'])} {function} roles at level {level} (")


VIZ_MODULES = ["pmgraph.viz", "pmgraph.viz.page", "pmgraph.viz.views", "pmgraph.viz.layout", "pmgraph.viz.routing"]


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


def test_views_are_top_level_and_pyvis_loads_only_to_draw():
    import subprocess
    import sys

    from tests.conftest import LADDER, ROOT

    code = ("import sys, pmgraph; import pmgraph.viz; assert 'pyvis' not in sys.modules; "
            "assert 'jinja2' not in sys.modules; assert pmgraph.career_view is pmgraph.viz.career_view; "
            f"view = pmgraph.career_view(pmgraph.load([{str(LADDER)!r}])); assert 'vis.Network' in view.html; "
            "assert type(view.network).__module__ == 'pyvis.network'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_bundled_tooltips_mark_estimated_levels_and_say_who_states_a_skill(bundled):
    """A level no source states is marked an estimate in the role cards and the delta view; the
    delta view says which frameworks state each requirement."""
    nodes, _ = page_data(pmgraph.delta_view(bundled, "senior product manager", "group product manager").html)
    titles = {n["id"]: n["title"] for n in nodes}
    assert "practitioner → expert" in titles["skill:product-strategy"]
    assert "(estimate)" not in titles["skill:product-strategy"]
    assert "Evidence: derived: broad match (ddat)" in titles["skill:product-strategy"]
    assert "new: practitioner (estimate)" in titles["skill:people-leadership"]
    head = next(n["title"] for n in page_data(viz.career_view(bundled).html)[0] if n["id"] == "director-of-product")
    assert ", estimate)" in head and "Key skills:" in head
