"""The networkx projection in the persistent cache (:mod:`pmgraph.loading.cache`): compact JSON
parts, read and saved.

"core" (roles, moves, names) is read at once; "requirements" and "links" only when first used.
"""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeAlias

from ..loading.cache import cache_key, discard, entry, publish_dir, staging
from .model import NO_EVIDENCE, CareerGraph, Evidence, Requirement, RoleRecord, SourceRecord
from .read import LazyMapping, moves_digraph

__all__ = ["PARTS", "career_parts", "career_from_parts", "cached_career", "read_career", "save_career"]

#: A part's name -> its data as parsed from JSON (its shape is :func:`career_parts`'s).
PartReader: TypeAlias = Callable[[str], Any]


class _Records(Mapping[str, RoleRecord]):
    """Role id -> :class:`RoleRecord`, each made from its cached row when first asked for."""

    def __init__(self, rows: dict[str, list[Any]]):  # a row as parsed from JSON
        self._rows = rows
        self._made: dict[str, RoleRecord] = {}

    def __getitem__(self, rid: str) -> RoleRecord:
        record = self._made.get(rid)
        if record is None:
            r = self._rows[rid]
            record = self._made[rid] = RoleRecord(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]), r[7],
                                                  None if r[8] is None else (r[8][0], r[8][1]), tuple(r[9]),
                                                  tuple(r[10]), r[11])
        return record

    def __contains__(self, rid: object) -> bool:
        return rid in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


#: The parts :func:`career_parts` splits a projection into; "core" is needed by every command,
#: the others only by skill deltas, gaps and role details.
PARTS = ("core", "requirements", "links")


def career_parts(career: CareerGraph) -> dict[str, object]:
    """Compact JSON-ready parts of ``career``, for the persistent cache (see :func:`career_from_parts`)."""
    core = {
        "roles": [[r.id, r.iri, r.label, r.level, r.track, r.function, list(r.synonyms), r.definition,
                   None if r.experience is None else list(r.experience), list(r.experience_sources),
                   list(r.grades), r.requirements_note]
                  for r in career.roles.values()],
        "edges": [[u, v, d["kind"], d["years_min"], d["years_max"], d["effort"], list(d["sources"]),
                   list(d["years_sources"]), d.get("evidence", NO_EVIDENCE).to_list()]
                  for u, v, d in career.digraph.edges(data=True)],
        "sources": [[s.iri, s.title, s.url, s.kind, s.framework, s.short, s.attribution, s.definition]
                    for s in career.sources.values()],
        "skills": dict(career.skills),
        "skill_categories": dict(career.skill_categories),
        "proficiency": [[rank, label] for rank, label in career.proficiency.items()],
        "names": {kind: dict(table) for kind, table in career._names.items()},
        "ambiguous": {kind: {k: list(v) for k, v in table.items()} for kind, table in career._ambiguous.items()},
    }
    requirements = {role: [[q.skill, q.rank, q.importance] for q in needs.values()]
                    for role, needs in career.requirements.items()}
    links = {"responsibilities": {role: dict(duties) for role, duties in career.responsibilities.items()},
             "reports_to": {role: list(managers) for role, managers in career.reports_to.items()},
             "reporting_sources": {role: {m: list(s) for m, s in managers.items()}
                                   for role, managers in career.reporting_sources.items()},
             "requirement_sources": {role: {skill: [list(r), list(p)] for skill, (r, p) in needs.items()}
                                     for role, needs in career.requirement_sources.items()},
             "requirement_evidence": {role: {skill: [r.to_list(), p.to_list()] for skill, (r, p) in needs.items()}
                                      for role, needs in career.requirement_evidence.items()},
             "reporting_evidence": {role: {m: e.to_list() for m, e in managers.items()}
                                    for role, managers in career.reporting_evidence.items()},
             "responsibility_evidence": {role: {d: e.to_list() for d, e in duties.items()}
                                         for role, duties in career.responsibility_evidence.items()}}
    return {"core": core, "requirements": requirements, "links": links}


