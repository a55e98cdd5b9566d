"""Reading untrusted YAML within fixed bounds: size, nesting, aliases, expanded size, integers.

Ladder files, progression-framework front matter and ``gap`` profiles come from anywhere. PyYAML's
safe loader refuses arbitrary objects but not a billion-laughs document (a few hundred bytes of
nested aliases that expand into billions of nodes), nesting deep enough to exhaust the stack, or
a 5,000-digit integer. Here every document is checked, before anything is built from it, against
the limits below; each limit exceeded is one :class:`~pmgraph.errors.InvalidDataError` naming the
file, the line and the limit, raised within a fraction of a second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InvalidDataError

if TYPE_CHECKING:
    import yaml

__all__ = [
    "MAX_CHARACTERS", "MAX_DEPTH", "MAX_ALIASES", "MAX_NODES", "MAX_DIGITS", "compose", "safe_load", "reader_problem",
]

#: The largest document read, in characters (a 300-role ladder is ~150,000).
MAX_CHARACTERS = 5_000_000
#: The deepest nesting of mappings and lists (a ladder needs 4).
MAX_DEPTH = 64
#: The most aliases (``*name``) in one document.
MAX_ALIASES = 100
#: The most nodes the document stands for once its aliases are expanded.
MAX_NODES = 1_000_000
#: The longest integer, in digits.
MAX_DIGITS = 30


def _loader_class() -> type[yaml.SafeLoader]:
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        """PyYAML's safe loader, counting nesting and aliases as it composes."""

        depth = 0
        aliases = 0
        file: str | None = None
        offset = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            events: Any = self  # PyYAML's parser methods are untyped in its stubs
            event = events.peek_event()
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise _too_much(self, f"more than {MAX_ALIASES} aliases (*name)", event.start_mark)
                return super().compose_node(parent, index)
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise _too_much(self, f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_yaml_int(self, node: Any) -> int:
            digits = sum(c.isdigit() for c in str(node.value))
            if digits > MAX_DIGITS:
                raise _too_much(self, f"an integer longer than {MAX_DIGITS} digits", node.start_mark)
            value: int = super().construct_yaml_int(node)
            return value

    BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)
    return BoundedLoader


def _too_much(loader: Any, what: str, mark: Any) -> InvalidDataError:
    line = None if mark is None else mark.line + 1 + loader.offset
    return InvalidDataError(f"YAML too large: {what} — this is the limit for untrusted files", file=loader.file,
                            line=line)


def compose(text: str, *, file: str, offset: int = 0) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    """A safe loader over ``text`` and the document's root node (None when empty), within the limits.

    ``offset`` is added to line numbers (front matter below a first line). The caller builds
    values with ``loader.construct_object`` / ``construct_document`` and disposes of the loader.
    PyYAML's own syntax errors (``yaml.MarkedYAMLError``) pass through.

    Examples
    --------
    >>> _loader, node = compose("a: [1, 2]", file="x.yaml")
    >>> node.tag
    'tag:yaml.org,2002:map'
    >>> compose("a: [" * 100 + "]" * 100, file="x.yaml")
    Traceback (most recent call last):
    ...
    pmgraph.errors.InvalidDataError: x.yaml:1: YAML too large: nested deeper than 64 levels — this is the limit for untrusted files
    """  # noqa: E501 (a doctest's output is one line)
    if len(text) > MAX_CHARACTERS:
        raise InvalidDataError(f"YAML too large: more than {MAX_CHARACTERS:,} characters — this is the limit for "
                               "untrusted files", file=file)
    loader: Any = _loader_class()(text)  # a BoundedLoader, whose class exists only once yaml is imported
    loader.file, loader.offset = file, offset
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(loader, node)
    except BaseException:
        loader.dispose()
        raise
    return loader, node


def _check_expansion(loader: Any, root: yaml.Node) -> None:
    """Refuse a document whose aliases expand into more than :data:`MAX_NODES` nodes, counting
    each shared node once per use, without expanding anything."""
    import yaml

    sizes: dict[int, int] = {}
    # Post-order over the node graph; aliases make it a DAG (PyYAML rejects recursive ones).
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if not done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        total = 1 + sum(sizes[id(child)] for child in children)
        if total > MAX_NODES:
            raise _too_much(loader, f"its aliases expand to more than {MAX_NODES:,} values", node.start_mark)
        sizes[id(node)] = total


def safe_load(text: str, *, file: str) -> Any:
    """``yaml.safe_load`` within the limits: the document's value (None when empty)."""
    loader, node = compose(text, file=file)
    try:
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def reader_problem(error: Exception) -> str:
    """What PyYAML's reader refused (a control character, a bad byte), said in one line."""
    character = getattr(error, "character", None)
    position = getattr(error, "position", None)
    if isinstance(character, int) and isinstance(position, int):
        return f"character U+{character:04X} at offset {position} is not allowed in YAML; remove it"
    return " ".join(str(error).split())[:200]
