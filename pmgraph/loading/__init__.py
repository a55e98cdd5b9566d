"""Loading: files, engines, the cache and remote stores -> a graph.

The rooms, lowest first:

- :mod:`~pmgraph.loading.formats` — RDF files by suffix, one file parsed into a pyoxigraph Store,
  parse errors as one-line :class:`~pmgraph.errors.InvalidDataError`;
- :mod:`~pmgraph.loading.engines` — the rdflib Graph users see and the engine behind it
  (Oxigraph through oxrdflib, or rdflib's memory store);
- :mod:`~pmgraph.loading.conflicts` — two files that disagree on a single-valued property;
- :mod:`~pmgraph.loading.store` — the bundled ontology plus a user's files in a pyoxigraph Store,
  without rdflib (the fast road to a projection);
- :mod:`~pmgraph.loading.graph` — the same as an rdflib Graph (:func:`pmgraph.load`);
- :mod:`~pmgraph.loading.cache` — the persistent cache: entries keyed by the files' content, and
  the cached on-disk store;
- :mod:`~pmgraph.loading.remote` — a graph in any SPARQL 1.1 store: read it, publish into it;
- :mod:`~pmgraph.loading.synth` — a seeded synthetic organisation for benchmarks and scale tests.

Nothing here knows about paths, views or queries; everything above builds on it. The package is
called ``loading``, not ``load``, so that it never shadows :func:`pmgraph.load`.
"""

__all__ = ["formats", "engines", "conflicts", "store", "graph", "cache", "remote", "synth"]
