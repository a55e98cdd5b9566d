"""The persistent cache: no re-parsing on a second run, keyed by content and version, safe under
concurrent runs, and rebuilt when corrupted or truncated."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import pmgraph
from pmgraph import shortest_path  # the curated API: names, resolved
from pmgraph.career import cache as career_cache
from pmgraph.cli import cli
from pmgraph.loading import cache
from pmgraph.sparql import run_saved

from .conftest import LADDER, ROOT


def _no_parsing(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("parsed a file on a cached run")

    monkeypatch.setattr("pmgraph.loading.engines.parse_into", refuse)
    monkeypatch.setattr("pmgraph.loading.graph.load", refuse)
    monkeypatch.setattr("pmgraph.loading.engines.load_file", refuse)
    monkeypatch.setattr("pmgraph.loading.formats.load_file", refuse)
    monkeypatch.setattr("pmgraph.loading.store.load_store", refuse)


def test_second_run_reparses_nothing(tmp_path, monkeypatch):
    first = career_cache.cached_career([LADDER], cache_dir=tmp_path)
    graph = cache.cached_graph([LADDER], cache_dir=tmp_path)
    _no_parsing(monkeypatch)
    again = career_cache.cached_career([LADDER], cache_dir=tmp_path)
    assert again.to_dict() == first.to_dict()
    assert shortest_path(again, "fixture pm", "fcpo", by="years").labels == \
        shortest_path(first, "fixture pm", "fcpo", by="years").labels
    reopened = cache.cached_graph([LADDER], cache_dir=tmp_path)
    assert len(reopened) == len(graph)
    assert run_saved(reopened, "top-roles").rows == run_saved(graph, "top-roles").rows


def test_cached_projection_equals_a_fresh_one(tmp_path):
    from pmgraph.career.projection import project

    career_cache.cached_career(cache_dir=tmp_path)
    cached = career_cache.cached_career(cache_dir=tmp_path).to_dict()
    assert cached == project(pmgraph.load()).to_dict()
    # the grades of evidence travel with it: every move's, and the requirements', reporting lines', duties'
    assert all(d["evidence"]["grade"] in ("stated", "derived", "editorial") for _u, _v, d in cached["edges"])
    assert cached["requirement_evidence"] and cached["reporting_evidence"] and cached["responsibility_evidence"]


def test_key_follows_content_and_version(tmp_path, monkeypatch):
    data = tmp_path / "extra.ttl"
    data.write_text(LADDER.read_text(encoding="utf-8"), encoding="utf-8")
    key = cache.cache_key([data], cache_dir=tmp_path)
    assert cache.cache_key([data], cache_dir=tmp_path) == key
    os.utime(data, ns=(1, 1))  # touching alone changes nothing
    assert cache.cache_key([data], cache_dir=tmp_path) == key
    data.write_text(data.read_text(encoding="utf-8").replace("Fixture PM", "Fixture Product Manager"), encoding="utf-8")
    changed = cache.cache_key([data], cache_dir=tmp_path)
    assert changed != key
    cached = career_cache.cached_career([data], cache_dir=tmp_path)
    assert "Fixture Product Manager" in {r.label for r in cached.roles.values()}
    monkeypatch.setattr(cache, "_version", lambda: "9.9.9")
    assert cache.cache_key([data], cache_dir=tmp_path) != changed


def test_an_edit_keeping_size_and_mtime_is_seen(tmp_path):
    """The key hashes every input's content on every run: a same-size, same-mtime edit (which a
    stat shortcut would miss) gives a new key and the new answers."""
    import os

    data = tmp_path / "ladder.ttl"
    text = LADDER.read_text(encoding="utf-8")
    data.write_text(text, encoding="utf-8")
    stat = data.stat()
    key = cache.cache_key([data], bundled=False, cache_dir=tmp_path)
    assert "Fixture PM" in {r.label for r in career_cache.cached_career([data], cache_dir=tmp_path).roles.values()}
    edited = text.replace("Fixture PM", "Fixture QM")
    assert len(edited.encode()) == len(text.encode())
    data.write_text(edited, encoding="utf-8")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (data.stat().st_size, data.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    assert cache.cache_key([data], bundled=False, cache_dir=tmp_path) != key
    labels = {r.label for r in career_cache.cached_career([data], cache_dir=tmp_path).roles.values()}
    assert "Fixture QM" in labels and "Fixture PM" not in labels


def test_cache_info_and_clear(tmp_path):
    from click.testing import CliRunner

    from pmgraph.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["--cache-dir", str(tmp_path), "path", "pm", "cpo"]).exit_code == 0
    found = cache.info(tmp_path)
    assert found.entries >= 1 and found.bytes > 0
    shown = runner.invoke(cli, ["--cache-dir", str(tmp_path), "cache", "info", "--format", "json"])
    assert shown.exit_code == 0 and '"entries": ' in shown.stdout
    cleared = runner.invoke(cli, ["--cache-dir", str(tmp_path), "cache", "clear"])
    assert cleared.exit_code == 0 and "cleared" in cleared.stderr
    assert cache.info(tmp_path).entries == 0


def test_cache_clear_deletes_only_what_pmgraph_put_there(tmp_path):
    """A mistaken --cache-dir (a home folder) loses nothing but pmgraph's own entries."""
    from click.testing import CliRunner

    from pmgraph.cli import cli

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "v1").mkdir()  # a folder of that name below is not pmgraph's
    assert CliRunner().invoke(cli, ["--cache-dir", str(tmp_path), "path", "pm", "cpo"]).exit_code == 0
    assert CliRunner().invoke(cli, ["--cache-dir", str(tmp_path), "cache", "clear"]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "project"]
    assert (tmp_path / "project" / "v1").is_dir()


