"""Skill deltas between roles, along paths, and a person's gap to a target role.

CLI twins: ``pmgraph delta FROM TO``, ``pmgraph gap PROFILE --target ROLE``.

A skill changes between two roles in one of these ways: ``gained`` (newly required),
``levelled up`` (by how many proficiency steps), ``unchanged``, ``levelled down`` (the target
role's sources state a lower proficiency: shown with them, "stated lower by ...") or ``not
stated`` (the source role requires it; the target role's sources do not mention it). Not stated
is not dropped: ``no longer required`` is kept for a drop a source states, which the graph has
no way to say yet, so no delta reports it today. Responsibilities are ``gained``, ``kept`` or
``no longer required``.

Unknown is not ready, nor a change: a role with no known skill requirement has ``known`` false
(:attr:`SkillDelta.source_known`, :attr:`SkillDelta.target_known`, :attr:`Gap.target_known`);
a delta to or from it lists no skill change and its effort is ``None``, and a gap's readiness is
``None`` ("unknown"), never 1.0.

Roles are ids (:data:`~pmgraph.career.model.RoleId`), as in :mod:`pmgraph.career.paths`; the
curated API (``pmgraph.skill_delta(graph, "senior pm", "principal pm")``...) takes names. A
profile is what a person wrote: :func:`read_profile` resolves the role it names, once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path as FilePath
from typing import Any

from ..errors import InvalidDataError, PmGraphError, excerpt
from ..wording import did_you_mean
from .model import Attributes, CareerGraph, RoleId, SourceRecord, normalise
from .names import known_role, resolve_role, resolve_skill
from .paths import Path, path_through, shortest_paths
from .projection import GraphLike, project

__all__ = [
    "SKILL_CHANGES",
    "SkillChange",
    "ResponsibilityChange",
    "SkillDelta",
    "PathDelta",
    "Profile",
    "SkillGap",
    "Gap",
    "skill_delta",
    "path_delta",
    "read_profile",
    "skill_gap",
    "readiness",
]

SKILL_CHANGES = ("gained", "levelled up", "unchanged", "levelled down", "not stated", "no longer required")
RESPONSIBILITY_CHANGES = ("gained", "kept", "not stated", "no longer required")
#: Weights of a requirement's importance in the readiness figure.
IMPORTANCE_WEIGHTS = {"essential": 2.0, "optional": 1.0}


@dataclass(frozen=True)
class SkillChange:
    """How one skill's requirement changes: ranks 0 mean "not required"; ``steps`` is signed."""

    skill: str
    label: str
    change: str
    from_rank: int
    to_rank: int
    from_proficiency: str | None
    to_proficiency: str | None
    importance: str | None
    #: who states the requirement (the target role's; the source role's if not stated for the target)
    sources: tuple[SourceRecord, ...] = ()
    #: who states each role's proficiency (empty where the role does not require the skill)
    from_proficiency_sources: tuple[SourceRecord, ...] = ()
    to_proficiency_sources: tuple[SourceRecord, ...] = ()

    @property
    def steps(self) -> int:
        return self.to_rank - self.from_rank

    @property
    def from_estimate(self) -> bool:
        """The source role's proficiency is an editorial estimate: no source document states it."""
        return estimate(self.from_proficiency_sources)

    @property
    def to_estimate(self) -> bool:
        """The target role's proficiency is an editorial estimate."""
        return estimate(self.to_proficiency_sources)

    def to_dict(self) -> dict[str, object]:
        return {
            "skill": self.skill, "label": self.label, "change": self.change, "steps": self.steps,
            "from_rank": self.from_rank, "to_rank": self.to_rank, "from_proficiency": self.from_proficiency,
            "to_proficiency": self.to_proficiency, "importance": self.importance,
            "from_proficiency_estimate": self.from_estimate, "to_proficiency_estimate": self.to_estimate,
            "sources": [c.to_dict() for c in self.sources],
            "from_proficiency_sources": [c.to_dict() for c in self.from_proficiency_sources],
            "to_proficiency_sources": [c.to_dict() for c in self.to_proficiency_sources],
        }


