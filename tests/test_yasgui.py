"""``pmgraph serve``'s home page: YASGUI, vendored, offline, set to the endpoint, with pmgraph's
prefixes and the saved queries (pmgraph.sparql.page).

The page tests run a real ``pmgraph serve`` and a real headless Chromium: skipped on a developer
machine without chromium, chromium-driver and selenium, failed in CI (CI=true).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import rdflib.compare

from pmgraph.sparql import compact, load_saved, run_query, run_saved, saved_queries
from pmgraph.sparql.page import ASSETS, YASGUI_VERSION, asset, example_text, home_page, saved_examples
from pmgraph.vocab import REFERENCE_CREDIT
from tests import browser
from tests.conftest import ROOT, require_or_skip, serving

STATIC = ROOT / "pmgraph" / "sparql" / "static" / "yasgui"
TOKEN = "page-test-token-4711"

# ----------------------------------------------------------------------------- the files


def test_vendored_files_are_the_pinned_release_with_its_licence():
    readme = (STATIC / "README.md").read_text(encoding="utf-8")
    assert f"`@triply/yasgui`](https://www.npmjs.com/package/@triply/yasgui) {YASGUI_VERSION}" in readme
    for name in ("yasgui.min.js", "yasgui.min.css", "yasgui.min.js.LICENSE.txt", "LICENSE"):
        digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()
        assert f"| `{name}`" in readme and digest in readme, f"{name}: sha256 {digest} is not the one recorded"
    licence = (STATIC / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("The MIT License (MIT)") and "Permission is hereby granted" in licence


@pytest.mark.parametrize("path", sorted(ASSETS))
def test_asset_serves_each_vendored_file(path):
    media, body = asset(path)
    assert body == (STATIC / path.rsplit("/", 1)[1]).read_bytes()
    kind = {".js": "text/javascript", ".css": "text/css"}.get(Path(path).suffix, "text/plain")
    assert media == kind + "; charset=utf-8"


@pytest.mark.parametrize("path", [
    "/static/yasgui/../page.py", "/static/yasgui/../../page.py", "/static/yasgui/%2e%2e/page.py",
    "/static/yasgui/..%2Fpage.py", "/static/yasgui/", "/static/yasgui", "/static/", "/",
    "/static/yasgui/README.md", "/static/yasgui/yasgui.min.js.map", "/static/yasgui/yasgui.js",
    "/static/yasgui//yasgui.min.js", "//static/yasgui/yasgui.min.js", "static/yasgui/yasgui.min.js",
    "/static/YASGUI/yasgui.min.js", "/static/yasgui/yasgui.min.js/", "/static/yasgui/yasgui.min.js?v=1",
    "/static/yasgui/yasgui.min.js\x00", "/static/yasgui/./yasgui.min.js", "/static/yasgui/yasgui.min.js%00",
    "/sparql", "/static/yasgui/" + "a" * 5000,
])
def test_asset_refuses_anything_but_the_fixed_names(path):
    assert asset(path) is None


# ----------------------------------------------------------------------------- the page bytes


@pytest.fixture(scope="module")
def examples(bundled):
    return saved_examples(bundled)


def test_page_is_deterministic_small_and_names_no_other_host(bundled, examples):
    page = home_page("Data: somebody's ladder.", examples)
    assert page == home_page("Data: somebody's ladder.", saved_examples(bundled))
    assert len(page) < 64_000, f"{len(page):,} bytes"  # the 1 MB of YASGUI is a cached static file
    text = page.decode("utf-8")
    links = re.findall(r"""\b(?:src|href|action)\s*=\s*["']([^"']*)["']""", text)
    assert links and all(link.startswith("/") and not link.startswith("//") or link == "data:,"
                         for link in links), links
    assert "/static/yasgui/yasgui.min.js" in links and "/static/yasgui/LICENSE" in links
    assert "url(" not in text and "@import" not in text
    assert "somebody&#x27;s ladder" in text and f"YASGUI {YASGUI_VERSION}" in text and "MIT" in text


def test_page_escapes_credit_and_query_texts():
    hostile = [("x</script><script>alert(1)</script>", "<b>title</b>", "SELECT * { } # </script><!--")]
    text = home_page("Data: <img src=x onerror=alert(1)>", hostile).decode("utf-8")
    assert "<img src=x" not in text and "<b>title</b>" not in text
    assert text.count("</script>") == 3  # the data block, YASGUI, the page's script
    data = re.search(r'<script type="application/json" id="pmgraph-data">(.*?)</script>', text, re.S).group(1)
    assert json.loads(data)["examples"][0]["text"] == hostile[0][2]


def test_page_script_is_the_one_its_content_security_policy_allows(examples):
    import base64

    text = home_page("Data.", examples).decode("utf-8")
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1))
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert f"'sha256-{digest}'" in policy
    assert "connect-src 'self'" in policy and "default-src 'none'" in policy and "unsafe-eval" not in policy


def test_every_saved_query_offered_answers_as_pmgraph_query_does(bundled, examples):
    """The page's text (PREFIX lines, defaults as VALUES) means what ``pmgraph query NAME`` means."""
    assert [name for name, _title, _text in examples] == [saved.name for saved in saved_queries()]
    for name, title, text in examples:
        assert title == load_saved(name).description and title
        assert text.startswith("# description:")
        shown, saved = run_query(bundled, text), run_saved(bundled, name)
        if saved.kind == "graph":
            assert shown.graph is not None and saved.graph is not None and len(saved.graph) > 0
            assert rdflib.compare.isomorphic(shown.graph, saved.graph), name
        else:
            assert (shown.variables, shown.rows, shown.boolean) == (saved.variables, saved.rows, saved.boolean), name
        if load_saved(name).parameters:
            assert re.search(r"^  VALUES .*# the parameters?'s? defaults?: change (it|them) here$", text, re.M), name


