"""The root ``afterview`` command: global options, error handling and exit codes.

Every error afterview raises on purpose becomes one line on stderr, ``afterview: error: …``, and
a stable exit code (:data:`EXIT_CODES`); ``--debug`` adds the traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final, NoReturn

import click

import afterview
from afterview.cli.commands import INDEX
from afterview.cli.context import (
    NOW,
    TIMEZONE,
    CliState,
    complete_applications,
    complete_organizations,
    complete_people,
    state_of,
)
from afterview.cli.render import FORMAT_VARIABLE, FORMATS, shown
from afterview.errors import (
    AfterviewError,
    ConcurrencyError,
    CorruptRecordError,
    DataError,
    EventRejected,
    NotFoundError,
    PluginError,
)

if TYPE_CHECKING:
    from afterview.workspace import Workspace

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
#: stdout was a pipe whose reader exited; what a shell reports for a process killed by SIGPIPE.
READER_GONE: Final = 141

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

    def __init__(self, error: BaseException, debug: bool, message: str) -> None:
        super().__init__(str(error))
        self.error = error
        self.debug = debug
        self.message = message


def _plain(error: BaseException, ws: Workspace | None = None) -> str:
    """The error as the job seeker reads it: a refused event by what it means, not its type;
    the records it names by their names (from the workspace still open), and the command to
    run first when one is missing."""
    if isinstance(error, EventRejected):
        from afterview.wording import event_command, event_words, name_records

        reason = error.reason
        if ws is not None:
            from afterview.lookup import describe  # only for the error being reported

            state = ws.state
            reason = name_records(reason, lambda record_id: describe(state, record_id))
        message = f"not recorded ({event_words(error.event_type)}): {reason}"
        first = event_command(error.needs) if error.needs else None
        if first is not None:
            message += f"; first record it with '{first}'"
        return message
    if isinstance(error, CorruptRecordError):
        return f"{error}; 'afterview export --salvage' saves every other record"
    return str(error)


def _fail(message: str, code: int) -> NoReturn:
    # One line, always: scripts read the first line of stderr.
    click.echo(f"afterview: error: {shown(' '.join(message.split()))}", err=True)
    sys.exit(code)


def _reader_gone() -> NoReturn:
    """The reader of stdout left (``afterview agenda | head -1``): stop quietly, as a tool killed
    by SIGPIPE would, without an error line or a failed flush at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(READER_GONE)


#: The root help lists the commands by task, in this order; a command not here goes under "More".
TASKS: Final = {
    "Record what happened": (
        "org",
        "person",
        "apply",
        "interview",
        "research",
        "thank",
        "decision",
        "feedback",
        "follow-up",
        "action",
        "touch",
        "stay-in-touch",
    ),
    "See what to do": ("agenda", "status", "list", "insights", "rules"),
    "Write": ("draft", "lint"),
    "Reminders and job boards": ("remind", "outbox", "calendar", "ats-import", "watch"),
    "Your data": ("correct-date", "remove", "export", "import", "forget", "demo", "secret"),
    "Where am I": ("info", "profile", "workspaces", "plugins"),
}

#: Commands that afterview's own plugins add, and the package that brings each: a user who
#: types one without the plugin learns what to install instead of "no such command".
PLUGIN_COMMANDS: Final = {"invitation": "afterview-ics", "report": "afterview-report"}


def _plugin_commands_help() -> dict[str, str]:
    """The commands plugins add and their help, for listing: remembered between runs
    (:mod:`afterview.cli.help_cache`), so that ``--help`` loads no plugin."""
    from afterview.cli.help_cache import plugin_commands_help

    def load() -> tuple[dict[str, str], bool]:
        from afterview.plugin_manager import get_plugin_manager

        manager = get_plugin_manager()
        try:
            commands = manager.cli_commands()
        except AfterviewError as exc:
            import logging

            logging.getLogger("afterview.cli").warning("%s", exc)
            return {}, False
        listed = {
            name: command.get_short_help_str(limit=10**6)
            for name, command in commands.items()
            if not command.hidden
        }
        return listed, all(info.loaded for info in manager.plugins())

    return plugin_commands_help(load)


