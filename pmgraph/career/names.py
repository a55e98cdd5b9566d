"""Name resolution: a user's name for a role, skill, track or function -> its id, or close matches.

Names are folded by :func:`~pmgraph.career.model.normalise` and resolved in one place,
:func:`resolve_role` (and its twins for skills, tracks and functions).

A role's name may be typed as people type titles (docs/names.md): :data:`ABBREVIATIONS` reads
"Sr PM", "Snr PM" and "Dir of Product" as Senior Product Manager and Director of Product,
"Product Lead" as a lead product manager where a ladder has one, and a level number at the end
("PM II", "Product Manager 2") as the role of that level in the family. A name that fits roles
in several ladders is an :class:`~pmgraph.errors.AmbiguousRoleError` listing each as
``ladder:name`` (which resolves), never a silent pick.

Names and ids. Resolving is the boundary's job, done once: the command line resolves each name
a user types, then calls the functions of :mod:`pmgraph.career` and :mod:`pmgraph.viz` with ids
(a role's :data:`~pmgraph.career.model.RoleId`, a track's or a function's preferred label), as
networkx's functions take nodes of the graph; they look no name up (:func:`known_role` says
:class:`~pmgraph.errors.UnknownRoleError` for an id the graph lacks). The convenience layer for
names as people type them is the curated API, ``pmgraph.shortest_path(graph, "senior pm", "cpo")``
and its siblings: each is its library twin wrapped by :func:`by_name`, which resolves the
parameters that name roles, tracks or functions, then calls the twin with ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from ..errors import AmbiguousRoleError, PmGraphError, UnknownRoleError, excerpt
from ..wording import did_you_mean
from .model import ROLE_NS, CareerGraph, RoleId, local_id, normalise
from .projection import GraphLike, project

__all__ = ["resolve_role", "resolve_skill", "resolve_track", "resolve_function", "track_named", "function_named",
           "ladder_of", "qualified_name", "ABBREVIATIONS", "canonical", "known_role", "known_track", "known_function",
           "by_name"]

#: How people shorten the words of a role's title: each folded word on the left is read as the
#: words on the right, on both sides of a comparison (the typed name and every role's names).
ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "sen": "senior", "senr": "senior",
    "jr": "junior", "jnr": "junior",
    "assoc": "associate",
    "dir": "director",
    "vp": "vice president", "svp": "senior vice president",
    "mgr": "manager", "mngr": "manager",
    "pm": "product manager", "pmm": "product marketing manager",
    "prod": "product", "mktg": "marketing",
}
#: Words a title may have or leave out: "VP of Product" is "VP Product".
_FILLERS = frozenset({"of", "the", "for"})
#: Words that place a role within its family: "Product Manager 3" is the family's level-3 role.
_SENIORITY = frozenset({"associate", "junior", "senior", "staff", "lead", "principal", "group",
                        "distinguished", "chief"})
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
#: The most characters of a typed name compared for suggestions.
_LONGEST = 200
_LADDER_IRI = re.compile(r"https://w3id\.org/pmgraph/ladder/([^/]+)/role/")


def canonical(name: str) -> str:
    """``name`` folded, its abbreviations spelt out and its filler words dropped.

    Examples
    --------
    >>> canonical("Sr. PM"), canonical("Dir of Product"), canonical("VP Product")
    ('senior product manager', 'director product', 'vice president product')
    """
    words: list[str] = []
    for word in normalise(name).split():
        words += ABBREVIATIONS.get(word, word).split()
    return " ".join(w for w in words if w not in _FILLERS)


def ladder_of(role: str) -> str:
    """The ladder a role id belongs to: a framework's id (``ddat``), an imported ladder's name
    (``acme``), or ``pmgraph`` for the bundled reference roles.

    Examples
    --------
    >>> ladder_of("ddat:senior-product-manager"), ladder_of("head-of-product")
    ('ddat', 'pmgraph')
    >>> ladder_of("https://w3id.org/pmgraph/ladder/acme/role/spm")
    'acme'
    """
    if "/" not in role:
        return role.partition(":")[0] if ":" in role else "pmgraph"
    found = _LADDER_IRI.match(role)
    if found:
        return found.group(1)
    head, _, _ = role.rpartition("/role/")
    return head.rstrip("/").rsplit("/", 1)[-1] if head else role.rsplit("/", 2)[-2] if role.count("/") > 2 else role


def qualified_name(career: CareerGraph, role: str) -> str:
    """``ladder:name`` for ``role`` ("gitlab:senior product manager"): a name that resolves to it."""
    return f"{ladder_of(role)}:{career.roles[role].label.casefold()}"


_CANONICAL: dict[int, tuple[CareerGraph, dict[str, set[str]]]] = {}


def _canonical_table(career: CareerGraph) -> dict[str, set[str]]:
    """Canonical name -> the roles that have it, for one projection (built at its first miss)."""
    held = _CANONICAL.get(id(career))
    if held is not None and held[0] is career:
        return held[1]
    table: dict[str, set[str]] = {}
    for folded, rid in career._names["role"].items():
        table.setdefault(canonical(folded), set()).add(rid)
    for folded, clash in career._ambiguous.get("role", {}).items():
        table.setdefault(canonical(folded), set()).update(clash)
    for rid, role in career.roles.items():
        table.setdefault(canonical(role.label), set()).add(rid)
    if len(_CANONICAL) >= 8:
        _CANONICAL.clear()
    _CANONICAL[id(career)] = (career, table)
    return table


def _variants(name: str) -> list[str]:
    """The canonical forms to try for a typed title, most literal first."""
    form = canonical(name)
    words = form.split()
    found = [form]
    if len(words) > 1 and words[-1] == "lead":  # "Product Lead": a ladder's lead product manager
        rest = " ".join(words[:-1])
        found += [f"lead {rest} manager", f"lead {rest}"]
    elif len(words) > 1 and words[0] == "lead" and words[-1] != "manager":
        found.append(form + " manager")
    return found


def _by_level(career: CareerGraph, name: str, within: set[str] | None) -> set[str]:
    """"PM II", "Product Manager 2": the roles of that level whose title is the family's name,
    bare or after a seniority word ("Senior Product Manager" for "Product Manager 3")."""
    words = canonical(name).split()
    if len(words) < 2:
        return set()
    last = words[-1]
    level = int(last) if last.isdecimal() and last.isascii() and len(last) <= 3 else _ROMAN.get(last)
    if level is None:
        return set()
    family = words[:-1]
    found = set()
    for rid, role in career.roles.items():
        if role.level != level or (within is not None and rid not in within):
            continue
        title = canonical(role.label).split()
        if title[-len(family):] == family and all(w in _SENIORITY for w in title[:-len(family)]):
            found.add(rid)
    return found


def _role_candidates(career: CareerGraph, text: str, within: set[str] | None) -> set[str]:
    """Every role ``text`` may name (restricted to ``within``): by folded name, then spelt out."""
    key = normalise(text)
    clash = career._ambiguous.get("role", {}).get(key)
    table = career._names["role"]
    found: set[str] = set(clash) if clash else ({table[key]} if key in table else set())
    if within is not None:
        found &= within
    if found:
        return found
    canonical_table = _canonical_table(career)
    for form in _variants(text):
        found = set(canonical_table.get(form, ()))
        if within is not None:
            found &= within
        if found:
            return found
    return _by_level(career, text, within)


def _shown(career: CareerGraph, roles: set[str]) -> tuple[str, ...]:
    """How an ambiguity lists its roles: ``ladder:name`` when they are in several ladders, else
    (or where that repeats) "Label (id)"."""
    if len({ladder_of(rid) for rid in roles}) == 1:
        return tuple(sorted(f"{career.roles[rid].label} ({rid})" for rid in roles))
    qualified = {rid: qualified_name(career, rid) for rid in roles}
    counts: dict[str, int] = {}
    for name in qualified.values():
        counts[name] = counts.get(name, 0) + 1
    return tuple(sorted(name if counts[name] == 1 else f"{career.roles[rid].label} ({rid})"
                        for rid, name in qualified.items()))


def _suggest_roles(career: CareerGraph, text: str, within: set[str] | None) -> tuple[str, ...]:
    """The closest role labels to ``text``, best first (compared spelt out: "Sr. Product
    Manager" is nearest Senior Product Manager)."""
    import difflib  # only a miss needs suggestions

    form = canonical(text[:_LONGEST])  # no name is longer: comparing more would only cost time
    scored: dict[str, float] = {}
    for name, rids in _canonical_table(career).items():
        for rid in rids:
            if within is not None and rid not in within:
                continue
            label = career.roles[rid].label
            score = difflib.SequenceMatcher(None, form, name).ratio()
            if len(form) >= 3 and form in name:  # "product officer" -> Chief Product Officer
                score = max(score, 0.6 + 0.3 * len(form) / max(len(name), 1))
            scored[label] = max(scored.get(label, 0.0), score)
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    best = ranked[0][1] if ranked else 0.0
    # Only the near-best matches: one clear winner should not come with two weak runners-up.
    return tuple(label for label, score in ranked if score >= max(0.6, best - 0.08))[:3]


def _resolve(career: CareerGraph, name: str, within: set[str] | None = None) -> str:
    found = _role_candidates(career, name, within)
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise AmbiguousRoleError(str(name), _shown(career, found))
    raise UnknownRoleError(str(name), _suggest_roles(career, name, within))


def _exact(career: CareerGraph, kind: str, name: str) -> tuple[str | None, tuple[str, ...]] | None:
    """The concept ``name`` names (or the several it may name), or None for a miss: no suggestions."""
    text = str(name)
    table = career._names[kind]
    key = normalise(text)
    clash = career._ambiguous.get(kind, {}).get(key)
    if clash and key not in {normalise(c) for c in clash}:
        # A label or synonym shared by several concepts: name none, suggest them all.
        labels = [career.skill_label(c) if kind == "skill" else c for c in clash]
        return None, tuple(f"{label} ({cid})" for label, cid in zip(labels, clash))
    if key in table:
        return table[key], ()
    if text in table.values():
        return text, ()
    return None


def _lookup(career: CareerGraph, kind: str, name: str, *, suggest: bool = True) -> tuple[str | None, tuple[str, ...]]:
    found = _exact(career, kind, name)
    if found is not None:
        return found
    if not suggest:
        return None, ()
    table = career._names[kind]
    key = normalise(str(name))
    import difflib  # only a miss needs suggestions

    key = key[:_LONGEST]  # no name is longer: comparing more would only cost time
    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in table), key=lambda x: (-x[0], x[1]))
    best = scored[0][0] if scored else 0.0
    # Only the near-best matches: one clear winner should not come with two weak runners-up.
    close = [k for score, k in scored if score >= max(0.6, best - 0.08)]
    # Substring matches catch "stakeholder" -> "Stakeholder management".
    close += [k for k in sorted(table) if key and len(key) >= 3 and key in k and k not in close]
    suggestions: list[str] = []
    for candidate in close:
        concept = table[candidate]
        shown = career.skill_label(concept) if kind == "skill" else concept
        if shown not in suggestions:
            suggestions.append(shown)
    return None, tuple(suggestions[:3])


