"""Ladders: reading career-ladder files (pmgraph's YAML and CSV, progression frameworks) and turning
them into RDF.

The rooms:

- :mod:`~pmgraph.ladders.spec` — a ladder as read, before it becomes RDF
  (:class:`~pmgraph.ladders.spec.LadderSpec`), and the words a ladder may use;
- :mod:`~pmgraph.ladders.fields` — line-annotated YAML and the field checks every format shares;
- :mod:`~pmgraph.ladders.native` — pmgraph's own format, as YAML or CSV;
- :mod:`~pmgraph.ladders.progression` — progression frameworks (Markdown with YAML front matter);
- :mod:`~pmgraph.ladders.read` — a file of any of these formats -> a spec;
- :mod:`~pmgraph.ladders.rdf` — a spec -> RDF in pmgraph's ontology, aligned to the bundled
  roles, written as deterministic Turtle (``pmgraph import``);
- :mod:`~pmgraph.ladders.catalogue` — the career frameworks held: bundled or loaded, where each
  comes from, its licence, its size (``pmgraph frameworks``).

The bundled frameworks' converters (``sources/<id>/`` -> ``ontology/frameworks/<id>.ttl``, the
crosswalk and the reference requirements) are build tools, not part of the installed package:
``tools/frameworks/`` in the source tree, run as ``python -m tools.frameworks``.

A new ladder format is a module beside ``native`` and ``progression`` returning a ``LadderSpec``,
and one entry in :data:`~pmgraph.ladders.spec.FORMATS` and in :func:`~pmgraph.ladders.read.read_ladder`.
"""

__all__ = ["spec", "fields", "native", "progression", "read", "rdf", "catalogue"]
