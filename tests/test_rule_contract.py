"""The rule contract of ``afterview.testing``: every built-in rule keeps it, and it catches a
plugin rule that breaks it, saying which part failed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from afterview import Advice, Settings, State, Subject, never, rule
from afterview.events import ThankYouSent
from afterview.model import InterviewStatus
from afterview.playbook.builtin import BUILTIN_RULES
from afterview.testing import RuleContract, RuleContractError
from afterview.testing.rules import (
    check_advice,
    check_rule_metadata,
    check_wake,
    rule_contract_machine,
)
from afterview.workspace import Workspace
from conftest import T0, Clock, counting_ids


class TestBuiltinRules(RuleContract):
    rules = BUILTIN_RULES


@rule("XY301", "thank-them-forever", resolved_by=(ThankYouSent,))
def thank_them_forever(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Says to thank everyone met, and never looks whether a note was sent: its advice stays
    after the ThankYouSent it lists, which is what the contract must catch."""
    for interview in state.interviews.values():
        if interview.status is InterviewStatus.HELD and interview.held_at is not None:
            for person_id in interview.everyone:
                yield thank_them_forever.advise(
                    message="Thank them",
                    due=interview.held_at + timedelta(days=1),
                    subjects=(Subject("interview", interview.id), Subject("person", person_id)),
                )


def test_the_contract_catches_a_rule_that_keeps_resolved_advice() -> None:
    machine = rule_contract_machine([thank_them_forever])
    with pytest.raises(RuleContractError, match=r"resolution: rule XY301 .* keeps advice"):
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=200,
                stateful_step_count=30,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            ),
        )


def _held_interview_state() -> State:
    ws = Workspace.open("memory://", clock=Clock(T0), ids=counting_ids())
    org = ws.add_organization("Acme")
    dana = ws.add_contact("Dana", "interviewer", organization=org)
    app = ws.submit_application(org, "Analyst")
    interview = ws.schedule_interview(app, T0 - timedelta(hours=2), interviewers=[dana])
    ws.record_interview_held(interview)
    return ws.state


@rule("XY302", "about-a-ghost")
def about_a_ghost(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Names a person the workspace does not hold."""
    yield about_a_ghost.advise(message="x", due=now, subjects=(Subject("person", "per_nobody"),))


@rule("XY303", "dice")
def dice(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Different advice each time it runs."""
    yield dice.advise(message="x", due=now + timedelta(minutes=random.randrange(10**9)))


@rule("XY304", "crashes")
def crashes(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Fails on every workspace."""
    yield from ()
    raise KeyError("boom")


@pytest.mark.parametrize(
    ("broken", "part"),
    [
        (about_a_ghost, "known subjects: rule XY302 .*per_nobody, which is not there"),
        (dice, "determinism: rule XY303"),
        (crashes, "it runs: rule XY304 .* raised KeyError"),
    ],
)
def test_the_contract_says_which_part_a_broken_rule_fails(broken: object, part: str) -> None:
    with pytest.raises(RuleContractError, match=part):
        check_advice(broken, _held_interview_state(), T0, Settings(timezone="UTC"))  # type: ignore[arg-type]


def test_a_rule_that_reads_an_unknown_setting_fails_the_metadata_part() -> None:
    @rule("XY305", "typo", settings=("offer_thank_you_days",))
    def typo(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
        """Reads a setting that does not exist."""
        yield from ()

    with pytest.raises(RuleContractError, match=r"metadata: rule XY305 .*offer_thank_you_days"):
        check_rule_metadata(typo)
    check_rule_metadata(typo, known_settings=["offer_thank_you_days"])


@rule("XY305", "say-it-again-next-week", wakes=never)
def next_week(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Advises a week after each held interview, and says it never wakes: a reminder round
    trusting that would never see its advice appear."""
    for interview in state.interviews.values():
        if interview.held_at is not None and now >= interview.held_at + timedelta(days=7):
            yield next_week.advise(
                message="Follow up", due=now, subjects=(Subject("interview", interview.id),)
            )


def test_the_contract_catches_a_rule_whose_advice_changes_before_its_wake() -> None:
    with pytest.raises(RuleContractError, match=r"wake: rule XY305 .* before the wake"):
        check_wake(next_week, _held_interview_state(), T0, Settings(timezone="UTC"))


def test_the_built_in_rules_keep_their_wakes_on_a_held_interview() -> None:
    state = _held_interview_state()
    for r in BUILTIN_RULES:
        for days in (0, 1, 3, 10):
            check_wake(r, state, T0 + timedelta(days=days), Settings(timezone="UTC"))
