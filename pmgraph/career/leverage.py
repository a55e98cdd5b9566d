"""Skill leverage: which one-level improvement brings a person closest to the most roles
(``pmgraph leverage``), in the spirit of Nesta's Career Causeways upskilling analysis.

The method, for a person holding proficiency ``have[s]`` in each skill ``s`` (a profile's, or a
role's own requirements when a role is given):

1. The **roles in reach** are those the ladder's moves lead to from the person's role within
   ``steps`` moves (2 by default), or the one ``target``.
2. A role's **gap** is the proficiency steps between the person and its requirements:
   ``sum(max(0, need[s] - have[s]))`` over the skills it requires. A role with gap 0 is
   **ready**: every requirement is met. A role with no known requirement is never ready
   (unknown is not ready): it is listed apart, as **unknown**.
3. For each skill some role in reach needs above the person's level, raise ``have[s]`` by one
   level and count: the **steps saved** (how much the roles' gaps fall in total; one for each role
   in reach that needs more of ``s``), the roles **brought closer** (those same roles) and the
   roles **made ready** (gap 0 after, not before).
4. Rank by steps saved, then roles made ready, then readiness gained towards the roles in reach
   (:func:`pmgraph.career.skills.readiness`, importance-weighted), then label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike

from .model import CareerGraph, Requirement, RoleId
from .names import known_role
from .options import REACH_STEPS
from .projection import GraphLike, project
from .skills import Profile, SkillGap, read_profile, readiness

__all__ = ["LeverageEntry", "Leverage", "skill_leverage"]


@dataclass(frozen=True)
class LeverageEntry:
    """One skill raised by one level, and what that does for the roles in reach."""

    skill: str
    label: str
    have: int
    have_proficiency: str | None
    to_proficiency: str
    steps_saved: int
    closer: tuple[str, ...]
    ready: tuple[str, ...]
    readiness_gain: float

    def to_dict(self) -> dict[str, object]:
        return {"skill": self.skill, "label": self.label, "have": self.have, "have_proficiency": self.have_proficiency,
                "to": self.have + 1, "to_proficiency": self.to_proficiency, "steps_saved": self.steps_saved,
                "closer": list(self.closer), "ready": list(self.ready), "readiness_gain": self.readiness_gain}


@dataclass(frozen=True)
class Leverage:
    """The ranked skills for a person at ``role``, towards ``reach`` (role labels)."""

    role: str
    role_label: str
    reach: tuple[str, ...]
    ready_now: tuple[str, ...]
    entries: tuple[LeverageEntry, ...]
    steps: int | None
    #: the roles in reach (labels) with no known skill requirement: neither ready nor counted
    unknown: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"role": self.role, "role_label": self.role_label, "reach": list(self.reach),
                "ready_now": list(self.ready_now), "unknown": list(self.unknown), "steps": self.steps,
                "unit": "proficiency steps", "skills": [e.to_dict() for e in self.entries]}


def _gap(needs: Mapping[str, Requirement], have: Mapping[str, int]) -> int:
    return sum(max(0, r.rank - have.get(s, 0)) for s, r in needs.items())


def _readiness(career: CareerGraph, roles: tuple[str, ...], have: Mapping[str, int]) -> float:
    gaps = [SkillGap(s, r.label, have.get(s, 0), r.rank, None, r.proficiency, r.importance)
            for role in roles for s, r in career.requirements.get(role, {}).items()]
    found = readiness(gaps)
    return 0.0 if found is None else found  # no requirement known in reach: no entry uses it


def _reach(career: CareerGraph, start: str, steps: int) -> tuple[str, ...]:
    seen, frontier = {start}, [start]
    for _ in range(steps):
        frontier = sorted({v for u in frontier for v in career.digraph.successors(u)} - seen)
        seen.update(frontier)
    return tuple(sorted(seen - {start}, key=lambda r: (career.roles[r].level or 0, career.label(r), r)))


def skill_leverage(graph: GraphLike, role: RoleId | None = None, *,
                   profile: Profile | str | PathLike[str] | Mapping[str, object] | None = None,
                   target: RoleId | None = None, steps: int = REACH_STEPS, assume_current: bool = False) -> Leverage:
    """The skills whose improvement by one level would most reduce the effort to the roles in
    reach (or to ``target``), best first, by the method of :mod:`pmgraph.career.leverage`.

    Give ``role`` (a role id: the person holds its requirements at its levels) or ``profile``
    (as for :func:`pmgraph.career.skills.skill_gap`); ``target`` is a role id too. CLI twin:
    ``pmgraph leverage (ROLE | --profile FILE)``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> found = skill_leverage(graph, "fx-spm")
    >>> [(e.label, e.steps_saved, len(e.ready)) for e in found.entries]
    [('Strategy', 4, 0), ('Coaching', 3, 0), ('Roadmapping', 1, 0)]
    """
    career = project(graph)
    if (role is None) == (profile is None):
        raise ValueError("give a role or a profile, not both")
    if profile is not None:
        person = (profile if isinstance(profile, Profile)
                  else read_profile(career, profile, assume_current=assume_current))
        start, have = person.role, dict(person.skills)
    else:
        assert role is not None
        start = known_role(career, role)
        have = {s: r.rank for s, r in career.requirements.get(start, {}).items()}
    reach = (known_role(career, target),) if target is not None else _reach(career, start, steps)
    top = max(career.proficiency, default=5)
    known = {r for r in reach if career.requirements.get(r)}
    # A role with no known requirement is never ready: its gap is unknown, not 0.
    gaps = {r: _gap(career.requirements.get(r, {}), have) if r in known else -1 for r in reach}
    before = _readiness(career, reach, have)
    candidates = sorted({s for r in reach for s, q in career.requirements.get(r, {}).items()
                         if q.rank > have.get(s, 0)})
    entries = []
    for skill in candidates:
        level = have.get(skill, 0)
        if level >= top:
            continue
        raised = {**have, skill: level + 1}
        closer = tuple(r for r in reach if skill in career.requirements.get(r, {})
                       and career.requirements[r][skill].rank > level)
        ready = tuple(r for r in closer if gaps[r] > 0 and _gap(career.requirements.get(r, {}), raised) == 0)
        entries.append(LeverageEntry(
            skill, career.skill_label(skill), level, career.proficiency_label(level) if level else None,
            career.proficiency_label(level + 1), len(closer), tuple(career.label(r) for r in closer),
            tuple(career.label(r) for r in ready), round(_readiness(career, reach, raised) - before, 3)))
    entries.sort(key=lambda e: (-e.steps_saved, -len(e.ready), -e.readiness_gain, e.label.casefold(), e.skill))
    return Leverage(start, career.label(start), tuple(career.label(r) for r in reach),
                    tuple(career.label(r) for r in reach if gaps[r] == 0), tuple(entries),
                    None if target is not None else steps, tuple(career.label(r) for r in reach if r not in known))
