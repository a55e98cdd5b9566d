"""The career explorer (issue 18): a pyvis-drawn offline page that shows, for any two roles, what
`pmgraph path` and `pmgraph delta` print. Checked in headless Chromium against the CLI."""

from __future__ import annotations

import json
import random
import re

import pytest
from click.testing import CliRunner

import pmgraph
from pmgraph.career.paths import WEIGHTS, shortest_paths
from pmgraph.career.projection import project
from pmgraph.cli import cli
from pmgraph.errors import InvalidDataError, NoPathError
from pmgraph.render.career import stated_by
from pmgraph.viz.explorer import MAX_ROLES, explorer
from pmgraph.wording import path_summary as _summary, step_years
from tests import browser
from tests.conftest import ROOT, require_or_skip

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def page(bundled):
    return explorer(bundled)


def test_pyvis_draws_the_page_and_a_notebook_can_tweak_it(bundled, tmp_path):
    from pyvis.network import Network

    made = explorer(bundled)
    assert isinstance(made.network, Network)
    assert len(made.network.nodes) == len(project(bundled).roles)
    made.network.toggle_physics(True)  # what a notebook user does before showing it
    tweaked = made.network.generate_html(name="explorer.html", notebook=False)
    assert '"enabled": true' in tweaked and "pmgraphExplore" in tweaked
    assert not re.search(r'<script[^>]+src=|<link\b|https://cdn', tweaked)


def test_the_page_is_self_contained_and_the_same_every_time(bundled, page):
    html = page.html
    assert not re.search(r'<script[^>]+src=|<link\b|https://cdn', html)
    assert explorer(bundled).html == html
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in html


def test_the_answers_are_pmgraph_paths(bundled, page):
    career = project(bundled)
    rng = random.Random(7)
    ids = sorted(career.roles)
    for source, target in [(rng.choice(ids), rng.choice(ids)) for _ in range(60)]:
        for by in WEIGHTS:
            carried = page.data["paths"][by].get(f"{source} {target}")
            try:
                best = shortest_paths(career, source, target, k=1, by=by)[0]
            except NoPathError:
                assert carried is None or source == target
                continue
            if source != target:
                assert carried == {"roles": list(best.roles), "summary": _summary(best)}


def test_a_ladder_too_large_is_refused(tmp_path):
    from tests.synthetic import load_ladder

    graph = load_ladder(600, seed=3, work=tmp_path)
    assert len(project(graph).roles) > MAX_ROLES
    with pytest.raises(InvalidDataError, match="the explorer carries every pair's paths"):
        explorer(graph)