def estimate(cited: tuple[SourceRecord, ...]) -> bool:
    """Whether a value cited by ``cited`` is an estimate: cited, and only by editorial sources."""
    return bool(cited) and all(c.editorial for c in cited)


@dataclass(frozen=True)
class ResponsibilityChange:
    """A responsibility ``gained``, ``kept``, ``not stated`` for the target role (the source role's,
    which no source of the target mentions: not a drop), or ``no longer required`` (a drop a
    source states, which the graph has no way to say yet)."""

    responsibility: str
    label: str
    change: str

    def to_dict(self) -> dict[str, object]:
        return {"responsibility": self.responsibility, "label": self.label, "change": self.change}


@dataclass(frozen=True)
class SkillDelta:
    """What changes from role ``source`` to role ``target``.

    ``effort`` is the proficiency steps to learn: the sum of the positive ``steps``; ``None`` when
    either role has no known skill requirement (``source_known``, ``target_known``): then no skill
    change is listed, since nothing says what the unknown role asks.
    """

    source: str
    target: str
    source_label: str
    target_label: str
    skills: tuple[SkillChange, ...]
    responsibilities: tuple[ResponsibilityChange, ...]
    #: whether any skill requirement of the source (target) role is known
    source_known: bool = True
    target_known: bool = True
    #: why the source (target) role has no skill requirement (pm:requirementsNote), if unknown and said
    source_note: str | None = None
    target_note: str | None = None

    @property
    def known(self) -> bool:
        """Both roles have known skill requirements: the skill changes can be compared."""
        return self.source_known and self.target_known

    @property
    def unknown_labels(self) -> tuple[str, ...]:
        """The roles (labels) with no known skill requirement, source first."""
        return tuple(label for label, known in ((self.source_label, self.source_known),
                                                (self.target_label, self.target_known)) if not known)

    @property
    def unknown_notes(self) -> tuple[tuple[str, str | None], ...]:
        """The roles with no known skill requirement, source first: (label, why, if the data says)."""
        return tuple((label, note) for label, known, note in (
            (self.source_label, self.source_known, self.source_note),
            (self.target_label, self.target_known, self.target_note)) if not known)

    @property
    def effort(self) -> int | None:
        if not self.known:
            return None
        return sum(max(0, c.steps) for c in self.skills)

    def by_change(self) -> dict[str, tuple[SkillChange, ...]]:
        """Skills grouped by kind of change, in the order of :data:`SKILL_CHANGES` (empty groups left out)."""
        groups = {kind: tuple(c for c in self.skills if c.change == kind) for kind in SKILL_CHANGES}
        return {kind: found for kind, found in groups.items() if found}

    def to_dict(self) -> dict[str, object]:
        return {
            "from": self.source, "to": self.target, "from_label": self.source_label, "to_label": self.target_label,
            "from_known": self.source_known, "to_known": self.target_known,
            "effort": self.effort, "skills": [c.to_dict() for c in self.skills],
            "responsibilities": [c.to_dict() for c in self.responsibilities],
            **({"from_requirements_note": self.source_note} if self.source_note is not None else {}),
            **({"to_requirements_note": self.target_note} if self.target_note is not None else {}),
        }


