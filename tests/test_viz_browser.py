"""The HTML views in a real headless Chromium: they load offline without console errors, hold the
network pyvis was given, and read at a glance, measured on what vis-network drew.

Geometry (issue 17), for every view of the bundled graph and of a 300-role synthetic ladder: no
line passes through a node it does not join; no two labels overlap; after load every node of the
opening view is inside the window at 1280x800, 1400x900 and 1920x1080 and not under the legend;
the path view opens on the path, filling most of the window. Then the search box, the level
labels, the tooltips (clear of the highlighted path) and the clusters of a large page.
Screenshots of every view at 1280x800 go to test-artifacts/ for a human to look at.

Needs chromium, chromium-driver and selenium; skipped on a developer machine without them, failed
in CI (CI=true), where .ci/run installs them. One Chromium serves the whole module.
"""

from __future__ import annotations

import math
import time

import pytest

import pmgraph
from pmgraph import viz
from pmgraph.career.projection import project
from tests import browser
from tests.conftest import ROOT, require_or_skip

ARTIFACTS = ROOT / "test-artifacts"
SIZES = [(1280, 800), (1400, 900), (1920, 1080)]


# ----------------------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    missing = browser.missing()
    require_or_skip(missing is None, missing or "")
    driver = browser.start(tmp_path_factory.mktemp("chromium-profile"), width=1280, height=800)
    driver.get("about:blank")  # leave the start-up new-tab page, whose chrome:// loads would muddle the log
    yield driver
    driver.quit()


def window(driver, width, height):
    """Make the page's viewport exactly ``width`` x ``height`` CSS pixels."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def open_page(driver, page, path, size=(1280, 800)):
    """Load ``page`` (a View, or HTML) from a file:// URL at viewport ``size``, and wait until it has
    fitted itself and drawn; return the console messages and requested URLs of that load."""
    path.write_text(page if isinstance(page, str) else page.html, encoding="utf-8")
    window(driver, *size)
    driver.get_log("browser")
    browser.requested_urls(driver)  # drain what came before this page
    driver.get(path.as_uri())
    deadline = time.monotonic() + 60
    while not driver.execute_script("return window.pmgraphReady === true"):
        assert time.monotonic() < deadline, "the page never finished its first drawing"
        time.sleep(0.05)
    driver.execute_async_script(  # two more frames: whatever the first fit changed is drawn
        "var done = arguments[arguments.length - 1];"
        "requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });")
    assert driver.execute_script("return [innerWidth, innerHeight]") == list(size)
    return driver.get_log("browser"), browser.requested_urls(driver)


MEASURE = """
var everything = arguments[0];
if (everything) {  // vis-network measures a label when it first draws it: draw them all first
  network.fit({animation: false}); network.redraw(); network.fit({animation: false}); network.redraw();
}
var stage = document.getElementById("mynetwork").getBoundingClientRect();
var key = document.getElementById("legend").getBoundingClientRect();
var out = {scale: network.getScale(), stage: [stage.left, stage.top, stage.right, stage.bottom],
           legend: [key.left, key.top, key.right, key.bottom], nodes: {}, edges: []};
