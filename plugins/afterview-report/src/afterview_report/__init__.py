"""afterview on one page: a self-contained HTML report of a search, with charts drawn by pygal
and a timeline per application, written by ``afterview report``.

Importing this package is cheap: Jinja2 and pygal load when a public name is first used
(PEP 562), so registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from afterview_report.charts import Chart, insight_charts
    from afterview_report.files import write_private
    from afterview_report.page import IndexRow, index_row, render_index, render_report
    from afterview_report.timeline import (
        ApplicationTimeline,
        TimelineEntry,
        application_timelines,
    )

#: Where each public name lives.
_EXPORTS: dict[str, str] = {
    "Chart": "afterview_report.charts",
    "insight_charts": "afterview_report.charts",
    "write_private": "afterview_report.files",
    "IndexRow": "afterview_report.page",
    "index_row": "afterview_report.page",
    "render_index": "afterview_report.page",
    "render_report": "afterview_report.page",
    "ApplicationTimeline": "afterview_report.timeline",
    "TimelineEntry": "afterview_report.timeline",
    "application_timelines": "afterview_report.timeline",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "ApplicationTimeline",
    "Chart",
    "IndexRow",
    "TimelineEntry",
    "application_timelines",
    "index_row",
    "insight_charts",
    "render_index",
    "render_report",
    "write_private",
]