@dataclass(frozen=True)
class PathDelta:
    """The deltas step by step along a path, and the net delta from its first role to its last."""

    path: Path
    steps: tuple[SkillDelta, ...]
    net: SkillDelta

    @property
    def effort(self) -> int | None:
        """Proficiency steps learnt along the path: the sum of the steps' efforts; ``None`` when a
        role on the path has no known skill requirement."""
        efforts = [d.effort for d in self.steps]
        return None if any(e is None for e in efforts) else sum(e for e in efforts if e is not None)

    @property
    def unknown_labels(self) -> tuple[str, ...]:
        """The roles on the path (labels, in order) with no known skill requirement."""
        seen: dict[str, None] = {}
        for delta in (*self.steps, self.net):
            seen.update(dict.fromkeys(delta.unknown_labels))
        return tuple(label for label in self.path.labels if label in seen)

    @property
    def unknown_notes(self) -> tuple[tuple[str, str | None], ...]:
        """The roles on the path with no known skill requirement, in order: (label, why, if said)."""
        notes: dict[str, str | None] = {}
        for delta in (*self.steps, self.net):
            for label, note in delta.unknown_notes:
                notes[label] = notes.get(label) or note
        return tuple((label, notes[label]) for label in self.unknown_labels)

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path.to_dict(), "steps": [d.to_dict() for d in self.steps],
                "net": self.net.to_dict(), "effort": self.effort}


def _change(before: int, after: int) -> str:
    if before == 0:
        return "gained"
    if after == 0:
        return "not stated"  # not dropped: no source states that the target role needs none of it
    if after > before:
        return "levelled up"
    if after < before:
        return "levelled down"
    return "unchanged"


def _delta(career: CareerGraph, s: str, t: str) -> SkillDelta:
    before_reqs, after_reqs = career.requirements.get(s, {}), career.requirements.get(t, {})
    known = bool(before_reqs), bool(after_reqs)
    before = {k: r.rank for k, r in before_reqs.items()}
    changes: list[SkillChange] = []
    # Unknown is not a change: with one role's requirements unknown, no skill is compared.
    for skill in set(before) | set(after_reqs) if all(known) else ():
        b = before.get(skill, 0)
        a = after_reqs[skill].rank if skill in after_reqs else 0
        importance = (after_reqs.get(skill) or before_reqs.get(skill))
        before_cited, before_levels = career.requirement_cited(s, skill) if b else ((), ())
        after_cited, after_levels = career.requirement_cited(t, skill) if a else ((), ())
        changes.append(SkillChange(
            skill=skill, label=career.skill_label(skill), change=_change(b, a), from_rank=b, to_rank=a,
            from_proficiency=career.proficiency_label(b) if b else None,
            to_proficiency=career.proficiency_label(a) if a else None,
            importance=importance.importance if importance is not None else None,
            sources=after_cited if a else before_cited,
            from_proficiency_sources=before_levels, to_proficiency_sources=after_levels,
        ))
    order = {kind: i for i, kind in enumerate(SKILL_CHANGES)}
    changes.sort(key=lambda c: (order[c.change], -abs(c.steps), c.label.casefold(), c.skill))
    rb, ra = career.responsibilities.get(s, {}), career.responsibilities.get(t, {})
    resp: list[ResponsibilityChange] = []
    for iri in set(rb) | set(ra):
        # not "no longer required": no source states that the target role drops it
        kind = "kept" if iri in rb and iri in ra else ("gained" if iri in ra else "not stated")
        label = ra.get(iri) or rb.get(iri)
        assert label is not None  # iri is in ra or rb
        resp.append(ResponsibilityChange(iri, label, kind))
    rorder = {kind: i for i, kind in enumerate(RESPONSIBILITY_CHANGES)}
    resp.sort(key=lambda c: (rorder[c.change], c.label.casefold(), c.responsibility))
    notes = (None if known[0] else career.roles[s].requirements_note,
             None if known[1] else career.roles[t].requirements_note)
    return SkillDelta(s, t, career.label(s), career.label(t), tuple(changes), tuple(resp), *known, *notes)


def skill_delta(graph: GraphLike, source: RoleId, target: RoleId) -> SkillDelta:
    """How skills and responsibilities change from role id ``source`` to role id ``target``.

    CLI twin: ``pmgraph delta FROM TO``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> delta = skill_delta(graph, "fx-spm", "fx-gpm")
    >>> [(c.label, c.change, c.steps) for c in delta.skills]
    [('Coaching', 'gained', 3), ('Strategy', 'levelled up', 1), ('Roadmapping', 'unchanged', 0), ('Analytics', 'not stated', -3)]
    >>> delta.effort
    4
    """  # noqa: E501 (a doctest's output is one line)
    career = project(graph)
    return _delta(career, known_role(career, source), known_role(career, target))


