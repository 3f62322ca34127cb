"""Hooks: the ``inbox`` command, and forgetting a person's proposals.

Registering is cheap: click and the command's module load when the command line asks for its
commands; imap-tools only when an IMAP folder is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from afterview import hookimpl

if TYPE_CHECKING:
    import click

__all__: list[str] = []


@hookimpl
def afterview_cli_commands() -> Sequence[click.Command]:
    from afterview_mail.commands import inbox

    return [inbox]


@hookimpl
def afterview_contact_forgotten(
    workspace: str, person_id: str, names_them: Callable[[str], bool]
) -> None:
    """Remove the proposals about the person, or naming them, wherever this workspace's are."""
    from afterview_mail.proposals import forget_person

    forget_person(workspace, person_id, names_them)
