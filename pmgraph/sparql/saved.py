"""Saved queries: the ``.rq`` files in ``queries/``, their headers, and binding their parameters.

CLI twins: ``pmgraph queries``, ``pmgraph query NAME --param name=value``. Parameters named by
users ("cpo", "product strategy") resolve to terms here; they reach the query by value (see
:func:`pmgraph.sparql.run_query`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, cast

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..errors import QueryError
from ..resources import queries_dir
from ..vocab import PREFIXES, PROFICIENCY, ROLE, SKILL
from ..wording import did_you_mean
from .query import QueryResult, Term, query_form, run_query, safe_iri

if TYPE_CHECKING:
    from rdflib.namespace import Namespace

    from ..career.model import CareerGraph

__all__ = ["SavedQuery", "Parameter", "PARAMETER_TYPES", "saved_queries", "read_query_file", "load_saved",
           "bind_parameters", "run_saved", "kind_article"]


@dataclass(frozen=True)
class Parameter:
    """A declared parameter of a saved query.

    ``type`` is one of ``role``, ``skill``, ``proficiency``, ``iri``, ``string``, ``integer``,
    ``decimal``; ``default`` is the value as a user would type it, or ``None`` (required).
    """

    name: str
    type: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    """A query from ``queries/*.rq``: its name (file stem), description, parameters and text."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path | None = None

    @property
    def form(self) -> str:
        return query_form(self.text)


PARAMETER_TYPES = ("role", "skill", "proficiency", "iri", "string", "integer", "decimal")

_PARAM_LINE = re.compile(
    r"^#\s*param:\s*(?P<name>\w+)\s*\((?P<type>\w+)\)\s*(?:—|--|-|:)\s*(?P<text>.*?)"
    r"(?:;\s*default\s+(?P<default>.+?))?\s*$"
)


def _parse_header(name: str, text: str, path: Path | None) -> SavedQuery:
    description_lines: list[str] = []
    parameters: list[Parameter] = []
    in_description = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        if re.match(r"#\s*description:", stripped):
            description_lines.append(stripped.split(":", 1)[1].strip())
            in_description = True
            continue
        match = _PARAM_LINE.match(stripped)
        if match:
            in_description = False
            kind = match.group("type").lower()
            if kind not in PARAMETER_TYPES:
                raise QueryError(
                    f"{path or name}: parameter {match.group('name')!r} has unknown type {kind!r}; "
                    f"use one of {', '.join(PARAMETER_TYPES)}."
                )
            parameters.append(
                Parameter(match.group("name"), kind, match.group("text").strip(), match.group("default"))
            )
            continue
        if in_description and stripped.lstrip("#").strip():
            description_lines.append(stripped.lstrip("#").strip())
        else:
            in_description = False
    return SavedQuery(name, " ".join(description_lines), tuple(parameters), text, path)


def saved_queries() -> list[SavedQuery]:
    """The saved queries shipped in ``queries/``, sorted by name.

    CLI twin: ``pmgraph queries``.

    Examples
    --------
    >>> names = [q.name for q in saved_queries()]
    >>> "reporting-chain" in names
    True
    """
    directory = queries_dir()
    return [read_query_file(path) for path in sorted(directory.glob("*.rq"))]


def read_query_file(path: str | Path) -> SavedQuery:
    """Read a ``.rq`` file with its comment header (description, parameters)."""
    from ..files import decode_text

    path = Path(path)
    try:
        text = decode_text(path.read_bytes())
    except OSError as error:
        raise QueryError(f"Cannot read query file {str(path)!r}: {error.strerror or error}") from None
    except ValueError as error:
        raise QueryError(f"Cannot read query file {str(path)!r}: {error}") from None
    return _parse_header(path.stem, text, path)


def load_saved(name: str) -> SavedQuery:
    """The saved query called ``name``; an unknown name raises :class:`QueryError`.

    Examples
    --------
    >>> load_saved("reporting-chain").parameters[0].name
    'role'
    """
    path = queries_dir() / f"{name}.rq"
    if "/" not in name and "\\" not in name and path.is_file():
        return read_query_file(path)
    queries = {q.name: q for q in saved_queries()}
    close = difflib.get_close_matches(name, list(queries), n=3)
    hint = did_you_mean(close)
    raise QueryError(f"No saved query {name!r}.{hint} Run 'pmgraph queries' to list them.")


def _expand_name(value: str) -> URIRef | None:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I) or value.startswith("urn:"):
        return URIRef(value)
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES:
        return URIRef(PREFIXES[prefix] + local)
    return None


def _resolve_role(graph: rdflib.Graph, value: str) -> URIRef:
    # Hook: the shared resolver (labels, synonyms, "did you mean") lives in pmgraph.career.names
    # (issue 3). Until it is merged, accept IRIs, prefixed names, ids and exact labels.
    resolve_role: Callable[[rdflib.Graph | CareerGraph, str], str] | None
    try:
        from ..career.names import resolve_role
    except ImportError:
        resolve_role = None
    iri = _expand_name(value)
    if iri is not None:
        return iri
    if resolve_role is not None:
        from ..career.projection import project

        return URIRef(project(graph).roles[resolve_role(graph, value)].iri)
    return _resolve_concept(graph, value, ROLE, "pm:Role", "role")


def _resolve_concept(graph: rdflib.Graph, value: str, namespace: Namespace, cls: str, what: str) -> URIRef:
    iri = _expand_name(value)
    if iri is not None:
        return iri
    candidate = namespace[value.strip()]
    result = run_query(
        graph,
        f"SELECT ?c ?label WHERE {{ ?c a {cls} . "
        "OPTIONAL { ?c skos:prefLabel|skos:altLabel ?label } }",
    )
    labels: dict[str, tuple[URIRef, str]] = {}
    for concept, label in result.rows:
        if concept == candidate:
            return candidate
        if label is not None:
            labels[str(label).casefold()] = (cast(URIRef, concept), str(label))  # ?c is a concept: an IRI
    found = labels.get(value.strip().casefold())
    if found is not None:
        return found[0]
    close = [labels[c][1] for c in difflib.get_close_matches(value.casefold(), list(labels), n=3)]
    if what == "role":
        from ..errors import UnknownRoleError

        raise UnknownRoleError(value, tuple(close))
    hint = did_you_mean(close)
    raise QueryError(f"Unknown {what} {value!r}.{hint}")


def _parse_value(graph: rdflib.Graph, parameter: Parameter, value: str) -> Term:
    kind = parameter.type
    try:
        if kind == "role":
            return _resolve_role(graph, value)
        if kind == "skill":
            return _resolve_concept(graph, value, SKILL, "pm:Skill", "skill")
        if kind == "proficiency":
            return _resolve_concept(graph, value, PROFICIENCY, "pm:ProficiencyLevel", "proficiency")
        if kind == "iri":
            iri = _expand_name(value)
            if iri is None:
                raise ValueError("not an IRI or prefixed name")
            return safe_iri(iri)
        if kind == "integer":
            return Literal(int(value), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(Decimal(value), datatype=XSD.decimal)
    except (ValueError, InvalidOperation) as error:
        raise QueryError(
            f"Parameter {parameter.name!r} must be {kind_article(kind)}; got {value!r} ({error})."
        ) from None
    return Literal(value)


def kind_article(kind: str) -> str:
    return {"iri": "an IRI", "integer": "an integer"}.get(kind, f"a {kind}")


def _guess_term(value: str) -> Term:
    """A value for an undeclared parameter: an IRI, a number, or else a string."""
    iri = _expand_name(value)
    if iri is not None:
        return safe_iri(iri)
    if re.fullmatch(r"[+-]?\d+", value):
        return Literal(int(value), datatype=XSD.integer)
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return Literal(Decimal(value), datatype=XSD.decimal)
    return Literal(value)


def bind_parameters(
    graph: rdflib.Graph, saved: SavedQuery | None, values: Mapping[str, str]
) -> dict[str, Term]:
    """Turn user-typed ``values`` into RDF terms by the declared parameter types.

    Declared parameters missing from ``values`` take their defaults; a parameter without a
    default must be given. Without a declaration (an inline query), values are read as IRIs
    (``<...>`` or a prefixed name), integers, decimals or strings.
    """
    declared = {p.name: p for p in saved.parameters} if saved else {}
    if saved is not None:
        unknown = [name for name in values if name not in declared]
        if unknown and declared:
            raise QueryError(
                f"Query {saved.name!r} has no parameter {unknown[0]!r}; "
                f"its parameters are {', '.join(declared)}."
            )
        if unknown:
            declared = {}
    bound: dict[str, Term] = {}
    for name, parameter in declared.items():
        value = values.get(name, parameter.default)
        if value is None:
            assert saved is not None  # only a saved query declares parameters
            after = f"{name}=VALUE ({parameter.description})."
            raise QueryError(f"Query {saved.name!r} needs the parameter {after}").remedy(
                "params", "the parameter ", after)
        bound[name] = _parse_value(graph, parameter, value)
    for name, value in values.items():
        if name not in declared:
            bound[name] = _guess_term(value)
    return bound


def run_saved(
    graph: rdflib.Graph, name: str, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Run the saved query ``name`` with user-typed parameter values.

    CLI twin: ``pmgraph query NAME --param name=value``.

    Examples
    --------
    >>> import pmgraph
    >>> from pmgraph.resources import ontology_dir
    >>> graph = pmgraph.load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> from pmgraph.sparql.formats import compact
    >>> result = run_saved(graph, "reporting-chain", {"role": "role:fx-pm"})
    >>> [compact(term) for term in result.column("manager")]
    ['role:fx-gpm', 'role:fx-director', 'role:fx-cpo']
    """
    saved = load_saved(name)
    return run_query(graph, saved.text, params=bind_parameters(graph, saved, params or {}))