def path_delta(graph: GraphLike, path: Path | Sequence[RoleId]) -> PathDelta:
    """The skill deltas along ``path`` (a :class:`~pmgraph.career.paths.Path` or role ids), and net.

    The cumulative ``effort`` counts each step's learning, so a skill levelled down and later up
    again counts twice; ``net`` compares only the first and last roles.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> walk = path_delta(graph, ["fx-spm", "fx-principal", "fx-gpm"])
    >>> [d.effort for d in walk.steps], walk.effort, walk.net.effort
    ([3, 3], 6, 4)
    """
    career = project(graph)
    if not isinstance(path, Path):
        path = path_through(career, path)
    steps = tuple(_delta(career, u, v) for u, v in zip(path.roles, path.roles[1:]))
    return PathDelta(path, steps, _delta(career, path.roles[0], path.roles[-1]))


# --------------------------------------------------------------------------- personal gap


@dataclass(frozen=True)
class Profile:
    """A person: current role id and held skills as {skill id: proficiency rank}."""

    role: str
    skills: Mapping[str, int]
    file: str | None = None
    #: what was read but not used: an unknown skill, with the closest names (one line each)
    warnings: tuple[str, ...] = ()
    #: skills counted as held because the current role requires them (``assume_current``)
    assumed: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"role": self.role, "skills": dict(sorted(self.skills.items())),
                "assumed": dict(sorted(self.assumed.items())), "warnings": list(self.warnings)}


@dataclass(frozen=True)
class SkillGap:
    """One skill the target role requires: what the person has (0: none) and what is needed."""

    skill: str
    label: str
    have: int
    need: int
    have_proficiency: str | None
    need_proficiency: str
    importance: str | None
    #: the needed proficiency is an editorial estimate: no source document states it
    need_estimate: bool = False

    @property
    def short_by(self) -> int:
        return max(0, self.need - self.have)

    @property
    def status(self) -> str:
        return "missing" if self.have == 0 else ("short" if self.have < self.need else "met")

    def to_dict(self) -> dict[str, object]:
        return {"skill": self.skill, "label": self.label, "have": self.have, "need": self.need,
                "have_proficiency": self.have_proficiency, "need_proficiency": self.need_proficiency,
                "need_estimate": self.need_estimate, "importance": self.importance, "short_by": self.short_by,
                "status": self.status}


@dataclass(frozen=True)
class Gap:
    """A person's gap to ``target``: skills missing, short and met, readiness and the easiest path."""

    role: str
    target: str
    role_label: str
    target_label: str
    skills: tuple[SkillGap, ...]
    #: None ("unknown") when the target role has no known skill requirement: unknown is not ready
    readiness: float | None
    path: Path | None
    #: proficiency steps along ``path`` given the person's skills (the path's weight), or None
    effort: int | None = None
    #: why there is no path, when there is none
    no_path: str | None = None
    #: the profile's warnings (unknown skills)
    warnings: tuple[str, ...] = ()
    #: roles on ``path`` after the first (labels) with no known skill requirement: ``effort``
    #: counts nothing for them, so it is a lower bound when there are any
    unknown_on_path: tuple[str, ...] = ()
    #: why the target role has no skill requirement (pm:requirementsNote), if unknown and said
    target_note: str | None = None

    @property
    def target_known(self) -> bool:
        """Whether any skill requirement of the target role is known (if not, readiness is unknown)."""
        return bool(self.skills)

    @property
    def missing(self) -> tuple[SkillGap, ...]:
        return tuple(s for s in self.skills if s.status == "missing")

    @property
    def short(self) -> tuple[SkillGap, ...]:
        return tuple(s for s in self.skills if s.status == "short")

    @property
    def met(self) -> tuple[SkillGap, ...]:
        return tuple(s for s in self.skills if s.status == "met")

    def to_dict(self) -> dict[str, object]:
        return {
            "role": self.role, "target": self.target, "role_label": self.role_label,
            "target_label": self.target_label, "readiness": self.readiness, "target_known": self.target_known,
            "skills": [s.to_dict() for s in self.skills],
            "missing": [s.skill for s in self.missing], "short": [s.skill for s in self.short],
            "path": None if self.path is None else self.path.to_dict(),
            "effort": self.effort, "effort_unit": "proficiency steps", "no_path": self.no_path,
            "warnings": list(self.warnings), "unknown_on_path": list(self.unknown_on_path),
            **({"requirements_note": self.target_note} if self.target_note is not None else {}),
        }


