"""The endpoint's home page: YASGUI, bundled offline, set to the endpoint, with pmgraph's prefixes
and the saved queries.

CLI twin: ``pmgraph serve`` (the page at ``/``). :func:`home_page` writes the page,
:func:`saved_examples` turns the saved queries (``queries/*.rq``) into the texts it offers, and
:func:`asset` answers the page's own static files (``/static/yasgui/...``).

YASGUI (npm ``@triply/yasgui``, MIT) is vendored in ``static/yasgui/`` at the version in
:data:`YASGUI_VERSION`; its README there records the tarball's integrity and what in the bundle
would reach the network. The page turns all of that off and states it in a Content-Security-Policy
that lets the page connect to its own origin only:

- queries go to ``/sparql`` on the page's origin, as ``POST`` forms; a ``?token=`` in the page's
  address is sent along as ``Authorization: Bearer``;
- prefix completion offers :data:`pmgraph.vocab.PREFIXES` from the page (YASQE's own asks
  prefix.cc; its class and property completion, which asks LOV, is off);
- YASGUI neither reads settings from the page's address (``?endpoint=`` would point the page,
  and its token, elsewhere) nor keeps tabs and headers in ``localStorage``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..errors import QueryError
from ..vocab import PREFIXES
from .formats import compact
from .query import inline_values, sparql_tokens
from .saved import SavedQuery, bind_parameters, saved_queries

if TYPE_CHECKING:
    import rdflib

    from .query import Term

__all__ = ["home_page", "saved_examples", "example_text", "asset", "ASSETS", "YASGUI_VERSION", "START_QUERY"]

#: The vendored YASGUI release (``static/yasgui/README.md`` has its hashes).
YASGUI_VERSION = "4.2.28"

_STATIC = Path(__file__).resolve().parent / "static" / "yasgui"
_PREFIX = "/static/yasgui/"

#: The files :func:`asset` serves, by request path, with their media types: nothing else.
ASSETS: dict[str, str] = {
    _PREFIX + "yasgui.min.js": "text/javascript; charset=utf-8",
    _PREFIX + "yasgui.min.css": "text/css; charset=utf-8",
    _PREFIX + "LICENSE": "text/plain; charset=utf-8",
    _PREFIX + "yasgui.min.js.LICENSE.txt": "text/plain; charset=utf-8",
}

#: The query in the first tab (and in each new tab), before its PREFIX lines.
START_QUERY = """# Every role, most senior first. The saved queries are listed beside the editor.
SELECT ?role ?label ?level WHERE {
  ?role a pm:Role ; skos:prefLabel ?label ; pm:level ?level .
}
ORDER BY DESC(?level) ?label"""


def asset(path: str) -> tuple[str, bytes] | None:
    """The media type and bytes of the page's static file at request ``path``, or None.

    Only the vendored files in :data:`ASSETS`, by exact path: anything else (``..``, another
    name, a query string) is None.

    Examples
    --------
    >>> asset("/static/yasgui/yasgui.min.css")[0]
    'text/css; charset=utf-8'
    >>> asset("/static/yasgui/../page.py") is None
    True
    """
    media = ASSETS.get(path)
    if media is None:
        return None
    return media, _read(path[len(_PREFIX):])


@functools.cache
def _read(name: str) -> bytes:
    return (_STATIC / name).read_bytes()


# ----------------------------------------------------------------------------- the examples


def _used_prefixes(text: str) -> list[str]:
    """The prefixes of :data:`PREFIXES` that ``text`` uses (outside strings, IRIs and comments), in
    PREFIXES order, less those it declares itself."""
    used: set[str] = set()
    declared: set[str] = set()
    tokens = [m for m in sparql_tokens(text)]
    for i, match in enumerate(tokens):
        word = match.group()
        if match.lastgroup != "word":
            continue
        if word.upper() == "PREFIX" and i + 1 < len(tokens):
            declared.add(tokens[i + 1].group().split(":")[0])
        elif ":" in word:
            used.add(word.split(":")[0])
    return [p for p in PREFIXES if p in used and p not in declared]


def _term_text(term: Term) -> str:
    """A term as SPARQL, as people write it: prefixed names where possible, bare integers."""
    if isinstance(term, Literal) and term.datatype == XSD.integer and re.fullmatch(r"[+-]?\d+", str(term)):
        return str(term)
    if isinstance(term, URIRef):
        return compact(term)  # a prefixed name, or <iri>
    return term.n3()


def example_text(graph: rdflib.Graph, saved: SavedQuery) -> str:
    """The text the page offers for ``saved``: its header comments, the ``PREFIX`` lines it needs
    (so it runs on any SPARQL store) and its body, with each declared parameter bound to its
    default by a ``VALUES`` line opening the WHERE group, as ``pmgraph query NAME`` binds it.

    A default the graph cannot resolve (say, a role not in ``--data``) is bound as written.

    Examples
    --------
    >>> import pmgraph
    >>> from pmgraph.sparql import load_saved
    >>> print(example_text(pmgraph.load(), load_saved("reporting-chain")))  # doctest: +ELLIPSIS
    # description: The reporting chain of a role, from its manager up to the top of the company.
    # param: role (role) — the role to start from; default role:product-manager
    # DISTINCT: ...
    PREFIX pm: <https://w3id.org/pmgraph/ontology#>
    PREFIX role: <https://w3id.org/pmgraph/role/>
    SELECT DISTINCT ?manager ?level ?track WHERE {
      VALUES ?role { role:product-manager }  # the parameter's default: change it here
      ?role pm:reportsTo+ ?manager .
    ...
    """
    text = saved.text.rstrip() + "\n"
    if saved.parameters:
        try:
            bound = bind_parameters(graph, saved, {})
        except QueryError:  # unresolvable or missing defaults: bind what is written
            bound = bind_parameters(graph, None, {p.name: p.default for p in saved.parameters
                                                  if p.default is not None})
        if bound:
            text = _values_line(text, bound)
    return _with_prologue(text)


def _with_prologue(text: str) -> str:
    """``text`` with the ``PREFIX`` lines it needs after its leading comments."""
    lines = text.rstrip().splitlines(keepends=True)
    head = 0
    while head < len(lines) and (not lines[head].strip() or lines[head].lstrip().startswith("#")):
        head += 1
    prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in _used_prefixes(text))
    return "".join(lines[:head]) + prologue + "".join(lines[head:])


def _values_line(text: str, bound: dict[str, Term]) -> str:
    """``text`` with ``VALUES`` binding ``bound`` at the start of its top-level WHERE group, where
    :func:`pmgraph.sparql.query.inline_values` puts it, written as a line of its own."""
    names = " ".join(f"?{name}" for name in bound)
    values = " ".join(term.n3() for term in bound.values())
    inlined = inline_values(text, bound)
    inserted = f" VALUES ({names}) {{ ({values}) }} "
    position = inlined.find(inserted)
    assert position >= 0 and inlined == text[:position] + inserted + text[position:]
    shown = " ".join(_term_text(term) for term in bound.values())
    if len(bound) == 1:
        line = f"VALUES {names} {{ {shown} }}"
    else:
        line = f"VALUES ({names}) {{ ({shown}) }}"
    which = "the parameter's default: change it" if len(bound) == 1 else "the parameters' defaults: change them"
    return f"{text[:position]}\n  {line}  # {which} here{text[position:]}"


def saved_examples(graph: rdflib.Graph) -> list[tuple[str, str, str]]:
    """The saved queries as the page offers them: (name, description, :func:`example_text`),
    sorted by name.

    Examples
    --------
    >>> import pmgraph
    >>> [name for name, _title, _text in saved_examples(pmgraph.load())][:2]
    ['direct-reports', 'entry-roles']
    """
    return [(saved.name, saved.description, example_text(graph, saved)) for saved in saved_queries()]


# ----------------------------------------------------------------------------- the page

# Read by the script below; kept apart from it so the script, and its hash in the page's
# Content-Security-Policy, are the same on every page.
_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pmgraph-data").textContent);
  var token = new URLSearchParams(window.location.search).get("token");
  // out of the address bar (and so out of history, bookmarks and screenshots) once read
  if (token && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname);
  }
  var endpoint = window.location.origin + "/sparql";
  var headers = token ? {"Authorization": "Bearer " + token} : {};
  var completions = Object.keys(data.prefixes).map(function (p) { return p + ": <" + data.prefixes[p] + ">"; });
  // YASQE's own prefix completer downloads prefix.cc's list; this one offers pmgraph's prefixes.
  Yasgui.Yasqe.forkAutocompleter("prefixes", {name: "pmgraph-prefixes", get: completions, persistenceId: null}, false);
  // set, not merged: lodash's merge would keep the default list's other entries (LOV look-ups)
  Yasgui.defaults.yasqe.autocompleters = ["pmgraph-prefixes", "variables"];
  // YASR's table writes IRIs into its HTML unescaped (an IRI may hold "'"): escape them first.
  var Table = Yasgui.Yasr.plugins.table;
  var linkOf = Table && Table.prototype.getUriLinkFromBinding;
  if (linkOf) {
    Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
      var value = String(binding.value).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
      return linkOf.call(this, Object.assign({}, binding, {value: value}), prefixes);
    };
  }
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: endpoint, method: "POST", headers: headers},
    endpointCatalogueOptions: {getData: function () { return [{endpoint: endpoint}]; }},
    persistenceId: null,
    populateFromUrl: false,
    copyEndpointOnNewTab: true,
    autofocus: false,
    tabName: "Query",
    yasqe: {value: data.start},
    yasr: {prefixes: data.prefixes}
  });
  window.pmgraphYasgui = yasgui;

  function tabNamed(name) {
    var ids = yasgui.persistentConfig.getTabs();
    for (var i = 0; i < ids.length; i++) {
      var tab = yasgui.getTab(ids[i]);
      if (tab && tab.getName() === name) { return tab; }
    }
    return null;
  }

  function open(example) {
    var tab = tabNamed(example.name);
    if (tab) {
      yasgui.selectTabId(tab.getId());
    } else {
      tab = yasgui.addTab(true, {name: example.name, yasqe: {value: example.text}});
    }
    tab.query().catch(function () {});
  }

  var buttons = document.querySelectorAll("#examples button[data-example]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      open(data.examples[Number(button.getAttribute("data-example"))]);
    });
  });
})();
"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")

_CSP = ("default-src 'none'; "
        f"script-src 'self' 'sha256-{_SCRIPT_HASH}'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'")

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="__CSP__">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pmgraph SPARQL endpoint</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">
<style>
 body{font-family:system-ui,sans-serif;margin:0;color:#222}
 header{padding:0.6em 1.5em;border-bottom:1px solid #ddd}
 header h1{font-size:1.3em;margin:0.2em 0} header p{margin:0.2em 0;font-size:0.9em}
 #layout{display:flex;align-items:flex-start}
 #examples{flex:0 0 17em;max-height:calc(100vh - 9em);overflow-y:auto;padding:0.5em 0.8em;border-right:1px solid #ddd}
 #examples h2{font-size:1em;margin:0.3em 0} #examples ul{list-style:none;margin:0;padding:0}
 #examples li{margin:0 0 0.45em 0}
 #examples button{font:inherit;font-weight:600;background:none;border:none;padding:0;color:#1a5fb4;cursor:pointer;text-align:left}
 #examples button:hover{text-decoration:underline}
 #examples small{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden;color:#555}
 #yasgui{flex:1 1 auto;min-width:0;padding:0 0.5em}
 .yasqe .yasqe_buttons .yasqe_share,.yasr .yasr_btn.yasr_external_ref_btn{display:none}
 footer{padding:0.6em 1.5em;border-top:1px solid #ddd;font-size:0.8em;color:#444}
 noscript textarea{width:100%;height:12em;font-family:monospace}
</style></head>
<body>
<header><h1>pmgraph SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the pmgraph graph. Clients send queries to <code>/sparql</code>
(GET or POST); the prefixes __PREFIX_LIST__ are predeclared. Ctrl-Enter runs the query; the
table's download button saves CSV.</p></header>
<div id="layout">
<nav id="examples" aria-label="Saved queries"><h2>Saved queries</h2>
<ul>
__EXAMPLES__
</ul></nav>
<main id="yasgui">
<noscript><form method="get" action="/sparql"><textarea name="query">__START__</textarea>
<button type="submit">Run</button></form></noscript>
</main>
</div>
<footer><p>__CREDIT__</p>
<p>Query editor: <a href="/static/yasgui/LICENSE">YASGUI __VERSION__</a> by Triply (MIT licence;
bundled libraries: <a href="/static/yasgui/yasgui.min.js.LICENSE.txt">their notices</a>),
served from this server: the page makes no request elsewhere.</p></footer>
<script type="application/json" id="pmgraph-data">__DATA__</script>
<script src="/static/yasgui/yasgui.min.js"></script>
<script>__SCRIPT__</script>
</body></html>
"""  # noqa: E501 (the page's stylesheet: one rule a line)


def _json_in_html(value: object) -> str:
    """JSON that cannot end its ``<script>`` element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def home_page(credit: str, queries: list[tuple[str, str, str]] | None = None) -> bytes:
    """The endpoint's home page: YASGUI set to this server's ``/sparql``, ``queries``
    ((name, description, text), e.g. :func:`saved_examples`) listed beside it, each opening in
    a tab of its own and running, and ``credit`` (plain text: the data's attribution) in the
    footer. Same arguments, same bytes.

    The page loads only :data:`ASSETS` (same origin) and makes no other request.

    Examples
    --------
    >>> page = home_page("Data: example.", [("top-roles", "The top.", "SELECT * {}")])
    >>> b"Data: example." in page and b"top-roles" in page
    True
    """
    examples = list(queries or [])
    items = "\n".join(
        f'<li><button type="button" data-example="{i}" title="{html.escape(title)}">{html.escape(name)}</button>'
        f"<small>{html.escape(title)}</small></li>"
        for i, (name, title, _text) in enumerate(examples)
    )
    data = {
        "start": _with_prologue(START_QUERY),
        "prefixes": PREFIXES,
        "examples": [{"name": name, "title": title, "text": text} for name, title, text in examples],
    }
    prefix_list = ", ".join(f"{p}:" for p in PREFIXES)
    page = (_PAGE.replace("__CSP__", _CSP)  # no quote, '<' or '&' in it: as it is in the attribute
            .replace("__PREFIX_LIST__", html.escape(prefix_list))
            .replace("__VERSION__", YASGUI_VERSION)
            .replace("__START__", html.escape(_with_prologue(START_QUERY)))
            .replace("__SCRIPT__", _SCRIPT))
    # the parts that vary last, so that nothing in them is read as a placeholder
    head, rest = page.split("__EXAMPLES__")
    rest_head, rest_tail = rest.split("__CREDIT__")
    rest_tail_head, rest_tail_tail = rest_tail.split("__DATA__")
    return (head + items + rest_head + html.escape(credit) + rest_tail_head + _json_in_html(data)
            + rest_tail_tail).encode("utf-8")
