"""HTML views of a large synthetic ladder: generation time and browser time to interactive.

    python benchmarks/bench_viz.py [--roles 5000] [--repeat 5] [--seed 7] [--no-browser]

``pmgraph.loading.synth`` writes a seeded synthetic organisation of about ``--roles`` roles (whole
business units of about 60 roles: IC and management ladders per function, promotions, lateral moves,
reporting lines, skill requirements); pmgraph loads it beside the schema. Printed, as ratios measured in this run:

* generating the career view's HTML from the projection, against pyvis' own route on the same
  graph: ``Network.from_nx`` on a copy of the projection alone, and followed by
  ``generate_html``. Issue 7's goal is at least 10x faster than ``from_nx`` at 5,000 roles. The
  three are timed in turn, round after round, so that load from other processes on a shared
  machine falls on all of them alike; the projection is built beforehand and is not timed;
* time to interactive in headless Chromium (navigation start to the network's first drawn
  frame), against the 8-role fixture ladder (tests/data/ladder.ttl) drawn the same way.

Not a test: nothing here gates CI. Needs chromium, chromedriver and selenium for the browser half.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402  tests/browser.py: the same headless Chromium as the browser tests
from synthetic import load_ladder  # noqa: E402  tests/synthetic.py: pmgraph.loading.synth, loaded

import pmgraph  # noqa: E402
from pmgraph import viz  # noqa: E402
from pmgraph.resources import ontology_dir  # noqa: E402
from pmgraph.career.projection import project  # noqa: E402

def pyvis_from_nx(career):
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(career.digraph.copy())  # from_nx mutates its argument
    return net


def pyvis_baseline(career) -> str:
    return pyvis_from_nx(career).generate_html()


def generation(career, repeat: int) -> dict[str, float]:
    """Median seconds of career_view, from_nx, and from_nx + generate_html, timed in turn."""
    contenders = {"career_view": lambda: viz.career_view(career), "from_nx": lambda: pyvis_from_nx(career),
                  "from_nx + generate_html": lambda: pyvis_baseline(career)}
    for run in contenders.values():  # warm up: vis-network read, pyvis and jinja imported
        run()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def time_to_interactive(driver, page: Path) -> tuple[float, int, list]:
    driver.get_log("browser")
    driver.get(page.as_uri())
    deadline = time.monotonic() + 300
    drawn = None
    while time.monotonic() < deadline:
        drawn = driver.execute_script("return window.__pmgraphDrawn || null")
        if drawn is not None:
            break
        time.sleep(0.05)
    if drawn is None:
        raise RuntimeError(f"{page.name}: the network never drew")
    nodes = driver.execute_script("return network.body.data.nodes.length")
    return float(drawn), nodes, [m for m in driver.get_log("browser") if m["level"] == "SEVERE"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true", help="skip time to interactive")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pmgraph-bench-viz-"))

    graph = load_ladder(args.roles, args.seed, work)
    tiny = pmgraph.load([ontology_dir() / "schema.ttl", ROOT / "tests" / "data" / "ladder.ttl"], bundled=False)
    start = time.perf_counter()
    career = project(graph)
    projection_s = time.perf_counter() - start
    print(f"synthetic ladder: {career.digraph.number_of_nodes()} roles, {career.digraph.number_of_edges()} moves, "
          f"{sum(len(m) for m in career.reports_to.values())} reporting lines (seed {args.seed}); "
          f"projection {projection_s * 1000:.0f} ms")

    view = viz.career_view(career)
    assert viz.career_view(career).html == view.html, "generation is not deterministic"
    took = generation(career, args.repeat)
    ours = took["career_view"]
    print(f"generate HTML from the projection, median of {args.repeat} (in turn):")
    print(f"  pmgraph career_view              {ours * 1000:8.1f} ms  "
          f"({view.nodes} nodes, {view.edges} edges, {len(view.html) / 1e6:.1f} MB)")
    for name in ("from_nx", "from_nx + generate_html"):
        print(f"  pyvis {name:26s} {took[name] * 1000:8.1f} ms  career_view {took[name] / ours:5.1f}x faster")

    if args.no_browser:
        return
    if browser.missing():
        print(f"time to interactive: skipped, {browser.missing()} missing")
        return
    big_page, tiny_page = work / "big.html", work / "tiny.html"
    view.write(big_page)
    viz.career_view(tiny).write(tiny_page)
    driver = browser.start(work / "profile", tti_hook=True)
    try:
        driver.get("about:blank")
        results = {}
        for name, page in (("tiny", tiny_page), ("big", big_page)):
            runs = [time_to_interactive(driver, page) for _ in range(args.repeat)]
            results[name] = (statistics.median(r[0] for r in runs), runs[0][1], runs[0][2])
    finally:
        driver.quit()
    (tiny_ms, tiny_nodes, _), (big_ms, big_nodes, errors) = results["tiny"], results["big"]
    print(f"time to interactive in headless Chromium (navigation start to first drawn frame), median of {args.repeat}:")
    print(f"  {big_nodes:>5}-role page  {big_ms:8.0f} ms  {big_ms / tiny_ms:5.1f}x  console errors: {len(errors)}")
    print(f"  {tiny_nodes:>5}-role page  {tiny_ms:8.0f} ms   1.0x (baseline)")


if __name__ == "__main__":
    main()
