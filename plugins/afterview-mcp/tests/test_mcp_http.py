"""``afterview mcp --http``: streamable HTTP on 127.0.0.1, driven by the SDK's client over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from afterview_mcp_fixtures import NOW, ZONE, environment, open_workspace, seed_interview
from mcp import Client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port)).close()
    except OSError:
        return False
    return True


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[tuple[str, int, Path]]:
    store = f"sqlite:///{tmp_path / 'afterview.sqlite'}"
    seed_interview(store)
    port = free_port()
    log = tmp_path / "server-stderr.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "afterview.cli",
                "--store",
                store,
                "--now",
                NOW,
                "--timezone",
                ZONE,
                "mcp",
                "--http",
                "--port",
                str(port),
            ],
            env=environment(tmp_path),
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        try:
            # Start-up takes a moment: look for the socket a bounded number of times.
            for _ in range(600):
                if listening(port) or process.poll() is not None:
                    break
                time.sleep(0.05)
            assert process.poll() is None, log.read_text(encoding="utf-8")
            yield store, port, log
        finally:
            process.terminate()
            process.wait()


def test_streamable_http_serves_the_same_tools_on_the_loopback(
    http_server: tuple[str, int, Path],
) -> None:
    store, port, log = http_server

    async def session() -> None:
        async with Client(f"http://127.0.0.1:{port}/mcp") as client:
            names = [t.name for t in (await client.list_tools()).tools]
            assert "agenda" in names
            assert "record_thank_you" in names
            done = await client.call_tool(
                "record_thank_you", {"interview": "Acme", "person": "Sam"}
            )
            assert not done.is_error
            assert done.structured_content is not None
            assert done.structured_content["summary"] == "thank-you note to Sam Ortiz recorded"
            agenda = await client.call_tool("agenda", {})
            assert agenda.structured_content is not None
            people = {
                s["name"]
                for a in agenda.structured_content["items"]
                if a["code"] == "AV301"
                for s in a["subjects"]
                if s["kind"] == "person"
            }
            assert people == {"Dana Reyes"}

    anyio.run(session)
    assert f"on http://127.0.0.1:{port}/mcp" in log.read_text(encoding="utf-8")
    with open_workspace(store) as ws:
        assert len(ws.state.thank_yous) == 1


def test_a_request_naming_another_host_is_refused(http_server: tuple[str, int, Path]) -> None:
    """DNS rebinding: a web page may make a browser send requests to 127.0.0.1 under a name of
    its own; the server answers only to local names."""
    _, port, _ = http_server
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/mcp",
        data=b"{}",
        headers={
            "Host": f"attacker.example:{port}",
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
        },
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    refused.value.close()
    assert refused.value.code in (400, 403, 421)
