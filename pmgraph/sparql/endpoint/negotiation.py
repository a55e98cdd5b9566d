"""Content negotiation for the endpoint: which media types it offers for each kind of answer, and
which one an ``Accept`` header likes best.

Graph results are offered in every RDF format of the registry
(:data:`pmgraph.loading.formats.RDF_FORMATS`, by its media types); tabular ones in the W3C SPARQL
1.1 results formats.
"""

from __future__ import annotations

from ...loading.formats import RDF_FORMATS

__all__ = ["TABULAR_MEDIA", "GRAPH_MEDIA", "MEDIA_TYPES", "negotiate"]

#: Media type -> pmgraph format, for tabular (SELECT, ASK) and graph results.
TABULAR_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: The order graph formats are offered in: a client whose Accept ties two gets the first.
_GRAPH_OFFERS = ("turtle", "json-ld", "n-triples", "n-quads", "trig", "rdf-xml", "n3")
GRAPH_MEDIA = {media: name for name in _GRAPH_OFFERS for media in RDF_FORMATS[name].media_types}
MEDIA_TYPES = {**GRAPH_MEDIA, **TABULAR_MEDIA}


def negotiate(accept: str | None, offers: dict[str, str]) -> str | None:
    """The offered media type ``accept`` likes best (first offer wins ties), or None."""
    if not accept:
        return next(iter(offers))
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        quality = 1.0
        for piece in pieces[1:]:
            if piece.startswith("q="):
                try:
                    quality = float(piece[2:])
                except ValueError:
                    quality = 0.0
        if media:
            ranges.append((media, quality))

    def quality_of(offer: str) -> float:
        best, specificity = 0.0, -1
        kind = offer.split("/")[0]
        for media, quality in ranges:
            if media == offer:
                level = 2
            elif media == f"{kind}/*":
                level = 1
            elif media == "*/*":
                level = 0
            else:
                continue
            if level > specificity:
                best, specificity = quality, level
        return best

    scored = [(quality_of(offer), -i, offer) for i, offer in enumerate(offers)]
    quality, _, offer = max(scored)
    return offer if quality > 0 else None
