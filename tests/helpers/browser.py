"""Headless Chromium for the export and serve tests: Debian's chromium and chromedriver, driven by
Selenium, with nothing downloaded at run time (the driver's path is given, so Selenium Manager is
never asked). Without chromium the tests skip — except where VIEWER_REQUIRE_REAL_TERMINALS is set
(CI: .ci/run installs chromium), where a missing browser is an error, as for the real terminals."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from typing import Any

import pytest

CHROMIUM = os.environ.get("VIEWER_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("VIEWER_CHROMEDRIVER", "/usr/bin/chromedriver")


def require_browser() -> None:
    """Skip the calling test module when there is no browser (an error in CI)."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not (os.path.exists(path) or shutil.which(path))]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if missing and os.environ.get("VIEWER_REQUIRE_REAL_TERMINALS"):
        raise RuntimeError(f"browser tests need {', '.join(missing)} (.ci/run installs chromium and chromium-driver)")
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install chromium chromium-driver)", allow_module_level=True)


def start_chromium(*, javascript: bool = True, width: int = 1366, height: int = 768, mobile: bool = False):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-default-apps", "--disable-sync", "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    resize(driver, width, height, mobile)
    return driver


def resize(driver, width: int, height: int, mobile: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The page's viewport exactly (a window size would include the browser's own frame)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": mobile, "maxTouchPoints": 1})


def wait_for(condition: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    """Poll `condition` until it is truthy (and return it); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = condition()
        except Exception as error:  # noqa: BLE001 - the page may still be loading
            last = error
        else:
            if last:
                return last
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


def requests_made(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """Every URL the page asked for since the last call, from the performance log."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls
