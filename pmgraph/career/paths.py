"""Promotion paths: shortest and alternative routes between roles, and the next moves from a role.

CLI twins: ``pmgraph path``, ``pmgraph next``. Role listings are :mod:`~pmgraph.career.roles`.

Every function takes the loaded graph (or its :class:`~pmgraph.career.model.CareerGraph`) first,
then role ids (:data:`~pmgraph.career.model.RoleId`: a key of ``career.roles``, as networkx takes
nodes of the graph; an unknown id is an :class:`~pmgraph.errors.UnknownRoleError`), then
keyword-only options; a track is its preferred label. Names as people type them ("senior pm")
are for :func:`~pmgraph.career.names.resolve_role`, or for the curated API, which resolves them
and calls these: ``pmgraph.shortest_path(graph, "senior pm", "cpo")``.

Weights (``by``):

``"hops"``
    one per transition.
``"years"``
    the midpoint of each transition's typical-years range; a path reports the summed minimum,
    maximum and midpoint.
``"effort"``
    proficiency steps to learn: for each step, the sum over the skills the next role requires of
    how many ranks it needs above what the current role requires (0 for a skill not required).

Constraints: ``via`` a role; ``avoid`` roles; ``track`` — the path stays on that track: every
intermediate role is on the track, except rungs on the start's own track before the path first
switches to it; no step goes back, and the role before the target is on the track; the
target may be on any track. So "Product Manager to
CPO on the management track" climbs the IC rungs, moves into management and stays there, and
"on the IC track" reaches the CPO from the top IC rung; ``lateral=False`` drops lateral moves;
``max_steps`` caps the number of transitions.

Evidence (``evidence``): every move has a grade, "stated" (a source document states it),
"derived" (a documented rule derives it from stated facts) or "editorial" (judgement alone; a
move no statement cites counts as editorial here). ``evidence="stated"`` keeps only stated
moves, ``"derived"`` stated and derived ones, ``"any"`` (the default) all. Paths are ranked by
evidence first: a path whose every step is stated or derived comes before any path with an
editorial step; within each of the two, by the chosen weight, then fewer derived steps. (A count
of editorial steps would rank a path by its length where no move is sourced at all, as in a
ladder of one's own.)
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Generic, TypeAlias, TypeVar

import networkx as nx

from ..errors import NoPathError
from ..wording import is_estimate
from .model import NO_EVIDENCE, Attributes, CareerGraph, Evidence, RoleId, SourceRecord
from .names import known_role, known_track
from .options import EVIDENCE, EVIDENCE_DEFAULT, WEIGHT, WEIGHTS
from .projection import GraphLike, project

__all__ = [
    "WEIGHTS",
    "Step",
    "Path",
    "next_moves",
    "shortest_path",
    "shortest_paths",
    "path_through",
]

LATERAL = "lateral move"
_SCAN_LIMIT = 2000  # simple paths examined at most when filtering by steps or via

#: A move's weight: ``(source id, target id, the move's attributes) -> number``.
WeightFunction: TypeAlias = Callable[[str, str, Attributes], float]


@dataclass(frozen=True)
class Step:
    """One transition on a path: from one role to the next, its kind, years and effort."""

    source: str
    target: str
    source_label: str
    target_label: str
    kind: str
    years_min: float | None
    years_max: float | None
    effort: int
    sources: tuple[str, ...] = ()
    #: who states the move, and who states its years (none: the years are at best an estimate)
    cited: tuple[SourceRecord, ...] = ()
    years_cited: tuple[SourceRecord, ...] = ()
    #: how the move is supported: stated, derived or editorial (see :class:`~pmgraph.career.model.Evidence`)
    evidence: Evidence = NO_EVIDENCE

    @property
    def years_estimate(self) -> bool:
        """Years are given, but no source document states them: an editorial estimate."""
        return is_estimate(self.years_min is not None, (s.editorial for s in self.years_cited))

    @property
    def stated_by(self) -> tuple[str, ...]:
        """One-word names of who states the move ("gitlab", "article", "editorial"), sorted."""
        return tuple(sorted({s.name for s in self.cited}))

    @classmethod
    def between(cls, career: CareerGraph, source: str, target: str) -> Step:
        """The move from role id ``source`` to role id ``target`` (a transition of ``career``)."""
        data = career._moves.edges[source, target]
        return cls(source, target, career.label(source), career.label(target), data["kind"], data["years_min"],
                   data["years_max"], career.effort(source, target), data["sources"],
                   tuple(career.source(s) for s in data["sources"]),
                   tuple(career.source(s) for s in data.get("years_sources", ())),
                   data.get("evidence", NO_EVIDENCE))

    def to_dict(self) -> dict[str, object]:
        return {
            "from": self.source, "to": self.target, "from_label": self.source_label,
            "to_label": self.target_label, "kind": self.kind, "years_min": self.years_min,
            "years_max": self.years_max, "years_estimate": self.years_estimate, "effort": self.effort,
            "sources": [s.to_dict() for s in self.cited], "years_sources": [s.to_dict() for s in self.years_cited],
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Path:
    """A route from one role to another and its totals.

    ``roles`` are role ids, ``labels`` their labels; ``years_min``/``years_max``/``years_mid``
    sum the ranges of the steps whose years a source states (``None`` when no step's are), and
    ``steps_without_years`` counts the others; ``effort`` sums the steps' effort; ``weight`` is
    the total by ``by`` (by years: over the years that are known).
    """

    roles: tuple[str, ...]
    labels: tuple[str, ...]
    steps: tuple[Step, ...]
    by: str
    weight: float
    years_min: float | None
    years_max: float | None
    years_mid: float | None
    effort: int
    steps_without_years: int = 0

    @property
    def hops(self) -> int:
        return len(self.steps)

    def grades(self) -> dict[str, int]:
        """How many steps are stated, derived, editorial (a step no statement cites counts as editorial)."""
        counts = {"stated": 0, "derived": 0, "editorial": 0}
        for step in self.steps:
            counts[step.evidence.grade or "editorial"] += 1
        return counts

    @property
    def editorial_steps(self) -> int:
        return sum(1 for s in self.steps if s.evidence.rank >= 2)

    @property
    def derived_steps(self) -> int:
        return sum(1 for s in self.steps if s.evidence.rank == 1)

    def to_dict(self) -> dict[str, object]:
        return {
            "roles": list(self.roles), "labels": list(self.labels), "steps": [s.to_dict() for s in self.steps],
            "by": self.by, "weight": self.weight, "hops": self.hops, "years_min": self.years_min,
            "years_max": self.years_max, "years_mid": self.years_mid, "effort": self.effort,
            "steps_without_years": self.steps_without_years, "evidence": self.grades(),
        }


# --------------------------------------------------------------------------- building results


def path_through(graph: GraphLike, roles: Sequence[RoleId], *, by: str = WEIGHT,
                 weight: WeightFunction | None = None) -> Path:
    """The :class:`Path` visiting role ids ``roles`` in order; each consecutive pair must be a transition.

    ``weight`` (a function ``(u, v, data) -> number``) overrides the weight named by ``by``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> path = path_through(graph, ["fx-pm", "fx-spm", "fx-gpm"], by="years")
    >>> path.hops, path.years_min, path.years_max, path.weight
    (2, 4.0, 6.0, 5.0)
    """
    career = project(graph)
    ids = [known_role(career, r) for r in roles]
    steps: list[Step] = []
    for u, v in zip(ids, ids[1:]):
        if not career._moves.has_edge(u, v):
            raise NoPathError(f"There is no transition from {career.label(u)!r} to {career.label(v)!r}.")
        steps.append(Step.between(career, u, v))
    if weight is None:  # a weight by name: the steps carry what it sums
        _weight_function(by)  # checks the name
        totals: dict[str, Callable[[], float]] = {
            "hops": lambda: len(steps), "effort": lambda: sum(s.effort for s in steps),
            "years": lambda: sum(((s.years_min or 0) + (s.years_max or 0)) / 2 for s in steps)}
        total = totals[by]()
    else:
        total = sum(weight(s.source, s.target, career.digraph.edges[s.source, s.target]) for s in steps)
    known = [s for s in steps if s.years_min is not None and s.years_max is not None]
    unknown = len(steps) - len(known)
    some = bool(known) or not steps  # a path of no steps takes no years
    return Path(
        roles=tuple(ids), labels=tuple(career.label(r) for r in ids), steps=tuple(steps), by=by,
        weight=_tidy(total),
        years_min=_tidy(sum(s.years_min or 0 for s in known)) if some else None,
        years_max=_tidy(sum(s.years_max or 0 for s in known)) if some else None,
        years_mid=_tidy(sum(((s.years_min or 0) + (s.years_max or 0)) / 2 for s in known)) if some else None,
        effort=sum(s.effort for s in steps), steps_without_years=unknown,
    )


def _tidy(number: float) -> float:
    return round(float(number), 6)


def _weight_function(by: str) -> WeightFunction:
    if by not in WEIGHTS:
        raise ValueError(f"Unknown weight {by!r}; choose one of {', '.join(WEIGHTS)}")
    attribute = {"hops": "hops", "years": "years_mid", "effort": "effort"}[by]
    return lambda u, v, data: data[attribute] or 0


# --------------------------------------------------------------------------- next moves


def next_moves(graph: GraphLike, role: RoleId, *, lateral: bool = True, sourced_only: bool = False,
               evidence: str = EVIDENCE_DEFAULT) -> list[Step]:
    """The transitions out of role id ``role``: the roles one move away, with kind, years and evidence.

    CLI twin: ``pmgraph next ROLE [--evidence stated|derived|any]``. ``evidence`` keeps the moves
    with at least that evidence (see the module docstring); ``sourced_only=True`` is
    ``evidence="derived"``: no move that only editorial judgement makes.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> [(m.target, m.kind, m.years_min, m.years_max) for m in next_moves(graph, "fx-spm")]
    [('fx-gpm', 'IC to management', 2.0, 3.0), ('fx-principal', 'promotion', 3.0, 4.0)]
    """
    career = project(graph)
    rid = known_role(career, role)
    moves = [Step.between(career, rid, v) for v in career._moves.successors(rid)]
    if not lateral:
        moves = [m for m in moves if m.kind != LATERAL]
    limit = _evidence_limit(evidence, sourced_only)
    moves = [m for m in moves if m.evidence.rank <= limit]
    return sorted(moves,
                  key=lambda m: (m.kind == LATERAL, career.roles[m.target].level or 0, m.target_label.casefold()))


# --------------------------------------------------------------------------- paths


def shortest_path(graph: GraphLike, source: RoleId, target: RoleId, *, by: str = WEIGHT, via: RoleId | None = None,
                  avoid: Iterable[RoleId] = (), track: str | None = None, lateral: bool = True,
                  max_steps: int | None = None, sourced_only: bool = False, evidence: str = EVIDENCE_DEFAULT) -> Path:
    """The best path from ``source`` to ``target`` by ``by`` ("hops", "years" or "effort").

    CLI twin: ``pmgraph path FROM TO``. Options as in :func:`shortest_paths`.

    Raises
    ------
    UnknownRoleError
        A role id is not in the graph.
    NoPathError
        No path exists under the constraints; the message says why.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> path = shortest_path(graph, "fx-pm", "fx-cpo", by="years")
    >>> path.roles, (path.years_min, path.years_max, path.years_mid)
    (('fx-pm', 'fx-spm', 'fx-gpm', 'fx-director', 'fx-cpo'), (8.0, 13.0, 10.5))
    """
    return shortest_paths(graph, source, target, k=1, by=by, via=via, avoid=avoid, track=track,
                          lateral=lateral, max_steps=max_steps, sourced_only=sourced_only, evidence=evidence)[0]


def shortest_paths(graph: GraphLike, source: RoleId, target: RoleId, *, k: int = 3, by: str = WEIGHT,
                   via: RoleId | None = None, avoid: Iterable[RoleId] = (), track: str | None = None,
                   lateral: bool = True, max_steps: int | None = None, weight: WeightFunction | None = None,
                   sourced_only: bool = False, evidence: str = EVIDENCE_DEFAULT) -> list[Path]:
    """Up to ``k`` simple paths from ``source`` to ``target``, best first: fewest editorial
    steps, then least weight, then fewest derived steps.

    CLI twin: ``pmgraph path FROM TO -k K [--by ...] [--via R] [--avoid R] [--track T]
    [--no-lateral] [--max-steps N] [--evidence stated|derived|any]``.

    Parameters
    ----------
    graph : rdflib.Graph or CareerGraph
    source, target : str
        Role ids (:data:`~pmgraph.career.model.RoleId`).
    k : int
        How many paths at most. Paths with no editorial step come first, then by ``by``;
        ties are broken by fewer derived steps, fewer steps, fewer years, then ids.
    by : {"hops", "years", "effort"}
        The weight to minimise (see the module docstring).
    via : str, optional
        A role (id) every path passes through.
    avoid : iterable of str
        Roles (ids) no path passes through.
    track : str, optional
        Stay on this track (its preferred label), see the module docstring.
    lateral : bool
        ``False`` drops lateral moves.
    max_steps : int, optional
        Paths with at most this many transitions.
    evidence : {"stated", "derived", "any"}
        The weakest evidence a move may have: "stated" only moves a source document states,
        "derived" also those a documented rule derives, "any" (default) also editorial ones.
        When no path has it, :class:`~pmgraph.errors.NoPathError` names the first step of the
        best path that lacks it and the looser setting that finds one.
    sourced_only : bool
        The same as ``evidence="derived"`` (kept for compatibility).
        By years, a path is weighed by the years that are known; ``Path.steps_without_years``
        counts the steps with none.
    weight : callable, optional
        ``(u, v, data) -> number`` replacing the weight named by ``by`` (used for personal gaps).

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> [p.roles[1:-1] for p in shortest_paths(graph, "fx-spm", "fx-cpo", k=3)]
    [('fx-principal',), ('fx-gpm', 'fx-director'), ('fx-principal', 'fx-gpm', 'fx-director')]
    >>> shortest_paths(graph, "fx-pm", "fx-cpo", by="hops", max_steps=2)
    Traceback (most recent call last):
    ...
    pmgraph.errors.NoPathError: No path from 'Fixture PM' to 'Fixture Chief Product Officer' within 2 steps; the shortest needs 3.
    """  # noqa: E501 (a doctest's output is one line)
    if k < 1:
        raise ValueError("k must be at least 1")
    limit = _evidence_limit(evidence, sourced_only)
    career = project(graph)
    raw = weight or _weight_function(by)

    s, t = known_role(career, source), known_role(career, target)
    v = known_role(career, via) if via else None
    avoided = {known_role(career, a) for a in avoid}
    track_label = known_track(career, track) if track else None
    for role, what in ((s, "start"), (t, "target")):
        if role in avoided:
            raise NoPathError(f"{career.label(role)!r} is the {what} and also avoided; drop it from the avoided roles.")
    if v is not None and v in avoided:
        raise NoPathError(f"{career.label(v)!r} is both the via role and avoided.")
    if s == t:
        return [path_through(career, [s], by=by, weight=weight)]
    if v in (s, t):
        v = None

    # Only a weight by effort (or a caller's own) needs every move's effort: read the full graph.
    complete = weight is not None or by == "effort"
    view = _constrained(career, s, t, avoided=avoided, track=track_label, lateral=lateral, complete=complete)
    monotone = _is_hops(raw)
    whole = view
    if limit < _NO_LIMIT:
        view = _at_least(view, limit)
    found = list(_search(view, s, t, v, raw, k=k, max_steps=max_steps, monotone=monotone))
    if not found and limit < _NO_LIMIT:
        best = list(_search(whole, s, t, v, raw, k=1, max_steps=max_steps, monotone=monotone))
        if best:
            raise _weaker(career, best[0], limit, whole, s, t, v, raw, max_steps)
    if not found:
        raise NoPathError(_why(career, s, t, v=v, avoided=avoided, track=track_label, lateral=lateral,
                               max_steps=max_steps))
    if limit > _SOURCED:  # the k best that editorial judgement needs no step of, then the rest
        sourced = _at_least(view, _SOURCED)
        found += _search(sourced, s, t, v, raw, k=k, max_steps=max_steps, monotone=monotone)
    unique = {tuple(p): p for p in found}
    paths = [path_through(career, p, by=by, weight=weight) for p in unique.values()]
    paths.sort(key=lambda p: (p.editorial_steps > 0, p.weight, p.derived_steps, p.hops, p.years_mid or 0, p.roles))
    return paths[:k]


_NO_LIMIT = 3  # an Evidence rank above every grade: no filter
_SOURCED = 1  # the weakest rank a step of a sourced path may have: derived
_SETTING = {"stated": 0, "derived": 1, "any": _NO_LIMIT}
_ALLOWED = {0: "moves a source states", 1: "moves a source states or a documented rule derives"}



def _evidence_limit(evidence: str, sourced_only: bool = False) -> int:
    """The weakest :attr:`Evidence.rank` a move may have under the ``evidence`` setting."""
    if evidence not in EVIDENCE:
        raise ValueError(f"Unknown evidence {evidence!r}; choose one of {', '.join(EVIDENCE)}")
    limit = _SETTING[evidence]
    return min(limit, 1) if sourced_only else limit


def _at_least(view: nx.DiGraph[str], limit: int) -> nx.DiGraph[str]:
    kept = {(u, w) for u, w, data in view.edges(data=True) if data.get("evidence", NO_EVIDENCE).rank <= limit}
    filtered: nx.DiGraph[str] = nx.subgraph_view(view, filter_edge=lambda u, w: (u, w) in kept)
    return filtered


def _weaker(career: CareerGraph, path: list[str], limit: int, whole: nx.DiGraph[str], s: str, t: str,
            v: str | None, fn: WeightFunction, max_steps: int | None) -> NoPathError:
    """No path has evidence ``limit``: name the first step of the best path ``path`` that lacks
    it, and the looser setting that finds a path."""
    u, w = next((u, w) for u, w in zip(path, path[1:])
                if whole.edges[u, w].get("evidence", NO_EVIDENCE).rank > limit)
    found = whole.edges[u, w].get("evidence", NO_EVIDENCE)
    looser = "any"
    if limit == 0 and any(True for _ in _search(_at_least(whole, 1), s, t, v, fn, k=1, max_steps=max_steps)):
        looser = "derived"
    return NoPathError(f"No path from {career.label(s)!r} to {career.label(t)!r} uses only {_ALLOWED[limit]}: "
                       f"on the best one, {career.label(u)} -> {career.label(w)} is {found.words}",
                       relax=f"evidence:{looser}")


def _constrained(career: CareerGraph, s: str, t: str, *, avoided: Collection[str] = frozenset(),
                 track: str | None = None, lateral: bool = True, complete: bool = False) -> nx.DiGraph[str]:
    digraph = career.digraph if complete else career._moves
    if not avoided and track is None and lateral:  # nothing to leave out: the graph itself, no slower view
        return digraph
    home: str | None = digraph.nodes[s]["track"]
    allowed = {track, home}
    keep = [n for n in digraph
            if n not in avoided and (track is None or n in (s, t) or digraph.nodes[n]["track"] in allowed)]
    view = digraph.subgraph(keep)

    def edge_ok(u: str, w: str) -> bool:
        if not lateral and digraph.edges[u, w]["kind"] == LATERAL:
            return False
        if track is None or home == track:
            return True
        if w == t:  # the path must reach the chosen track before the target
            track_of_u: str | None = digraph.nodes[u]["track"]
            return track_of_u == track
        # Once on the chosen track, never back to the start's own track.
        return not (digraph.nodes[u]["track"] == track and digraph.nodes[w]["track"] == home)

    if track is not None or not lateral:
        view = nx.subgraph_view(view, filter_edge=edge_ok)
    return view


def _search(view: nx.DiGraph[str], s: str, t: str, v: str | None, fn: WeightFunction, *, k: int,
            max_steps: int | None, monotone: bool = False) -> Iterator[list[str]]:
    """Best-first simple paths, enough of them to rank ties deterministically.

    ``monotone``: ``fn`` counts hops alone, so once a path is longer than ``max_steps`` every
    later one is too. Otherwise (by years or effort, or a weight of the caller's own) a
    longer path may come before a shorter one, and the scan goes on."""
    if max_steps is not None and v is None and _reachable(view, s, t) \
            and nx.shortest_path_length(view, s, t) > max_steps:
        return  # no path is short enough: scan none
    if v is None:
        candidates = _simple_paths(view, s, t, fn)
    else:
        if v not in view:
            return
        candidates = _via_paths(view, s, v, t, fn)
    kept: list[tuple[float, list[str]]] = []
    for scanned, (cost, path) in enumerate(candidates):
        if scanned >= _SCAN_LIMIT:
            break
        if max_steps is not None and len(path) - 1 > max_steps:
            if monotone:
                break  # by hops alone every later path is longer still
            continue
        if len(kept) >= k and cost > kept[-1][0] + 1e-9:
            break
        kept.append((cost, path))
    for _cost, path in kept:
        yield path


def _is_hops(fn: WeightFunction) -> bool:
    no_role: Any = None  # the probe names no move: a weight by attribute ignores u and v
    try:
        return fn(no_role, no_role, {"hops": 1, "years_mid": 7.5, "effort": 3, "evidence": NO_EVIDENCE}) == 1
    except Exception:
        return False


def _cost(view: nx.DiGraph[str], path: list[str], fn: WeightFunction) -> float:
    return sum(fn(u, w, view.edges[u, w]) for u, w in zip(path, path[1:]))


def _simple_paths(view: nx.DiGraph[str], s: str, t: str, fn: WeightFunction) -> Iterator[tuple[float, list[str]]]:
    if s not in view or t not in view:
        return
    # networkx passes fn a move's attribute dict; its stubs allow any SupportsGetItem there
    weight: Callable[[Any, Any, Any], float] = fn
    try:
        for path in nx.shortest_simple_paths(view, s, t, weight=weight):
            yield _cost(view, path, fn), path
    except nx.NetworkXNoPath:
        return


def _via_paths(view: nx.DiGraph[str], s: str, v: str, t: str,
               fn: WeightFunction) -> Iterator[tuple[float, list[str]]]:
    """Simple s->v->t paths in order of cost: a lazy merge of the two legs' ranked paths.

    A simple path through v splits into a first leg that avoids t and a second that avoids s,
    sharing only v; walking pairs (i, j) of ranked legs by summed cost finds them in order.
    """
    first = _Lazy(_simple_paths(view.subgraph([n for n in view if n != t]), s, v, fn))
    second = _Lazy(_simple_paths(view.subgraph([n for n in view if n != s]), v, t, fn))
    if first.get(0) is None or second.get(0) is None:
        return
    # Below, .items[i] for a leg get() has returned (not None): every pair on the heap is one.
    heap = [(first.items[0][0] + second.items[0][0], 0, 0)]
    seen = {(0, 0)}
    popped = 0
    while heap and popped < _SCAN_LIMIT:
        popped += 1
        cost, i, j = heapq.heappop(heap)
        a, b = first.items[i][1], second.items[j][1]
        if not set(a[:-1]) & set(b[1:]):
            yield cost, a + b[1:]
        for ni, nj in ((i + 1, j), (i, j + 1)):
            if (ni, nj) not in seen and first.get(ni) is not None and second.get(nj) is not None:
                seen.add((ni, nj))
                heapq.heappush(heap, (first.items[ni][0] + second.items[nj][0], ni, nj))


_T = TypeVar("_T")


class _Lazy(Generic[_T]):
    def __init__(self, iterator: Iterator[_T]):
        self.iterator: Iterator[_T] = iterator
        self.items: list[_T] = []

    def get(self, index: int) -> _T | None:
        while len(self.items) <= index:
            item = next(self.iterator, None)
            if item is None:
                return None
            self.items.append(item)
        return self.items[index]


# --------------------------------------------------------------------------- why there is no path


def _reachable(view: nx.DiGraph[str], s: str, t: str) -> bool:
    return s in view and t in view and nx.has_path(view, s, t)


def _why(career: CareerGraph, s: str, t: str, *, v: str | None, avoided: Collection[str], track: str | None,
         lateral: bool, max_steps: int | None) -> str:
    label = career.label
    S, T = label(s), label(t)
    ls, lt = career.roles[s].level, career.roles[t].level
    full = career._moves
    if not _reachable(full, s, t):
        if ls is not None and lt is not None and lt < ls:
            return (f"{T!r} (level {lt}) sits below {S!r} (level {ls}); transitions lead up or sideways, "
                    f"never down. Try it the other way round.")
        if ls is not None and lt is not None and lt == ls:
            return f"{T!r} is at the same level as {S!r} ({ls}) and no lateral move leads there."
        return f"No sequence of transitions leads from {S!r} to {T!r}."
    reasons: list[str] = []
    if not lateral and not _reachable(_constrained(career, s, t, lateral=False), s, t):
        return (f"Only a path with a lateral move leads from {S!r} to {T!r} (e.g. "
                f"{_lateral_example(career, s, t)}), and lateral moves are off; allow them.")
    if avoided and not _reachable(_constrained(career, s, t, avoided=avoided), s, t):
        names = ", ".join(repr(label(a)) for a in sorted(avoided))
        return f"Every path from {S!r} to {T!r} passes through an avoided role ({names})."
    if track and not _reachable(_constrained(career, s, t, track=track), s, t):
        home = full.nodes[s]["track"]
        off = [n for n in nx.shortest_path(full, s, t)[1:-1] if full.nodes[n]["track"] not in (track, home)]
        example = ", ".join(f"{label(n)!r} ({full.nodes[n]['track']})" for n in off)
        why = (f"the shortest passes through {example}" if off
               else f"no path reaches the {track} track before the target")
        return (f"No path from {S!r} to {T!r} stays on the {track} track (after rungs on the start's own "
                f"{home} track); {why}.")
    if v is not None:
        V = label(v)
        if not _reachable(full, s, v):
            lv = career.roles[v].level
            below = (f" ({V!r} is at level {lv}, {S!r} at {ls})"
                     if lv is not None and ls is not None and lv <= ls else "")
            return f"{V!r} is not between {S!r} and {T!r}: no path leads from {S!r} to {V!r}{below}."
        if not _reachable(full, v, t):
            return f"{V!r} is not between {S!r} and {T!r}: no path leads from {V!r} to {T!r}."
        if not any(True for _ in _via_paths(full, s, v, t, lambda *_: 1)):
            return f"{V!r} is not between {S!r} and {T!r}: every route through it visits a role twice."
        reasons.append(f"through {V!r}")
    if max_steps is not None:
        view = _constrained(career, s, t, avoided=avoided, track=track, lateral=lateral)
        if _reachable(view, s, t) and v is None:
            need = nx.shortest_path_length(view, s, t)
            return f"No path from {S!r} to {T!r} within {max_steps} steps; the shortest needs {need}."
        if v is not None and _reachable(view, s, v) and _reachable(view, v, t):
            paths = list(islice(_via_paths(view, s, v, t, lambda *_: 1), 1))
            if paths:
                return (f"No path from {S!r} to {T!r} through {label(v)!r} within {max_steps} steps; "
                        f"the shortest needs {len(paths[0][1]) - 1}.")
        reasons.append(f"within {max_steps} steps")
    parts = [*reasons]
    if avoided:
        parts.append("avoiding " + ", ".join(repr(label(a)) for a in sorted(avoided)))
    if track:
        parts.append(f"on the {track} track")
    if not lateral:
        parts.append("without lateral moves")
    return (f"No path from {S!r} to {T!r} meets all the constraints together ({'; '.join(parts)}), "
            f"though each alone leaves one; relax one of them.")


def _lateral_example(career: CareerGraph, s: str, t: str) -> str:
    path = nx.shortest_path(career._moves, s, t)
    for u, w in zip(path, path[1:]):
        if career._moves.edges[u, w]["kind"] == LATERAL:
            return f"{career.label(u)!r} -> {career.label(w)!r}"
    return " -> ".join(repr(career.label(n)) for n in path)
