"""The ``pmgraph`` command line: parses, calls one library function, formats.

Exit codes: 0 ok; 1 a domain error (invalid data, unknown role, no path); 2 a usage error.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ..defaults import REMOTE_CONNECT_TIMEOUT, REMOTE_TIMEOUT
from ..errors import PmGraphError
from ..resources import WHOLE_GRAPH
from ..wording import did_you_mean

if TYPE_CHECKING:
    from types import ModuleType

    import rdflib

    from ..career.model import CareerGraph
    from ..career.projection import GraphLike
    from ..loading.http import Remote

__all__ = ["cli", "main", "output_options", "emit", "Output"]

EXIT_INVALID = 1

_T = TypeVar("_T")


class PmGraphGroup(click.Group):
    """Turns every :class:`PmGraphError` into a one-line error and exit 1, in one place."""

    def invoke(self, ctx: click.Context) -> Any:  # what the command returned, as click.Group types it
        try:
            return super().invoke(ctx)
        except PmGraphError as error:
            raise click.ClickException(_named(ctx, _message(error))) from None
        except OSError as error:  # the machine's, not pmgraph's: a full disk, a permission, a vanished folder
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(_named(ctx, f"{where}{error.strerror or error}")) from None


def _named(ctx: click.Context, message: str) -> str:
    """``message`` with the temporary copy of standard input called what the user gave: ``-``."""
    copy = (ctx.obj or {}).get("stdin")
    return message.replace(copy, "-") if copy else message


#: The most bytes read from standard input for a FILE given as ``-``.
MAX_STDIN = 1 << 30


def stdin_file(ctx: click.Context, suffix: str) -> str:
    """Where a FILE given as ``-`` is read from: standard input, copied (at most :data:`MAX_STDIN`
    bytes) into a private temporary file whose ``suffix`` says its format, removed when the
    command ends. Standard input is read once: a second ``-`` is a usage error. Errors about the
    copy name it ``-``."""
    import shutil
    import tempfile

    root = ctx.find_root()
    if root.obj.get("stdin"):
        raise click.UsageError("standard input ('-') can be read only once in a command")
    folder = tempfile.mkdtemp(prefix="pmgraph-stdin-")
    root.call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    path = os.path.join(folder, "stdin" + suffix)
    if sys.stdin is None or not hasattr(sys.stdin, "buffer"):
        raise click.UsageError("'-' reads standard input, and this command has none (it is closed)")
    stream = sys.stdin.buffer
    copied = 0
    with open(path, "wb") as copy:
        while block := stream.read(1 << 20):
            copied += len(block)
            if copied > MAX_STDIN:
                raise click.UsageError(f"standard input holds more than {MAX_STDIN:,} bytes; give a file instead")
            copy.write(block)
    root.obj["stdin"] = path
    return path


def from_stdin(ctx: click.Context, files: tuple[str, ...], suffix: str) -> tuple[str, ...]:
    """``files`` with a ``-`` read from standard input (see :func:`stdin_file`)."""
    return tuple(stdin_file(ctx, suffix) if f == "-" else f for f in files)


@click.group(cls=PmGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pmgraph", prog_name="pmgraph")
@click.option(
    "--data",
    "data_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Merge this ontology file into the bundled graph (repeatable; '-': Turtle from standard input).",
)
@click.option(
    "--endpoint",
    envvar="PMGRAPH_ENDPOINT",
    metavar="URL",
    help="Read from this SPARQL 1.1 query endpoint instead of the embedded graph "
    "(env PMGRAPH_ENDPOINT).",
)
@click.option(
    "--endpoint-graph",
    envvar="PMGRAPH_GRAPH",
    metavar="IRI",
    default=WHOLE_GRAPH,
    show_default=True,
    help="The named graph to read at --endpoint; 'default' for the store's default graph.",
)
@click.option(
    "--timeout",
    "endpoint_timeout",
    envvar="PMGRAPH_ENDPOINT_TIMEOUT",
    metavar="SECONDS",
    type=float,
    default=REMOTE_TIMEOUT,
    show_default=True,
    callback=lambda ctx, param, value: _seconds(value, param),
    help="Give up on a remote store (--endpoint, publish) after this long per request; connecting "
    f"waits at most {REMOTE_CONNECT_TIMEOUT:g} s (env PMGRAPH_ENDPOINT_TIMEOUT). Credentials: in the URL, or env "
    "PMGRAPH_ENDPOINT_USER / PMGRAPH_ENDPOINT_PASSWORD, or a bearer token in PMGRAPH_ENDPOINT_TOKEN.",
)
@click.option(
    "--cache-dir",
    envvar="PMGRAPH_CACHE_DIR",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Where loaded graphs are cached between runs (env PMGRAPH_CACHE_DIR; default "
    "$XDG_CACHE_HOME/pmgraph or ~/.cache/pmgraph).",
)
@click.option("--no-cache", is_flag=True, help="Parse the files afresh and write no cache.")
@click.option("--framework", "framework", metavar="ID", default=None,
              help="Work on one bundled career framework's roles (ddat, gitlab, monzo, sourcegraph, octopus; "
              "see 'pmgraph frameworks') instead of the reference ladder.")
@click.pass_context
def cli(ctx: click.Context, data_files: tuple[str, ...], endpoint: str | None, endpoint_graph: str,
        endpoint_timeout: float, cache_dir: str | None, no_cache: bool, framework: str | None) -> None:
    """pmgraph: a knowledge graph of product leadership roles, and the tools to question it.

    \b
    Example:
      pmgraph validate
    """
    if not no_cache and not cache_dir:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        cache_dir = os.path.join(base, "pmgraph")
    files: tuple[str, ...] = data_files
    if framework is not None:
        if endpoint:
            raise click.UsageError("--framework picks bundled data; with --endpoint the store holds the data")
        files = (*_framework_files(framework), *data_files)
    ctx.obj = {"data": files, "bundled": framework is None, "endpoint": endpoint, "endpoint_graph": endpoint_graph,
               "endpoint_timeout": endpoint_timeout, "cache_dir": None if no_cache else cache_dir}
    if "-" in files:
        ctx.obj["data"] = from_stdin(ctx, files, ".ttl")


def _seconds(value: float, param: click.Parameter) -> float:
    import math

    if not (math.isfinite(value) and 0 < value <= 86_400):
        raise click.BadParameter(f"{value!r} is not a number of seconds above 0 and at most 86400",
                                 param=param)
    return value


def remote_endpoint(ctx: click.Context, url: str) -> Remote:
    """The store at ``url`` with the user's credentials (from the URL or the environment:
    ``PMGRAPH_ENDPOINT_USER`` / ``PMGRAPH_ENDPOINT_PASSWORD``, ``PMGRAPH_ENDPOINT_TOKEN``) and
    ``--timeout``. The library never reads the environment; the command line does, here."""
    from ..loading.http import Remote

    root = ctx.find_root()
    return Remote.at(url, user=os.environ.get("PMGRAPH_ENDPOINT_USER") or None,
                     password=os.environ.get("PMGRAPH_ENDPOINT_PASSWORD"),
                     token=os.environ.get("PMGRAPH_ENDPOINT_TOKEN") or None,
                     timeout=root.obj["endpoint_timeout"])


def _framework_files(framework: str) -> tuple[str, ...]:
    """The files that make up bundled ``framework``: the schema (its vocabulary) and its own data."""
    from ..resources import framework_files, ontology_dir

    known = {path.stem: path for path in framework_files()}
    if framework not in known:
        raise click.BadParameter(f"unknown framework {framework!r}; use one of {', '.join(sorted(known))}",
                                 param_hint="'--framework'")
    return (str(ontology_dir() / "schema.ttl"), str(known[framework]))


#: What a command loaded, kept from being freed when :func:`main` is about to end the process
#: (freeing a 1M-triple store takes ~0.4 s, longer than the command); None: free as usual.
_HELD: list[object] | None = None


def _hold(value: _T) -> _T:
    if _HELD is not None:
        _HELD.append(value)
    return value


def load_graph(ctx: click.Context, *, in_memory: bool = False) -> rdflib.Graph:
    """The graph every read command works on: the bundled ontology plus ``--data`` files.

    From the remote endpoint when one is given; else from the cache (a read-only on-disk store,
    built on the first run); else parsed afresh. ``in_memory`` skips the on-disk store: a
    long-running server pays the parse once and then answers scans several times faster than
    RocksDB does (measured in benchmarks/RESULTS.md). Loaded once per invocation.
    """
    root = ctx.find_root()
    if in_memory and not root.obj.get("endpoint"):
        root.obj = {**root.obj, "cache_dir": None}
    if "graph" not in root.obj:
        if root.obj.get("endpoint"):
            from ..loading.remote import connect

            if root.obj["data"]:
                raise click.UsageError("--data merges files into the embedded graph; with --endpoint, "
                                       "publish them first: pmgraph publish --endpoint URL FILE")
            named = root.obj["endpoint_graph"]
            root.obj["graph"] = connect(remote_endpoint(ctx, root.obj["endpoint"]),
                                        graph=None if named == "default" else named)
        elif root.obj["cache_dir"] and (graph := _try_cache(root, _cache().cached_graph)) is not None:
            root.obj["graph"] = graph
        elif "store" in root.obj:  # parsed already for a projection: wrap it, no second parse
            from ..loading.engines import wrap_store

            root.obj["graph"] = wrap_store(root.obj["store"])
        else:
            from ..loading.graph import load

            root.obj["graph"] = _hold(load(root.obj["data"], bundled=root.obj["bundled"]))
    return cast("rdflib.Graph", root.obj["graph"])  # ctx.obj is click's Any; "graph" is set above


def local_graph(files: tuple[str, ...], bundled: bool, cache_dir: str | None) -> rdflib.Graph:
    """The bundled ontology plus ``files`` (--data) as :func:`load_graph` gives it without an endpoint: from
    the cache when there is one (a warning, and no cache, when it cannot be written), else parsed.
    Plain arguments, so it can run in another process (``pmgraph query``)."""
    if cache_dir:
        try:
            return cast("rdflib.Graph", _cache().cached_graph(files, bundled=bundled, cache_dir=cache_dir))
        except OSError as error:
            click.echo(f"warning: cache unusable ({error.strerror or error}: {cache_dir}); "
                       "loading without it (set --cache-dir or --no-cache)", err=True)
    from ..loading.graph import load

    return load(files, bundled=bundled)


def _cache() -> ModuleType:
    from ..loading import cache

    return cache


def _career_cache() -> ModuleType:
    from ..career import cache

    return cache


def _try_cache(root: click.Context, use: Callable[..., _T], *args: object) -> _T | None:
    """Call ``use`` (a function of the cache); if its directory cannot be written, say so once and
    go without it."""
    if not root.obj["cache_dir"]:
        return None
    try:
        return use(*args, root.obj["data"], bundled=root.obj["bundled"], cache_dir=root.obj["cache_dir"])
    except OSError as error:
        click.echo(f"warning: cache unusable ({error.strerror or error}: {root.obj['cache_dir']}); "
                   "loading without it (set --cache-dir or --no-cache)", err=True)
        root.obj["cache_dir"] = None
        return None


def load_career(ctx: click.Context) -> CareerGraph:
    """The networkx projection the path, delta and role commands work on.

    From the cache when there is one: no parsing, no rdflib, no SPARQL on a second run; else
    from the files parsed into Oxigraph, still without rdflib, and saved to the cache after
    the command has answered.
    """
    root = ctx.find_root()
    if "career" not in root.obj:
        if (root.obj["cache_dir"] and not root.obj.get("endpoint")
                and (career := _try_cache(root, _career_cache().read_career)) is not None):
            root.obj["career"] = career
        elif root.obj.get("endpoint") or "graph" in root.obj:
            from ..career.projection import project

            root.obj["career"] = project(load_graph(ctx))
        else:  # the files straight into Oxigraph, without rdflib
            from ..career.projection import project
            from ..loading.store import load_store

            root.obj["store"] = _hold(load_store(root.obj["data"], bundled=root.obj["bundled"]))
            career = root.obj["career"] = project(root.obj["store"])
            # Into the cache once the command has answered: writing it reads every part.
            root.call_on_close(lambda: _try_cache(root, _career_cache().save_career, career))
    return cast("CareerGraph", root.obj["career"])  # ctx.obj is click's Any; "career" is set above


def output_target(path: str, *, force: bool) -> Path | None:
    """Where ``-o PATH`` writes: None for ``-`` (standard output), else ``PATH``, checked before any
    work is done — the one policy of every command that writes a file: not a directory, in a folder
    that exists, and not an existing file unless ``--force``. Raises :class:`InvalidDataError`."""
    from ..errors import InvalidDataError

    if path == "-":
        return None
    target = Path(path)
    if target.is_dir():
        raise InvalidDataError("is a directory — give a file name", file=path)
    if target.exists() and not force:
        raise InvalidDataError("already exists — pass --force to overwrite it", file=path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidDataError(f"the directory {str(folder)!r} does not exist — create it first", file=path)
    return target


def write_output(path: str, content: bytes | str, *, force: bool) -> Path | None:
    """Write ``content`` to ``-o PATH``: standard output for ``-``, else atomically (see
    :func:`output_target` and :func:`pmgraph.files.write_atomically`); the path written, or None."""
    from ..files import write_atomically

    target = output_target(path, force=force)
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content.encode("utf-8") if isinstance(content, str) else content)
        sys.stdout.buffer.flush()
        return None
    return write_atomically(target, content)


class FormatChoice(click.Choice[str]):
    """A ``--format`` choice that also takes old names (``table`` for ``text``), not shown in help."""

    def __init__(self, choices: Sequence[str], aliases: Mapping[str, str], *, case_sensitive: bool = True):
        super().__init__(choices, case_sensitive=case_sensitive)
        self.aliases = dict(aliases)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and (value if self.case_sensitive else value.lower()) in self.aliases:
            return self.aliases[value if self.case_sensitive else value.lower()]
        return super().convert(value, param, ctx)


class OutputOption(click.Option):
    """The ``-o/--output`` option :func:`output_options` declares (a test checks every command's)."""


@dataclass(frozen=True)
class Output:
    """Where and how a command writes its result: ``path`` (``-``: standard output), ``format``
    (one of the command's; None when it has one), and whether to overwrite a file."""

    path: str
    format: str | None
    force: bool


def output_options(*formats: str, output: str = "-", metavar: str = "FILE", required: bool = False,
                   suffixes: Mapping[str, str] | None = None, aliases: Mapping[str, str] | None = None,
                   force_help: str | None = None, output_help: str | None = None,
                   format_option: Callable[[Any], Any] | None = None,
                   check: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options of every command that writes a result — ``-o/--output``, ``--format`` (when
    the command has several ``formats``; the first is the default) and ``--force`` — declared
    once. The command receives them as one ``output:`` :class:`Output`, the file already checked
    (:func:`output_target`: refused before any work), and ends with :func:`emit`.

    ``suffixes`` (``{".html": "html"}``) picks the format from the file's name when ``--format``
    is not given; ``aliases`` are old format names still taken (``{"table": "text"}``); without
    ``check`` the command checks the file itself (after checks of its own that come first).

    A command whose formats are a registry's rather than a list (``export``: the RDF formats,
    with rdflib's and riot's names for them) declares its own ``--format`` (a click option whose
    value is ``fmt``) and gives it as ``format_option``: it takes the place of the generated one,
    and ``output.format`` is the value given, None when none is (the command picks the format).
    ``force_help`` and ``output_help`` replace the help texts of ``--force`` and ``-o``.
    """
    given_aliases = dict(aliases or {})
    by_suffix = dict(suffixes or {})

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def command(*args: Any, **kwargs: Any) -> Any:
            path: str = kwargs.pop("output")
            force: bool = kwargs.pop("force")
            fmt: str | None = kwargs.pop("fmt") if len(formats) > 1 or format_option else None
            if fmt is None and formats:
                fmt = next((f for suffix, f in by_suffix.items() if path.lower().endswith(suffix)), formats[0])
            if check:
                output_target(path, force=force)  # refused before any work: a folder, an existing file
            return function(*args, output=Output(path, fmt, force), **kwargs)

        # A required option gets no default at all: click takes an explicit None for a value given.
        default: dict[str, Any] = {"required": True} if required else {"default": output}
        options = [click.option("-o", "--output", cls=OutputOption, **default,
                                show_default=not required and output != "-", metavar=metavar,
                                type=click.Path(dir_okay=False, allow_dash=True),
                                help=output_help or (
                                    f"Write to {metavar} (atomically) instead of standard output ('-', the default)."
                                    if output == "-" and not required else
                                    "Where to write (atomically; '-' for standard output)."))]
        if format_option is not None:
            options.append(format_option)
        elif len(formats) > 1:
            options.append(click.option(
                "--format", "fmt", type=FormatChoice(formats, given_aliases), default=None if by_suffix else formats[0],
                show_default=not by_suffix,
                help=f"Output format [default: from {metavar}'s suffix; {formats[0]} on standard output]."
                if by_suffix else "Output format."))
        options.append(click.option("--force", is_flag=True, help=force_help or f"Overwrite {metavar} if it exists."))
        decorated: Callable[..., Any] = command
        for option in reversed(options):
            decorated = option(decorated)
        return decorated

    return decorate


def emit(output: Output, result: object) -> Path | None:
    """Write ``result`` in ``output.format`` (see :func:`pmgraph.render.render`) to ``output.path``:
    standard output, or a file written atomically. Text, JSON, Markdown and Mermaid end with a
    line end (CSV and HTML are written as rendered); nothing is written for an empty result.
    Returns the file written, or None."""
    from ..render import render

    assert output.format is not None  # a command of one format renders it itself
    text = render(result, output.format)
    if text and output.format in _LINES and not text.endswith("\n"):
        text += "\n"
    if output.path == "-" and not text:
        return None
    return write_output(output.path, text, force=output.force)


#: The formats printed as lines of text: each ends with a line end.
_LINES = ("text", "json", "markdown", "mermaid")

#: How the command line says each remedy the library says in Python's terms, by the argument
#: it names (:attr:`PmGraphError.option`): with its flag.
_REMEDIES = {
    "sourced_only": "drop --sourced-only",
    "evidence:derived": "pass --evidence derived",
    "evidence:any": "pass --evidence any",
    "force": "pass --force",
    "function": "--function ",
    "update_endpoint": "--update-endpoint",
    "params": "--param ",
    "files": "with --data instead.",
}


def _message(error: PmGraphError) -> str:
    """The error as the command line says it: advice in terms of its own flags."""
    if error.option in _REMEDIES:
        return error.advise(_REMEDIES[error.option])
    return str(error)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True), metavar="[FILE]...")
@click.option("--no-bundled", is_flag=True, help="Validate only FILEs, without the bundled ontology.")
@output_options("text", "json")
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], no_bundled: bool, output: Output) -> None:
    """Check the bundled ontology, plus FILEs, against the shapes and graph rules.

    Each problem prints as one line: the role, what is wrong, how to fix it.
    Exit 0 when valid, 1 when not (or when a file is missing or malformed). A FILE '-' is
    Turtle from standard input. With --endpoint,
    checks the graph the store holds instead. Python: pmgraph.validate(pmgraph.load(files)), or
    pmgraph.validate(pmgraph.loading.remote.download(pmgraph.loading.remote.connect(url))).

    \b
    Examples:
      pmgraph validate
      pmgraph validate my-ladder.ttl
      pmgraph validate --no-bundled schema.ttl my-ontology.ttl
      pmgraph --endpoint http://127.0.0.1:7878/query validate
    """
    from ..audit.validation import validate as run_validation
    from ..loading.graph import load

    if ctx.obj["endpoint"]:
        from ..loading.remote import download

        if files or no_bundled:
            raise click.UsageError("with --endpoint, validate checks the store's graph; "
                                   "validate FILEs without --endpoint")
        graph = download(load_graph(ctx))
    else:
        if no_bundled and not files:
            raise click.UsageError("--no-bundled needs at least one FILE to validate.")
        files = from_stdin(ctx, files, ".ttl")
        graph = load([*ctx.obj["data"], *files], bundled=not no_bundled and ctx.obj["bundled"])
    report = run_validation(graph)
    emit(output, report)
    if output.format != "json":
        summary = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        click.echo(("valid: " if report.conforms else "invalid: ") + summary, err=True)
    if not report.conforms:
        ctx.exit(EXIT_INVALID)

def track_option_value(graph: GraphLike, track: str | None) -> str | None:
    """Check a --track value up front, so an unknown track is a usage error (exit 2)."""
    if track is None:
        return None
    from ..career.names import resolve_track

    found, suggestions = resolve_track(graph, track)
    if found is None:
        raise click.BadParameter(f"unknown track {track!r}.{did_you_mean(suggestions)}", param_hint="'--track'")
    return found


def main() -> None:
    """Console-script entry point."""
    # rdflib logs a traceback for every ill-typed literal; the validator reports them instead.
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    global _HELD
    _HELD = []
    try:
        cli(prog_name="pmgraph")
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise
        code = done.code or 0
    else:
        code = 0
    # Leave without freeing what the command built: a 1M-triple store takes 0.3-0.7 s to tear
    # down piece by piece, and the process is about to end anyway. Output is flushed first.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that went away (| head), a closed stream
        code = code or 1
    logging.shutdown()
    os._exit(code)


# The commands live beside this module, one file per family; importing them registers them.
from . import data, frameworks, queries, roles, views  # noqa: E402,F401