def resolve_role(graph: GraphLike, name: str) -> str:
    """The id of the role called ``name``: an IRI, an id, a preferred label or a synonym, as
    typed ("Sr PM", "Dir of Product", "PM II"; see :data:`ABBREVIATIONS`), or ``ladder:name``.

    Case, accents and punctuation do not count. An unknown name raises
    :class:`~pmgraph.errors.UnknownRoleError` carrying up to three close matches, best first; a
    name several roles share (in different ladders, say) raises
    :class:`~pmgraph.errors.AmbiguousRoleError` listing them as names that resolve.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> resolve_role(graph, "fixture chief-product officer"), resolve_role(graph, "fcpo")
    ('fx-cpo', 'fx-cpo')
    >>> resolve_role(graph, "https://w3id.org/pmgraph/role/fx-pm")
    'fx-pm'
    >>> resolve_role(graph, "Fixture Sr PM"), resolve_role(graph, "Fixture PM 2")
    ('fx-spm', 'fx-pm')
    >>> resolve_role(graph, "Fixture Principle PM")
    Traceback (most recent call last):
    ...
    pmgraph.errors.UnknownRoleError: Unknown role 'Fixture Principle PM'. Did you mean 'Fixture Principal PM'?
    """
    career = project(graph)
    text = str(name)
    if text.startswith("role:"):
        text = text[len("role:"):]
    # A role's exact id or IRI names it before any label could: no table needed.
    rid = text if text in career.roles else local_id(text, ROLE_NS)
    if rid in career.roles and (rid == text or career.roles[rid].iri == text):
        return rid
    shown = re.fullmatch(r"(.*) \(([^()]+)\)", text)  # "Label (id)", as an ambiguity lists a role
    if shown and shown.group(2) in career.roles:
        return shown.group(2)
    ladder, _, rest = text.partition(":")
    if rest and "/" not in text:
        wanted = ladder.strip().casefold()
        members = {r for r in career.roles if ladder_of(r).casefold() == wanted}
        if members:  # "gitlab:senior product manager", "acme:spm": a name within one ladder
            return _resolve(career, rest, members)
    return _resolve(career, text)


