"""Latency of ``pmgraph serve`` under load: 20 concurrent clients, 2,000 queries in total.

    python benchmarks/bench_serve.py [--clients 20] [--queries 2000] [--write]

Starts ``python -m pmgraph serve`` on a free loopback port, sends a mix of SELECT and ASK
queries over HTTP (stdlib urllib, one connection per request), checks every answer, and prints
p50/p99 latency and throughput. ``--write`` replaces this benchmark's section of
benchmarks/RESULTS.md, leaving the other sections alone. Not a test: nothing here gates CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
HEADING = "## SPARQL endpoint under load (issue 4)"
QUERIES = [
    ("SELECT ?role WHERE { ?role a pm:Role FILTER NOT EXISTS { ?role pm:reportsTo ?x } }", 1),
    ("SELECT ?role ?level WHERE { ?role pm:level ?level } ORDER BY ?role", None),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?r pm:hasSkillRequirement ?q }", 1),
    ("SELECT ?boss WHERE { role:product-manager pm:reportsTo+ ?boss }", None),
    ("ASK { role:chief-product-officer pm:reportsTo role:chief-executive-officer }", None),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ask(url: str, query: str) -> tuple[float, dict]:
    started = time.perf_counter()
    with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": query}), timeout=60) as reply:
        data = json.load(reply)
    return time.perf_counter() - started, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--write", action="store_true", help="record the result in RESULTS.md")
    args = parser.parse_args()

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    server = subprocess.Popen([sys.executable, "-m", "pmgraph", "serve", "--quiet", "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        for _ in range(300):
            try:
                expected = [ask(url, q)[1] for q, _ in QUERIES]
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("server did not start")
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        per_client = args.queries // args.clients

        def client(number: int) -> None:
            for i in range(per_client):
                index = (number + i) % len(QUERIES)
                try:
                    elapsed, data = ask(url, QUERIES[index][0])
                    ok = data == expected[index]
                except OSError as error:
                    elapsed, ok = float("nan"), False
                    with lock:
                        errors.append(str(error))
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors.append(f"wrong answer to query {index}")

        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(client, range(args.clients)))
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()

    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    summary = (
        f"{args.clients} clients, {len(latencies)} queries, {len(errors)} errors: "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, {len(latencies) / wall:.0f} queries/s"
    )
    print(summary)
    if args.write:
        section = (
            f"{HEADING}\n\n"
            f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}. Date: {time.strftime('%Y-%m-%d')}.\n"
            "Command: `python benchmarks/bench_serve.py --write` (a `pmgraph serve` process on loopback,\n"
            "stdlib urllib clients, one connection per request, every answer checked).\n\n"
            f"```\n{summary}\n```\n"
        )
        text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
        pattern = re.compile(re.escape(HEADING) + r".*?(?=\n## |\Z)", re.DOTALL)
        text = pattern.sub(section.rstrip("\n"), text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
        RESULTS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    if errors:
        raise SystemExit(f"{len(errors)} errors, first: {errors[0]}")


if __name__ == "__main__":
    main()
