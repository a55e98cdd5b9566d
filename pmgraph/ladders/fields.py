"""Line-annotated YAML, and the field checks every ladder format shares: each error names the file
and the line.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import URIRef

from ..errors import InvalidDataError
from ..vocab import PROFICIENCY
from .spec import PROFICIENCIES

__all__ = ["Fields", "LMap", "LList", "did_you_mean", "read_proficiency", "read_years", "read_texts"]


class LMap(dict):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int | None = None
    lines: dict


class LList(list):
    line: int | None = None
    lines: list


class Fields:
    """Reads fields from line-annotated mappings; every error names the file and the line."""

    def __init__(self, path: Path):
        self.file = str(path)

    def fail(self, message: str, line: int | None) -> InvalidDataError:
        return InvalidDataError(message, file=self.file, line=line)

    def yaml(self, text: str, *, offset: int):
        import yaml

        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
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
        finally:
            loader.dispose()

    def _convert(self, loader, node, offset):
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
            result = LList(self._convert(loader, item, offset) for item in node.value)
            result.line, result.lines = line, [item.start_mark.line + 1 + offset for item in node.value]
            return result
        return loader.construct_object(node, deep=True)

    def line_of(self, mapping, key):
        lines = getattr(mapping, "lines", None) or {}
        return lines.get(key, getattr(mapping, "line", None))

    def get(self, mapping, key, what: str, *, required=True, kind=str):
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

    def choice(self, mapping, key, what, table: dict, *, required=True):
        value = self.get(mapping, key, what, required=required)
        if value is None:
            return None
        found = table.get(" ".join(value.casefold().replace("_", " ").split()))
        found = found or table.get(value.casefold().replace(" ", "-").replace("_", "-"))
        if found is None:
            raise self.fail(f"{what}: unknown {key} {value!r} — use one of {', '.join(sorted(table))}",
                            self.line_of(mapping, key))
        return found


def did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def read_proficiency(reader: Fields, value, what: str, line) -> URIRef:
    text = str(value).strip().casefold()
    if text.isdigit() and 1 <= int(text) <= len(PROFICIENCIES):
        return PROFICIENCY[PROFICIENCIES[int(text) - 1]]
    if text in PROFICIENCIES:
        return PROFICIENCY[text]
    raise reader.fail(f"{what}: unknown proficiency {value!r} — use one of {', '.join(PROFICIENCIES)} (or 1-5)", line)


def read_years(reader: Fields, value, what: str, line) -> tuple[Decimal, Decimal]:
    if not isinstance(value, list) or len(value) != 2:
        raise reader.fail(f"{what}: years must be a pair [min, max], e.g. years: [1, 2]; found {value!r}", line)
    try:
        low, high = (Decimal(str(v).strip()) for v in value)
    except InvalidOperation:
        raise reader.fail(f"{what}: years must be numbers, found {value!r}", line) from None
    if not (low.is_finite() and high.is_finite()) or low < 0 or high < low:
        raise reader.fail(f"{what}: years {value!r} must satisfy 0 <= min <= max", line)
    return low, high


def read_texts(reader: Fields, items, what) -> list[str]:
    out = []
    for index, value in enumerate(items):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            raise reader.fail(f"{what} must be a list of text, found {value!r}", items.lines[index])
        out.append(str(value).strip())
    return out
