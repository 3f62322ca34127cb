"""afterview on one page: a self-contained HTML report of a search, with charts drawn by pygal
and a timeline per application, written by ``afterview report``.

Importing this package is cheap: Jinja2 and pygal load when a public name is first used
(PEP 562), so registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterview import lazy_exports

if TYPE_CHECKING:
    from afterview_report.charts import Chart, insight_charts
    from afterview_report.files import write_private
    from afterview_report.page import IndexRow, index_row, render_index, render_report
    from afterview_report.timeline import (
        ApplicationTimeline,
        TimelineEntry,
        application_timelines,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
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
    },
)


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
