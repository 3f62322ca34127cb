"""``secret set`` and ``secret delete``: passwords and API keys in the system keyring, for URLs
to name as ``{keyring:SERVICE/NAME}`` (see :mod:`afterview.secret_references`)."""

from __future__ import annotations

import sys

import click

from afterview.cli.render import recorded
from afterview.errors import SecretError
from afterview.secret_references import delete_secret, keyring_reference, store_secret

__all__ = ["COMMANDS"]


@click.group()
def secret() -> None:
    """Keep passwords and API keys in the system keyring, for URLs to name."""


@secret.command(
    "set",
    epilog="""\b
Examples:
  afterview secret set greenhouse
  printf '%s' "$TOKEN" | afterview secret set ci/lever
Then name it in a URL instead of the value:
  afterview ats-import 'greenhouse://ID:{keyring:afterview/greenhouse}@acme?candidate=7'
""",
)
@click.argument("name", metavar="NAME")
def secret_set(name: str) -> None:
    """Store a secret under NAME (or SERVICE/NAME); prints the reference to put in a URL.

    The value is asked for without echo on a terminal, or read from stdin: never from the
    command line, where the shell's history would keep it. NAME alone is kept in the
    'afterview' service.
    """
    keyring_reference(name)  # a bad name fails before anything is asked
    if sys.stdin.isatty():
        value = click.prompt(
            f"secret for {name}", hide_input=True, confirmation_prompt=True, err=True
        )
    else:
        # A trailing line break is the file's or echo's, not the secret's.
        value = sys.stdin.read().removesuffix("\n").removesuffix("\r")
    if not value:
        raise SecretError("no secret was given (stdin was empty)")
    reference = store_secret(name, value)
    recorded(f"stored in the keyring; name it in a URL as {reference}", reference)


@secret.command(
    "delete",
    epilog="\b\nExample:\n  afterview secret delete greenhouse",
)
@click.argument("name", metavar="NAME")
def secret_delete(name: str) -> None:
    """Remove the secret NAME (or SERVICE/NAME) from the system keyring."""
    delete_secret(name)
    recorded(f"deleted {keyring_reference(name)} from the keyring")


COMMANDS = (secret,)
