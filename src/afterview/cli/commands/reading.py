"""Read commands: ``agenda``, ``insights``, ``rules``, ``plugins``."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

import attrs
import click

from afterview.cli.context import DUE, complete_applications, state_of
from afterview.cli.kept_agenda import Keeper
from afterview.cli.render import (
    Output,
    bar,
    console,
    echo_json,
    json_option,
    moment,
    relative,
    shown,
    table,
    text,
    warn_rule_failures,
)
from afterview.config import load_config
from afterview.errors import NotFoundError
from afterview.playbook.agenda import Agenda
from afterview.playbook.rule import Advice
from afterview.plugin_manager import get_plugin_manager
from afterview.wording import event_command, event_words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from afterview.fold import State
    from afterview.insights import Insights, ThemeCount
    from afterview.playbook.rule import Rule
    from afterview.plugin_manager import PluginInfo
    from afterview.settings import Settings

__all__ = ["COMMANDS", "print_agenda", "print_insights"]


def print_agenda(out: Output, advice: list[Advice], now: datetime, zone: tzinfo | None) -> None:
    if not advice:
        out.print("Nothing to do: the agenda is empty.")
        return
    rows = (
        (
            moment(a.due, zone),
            relative(a.due, now),
            a.priority.name.lower(),
            a.code,
            text(a.message),
        )
        for a in advice
    )
    out.print(table(f"Agenda ({len(advice)})", ("due", "when", "priority", "rule", "what"), rows))


@click.command(
    epilog="\b\nExamples:\n  afterview agenda\n  afterview agenda --until 2026-05-10 --limit 5"
    '\n  afterview agenda --app "Acme Analytics"'
    "\n  afterview --now 2026-05-04T09:00Z agenda --json"
)
@click.option(
    "--limit", type=click.IntRange(min=1), metavar="N", help="Show the first N items only."
)
@click.option("--until", type=DUE, metavar="DATE", help="Only what is due by DATE.")
@click.option(
    "--app",
    "application",
    metavar="APPLICATION",
    shell_complete=complete_applications,
    help="Only what concerns this application (name or id).",
)
@json_option
def agenda(
    limit: int | None, until: datetime | None, application: str | None, as_json: bool
) -> None:
    """Everything to do next, by due time then priority."""
    cli_state = state_of()
    # Started before the settings or the log are read: what the agenda depends on, as it was.
    keeper = Keeper.start(cli_state)
    try:
        now = cli_state.now()
        ws = cli_state.workspace()
        version = ws.state.version
        advice = ws.agenda(now)
        warn_rule_failures(advice.failures)
        warned = warn_plugin_problems()
        warned += warn_unmatched_codes(cli_state.settings, ws.rules)
        if keeper is not None:
            keeper.finish(ws, version, advice, now, cli_state.zone, warned=warned > 0)
    finally:
        if keeper is not None:
            keeper.close()
    if application is not None:
        related = _ids_of_application(ws.state, ws.application_id(application))
        advice = Agenda([a for a in advice if any(s.id in related for s in a.subjects)])
    if until is not None:
        advice = Agenda([a for a in advice if a.due <= until])
    if limit is not None:
        advice = Agenda(advice[:limit])
    if as_json:
        echo_json(advice)
        return
    print_agenda(console(), advice, now, cli_state.zone)


def _ids_of_application(state: State, application_id: str) -> set[str]:
    """The application and every record that belongs to it, so that advice about any of them
    (an interview's thank-you note, a request's call) counts as advice about it."""
    from afterview.lookup import records_of_application

    return records_of_application(state, application_id)


def warn_unmatched_codes(settings: Settings, rules: Sequence[Rule]) -> int:
    """A code in ``select`` or ``ignore`` that names no rule is a typo that silently changes
    which advice shows: one warning line each. Returns how many."""
    warned = 0
    for setting, codes in (("select", settings.select), ("ignore", settings.ignore)):
        for code in codes:
            if not any(r.code.startswith(code) for r in rules):
                warned += 1
                click.echo(
                    f"afterview: warning: {setting} = {code!r} in the settings file names no "
                    "rule; 'afterview rules' lists them",
                    err=True,
                )
    return warned


def print_insights(out: Output, insights: Insights) -> None:
    funnel = insights.funnel
    stages = (
        ("applied", funnel.applied),
        ("interviewed", funnel.interviewed),
        ("decided", funnel.decided),
        ("offer", funnel.offer),
    )
    out.print(
        table(
            "Funnel",
            ("stage", "applications"),
            ((stage, bar(n, funnel.applied)) for stage, n in stages),
        )
    )
    r = insights.rejections
    out.print(
        table(
            "Where rejections happen",
            ("after", "rejections"),
            (
                ("no interview", r.after_no_interview),
                ("the first interview", r.after_first_interview),
                ("later rounds", r.after_later_rounds),
            ),
        )
    )
    _print_themes(out, "What to work on (recurring criticism)", insights.criticism)
    _print_themes(out, "What to lead with (recurring praise)", insights.praise)
    if not insights.criticism and not insights.praise:
        out.print("No feedback themes recorded yet.")
    rates = [("channel", a) for a in insights.answers_by_channel]
    rates += [("role", a) for a in insights.answers_by_role]
    if rates:
        out.print(
            table(
                "Feedback requests answered",
                ("by", "kind", "answered", "rate"),
                (
                    (by, a.key.replace("_", " "), f"{a.answered}/{a.requested}", f"{a.rate:.0%}")
                    for by, a in rates
                ),
            )
        )
    acts, notes = insights.actions, insights.thank_yous
    overdue = "" if acts.overdue is None else f", {acts.overdue} overdue"
    out.print(f"Actions: {acts.completed}/{acts.planned} done{overdue}.")
    out.print(f"Thank-you notes: {notes.thanked}/{notes.met} people met ({notes.rate:.0%}).")


def _print_themes(out: Output, title: str, themes: tuple[ThemeCount, ...]) -> None:
    if not themes:
        return
    top = max(t.organizations for t in themes)
    out.print(
        table(
            title,
            ("theme", "organizations", "mentions"),
            ((t.theme, bar(t.organizations, top), t.mentions) for t in themes),
        )
    )


@click.command(epilog="\b\nExample:\n  afterview insights --json")
@json_option
def insights(as_json: bool) -> None:
    """Patterns across applications: the funnel, rejections, answer rates, and feedback themes
    (criticism to work on, praise to lead with)."""
    result = state_of().workspace().insights()
    if as_json:
        echo_json(result)
        return
    print_insights(console(), result)


def _first_sentence(paragraph: str) -> str:
    flat = " ".join(paragraph.split())
    return flat.split(". ")[0].rstrip(".") + "."


@click.command(epilog="\b\nExamples:\n  afterview rules\n  afterview rules AV301")
@click.argument("code", required=False)
@json_option
def rules(code: str | None, as_json: bool) -> None:
    """The playbook's rules: code, name and why; CODE shows one in full."""
    every = get_plugin_manager().rules()
    warn_plugin_problems()
    settings = load_config().settings
    warn_unmatched_codes(settings, every)
    if code is not None:
        chosen = [r for r in every if r.code == code.upper()]
        if not chosen:
            raise NotFoundError(f"no rule {code!r}; 'afterview rules' lists them")
        every = chosen
    data = [
        {
            "code": r.code,
            "name": r.name,
            "rationale": r.rationale,
            "settings": list(r.settings),
            "resolved_by": list(r.resolved_by),
            "resolved_by_commands": [event_command(e) for e in r.resolved_by if event_command(e)],
            "selected": settings.selects(r.code),
            "plugin": r.plugin,
            "package": r.package,
        }
        for r in every
    ]
    if as_json:
        echo_json(data if code is None else data[0])
        return
    out = console()
    if code is not None:
        r = every[0]
        out.print(text(f"{r.code} {r.name}", "bold"))
        out.print(text(r.rationale))
        out.print(f"settings: {', '.join(r.settings) or '-'}")
        out.print(f"resolved by: {'; '.join(event_words(e) for e in r.resolved_by) or '-'}")
        commands = list(dict.fromkeys(c for e in r.resolved_by if (c := event_command(e))))
        out.print(f"command: {' or '.join(commands) or '-'}")
        out.print(f"selected: {'yes' if settings.selects(r.code) else 'no'}")
        out.print(text(f"from: plugin {r.plugin} ({r.package or 'registered in code'})"))
        return
    out.print(
        table(
            f"Rules ({len(every)})",
            ("code", "name", "selected", "plugin", "package", "why"),
            (
                (
                    r.code,
                    r.name,
                    "yes" if settings.selects(r.code) else "no",
                    text(r.plugin or ""),
                    text(r.package or ""),
                    _first_sentence(r.rationale),
                )
                for r in every
            ),
        )
    )


