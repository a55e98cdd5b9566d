"""Line-annotated YAML, and the field checks every ladder format shares: each error names the file
and the line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, cast, overload

from rdflib import URIRef

from ..errors import InvalidDataError
from ..vocab import PROFICIENCY
from .spec import PROFICIENCIES

if TYPE_CHECKING:
    from yaml import Node, SafeLoader  # not ``import yaml``: in Fields, ``yaml`` is the method

__all__ = ["Fields", "LMap", "LList", "did_you_mean", "read_proficiency", "read_years", "read_texts"]

#: A value parsed from a ladder file: a YAML scalar (str, int, float, bool, None, a date, ...), an
#: :class:`LMap` or an :class:`LList`, or a CSV cell. What it is is only known once it is checked, so
#: this is the one dynamic boundary of the readers.
Yaml: TypeAlias = Any

_T = TypeVar("_T")
_V = TypeVar("_V")

#: The longest a move may take, in years (a working life).
MAX_YEARS = 50


class LMap(dict[str | int, Yaml]):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int | None = None
    lines: dict[str | int, int]


class LList(list[Yaml]):
    line: int | None = None
    lines: list[int]


class Fields:
    """Reads fields from line-annotated mappings; every error names the file and the line."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)

    def fail(self, message: str, line: int | None) -> InvalidDataError:
        return InvalidDataError(message, file=self.file, line=line)

    def yaml(self, text: str, *, offset: int) -> Yaml:
        import yaml

        from ..bounded import compose, reader_problem

        loader = None
        try:
            loader, node = compose(text, file=self.file, offset=offset)  # within the limits for untrusted files
            if node is None:
                raise self.fail("the file is empty — see docs/ladder-format.md for the layout", 1 + offset)
            return self._convert(loader, node, offset)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            what = error.problem or error.context or "malformed YAML"
            if error.context_mark is not None and "<stream end>" in what:
                # "got <stream end>" points past the last line; the unclosed thing began at context_mark.
                mark, what = error.context_mark, f"{error.context} never closed ({what})"
            raise self.fail(f"YAML syntax error: {what}", mark.line + 1 + offset if mark else None) from None
        except yaml.YAMLError as error:  # the reader's: a character YAML does not allow
            raise self.fail(f"not YAML text: {reader_problem(error)}", None) from None
        finally:
            if loader is not None:
                loader.dispose()

    def _convert(self, loader: SafeLoader, node: Node, offset: int) -> Yaml:
        import yaml

        line = node.start_mark.line + 1 + offset
        if isinstance(node, yaml.MappingNode):
            result = LMap()
            result.line, result.lines = line, {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                key_line = key_node.start_mark.line + 1 + offset
                if not isinstance(key, (str, int)):
                    raise self.fail("a mapping key must be a plain word", key_line)
                if key in result:
                    raise self.fail(f"duplicate key {key!r} (first on line {result.lines[key]}) — keep one", key_line)
                result[key] = self._convert(loader, value_node, offset)
                result.lines[key] = key_line
            return result
        if isinstance(node, yaml.SequenceNode):
            items = LList(self._convert(loader, item, offset) for item in node.value)
            items.line, items.lines = line, [item.start_mark.line + 1 + offset for item in node.value]
            return items
        return loader.construct_object(node, deep=True)

    def line_of(self, mapping: Mapping[str | int, Yaml], key: str | int) -> int | None:
        lines: dict[str | int, int] = getattr(mapping, "lines", None) or {}
        line: int | None = getattr(mapping, "line", None)
        return lines.get(key, line)

    # The value's type follows ``kind`` (text when it is not given); it may be None unless required.
    @overload
    def get(self, mapping: Mapping[str | int, Yaml], key: str, what: str, *,
            required: Literal[True] = True) -> str: ...
    @overload
    def get(self, mapping: Mapping[str | int, Yaml], key: str, what: str, *, required: bool) -> str | None: ...
    @overload
    def get(self, mapping: Mapping[str | int, Yaml], key: str, what: str, *, required: Literal[True] = True,
            kind: type[_T]) -> _T: ...
    @overload
    def get(self, mapping: Mapping[str | int, Yaml], key: str, what: str, *, required: bool,
            kind: type[_T]) -> _T | None: ...

    def get(self, mapping: Mapping[str | int, Yaml], key: str, what: str, *, required: bool = True,
            kind: type[Any] = str) -> Yaml:
        """``mapping[key]`` checked to be a ``kind``; a missing required key names the mapping's line."""
        if key not in mapping or mapping[key] is None or mapping[key] == "":
            if required:
                raise self.fail(f"{what} has no {key!r} — add {key}: ...", getattr(mapping, "line", None))
            return None
        value = mapping[key]
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if kind is int and isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            value = int(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            names = {str: "text", int: "a whole number", list: "a list", dict: "a mapping"}
            raise self.fail(f"{what}: {key!r} must be {names.get(kind, kind.__name__)}, found {value!r}",
                            self.line_of(mapping, key))
        return value.strip() if isinstance(value, str) else value

    @overload
    def choice(self, mapping: Mapping[str | int, Yaml], key: str, what: str, table: Mapping[str, _V], *,
               required: Literal[True] = True) -> _V: ...
    @overload
    def choice(self, mapping: Mapping[str | int, Yaml], key: str, what: str, table: Mapping[str, _V], *,
               required: bool) -> _V | None: ...

    def choice(self, mapping: Mapping[str | int, Yaml], key: str, what: str, table: Mapping[str, _V], *,
               required: bool = True) -> _V | None:
        value = self.get(mapping, key, what, required=required)
        if value is None:
            return None
        found = table.get(" ".join(value.casefold().replace("_", " ").split()))
        found = found or table.get(value.casefold().replace(" ", "-").replace("_", "-"))
        if found is None:
            raise self.fail(f"{what}: unknown {key} {value!r} — use one of {', '.join(sorted(table))}",
                            self.line_of(mapping, key))
        return found


def did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def read_proficiency(reader: Fields, value: Yaml, what: str, line: int | None) -> URIRef:
    text = str(value).strip().casefold()
    if text.isdigit() and 1 <= int(text) <= len(PROFICIENCIES):
        return PROFICIENCY[PROFICIENCIES[int(text) - 1]]
    if text in PROFICIENCIES:
        return PROFICIENCY[text]
    raise reader.fail(f"{what}: unknown proficiency {value!r} — use one of {', '.join(PROFICIENCIES)} (or 1-5)", line)


def read_years(reader: Fields, value: Yaml, what: str, line: int | None) -> tuple[Decimal, Decimal]:
    if not isinstance(value, list) or len(value) != 2:
        raise reader.fail(f"{what}: years must be a pair [min, max], e.g. years: [1, 2]; found {value!r}", line)
    try:
        low, high = (Decimal(str(v).strip()) for v in value)
    except InvalidOperation:
        raise reader.fail(f"{what}: years must be numbers, found {value!r}", line) from None
    if not (low.is_finite() and high.is_finite()) or low < 0 or high < low or high > MAX_YEARS:
        raise reader.fail(f"{what}: years {value!r} must satisfy 0 <= min <= max <= {MAX_YEARS}", line)
    return low, high


def read_texts(reader: Fields, items: list[Yaml], what: str) -> list[str]:
    out = []
    for index, value in enumerate(items):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            # A list with items came from a reader, so it is an LList (an absent list is a plain []).
            raise reader.fail(f"{what} must be a list of text, found {value!r}", cast(LList, items).lines[index])
        out.append(str(value).strip())
    return out

