"""``draft`` (our templates for requests, call scripts, thank-you notes) and ``lint``."""

from __future__ import annotations

from typing import IO

import click

from afterview.cli.context import latest_option, state_of
from afterview.cli.render import echo_json, json_option, plain, shown
from afterview.errors import DataError, NotFoundError
from afterview.linter import lint as lint_text

__all__ = ["COMMANDS"]

#: ``lint`` exits with this when it finds something, like other linters.
FINDINGS_EXIT = 1


@click.group()
def draft() -> None:
    """Drafts to adapt and send: a feedback-call request, a call script, a thank-you note."""


@draft.command(
    "request",
    epilog='\b\nExample:\n  afterview draft request "Acme Analytics" "Dana Reyes" > request.txt',
)
@click.argument("application", metavar="APPLICATION")
@click.argument("person", metavar="PERSON")
def draft_request(application: str, person: str) -> None:
    """A short message asking PERSON for a feedback call."""
    click.echo(plain(state_of().workspace().draft_feedback_request(application, person)))


@draft.command(
    "script",
    epilog='\b\nExample:\n  afterview draft script "Acme Analytics" "Dana Reyes"',
)
@click.argument("application", metavar="APPLICATION")
@click.argument("person", metavar="PERSON")
def draft_script(application: str, person: str) -> None:
    """Talking points for the feedback call, with the three follow-up questions."""
    click.echo(plain(state_of().workspace().draft_call_script(application, person)))


@draft.command(
    "thanks",
    epilog='\b\nExample:\n  afterview draft thanks "Acme Analytics" "Sam" --latest',
)
@click.argument("ref", metavar="REF")
@click.argument("person", metavar="PERSON")
@latest_option
def draft_thanks(ref: str, person: str, latest: bool) -> None:
    """A thank-you note to PERSON for an interview (its id, or an application: its latest held
    interview where PERSON was met)."""
    ws = state_of().workspace()
    if not latest and ref.startswith("int_") and ref not in ws.state.interviews:
        raise NotFoundError(f"no interview {ref!r}; 'afterview status' lists them")
    if latest or ref not in ws.state.interviews:
        # An application: the draft picks the interview itself, one that was held and where
        # this person was met, never one still to come.
        click.echo(plain(ws.draft_thank_you(ws.application_id(ref), person)))
    else:
        click.echo(plain(ws.draft_thank_you(ref, person)))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@click.command(
    epilog="""\b
Examples:
  afterview lint request.txt
  afterview draft request "Acme Analytics" "Dana Reyes" | afterview lint -
Exits with 1 when it finds something.
""",
)
@click.argument("file", type=click.File("r", encoding="utf-8"))
@json_option
@click.pass_context
def lint(ctx: click.Context, file: IO[str], as_json: bool) -> None:
    """Check a request or call script against the playbook (FILE, or - for stdin)."""
    try:
        text = file.read()
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{file.name} is not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    findings = lint_text(text)
    if as_json:
        echo_json(findings)
    else:
        name = "<stdin>" if file.name == "<stdin>" else file.name
        for finding in findings:
            line, col = _line_col(text, finding.start)
            click.echo(f"{name}:{line}:{col}: {finding.code} {finding.message}")
            click.echo(f"    {shown(finding.excerpt)}")
        if not findings:
            click.echo("no findings", err=True)
    if findings:
        ctx.exit(FINDINGS_EXIT)


COMMANDS = (draft, lint)
