"""The networkx projection as compact JSON-ready parts, for the persistent cache (:mod:`pmgraph.cache`).

"core" (roles, moves, names) is read at once; "requirements" and "links" only when first used.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


from .projection import CareerGraph, Requirement, RoleRecord
from .projection_read import _digraph, _Lazy

__all__ = ["PARTS", "career_parts", "career_from_parts"]


class _Records(Mapping):
    """Role id -> :class:`RoleRecord`, each made from its cached row when first asked for."""

    def __init__(self, rows: dict[str, list]):
        self._rows = rows
        self._made: dict[str, RoleRecord] = {}

    def __getitem__(self, rid: str) -> RoleRecord:
        record = self._made.get(rid)
        if record is None:
            r = self._rows[rid]
            record = self._made[rid] = RoleRecord(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]), r[7])
        return record

    def __contains__(self, rid) -> bool:
        return rid in self._rows

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


#: The parts :func:`career_parts` splits a projection into; "core" is needed by every command,
#: the others only by skill deltas, gaps and role details.
PARTS = ("core", "requirements", "links")


def career_parts(career: CareerGraph) -> dict[str, object]:
    """Compact JSON-ready parts of ``career``, for the persistent cache (see :func:`career_from_parts`)."""
    core = {
        "roles": [[r.id, r.iri, r.label, r.level, r.track, r.function, list(r.synonyms), r.definition]
                  for r in career.roles.values()],
        "edges": [[u, v, d["kind"], d["years_min"], d["years_max"], d["effort"], list(d["sources"])]
                  for u, v, d in career.digraph.edges(data=True)],
        "skills": dict(career.skills),
        "proficiency": [[rank, label] for rank, label in career.proficiency.items()],
        "names": {kind: dict(table) for kind, table in career._names.items()},
        "ambiguous": {kind: {k: list(v) for k, v in table.items()} for kind, table in career._ambiguous.items()},
    }
    requirements = {role: [[q.skill, q.rank, q.importance] for q in needs.values()]
                    for role, needs in career.requirements.items()}
    links = {"responsibilities": {role: dict(duties) for role, duties in career.responsibilities.items()},
             "reports_to": {role: list(managers) for role, managers in career.reports_to.items()},
             "reporting_sources": {role: {m: list(s) for m, s in managers.items()}
                                   for role, managers in career.reporting_sources.items()}}
    return {"core": core, "requirements": requirements, "links": links}


def career_from_parts(read) -> CareerGraph:
    """Rebuild a projection from its parts; ``read(name)`` returns a part's data when called.

    The core is read at once; the requirements and links only when first used.
    """
    core = read("core")
    proxy = MappingProxyType
    rows = {r[0]: r for r in core["roles"]}
    nodes = {rid: {"label": r[2], "level": r[3], "track": r[4], "function": r[5]} for rid, r in rows.items()}
    edges = [(u, v, {"kind": kind, "years_min": low, "years_max": high,
                     "years_mid": None if low is None else (low + high) / 2,
                     "sources": tuple(sources), "hops": 1, "effort": effort})
             for u, v, kind, low, high, effort, sources in core["edges"]]
    digraph = _digraph(nodes, edges)
    skills = proxy(core["skills"])
    proficiency = proxy({int(rank): label for rank, label in core["proficiency"]})

    def requirements():
        return proxy({
            role: proxy({skill: Requirement(skill, skills.get(skill, skill), rank,
                                            proficiency.get(rank, str(rank)), importance)
                         for skill, rank, importance in needs})
            for role, needs in read("requirements").items()
        })

    links = _Lazy(lambda: read("links"))
    return CareerGraph(
        _moves=digraph,
        roles=_Records(rows),
        requirements=_Lazy(requirements),
        responsibilities=_Lazy(lambda: proxy({r: proxy(d) for r, d in links["responsibilities"].items()})),
        reports_to=_Lazy(lambda: proxy({r: tuple(m) for r, m in links["reports_to"].items()})),
        reporting_sources=_Lazy(lambda: proxy({r: proxy({m: tuple(s) for m, s in managers.items()})
                                               for r, managers in links["reporting_sources"].items()})),
        skills=skills,
        proficiency=proficiency,
        _names=proxy({kind: proxy(table) for kind, table in core["names"].items()}),
        _ambiguous=proxy({kind: proxy({k: tuple(v) for k, v in table.items()})
                          for kind, table in core["ambiguous"].items()}),
    )


