"""The root ``afterview`` command: global options, error handling and exit codes.

Every error afterview raises on purpose becomes one line on stderr, ``afterview: error: …``, and
a stable exit code (:data:`EXIT_CODES`); ``--debug`` adds the traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final, NoReturn

import click

from afterview.cli.commands import (
    applications,
    ats,
    contacts,
    data,
    feedback,
    reading,
    relationship,
    remind,
    writing,
)
from afterview.cli.context import NOW, TIMEZONE, CliState, state_of
from afterview.cli.render import shown
from afterview.errors import (
    AfterviewError,
    ConcurrencyError,
    CorruptRecordError,
    DataError,
    EventRejected,
    NotFoundError,
    PluginError,
)
from afterview.plugin_manager import get_plugin_manager
from afterview.wording import event_words

__all__ = ["EXIT_CODES", "cli"]

OK: Final = 0
FINDINGS: Final = 1
USAGE: Final = 2
NOT_FOUND: Final = 3
REFUSED: Final = 4
CONFLICT: Final = 5
ENVIRONMENT: Final = 6
PARTIAL: Final = 7
INTERNAL: Final = 70
INTERRUPTED: Final = 130

#: What each exit code means; docs/cli.md has the same table.
EXIT_CODES: Final = {
    OK: "success",
    FINDINGS: "lint found problems in the text",
    USAGE: "usage error: unknown option, missing argument, bad date",
    NOT_FOUND: "a name or id matches nothing (or several things)",
    REFUSED: "refused: bad input, or an event that does not fit the workspace; nothing stored",
    CONFLICT: "another writer changed the workspace first; nothing stored, run it again",
    ENVIRONMENT: "store, plugin, settings or file error",
    PARTIAL: "ats-import left records out (listed); the others were imported",
    INTERNAL: "a bug in afterview or a plugin (rerun with --debug and report it)",
    INTERRUPTED: "interrupted, or a confirmation answered no",
}


def exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, NotFoundError):
        return NOT_FOUND
    if isinstance(exc, EventRejected | DataError):
        return REFUSED
    if isinstance(exc, ConcurrencyError):
        return CONFLICT
    if isinstance(exc, AfterviewError | OSError):
        return ENVIRONMENT
    return INTERNAL


class _Failure(Exception):
    """Carries an error out of the command with the ``--debug`` flag it ran with."""

    def __init__(self, error: BaseException, debug: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.debug = debug


def _plain(error: BaseException) -> str:
    """The error as the job seeker reads it: a refused event by what it means, not its type."""
    if isinstance(error, EventRejected):
        return f"not recorded ({event_words(error.event_type)}): {error.reason}"
    if isinstance(error, CorruptRecordError):
        return f"{error}; 'afterview export --salvage' saves every other record"
    return str(error)


def _fail(message: str, code: int) -> NoReturn:
    # One line, always: scripts read the first line of stderr.
    click.echo(f"afterview: error: {shown(' '.join(message.split()))}", err=True)
    sys.exit(code)


#: Commands that afterview's own plugins add, and the package that brings each: a user who
#: types one without the plugin learns what to install instead of "no such command".
PLUGIN_COMMANDS: Final = {"invitation": "afterview-ics"}
log = logging.getLogger("afterview.cli")


class AfterviewGroup(click.Group):
    """The root group: turns exceptions into one line and an exit code, and adds the commands
    plugins bring (``afterview_cli_commands``) after the built-in ones."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        # Plugins are asked only for a name that is not built in: a broken plugin never stands
        # in the way of afterview's own commands.
        command = get_plugin_manager().cli_commands().get(cmd_name)
        if command is None and cmd_name in PLUGIN_COMMANDS:
            from afterview.cli.install_hints import plugin_install_hint

            package = PLUGIN_COMMANDS[cmd_name]
            raise PluginError(
                f"the {cmd_name} command comes with the {package} plugin, which is not "
                f"installed; {plugin_install_hint(package)}"
            )
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = set(super().list_commands(ctx))
        try:
            names |= set(get_plugin_manager().cli_commands())
        except AfterviewError as exc:
            log.warning("%s", exc)
        return sorted(names)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            raise _Failure(exc, state_of(ctx).debug) from exc
        finally:
            state_of(ctx).close()

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args, prog_name or "afterview", complete_var, standalone_mode=False, **extra
            )
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group: its help, as usual
                click.echo(exc.format_message())
                sys.exit(USAGE)
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            _fail(exc.format_message() + hint, USAGE)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            _fail("aborted", INTERRUPTED)
        except _Failure as failure:
            error = failure.error
            code = exit_code_for(error)
            if failure.debug:
                traceback.print_exception(error, file=sys.stderr)
            if code == INTERNAL:
                detail = f"internal error: {type(error).__name__}: {error}"
                if not failure.debug:
                    detail += " (rerun with --debug for the traceback)"
                _fail(detail, code)
            _fail(_plain(error), code)
        code = result if isinstance(result, int) else OK
        if not standalone_mode:
            return code
        sys.exit(code)


@click.group(
    cls=AfterviewGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Examples:
  afterview demo
  afterview org add "Acme Analytics"
  afterview --now 2026-05-04T09:00+02:00 agenda --json
""",
)
@click.option(
    "--store",
    "store_url",
    metavar="URL",
    help="Store URL (memory://, sqlite:///path; add ?workspaces=NAME,… to reach only those). "
    "Default: AFTERVIEW_STORE, the settings file, "
    "or the SQLite file in your data directory.",
)
@click.option(
    "--workspace",
    "workspace_name",
    metavar="NAME",
    envvar="AFTERVIEW_WORKSPACE",
    help="Workspace: one job search. Default: AFTERVIEW_WORKSPACE, the one workspace a "
    "store URL scoped with ?workspaces=NAME names, or 'default'.",
)
@click.option(
    "--now",
    "fixed_now",
    type=NOW,
    help="A fixed clock, with its UTC offset, for reproducible runs.",
)
@click.option(
    "--timezone",
    type=TIMEZONE,
    help="Your IANA time zone (Europe/Berlin) for dates, deadlines and times shown. "
    "Default: timezone in the settings file, else the system's.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="afterview", prog_name="afterview")
@click.pass_context
def cli(
    ctx: click.Context,
    *,
    store_url: str | None,
    workspace_name: str | None,
    fixed_now: datetime | None,
    timezone: str | None,
    debug: bool,
) -> None:
    """What to do after an interview: thank, ask, learn, keep in touch.

    Record what happened, then ask 'afterview agenda' what to do next.
    """
    state = ctx.ensure_object(CliState)
    state.debug = debug or bool(os.environ.get("AFTERVIEW_DEBUG"))
    state.store_url = store_url
    state.workspace_name = workspace_name
    state.fixed_now = fixed_now
    state.timezone = timezone


for _module in (
    contacts,
    applications,
    feedback,
    relationship,
    reading,
    writing,
    data,
    remind,
    ats,
):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
