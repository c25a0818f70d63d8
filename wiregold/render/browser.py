"""Headless Chromium (Debian's ``chromium`` package) for checking and photographing pages.

No driver and no download: the browser is started once per call with ``--dump-dom`` (the
DOM after the page's scripts ran, which is how a page's own self-check is read) or
``--screenshot``. It gets a fresh profile in a temporary directory, no sandbox (the tests
run as root in a container), no GPU and none of Chromium's background network traffic
(the machine has no network). Every call is bounded by a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

__all__ = [
    "BrowserError",
    "dump_dom",
    "find_chromium",
    "read_selfcheck",
    "screenshot",
]

_NAMES = ("chromium", "chromium-browser")
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
)


class BrowserError(RuntimeError):
    """Chromium failed, timed out, or produced nothing."""


def find_chromium() -> str | None:
    """The Chromium executable (``$WIREGOLD_CHROMIUM``, else ``chromium`` on PATH), or None."""
    given = os.environ.get("WIREGOLD_CHROMIUM")
    if given:
        return given if Path(given).is_file() else None
    return next((found for name in _NAMES if (found := shutil.which(name))), None)


def _run(executable: str, args: Sequence[str], *, timeout: float) -> str:
    with tempfile.TemporaryDirectory(prefix="wiregold-chromium-") as profile:
        command = [executable, *_FLAGS, f"--user-data-dir={profile}", *args]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise BrowserError(f"chromium did not finish within {timeout:g} s") from None
        except OSError as err:
            raise BrowserError(f"cannot start {executable}: {err}") from None
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise BrowserError(f"chromium exited with {done.returncode}: {tail}")
    return done.stdout


def dump_dom(page: Path, *, executable: str, timeout: float = 30) -> str:
    """The serialised DOM of a local page after its scripts ran."""
    dom = _run(executable, ["--dump-dom", page.resolve().as_uri()], timeout=timeout)
    if "<html" not in dom:
        raise BrowserError(f"chromium returned no DOM for {page}")
    return dom


def screenshot(
    page: Path,
    out: Path,
    *,
    executable: str,
    width: int = 1280,
    height: int = 2000,
    fragment: str = "",
    timeout: float = 30,
) -> Path:
    """A PNG of the top ``width`` x ``height`` pixels of a local page (``fragment``: the
    part of the address after ``#``, e.g. an item the page selects on load)."""
    address = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    args = [
        f"--screenshot={out.resolve()}",
        f"--window-size={width},{height}",
        "--virtual-time-budget=2000",
        address,
    ]
    _run(executable, args, timeout=timeout)
    if not out.is_file() or out.stat().st_size == 0:
        raise BrowserError(f"chromium wrote no screenshot to {out}")
    return out


class _Text(HTMLParser):
    def __init__(self, element_id: str) -> None:
        super().__init__()
        self.element_id = element_id
        self.inside = False
        self.text: list[str] = []
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if dict(attrs).get("id") == self.element_id:
            self.inside = self.found = True

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == "pre":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)


def read_selfcheck(dom: str, *, element_id: str = "selfcheck") -> str | None:
    """The text of the page's ``<pre id="selfcheck">`` (None if the page has none)."""
    parser = _Text(element_id)
    parser.feed(dom)
    parser.close()
    return "".join(parser.text) if parser.found else None