function dom(x, y) { var p = network.canvasToDOM({x: x, y: y}); return [p.x + stage.left, p.y + stage.top]; }
network.body.nodeIndices.forEach(function (id) {
  var n = network.body.nodes[id], b = network.getBoundingBox(id), l = n.labelModule.size;
  var a = dom(b.left, b.top), c = dom(b.right, b.bottom);
  out.nodes[id] = {x: n.x, y: n.y, shape: n.options.shape, size: n.options.size, width: n.shape.width,
                   height: n.shape.height, dom: [a[0], a[1], c[0], c[1]],
                   label: n.options.label ? [l.left, l.top, l.left + l.width, l.top + l.height] : null};
});
network.body.edgeIndices.forEach(function (id) {
  var e = network.body.edges[id];
  if (!e.connected || e.options.hidden) { return; }
  var points = [];
  for (var i = 0; i <= 60; i++) { var p = e.edgeType.getPoint(i / 60); points.push([p.x, p.y]); }
  var label = null;
  if (e.options.label && e.labelModule.size.width) {
    var s = e.labelModule.size;
    label = [s.left, s.top, s.left + s.width, s.top + s.height];
  }
  out.edges.push({id: id, from: e.fromId, to: e.toId, points: points, label: label,
                  smooth: e.options.smooth.enabled ? e.options.smooth.type : null});
});
return out;
"""


def measure(driver, everything=False):
    """What the page drew: nodes (canvas position, size, label box; box on the page), edges (points
    along each line), the graph's part of the window and the legend's. ``everything``: first fit
    the whole graph, so that every label has been drawn and measured (this moves the view)."""
    return driver.execute_script(MEASURE, everything)


# ----------------------------------------------------------------------------- geometry


def _segment_distance(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _inside(p, box):
    return box[0] < p[0] < box[2] and box[1] < p[1] < box[3]


def _overlap(a, b, slack=0.0):
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def _node_box(node):
    """A box-shaped node's rectangle (label inside), in canvas coordinates."""
    return [node["x"] - node["width"] / 2, node["y"] - node["height"] / 2,
            node["x"] + node["width"] / 2, node["y"] + node["height"] / 2]


def lines_through_nodes(drawn):
    """Every (edge, node) where the drawn line passes a node it does not join: within the radius of
    a round node's centre, or inside a box."""
    found = []
    for edge in drawn["edges"]:
        points = edge["points"]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        for nid, node in drawn["nodes"].items():
            if nid in (edge["from"], edge["to"]):
                continue
            if node["shape"] in ("box", "ellipse", "database", "text"):
                box = _node_box(node)
                if any(_inside(p, box) for p in points) or any(
                        _segment_distance(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), a, b)
                        < min(box[2] - box[0], box[3] - box[1]) / 2 for a, b in zip(points, points[1:])):
                    found.append((edge["id"], nid))
                continue
            radius = node["size"]
            centre = (node["x"], node["y"])
            if not (min(xs) - radius < centre[0] < max(xs) + radius
                    and min(ys) - radius < centre[1] < max(ys) + radius):
                continue
            if min(_segment_distance(centre, a, b) for a, b in zip(points, points[1:])) <= radius:
                found.append((edge["id"], nid))
    return found


def overlapping_labels(drawn):
    """Every pair of nodes whose labels overlap (a box-shaped node's label is its box)."""
    boxes = []
    for nid, node in drawn["nodes"].items():
        if node["shape"] in ("box", "ellipse", "database", "text"):
            boxes.append((nid, _node_box(node)))
        elif node["label"]:
            boxes.append((nid, node["label"]))
    boxes.sort(key=lambda b: b[1][0])
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if box_b[0] >= box_a[2]:
                break
            if _overlap(box_a, box_b, slack=0.5):
                found.append((a, b))
    return found


def outside_window(drawn, ids=None):
    """Nodes (of ``ids``, or all) drawn partly outside the graph's part of the window, or under the legend."""
    stage, legend = drawn["stage"], drawn["legend"]
    found = []
    for nid, node in drawn["nodes"].items():
        if ids is not None and nid not in ids:
            continue
        box = node["dom"]
        if box[0] < stage[0] - 0.5 or box[1] < stage[1] - 0.5 or box[2] > stage[2] + 0.5 or box[3] > stage[3] + 0.5:
            found.append((nid, "outside", [round(v) for v in box]))
        elif _overlap(box, legend):
            found.append((nid, "under the legend", [round(v) for v in box]))
    return found


# ----------------------------------------------------------------------------- the views


