"""Headless Chromium through selenium, shared by the browser tests and benchmarks/bench_viz.py."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER_CANDIDATES = ("/usr/bin/chromedriver",)

FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
    "--disable-quic", "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
    "--force-device-scale-factor=1",
)

#: Records when the page's vis network first drew: set before any page script runs, it catches the
#: page's `network = new vis.Network(...)` assignment and listens for the first afterDrawing.
TTI_HOOK = """
(function () {
  var current;
  Object.defineProperty(window, "network", {
    configurable: true,
    get: function () { return current; },
    set: function (value) {
      current = value;
      window.__pmgraphBuilt = performance.now();
      if (value && value.once) {
        value.once("afterDrawing", function () { window.__pmgraphDrawn = performance.now(); });
      }
    }
  });
})();
"""


def find(candidates, name: str) -> str | None:
    for candidate in candidates:
        if Path(candidate).exists():
            return candidate
    return shutil.which(name)


def missing() -> str | None:
    """What is missing to run a headless browser, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium (pip install -e '.[test]')"
    if find(CHROMIUM_CANDIDATES, "chromium") is None:
        return "chromium (apt-get install chromium)"
    if find(CHROMEDRIVER_CANDIDATES, "chromedriver") is None:
        return "chromedriver (apt-get install chromium-driver)"
    return None


def start(profile_dir: Path, *, width: int = 1400, height: int = 1000, tti_hook: bool = False):
    """A fresh headless Chromium with its own profile, logging console and network events."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = find(CHROMIUM_CANDIDATES, "chromium")
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(find(CHROMEDRIVER_CANDIDATES, "chromedriver")), options=options)
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(120)
    if tti_hook:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TTI_HOOK})
    return driver


def requested_urls(driver) -> list[str]:
    """Every URL the page asked the network for since the last call (from the performance log)."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
