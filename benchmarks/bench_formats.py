"""The W3C result formats: pyoxigraph's writers (what pmgraph uses) against pmgraph's own Python
writers (the baseline, kept for answers pyoxigraph refuses), in one process, on real answers.

For each saved query's answer on the bundled graph (its default parameters) and a 2,000-row and a
20,000-row SELECT, the best of 7 runs of each writer, per format, and the ratio. JSON is what
``pmgraph serve`` answers unless a client asks for another format.

    python benchmarks/bench_formats.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FORMATS = ("json", "xml", "csv", "tsv")


def best(function, *args, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    import pmgraph
    from pmgraph.sparql import formats
    from pmgraph.sparql.query import run_query
    from pmgraph.sparql.saved import run_saved, saved_queries

    graph = pmgraph.load()
    answers = []
    for saved in saved_queries():
        result = run_saved(graph, saved.name)
        if result.kind == "select":
            answers.append(result)
    rows = sum(len(answer.rows) for answer in answers)
    big = [run_query(graph, f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p ?o LIMIT {n}") for n in (2000, 20000)]
    print("| answers | format | pyoxigraph's writer ms | pmgraph's own ms | ratio |")
    print("|---|---|---|---|---|")
    for name, group in ((f"{len(answers)} saved queries ({rows} rows)", answers), ("2,000 rows", [big[0]]),
                        ("20,000 rows", [big[1]])):
        for fmt in FORMATS:
            new = sum(best(formats._FORMATTERS[fmt], answer) for answer in group)
            own = sum(best(formats._OWN[fmt], answer) for answer in group)
            print(f"| {name} | {fmt} | {new * 1000:.1f} | {own * 1000:.1f} | {new / own:.2f} |")


if __name__ == "__main__":
    main()
