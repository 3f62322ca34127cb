"""Names with control characters are kept as typed and shown escaped: a name holding ``ESC[2J``
prints as ``\\x1b[2J`` in tables and in plain output, and never clears the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterview.cli import render
from cli_support import NOW, Cli

CLEAR = "\x1b[2J"
NAMES = {
    "escape": (f"Dana{CLEAR}Reyes", "Dana\\x1b[2JReyes"),
    "bell and carriage return": ("Dana\a\rReyes", "Dana\\x07\\x0dReyes"),
    "C1 control": ("Dana\x9b2JReyes", "Dana\\x9b2JReyes"),
    "bidi override": ("Dana\u202eseyeR", "Dana\\u202eseyeR"),
}


def test_shown_escapes_what_a_terminal_would_act_on() -> None:
    for raw, escaped in NAMES.values():
        assert render.shown(raw) == escaped
    assert render.shown("Zoë Ōtsuka 山田 [bold]") == "Zoë Ōtsuka 山田 [bold]"
    assert render.shown("two\nlines\tand a tab") == "two\\x0alines\\x09and a tab"
    assert render.plain("two\nlines\tand a tab\x1b[2J") == "two\nlines\tand a tab\\x1b[2J"


@pytest.mark.parametrize("kind", list(NAMES))
def test_control_characters_in_names_are_shown_escaped_everywhere(
    tmp_path: Path, kind: str
) -> None:
    raw, escaped = NAMES[kind]
    run = Cli(tmp_path)
    run.ok("org", "add", f"Acme{raw}")
    run.ok("apply", f"Acme{raw}", f"Analyst{raw}")
    run.ok("person", "add", raw, "--role", "interviewer", "--org", f"Acme{raw}")
    run.ok("interview", "schedule", "Acme", NOW, "--with", raw)
    run.ok("interview", "held", "Acme", "--latest", "--at", NOW)
    run.ok("decision", "Acme", "rejected", "--at", NOW)
    outputs = {
        "org list": run.ok("org", "list").output,
        "person list": run.ok("person", "list").output,
        "status": run.ok("status").output,
        "agenda": run.ok("agenda").output,
        "draft": run.ok("draft", "request", "Acme", raw).output,
        "draft thanks": run.ok("draft", "thanks", "Acme", raw).output,
    }
    for command, output in outputs.items():
        assert raw not in output, command
        for char in raw:
            if not char.isprintable() and char not in "\n":
                assert char not in output, (command, char)
    assert escaped in outputs["person list"]
    assert escaped in outputs["agenda"]
    assert escaped in outputs["draft"]
    assert f"Acme{escaped}" in outputs["status"]
    # JSON is for programs: it keeps the exact name (escaped the JSON way).
    (person,) = run.json("person", "list")
    assert person["name"] == raw