def bundled_views(graph):
    return {
        "career": viz.career_view(graph),
        "focus": pmgraph.focus_view(graph, "Group Product Manager", depth=1),
        "path": pmgraph.path_view(graph, "Associate Product Manager", "Chief Product Officer", by="years", k=2),
        # issue 17's case: Principal PM, Director, Distinguished PM and Head of Product once shared a column
        "path-principal": pmgraph.path_view(graph, "Principal Product Manager", "Chief Product Officer", k=2),
        "delta": pmgraph.delta_view(graph, "Product Manager", "Group Product Manager"),
        "org": viz.org_view(graph),
    }


def synthetic_views(graph):
    return {
        "career": viz.career_view(graph),
        "focus": pmgraph.focus_view(graph, "Unit 2 product manager 5", depth=1),
        "path": pmgraph.path_view(graph, "Unit 0 product IC 1", "Chief product officer", k=2),
        "delta": pmgraph.delta_view(graph, "Unit 1 design IC 3", "Unit 1 design manager 4"),
        "org": viz.org_view(graph),
    }


@pytest.fixture(scope="module")
def views(bundled):
    return bundled_views(bundled)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from tests.synthetic import load_ladder

    graph = load_ladder(300, 11, tmp_path_factory.mktemp("synthetic-300"))
    assert 290 <= len(project(graph).roles) <= 320
    return graph


@pytest.fixture(scope="module")
def synthetic_pages(synthetic):
    return synthetic_views(synthetic)


def _all_views(views, synthetic_pages):
    return {**{f"bundled-{k}": v for k, v in views.items()},
            **{f"synthetic-{k}": v for k, v in synthetic_pages.items()}}


VIEW_NAMES = [f"bundled-{n}" for n in ("career", "focus", "path", "path-principal", "delta", "org")] + [
    f"synthetic-{n}" for n in ("career", "focus", "path", "delta", "org")]


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_view_reads_at_a_glance(chromium, views, synthetic_pages, tmp_path, name):
    """In Chromium, at three window sizes: offline and without console errors; no line through a
    node it does not join; no overlapping labels; the opening view inside the window, clear of the
    legend; a path view zoomed onto its path."""
    view = _all_views(views, synthetic_pages)[name]
    page = tmp_path / f"{name}.html"
    focus = set(_config(view)["fit"])
    for size in SIZES:
        console, requests = open_page(chromium, view, page, size)
        assert [m for m in console if m["level"] in ("SEVERE", "WARNING")] == []
        assert [u for u in requests if u != page.as_uri() and not u.startswith(("data:", "chrome:"))] == []
        drawn = measure(chromium)
        if size == SIZES[0]:
            ARTIFACTS.mkdir(exist_ok=True)
            assert chromium.save_screenshot(str(ARTIFACTS / f"viz-{name}.png"))
        assert outside_window(drawn, focus or None) == [], f"at {size}"
        if focus:  # a path view: the path fills most of the window
            stage = drawn["stage"]
            boxes = [drawn["nodes"][n]["dom"] for n in focus]
            width = max(b[2] for b in boxes) - min(b[0] for b in boxes)
            height = max(b[3] for b in boxes) - min(b[1] for b in boxes)
            assert max(width / (stage[2] - stage[0]), height / (stage[3] - stage[1])) > 0.8, f"at {size}"
    whole = measure(chromium, everything=True)  # canvas geometry: the same at every size
    assert len(whole["nodes"]) == view.nodes and len(whole["edges"]) == view.edges
    assert lines_through_nodes(whole) == []
    assert overlapping_labels(whole) == []


def _config(view):
    import json

    return json.loads(view.network.templateEnv.globals["pmgraph"]["config"])