@click.command(epilog="\b\nExamples:\n  afterview plugins\n  afterview --debug plugins --json")
@json_option
def plugins(as_json: bool) -> None:
    """Installed plugins: versions, packages, hooks, URL schemes, rules, and what failed.

    A plugin that could not load is "broken"; one that loaded with a misspelled or unmarked
    hook, a failing afterview_rules or a rule code another plugin took is a "problem". With
    --debug, the traceback of each failed load goes to stderr."""
    manager = get_plugin_manager()
    failures = _rule_failures_here()
    infos = [_with_agenda_failures(i, failures) for i in manager.plugins()]
    if state_of().debug:
        for i in infos:
            trace = manager.load_traceback(i.name)
            if trace is not None:
                click.echo(f"afterview: plugin {i.name!r} failed to load:\n{trace}", err=True)
    if as_json:
        from afterview.serialization import unstructure

        echo_json([{**unstructure(i), "status": i.status} for i in infos])
        return
    rows = (
        (
            i.name,
            i.version or "",
            i.distribution or "",
            ", ".join(h.removeprefix("afterview_") for h in i.hooks),
            ", ".join(f"{k}: {' '.join(v)}" for k, v in i.url_schemes.items()),
            _rule_span(i.rules),
            text(i.status),
        )
        for i in infos
    )
    columns = ("plugin", "version", "package", "hooks", "URL schemes", "rules", "status")
    console().print(table("Plugins", columns, rows))


