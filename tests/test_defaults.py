"""Each default the library and the command line share is defined once (pmgraph.defaults), and
the command line shows the library's value."""

import inspect
import subprocess
import sys

import pytest

from pmgraph import defaults
from pmgraph.cli import cli
from pmgraph.loading import http, remote, synth
from pmgraph.sparql import sandbox
from pmgraph.sparql.endpoint import ANSWER_CACHE, DEFAULT_PORT, make_server


def _option(command, name):
    command = cli if command is None else cli.commands[command]
    return next(p for p in command.params if name in p.opts)


def _parameter(function, name):
    return inspect.signature(function).parameters[name].default


@pytest.mark.parametrize("command, option, library", [
    (None, "--timeout", http.TIMEOUT),
    ("publish", "--chunk-size", remote.CHUNK_SIZE),
    ("publish", "--chunk-size", _parameter(remote.publish, "chunk_size")),
    ("query", "--max-memory", sandbox.MAX_MEMORY),
    ("serve", "--max-memory", _parameter(make_server, "max_memory")),
    ("serve", "--port", DEFAULT_PORT),
    ("serve", "--answer-cache", ANSWER_CACHE),
    ("serve", "--answer-cache", _parameter(make_server, "answer_cache")),
    ("serve", "--host", _parameter(make_server, "host")),
    ("serve", "--timeout", _parameter(make_server, "timeout")),
    ("serve", "--max-results", _parameter(make_server, "max_results")),
    ("serve", "--connection-limit", _parameter(make_server, "connection_limit")),
    ("serve", "--channel-timeout", _parameter(make_server, "channel_timeout")),
    ("synth", "--seed", _parameter(synth.write_synthetic, "seed")),
])
def test_the_command_line_takes_the_library_default(command, option, library):
    param = _option(command, option)
    assert param.type_cast_value(None, param.default) == library or \
        param.callback(None, param, param.default) == library


def test_the_defaults_import_nothing():
    code = ("import sys, pmgraph; before = set(sys.modules); import pmgraph.defaults; "
            "print(sorted(set(sys.modules) - before))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['pmgraph.defaults']"


def test_the_library_constants_are_the_defaults():
    assert (http.TIMEOUT, http.CONNECT_TIMEOUT) == (defaults.REMOTE_TIMEOUT, defaults.REMOTE_CONNECT_TIMEOUT)
    assert remote.CHUNK_SIZE == defaults.PUBLISH_CHUNK_SIZE and sandbox.MAX_MEMORY == defaults.QUERY_MAX_MEMORY
