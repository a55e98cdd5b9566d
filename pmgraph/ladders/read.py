"""Reading career ladders: YAML, CSV and progression-framework Markdown -> a :class:`LadderSpec`.

The readers check everything a user can get wrong and name the file, the line (or CSV row) and
the field in an :class:`~pmgraph.errors.InvalidDataError`. :mod:`pmgraph.ladders.rdf` turns the spec
into RDF. The formats are documented in ``docs/ladder-format.md``.

Inputs are only ever read.
"""

from __future__ import annotations

import hashlib
from os import PathLike
from pathlib import Path

from ..errors import InvalidDataError
from .native import read_native
from .progression import read_progression
from .spec import FORMATS, LadderSpec

__all__ = ["read_ladder", "detect_format"]


def detect_format(path: Path, format: str | None = None) -> str:
    if format is not None:
        if format not in set(FORMATS.values()):
            raise InvalidDataError(f"unknown ladder format {format!r}; use yaml, csv or progression", file=str(path))
        return format
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise InvalidDataError(
            f"cannot tell the ladder format from the suffix {path.suffix or '(none)'!r} — use .yaml, .csv or .md "
            "(progression framework), or pass the format explicitly", file=str(path))
    return found


def read_ladder(path: str | PathLike[str], *, format: str | None = None,
                years: tuple[float | str, float | str] | None = None, function: str | None = None) -> LadderSpec:
    """Read ``path`` into a :class:`LadderSpec`; never writes to it."""
    path = Path(path)
    fmt = detect_format(path, format)
    if not path.is_file():
        raise InvalidDataError("no such file; check the path" if not path.exists() else "is not a file", file=str(path))
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidDataError(f"not UTF-8 text ({error.reason} at byte {error.start})", file=str(path)) from None
    except OSError as error:
        raise InvalidDataError(f"cannot read: {error.strerror or error}", file=str(path)) from None
    digest = hashlib.sha256(raw).hexdigest()
    if fmt == "progression":
        return read_progression(path, text, digest, years=years, function=function)
    return read_native(path, text, digest, fmt)
