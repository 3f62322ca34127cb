"""Hooks: the ``mcp`` command.

Registering is cheap: click and the command's module load when the command line asks for its
commands; the MCP SDK only when the server starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from afterview import hookimpl

if TYPE_CHECKING:
    import click

__all__: list[str] = []


@hookimpl
def afterview_cli_commands() -> Sequence[click.Command]:
    from afterview_mcp.command import mcp

    return [mcp]
