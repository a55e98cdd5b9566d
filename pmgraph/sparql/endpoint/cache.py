"""The endpoint's answer cache: answers already given, kept to answer a repeated query without a worker."""

from __future__ import annotations

import re

from ...defaults import SERVE_ANSWER_CACHE

__all__ = ["AnswerCache", "ANSWER_CACHE", "repeatable"]

#: Bytes of answers the server keeps for repeated queries unless told otherwise.
ANSWER_CACHE = SERVE_ANSWER_CACHE


class AnswerCache:
    """Answers already given, by (query text, Accept header), at most ``max_bytes`` of them.

    The served graph does not change while the server runs, so the same query asked the same way
    has the same answer: a repeated query (a dashboard, a notebook cell run again, the query page)
    is answered without a worker. A query that calls NOW(), RAND(), UUID(), STRUUID() or BNODE()
    is never kept. Only successful answers are kept, each at most an eighth of
    the budget; the least recently used go first. ``max_bytes=0`` keeps nothing.
    """

    def __init__(self, max_bytes: int):
        from collections import OrderedDict

        self.max_bytes = max_bytes
        self.size = 0
        self.hits = self.misses = 0
        self._answers: OrderedDict[tuple[str, str | None], tuple[str, bytes]] = OrderedDict()

    def get(self, key: tuple[str, str | None]) -> tuple[str, bytes] | None:
        found = self._answers.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._answers.move_to_end(key)
        return found

    def put(self, key: tuple[str, str | None], media: str, body: bytes) -> None:
        cost = len(body) + len(key[0]) + len(key[1] or "") + 200
        if cost > self.max_bytes // 8 or key in self._answers:
            return
        self._answers[key] = (media, body)
        self.size += cost
        while self.size > self.max_bytes:
            (old_text, old_accept), (_media, old_body) = self._answers.popitem(last=False)
            self.size -= len(old_body) + len(old_text) + len(old_accept or "") + 200


#: Functions whose value changes from one run to the next: a query calling one is never cached.
_VOLATILE = re.compile(r"\b(now|rand|uuid|struuid|bnode)\s*\(", re.IGNORECASE)


def repeatable(text: str) -> bool:
    """Whether ``text`` gives the same answer each time it runs on the same data (no NOW(),
    RAND(), UUID(), STRUUID(), BNODE(); read conservatively, escapes and comments included)."""
    return _VOLATILE.search(text) is None and "\\u" not in text and "\\U" not in text
