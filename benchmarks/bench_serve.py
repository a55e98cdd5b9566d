"""Load on ``pmgraph serve``: concurrent clients sending a mix of queries, answers checked.

Starts ``python -m pmgraph serve`` from this checkout on a free loopback port, then runs, for
each load (clients x queries per client): every client in its own thread with one keep-alive
connection (it reconnects when the server closes it, as an HTTP/1.0 server does after every
answer), cycling through the mix — every saved query with its default parameters, a count, two
property paths, an ASK. Every answer is compared with what the embedded graph answers. Prints
p50 / p99 latency, throughput and errors per load, as Markdown rows for benchmarks/RESULTS.md.

    python benchmarks/bench_serve.py            # 20 x 100 and 50 x 50, the saved-query mix
    python benchmarks/bench_serve.py --mix light  # the first benchmark's five small queries
    python benchmarks/bench_serve.py --loads 50x50 --serve-option=--workers --serve-option=4
    python benchmarks/bench_serve.py --serve-option=--answer-cache=0   # every query run by a worker
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXTRA = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?boss WHERE { role:product-manager pm:reportsTo+ ?boss } ORDER BY ?boss",
    "SELECT ?to WHERE { role:associate-product-manager pm:promotesTo+ ?to } ORDER BY ?to",
    "ASK { role:chief-product-officer pm:reportsTo role:chief-executive-officer }",
]


#: The light mix of the first endpoint benchmark (issue 4): small SELECTs, a count, a path, an ASK.
LIGHT = [
    "SELECT ?role WHERE { ?role a pm:Role FILTER NOT EXISTS { ?role pm:reportsTo ?x } }",
    "SELECT ?role ?level WHERE { ?role pm:level ?level } ORDER BY ?role",
    "SELECT (COUNT(*) AS ?n) WHERE { ?r pm:hasSkillRequirement ?q }",
    "SELECT ?boss WHERE { role:product-manager pm:reportsTo+ ?boss }",
    "ASK { role:chief-product-officer pm:reportsTo role:chief-executive-officer }",
]


def mix(kind: str = "saved") -> list[tuple[str, object]]:
    """(query text, expected answer) pairs: "saved" is every saved query with its defaults plus
    EXTRA; "light" is LIGHT."""
    import pmgraph
    from pmgraph import sparql
    from pmgraph.sparql.query import _bind
    from pmgraph.sparql.saved import bind_parameters

    graph = pmgraph.load()
    texts = []
    for saved in sparql.saved_queries() if kind == "saved" else []:
        if (any(p.default is None for p in saved.parameters)
                or sparql.query_form(saved.text) in ("CONSTRUCT", "DESCRIBE")):
            continue
        # the text a client sends: the defaults bound (pmgraph query NAME does the same locally)
        texts.append(_bind(saved.text, bind_parameters(graph, saved, {})))
    texts += EXTRA if kind == "saved" else LIGHT
    cases = []
    for text in texts:
        result = sparql.run_query(graph, text)
        cases.append((text, result.boolean if result.kind == "ask" else
                      sorted([[str(t) for t in row] for row in result.rows])))
    return cases


def answer_of(body: bytes) -> object:
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]
    variables = data["head"]["vars"]
    return sorted([[b[v]["value"] if v in b else "None" for v in variables] for b in data["results"]["bindings"]])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def client(port: int, cases: list[tuple[str, object]], start: int, count: int,
           latencies: list[float], errors: list[str], lock: threading.Lock) -> None:
    connection: http.client.HTTPConnection | None = None
    for i in range(count):
        text, expected = cases[(start + i) % len(cases)]
        body = urllib.parse.urlencode({"query": text})
        began = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", "/sparql", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
            reply = connection.getresponse()
            data = reply.read()
            if reply.getheader("Connection", "").lower() == "close" or reply.version == 10:
                connection.close()
                connection = None
            elapsed = time.perf_counter() - began
            problem = None if reply.status == 200 and answer_of(data) == expected else \
                f"{reply.status}: {data[:120]!r}"
        except (OSError, http.client.HTTPException, ValueError) as error:
            elapsed = time.perf_counter() - began
            problem = f"{type(error).__name__}: {error}"
            if connection is not None:
                connection.close()
            connection = None
        with lock:
            latencies.append(elapsed)
            if problem:
                errors.append(problem)
    if connection is not None:
        connection.close()


def run_load(port: int, cases: list[tuple[str, object]], clients: int, each: int) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    threads = [threading.Thread(target=client, args=(port, cases, n, each, latencies, errors, lock))
               for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies.sort()
    return {
        "queries": len(latencies), "errors": len(errors), "wall": wall,
        "p50": statistics.median(latencies) * 1000, "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "qps": len(latencies) / wall, "first_error": errors[0] if errors else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", nargs="*", default=["20x100", "50x50"])
    parser.add_argument("--serve-option", action="append", default=[], help="passed to pmgraph serve")
    parser.add_argument("--mix", choices=["saved", "light"], default="saved")
    args = parser.parse_args()
    cases = mix(args.mix)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "pmgraph", "serve", "--port", str(port), "--quiet",
                               "--max-results", "100000", *args.serve_option],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        run_load(port, cases, 4, 10)  # warm-up
        print(f"{len(cases)} queries in the mix")
        print("| load (clients x queries) | queries | errors | p50 ms | p99 ms | queries/s |")
        print("|---|---|---|---|---|---|")
        for load in args.loads:
            clients, each = (int(n) for n in load.split("x"))
            figures = run_load(port, cases, clients, each)
            print(f"| {clients} x {each} | {figures['queries']} | {figures['errors']} | {figures['p50']:.1f} | "
                  f"{figures['p99']:.1f} | {figures['qps']:.0f} |")
            if figures["first_error"]:
                print(f"first error: {figures['first_error']}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