def test_the_router_draws_what_vis_network_draws(chromium, views, tmp_path):
    """pmgraph.viz.routing reproduces vis-network's curves: the points it checked are the points drawn."""
    from pmgraph.viz.routing import curve

    view = views["career"]
    open_page(chromium, view, tmp_path / "career.html")
    drawn = {e["id"]: e for e in measure(chromium)["edges"]}
    at = {n["id"]: (n["x"], n["y"]) for n in view.network.nodes}
    curved = 0
    for edge in view.network.edges:
        smooth = edge.get("smooth")
        ours = curve(at[edge["from"]], at[edge["to"]], smooth, samples=60)
        theirs = drawn[edge["id"]]["points"]
        if smooth:
            curved += 1
            assert max(math.dist(p, q) for p, q in zip(ours, theirs)) < 0.5, edge["id"]
        else:
            assert math.dist(ours[0], theirs[0]) < 0.5 and math.dist(ours[-1], theirs[-1]) < 0.5
    assert curved >= 10  # the bundled graph needs curves, and has them


@pytest.mark.parametrize("name", ["career", "focus", "path", "delta", "org"])
def test_page_holds_the_network_pyvis_was_given(chromium, views, tmp_path, name):
    """vis-network gets pyvis' nodes and edges as they are, but for the titles, which the page shows
    in its own tooltip (placed clear of the highlighted path)."""
    view = views[name]
    open_page(chromium, view, tmp_path / f"{name}.html")
    nodes, edges, titles = chromium.execute_script("return [nodes.get(), edges.get(), pmgraphTitles]")
    given_nodes = sorted(view.network.nodes, key=lambda n: n["id"])
    given_edges = sorted(view.network.edges, key=lambda e: e["id"])
    assert [{k: v for k, v in n.items() if k != "title"} for n in given_nodes] == sorted(nodes, key=lambda n: n["id"])
    readable = set(_config(view)["labelled"])  # the page sizes these labels to read at its opening zoom
    for edge in edges:
        if edge["id"] in readable:
            assert edge["font"]["size"] >= 16
            assert edge["font"].pop("vadjust") == min(30, round(13 + 0.6 * edge["font"]["size"]))
            edge["font"]["size"] = next(e for e in given_edges if e["id"] == edge["id"])["font"]["size"]
    assert [{k: v for k, v in e.items() if k != "title"} for e in given_edges] == sorted(edges, key=lambda e: e["id"])
    assert titles["nodes"] == {n["id"]: n["title"] for n in given_nodes}
    assert titles["edges"] == {e["id"]: e["title"] for e in given_edges}


def test_a_notebook_can_change_the_network_and_the_page_still_works(chromium, bundled, tmp_path):
    """As a pyvis user would: take View.network, change its options through pyvis, write the page."""
    view = pmgraph.path_view(bundled, "Product Manager", "Chief Product Officer")
    net = view.network
    net.toggle_physics(False)
    net.options.interaction.navigationButtons = True
    net.options.interaction.keyboard = True
    net.add_node("my-note", label="My note", x=0, y=-300, shape="box", color="#ffee88", title="Added in a notebook")
    net.add_edge("my-note", "chief-product-officer", title="a note")
    page = tmp_path / "tweaked.html"
    html = net.generate_html()  # pyvis' own call: the page still comes from pmgraph's template
    assert '"navigationButtons": true' in html and "my-note" in html and 'id="legend"' in html
    console, requests = open_page(chromium, html, page)
    assert [m for m in console if m["level"] in ("SEVERE", "WARNING")] == []
    assert [u for u in requests if u != page.as_uri() and not u.startswith(("data:", "chrome:"))] == []
    assert chromium.execute_script("return document.querySelectorAll('div.vis-navigation').length") == 1
    assert chromium.execute_script("return network.body.data.nodes.get('my-note').label") == "My note"
    assert chromium.execute_script("return network.body.nodeIndices.length") == view.nodes


