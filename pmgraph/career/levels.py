"""Rung-to-rung steps of a ladder, for the people who write ladders (``pmgraph ladder``).

Each step is a move up (to a higher level) between two roles: what the higher rung asks that the
lower does not (new), asks more of (levelled up), stops asking (dropped) or asks unchanged
(repeated), and the step's size in proficiency steps. A ladder whose steps differ a lot in size
is uneven: "the jumps from one level to another are not equal". A step is flagged

- **large** when its size is more than ``LARGE`` times the median size of the ladder's steps,
- **small** when it is less than ``SMALL`` times the median (or zero while the median is not),
- **repeats** when most of the higher rung's criteria are asked unchanged from the lower one
  (more than ``REPEATED`` of them): the levels do not tell the rungs apart on those criteria.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .model import CareerGraph
from .names import known_track
from .projection import GraphLike, project
from .skills import SkillDelta, skill_delta

__all__ = ["LevelStep", "LadderSteps", "ladder_steps", "LARGE", "SMALL", "REPEATED"]

#: A step more than this many times the median size is "large".
LARGE = 2.0
#: A step less than this fraction of the median size is "small".
SMALL = 0.5
#: A step whose share of criteria asked unchanged is above this "repeats" its lower rung.
REPEATED = 0.5


@dataclass(frozen=True)
class LevelStep:
    """One rung-to-rung step, with its skill delta and flags."""

    delta: SkillDelta
    source_level: int | None
    target_level: int | None
    track: str | None
    kind: str
    flags: tuple[str, ...]
    #: proficiency steps the higher rung asks beyond the lower one; None when a rung states no
    #: skill requirement (e.g. a ladder of criteria without levels): unknown, not zero
    size: int | None

    def labels(self, change: str) -> tuple[str, ...]:
        """The skills whose requirement changes so ("gained", "levelled up", ...) on this step."""
        return tuple(c.label for c in self.delta.skills if c.change == change)

    def to_dict(self) -> dict[str, object]:
        return {"from": self.delta.source, "to": self.delta.target, "from_label": self.delta.source_label,
                "to_label": self.delta.target_label, "from_level": self.source_level, "to_level": self.target_level,
                "track": self.track, "kind": self.kind, "size": self.size, "size_unit": "proficiency steps",
                "new": list(self.labels("gained")), "levelled_up": list(self.labels("levelled up")),
                "dropped": list(self.labels("no longer required")), "not_stated": list(self.labels("not stated")),
                "repeated": list(self.labels("unchanged")),
                "levelled_down": list(self.labels("levelled down")), "flags": list(self.flags)}


@dataclass(frozen=True)
class LadderSteps:
    """Every step of a ladder (or one track of it), lowest first, and their median size."""

    steps: tuple[LevelStep, ...]
    median: float | None
    track: str | None

    def to_dict(self) -> dict[str, object]:
        return {"track": self.track, "median_size": self.median, "large": LARGE, "small": SMALL,
                "repeated": REPEATED, "steps": [s.to_dict() for s in self.steps]}


def _flags(size: int, median: float | None, repeated: int, asked: int) -> tuple[str, ...]:
    flags = []
    if median is not None and median > 0:
        if size > LARGE * median:
            flags.append("large")
        elif size < SMALL * median:
            flags.append("small")
    if asked and repeated / asked > REPEATED:
        flags.append("repeats")
    return tuple(flags)


def ladder_steps(graph: GraphLike, track: str | None = None) -> LadderSteps:
    """The rung-to-rung steps of the graph's ladder: every move to a higher level (on ``track``, a
    track's preferred label, alone when given: both roles on it), by level, with what changes and the flags of
    :mod:`pmgraph.career.levels`.

    CLI twin: ``pmgraph ladder [--track T]``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> found = ladder_steps(graph, track="individual contributor")
    >>> [(s.delta.source, s.delta.target, s.size, s.flags) for s in found.steps], found.median
    ([('fx-apm', 'fx-pm', 1, ('small',)), ('fx-pm', 'fx-spm', 4, ()), ('fx-spm', 'fx-principal', 3, ())], 3)
    """
    career = project(graph)
    chosen = None if track is None else known_track(career, track)
    moves = _upward_moves(career, chosen)
    deltas = [skill_delta(career, u, v) for u, v, _kind in moves]
    sizes = [d.effort for d in deltas]  # None when a rung has no known requirement: unknown, not 0
    known = [size for size in sizes if size is not None]
    median = statistics.median(known) if known else None
    steps = []
    for (u, v, kind), delta, size in zip(moves, deltas, sizes):
        repeated = sum(1 for c in delta.skills if c.change == "unchanged")
        asked = sum(1 for c in delta.skills if c.to_rank > 0)
        flags = () if size is None else _flags(size, median, repeated, asked)
        steps.append(LevelStep(delta, career.roles[u].level, career.roles[v].level, career.roles[u].track, kind,
                               flags, size))
    return LadderSteps(tuple(steps), median, chosen)


def _upward_moves(career: CareerGraph, track: str | None) -> Sequence[tuple[str, str, str]]:
    found = []
    for u, v, data in career.digraph.edges(data=True):
        low, high = career.roles[u], career.roles[v]
        if low.level is None or high.level is None or high.level <= low.level:
            continue
        if track is not None and not (low.track == track and high.track == track):
            continue
        found.append((u, v, str(data["kind"])))
    found.sort(key=lambda m: (career.roles[m[0]].level or 0, career.roles[m[1]].level or 0,
                              career.label(m[0]).casefold(), career.label(m[1]).casefold(), m[0], m[1]))
    return found
