"""Erasing someone takes their id or their whole name: ``forget ann`` never erases "Joanna Smith",
and the confirmation says whom it will erase."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterview import NotFoundError, Workspace
from afterview.cli.main import NOT_FOUND
from cli_support import Cli, fails


@pytest.fixture
def people(ws: Workspace) -> dict[str, str]:
    acme = ws.add_organization("Acme Analytics")
    return {
        "joanna": ws.add_contact("Joanna Smith", "interviewer", organization=acme),
        "zoe": ws.add_contact("Zoë Ōtsuka", "hiring_manager", organization=acme),
        "sam1": ws.add_contact("Sam Lee", "receptionist", organization=acme),
        "sam2": ws.add_contact("Sam Lee", "assistant"),
    }


@pytest.mark.parametrize("ref", ["ann", "Joanna", "smith", "Joanna Smit", "oanna Smith"])
def test_a_part_of_a_name_erases_no_one(ws: Workspace, people: dict[str, str], ref: str) -> None:
    before = len(ws.events())
    with pytest.raises(NotFoundError, match="no person is named exactly"):
        ws.forget(ref)
    assert len(ws.events()) == before
    assert ws.state.people[people["joanna"]].name == "Joanna Smith"
    # Everywhere else, a unique part of a name still finds the person.
    assert ws.person(ref).id == people["joanna"]


@pytest.mark.parametrize(
    ("ref", "who"),
    [
        ("Joanna Smith", "joanna"),
        ("  joanna   SMITH ", "joanna"),
        ("zoe otsuka", "zoe"),
        ("ZOË ŌTSUKA", "zoe"),
    ],
)
def test_the_whole_name_ignoring_case_accents_and_spaces_is_enough(
    ws: Workspace, people: dict[str, str], ref: str, who: str
) -> None:
    assert ws.person_to_forget(ref).id == people[who]
    ws.forget(ref)
    assert ws.state.people[people[who]].forgotten


def test_two_people_with_one_name_need_the_id(ws: Workspace, people: dict[str, str]) -> None:
    with pytest.raises(NotFoundError, match="2 people are named 'sam lee'; give the id"):
        ws.forget("sam lee")
    ws.forget(people["sam2"])
    assert ws.state.people[people["sam2"]].forgotten
    assert not ws.state.people[people["sam1"]].forgotten


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli.ok("org", "add", "Acme Analytics")
    cli.ok("person", "add", "Joanna Smith", "--role", "interviewer", "--org", "Acme Analytics")
    return cli


def _names(run: Cli) -> list[str]:
    return [p["name"] for p in run.json("person", "list")]


def test_forget_ann_yes_erases_no_one(run: Cli) -> None:
    line = fails(run("forget", "ann", "--yes"), NOT_FOUND)
    assert "no person is named exactly 'ann'" in line
    assert _names(run) == ["Joanna Smith"]


def test_the_confirmation_names_the_person_and_their_organization(run: Cli) -> None:
    result = run("forget", "joanna smith", input="n\n")
    assert result.exit_code != 0
    person_id = run.json("person", "list")[0]["id"]
    assert (
        f"Forget Joanna Smith (interviewer at Acme Analytics, {person_id})? This cannot be undone"
        in result.stderr
    )
    assert _names(run) == ["Joanna Smith"]
    done = run.ok("forget", "Joanna Smith", "--yes")
    assert f"forgetting Joanna Smith (interviewer at Acme Analytics, {person_id})" in done.stderr
    assert _names(run) == [""]