class AfterviewGroup(click.Group):
    """The root group: turns exceptions into one line and an exit code, imports a built-in
    command's module only when that command runs (:data:`afterview.cli.commands.INDEX`), and adds
    the commands plugins bring (``afterview_cli_commands``) after the built-in ones."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        if cmd_name in INDEX:
            return self._load(cmd_name)
        # Plugins are asked only for a name that is not built in: a broken plugin never stands
        # in the way of afterview's own commands.
        from afterview.plugin_manager import get_plugin_manager

        command = get_plugin_manager().cli_commands().get(cmd_name)
        if command is None and cmd_name in PLUGIN_COMMANDS:
            from afterview.cli.install_hints import plugin_install_hint

            package = PLUGIN_COMMANDS[cmd_name]
            raise PluginError(
                f"the {cmd_name} command comes with the {package} plugin, which is not "
                f"installed; {plugin_install_hint(package)}"
            )
        if command is not None:
            _complete_names(command)
        return command

    def _load(self, cmd_name: str) -> click.Command:
        module = importlib.import_module(f"afterview.cli.commands.{INDEX[cmd_name][0]}")
        for command in module.COMMANDS:
            _complete_names(command)
            self.add_command(command)  # the module's other commands come for free
        return self.commands[cmd_name]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(INDEX) | set(_plugin_commands_help()))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, as click writes it, with a built-in command's help from the
        index rather than from importing its module; by task (:data:`TASKS`), then any other (a
        plugin's) under "More"."""
        listed: list[tuple[str, str | click.Command]] = []
        plugins = _plugin_commands_help()
        for name in self.list_commands(ctx):
            if name not in self.commands:
                if name in INDEX:
                    listed.append((name, INDEX[name][1]))
                    continue
                if name in plugins:
                    listed.append((name, plugins[name]))
                    continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                listed.append((name, command))
        if not listed:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in listed)
        # A bare command carrying the indexed help shortens it exactly as the real one would.
        commands = [
            (name, click.Command(name, help=entry) if isinstance(entry, str) else entry)
            for name, entry in listed
        ]
        shorts = {name: command.get_short_help_str(limit) for name, command in commands}
        grouped = {name for names in TASKS.values() for name in names}
        sections = [*TASKS.items(), ("More", tuple(n for n in shorts if n not in grouped))]
        for title, names in sections:
            rows = [(name, shorts[name]) for name in names if name in shorts]
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            state = state_of(ctx)
            raise _Failure(exc, state.debug, _plain(exc, state.opened())) from exc
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
            if isinstance(error, BrokenPipeError):
                _reader_gone()
            code = exit_code_for(error)
            if failure.debug:
                import traceback

                traceback.print_exception(error, file=sys.stderr)
            if code == INTERNAL:
                detail = f"internal error: {type(error).__name__}: {error}"
                if not failure.debug:
                    detail += " (rerun with --debug for the traceback)"
                _fail(detail, code)
            _fail(failure.message, code)
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

\b
Environment:
  AFTERVIEW_STORE            store URL, like --store
  AFTERVIEW_WORKSPACE        workspace, like --workspace
  AFTERVIEW_CONFIG           settings file (must exist); default: settings.toml in
                             your config directory ('afterview info' shows it)
  AFTERVIEW_DEBUG            1: show tracebacks, like --debug
  AFTERVIEW_PLUGINS          load only these plugins (comma-separated entry-point names)
  AFTERVIEW_DISABLE_PLUGINS  never load these plugins (comma-separated)
  AFTERVIEW_KEEP_AGENDA      0: work the agenda out every time, keeping none
  NO_COLOR                   no colour in the output
  TZ                         your time zone when neither --timezone nor the settings
                             file name one

\b
Shell completion (commands, options, choices and the names in your workspace):
  bash: eval "$(_AFTERVIEW_COMPLETE=bash_source afterview)"   in ~/.bashrc
  zsh:  eval "$(_AFTERVIEW_COMPLETE=zsh_source afterview)"    in ~/.zshrc
  fish: _AFTERVIEW_COMPLETE=fish_source afterview | source    in config.fish
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
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS, case_sensitive=False),
    envvar=FORMAT_VARIABLE,
    help="table: draw tables; plain: tab-separated rows, one per line, values whole. "
    "Default: AFTERVIEW_FORMAT, else tables on a terminal and plain rows in a pipe or file.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
# The version afterview was built with, not importlib.metadata's: reading the installed
# distributions costs as much as the rest of --version.
@click.version_option(afterview.__version__, prog_name="afterview")
@click.pass_context
def cli(
    ctx: click.Context,
    *,
    store_url: str | None,
    workspace_name: str | None,
    fixed_now: datetime | None,
    timezone: str | None,
    output_format: str | None,
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


#: What the shell offers for an argument, by the metavar it is shown with.
_COMPLETIONS: Final = {
    "ORG": complete_organizations,
    "ORGANIZATION": complete_organizations,
    "PERSON": complete_people,
    "[PERSON]...": complete_people,
    "APPLICATION": complete_applications,
    "REF": complete_applications,
}


def _complete_names(command: click.Command) -> None:
    """Give every argument and option that names an organization, a person or an application
    the names in the workspace as shell completions (unless it has its own)."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _complete_names(sub)
    for param in command.params:
        complete = _COMPLETIONS.get(param.metavar or "")
        if complete is not None and param._custom_shell_complete is None:
            param._custom_shell_complete = complete