def _proficiency(career: CareerGraph, value: object, where: str, file: str | None) -> int:
    if isinstance(value, bool):
        raise InvalidDataError(f"{where}: proficiency must be a label or a rank, not {value!r}", file=file)
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal()
                                  and len(value.strip()) <= 3):
        rank = int(value)
        if rank in career.proficiency or rank == 0:
            return rank
    elif isinstance(value, str):
        for rank, label in career.proficiency.items():
            if normalise(label) == normalise(value):
                return rank
    scale = ", ".join(f"{label} ({rank})" for rank, label in career.proficiency.items())
    raise InvalidDataError(f"{where}: unknown proficiency {excerpt(str(value), 40)}; use one of {scale}", file=file)


#: Unknown skills of a profile that get suggestions (and that ``pmgraph gap`` prints).
SUGGESTED = 20


def read_profile(graph: GraphLike, source: str | PathLike[str] | Mapping[str, object], *,
                 assume_current: bool = False) -> Profile:
    """Read a person's profile from a YAML or JSON file (or a mapping already parsed).

    The format: ``role`` (a role name) and ``skills``, a mapping of skill name to proficiency
    (label such as "expert", or rank). A skill not listed counts as not held, unless
    ``assume_current``: then each skill the current role requires counts as held at the level it
    requires (the profile's own entry wins)::

        role: Senior PM
        skills:
          Stakeholder management: expert
          Roadmapping: 3

    A skill pmgraph does not know is a warning (in ``warnings``, with the closest names), not an
    error. A missing file, an unknown role or proficiency raises
    :class:`~pmgraph.errors.InvalidDataError` naming the file and every field at fault at once.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> read_profile(graph, {"role": "FAPM", "skills": {"roadmapping": "working", "Coaching": 1}}).to_dict()
    {'role': 'fx-apm', 'skills': {'fx-coaching': 1, 'fx-roadmapping': 2}, 'assumed': {}, 'warnings': []}
    >>> read_profile(graph, {"role": "FAPM", "skills": {"SQL": 3}}).warnings
    ("unknown skill 'SQL', not counted. See 'pmgraph skills' for the skills.",)
    """
    career = project(graph)
    file: str | None = None
    if isinstance(source, Mapping):
        data = source
    else:
        file = str(source)
        path = FilePath(source)
        from ..files import decode_text

        try:
            text = decode_text(path.read_bytes())
        except FileNotFoundError:
            raise InvalidDataError("no such profile file; check the path", file=file) from None
        except OSError as error:
            raise InvalidDataError(f"cannot read the profile: {error.strerror or error}", file=file) from None
        except ValueError as error:
            raise InvalidDataError(str(error), file=file) from None
        data = _parse_profile(text, path, file)
    if not isinstance(data, Mapping):
        raise InvalidDataError("a profile is a mapping with 'role' and 'skills'", file=file)
    problems: list[str] = []  # every problem of the profile, reported together
    warnings: list[str] = []
    role: str | None = None
    role_name = data.get("role")
    if not isinstance(role_name, str) or not role_name.strip():
        problems.append("field 'role' is missing; name the current role, e.g. role: Senior PM")
    else:
        try:
            role = resolve_role(career, role_name)
        except PmGraphError as error:
            problems.append(f"field 'role': {error}")
    skills_data = data.get("skills") or {}
    if not isinstance(skills_data, Mapping):
        problems.append("field 'skills' must map skill names to proficiencies")
        skills_data = {}
    unknown = [key for key in data if key not in ("role", "skills")]
    if unknown:
        warnings.append(f"field {excerpt(str(unknown[0]))} is not part of a profile (role, skills); ignored")
    skills: dict[str, int] = {}
    for name, value in skills_data.items():
        # Suggestions for the first few unknown skills only: a profile of thousands stays quick.
        sid, suggestions = resolve_skill(career, str(name), suggest=len(warnings) < SUGGESTED)
        try:
            rank = _proficiency(career, value, f"field 'skills.{excerpt(str(name), 60)[1:-1]}'", None)
        except InvalidDataError as error:
            problems.append(str(error))
            continue
        if sid is None:
            hint = did_you_mean(suggestions) if suggestions else \
                " See 'pmgraph skills' for the skills." if len(warnings) < SUGGESTED else ""
            warnings.append(f"unknown skill {excerpt(str(name))}, not counted.{hint}")
            continue
        skills[sid] = max(skills.get(sid, 0), rank)
    if problems:
        count = f"{len(problems)} problems: " if len(problems) > 1 else ""
        more = f"; and {len(problems) - 5:,} more" if len(problems) > 5 else ""
        raise InvalidDataError(count + "; ".join(problems[:5]) + more, file=file)
    assert role is not None  # no problem: the role resolved
    assumed: dict[str, int] = {}
    if assume_current:
        for sid, requirement in career.requirements.get(role, {}).items():
            if sid not in skills:
                assumed[sid] = requirement.rank
    prefix = f"{file}: " if file else ""
    return Profile(role=role, skills=dict(sorted({**skills, **assumed}.items())), file=file,
                   warnings=tuple(prefix + w for w in warnings), assumed=dict(sorted(assumed.items())))


