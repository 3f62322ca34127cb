"""The report as one self-contained HTML page, and the coach's index of several.

Jinja2 renders the templates with autoescaping on: whatever a user typed (a name, a theme, a
title) is shown as text, never run. The style sheet and the charts' SVG are written into the
page, so it opens from disk with no request to any server.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

import attrs
import jinja2

from afterview import Workspace
from afterview_report.charts import insight_charts
from afterview_report.timeline import (
    ApplicationTimeline,
    application_timelines,
    display_name,
    last_activity,
)

__all__ = ["IndexRow", "index_row", "render_index", "render_report"]

#: "This week": the agenda's advice due within this long of the report's moment (or overdue).
WEEK = timedelta(days=7)

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("afterview_report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(zone: tzinfo) -> Any:
    def when(moment: datetime, with_time: bool = False) -> str:
        local = moment.astimezone(zone)
        return f"{local:%Y-%m-%d %H:%M}" if with_time else f"{local:%Y-%m-%d}"

    return when


def _week(ws: Workspace, now: datetime, person_id: str | None) -> list[dict[str, Any]]:
    rows = []
    for advice in ws.agenda(now):
        if advice.due > now + WEEK:
            continue
        if person_id is not None and not any(
            s.kind == "person" and s.id == person_id for s in advice.subjects
        ):
            continue
        rows.append(
            {
                "due": advice.due,
                "overdue": advice.due < now,
                "code": advice.code,
                "name": advice.name,
                "message": advice.message,
            }
        )
    return rows


def render_report(
    ws: Workspace,
    now: datetime,
    zone: tzinfo,
    *,
    person: str | None = None,
    index_href: str | None = None,
) -> str:
    """The report of ``ws`` at ``now`` (times shown in ``zone``) as one HTML page.

    With ``person`` (an id or a name), only that contact's history: the steps they took part
    in and the agenda's advice about them, without the charts of the whole search.

    :raises NotFoundError: no person matches ``person``.
    """
    state = ws.state
    person_id = ws.person(person).id if person is not None else None
    timelines = application_timelines(state, now, person_id=person_id)
    charts = insight_charts(ws.insights(now)) if person_id is None else []
    contact = state.people[person_id] if person_id is not None else None
    organization = None
    if contact is not None and contact.organization_id in state.organizations:
        organization = state.organizations[contact.organization_id].name
    template = _ENVIRONMENT.get_template("report.html.j2")
    return template.render(
        workspace=ws.name,
        now=now,
        when=_when(zone),
        week=_week(ws, now, person_id),
        rule_failures=[str(f) for f in ws.rule_failures],
        charts=charts,
        timelines=timelines,
        contact=None if contact is None else display_name(contact),
        contact_role=None if contact is None else str(contact.role).replace("_", " "),
        contact_organization=organization,
        index_href=index_href,
    )


@attrs.frozen(kw_only=True)
class IndexRow:
    """One job seeker on the coach's index."""

    workspace: str
    href: str
    due_this_week: int
    overdue: int
    last_activity: datetime | None
    applied: int
    interviewed: int
    decided: int
    offers: int


def index_row(ws: Workspace, now: datetime, href: str) -> IndexRow:
    """What the coach's index says about ``ws``."""
    state = ws.state
    agenda = ws.agenda(now)
    funnel = ws.insights(now).funnel
    timelines: Sequence[ApplicationTimeline] = application_timelines(state, now)
    return IndexRow(
        workspace=ws.name,
        href=href,
        due_this_week=sum(1 for a in agenda if a.due <= now + WEEK),
        overdue=sum(1 for a in agenda if a.due < now),
        last_activity=last_activity(timelines, now),
        applied=funnel.applied,
        interviewed=funnel.interviewed,
        decided=funnel.decided,
        offers=funnel.offer,
    )


def render_index(rows: Sequence[IndexRow], now: datetime, zone: tzinfo) -> str:
    """The coach's page: one row per job seeker, each linking to their report."""
    template = _ENVIRONMENT.get_template("index.html.j2")
    return template.render(rows=rows, now=now, when=_when(zone))