def _entry(tmp_path, files=()):
    return tmp_path / f"v{cache.FORMAT}" / cache.cache_key(files, cache_dir=tmp_path)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete", "bad-manifest"])
def test_corrupted_projection_is_detected_and_rebuilt(tmp_path, damage):
    good = career_cache.cached_career(cache_dir=tmp_path).to_dict()
    part = _entry(tmp_path) / "career" / "core.json"
    if damage == "truncate":
        part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    elif damage == "garbage":
        data = bytearray(part.read_bytes())
        data[100:110] = b"0123456789"
        part.write_bytes(bytes(data))
    elif damage == "delete":
        part.unlink()
    else:
        (part.parent / "manifest.json").write_text("{", encoding="utf-8")
    assert career_cache.cached_career(cache_dir=tmp_path).to_dict() == good
    manifest = json.loads((part.parent / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    assert hashlib.sha256(part.read_bytes()).hexdigest() == manifest["core"]  # rewritten whole


@pytest.mark.parametrize("damage", ["truncate-tables", "delete-store", "wrong-count"])
def test_corrupted_store_is_detected_and_rebuilt(tmp_path, damage):
    expected = len(cache.cached_graph(cache_dir=tmp_path))
    directory = _entry(tmp_path) / "graph"
    store = directory / "store"
    if damage == "truncate-tables":
        for path in store.iterdir():
            if path.is_file() and path.stat().st_size > 0:
                path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    elif damage == "delete-store":
        import shutil

        shutil.rmtree(store)
    else:
        (directory / "manifest.json").write_text(json.dumps({"triples": expected + 1}), encoding="utf-8")
    graph = cache.cached_graph(cache_dir=tmp_path)
    assert len(graph) == expected
    assert run_saved(graph, "top-roles").rows


def test_concurrent_runs_neither_fail_nor_corrupt(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    commands = [
        ["path", "pm", "cpo", "--format", "json"],
        ["query", "top-roles", "--format", "csv"],
    ]
    for round_ in range(3):
        cache_dir = tmp_path / f"cache-{round_}"
        runs = [
            subprocess.Popen([sys.executable, "-m", "pmgraph", "--cache-dir", str(cache_dir), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
            for args in commands for _ in range(2)  # two of each at once
        ]
        outputs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0] * len(runs), [err.decode() for _out, err in outputs]
        assert outputs[0][0] == outputs[1][0] and outputs[2][0] == outputs[3][0]
        assert not list((cache_dir / "tmp").iterdir())  # no half-built artefact left behind
        # The entry they left is whole: a later run reads it without rebuilding.
        again = subprocess.run([sys.executable, "-m", "pmgraph", "--cache-dir", str(cache_dir), *commands[0]],
                               capture_output=True, env=env, cwd=tmp_path)
        assert again.returncode == 0 and again.stdout == outputs[0][0]


def test_cli_no_cache_writes_nothing_and_agrees(tmp_path):
    runner = CliRunner()
    cached = runner.invoke(cli, ["--cache-dir", str(tmp_path / "c"), "path", "pm", "cpo"])
    fresh = runner.invoke(cli, ["--cache-dir", str(tmp_path / "n"), "--no-cache", "path", "pm", "cpo"])
    assert cached.exit_code == fresh.exit_code == 0
    assert cached.stdout == fresh.stdout
    assert (tmp_path / "c").exists() and not (tmp_path / "n").exists()


def test_cli_first_run_fills_the_cache_and_the_second_parses_nothing(tmp_path, monkeypatch):
    runner = CliRunner()
    args = ["--cache-dir", str(tmp_path / "c"), "--data", str(LADDER), "path", "fixture pm", "fcpo", "--by", "years"]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert career_cache.read_career([LADDER], cache_dir=tmp_path / "c") is not None  # saved once it had answered
    _no_parsing(monkeypatch)
    again = runner.invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert again.stdout == first.stdout
    delta = runner.invoke(cli, [*args[:4], "delta", "fixture pm", "fcpo"])  # requirements, from the cache
    assert delta.exit_code == 0 and "skill effort" in delta.stdout


def test_cli_unwritable_cache_falls_back_with_a_warning(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--cache-dir", str(blocker / "cache"), "path", "pm", "cpo"])
    assert result.exit_code == 0, result.output
    assert "warning: cache unusable" in result.stderr
    assert "Chief Product Officer" in result.stdout


def test_cli_bad_data_file_is_one_line_through_the_cache(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b \"open .\n", encoding="utf-8")
    for command in (["path", "pm", "cpo"], ["query", "top-roles"]):
        result = CliRunner().invoke(cli, ["--cache-dir", str(tmp_path / "c"), "--data", str(bad), *command])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {bad}:2: Turtle syntax error")
        assert len(result.stderr.strip().splitlines()) == 1
    assert not list((tmp_path / "c" / "tmp").iterdir())


#: Seeded byte flips after the one-per-kind ones, anywhere in the entry (most land in the store's tables).
EXTRA_FLIPS = 6


@pytest.mark.slow
def test_random_byte_flips_in_every_cached_file_give_the_right_answer(tmp_path):
    """Each flip damages one byte of one file of the entry (store, projection parts, manifests):
    the next commands answer exactly as before (the damaged artefact is detected and rebuilt).

    One flip per file kind (each projection part and each manifest counts as a kind of its own,
    as each has its own reader), then a few seeded flips anywhere: the kinds are what a flip can
    break differently, so sampling by kind covers what 200 random flips did, at a tenth of the cost."""
    import random

    runner = CliRunner()
    commands = [
        # one query over two indexes (by subject, by predicate and object), so flips anywhere are read
        ["query", "-e", "SELECT ?r ?l ?boss WHERE { ?r pm:level ?l OPTIONAL { ?r pm:reportsTo ?boss } "
         "FILTER EXISTS { ?x pm:reportsTo ?r } } ORDER BY ?r ?boss", "--format", "csv"],
        ["path", "pm", "cpo", "--format", "json"],
        ["delta", "pm", "head of product", "--format", "json"],
    ]

    def answers():
        results = [runner.invoke(cli, ["--cache-dir", str(tmp_path), *c]) for c in commands]
        for result in results:
            assert result.exit_code == 0, result.output
        return [r.stdout for r in results]

    expected = answers()  # fills the cache (store and projection)
    assert expected == answers()
    root = tmp_path / f"v{cache.FORMAT}"
    rng = random.Random(15)
    flipped = set()

    def kind(path: Path) -> str:
        name = path.name
        if name.endswith(".json"):
            return f"{path.parent.name}/{name}"  # career/core.json, graph/manifest.json...
        return name.rsplit(".", 1)[-1] if "." in name else name.split("-")[0]

    def damageable():
        return sorted(p for p in root.rglob("*") if p.is_file() and p.stat().st_size
                      and not p.name.startswith("LOG"))

    # Which files the store has depends on when it compacted: the kinds are read off the entry.
    kinds = sorted({kind(p) for p in damageable()})
    required = {"sst", "MANIFEST", "OPTIONS", "CURRENT", "career/core.json", "career/manifest.json",
                "graph/manifest.json"}
    assert required <= set(kinds), kinds
    for number in range(len(kinds) + EXTRA_FLIPS):
        wanted = kinds[number] if number < len(kinds) else None
        files = damageable()
        if wanted and not any(kind(p) == wanted for p in files):
            # a rebuild can leave a part to the next run (the projection is saved once it answered)
            assert answers() == expected
            files = damageable()
        of_kind = [p for p in files if kind(p) == wanted]
        target = rng.choice(of_kind or files)
        data = bytearray(target.read_bytes())
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        target.write_bytes(bytes(data))
        flipped.add(kind(target))
        assert answers() == expected, target
    assert set(kinds) <= flipped, flipped  # every kind, the required ones among them
