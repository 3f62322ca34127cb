"""Ship a custom playbook rule as a plugin — how a career tool embeds afterview.

A rule is a function of (state, now, settings) that yields advice; the ``afterview_rules`` hook
adds it to the playbook. Packaged for real, the plugin module is named in the career tool's
``pyproject.toml``::

    [project.entry-points.afterview]
    acme_coaching = "acme_coaching.rules"

Here it is registered by hand so the example runs on its own.

Run it: python examples/custom_rule_plugin.py
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

from afterview import (
    Advice,
    PluginManager,
    Priority,
    Rule,
    Settings,
    State,
    Subject,
    Workspace,
    hookimpl,
    rule,
)
from afterview.events import ApplicationSubmitted


def _quiet_for_two_weeks(state: State, now: datetime, settings: Settings) -> datetime | None:
    """When the rule's advice next changes by itself: the next application to turn two weeks
    old. Saying so lets a platform's reminder round leave the workspace alone until then."""
    turning = [
        a.applied_at + timedelta(days=14)
        for a in state.applications.values()
        if a.applied_at + timedelta(days=14) > now
    ]
    return min(turning, default=None)


@rule(
    "ACME101",
    "follow-up-on-silent-applications",
    resolved_by=(ApplicationSubmitted,),
    wakes=_quiet_for_two_weeks,
)
def follow_up_on_silent_applications(
    state: State, now: datetime, settings: Settings
) -> Iterator[Advice]:
    """An application that has had no interview and no answer for two weeks is worth a short,
    friendly note to the recruiter: it often surfaces a CV that was sitting in a queue."""
    for application in state.applications.values():
        quiet = not state.interviews_of(application.id) and application.id not in state.decisions
        due = application.applied_at + timedelta(days=14)
        if quiet and due <= now:
            organization = state.organizations[application.organization_id]
            yield follow_up_on_silent_applications.advise(
                message=f"Ask about your {application.role_title} application "
                f"at {organization.name}",
                due=due,
                priority=Priority.LOW,
                subjects=(Subject("application", application.id),),
            )


class AcmeCoachingPlugin:
    """The plugin object: any object or module with ``@hookimpl`` functions."""

    @hookimpl
    def afterview_rules(self) -> Sequence[Rule]:
        return (follow_up_on_silent_applications,)


plugins = PluginManager()
plugins.register(AcmeCoachingPlugin(), name="acme-coaching")

now = datetime(2026, 6, 20, 9, 0, tzinfo=UTC)
ws = Workspace.open("memory://", plugin_manager=plugins, clock=lambda: now)
org = ws.add_organization("Contoso Freight")
ws.submit_application(org, "Logistics Planner", at=now - timedelta(days=16))

for advice in ws.agenda(now):
    print(f"{advice.code}  {advice.name}: {advice.message}")
