"""Load time of the bundled ontology per engine, as ratios measured in one run.

    python benchmarks/bench_load.py [--repeat N]

Each engine loads the bundled ontology (schema, skills, roles) N times in this process; the
medians are printed with their ratio to the rdflib baseline, plus the time of a first SPARQL
SELECT over the loaded graph (engines differ there too). Not a test: nothing here gates CI.
"""

from __future__ import annotations

import argparse
import statistics
import time

import pmgraph
from pmgraph.loading.engines import ENGINES

QUERY = """
PREFIX pm: <https://w3id.org/pmgraph/ontology#>
SELECT ?role (COUNT(?req) AS ?n) WHERE { ?role pm:hasSkillRequirement ?req } GROUP BY ?role
"""


def measure(engine: str, repeat: int) -> tuple[float, float, int, int]:
    loads, queries = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        graph = pmgraph.load(engine=engine)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        rows = list(graph.query(QUERY))
        queries.append(time.perf_counter() - start)
    return statistics.median(loads), statistics.median(queries), len(graph), len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    pmgraph.load(engine="rdflib")  # warm imports and plugin registration for both engines
    pmgraph.load(engine="oxigraph")
    results = {engine: measure(engine, args.repeat) for engine in ENGINES}
    base_load, base_query, _, _ = results["rdflib"]
    print(f"bundled ontology, median of {args.repeat} loads per engine")
    print(f"{'engine':<10} {'triples':>8} {'load ms':>9} {'vs rdflib':>10} {'query ms':>9} {'vs rdflib':>10}")
    for engine, (load_s, query_s, triples, _rows) in results.items():
        print(f"{engine:<10} {triples:>8} {load_s * 1000:>9.1f} {base_load / load_s:>9.1f}x "
              f"{query_s * 1000:>9.1f} {base_query / query_s:>9.1f}x")


if __name__ == "__main__":
    main()