def test_a_300_role_ladder_is_explored(tmp_path):
    from tests.synthetic import load_ladder

    graph = load_ladder(300, seed=5, work=tmp_path)
    page = explorer(graph)
    career = project(graph)
    assert len(page.data["roles"]) == len(career.roles) >= 250
    by_years = page.data["paths"]["years"]
    source, target = max(by_years, key=lambda pair: len(by_years[pair]["roles"])).split()
    assert page.data["paths"]["years"][f"{source} {target}"]["roles"] == list(
        shortest_paths(career, source, target, k=1, by="years")[0].roles)


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    missing = browser.missing()
    require_or_skip(missing is None, missing or "")
    driver = browser.start(tmp_path_factory.mktemp("chromium-explorer"), width=1400, height=900)
    driver.get("about:blank")
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def opened(chromium, page, tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "career.html"
    page.write(path)
    chromium.get_log("browser")
    browser.requested_urls(chromium)
    chromium.get(path.as_uri())
    return chromium


READ_ANSWER = """
var out = {};
document.querySelectorAll('section.path').forEach(function (s) {
  out[s.dataset.weight] = {
    steps: Array.from(s.querySelectorAll(':scope > ol > li')).map(function (li) {
      return [li.dataset.from, li.dataset.to, li.firstChild.textContent + li.querySelector('.cite').textContent]; }),
    summary: (s.querySelector('.summary') || {}).textContent || null,
    none: !!s.querySelector('[data-none]')};
});
var whole = document.querySelector('#answer > .delta');
out.delta = whole ? Array.from(whole.querySelectorAll('.change')).map(function (c) {
  return [c.dataset.change, c.lastChild.textContent]; }) : null;
var effort = whole ? whole.querySelector('.effort').dataset.effort : null;
out.delta_effort = effort === null || effort === "" ? null : Number(effort);
return out;
"""


def cli_json(*args):
    result = CliRunner().invoke(cli, list(args))
    return json.loads(result.stdout) if result.exit_code == 0 else None


def expected_changes(delta_json):
    groups = {}
    for change in delta_json["skills"]:
        label = change["label"]
        if change["change"] == "gained":
            text = f"{label} ({change['to_proficiency']})"
        elif change["change"] in ("not stated", "no longer required"):
            text = f"{label} (was {change['from_proficiency']})"
        elif change["from_rank"] == change["to_rank"]:
            text = f"{label} ({change['from_proficiency']})"
        else:
            text = f"{label} ({change['from_proficiency']} → {change['to_proficiency']})"
        groups.setdefault(change["change"], []).append(text)
    return [[change, ", ".join(items)] for change, items in groups.items()]


def test_the_page_shows_what_path_and_delta_print(opened, bundled):
    assert opened.get_log("browser") == [], "no console errors"
    assert [url for url in browser.requested_urls(opened) if not url.startswith("file://")] == [], "offline"
    career = project(bundled)
    rng = random.Random(11)
    ids = sorted(career.roles)
    pairs = [("product-manager", "chief-product-officer"), ("senior-product-manager", "director-of-product"),
             ("chief-executive-officer", "product-manager")] + [tuple(rng.sample(ids, 2)) for _ in range(25)]
    for source, target in pairs:
        opened.execute_script("pmgraphExplore(arguments[0], arguments[1])", source, target)
        shown = opened.execute_script(READ_ANSWER)
        for by in WEIGHTS:
            printed = cli_json("path", source, target, "--by", by, "--format", "json")
            if printed is None:  # pmgraph path says there is none: so does the page
                assert shown[by]["none"] and shown[by]["steps"] == [], (source, target, by)
                continue
            best = printed["paths"][0]
            assert ([s[:2] for s in shown[by]["steps"]]
                    == [[s["from"], s["to"]] for s in best["steps"]]), (source, target, by)
            path = shortest_paths(career, source, target, k=1, by=by)[0]
            assert shown[by]["summary"] == _summary(path)
            for text, step in zip((s[2] for s in shown[by]["steps"]), path.steps):
                assert f": {step.kind}, {step_years(step)} ({stated_by(step)})" in text
        if cli_json("path", source, target, "--format", "json") is None:
            assert shown["delta"] is None  # no move to compare
            continue
        delta = cli_json("delta", source, target, "--format", "json")
        assert shown["delta"] == expected_changes(delta), (source, target)
        assert shown["delta_effort"] == delta["effort"]
        for step in shown["hops"]["steps"]:  # and each step's own delta, in its <details>
            own = opened.execute_script(
                "var d = document.querySelector('section.path[data-weight=hops] li[data-from=\"' + arguments[0] + '\"]"
                "[data-to=\"' + arguments[1] + '\"] .delta');"
                "return Array.from(d.querySelectorAll('.change')).map(function (c) {"
                "return [c.dataset.change, c.lastChild.textContent]; });", step[0], step[1])
            assert own == expected_changes(cli_json("delta", step[0], step[1], "--format", "json")), step


def test_two_clicks_on_the_graph_pick_the_roles(opened):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    opened.execute_script("network.fit({animation: false})")
    graph = opened.find_element(By.ID, "graph")
    for role in ("senior-product-manager", "head-of-product"):
        x, y = opened.execute_script(
            "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]); return [p.x, p.y];", role)
        box = graph.rect
        ActionChains(opened).move_to_element_with_offset(graph, int(x - box["width"] / 2), int(y - box["height"] / 2)) \
            .click().perform()
    heading = opened.execute_script("return document.querySelector('#answer h2').textContent")
    assert heading == "Senior Product Manager → Head of Product"


def ask_page(driver, source: str, target: str) -> None:
    """Type ``source`` and ``target`` into the page's search boxes and press Show."""
    from selenium.webdriver.common.by import By

    for box, text in (("from", source), ("to", target)):
        field = driver.find_element(By.ID, box)
        field.clear()
        field.send_keys(text)
    driver.find_element(By.ID, "go").click()


def test_the_search_boxes_take_labels_and_synonyms(opened):
    ask_page(opened, "spm", "Chief Product Officer")
    heading = opened.execute_script("return document.querySelector('#answer h2').textContent")
    assert heading == "Senior Product Manager → Chief Product Officer"
    ARTIFACTS.mkdir(exist_ok=True)
    opened.save_screenshot(str(ARTIFACTS / "explorer-spm-to-cpo.png"))


def test_explore_on_the_command_line(tmp_path):
    out = tmp_path / "career.html"
    result = CliRunner().invoke(cli, ["--framework", "gitlab", "explore", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {out} (pmgraph career explorer: 32 roles")
    assert CliRunner().invoke(cli, ["explore", "-o", str(out)]).exit_code == 1  # exists: needs --force
    assert pmgraph  # the package the page was built from


def test_the_title_is_escaped_and_tweaks_show(bundled):
    made = explorer(bundled, title="<b>Acme</b> & co")
    assert "<b>Acme</b>" not in made.html and "&lt;b&gt;Acme&lt;/b&gt; &amp; co" in made.html
    before = made.html
    made.network.toggle_physics(True)
    assert made.html != before  # rendered from the network each time


def test_a_label_two_ladders_share_is_offered_qualified(chromium, tmp_path):
    from pmgraph.ladders.rdf import import_ladder, write_turtle

    acme = write_turtle(import_ladder(ROOT / "examples" / "acme-ladder.yaml"), tmp_path / "acme.ttl")
    path = tmp_path / "both.html"
    explorer(pmgraph.load([acme])).write(path)
    chromium.get(path.as_uri())
    options = chromium.execute_script(
        "return Array.from(document.querySelectorAll('#role-names option')).map(o => o.value)")
    assert "acme:senior product manager" in options and "pmgraph:senior product manager" in options
    assert "Senior Product Manager" not in options
    ask_page(chromium, "senior product manager", "cpo")
    said = chromium.execute_script("return document.getElementById('answer').textContent")
    assert said.startswith("That name fits 2 roles: ") and "acme:senior product manager" in said
