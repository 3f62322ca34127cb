"""What the MCP tests share: a SQLite store on disk, ``afterview mcp`` started as a subprocess
the way an assistant starts it, and the SDK's own client talking to it, with a transcript of
every exchange."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.types import CallToolResult, TextContent

from afterview import Workspace

#: The server's clock (``--now``) and the job seeker's zone (``--timezone``).
NOW = "2026-05-08T09:00+02:00"
ZONE = "Europe/Paris"


def environment(tmp_path: Path) -> dict[str, str]:
    """The variables the server starts with: its own cache and config folders, no colour."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "NO_COLOR": "1",
    }


def open_workspace(store: str, name: str = "default") -> Workspace:
    return Workspace.open(store, name=name, clock=lambda: datetime.fromisoformat(NOW))


def seed_interview(store: str, name: str = "default") -> None:
    """Acme Analytics: an interview with Dana Reyes held on 6 May, Sam Ortiz (reception) met
    too, no thank-you note yet."""
    with open_workspace(store, name) as ws:
        acme = ws.add_organization("Acme Analytics")
        dana = ws.add_contact("Dana Reyes", "interviewer", organization=acme)
        sam = ws.add_contact("Sam Ortiz", "receptionist", organization=acme)
        app = ws.submit_application(acme, "Data Analyst", at=_at("2026-04-20T12:00+02:00"))
        interview = ws.schedule_interview(
            app,
            _at("2026-05-06T10:00+02:00"),
            interviewers=[dana],
            at=_at("2026-04-28T12:00+02:00"),
        )
        ws.record_interview_held(
            interview, people_met=[sam], nobody_else=True, at=_at("2026-05-06T11:00+02:00")
        )


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Session:
    """The client side of one server process, noting each request and what came back."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.transcript: list[str] = []

    async def call(self, tool: str, **arguments: Any) -> CallToolResult:
        result = await self.client.call_tool(tool, arguments)
        self.transcript.append(f"→ tools/call {tool} {json.dumps(arguments, ensure_ascii=False)}")
        if result.is_error:
            self.transcript.append(f"← error: {text_of(result)}")
        else:
            shown = json.dumps(result.structured_content, ensure_ascii=False, indent=2)
            self.transcript.append(f"← {shown}")
        return result

    async def data(self, tool: str, **arguments: Any) -> dict[str, Any]:
        """A call that must succeed: its structured content."""
        result = await self.call(tool, **arguments)
        assert not result.is_error, text_of(result)
        assert result.structured_content is not None
        return result.structured_content

    async def error(self, tool: str, **arguments: Any) -> str:
        """A call that must fail as a tool error: its message."""
        result = await self.call(tool, **arguments)
        assert result.is_error, result.structured_content
        return text_of(result)


def text_of(result: CallToolResult) -> str:
    return "".join(c.text for c in result.content if isinstance(c, TextContent))


@asynccontextmanager
async def serve(
    tmp_path: Path, store: str, *args: str, workspace: str | None = None
) -> AsyncIterator[Session]:
    """``afterview --store STORE [--workspace W] --now NOW --timezone ZONE mcp ARGS`` over
    stdio; the server's stderr is kept in ``server-stderr.log``."""
    chosen = () if workspace is None else ("--workspace", workspace)
    parameters = StdioServerParameters(
        command=sys.executable,
        args=[
            "-m",
            "afterview.cli",
            "--store",
            store,
            *chosen,
            "--now",
            NOW,
            "--timezone",
            ZONE,
            "mcp",
            *args,
        ],
        env=environment(tmp_path),
        cwd=str(tmp_path),
    )
    with (tmp_path / "server-stderr.log").open("w") as errors:
        # The server's stderr goes to a file, for the tests that read what it logs.
        async with Client(stdio_client(parameters, errlog=errors)) as client:
            yield Session(client)
