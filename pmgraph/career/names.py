"""Name resolution: a user's name for a role, skill, track or function -> its id, or close matches.

Names are folded by :func:`~pmgraph.career.model.normalise` and resolved in one place,
:func:`resolve_role` (and its twins for skills, tracks and functions).
"""

from __future__ import annotations

from ..errors import UnknownRoleError
from .model import _ROLE_NS, CareerGraph, _local, normalise
from .projection import GraphLike, project

__all__ = ["resolve_role", "resolve_skill", "resolve_track", "resolve_function"]


def _lookup(career: CareerGraph, kind: str, name: str) -> tuple[str | None, tuple[str, ...]]:
    text = str(name)
    if kind == "role":
        if text.startswith("role:"):
            text = text[len("role:"):]
        # A role's exact id or IRI names it before any label could: no table needed.
        rid = text if text in career.roles else _local(text, _ROLE_NS)
        if rid in career.roles and (rid == text or career.roles[rid].iri == text):
            return rid, ()
        framework, _, rest = text.partition(":")
        if rest and framework in {r.partition(":")[0] for r in career.roles if ":" in r and "/" not in r}:
            return _in_framework(career, framework, rest)
    table = career._names[kind]
    key = normalise(text)
    clash = career._ambiguous.get(kind, {}).get(key)
    if clash and key not in {normalise(c) for c in clash}:
        # A label or synonym shared by several concepts: name none, suggest them all.
        labels = [career.roles[c].label if kind == "role" else career.skill_label(c) if kind == "skill" else c for c in clash]
        return None, tuple(f"{label} ({cid})" for label, cid in zip(labels, clash))
    if key in table:
        return table[key], ()
    if text in table.values():
        return text, ()
    import difflib  # only a miss needs suggestions

    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in table), key=lambda x: (-x[0], x[1]))
    best = scored[0][0] if scored else 0.0
    # Only the near-best matches: one clear winner should not come with two weak runners-up.
    close = [k for score, k in scored if score >= max(0.6, best - 0.08)]
    # Substring matches catch "product officer" -> "Chief Product Officer".
    close += [k for k in sorted(table) if key and len(key) >= 3 and key in k and k not in close]
    suggestions: list[str] = []
    for candidate in close:
        found = table[candidate]
        shown = career.roles[found].label if kind == "role" else (
            career.skill_label(found) if kind == "skill" else found)
        if shown not in suggestions:
            suggestions.append(shown)
    return None, tuple(suggestions[:3])


def _in_framework(career: CareerGraph, framework: str, name: str) -> tuple[str | None, tuple[str, ...]]:
    """``framework:name`` ("ddat:senior product manager"): ``name`` among that framework's roles."""
    found, suggestions = _lookup(career, "role", name)
    if found is not None:
        return (found, ()) if found.startswith(framework + ":") else (None, ())
    # A label several frameworks share comes back as "Label (id)" suggestions: keep this one's.
    mine = [s for s in suggestions if s.endswith(")") and s.rsplit(" (", 1)[-1].startswith(framework + ":")]
    if len(mine) == 1:
        return mine[0].rsplit(" (", 1)[-1][:-1], ()
    return None, tuple(mine or suggestions)


def resolve_role(graph: GraphLike, name: str) -> str:
    """The id of the role called ``name``: an IRI, an id, a preferred label or a synonym.

    Case, accents and punctuation do not count. An unknown name raises
    :class:`~pmgraph.errors.UnknownRoleError` carrying up to three close matches.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_role(graph, "fixture chief-product officer"), resolve_role(graph, "fcpo")
    ('fx-cpo', 'fx-cpo')
    >>> resolve_role(graph, "https://w3id.org/pmgraph/role/fx-pm")
    'fx-pm'
    >>> resolve_role(graph, "Fixture Principle PM")
    Traceback (most recent call last):
    ...
    pmgraph.errors.UnknownRoleError: Unknown role 'Fixture Principle PM'. Did you mean 'Fixture Principal PM'?
    """
    career = project(graph)
    found, suggestions = _lookup(career, "role", name)
    if found is None:
        raise UnknownRoleError(str(name), suggestions)
    return found


def resolve_skill(graph: GraphLike, name: str) -> tuple[str | None, tuple[str, ...]]:
    """The id of the skill called ``name`` (or ``None``) and the closest skill labels.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_skill(graph, "ROADMAPPING")
    ('fx-roadmapping', ())
    >>> resolve_skill(graph, "coachin")
    (None, ('Coaching',))
    """
    return _lookup(project(graph), "skill", name)


def resolve_track(graph: GraphLike, name: str) -> tuple[str | None, tuple[str, ...]]:
    """The preferred label of the track called ``name`` ("IC", "management", ...) or ``None``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_track(graph, "IC")
    ('individual contributor', ())
    """
    return _lookup(project(graph), "track", name)


def resolve_function(graph: GraphLike, name: str) -> tuple[str | None, tuple[str, ...]]:
    """The preferred label of the function called ``name`` ("product", ...) or ``None``.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_function(graph, "Marketing"), resolve_function(graph, "marketting")
    (('marketing', ()), (None, ('marketing',)))
    """
    return _lookup(project(graph), "function", name)