def test_show_buttons_and_physics_work_as_in_pyvis(chromium, bundled, tmp_path):
    """show_buttons() puts vis-network's settings panel in view (pyvis' #config container), and
    toggle_physics(True) turns physics on in the page."""
    view = viz.career_view(bundled)
    net = view.network
    net.toggle_physics(True)
    net.show_buttons(filter_=["physics"])
    console, _requests = open_page(chromium, net.generate_html(), tmp_path / "buttons.html")
    assert [m for m in console if m["level"] == "SEVERE"] == []
    assert chromium.execute_script("return network.physics.options.enabled") is True
    box = chromium.execute_script(
        "var w = document.querySelector('#config .vis-configuration-wrapper'); if (!w) return null;"
        " var r = w.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight];")
    assert box is not None, "no settings panel in #config"
    left, top, right, bottom, width, height = box
    assert 0 <= left < right <= width and 0 <= top < min(bottom, height), box


def test_path_edges_carry_the_highlight_and_readable_years(chromium, views, bundled, tmp_path):
    from pmgraph import shortest_path  # the curated API: names, resolved

    best = shortest_path(bundled, "Associate Product Manager", "Chief Product Officer", by="years")
    open_page(chromium, views["path"], tmp_path / "path.html")
    ids = [viz.transition_id(s.source, s.target) for s in best.steps]
    drawn = chromium.execute_script(
        "return arguments[0].map(function (id) { var e = network.body.edges[id];"
        " return e ? [e.options.color.color, e.options.width, e.options.label, e.options.font.size] : null; });", ids)
    assert [d[:2] for d in drawn] == [[viz.PATH_COLOUR, 6]] * len(ids)
    assert all(d[2] and d[2].endswith(" y") for d in drawn)  # "2–4 y"
    scale = chromium.execute_script("return network.getScale()")
    assert min(d[3] for d in drawn) * scale >= 12.9  # px on screen at the opening zoom
    others = chromium.execute_script(
        "var on = arguments[0]; return network.body.edgeIndices.filter(function (id) {"
        " return on.indexOf(id) < 0 && network.body.edges[id].options.color.color === arguments[1]; }).length;",
        ids, viz.PATH_COLOUR)
    assert others == 0


def _hover(driver, node_id):
    """Move the mouse onto ``node_id``; return the tooltip's text and page rectangle once shown."""
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = driver.execute_script(
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);"
        "return [Math.round(p.x), Math.round(p.y)];", node_id)
    canvas = driver.find_element("css selector", "#mynetwork canvas")
    width, height = canvas.size["width"], canvas.size["height"]
    ActionChains(driver).move_to_element_with_offset(canvas, 0, 0).move_by_offset(1, 1).perform()
    ActionChains(driver).move_to_element_with_offset(canvas, x - width // 2, y - height // 2).perform()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        shown = driver.execute_script(
            "var t = document.getElementById('tooltip'); if (t.style.display !== 'block') { return null; }"
            "var r = t.getBoundingClientRect(); return [t.textContent, [r.left, r.top, r.right, r.bottom]];")
        if shown:
            return shown
        time.sleep(0.05)
    raise AssertionError(f"no tooltip for {node_id}")


def test_tooltips_show_on_hover_clear_of_the_highlighted_path(chromium, views, tmp_path):
    view = views["path"]
    open_page(chromium, view, tmp_path / "path.html")
    config = _config(view)
    titles = {n["id"]: n["title"] for n in view.network.nodes}
    drawn = measure(chromium)
    stage = drawn["stage"]
    path_boxes = [drawn["nodes"][n]["dom"] for n in config["highlight"]["nodes"]]
    path_points = []
    for edge in drawn["edges"]:
        if edge["id"] in config["highlight"]["edges"]:
            for x, y in edge["points"]:
                p = chromium.execute_script("return network.canvasToDOM({x: arguments[0], y: arguments[1]})", x, y)
                path_points.append((p["x"] + stage[0], p["y"] + stage[1]))
    for node in config["highlight"]["nodes"]:
        text, box = _hover(chromium, node)
        assert text == titles[node]
        assert "Key skills:" in text
        assert not any(_overlap(box, b) for b in path_boxes), node
        assert not any(_inside(p, box) for p in path_points), node
        assert stage[0] <= box[0] and box[2] <= stage[2] and stage[1] <= box[1] and box[3] <= stage[3]
    ARTIFACTS.mkdir(exist_ok=True)
    assert chromium.save_screenshot(str(ARTIFACTS / "viz-tooltip.png"))