def test_an_unresolvable_default_is_bound_as_written(ladder):
    # the fixture ladder has no role:product-manager: the page still offers the query, bound as written
    text = example_text(ladder, load_saved("reporting-chain"))
    assert "VALUES ?role { role:product-manager }" in text
    assert run_query(ladder, text).rows == ()


# ----------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    missing = browser.missing()
    require_or_skip(missing is None, missing or "")
    driver = browser.start(tmp_path_factory.mktemp("chromium-yasgui"), width=1400, height=950)
    driver.get("about:blank")  # leave the start-up page, whose chrome:// loads would muddle the log
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server():
    with serving("--timeout", "10") as (base, _process):
        yield base


@pytest.fixture(scope="module")
def token_server():
    with serving("--token", TOKEN) as (base, _process):
        yield base


def wait_until(driver, script: str, *args, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script, *args)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        time.sleep(0.1)


def open_home(driver, url: str) -> None:
    driver.get("about:blank")
    driver.get_log("browser")
    browser.requested_urls(driver)  # drain
    driver.get(url)
    wait_until(driver, "return window.pmgraphYasgui && document.querySelector('.tabPanel.active .yasqe')")


_TABLE = """
var table = document.querySelector('.tabPanel.active .yasr table.dataTable');
if (!table || !table.querySelector('tbody td')) return null;
var info = document.querySelector('.tabPanel.active .yasr .dataTables_info');
return {
  name: window.pmgraphYasgui.getTab().getName(),
  head: Array.from(table.querySelectorAll('thead th')).map(function (c) { return c.textContent.trim(); }),
  rows: Array.from(table.querySelectorAll('tbody tr')).map(function (r) {
    return Array.from(r.children).map(function (c) { return c.textContent.trim(); });
  }),
  info: info ? info.textContent : ''
};
"""


def read_table(driver, name: str) -> dict:
    return wait_until(driver, "var t = (function () {" + _TABLE + "})(); return t && t.name === arguments[0] && t;",
                      name)


def run_example(driver, name: str) -> dict:
    driver.execute_script(
        "var name = arguments[0];"
        "Array.from(document.querySelectorAll('#examples button')).filter(function (b) {"
        "  return b.textContent === name; })[0].click();", name)
    return read_table(driver, name)


