"""The report's charts, drawn by pygal as inline SVG, each with the table it was drawn from.

pygal writes plain SVG from Python: no JavaScript is needed to see a chart, so the page works
offline, prints as drawn, and stays small (see the plugin's README for why not plotly or
Vega-Lite). Its interactive script is switched off (``js=[]``: by default pygal links it from
the web); the script it always writes (its configuration, for tooltips), its comments (which
name web pages and the day of drawing) and the SVG namespace declaration (the HTML parser
supplies it) are removed, so the file names no URL at all and the same search gives the same
page.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from xml.etree import ElementTree

import attrs
import pygal  # type: ignore[import-untyped]
from pygal.style import Style  # type: ignore[import-untyped]

from afterview.insights import AnswerRate, Insights, ThemeCount

# pygal appends an old-style finder to sys.meta_path (only for its long-gone ``pygal.maps``
# names); it makes every later import in the process warn (an error under ``-W error``).
# The report never uses those names.
sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, pygal.PluginImportFixer)]

__all__ = ["Chart", "insight_charts"]

_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#9aa5b1",
    opacity="0.9",
    opacity_hover="1",
    colors=("#2f6db5", "#d9822b", "#3f9142", "#b33a3a", "#7b5ea7"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    value_label_font_size=13,
    legend_font_size=13,
)


@attrs.frozen(kw_only=True)
class Chart:
    """One chart: its SVG (``None`` when there is nothing to draw) and its text alternative."""

    name: str
    title: str
    #: Says what the chart shows, for screen readers and for anyone skimming.
    description: str
    svg: str | None = attrs.field(repr=False)
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _svg(chart: pygal.Graph, name: str) -> str:
    # A fixed id, instead of pygal's random one, keeps the page the same from run to run; the
    # chart's CSS is scoped to it.
    chart.uuid = name
    root = chart.render_tree()
    # pygal always writes a script holding its configuration (the labels included), for its
    # tooltips; the report runs no script, so it goes, and so do the comments naming web pages.
    for parent in root.iter():
        for child in list(parent):
            if child.tag in ("script", ElementTree.Comment):
                parent.remove(child)
    for attribute in ("xmlns", "xmlns:xlink"):
        root.attrib.pop(attribute, None)
    root.set("role", "img")
    root.set("aria-labelledby", f"{name}-title")
    return ElementTree.tostring(root, encoding="unicode", method="html")


def _config(**extra: object) -> dict[str, object]:
    return {
        "style": _STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "width": 640,
        "height": 280,
        "print_values": True,
        "show_y_guides": True,
        "legend_at_bottom": True,
        "margin": 12,
        **extra,
    }


def _bars(
    name: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    horizontal: bool = False,
    percent: bool = False,
) -> str | None:
    if not labels or not any(v for _, values in series for v in values):
        return None
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    top = max(v for _, values in series for v in values)
    # Counts are whole numbers: label the axis with whole numbers, about five of them.
    ticks = list(range(0, int(top) + 2, max(1, round(top / 5)))) if not percent else None
    height = max(200, 60 + 38 * len(labels) * len(series)) if horizontal else 280
    chart = kind(
        **_config(
            height=height,
            show_legend=len(series) > 1,
            value_formatter=(lambda v: f"{v:.0f}%") if percent else (lambda v: f"{v:g}"),
            range=(0, 100) if percent else None,
            y_labels=ticks,
            truncate_label=-1,
        )
    )
    # pygal lists a horizontal chart's labels bottom-up: reversed, they read top-down like
    # the table beside it.
    order = list(reversed(range(len(labels)))) if horizontal else list(range(len(labels)))
    chart.x_labels = [labels[i] for i in order]
    for title, values in series:
        chart.add(title, [values[i] for i in order])
    return _svg(chart, name)


def _rates(name: str, title: str, what: str, rates: Sequence[AnswerRate]) -> Chart:
    keys = [r.key.replace("_", " ") for r in rates]
    percent = [round(100 * r.rate) for r in rates]
    return Chart(
        name=name,
        title=title,
        description=f"Share of feedback-call requests answered, by {what}.",
        svg=_bars(name, keys, [("answered", percent)], horizontal=True, percent=True),
        headers=(what.capitalize(), "Asked", "Answered", "Rate"),
        rows=tuple(
            (k, str(r.requested), str(r.answered), f"{p}%")
            for k, r, p in zip(keys, rates, percent, strict=True)
        ),
    )


def _themes(name: str, title: str, what: str, themes: Sequence[ThemeCount]) -> Chart:
    labels = [t.theme for t in themes]
    mentions = [t.mentions for t in themes]
    organizations = [t.organizations for t in themes]
    return Chart(
        name=name,
        title=title,
        description=f"{what}: how often each theme came up, and at how many organizations.",
        svg=_bars(
            name,
            labels,
            [("mentions", mentions), ("organizations", organizations)],
            horizontal=True,
        ),
        headers=("Theme", "Mentions", "Organizations"),
        rows=tuple(
            (label, str(m), str(o))
            for label, m, o in zip(labels, mentions, organizations, strict=True)
        ),
    )


def insight_charts(insights: Insights) -> list[Chart]:
    """The charts of the whole search, in the page's order."""
    funnel = insights.funnel
    stages = ("Applied", "Interviewed", "Decided", "Offer")
    counts = (funnel.applied, funnel.interviewed, funnel.decided, funnel.offer)
    rejections = insights.rejections
    points = ("Before any interview", "After the first interview", "After later rounds")
    rejected = (
        rejections.after_no_interview,
        rejections.after_first_interview,
        rejections.after_later_rounds,
    )
    actions = insights.actions
    action_labels = ("Planned", "Done", "Open", "Overdue")
    action_counts = (
        actions.planned,
        actions.completed,
        actions.planned - actions.completed,
        actions.overdue or 0,
    )
    return [
        Chart(
            name="funnel",
            title="Funnel",
            description="How many applications reached each stage.",
            svg=_bars("funnel", stages, [("applications", counts)]),
            headers=("Stage", "Applications"),
            rows=tuple((s, str(c)) for s, c in zip(stages, counts, strict=True)),
        ),
        Chart(
            name="rejections",
            title="Where rejections happen",
            description="Rejections by the number of interviews held before them.",
            svg=_bars("rejections", points, [("rejections", rejected)]),
            headers=("When", "Rejections"),
            rows=tuple((p, str(c)) for p, c in zip(points, rejected, strict=True)),
        ),
        _rates(
            "answers-by-channel",
            "Feedback calls answered, by channel",
            "channel",
            insights.answers_by_channel,
        ),
        _rates(
            "answers-by-role",
            "Feedback calls answered, by the role of the person asked",
            "role",
            insights.answers_by_role,
        ),
        _themes("criticism", "Recurring criticism", "What to work on", insights.criticism),
        _themes("praise", "Recurring praise", "What to lead with", insights.praise),
        Chart(
            name="actions",
            title="Actions: done and planned",
            description="Actions planned from feedback, how many are done, open and overdue.",
            svg=_bars("actions", action_labels, [("actions", action_counts)]),
            headers=("Actions", "Count"),
            rows=tuple((a, str(c)) for a, c in zip(action_labels, action_counts, strict=True)),
        ),
    ]
