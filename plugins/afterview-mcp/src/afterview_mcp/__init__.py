"""afterview for AI assistants: ``afterview mcp`` serves one workspace over the Model Context
Protocol, with the agenda, insights, drafts and the linter as tools, a tool for each fact of the
playbook, the playbook itself as a resource, and two prompts.

Importing this package is cheap: the MCP SDK (and pydantic, starlette, uvicorn behind it) load
when a public name is first used (PEP 562), so registering the plugin does not slow down every
afterview command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from afterview_mcp.reading import READING_TOOLS
    from afterview_mcp.recording import RECORDING_TOOLS, TOOL_OF
    from afterview_mcp.server import build_server
    from afterview_mcp.session import Session

#: Where each public name lives.
_EXPORTS: dict[str, str] = {
    "READING_TOOLS": "afterview_mcp.reading",
    "RECORDING_TOOLS": "afterview_mcp.recording",
    "TOOL_OF": "afterview_mcp.recording",
    "Session": "afterview_mcp.session",
    "build_server": "afterview_mcp.server",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = ["READING_TOOLS", "RECORDING_TOOLS", "TOOL_OF", "Session", "build_server"]