def cell_value(text: str) -> str:
    """A YASR cell as pmgraph writes the term: '"8"^^xsd:integer' and '"x"@en' -> their value."""
    match = re.fullmatch(r'"(.*)"(?:\^\^\S+|@\S+)', text, re.S)
    return match.group(1) if match else text


def expected_rows(graph, name: str) -> list[list[str]]:
    result = run_saved(graph, name)
    return [[compact(term) for term in row] for row in result.rows]


def outside(base: str, urls: list[str]) -> list[str]:
    return [url for url in urls if not url.startswith(base + "/") and not url.startswith("data:")]


@pytest.mark.parametrize("name", ["roles-by-track-and-level", "reporting-chain", "top-roles"])
def test_a_saved_query_runs_from_the_page_offline(chromium, server, bundled, name):
    open_home(chromium, server + "/")
    table = run_example(chromium, name)
    result = run_saved(bundled, name)
    assert table["head"] == ["", *result.variables]
    assert [[cell_value(cell) for cell in row[1:]] for row in table["rows"]] == expected_rows(bundled, name)
    assert table["info"].startswith(f"Showing 1 to {len(result.rows)} of {len(result.rows)} entries")
    assert any(cell.startswith("role:") for row in table["rows"] for cell in row), "prefixes compact the IRIs"
    urls = browser.requested_urls(chromium)
    assert outside(server, urls) == [], "the page asked another host"
    assert server + "/static/yasgui/yasgui.min.js" in urls and server + "/sparql" in urls
    errors = [e for e in chromium.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    assert chromium.execute_script("return localStorage.length") == 0, "nothing kept in the browser"


def test_the_page_offers_every_saved_query_and_credits_the_data(chromium, server, bundled):
    open_home(chromium, server + "/")
    offered = chromium.execute_script(
        "return Array.from(document.querySelectorAll('#examples li')).map(function (li) {"
        "  return [li.querySelector('button').textContent, li.querySelector('small').textContent]; });")
    assert offered == [[q.name, q.description] for q in saved_queries()]
    credit = " ".join(chromium.execute_script("return document.querySelector('footer').textContent").split())
    frameworks = run_query(bundled, "SELECT ?title { ?framework a pm:Framework ; dct:title ?title }").column("title")
    assert frameworks and all(f"{title}." in credit for title in frameworks), "each framework is credited"
    assert credit.startswith(f"Data: {REFERENCE_CREDIT}") and f"YASGUI {YASGUI_VERSION}" in credit


def test_the_editor_runs_what_is_typed_and_completes_pmgraph_prefixes(chromium, server):
    open_home(chromium, server + "/")
    urls_before = browser.requested_urls(chromium)
    chromium.execute_script(
        "var tab = window.pmgraphYasgui.getTab(); tab.setQuery(arguments[0]);"
        "document.querySelector('.tabPanel.active .yasqe_queryButton').click();",
        "SELECT ?label WHERE { role:chief-product-officer skos:prefLabel ?label }")
    table = read_table(chromium, "Query")
    assert table["rows"] == [["1", '"Chief Product Officer"@en']]
    # the prefix completer offers pmgraph's prefixes from the page (YASQE's own asks prefix.cc)
    completions = chromium.execute_script(
        "var yasqe = window.pmgraphYasgui.getTab().getYasqe();"
        "return Object.keys(yasqe.autocompleters).filter(function (k) { return yasqe.autocompleters[k]; });")
    assert sorted(completions) == ["pmgraph-prefixes", "variables"]
    found = chromium.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "var yasqe = window.pmgraphYasgui.getTab().getYasqe();"
        "yasqe.autocompleters['pmgraph-prefixes'].getCompletions({string: 'rol', autocompletionString: 'rol'})"
        ".then(done, function (e) { done(String(e)); });")
    assert found == ["role: <https://w3id.org/pmgraph/role/>"]
    assert outside(server, urls_before + browser.requested_urls(chromium)) == []


