"""Careers: the networkx projection of the graph, name resolution, paths, skill deltas and gaps, role
cards.

The rooms:

- :mod:`~pmgraph.career.model` — the projection's data types (:class:`~pmgraph.career.model.CareerGraph`,
  roles, requirements) and the folding of names;
- :mod:`~pmgraph.career.read` — the SELECT queries that read the projection from a graph, and the
  parts read lazily;
- :mod:`~pmgraph.career.projection` — :func:`~pmgraph.career.projection.project`, once per graph;
- :mod:`~pmgraph.career.cache` — the projection in the persistent cache (compact JSON parts);
- :mod:`~pmgraph.career.names` — a user's name for a role, skill, track or function -> its id, once,
  at the boundary (the other rooms take ids); :func:`~pmgraph.career.names.by_name`, the
  convenience layer the curated API is made of;
- :mod:`~pmgraph.career.options` — the choices and defaults the command line offers too;
- :mod:`~pmgraph.career.paths` — promotion paths and the next moves from a role;
- :mod:`~pmgraph.career.roles` — role listings, and one role in full;
- :mod:`~pmgraph.career.skills` — skill deltas between roles and along paths, a person's gap;
- their text, Markdown, Mermaid and CSV are in :mod:`pmgraph.render` (the presentation family).

Built on :mod:`pmgraph.loading`; used by :mod:`pmgraph.viz`, :mod:`pmgraph.sparql` (to resolve
role parameters) and the command line.
"""

__all__ = ["model", "read", "projection", "cache", "names", "options", "paths", "roles", "skills"]