def _rule_failures_here() -> dict[str, list[str]]:
    """The rules that raise on this workspace's agenda now, by the plugin that added them: a
    failure that shows only on some data shows here once that data is recorded. Nothing when
    the workspace cannot be opened (a broken store plugin is what this command is for too)."""
    from afterview.errors import AfterviewError

    # afterview's own rules are tested here; only other packages' rules are run, and only then
    # is the store opened (it may be what is broken, or slow to answer).
    if all(r.package == "afterview" for r in get_plugin_manager().rules()):
        return {}
    cli_state = state_of()
    try:
        failed = cli_state.workspace().agenda(cli_state.now()).failures
    except AfterviewError:
        return {}
    found: dict[str, list[str]] = {}
    for failure in failed:
        if failure.plugin is not None:
            words = failure.error.partition(":")[0]  # the type: the message may quote the data
            found.setdefault(failure.plugin, []).append(
                f"rule {failure.code} raised {words} on workspace {cli_state.workspace().name!r}"
            )
    return found


def _with_agenda_failures(info: PluginInfo, failures: dict[str, list[str]]) -> PluginInfo:
    more = failures.get(info.name)
    if not more:
        return info
    return attrs.evolve(info, problems=(*info.problems, *more))


def _rule_span(codes: Sequence[str]) -> str:
    """``AV101–AV704 (34)`` for many codes, the codes themselves for a few."""
    if len(codes) > 3:
        return f"{codes[0]}–{codes[-1]} ({len(codes)})"
    return " ".join(codes)


def warn_plugin_problems() -> int:
    """One warning line on stderr per problem of a loaded plugin (a rule left out, a misspelled
    hook): the command goes on with everything else. Returns how many."""
    problems = get_plugin_manager().problems()
    for problem in problems:
        click.echo(
            f"afterview: warning: plugin {problem.plugin!r}: {shown(problem.problem)}", err=True
        )
    return len(problems)


COMMANDS = (agenda, insights, rules, plugins)
