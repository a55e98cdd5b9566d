"""The HTML views in a real headless Chromium: they load offline, without console errors, hold the
expected network, and highlight the path. Screenshots go to test-artifacts/ for a human to look at.

Needs chromium, chromium-driver and selenium; skipped on a developer machine without them, failed
in CI (CI=true), where .ci/run installs them.
"""

import time

import pytest

from pmgraph import viz
from tests import browser
from tests.conftest import ROOT, require_or_skip
from tests.test_viz import page_data

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    missing = browser.missing()
    require_or_skip(missing is None, missing or "")
    driver = browser.start(tmp_path_factory.mktemp("chromium-profile"), width=1400, height=950)
    driver.get("about:blank")  # leave the start-up new-tab page, whose chrome:// loads would muddle the log
    yield driver
    driver.quit()


def open_page(driver, view, path):
    """Load ``view`` from a file:// URL; return the console messages and requested URLs of that load."""
    view.write(path)
    driver.get_log("browser")
    browser.requested_urls(driver)  # drain what came before this page
    driver.get(path.as_uri())
    driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });")
    return driver.get_log("browser"), browser.requested_urls(driver)


def bundled_views(graph):
    return {
        "career": viz.career_view(graph),
        "focus": viz.focus_view(graph, "Group Product Manager", depth=1),
        "path": viz.path_view(graph, "Associate Product Manager", "Chief Product Officer", by="years", k=2),
        "delta": viz.delta_view(graph, "Product Manager", "Group Product Manager"),
        "org": viz.org_view(graph),
    }


@pytest.fixture(scope="module")
def views(bundled):
    return bundled_views(bundled)


@pytest.mark.parametrize("name", ["career", "focus", "path", "delta", "org"])
def test_view_loads_offline_without_errors(chromium, views, tmp_path, name):
    view = views[name]
    page = tmp_path / f"{name}.html"
    console, requests = open_page(chromium, view, page)
    assert [m for m in console if m["level"] in ("SEVERE", "WARNING")] == []
    # The page itself and the data: URIs of vis-network's inlined stylesheet; nothing else
    # (chrome:// loads are the browser's own pages, not network requests).
    assert [u for u in requests if u != page.as_uri() and not u.startswith(("data:", "chrome:"))] == []
    assert page.as_uri() in requests
    counts = chromium.execute_script(
        "return [network.body.data.nodes.length, network.body.data.edges.length,"
        " network.body.nodeIndices.length, network.body.edgeIndices.length]")
    assert counts == [view.nodes, view.edges, view.nodes, view.edges]
    legend = chromium.find_element("id", "legend")
    assert legend.is_displayed() and "TRACK" in legend.text.upper()
    ARTIFACTS.mkdir(exist_ok=True)
    assert chromium.save_screenshot(str(ARTIFACTS / f"viz-{name}.png"))


@pytest.mark.parametrize("name", ["career", "focus", "path", "delta", "org"])
def test_page_builds_the_nodes_and_edges_the_tests_read(chromium, views, tmp_path, name):
    """The page ships its network compact and its script expands it; test_viz reads the same data
    with a Python twin of that script. Both must give the same vis-network objects."""
    open_page(chromium, views[name], tmp_path / f"{name}.html")
    built = chromium.execute_script("return [nodes.get(), edges.get()]")
    assert built == list(page_data(views[name].html))


def test_path_edges_carry_the_highlight(chromium, views, bundled, tmp_path):
    from pmgraph.career.paths import shortest_path

    best = shortest_path(bundled, "Associate Product Manager", "Chief Product Officer", by="years")
    open_page(chromium, views["path"], tmp_path / "path.html")
    ids = [viz.transition_id(s.source, s.target) for s in best.steps]
    drawn = chromium.execute_script(
        "return arguments[0].map(function (id) { var e = network.body.edges[id];"
        " return e ? [e.options.color.color, e.options.width] : null; });", ids)
    assert drawn == [[viz.PATH_COLOUR, 6]] * len(ids)
    others = chromium.execute_script(
        "var on = arguments[0]; return network.body.edgeIndices.filter(function (id) {"
        " return on.indexOf(id) < 0 && network.body.edges[id].options.color.color === arguments[1]; }).length;",
        ids, viz.PATH_COLOUR)
    assert others == 0


def test_tooltip_shows_on_hover(chromium, views, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(chromium, views["career"], tmp_path / "career.html")
    x, y = chromium.execute_script(
        "var p = network.canvasToDOM(network.getPositions(['product-manager'])['product-manager']);"
        "return [Math.round(p.x), Math.round(p.y)];")
    canvas = chromium.find_element("css selector", "#mynetwork canvas")
    width, height = canvas.size["width"], canvas.size["height"]
    ActionChains(chromium).move_to_element_with_offset(canvas, x - width // 2, y - height // 2).perform()
    deadline = time.monotonic() + 5
    text = ""
    while time.monotonic() < deadline and "Product Manager" not in text:
        time.sleep(0.2)
        tips = chromium.find_elements("css selector", "div.vis-tooltip")
        text = tips[0].text if tips and tips[0].is_displayed() else ""
    assert "level 2" in text and "Key skills:" in text
    nodes, _ = page_data(views["career"].html)
    assert text == next(n["title"] for n in nodes if n["id"] == "product-manager")
    ARTIFACTS.mkdir(exist_ok=True)
    assert chromium.save_screenshot(str(ARTIFACTS / "viz-tooltip.png"))


def test_a_few_thousand_roles_open_and_draw_quickly(tmp_path_factory, tmp_path):
    """A 3,000-role organisation (pmgraph.loading.synth): physics off, positions computed, solid lines —
    it draws in seconds."""
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
        assert drawn < 20_000  # ms from navigation start; about 1-2 s here, 12 s with dashed lines
        assert driver.execute_script("return network.physics.options.enabled") is False
        assert driver.execute_script("return network.body.nodeIndices.length") == view.nodes
        assert [m for m in driver.get_log("browser") if m["level"] == "SEVERE"] == []
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "viz-career-3000.png"))
    finally:
        driver.quit()
