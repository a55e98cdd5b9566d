"""Exchange: the graph out to RDF files, and pmgraph's one graph writer.

The rooms, lowest first:

- :mod:`~pmgraph.exchange.lines` — a graph as sorted N-Quads lines, read from RDF files or taken
  from a graph (a query's result), blank nodes labelled by first appearance;
- :mod:`~pmgraph.exchange.write` — the one graph writer: Turtle, TriG, N-Triples, N-Quads, JSON-LD
  (with pmgraph's ``@context``) and RDF/XML, every output read back and compared;
- :mod:`~pmgraph.exchange.export` — ``pmgraph export``: the bundled ontology plus a user's files
  in one of those formats, the same bytes for the same input (:func:`pmgraph.exchange.export.export`).

The formats themselves (names, aliases, media types, suffixes, readers, writers) are one registry
below, :data:`pmgraph.loading.formats.RDF_FORMATS`, which loading reads files by. The family sits
beside ``career``, under the features: ``sparql`` writes its graph results with it.
"""

__all__ = ["lines", "write", "export"]
