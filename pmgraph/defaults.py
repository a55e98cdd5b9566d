"""The defaults the library and the command line share, each defined once, here.

The library's signatures and constants take their defaults from this module, and so do the
command line's options (their ``--help`` shows them). It imports nothing: the command line
reads it without importing the modules that use the values, which pull in rdflib, ssl or the
HTTP server, so that ``pmgraph path`` starts fast.
"""

from __future__ import annotations

__all__ = [
    "REMOTE_TIMEOUT", "REMOTE_CONNECT_TIMEOUT", "PUBLISH_CHUNK_SIZE", "QUERY_MAX_MEMORY", "SERVE_HOST", "SERVE_PORT",
    "SERVE_TIMEOUT", "SERVE_MAX_RESULTS", "SERVE_CONNECTION_LIMIT", "SERVE_CHANNEL_TIMEOUT", "SERVE_ANSWER_CACHE",
    "SYNTH_SEED",
]

# Remote stores (pmgraph.loading.http, pmgraph.loading.remote; --endpoint, publish)

#: Seconds one exchange with a store may take, from connecting to the last byte of its answer
#: (a publish request or a whole download is one exchange).
REMOTE_TIMEOUT = 300.0
#: Seconds to wait for a connection.
REMOTE_CONNECT_TIMEOUT = 10.0
#: Triples per INSERT DATA request, measured to suit both stores CI runs. Virtuoso 7 refuses a
#: request of more than about 1,400 triples ("the length of generated SQL text has exceeded 10000
#: lines", whatever the triples), and took longest in large requests: publishing the bundled
#: dataset (32,000 triples in six graphs) took it 6-8 s in requests of 100 to 500 triples, 10-18 s
#: in requests of 1,000 or 1,300. Oxigraph takes any size; 500 costs it a fraction of a second
#: (1.7-2.1 s against 1.4-1.6 s in requests of 20,000).
PUBLISH_CHUNK_SIZE = 500

# Queries (pmgraph.sparql.sandbox; query, serve)

#: Bytes of address space a query's process may use beyond the loaded data: room for a large
#: answer, while a runaway query is stopped before it takes the machine.
QUERY_MAX_MEMORY = 2 << 30

# The endpoint (pmgraph.sparql.endpoint.make_server; serve)

#: Where the endpoint listens: loopback, so that nothing beyond this machine can query it unless
#: asked (and then with a token).
SERVE_HOST = "127.0.0.1"
#: Oxigraph server's port, so that a URL written for one works for the other.
SERVE_PORT = 7878
#: Seconds a query may run; then its worker is killed and the client gets HTTP 503 (a worker held
#: longer keeps other clients waiting).
SERVE_TIMEOUT = 10.0
#: Rows or triples a result may have; a larger result gets HTTP 500 ("add a LIMIT").
SERVE_MAX_RESULTS = 10_000
#: Connections served at once (the open-file limit is raised to fit; docs/security.md).
SERVE_CONNECTION_LIMIT = 2000
#: Seconds a client has to send a request's headers, then its body, or may stall taking an answer
#: (slow clients; docs/security.md).
SERVE_CHANNEL_TIMEOUT = 30.0
#: Bytes of answers kept to answer a repeated query without a worker (0 keeps none).
SERVE_ANSWER_CACHE = 64 << 20

# Synthetic data (pmgraph.loading.synth; synth)

#: The random seed: the same seed gives the same bytes.
SYNTH_SEED = 0
