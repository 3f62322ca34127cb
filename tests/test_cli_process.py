"""The installed ``afterview`` command, run as a real process against a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from afterview import PluginManager, Workspace

NOW = "2026-05-04T09:00:00+02:00"


class Process:
    def __init__(self, tmp_path: Path) -> None:
        self.db = tmp_path / "afterview.sqlite"
        (tmp_path / "settings.toml").touch()  # AFTERVIEW_CONFIG must name a file that exists
        self.env = {
            **os.environ,
            "AFTERVIEW_STORE": f"sqlite:///{self.db}",
            "AFTERVIEW_CONFIG": str(tmp_path / "settings.toml"),
            "NO_COLOR": "1",
            "COLUMNS": "200",
        }
        for name in ("AFTERVIEW_WORKSPACE", "AFTERVIEW_DEBUG"):
            self.env.pop(name, None)
        self.cwd = tmp_path

    def __call__(self, *args: str, now: str | None = NOW) -> subprocess.CompletedProcess[str]:
        prefix = ["--now", now] if now else []
        return subprocess.run(
            [sys.executable, "-m", "afterview.cli", *prefix, *args],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.cwd,
            check=False,
        )

    def ok(self, *args: str) -> str:
        result = self(*args)
        assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
        return result.stdout

    def events(self, workspace: str = "default") -> int:
        with Workspace.open(
            f"sqlite:///{self.db}",
            name=workspace,
            plugin_manager=PluginManager(load_entry_points=False),
        ) as ws:
            return len(ws.events())


@pytest.fixture
def afterview(tmp_path: Path) -> Process:
    return Process(tmp_path)


def test_a_new_user_runs_the_demo_then_records_their_own_interview(afterview: Process) -> None:
    assert "Recorded the demo story" in afterview.ok("demo")
    assert "already in workspace" in afterview.ok("demo")
    afterview.ok("org", "add", "Acme Analytics")
    dana = afterview.ok(
        "person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics"
    ).strip()
    afterview.ok("person", "add", "Sam Ortiz", "--role", "receptionist", "--org", "Acme Analytics")
    afterview.ok("apply", "Acme Analytics", "Data Analyst", "--at", "2026-04-20")
    afterview.ok("interview", "schedule", "Acme Analytics", "2026-05-01T10:00", "--with", dana)
    afterview.ok(
        "interview",
        "held",
        "Acme Analytics",
        "--latest",
        "--met",
        "Sam",
        "--at",
        "2026-05-01T11:00",
    )
    agenda = json.loads(afterview.ok("agenda", "--json"))
    to_thank = [a for a in agenda if a["code"] == "AV301"]
    assert len(to_thank) == 2
    terminal = afterview.ok("agenda")
    assert "Sam Ortiz" in terminal
    assert "Lindqvist" not in terminal  # the demo lives in its own workspace
    assert afterview.events("demo") > 0


@pytest.mark.parametrize(
    ("args", "now", "code", "says"),
    [
        (("thank", "int_x", "Nobody"), NOW, 3, "no interview"),
        (("person", "card", "Nobody", "--email", "a@b.example"), NOW, 3, "no person"),
        (("apply", "Acme Analytics", "Analyst", "--at", "yesterday"), NOW, 2, "ISO 8601"),
        (("agenda",), "2026-05-04T09:00", 2, "UTC offset"),
        (("--store", "nosuch:///x", "agenda"), NOW, 6, "store URL 'nosuch://…'"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_stores_nothing(
    afterview: Process, args: tuple[str, ...], now: str, code: int, says: str
) -> None:
    afterview.ok("org", "add", "Acme Analytics")
    before = afterview.events()
    result = afterview(*args, now=now)
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("afterview: error: ")
    assert says in result.stderr
    assert afterview.events() == before


def test_a_corrupted_export_is_refused_and_nothing_is_imported(
    afterview: Process, tmp_path: Path
) -> None:
    afterview.ok("demo")
    export = tmp_path / "demo.json"
    afterview.ok("--workspace", "demo", "export", "-o", str(export))
    text = export.read_text(encoding="utf-8")
    corrupted = tmp_path / "corrupted.json"
    corrupted.write_text(text.replace('"ThankYouSent"', '"ThankYouSentX"', 1), encoding="utf-8")
    result = afterview("--workspace", "restored", "import", str(corrupted))
    assert result.returncode == 4
    assert "unknown event type 'ThankYouSentX'" in result.stderr
    assert result.stderr.count("\n") == 1
    assert afterview.events("restored") == 0
    afterview.ok("--workspace", "restored", "import", str(export))
    assert afterview.events("restored") == afterview.events("demo")


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "afterview"
    assert script.exists(), "run: pip install -e '.[cli]'"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "afterview" in result.stdout


def test_an_import_that_stops_says_so_in_one_line(afterview: Process, tmp_path: Path) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    class Refusing(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the token request: credentials refused
            self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refusing)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        url = f"greenhouse://id:S3CRET@acme?candidate=1&auth={base}&api={base}"
        result = afterview("ats-import", url)
    finally:
        server.shutdown()
        server.server_close()

    assert result.returncode == 6, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("afterview: error: the import stopped early")
    assert "S3CRET" not in result.stderr


def test_remind_all_exits_6_naming_a_workspace_it_could_not_visit_after_visiting_the_rest(
    afterview: Process,
) -> None:
    """For cron: a round that left a job seeker out must not look like a clean one."""
    for workspace in ("ana", "ben"):
        steps = (
            ("org", "add", "Acme Analytics"),
            ("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics"),
            ("apply", "Acme Analytics", "Data Analyst", "--at", "2026-04-20"),
            ("interview", "schedule", "Acme Analytics", "2026-05-01T10:00", "--with", "Dana"),
            ("interview", "held", "Acme Analytics", "--latest", "--at", "2026-05-01T11:00"),
        )
        for step in steps:
            afterview.ok("--workspace", workspace, *step)
    import sqlite3

    with sqlite3.connect(afterview.db) as db:
        db.execute("UPDATE events SET data = 'not a record' WHERE workspace = 'ben'")
        db.execute("DELETE FROM snapshots")

    result = afterview("remind", "--all", "--notify", "console:")

    assert result.returncode == 6, (result.stdout, result.stderr)
    assert "[ana] AV" in result.stdout  # the others' reminders went out
    assert "1 could not be read" in result.stdout
    assert "workspace 'ben' not visited" in result.stderr
    assert result.stderr.count("'ben'") == 1  # once, not again through the library's log
