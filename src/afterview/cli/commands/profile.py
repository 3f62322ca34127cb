"""``profile``: the workspace's own settings (time zone, notifier URLs, thresholds), which win
over the settings file's for this workspace, and are kept as events in it."""

from __future__ import annotations

from typing import Any

import click

from afterview.cli.context import TIMEZONE, state_of
from afterview.cli.render import console, echo_json, json_option, recorded, table, text
from afterview.masking import mask_url
from afterview.settings import threshold_names

__all__ = ["COMMANDS"]

#: What ``--unset`` accepts besides a threshold's name.
_FIELDS = ("timezone", "notify")


def _rows() -> list[dict[str, Any]]:
    """Each setting a profile may hold: its value in force and where it comes from."""
    cli_state = state_of()
    ws = cli_state.workspace()
    profile = ws.state.profile
    own = dict(profile.thresholds) if profile is not None else {}
    file_settings = cli_state.config.settings
    if cli_state.timezone is not None:
        zone_from = "--timezone"
    elif profile is not None and profile.timezone is not None:
        zone_from = "profile"
    else:
        zone_from = "settings file" if file_settings.timezone is not None else "system"
    notify = ws.notify
    rows = [
        {"setting": "timezone", "value": str(cli_state.zone), "from": zone_from},
        {
            "setting": "notify",
            # A notifier URL may hold a password or a token: shown masked, never whole.
            "value": ", ".join(mask_url(u) for u in (notify or cli_state.config.notify)) or "-",
            "from": "profile" if notify else "settings file",
        },
    ]
    for name in sorted(threshold_names()):
        rows.append(
            {
                "setting": name,
                "value": str(getattr(ws.settings, name)),
                "from": "profile" if name in own else "settings file",
            }
        )
    return rows


@click.group(
    invoke_without_command=True,
    epilog="""\b
Examples:
  afterview profile
  afterview --workspace alex profile set --timezone Europe/Berlin --threshold thank_you_days=2
  afterview profile set --notify 'apprise:mailto://me:{keyring:mail}@example.com'
  afterview profile set --unset notify
""",
)
@json_option
@click.pass_context
def profile(ctx: click.Context, as_json: bool) -> None:
    """This workspace's own settings: time zone, notifier URLs, thresholds.

    Each wins over the settings file's for this workspace only; what the profile leaves out
    comes from the settings file. Shown with where each value comes from.
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = _rows()
    if as_json:
        echo_json(rows)
        return
    out = console()
    title = f"profile of workspace {state_of().workspace().name}"
    cells = [(text(r["setting"]), text(r["value"]), text(r["from"])) for r in rows]
    out.print(table(title, ("setting", "value", "from"), cells))


def _threshold(
    _ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, int]:
    chosen: dict[str, int] = {}
    for value in values:
        name, equals, number = value.partition("=")
        if not equals or not number.strip().lstrip("-").isdigit():
            raise click.BadParameter(f"{value!r} is not NAME=NUMBER", param=param)
        chosen[name.strip()] = int(number)
    return chosen


@profile.command(
    "set",
    epilog="""\b
Examples:
  afterview profile set --timezone America/New_York
  afterview profile set --threshold thank_you_days=2 --threshold stay_in_touch_days=30
  afterview profile set --unset timezone --unset thank_you_days
""",
)
@click.option("--timezone", "zone", type=TIMEZONE, help="The job seeker's IANA time zone.")
@click.option(
    "--notify",
    "notifiers",
    multiple=True,
    metavar="URL",
    help="A notifier URL for this workspace's reminders (repeatable; replaces the profile's).",
)
@click.option(
    "--threshold",
    "thresholds",
    multiple=True,
    metavar="NAME=NUMBER",
    callback=_threshold,
    help="A playbook threshold (repeatable), e.g. thank_you_days=2; see 'afterview info'.",
)
@click.option(
    "--unset",
    multiple=True,
    metavar="NAME",
    help="Back to the settings file for timezone, notify or a threshold (repeatable).",
)
def set_profile(
    zone: str | None,
    notifiers: tuple[str, ...],
    thresholds: dict[str, int],
    unset: tuple[str, ...],
) -> None:
    """Change this workspace's own settings; what is not named stays as it was."""
    known = threshold_names()
    for name in unset:
        if name not in known and name not in _FIELDS:
            choices = ", ".join((*_FIELDS, *sorted(known)))
            raise click.BadParameter(f"{name!r} is none of {choices}", param_hint="'--unset'")
    if not (zone or notifiers or thresholds or unset):
        raise click.UsageError("nothing to set: give --timezone, --notify, --threshold or --unset")
    if notifiers:
        _check_claimed(notifiers)
    ws = state_of().workspace()
    current = ws.state.profile
    timezone = current.timezone if current is not None else None
    urls = current.notify if current is not None else ()
    own = dict(current.thresholds) if current is not None else {}
    if "timezone" in unset:
        timezone = None
    if "notify" in unset:
        urls = ()
    for name in unset:
        own.pop(name, None)
    own.update(thresholds)
    ws.set_profile(timezone=zone or timezone, notify=notifiers or urls, thresholds=own)
    recorded(f"Profile of workspace {ws.name!r} set.")


def _check_claimed(urls: tuple[str, ...]) -> None:
    """Every URL is one an installed plugin opens, as ``remind`` would need it: a profile that
    names another would leave the job seeker without reminders.

    :raises UnclaimedURLError: naming the URL by its scheme only.
    """
    from afterview.errors import UnclaimedURLError
    from afterview.masking import mask_url
    from afterview.plugin_manager import get_plugin_manager

    claimed = get_plugin_manager().claimed_schemes("notifier")
    for url in urls:
        if not any(url.startswith(prefix) for prefix in claimed):
            raise UnclaimedURLError(
                f"no installed plugin opens the notifier URL {mask_url(url, scheme_only=True)!r}; "
                f"notifier URLs claimed: {', '.join(claimed) or 'none'}"
            )


COMMANDS = (profile,)
