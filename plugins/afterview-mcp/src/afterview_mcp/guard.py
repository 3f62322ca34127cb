"""Every tool runs behind one guard: an afterview error becomes a tool error the assistant reads
(the call fails, the server goes on), in the words the command line uses.

Tools run on the server's event loop, one at a time, so that two calls never fold or append to
the workspace at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from mcp.server.mcpserver.exceptions import ToolError

from afterview import AfterviewError
from afterview_mcp.session import Session, explain

__all__ = ["guarded"]

_R = TypeVar("_R")


def guarded(
    session: Session, tool_of: Mapping[str, str]
) -> Callable[[Callable[..., _R]], Callable[..., Any]]:
    """Wrap a tool body: same signature (the SDK reads it for the input schema), run as a
    coroutine, afterview errors raised as :class:`ToolError`."""

    def wrap(body: Callable[..., _R]) -> Callable[..., Any]:
        @functools.wraps(body)
        async def call(**arguments: Any) -> _R:
            try:
                return body(**arguments)
            except AfterviewError as exc:
                try:
                    state = session.workspace.state
                except AfterviewError:
                    state = None
                raise ToolError(explain(exc, state, dict(tool_of))) from None

        return call

    return wrap
