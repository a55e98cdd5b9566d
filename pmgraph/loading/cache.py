"""A persistent cache of loaded graphs, so a second run on the same files re-parses nothing.

CLI twin: every command, unless ``--no-cache``; the cache lives in ``$PMGRAPH_CACHE_DIR``, else
``$XDG_CACHE_HOME/pmgraph``, else ``~/.cache/pmgraph``.

An entry is keyed by the content of the files loaded (bundled ontology and the user's files, in
order) and by pmgraph's version; change either and a new entry is built. An entry holds two
artefacts, each built when first needed:

``career/``
    the networkx projection (:class:`~pmgraph.career.model.CareerGraph`) as compact JSON parts,
    for paths, deltas and role listings, read and written by :mod:`pmgraph.career.cache`.
    Reading it needs neither rdflib nor Oxigraph.
``store/``
    an on-disk Oxigraph store holding the triples, opened read-only, for SPARQL.

Safety: an artefact is written into a private temporary directory and renamed into place in one
step, so a reader sees a whole artefact or none, and two processes building the same entry at
once both succeed (the second rename loses and its copy is dropped). Every projection part carries
a SHA-256 of its bytes and every store file its size and CRC-32, checked before the part or the
store is read; one that fails its check, or a store that will not open, is moved aside and
rebuilt. The files an entry was built from are hashed in full on every run, so any change to
their content, whatever their size and modification time, finds another entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..resources import ontology_files

if TYPE_CHECKING:
    import rdflib

__all__ = ["cached_graph", "cache_key", "clear", "info", "CacheInfo", "entry", "staging", "publish_dir", "discard"]

#: Bump when the layout or the parts' format changes.
FORMAT = 11


def _version() -> str:
    from .. import __version__

    return __version__


def _file_hash(path: Path, cache_dir: Path) -> str:
    """The SHA-256 of ``path``'s content, read in full every time: an edit that keeps the size and
    the modification time is still seen (hashing 35 MB takes ~50 ms; a stat shortcut answered from
    the old file). ``cache_dir`` is unused, kept for the callers' signature."""
    del cache_dir
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _paths(files: Iterable[str | PathLike[str]], bundled: bool) -> list[Path]:
    return [*(ontology_files() if bundled else []), *(Path(f) for f in files)]


def cache_key(files: Iterable[str | PathLike[str]] = (), *, bundled: bool = True,
              cache_dir: str | PathLike[str]) -> str:
    """The entry key for loading ``files`` (after the bundled ontology when ``bundled``).

    A missing file raises :class:`~pmgraph.errors.InvalidDataError`, as loading it would.
    """
    from ..errors import InvalidDataError

    cache_dir = Path(cache_dir)
    digest = hashlib.sha256(f"pmgraph {_version()} cache format {FORMAT}\n".encode())
    for path in _paths(files, bundled):
        try:
            digest.update(f"{_file_hash(path, cache_dir)} {path.suffix.lower()}\n".encode())
        except FileNotFoundError:
            raise InvalidDataError("no such file; check the path", file=str(path)) from None
        except IsADirectoryError:
            raise InvalidDataError("is a directory, not an RDF file", file=str(path)) from None
    return digest.hexdigest()


def publish_dir(built: Path, final: Path) -> None:
    """Rename a finished artefact into place; if another process got there first, keep theirs."""
    final.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(built, final)
    except OSError:
        if not final.exists():
            raise
        shutil.rmtree(built, ignore_errors=True)


def discard(path: Path) -> None:
    """Move a broken artefact out of the way (renaming is atomic; deleting is not)."""
    trash = path.parent / f".broken-{path.name}-{uuid.uuid4().hex}"
    try:
        os.rename(path, trash)
    except OSError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def staging(cache_dir: Path) -> Path:
    (cache_dir / "tmp").mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=cache_dir / "tmp"))


def entry(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"v{FORMAT}" / key


# --------------------------------------------------------------------------- store


#: Files of an on-disk store that are not its data: RocksDB's own log of what it did, its lock.
_NOT_DATA = re.compile(r"LOG(\.old\..*)?|LOCK")


def _store_files(location: Path) -> dict[str, list[int]]:
    """Each data file of the store at ``location``: name -> [size, CRC-32 of its bytes].

    What :func:`_open_store` checks before RocksDB reads a byte: RocksDB checks its blocks only
    when it reads them (a flipped byte was a ``Corruption`` error in the middle of a later query,
    or a 12 GB allocation that aborted the process). CRC-32 finds any damage of up to 32 bits
    and runs at ~2.7 GB/s here (SHA-256: ~1.4 GB/s); the cache is the user's own folder, so
    damage, not tampering, is what it guards against.
    """
    import zlib

    files: dict[str, list[int]] = {}
    for path in sorted(location.iterdir()):
        if _NOT_DATA.fullmatch(path.name) or not path.is_file():
            continue
        crc = 0
        size = 0
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                crc = zlib.crc32(block, crc)
                size += len(block)
        files[path.name] = [size, crc]
    return files


def _open_store(directory: Path) -> rdflib.Graph:
    import pyoxigraph as ox

    from .engines import wrap_store

    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    if _store_files(directory / "store") != manifest["files"]:
        raise ValueError("store files fail their checksums")
    store = ox.Store.read_only(str(directory / "store"))
    # A store whose files were cut short may still open; its triple count tells.
    # The cast: a SELECT answers with solutions, though query() is typed with every form's answer.
    count = int(next(iter(cast("ox.QuerySolutions",
                               store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))))[0].value)
    if count != manifest["triples"]:
        raise ValueError(f"store holds {count} triples, not {manifest['triples']}")
    return wrap_store(store)


