"""What the report's tests share: a demo workspace, an HTML reader, and headless Chromium.

The browser tests skip when Chromium is missing, except when ``AFTERVIEW_REQUIRE_CHROMIUM=1``
(as on CI): then they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from afterview import PluginManager, Workspace
from afterview.demo import record_demo

NOW = datetime.fromisoformat("2026-05-04T09:00+02:00")


def demo_workspace() -> Workspace:
    ws = Workspace.open(
        "memory://", name="demo", plugin_manager=PluginManager(load_entry_points=False)
    )
    record_demo(ws, NOW)
    return ws


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, in order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("AFTERVIEW_REQUIRE_CHROMIUM") == "1":
            pytest.fail("AFTERVIEW_REQUIRE_CHROMIUM=1 but no chromium on PATH")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def run_chromium(page: Path, *args: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    """Open ``page`` in headless Chromium with every host name unresolvable, its console on
    stderr and its network activity logged to ``workdir/net.json``."""
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            f"--user-data-dir={workdir / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            f"--log-net-log={workdir / 'net.json'}",
            *args,
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=workdir,
    )


def requests_by_page(net_log: Path) -> list[str]:
    """The URLs the page (not the browser's own housekeeping) asked for, from a net log."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start
        and str(event["params"].get("network_isolation_key", "")).startswith("file://")
        and not event["params"]["url"].startswith("file:")
    ]


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def png_pixels(data: bytes) -> Iterator[tuple[int, int, int]]:
    """The RGB pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0)
    assert colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    pos = 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1 : pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        for x in range(0, stride, channels):
            yield line[x], line[x + 1], line[x + 2]
        previous = line