def _search(driver, text):
    box = driver.find_element("id", "search")
    box.clear()
    box.send_keys(text)
    return driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#matches li'), function (li) {"
        " return [li.dataset.id || null, li.textContent]; })")


def test_search_finds_a_role_by_part_of_its_name_or_a_synonym_and_centres_it(chromium, views, bundled, tmp_path):
    from selenium.webdriver.common.keys import Keys

    career = project(bundled)
    open_page(chromium, views["career"], tmp_path / "career.html")
    matches = _search(chromium, "distingu")
    assert matches and matches[0][0] == "distinguished-product-manager"
    chromium.find_element("id", "search").send_keys(Keys.ENTER)
    selected, at, middle = chromium.execute_script(
        "var p = network.canvasToDOM("
        "network.getPositions(['distinguished-product-manager'])['distinguished-product-manager']);"
        "var c = document.getElementById('mynetwork');"
        "return [network.getSelectedNodes(), [p.x, p.y], [c.clientWidth / 2, c.clientHeight / 2]];")
    assert selected == ["distinguished-product-manager"]
    assert math.dist(at, middle) < 2
    # A synonym: the matches name the role, and say which of its names matched
    role, synonym = next((r.id, s) for r in sorted(career.roles.values(), key=lambda r: r.id) for s in r.synonyms
                         if len(s) > 4 and s.casefold() not in r.label.casefold())
    matches = _search(chromium, synonym[1:-1])
    assert role in [m[0] for m in matches]
    assert any(m[0] == role and "also " + synonym in m[1] for m in matches)
    assert _search(chromium, "zzzz") == [[None, "No role matches"]]


def test_level_labels_run_along_the_left_edge_at_each_levels_height(chromium, views, bundled, tmp_path):
    open_page(chromium, views["career"], tmp_path / "career.html")
    marks = chromium.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#levels span'), function (s) {"
        " return [s.textContent, s.getBoundingClientRect().top + s.getBoundingClientRect().height / 2,"
        " s.style.display]; })")
    levels = {r.level for r in project(bundled).roles.values()}
    assert [m[0] for m in marks] == [f"level {n}" for n in sorted(levels, reverse=True)]
    rows = chromium.execute_script(
        "var c = document.getElementById('mynetwork').getBoundingClientRect(), out = {};"
        "nodes.forEach(function (n) { out[n.id] = network.canvasToDOM({x: n.x, y: n.y}).y + c.top; }); return out;")
    for role in project(bundled).roles.values():
        mark = next(m for m in marks if m[0] == f"level {role.level}")
        assert abs(mark[1] - rows[role.id]) < 2 and mark[2] == ""


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    from tests.synthetic import load_ladder

    return load_ladder(1500, 7, tmp_path_factory.mktemp("synthetic-1500"))


