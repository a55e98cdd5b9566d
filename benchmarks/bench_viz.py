"""HTML views at scale: how fast pmgraph writes a page, against the straightforward pyvis use on the
same graph, how large the page is, and how soon Chromium draws it (issue 17).

    python benchmarks/bench_viz.py [--roles 300,1000,5000] [--repeat 5] [--seed 7] [--no-browser]

For each size, ``pmgraph.loading.synth`` writes a seeded synthetic organisation of about that many
roles (whole business units of about 60 roles), loaded beside the schema and projected once (not
timed). Then, median of ``--repeat``, timed in turn round after round so that load from other
processes on a shared machine falls on both alike:

* pmgraph: ``career_view(career).write(page)`` (the pyvis Network built, its page rendered by
  ``generate_html`` through pmgraph's template, written);
* pyvis, used straightforwardly: ``Network(directed=True)``, ``from_nx`` on a copy of the
  projection's DiGraph (roles and moves, every attribute), ``write_html`` (its default
  ``cdn_resources="local"``, so the page needs the ``lib/`` folder it copies beside it);
* the size of each page, and the time from navigation start to the first frame vis-network draws
  of pmgraph's page in headless Chromium (the bundled graph's page too).

Targets (issue 17): pmgraph at least 3x faster than pyvis at 5,000 roles; the 5,000-role page under
5 MB and drawn in under 1.5 s; the bundled graph's page written in under 100 ms. Not a test:
nothing here gates CI. The browser half needs chromium, chromedriver and selenium.
"""

from __future__ import annotations

import argparse
import os
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
from pmgraph.career.projection import project  # noqa: E402


def pyvis_page(career, page: Path) -> None:
    from pyvis.network import Network

    net = Network(directed=True)
    net.from_nx(career.digraph.copy())  # from_nx mutates its argument
    net.write_html(str(page))


def pmgraph_page(career, page: Path) -> None:
    viz.career_view(career).write(page)


def timed(contenders: dict, repeat: int) -> dict[str, float]:
    """Median seconds of each contender, run in turn round after round (after one warm-up round)."""
    for run in contenders.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def first_frame(driver, page: Path, repeat: int) -> float:
    """Median ms from navigation start to vis-network's first drawn frame of ``page``."""
    runs = []
    for _ in range(repeat):
        driver.get_log("browser")
        driver.get(page.as_uri())
        deadline = time.monotonic() + 120
        drawn = None
        while drawn is None:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{page.name}: the network never drew")
            drawn = driver.execute_script("return window.__pmgraphDrawn || null")
            time.sleep(0.02)
        errors = [m for m in driver.get_log("browser") if m["level"] == "SEVERE"]
        if errors:
            raise RuntimeError(f"{page.name}: {errors[0]['message']}")
        runs.append(float(drawn))
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", default="300,1000,5000", help="comma-separated sizes (default 300,1000,5000)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true", help="skip the time to the first drawn frame")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pmgraph-bench-viz-"))
    os.chdir(work)  # pyvis' write_html copies its lib/ folder into the current directory
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; medians of {args.repeat}")

    rows = []
    bundled = project(pmgraph.load())
    took = timed({"pmgraph": lambda: pmgraph_page(bundled, work / "bundled.html")}, args.repeat)
    rows.append(("bundled", len(bundled.roles), took["pmgraph"], None, work / "bundled.html", None))
    for roles in (int(r) for r in args.roles.split(",")):
        career = project(load_ladder(roles, args.seed, work))
        _ = career.digraph  # the moves' effort, read once: the projection is not what is timed
        ours, theirs = work / f"pmgraph-{roles}.html", work / f"pyvis-{roles}.html"
        took = timed({"pmgraph": lambda career=career, ours=ours: pmgraph_page(career, ours),
                      "pyvis": lambda career=career, theirs=theirs: pyvis_page(career, theirs)}, args.repeat)
        assert viz.career_view(career).html == ours.read_text(encoding="utf-8"), "pages differ from run to run"
        rows.append((f"{roles}", len(career.roles), took["pmgraph"], took["pyvis"], ours, theirs))

    drawn: dict[str, float] = {}
    if not args.no_browser:
        if browser.missing():
            print(f"first drawn frame: skipped, {browser.missing()} missing")
        else:
            driver = browser.start(work / "profile", width=1280, height=800, tti_hook=True)
            try:
                driver.get("about:blank")
                for name, _n, _o, _t, ours, _p in rows:
                    drawn[name] = first_frame(driver, ours, args.repeat)
            finally:
                driver.quit()

    print(f"{'graph':>8} {'roles':>6} {'pmgraph write':>14} {'pyvis from_nx+write_html':>25} {'ratio':>6} "
          f"{'pmgraph page':>13} {'pyvis page':>11} {'first frame':>12}")
    for name, n, ours_s, theirs_s, ours, theirs in rows:
        pyvis_text = f"{theirs_s * 1000:10.0f} ms" if theirs_s is not None else "-"
        ratio = f"{theirs_s / ours_s:5.1f}x" if theirs_s is not None else "-"
        theirs_size = f"{theirs.stat().st_size / 1e6:8.2f} MB" if theirs is not None else "-"
        frame = f"{drawn[name]:9.0f} ms" if name in drawn else "-"
        print(f"{name:>8} {n:>6} {ours_s * 1000:11.1f} ms {pyvis_text:>25} {ratio:>6} "
              f"{ours.stat().st_size / 1e6:10.2f} MB {theirs_size:>11} {frame:>12}")


if __name__ == "__main__":
    main()
