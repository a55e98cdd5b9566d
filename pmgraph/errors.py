"""The exceptions pmgraph raises for problems a user can fix.

Anything that is not a :class:`PmGraphError` is a bug in pmgraph.
"""

from __future__ import annotations

from typing import Self

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

    Where an argument of the function that raised it would lift the problem, the message ends by
    saying so in Python's terms (``...: already exists — pass force=True to overwrite it``):
    :meth:`remedy` marks those words, ``option`` then names the argument (``"force"``), and
    :meth:`advise` gives the same message with the remedy in a caller's terms — the command line
    names its flag (``pass --force``), so that the library's messages name none.
    """

    #: The keyword argument whose value would lift the problem, when the message says how.
    option: str | None = None
    #: The remedy's words in the message, in Python's terms, and the text after them.
    remedy_words: tuple[str, str] = ("", "")

    def remedy(self, option: str, words: str, after: str = "") -> Self:
        """This error, its message ending with ``words`` (how to lift the problem with the
        argument ``option``, in Python's terms) then ``after``; unmarked if it does not."""
        if str(self).endswith(words + after):
            self.option, self.remedy_words = option, (words, after)
        return self

    def advise(self, words: str) -> str:
        """The message with its remedy said as ``words``; the message itself if it has none.

        Examples
        --------
        >>> error = PmGraphError("a.ttl: already exists — pass force=True to overwrite it")
        >>> error.remedy("force", "pass force=True", " to overwrite it").advise("pass --force")
        'a.ttl: already exists — pass --force to overwrite it'
        """
        message = str(self)
        if self.option is None:
            return message
        python, after = self.remedy_words
        return message[: len(message) - len(python + after)] + words + after


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
        return _rebuild, (type(self), (self.detail,), {"file": self.file, "line": self.line}), vars(self)


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

    ``relax`` names the keyword argument whose constraint alone left no path (``"sourced_only"``;
    ``"evidence:derived"``, ``"evidence:any"``: the looser ``evidence`` setting that finds one):
    the message says how to lift it in Python's terms, its remedy (``option``, :meth:`advise`),
    so that a caller can say it in its own (the CLI names its flag).
    """

    #: How to lift each constraint ``relax`` may name, in Python's terms, and the words after.
    ADVICE = {"sourced_only": ("pass sourced_only=False", " to include editorial moves."),
              "evidence:derived": ("pass evidence='derived'", " to include moves a documented rule derives."),
              "evidence:any": ("pass evidence='any'", " to include editorial moves.")}

    def __init__(self, message: str, *, relax: str | None = None):
        self.detail = message
        self.relax = relax
        if relax is None:
            super().__init__(message)
        else:
            words, after = self.ADVICE[relax]
            super().__init__(f"{message}; {words}{after}")
            self.remedy(relax, words, after)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (NoPathError, (self.detail,), {"relax": self.relax})


class QueryError(PmGraphError):
    """A SPARQL query is malformed or not allowed; ``line`` and ``column`` locate a syntax error."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        self.line = line
        self.column = column
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), (str(self),), {"line": self.line, "column": self.column}), vars(self)


class QueryRefusedError(QueryError):
    """A well-formed query pmgraph will not run; ``reason`` is ``"update"`` (queries are
    read-only), ``"service"`` (no network access) or ``"size"`` (too many results)."""

    def __init__(self, message: str, *, reason: str):
        self.reason = reason
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (QueryRefusedError, (str(self),), {"reason": self.reason}), vars(self)


class EndpointError(PmGraphError):
    """A remote SPARQL endpoint cannot be reached or refused a request; the message quotes it."""