def test_the_table_downloads_as_csv(chromium, server, bundled, tmp_path):
    chromium.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    open_home(chromium, server + "/")
    run_example(chromium, "roles-by-track-and-level")
    chromium.execute_script("document.querySelector('.tabPanel.active .yasr_downloadIcon').click();")
    deadline = time.monotonic() + 20
    while not [p for p in tmp_path.glob("*.csv")] and time.monotonic() < deadline:
        time.sleep(0.1)
    (path,) = tmp_path.glob("*.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    result = run_saved(bundled, "roles-by-track-and-level")
    assert rows[0] == list(result.variables)
    assert rows[1:] == [[str(term) for term in row] for row in result.rows]


def test_hostile_iris_in_results_stay_text(chromium, server):
    """An IRI may hold "'": YASR writes it into an attribute unescaped, so the page escapes it; and
    the Content-Security-Policy refuses inline handlers and javascript: links whatever gets through."""
    open_home(chromium, server + "/")
    chromium.execute_script(
        "var tab = window.pmgraphYasgui.getTab(); tab.setQuery(arguments[0]); tab.query();",
        """SELECT ?x ?y WHERE { BIND(IRI("http://x.example/'onmouseover='window.pwned=1'") AS ?x)
           BIND(IRI("javascript:window.pwned=2") AS ?y) }""")
    table = read_table(chromium, "Query")
    assert table["rows"][0][1] == "<http://x.example/'onmouseover='window.pwned=1'>"
    state = chromium.execute_script(
        "var links = document.querySelectorAll('.tabPanel.active .yasr tbody a');"
        "links.forEach(function (a) { a.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); });"
        "var handlers = Array.from(links).filter(function (a) { return a.hasAttribute('onmouseover'); }).length;"
        "var probe = document.createElement('button'); probe.setAttribute('onclick', 'window.pwned = 3');"
        "document.body.appendChild(probe); probe.click();"
        "return [links.length, handlers, String(window.pwned)];")
    assert state == [2, 0, "undefined"]


def test_assets_are_served_with_their_types_and_cached(server):
    for path, media in ASSETS.items():
        for method in ("GET", "HEAD"):
            with urllib.request.urlopen(urllib.request.Request(server + path, method=method), timeout=10) as reply:
                body = reply.read()
                assert reply.headers["Content-Type"] == media
                assert reply.headers["Cache-Control"] == "max-age=86400"
                assert int(reply.headers["Content-Length"]) == len(asset(path)[1])
                assert body == (asset(path)[1] if method == "GET" else b"")
    for path in ("/static/yasgui/yasgui.min.js.map", "/static/yasgui/README.md", "/static/yasgui/../page.py",
                 "/static/yasgui/%2e%2e/page.py", "/static/yasgui/"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(server + path, timeout=10)
        assert refused.value.code == 404, path


def test_the_page_works_with_a_token(chromium, token_server, bundled):
    page = urllib.request.Request(token_server + "/", headers={"Accept": "text/html"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(page, timeout=10)
    assert refused.value.code == 401
    with urllib.request.urlopen(urllib.request.Request(token_server + f"/?token={TOKEN}",
                                                       headers={"Accept": "text/html"}), timeout=10) as reply:
        assert b"pmgraph-data" in reply.read()
    # the page's static files carry no data, and a <script src> cannot send the token: served without it
    with urllib.request.urlopen(token_server + "/static/yasgui/yasgui.min.css", timeout=10) as reply:
        assert reply.status == 200

    open_home(chromium, token_server + f"/?token={TOKEN}")
    table = run_example(chromium, "top-roles")
    assert [[cell_value(cell) for cell in row[1:]] for row in table["rows"]] == expected_rows(bundled, "top-roles")
    sent = []
    for entry in chromium.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            request = message["params"]["request"]
            sent.append((request["method"], request["url"], request.get("headers", {}).get("Authorization")))
    assert ("POST", token_server + "/sparql", f"Bearer {TOKEN}") in sent
    assert [url for _m, url, _a in sent if not url.startswith(token_server + "/") and not url.startswith("data:")] == []
