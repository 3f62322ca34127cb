"""afterview for AI assistants: ``afterview mcp`` serves one workspace over the Model Context
Protocol, with the agenda, insights, drafts and the linter as tools, a tool for each fact of the
playbook, the playbook itself as a resource, and two prompts.

Importing this package is cheap: the MCP SDK (and pydantic, starlette, uvicorn behind it) load
when a public name is first used (PEP 562), so registering the plugin does not slow down every
afterview command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterview import lazy_exports

if TYPE_CHECKING:
    from afterview_mcp.reading import READING_TOOLS
    from afterview_mcp.recording import RECORDING_TOOLS, TOOL_OF
    from afterview_mcp.server import build_server
    from afterview_mcp.session import Session

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "READING_TOOLS": "afterview_mcp.reading",
        "RECORDING_TOOLS": "afterview_mcp.recording",
        "TOOL_OF": "afterview_mcp.recording",
        "Session": "afterview_mcp.session",
        "build_server": "afterview_mcp.server",
    },
)

__all__ = ["READING_TOOLS", "RECORDING_TOOLS", "TOOL_OF", "Session", "build_server"]