def resolve_skill(graph: GraphLike, name: str, *, suggest: bool = True) -> tuple[str | None, tuple[str, ...]]:
    """The id of the skill called ``name`` (or ``None``) and the closest skill labels (none
    looked for without ``suggest``: a miss then costs a lookup, not a comparison with every name).

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
    return _lookup(project(graph), "skill", name, suggest=suggest)


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


def track_named(graph: GraphLike, name: str) -> str:
    """The preferred label of the track called ``name``; an unknown name raises
    :class:`~pmgraph.errors.PmGraphError` naming the closest tracks.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> track_named(graph, "IC")
    'individual contributor'
    >>> track_named(graph, "managment")
    Traceback (most recent call last):
    pmgraph.errors.PmGraphError: Unknown track 'managment'. Did you mean 'people management'?
    """
    return _named("track", name, *resolve_track(graph, name))


def function_named(graph: GraphLike, name: str) -> str:
    """The preferred label of the function called ``name``; an unknown name raises
    :class:`~pmgraph.errors.PmGraphError` naming the closest functions."""
    return _named("function", name, *resolve_function(graph, name))


def _named(kind: str, name: str, found: str | None, suggestions: tuple[str, ...]) -> str:
    if found is None:
        raise PmGraphError(f"Unknown {kind} {name!r}." + did_you_mean(suggestions))
    return found


# --------------------------------------------------------------------------- ids, and the layer for names


def known_role(career: CareerGraph, role: RoleId) -> RoleId:
    """``role``, a role id of ``career``; any other text (a name, say) raises
    :class:`~pmgraph.errors.UnknownRoleError`, with no name looked up.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> known_role(project(graph), "fx-pm")
    'fx-pm'
    >>> known_role(project(graph), "Fixture PM")
    Traceback (most recent call last):
    ...
    pmgraph.errors.UnknownRoleError: Unknown role id 'Fixture PM'. pmgraph.career takes role ids: pmgraph.resolve_role(graph, name) gives a name's, and pmgraph's own functions (pmgraph.shortest_path, ...) take names.
    """  # noqa: E501 (a doctest's output is one line)
    if role in career.roles:
        return role
    error = UnknownRoleError(str(role))
    error.args = (f"Unknown role id {excerpt(str(role))}. pmgraph.career takes role ids: pmgraph.resolve_role(graph, "
                  "name) gives a name's, and pmgraph's own functions (pmgraph.shortest_path, ...) take names.",)
    raise error


def known_track(career: CareerGraph, track: str) -> str:
    """``track``, the preferred label of a track of ``career``; any other text raises
    :class:`~pmgraph.errors.PmGraphError` (:func:`track_named` resolves a name)."""
    return _known(career, "track", track)


def known_function(career: CareerGraph, function: str) -> str:
    """``function``, the preferred label of a function of ``career``; any other text raises
    :class:`~pmgraph.errors.PmGraphError` (:func:`function_named` resolves a name)."""
    return _known(career, "function", function)


def _known(career: CareerGraph, kind: str, label: str) -> str:
    if label in career._names[kind].values():
        return label
    raise PmGraphError(f"Unknown {kind} {excerpt(str(label))}. pmgraph.career takes a {kind}'s preferred label: "
                       f"pmgraph.career.names.{kind}_named(graph, name) gives a name's.")


_P = ParamSpec("_P")
_R = TypeVar("_R")


def by_name(function: Callable[_P, _R], *, roles: tuple[str, ...] = (), role_lists: tuple[str, ...] = (),
            tracks: tuple[str, ...] = (), functions: tuple[str, ...] = ()) -> Callable[_P, _R]:
    """``function`` (a graph first, then ids) taking names as a user types them: the parameters
    ``roles`` (each a role), ``role_lists`` (each an iterable of roles; another value, a
    :class:`~pmgraph.career.paths.Path` say, is passed as it is), ``tracks`` and ``functions`` are
    resolved by :func:`resolve_role`, :func:`track_named` and :func:`function_named`, once, and
    ``function`` is called with the ids and the graph's projection.

    The curated API (``pmgraph.shortest_path``, ``pmgraph.path_view``...) is made of these.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> from pmgraph.career.paths import next_moves
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> [m.target for m in by_name(next_moves, roles=("role",))(graph, "Fixture Senior PM")]
    ['fx-gpm', 'fx-principal']
    """
    import functools
    import inspect

    signature = inspect.signature(function)
    graph_parameter = next(iter(signature.parameters))
    call: Callable[..., _R] = function  # with the arguments bound below, whose types are the caller's

    @functools.wraps(function)
    def named(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        bound = signature.bind(*args, **kwargs)
        given: dict[str, Any] = bound.arguments
        career = given[graph_parameter] = project(given[graph_parameter])
        for name in roles:
            if given.get(name) is not None:
                given[name] = resolve_role(career, given[name])
        for name in role_lists:
            value = given.get(name)
            if isinstance(value, Iterable) and not isinstance(value, str):
                given[name] = [resolve_role(career, role) for role in value]
        for name in tracks:
            if given.get(name) is not None:
                given[name] = track_named(career, given[name])
        for name in functions:
            if given.get(name) is not None:
                given[name] = function_named(career, given[name])
        return call(*bound.args, **bound.kwargs)

    return named