def career_from_parts(read: PartReader) -> CareerGraph:
    """Rebuild a projection from its parts; ``read(name)`` returns a part's data when called.

    The core is read at once; the requirements and links only when first used.
    """
    core = read("core")
    proxy = MappingProxyType
    rows = {r[0]: r for r in core["roles"]}
    nodes = {rid: {"label": r[2], "level": r[3], "track": r[4], "function": r[5]} for rid, r in rows.items()}
    edges = [(u, v, {"kind": kind, "years_min": low, "years_max": high,
                     "years_mid": None if low is None else (low + high) / 2,
                     "sources": tuple(sources), "years_sources": tuple(years_sources), "hops": 1, "effort": effort,
                     "evidence": Evidence.from_list(evidence)})
             for u, v, kind, low, high, effort, sources, years_sources, evidence in core["edges"]]
    digraph = moves_digraph(nodes, edges)
    skills = proxy(core["skills"])
    proficiency = proxy({int(rank): label for rank, label in core["proficiency"]})

    def requirements() -> Mapping[str, Mapping[str, Requirement]]:
        return proxy({
            role: proxy({skill: Requirement(skill, skills.get(skill, skill), rank,
                                            proficiency.get(rank, str(rank)), importance)
                         for skill, rank, importance in needs})
            for role, needs in read("requirements").items()
        })

    links = LazyMapping(lambda: read("links"))
    return CareerGraph(
        _moves=digraph,
        roles=_Records(rows),
        requirements=LazyMapping(requirements),
        responsibilities=LazyMapping(lambda: proxy({r: proxy(d) for r, d in links["responsibilities"].items()})),
        reports_to=LazyMapping(lambda: proxy({r: tuple(m) for r, m in links["reports_to"].items()})),
        reporting_sources=LazyMapping(lambda: proxy({r: proxy({m: tuple(s) for m, s in managers.items()})
                                               for r, managers in links["reporting_sources"].items()})),
        requirement_sources=LazyMapping(lambda: proxy({
            r: proxy({skill: (tuple(cited), tuple(levels)) for skill, (cited, levels) in needs.items()})
            for r, needs in links["requirement_sources"].items()})),
        requirement_evidence=LazyMapping(lambda: proxy({
            r: proxy({skill: (Evidence.from_list(cited), Evidence.from_list(levels))
                      for skill, (cited, levels) in needs.items()})
            for r, needs in links["requirement_evidence"].items()})),
        reporting_evidence=LazyMapping(lambda: proxy({
            r: proxy({m: Evidence.from_list(e) for m, e in managers.items()})
            for r, managers in links["reporting_evidence"].items()})),
        responsibility_evidence=LazyMapping(lambda: proxy({
            r: proxy({d: Evidence.from_list(e) for d, e in duties.items()})
            for r, duties in links["responsibility_evidence"].items()})),
        skills=skills,
        skill_categories=proxy(core["skill_categories"]),
        proficiency=proficiency,
        _names=proxy({kind: proxy(table) for kind, table in core["names"].items()}),
        _ambiguous=proxy({kind: proxy({k: tuple(v) for k, v in table.items()})
                          for kind, table in core["ambiguous"].items()}),
        sources=proxy({s[0]: SourceRecord(*s) for s in core["sources"]}),
    )


# --------------------------------------------------------------------------- the cache


