"""Large ladders for the scale tests and benchmarks/bench_viz.py, from pmgraph.loading.synth (seeded)."""

from __future__ import annotations

from pathlib import Path

import pmgraph
from pmgraph.loading.synth import synthesize
from pmgraph.resources import ontology_dir

ROLES_PER_UNIT = 60  # pmgraph.loading.synth: about this many roles per business unit (plus a few executives)


def load_ladder(roles: int, seed: int, work: Path):
    """A synthetic organisation of about ``roles`` roles (whole business units), loaded beside the schema."""
    units = max(1, round(roles / ROLES_PER_UNIT))
    path = work / f"synthetic-{units}-units-{seed}.ttl"
    path.write_text("".join(synthesize(units=units, seed=seed)), encoding="utf-8")
    return pmgraph.load([ontology_dir() / "schema.ttl", path], bundled=False)
