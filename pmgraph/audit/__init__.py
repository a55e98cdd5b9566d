"""The graph's account of itself: is it valid, who states each kind of fact, and its reference page.

The rooms:

- :mod:`~pmgraph.audit.validation` — SHACL shapes node by node and the graph-wide rules in code
  (:func:`pmgraph.validate`; ``pmgraph validate``);
- :mod:`~pmgraph.audit.provenance` — for each kind of fact, how many there are and who states them:
  a source document, editorial judgement or nobody (``pmgraph provenance``);
- :mod:`~pmgraph.audit.reference` — the ontology reference page, ``docs/ontology.md``, generated
  from the ontology itself (``pmgraph reference``).

Each reads a loaded graph (provenance also the files, or a remote store) and returns data; none
knows about careers, views or queries. The rooms are imported on their own: the function
``provenance`` shares its module's name, and validation pulls in pySHACL when it runs.
"""

__all__ = ["validation", "provenance", "reference"]