def _read_career(directory: Path, rebuild: Callable[[], Mapping[str, Any]]) -> CareerGraph:
    """The projection from its parts in ``directory``. A part read later (requirements, links) that
    turns out damaged then is taken from ``rebuild`` instead (a projection made afresh from the
    files) and the entry moved aside, so the command still answers right and the next run
    rebuilds it."""
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    if not isinstance(manifest, dict) or sorted(manifest) != sorted(PARTS):
        raise ValueError("unexpected parts")
    fresh: list[Mapping[str, Any]] = []

    def check(name: str) -> Any:  # parsed JSON
        data = (directory / f"{name}.json").read_bytes()
        if hashlib.sha256(data).hexdigest() != manifest[name]:
            raise ValueError(f"{name}.json fails its checksum")
        return json.loads(data)

    def read(name: str) -> Any:
        if name == "core" or fresh:
            return fresh[0][name] if fresh else check(name)
        try:
            return check(name)
        except (OSError, ValueError):
            discard(directory)
            fresh.append(rebuild())
            return fresh[0][name]

    return career_from_parts(read)


def _fresh_parts(files: list[str | PathLike[str]], bundled: bool) -> Mapping[str, Any]:
    """The parts of a projection made afresh from the files, shaped as read back from JSON."""
    from ..loading.store import load_store
    from .projection import project

    parts = career_parts(project(load_store(files, bundled=bundled)))
    return {name: json.loads(json.dumps(part)) for name, part in parts.items()}


def cached_career(files: Iterable[str | PathLike[str]] = (), *, bundled: bool = True,
                  cache_dir: str | PathLike[str]) -> CareerGraph:
    """The projection of the bundled ontology plus ``files``, from the cache or built into it.

    CLI twin: what ``pmgraph path``, ``delta``, ``roles``, ... work on.

    Examples
    --------
    >>> import tempfile
    >>> from pmgraph.career.paths import shortest_path
    >>> cache = tempfile.mkdtemp()
    >>> first = cached_career(cache_dir=cache)      # builds the entry
    >>> again = cached_career(cache_dir=cache)      # reads it back: no parsing
    >>> pm, cpo = "product-manager", "chief-product-officer"
    >>> shortest_path(again, pm, cpo).labels == shortest_path(first, pm, cpo).labels
    True
    """
    career = read_career(files, bundled=bundled, cache_dir=cache_dir)
    if career is None:
        from ..loading.store import load_store
        from .projection import project

        career = project(load_store(files, bundled=bundled))
        save_career(career, files, bundled=bundled, cache_dir=cache_dir)
    return career


def read_career(files: Iterable[str | PathLike[str]] = (), *, bundled: bool = True,
                cache_dir: str | PathLike[str]) -> CareerGraph | None:
    """The cached projection of the bundled ontology plus ``files``, or None when there is none.

    An entry that fails its checks is deleted (and None returned): the next save rebuilds it.
    """
    cache_dir = Path(cache_dir)
    files = list(files)
    directory = entry(cache_dir, cache_key(files, bundled=bundled, cache_dir=cache_dir)) / "career"
    if not directory.exists():
        return None
    gc.disable()  # building many small objects: the cyclic collector only slows it down
    try:
        return _read_career(directory, lambda: _fresh_parts(files, bundled))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        discard(directory)
        return None
    finally:
        gc.enable()


def save_career(career: CareerGraph, files: Iterable[str | PathLike[str]] = (), *, bundled: bool = True,
                cache_dir: str | PathLike[str]) -> None:
    """Store ``career``, the projection of the bundled ontology plus ``files``, in the cache.

    Reads every part of it (requirements, links) first. The entry appears whole or not at all.
    """
    cache_dir = Path(cache_dir)
    directory = entry(cache_dir, cache_key(files, bundled=bundled, cache_dir=cache_dir)) / "career"
    built = staging(cache_dir)
    try:
        manifest: dict[str, str] = {}
        for name, part in career_parts(career).items():
            data = json.dumps(part, separators=(",", ":"), sort_keys=True).encode("utf-8")
            (built / f"{name}.json").write_bytes(data)
            manifest[name] = hashlib.sha256(data).hexdigest()
        (built / "manifest.json").write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
        publish_dir(built, directory)
    finally:
        shutil.rmtree(built, ignore_errors=True)