def test_a_large_graph_opens_clustered_and_a_click_opens_a_cluster(chromium, big, tmp_path):
    """Over 500 roles, each function's roles at each level open as one cluster; search finds a role
    inside one; the page's nodes are all in the window."""
    from selenium.webdriver.common.action_chains import ActionChains

    view = viz.career_view(big)
    clusters = _config(view)["clusters"]
    assert view.nodes > 1400 and len(clusters) >= 30
    console, _ = open_page(chromium, view, tmp_path / "big.html")
    assert [m for m in console if m["level"] in ("SEVERE", "WARNING")] == []
    shown = chromium.execute_script("return network.body.nodeIndices.length")
    clustered = sum(len(c["ids"]) for c in clusters)
    assert shown == view.nodes - clustered + len(clusters)
    assert chromium.execute_script("return network.isCluster(arguments[0])", f"cluster:{clusters[0]['cell']}")
    # one line per pair of clusters: far fewer than the moves they stand for
    drawn = chromium.execute_script("return network.body.edgeIndices.length")
    assert 0 < drawn < view.edges / 5
    assert outside_window(measure(chromium)) == []
    ARTIFACTS.mkdir(exist_ok=True)
    assert chromium.save_screenshot(str(ARTIFACTS / "viz-career-1500-clustered.png"))
    first = clusters[0]
    x, y = chromium.execute_script(
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]); return [p.x, p.y];",
        f"cluster:{first['cell']}")
    canvas = chromium.find_element("css selector", "#mynetwork canvas")
    ActionChains(chromium).move_to_element_with_offset(
        canvas, round(x) - canvas.size["width"] // 2, round(y) - canvas.size["height"] // 2).click().perform()
    time.sleep(0.3)
    assert chromium.execute_script("return network.body.nodes[arguments[0]] === undefined", f"cluster:{first['cell']}")
    assert chromium.execute_script("return network.body.nodeIndices.length") == shown - 1 + len(first["ids"])
    # the opened roles' own moves are drawn, and lines to the clusters still closed stand for the rest
    ends = chromium.execute_script("return edges.get().map(function (e) { return [e.id, e.from, e.to]; })")
    opened = set(first["ids"])
    own = {e for e, a, b in ends if e.startswith("move:") and (a in opened or b in opened)}
    closed = {i for c in clusters for i in c["ids"]} - opened
    expected = {e["id"] for e in view.network.edges if (e["from"] in opened or e["to"] in opened)
                and e["from"] not in closed and e["to"] not in closed}
    assert expected and expected <= own
    assert not any(f"cluster:{first['cell']}" in (a, b) for _e, a, b in ends)
    assert any(e.startswith("lines:") and (a in opened or b in opened) for e, a, b in ends)
    # search reaches into a cluster that is still closed
    hidden = clusters[-1]["ids"][0]
    label = next(n["label"] for n in view.network.nodes if n["id"] == hidden)
    matches = _search(chromium, label)
    assert matches[0][0] == hidden
    chromium.execute_script("document.querySelector('#matches li').dispatchEvent(new MouseEvent('mousedown'))")
    assert chromium.execute_script("return network.getSelectedNodes()") == [hidden]
    assert chromium.execute_script("return network.findNode(arguments[0]).length", hidden) == 1


def test_a_few_thousand_roles_open_and_draw_quickly(tmp_path_factory, tmp_path):
    """A 3,000-role organisation (pmgraph.loading.synth): physics off, positions computed, solid lines,
    clusters: it draws in seconds."""
    from tests.synthetic import load_ladder

    missing = browser.missing()
    require_or_skip(missing is None, missing or "")
    graph = load_ladder(3050, 7, tmp_path)
    view = viz.career_view(graph)
    assert view.nodes >= 3000
    page = tmp_path / "big.html"
    view.write(page)
    driver = browser.start(tmp_path_factory.mktemp("chromium-big"), tti_hook=True)
    try:
        driver.get("about:blank")
        driver.get(page.as_uri())
        deadline = time.monotonic() + 60
        drawn = None
        while drawn is None and time.monotonic() < deadline:
            drawn = driver.execute_script("return window.__pmgraphDrawn || null")
            time.sleep(0.1)
        assert drawn is not None, "the network never drew"
        assert drawn < 20_000  # ms from navigation start; well under a second here
        assert driver.execute_script("return network.physics.options.enabled") is False
        assert driver.execute_script("return nodeData.length") == view.nodes  # clustered roles join when opened
        assert [m for m in driver.get_log("browser") if m["level"] == "SEVERE"] == []
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "viz-career-3000.png"))
    finally:
        driver.quit()
