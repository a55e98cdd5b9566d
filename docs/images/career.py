"""Regenerate docs/images/career.png, the README's picture: the bundled career graph as `pmgraph viz`
draws it, in headless Chromium at 1400x900.

    python docs/images/career.py

Needs chromium, chromedriver and selenium (pip install -e '.[test]').
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pmgraph  # noqa: E402
from pmgraph import viz  # noqa: E402
from tests import browser  # noqa: E402  the headless Chromium of the browser tests

WIDTH, HEIGHT = 1400, 900
OUT = Path(__file__).resolve().parent / "career.png"


def main() -> None:
    missing = browser.missing()
    if missing:
        sys.exit(f"needs {missing}")
    work = Path(tempfile.mkdtemp(prefix="pmgraph-picture-"))
    page = viz.career_view(pmgraph.load()).write(work / "career.html")
    driver = browser.start(work / "profile", width=WIDTH, height=HEIGHT)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        driver.get(page.as_uri())
        deadline = time.monotonic() + 60
        while not driver.execute_script("return window.pmgraphReady === true"):
            if time.monotonic() > deadline:
                sys.exit("the page never finished drawing")
            time.sleep(0.05)
        time.sleep(0.3)
        driver.save_screenshot(str(OUT))
    finally:
        driver.quit()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
