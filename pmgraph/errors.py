"""The exceptions pmgraph raises for problems a user can fix.

Anything that is not a :class:`PmGraphError` is a bug in pmgraph.
"""

from __future__ import annotations

from .wording import did_you_mean

__all__ = [
    "PmGraphError",
    "InvalidDataError",
    "UnknownRoleError",
    "AmbiguousRoleError",
    "NoPathError",
    "QueryError",
    "QueryRefusedError",
    "EndpointError",
    "excerpt",
]

#: The most characters of user input an error message quotes.
EXCERPT = 80


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` as an error quotes it: ``repr``, cut to about ``limit`` characters with its length.

    Examples
    --------
    >>> excerpt("Senior PM")
    "'Senior PM'"
    >>> excerpt("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (1,000 characters)"
    """
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit] + '…'!r} ({len(text):,} characters)"


def _rebuild(cls: type[Exception], args: tuple[object, ...], kwargs: dict[str, object]) -> Exception:
    return cls(*args, **kwargs)


class PmGraphError(Exception):
    """Base class: a problem with the user's input or data, with a one-line message.

    Every one survives pickling whole (a query run in a worker process raises it in the caller).
    """


class InvalidDataError(PmGraphError):
    """A data file cannot be read or holds invalid data.

    Parameters
    ----------
    message : str
        What is wrong and what to do about it.
    file : str, optional
        The file at fault.
    line : int, optional
        The line in ``file`` (1-based) where the problem was found.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.file = file
        self.line = line
        self.detail = message
        where = file or ""
        if file and line is not None:
            where = f"{file}:{line}"
        super().__init__(f"{where}: {message}" if where else message)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), (self.detail,), {"file": self.file, "line": self.line})


class UnknownRoleError(PmGraphError, LookupError):
    """A role name matches no role; carries the closest matches as ``suggestions``."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()):
        self.name = name
        self.suggestions = tuple(suggestions)
        message = f"Unknown role {excerpt(name)}."
        if self.suggestions:
            message += did_you_mean(self.suggestions)
        else:
            message += " Run 'pmgraph roles' to list the roles."
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), (self.name, self.suggestions), {})


class AmbiguousRoleError(UnknownRoleError):
    """A role name fits several roles (as a rule in different ladders); ``suggestions`` lists
    each as a name that resolves to it alone (``gitlab:senior product manager``)."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()):
        PmGraphError.__init__(self, f"{excerpt(name)} names {len(suggestions)} roles: "
                              + ", ".join(suggestions) + "; give one of these names.")
        self.name = name
        self.suggestions = tuple(suggestions)


class NoPathError(PmGraphError):
    """No transition path joins two roles under the given constraints; the message says why.

    ``relax`` names the keyword argument whose constraint alone left no path (``"sourced_only"``),
    so that a caller can say how to lift it in its own terms (the CLI names its flag); the
    message says it in Python's.
    """

    #: How to lift each constraint ``relax`` may name, in Python's terms.
    ADVICE = {"sourced_only": "pass sourced_only=False to include editorial moves"}

    def __init__(self, message: str, *, relax: str | None = None):
        self.detail = message
        self.relax = relax
        super().__init__(f"{message}; {self.ADVICE[relax]}." if relax else message)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (NoPathError, (self.detail,), {"relax": self.relax})


class QueryError(PmGraphError):
    """A SPARQL query is malformed or not allowed; ``line`` and ``column`` locate a syntax error."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        self.line = line
        self.column = column
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), (str(self),), {"line": self.line, "column": self.column})


class QueryRefusedError(QueryError):
    """A well-formed query pmgraph will not run; ``reason`` is ``"update"`` (queries are
    read-only), ``"service"`` (no network access) or ``"size"`` (too many results)."""

    def __init__(self, message: str, *, reason: str):
        self.reason = reason
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (QueryRefusedError, (str(self),), {"reason": self.reason})


class EndpointError(PmGraphError):
    """A remote SPARQL endpoint cannot be reached or refused a request; the message quotes it."""
