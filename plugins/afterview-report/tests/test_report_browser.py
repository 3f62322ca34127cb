"""The demo's report in a real browser: headless Chromium with every host name unresolvable,
its console logged and its network activity recorded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from afterview_report import render_report
from afterview_report_fixtures import (
    NOW,
    console_messages,
    demo_workspace,
    png_pixels,
    requests_by_page,
    run_chromium,
)


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("report") / "demo.html"
    page.write_text(render_report(demo_workspace(), NOW, NOW.tzinfo), encoding="utf-8")  # type: ignore[arg-type]
    return page


def test_every_chart_is_drawn_in_the_dom_with_no_request_and_no_console_message(
    demo_page: Path, tmp_path: Path
) -> None:
    result = run_chromium(demo_page, "--dump-dom", workdir=tmp_path)

    dom = result.stdout
    figures = re.findall(r'<figure class="chart" id="chart-([a-z-]+)">(.*?)</figure>', dom, re.S)
    assert len(figures) == 7
    for name, body in figures:
        assert f'aria-labelledby="{name}-title"' in body
        # pygal draws each bar as a rect in the series' group; a chart with data has some.
        assert re.search(r'<rect[^>]*class="rect reactive tooltip-trigger"', body), name
    assert requests_by_page(tmp_path / "net.json") == []
    assert console_messages(result.stderr) == []


def test_the_checks_see_a_page_that_does_request_and_log(tmp_path: Path) -> None:
    """The two checks above are not vacuous: a page that loads an image and logs is caught."""
    page = tmp_path / "noisy.html"
    page.write_text(
        '<img src="http://example.com/x.png"><script>console.error("boom")</script>',
        encoding="utf-8",
    )
    result = run_chromium(page, "--dump-dom", workdir=tmp_path)

    assert requests_by_page(tmp_path / "net.json") == ["http://example.com/x.png"]
    assert len(console_messages(result.stderr)) == 1


def test_a_screenshot_of_the_demo_report_is_not_blank(demo_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    run_chromium(demo_page, f"--screenshot={shot}", "--window-size=1280,1500", workdir=tmp_path)

    pixels = list(png_pixels(shot.read_bytes()))
    assert len(pixels) == 1280 * 1500
    inked = sum(1 for p in pixels if p != (255, 255, 255))
    # The bars' blue (#2f6db5, drawn at 0.9 opacity over white) covers part of the page.
    blue = sum(1 for r, g, b in pixels if b > 150 and r < 100 and g < 140)
    assert inked > len(pixels) // 20
    assert blue > 10_000
