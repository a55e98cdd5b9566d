"""The career explorer (``pmgraph explore``): one offline page where a person picks a current and
a target role and sees the best paths by hops, years and effort, each step's years and sources,
and the skill delta of the whole move and of each step.

The page is drawn by pyvis: a :class:`pyvis.network.Network` of the roles and moves, rendered by
``Network.generate_html`` through pmgraph's own template (``pmgraph/templates/explorer.html``,
found by pyvis's jinja loader beside its own, so vis-network is inlined and nothing is fetched).
Every answer is computed here, by :func:`pmgraph.career.paths.shortest_paths` (networkx), and
carried in the page: its script looks answers up and writes them out, it computes none. So are the
skill deltas (:func:`pmgraph.career.skills.skill_delta`) of every move and step it can show.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..career.names import qualified_name
from ..career.paths import WEIGHTS, shortest_paths
from ..career.projection import GraphLike, project
from ..career.skills import SKILL_CHANGES, skill_delta
from ..errors import InvalidDataError, NoPathError
from ..wording import BY_TITLE, path_summary, step_years
from .page import FUNCTION_SHAPES, OTHER_COLOUR, OTHER_SHAPE, TRACK_COLOURS, network, write_html
from .views import credit, layered_positions

if TYPE_CHECKING:
    from pyvis.network import Network

__all__ = ["Explorer", "explorer", "MAX_ROLES", "BUDGET"]

#: The most roles an explorer page carries: every pair's paths are computed ahead.
MAX_ROLES = 400
#: Seconds the paths of every pair may take before the page is refused.
BUDGET = 120.0


@dataclass(frozen=True)
class Explorer:
    """The explorer page: ``network`` (the pyvis Network, for notebooks to tweak), ``data`` (the
    answers it carries) and ``html`` (the page, from ``network.generate_html``)."""

    network: Network
    data: dict[str, Any]
    title: str

    def _repr_html_(self) -> str:  # in Jupyter: the page, isolated in an iframe
        import html

        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.title)}" '
                'style="width: 100%; height: 760px; border: 1px solid #ddd;" sandbox="allow-scripts"></iframe>')

    @property
    def html(self) -> str:
        """The page, rendered now from :attr:`network` (so a tweak made to it shows)."""
        return str(self.network.generate_html(name="explorer.html", notebook=False))

    def write(self, path: str | PathLike[str]) -> Path:
        """Write the page to ``path`` atomically; returns the path."""
        return write_html(self.html, path)


def _network(title: str) -> Network:
    return network(title, "explorer.html")  # pmgraph's template first, pyvis's own beside it


def explorer(graph: GraphLike, *, title: str = "pmgraph career explorer") -> Explorer:
    """The career explorer of ``graph`` (the bundled ladder, a framework's, or your own).

    CLI twin: ``pmgraph explore -o career.html``. Raises :class:`~pmgraph.errors.InvalidDataError`
    for a graph of more than :data:`MAX_ROLES` roles.

    Examples
    --------
    >>> from pmgraph import load
    >>> from pmgraph.resources import ontology_dir
    >>> graph = load([ontology_dir() / "schema.ttl", "tests/data/ladder.ttl"], bundled=False)
    >>> page = explorer(graph)
    >>> len(page.data["roles"]), page.data["paths"]["hops"]["fx-pm fx-cpo"]["roles"]
    (8, ['fx-pm', 'fx-spm', 'fx-principal', 'fx-cpo'])
    >>> "cdnjs" in page.html, page.html.count("<script src=")
    (False, 0)
    """
    career = project(graph)
    if len(career.roles) > MAX_ROLES:
        raise InvalidDataError(f"{len(career.roles):,} roles: the explorer carries every pair's paths and takes "
                               f"at most {MAX_ROLES}; use 'pmgraph path' and 'pmgraph viz' for this graph")
    ids = sorted(career.roles)
    index = {rid: i for i, rid in enumerate(ids)}
    paths: dict[str, dict[str, Any]] = {by: {} for by in WEIGHTS}
    steps: dict[str, dict[str, Any]] = {}
    import networkx as nx

    reach = {source: nx.descendants(career.digraph, source) for source in ids}  # no path elsewhere: skip those
    started = time.monotonic()
    for by in WEIGHTS:
        for source in ids:
            if time.monotonic() - started > BUDGET:  # a ladder of countless equally short paths
                raise InvalidDataError(f"computing every pair's paths took over {BUDGET:g} s (this ladder has "
                                       "very many equally short paths); use 'pmgraph path' for the pairs you need")
            for target in sorted(reach[source] - {source}):
                try:
                    best = shortest_paths(career, source, target, k=1, by=by)[0]
                except NoPathError:  # not for want of moves: as pmgraph path, none to show
                    continue
                paths[by][f"{source} {target}"] = {"roles": list(best.roles), "summary": path_summary(best)}
                for step in best.steps:
                    steps.setdefault(f"{step.source} {step.target}", {
                        "kind": step.kind, "years": step_years(step), "stated_by": step.evidence.words,
                        "evidence": step.evidence.grade,
                        "effort": step.effort})
    skills = sorted(career.skills, key=lambda s: (career.skill_label(s).casefold(), s))
    skill_index = {s: i for i, s in enumerate(skills)}
    # What changes on each move shown (a whole move, a step), as skill_delta orders it:
    # [skill index, rank before, rank after] per skill; the page only writes them out.
    deltas: dict[str, list[list[int]]] = {}
    unknown: dict[str, str] = {}  # a move to or from a role no requirement is known for: effort unknown
    for pair in sorted({*paths["hops"], *steps}):
        delta = skill_delta(career, *pair.split())
        deltas[pair] = [[skill_index[c.skill], c.from_rank, c.to_rank] for c in delta.skills]
        if not delta.known:
            unknown[pair] = "; ".join(f"no skill requirements known for {label}"
                                      + (f" ({note.rstrip('.')})" if note else "")
                                      for label, note in delta.unknown_notes)
    data: dict[str, Any] = {
        "roles": [{"id": rid, "label": career.roles[rid].label, "level": career.roles[rid].level,
                   "track": career.roles[rid].track, "function": career.roles[rid].function,
                   "names": [career.roles[rid].label, *career.roles[rid].synonyms, rid],
                   "qualified": qualified_name(career, rid)}
                  for rid in ids],
        "skills": [career.skill_label(s) for s in skills],
        "proficiency": {str(rank): label for rank, label in career.proficiency.items()},
        "changes": list(SKILL_CHANGES),
        "weights": [[by, BY_TITLE[by]] for by in WEIGHTS],
        "paths": paths,
        "deltas": deltas,
        "unknown": unknown,
        "steps": dict(sorted(steps.items())),
        "credit": credit(career),
    }
    network = _network(title)
    positions = layered_positions(career.roles.values())
    for rid in ids:
        role = career.roles[rid]
        shape = FUNCTION_SHAPES.get(role.function or "", OTHER_SHAPE)[0]
        network.add_node(rid, label=role.label, x=positions[rid][0], y=positions[rid][1], shape=shape, size=14,
                         color=TRACK_COLOURS.get(role.track or "", OTHER_COLOUR),
                         title=f"{role.label}\nlevel {role.level}, {role.track}, {role.function}")
    for u, v, move in sorted(career.digraph.edges(data=True), key=lambda e: (index[e[0]], index[e[1]])):
        network.add_edge(u, v, title=str(move["kind"]), dashes=move["kind"] == "lateral move", color="#9a9a9a",
                         arrows="to")
    # Through pyvis's own options object, so a notebook can still toggle_physics() or show_buttons().
    network.toggle_physics(False)  # the positions are computed here: the page opens at once
    network.options.interaction.hover = True
    network.options.interaction.tooltipDelay = 200
    network.options.edges.smooth.enabled = False
    # The answers reach the template as a global of pyvis's jinja environment.
    network.templateEnv.globals["explorer_data"] = json.dumps(data, sort_keys=True, ensure_ascii=False) \
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Explorer(network, data, title)