def _build_store(location: Path, paths: list[Path], files: list[str | PathLike[str]], bundled: bool) -> int:
    """Parse each file once, in Rust, straight into a new on-disk store; return its triple count."""
    import pyoxigraph as ox

    from ..errors import InvalidDataError
    from ..resources import framework_graph
    from .conflicts import store_may_conflict
    from .formats import load_file
    from .graph import load
    from .store import add_named_graphs

    store = ox.Store(str(location))
    try:
        failure = None
        for path in paths:
            try:
                load_file(store, path, bulk=True)
                named = framework_graph(path)
                if named is not None:  # a bundled framework is also its own named graph (see load_store)
                    load_file(store, path, bulk=True, graph=named)
            except InvalidDataError as error:
                failure = error
                break
        if failure is not None:
            # Raised afresh, out here: the tracebacks it carried (its own and its context's) hold
            # load_file's frame, and so the open store, past the clean-up of its directory.
            failure.__context__ = failure.__cause__ = failure.__traceback__ = None
            raise failure
        if files and store_may_conflict(store):
            load(files, bundled=bundled)  # names the conflicting files, or finds it is no merge conflict
        add_named_graphs(store, frameworks=bundled, bulk=True)
        # Cast as in _open_store. The answer stays a temporary: a local would hold the store past `del store`.
        count = int(next(iter(cast("ox.QuerySolutions",
                                   store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))))[0].value)
        store.flush()
        return count
    finally:
        # Close it now (RocksDB allows one writer; readers come next), not when a traceback lets go.
        del store


def cached_graph(files: Iterable[str | PathLike[str]] = (), *, bundled: bool = True,
                 cache_dir: str | PathLike[str]) -> rdflib.Graph:
    """A read-only rdflib Graph of the bundled ontology plus ``files``, over a cached on-disk store.

    CLI twin: what ``pmgraph query`` and the other graph commands work on. The first call loads
    and checks the files as :func:`pmgraph.load` does, then writes the store.

    Examples
    --------
    >>> import tempfile
    >>> cache = tempfile.mkdtemp()
    >>> graph = cached_graph(cache_dir=cache)
    >>> len(cached_graph(cache_dir=cache)) == len(graph)
    True
    """
    files = list(files)
    cache_dir = Path(cache_dir)
    directory = entry(cache_dir, cache_key(files, bundled=bundled, cache_dir=cache_dir)) / "graph"
    if directory.exists():
        try:
            return _open_store(directory)
        except (OSError, ValueError, KeyError, TypeError, StopIteration, RuntimeError):  # RocksDB: RuntimeError
            discard(directory)
    built = staging(cache_dir)
    try:
        count = _build_store(built / "store", _paths(files, bundled), files, bundled)
        manifest = {"triples": count, "files": _store_files(built / "store")}
        (built / "manifest.json").write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
        publish_dir(built, directory)
    finally:
        shutil.rmtree(built, ignore_errors=True)
    return _open_store(directory)


#: What pmgraph itself keeps in a cache directory: entries by format (v1, v2, ...), staging
#: folders, the old hash memos, and artefacts moved aside as broken.
_OWN = re.compile(r"v\d+|tmp|hashes|\.broken-.*")


def clear(cache_dir: str | PathLike[str]) -> None:
    """Delete every cache entry under ``cache_dir`` — only what pmgraph put there, so a mistaken
    ``--cache-dir`` (a home folder, a project) loses nothing else.

    CLI twin: ``pmgraph cache clear``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "v6").mkdir(); (folder / "notes.txt").write_text("mine", encoding="utf-8")
    4
    >>> clear(folder); sorted(p.name for p in folder.iterdir())
    ['notes.txt']
    """
    root = Path(cache_dir)
    if not root.is_dir():
        return
    for child in root.iterdir():
        if _OWN.fullmatch(child.name) and child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)


@dataclass(frozen=True)
class CacheInfo:
    """Where the cache is, how many entries it holds (graphs and projections) and their size."""

    path: str
    entries: int
    bytes: int

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "entries": self.entries, "bytes": self.bytes}


def info(cache_dir: str | PathLike[str]) -> CacheInfo:
    """What ``cache_dir`` holds (nothing if it does not exist).

    CLI twin: ``pmgraph cache info``.

    Examples
    --------
    >>> import tempfile
    >>> info(tempfile.mkdtemp()).entries
    0
    """
    root = Path(cache_dir)
    own = [c for c in root.iterdir() if _OWN.fullmatch(c.name) and c.is_dir()] if root.is_dir() else []
    entries = [e for c in own if c.name.startswith("v") for e in c.iterdir() if e.is_dir()]
    size = sum(f.stat().st_size for c in own for f in c.rglob("*") if f.is_file() and not f.is_symlink())
    return CacheInfo(str(root), len(entries), size)