def _parse_profile(text: str, path: FilePath, file: str) -> Any:  # the parsed JSON or YAML
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidDataError(f"not valid JSON: {error.msg}", file=file, line=error.lineno) from None
    import yaml  # only profiles need it

    from ..bounded import reader_problem, safe_load

    try:
        return safe_load(text, file=file)  # within the limits for untrusted files
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or reader_problem(error)
        raise InvalidDataError(f"not valid YAML: {problem}", file=file,
                               line=None if mark is None else mark.line + 1) from None


def readiness(gaps: Sequence[SkillGap]) -> float | None:
    """The readiness figure: importance-weighted share of required proficiency already held.

    ``readiness = sum(w * min(have, need)) / sum(w * need)`` over the target role's required
    skills, with ``w`` = 2 for essential and 1 for optional skills (1 when unstated); ``have`` and
    ``need`` are proficiency ranks (0 when the skill is not held). 1.0 means every requirement is
    met; skills beyond the requirement earn nothing extra. Rounded to 2 decimals; ``None``
    ("unknown") when no requirement is known: unknown is not ready.

    Examples
    --------
    >>> readiness([SkillGap("a", "A", 2, 4, "working", "expert", "essential"),
    ...            SkillGap("b", "B", 3, 3, "practitioner", "practitioner", "optional")])
    0.64
    >>> readiness([]) is None
    True
    """
    def weight(gap: SkillGap) -> float:
        return IMPORTANCE_WEIGHTS.get((gap.importance or "").casefold(), 1.0)

    if not gaps:
        return None
    total = sum(weight(g) * g.need for g in gaps)
    if total == 0:
        return 1.0  # every requirement asks rank 0: met by anyone
    return round(sum(weight(g) * min(g.have, g.need) for g in gaps) / total, 2)


