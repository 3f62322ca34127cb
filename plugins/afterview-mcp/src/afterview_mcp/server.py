"""The MCP server of one workspace: the reading tools, the recording tools unless read-only,
the playbook and summary resources, and the two prompts."""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import MCPServer

from afterview_mcp.guard import guarded
from afterview_mcp.guidance import register_guidance
from afterview_mcp.reading import register_reading
from afterview_mcp.recording import TOOL_OF, register_recording
from afterview_mcp.session import Session

__all__ = ["build_server"]

_INSTRUCTIONS = """\
afterview keeps one job seeker's interview history and turns it into advice from a coach's
playbook: thank everyone met by the next day; after a rejection, ask the interviewer (not HR)
for a short call, never for reasons in writing and never about the other candidate; sort what
you hear into behaviours to change and skills to learn; after good feedback ask the three
follow-up questions; keep in touch. Start with the agenda tool. Names of people, organizations
and applications work wherever an id does. Every recording tool returns what it stored: show
it to the user. Dates are ISO 8601; without an offset they are the user's local time."""


def build_server(session: Session, *, read_only: bool = False) -> MCPServer[Any]:
    """An MCP server over ``session``'s workspace; with ``read_only``, no tool records."""
    from afterview import __version__

    # WARNING: the SDK logs a failed call's message at INFO, and that message may name the
    # user's contacts; logs stay free of them.
    server: MCPServer[Any] = MCPServer(
        "afterview",
        title="afterview",
        version=__version__,
        instructions=_INSTRUCTIONS,
        log_level="WARNING",
    )
    # Advice and errors name the tool that records a fact, unless no tool records anything.
    tool_of = {} if read_only else TOOL_OF
    guard = guarded(session, tool_of)
    register_reading(server, session, guard, tool_of)
    if not read_only:
        register_recording(server, session, guard)
    register_guidance(server, session, tool_of)
    return server
