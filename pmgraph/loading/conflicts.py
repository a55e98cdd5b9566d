"""Merge conflicts: two files that give one subject different values of a single-valued property."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import rdflib
from rdflib import SKOS, Literal
from rdflib.term import Node

from ..errors import InvalidDataError
from ..resources import ontology_files
from .engines import DEFAULT_ENGINE, FUNCTIONAL, new_graph, parse_into, wrap_store

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["find_conflicts", "raise_merge_conflicts", "store_may_conflict", "values_differ"]

#: (subject, predicate, object) -> names of the files stating that triple.
_Origins = dict[tuple[Node, Node, Node], set[str]]


def raise_merge_conflicts(graph: rdflib.Graph | pyoxigraph.Store, extra: list[Path], *, bundled: bool,
                          engine: str = DEFAULT_ENGINE) -> None:
    """Raise :class:`InvalidDataError` naming the files behind each merge conflict in ``graph``.

    ``graph`` (an rdflib Graph or a pyoxigraph Store) holds a single-valued property with two
    values. Find out which file states which, to tell a merge conflict (two files disagree)
    from a file's own error (``pmgraph validate`` reports those) or one value written two ways;
    return quietly when it is no merge conflict. Parsing each file again costs time, but only
    on this rare path.
    """
    if not isinstance(graph, rdflib.Graph):
        graph = wrap_store(graph)
    origins: _Origins = {}
    if bundled:
        staging = new_graph(engine)
        for path in ontology_files():
            parse_into(staging, path, engine=engine)
        _note_origins(staging, "the bundled ontology", origins)
    for path in extra:
        staging = new_graph(engine)
        parse_into(staging, path, engine=engine)
        _note_origins(staging, str(path), origins)
    conflicts = find_conflicts(graph, origins=origins)
    if conflicts:
        more = f" (and {len(conflicts) - 3} more)" if len(conflicts) > 3 else ""
        raise InvalidDataError("conflicting definitions, not merged: " + "; ".join(conflicts[:3]) + more
                               + " — keep one value in one file")


def values_differ(graph: rdflib.Graph, subject: Node, predicate: Node) -> bool:
    values = {(_slot(predicate, o), _same(o)) for o in graph.objects(subject, predicate)}
    slots = [slot for slot, _value in values]
    return len(slots) != len(set(slots))


def store_may_conflict(store: pyoxigraph.Store) -> bool:
    """Whether any single-valued property has two values on one subject in ``store`` (pyoxigraph).

    The query engine looks, in Rust; the cache uses it on a store it has just filled.
    """
    values = " ".join(f"<{p}>" for p in FUNCTIONAL)
    query = (f"ASK {{ VALUES ?p {{ {values} }} ?s ?p ?a , ?b . FILTER(?a != ?b && "
             f"(?p != <{SKOS.prefLabel}> || LANG(?a) = LANG(?b))) }}")
    return bool(store.query(query))


def _note_origins(graph: rdflib.Graph, name: str, origins: _Origins) -> None:
    for predicate in FUNCTIONAL:
        for subject, obj in graph.subject_objects(predicate):
            origins.setdefault((subject, predicate, obj), set()).add(name)


def _slot(predicate: Node, obj: Node) -> str | None:
    """Values compete only within one slot: prefLabels per language."""
    if predicate == SKOS.prefLabel and isinstance(obj, Literal):
        return obj.language or ""
    return None


def _same(obj: Node) -> object:
    """Compare typed literals by value (2.0 and 2.00 are one decimal), other terms as they are."""
    if isinstance(obj, Literal) and obj.datatype is not None and obj.value is not None:
        return (obj.datatype, obj.value)
    return obj


def find_conflicts(graph: rdflib.Graph, *, origins: _Origins | None = None) -> list[str]:
    """Single-valued properties (:data:`FUNCTIONAL`) with two values on one subject, in words.

    CLI twin: every command given ``--data FILE`` fails with these when there are any.

    Parameters
    ----------
    graph : rdflib.Graph
        The merged graph.
    origins : dict, optional
        (subject, predicate, object) -> names of the files stating it, to say where each value
        comes from. When given, only values merged from different files conflict: two values in
        one file are that file's own error, which ``pmgraph validate`` reports node by node.

    Returns
    -------
    list of str
        One line per conflict, e.g. ``"'Senior PM' (role:spm) pm:level is 3 (in a.ttl) and 4
        (in b.ttl)"``, sorted.

    Examples
    --------
    >>> from pmgraph import load
    >>> find_conflicts(load())
    []
    """
    found: list[str] = []
    nm = graph.namespace_manager

    def compact(node: Node) -> str:
        try:
            return nm.normalizeUri(cast(str, node))  # typed str: every term here is an rdflib Identifier, a str
        except Exception:  # rdflib raises assorted errors on IRIs it cannot split
            return f"<{node}>"

    for predicate in FUNCTIONAL:
        values: dict[tuple[Node, str | None], dict[object, list[Node]]] = {}
        for subject, obj in graph.subject_objects(predicate):
            values.setdefault((subject, _slot(predicate, obj)), {}).setdefault(_same(obj), []).append(obj)
        for (subject, _slot_key), distinct in values.items():
            if len(distinct) < 2:
                continue
            if origins is not None:
                stated = [{f for o in objs for f in origins.get((subject, predicate, o), ())}
                          for objs in distinct.values()]
                if set.intersection(*stated):
                    continue  # one file says both: not a merge conflict; the shapes report it
            label = next((str(value) for value in graph.objects(subject, SKOS.prefLabel)
                          if getattr(value, "language", None) in ("en", None)), None)
            who = f"{label!r} ({compact(subject)})" if label else compact(subject)
            shown = []
            for objs in sorted(distinct.values(), key=lambda o: str(o[0])):
                obj = objs[0]
                text = repr(str(obj)) if isinstance(obj, Literal) else compact(obj)
                where = sorted({f for o in objs for f in (origins or {}).get((subject, predicate, o), ())})
                shown.append(f"{text} (in {', '.join(where)})" if where else text)
            found.append(f"{who} {compact(predicate)} is " + " and ".join(shown))
    return sorted(found)