def skill_gap(graph: GraphLike, profile: Profile | str | PathLike[str] | Mapping[str, object], target: RoleId, *,
              k: int = 1, assume_current: bool = False) -> Gap:
    """A person's gap to role id ``target``: missing and short skills, readiness, easiest path.

    CLI twin: ``pmgraph gap PROFILE --target ROLE``.

    ``readiness`` is :func:`readiness` over the target's requirements: ``None`` ("unknown") when
    the target has none known. ``path`` is the path from
    the person's current role to the target whose skill effort is least given what the person
    already has: the first step counts, for each skill the next role requires, the ranks it needs
    above the person's own proficiency; each later step, the ranks above both the role just
    reached and the person's proficiency. ``effort`` is that total, in proficiency steps (one rank
    up in one skill). ``path`` is ``None`` when the person is already in the target role or no
    path leads there, and ``no_path`` says which. A role on the path with no known requirement
    counts no effort: ``unknown_on_path`` names it. ``assume_current`` is :func:`read_profile`'s.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> gap = skill_gap(graph, {"role": "fx-spm", "skills": {"Coaching": "expert"}}, "fx-director")
    >>> [(s.label, s.status, s.short_by) for s in gap.skills], gap.readiness
    ([('Strategy', 'missing', 4), ('Coaching', 'met', 0)], 0.5)
    >>> gap.path.roles, gap.effort  # roadmapping 3 and strategy 3 for GPM, then strategy +1
    (('fx-spm', 'fx-gpm', 'fx-director'), 7)
    """
    career = project(graph)
    if not isinstance(profile, Profile):
        profile = read_profile(career, profile, assume_current=assume_current)
    t = known_role(career, target)
    gaps: list[SkillGap] = []
    for sid, req in career.requirements.get(t, {}).items():
        have = profile.skills.get(sid, 0)
        gaps.append(SkillGap(sid, req.label, have, req.rank, career.proficiency_label(have) if have else None,
                             req.proficiency, req.importance, estimate(career.requirement_cited(t, sid)[1])))
    order = {"missing": 0, "short": 1, "met": 2}
    gaps.sort(key=lambda g: (order[g.status], -g.short_by, g.label.casefold(), g.skill))
    held = profile.skills

    def effort(u: str, v: str, _data: Attributes) -> int:
        # Out of the person's own role, what they hold is the base (their role's requirements
        # count only with assume_current); further on, a role reached was learnt on the way.
        before = {} if u == profile.role else career.requirements.get(u, {})
        total = 0
        for sid, req in career.requirements.get(v, {}).items():
            base = max(before[sid].rank if sid in before else 0, held.get(sid, 0))
            total += max(0, req.rank - base)
        return total

    path: Path | None = None
    no_path: str | None = None
    if profile.role == t:
        no_path = f"you are a {career.label(t)} already"
    else:
        from ..errors import NoPathError

        try:
            path = shortest_paths(career, profile.role, t, k=k, by="effort", weight=effort)[0]
        except NoPathError:
            no_path = _why_no_path(career, profile.role, t)
    unknown = () if path is None else tuple(career.label(r) for r in path.roles[1:] if not career.requirements.get(r))
    return Gap(profile.role, t, career.label(profile.role), career.label(t), tuple(gaps), readiness(gaps), path,
               effort=None if path is None else int(path.weight), no_path=no_path, warnings=profile.warnings,
               unknown_on_path=unknown,
               target_note=None if gaps else career.roles[t].requirements_note)


def _why_no_path(career: CareerGraph, source: str, target: str) -> str:
    """Why no path leads from ``source`` to ``target``, in words."""
    here, there = career.roles[source], career.roles[target]
    if here.level is None or there.level is None:
        return f"no moves lead from {here.label} to {there.label} in this ladder"
    if there.level < here.level:
        return (f"{there.label} (level {there.level}) is below {here.label} (level {here.level}); "
                "the ladder's moves lead up or across, not down")
    if there.level == here.level:
        return (f"{there.label} is at the same level as {here.label} (level {here.level}) and no lateral "
                "move joins them")
    return f"no moves lead from {here.label} to {there.label} in this ladder; see 'pmgraph next' for where they lead"
