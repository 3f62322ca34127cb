"""``afterview mcp``: serve one workspace to an AI assistant over the Model Context Protocol,
added through the ``afterview_cli_commands`` hook.

The MCP SDK loads when the command runs, not when the command line lists it.
"""

from __future__ import annotations

import sys

import click

__all__ = ["mcp"]

#: Streamable HTTP listens here only: the server has no authentication, so it must not be
#: reachable from another machine.
LOOPBACK = "127.0.0.1"


@click.command(
    epilog="""\b
Examples:
  afterview mcp                              # stdio, for a desktop assistant
  afterview --workspace jo mcp --read-only   # no tool records anything
  afterview mcp --http --port 8765           # streamable HTTP on http://127.0.0.1:8765/mcp
See the "MCP server" page of the docs for the client configuration.
""",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Expose only the tools that read: the agenda, insights, status, drafts, lint.",
)
@click.option(
    "--http",
    is_flag=True,
    help=f"Serve streamable HTTP on {LOOPBACK} instead of stdio.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8765,
    show_default=True,
    help="The port for --http.",
)
def mcp(read_only: bool, http: bool, port: int) -> None:
    """Serve this workspace to an AI assistant over MCP: the agenda, drafts, the playbook,
    and tools that record what happened (afterview-mcp)."""
    from afterview.cli import invocation
    from afterview_mcp.server import build_server
    from afterview_mcp.session import Session

    state = invocation()
    session = Session(state.workspace(), zone=state.zone, clock=state.now)
    server = build_server(session, read_only=read_only)
    try:
        if http:
            click.echo(
                f"afterview: serving workspace {session.workspace.name!r} on "
                f"http://{LOOPBACK}:{port}/mcp",
                err=True,
            )
            server.run("streamable-http", host=LOOPBACK, port=port)
        else:
            if sys.stdin.isatty():
                # Run by hand: say what is waiting, since the protocol itself prints nothing.
                click.echo(
                    f"afterview: serving workspace {session.workspace.name!r} over stdio to an MCP "
                    "client; an assistant starts this command itself (Ctrl-D stops it)",
                    err=True,
                )
            server.run("stdio")
    finally:
        session.close()
