"""``afterview mcp`` as an assistant meets it: a real process over stdio, driven by the MCP SDK's
own client, on a SQLite store on disk."""

from __future__ import annotations

import json
from pathlib import Path

import afterview_mcp
import anyio
import pytest
from afterview_mcp_fixtures import open_workspace, seed_interview, serve, text_of
from mcp import MCPError

READING = list(afterview_mcp.READING_TOOLS)
RECORDING = list(afterview_mcp.RECORDING_TOOLS)


@pytest.fixture
def store(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'afterview.sqlite'}"


def test_the_server_lists_every_tool_with_its_schemas_and_never_forget(
    tmp_path: Path, store: str
) -> None:
    async def session() -> None:
        async with serve(tmp_path, store) as s:
            tools = (await s.client.list_tools()).tools
            names = [t.name for t in tools]
            assert names == READING + RECORDING
            assert not any("forget" in n or "remove" in n for n in names)
            for tool in tools:
                assert tool.description, tool.name
                assert tool.output_schema is not None, tool.name
                # One workspace: no tool lets the assistant name another.
                assert "workspace" not in tool.input_schema.get("properties", {}), tool.name
                assert tool.annotations is not None
                assert tool.annotations.read_only_hint is (tool.name in READING), tool.name
            decision = next(t for t in tools if t.name == "record_decision")
            kind = decision.input_schema["properties"]["kind"]
            assert kind["enum"] == ["offer", "rejected", "on_hold", "eliminated", "withdrawn"]
            resources = [str(r.uri) for r in (await s.client.list_resources()).resources]
            assert resources == ["afterview://playbook", "afterview://workspace/summary"]
            prompts = (await s.client.list_prompts()).prompts
            assert [(p.name, p.title) for p in prompts] == [
                ("prepare_feedback_call", "Prepare my feedback call"),
                ("weekly_review", "Weekly review"),
            ]

    anyio.run(session)


def test_read_only_exposes_no_recording_tool(tmp_path: Path, store: str) -> None:
    seed_interview(store)

    async def session() -> None:
        async with serve(tmp_path, store, "--read-only") as s:
            names = [t.name for t in (await s.client.list_tools()).tools]
            assert names == READING
            message = await s.error("record_thank_you", interview="Acme", person="Dana")
            assert "Unknown tool: record_thank_you" in message
            agenda = await s.data("agenda")
            assert agenda["count"] > 0
            # Advice names no tool the assistant could not call.
            settling = [f for a in agenda["items"] for f in a["resolved_by"]]
            assert "a thank-you note sent" in settling
            assert not any("(" in f for f in settling)

    anyio.run(session)
    with open_workspace(store) as ws:
        assert not ws.state.thank_yous


def test_a_recorded_fact_changes_the_agenda_the_next_call_returns(
    tmp_path: Path, store: str
) -> None:
    seed_interview(store)
    transcript: list[str] = []

    async def session() -> None:
        async with serve(tmp_path, store) as s:
            before = await s.data("agenda", application="Acme")
            thanks = [a for a in before["items"] if a["code"] == "AV301"]
            assert {s["name"] for a in thanks for s in a["subjects"] if s["kind"] == "person"} == {
                "Dana Reyes",
                "Sam Ortiz",
            }
            assert all(a["overdue"] for a in thanks)

            done = await s.data("record_thank_you", interview="Acme", person="Dana", medium="email")
            assert done["summary"] == "thank-you note to Dana Reyes recorded"
            (fact,) = done["recorded"]
            assert fact["fact"] == "a thank-you note sent"
            assert fact["at"] == "2026-05-08T09:00:00+02:00"
            assert fact["details"]["medium"] == "email"
            assert fact["names"][fact["details"]["person_id"]] == "Dana Reyes"

            after = await s.data("agenda", application="Acme")
            left = [a for a in after["items"] if a["code"] == "AV301"]
            assert [
                sub["name"] for a in left for sub in a["subjects"] if sub["kind"] == "person"
            ] == ["Sam Ortiz"]
            transcript.extend(s.transcript)

    anyio.run(session)
    # The store holds what the tool said it recorded.
    with open_workspace(store) as ws:
        (note,) = ws.state.thank_yous.values()
        assert ws.state.people[note.person_id].name == "Dana Reyes"
    (tmp_path / "transcript.txt").write_text("\n".join(transcript), encoding="utf-8")


def test_errors_are_tool_errors_and_the_server_goes_on(tmp_path: Path, store: str) -> None:
    seed_interview(store)

    async def session() -> None:
        async with serve(tmp_path, store) as s:
            assert await s.error("record_decision", application="Globex", kind="rejected") == (
                "Error executing tool record_decision: not found: no application matches 'Globex'"
            )
            assert "no person matches 'Nobody'" in await s.error(
                "record_thank_you", interview="Acme", person="Nobody"
            )
            bad_date = await s.error("schedule_interview", application="Acme", when="next Tuesday")
            assert "refused: when: 'next Tuesday' is not an ISO 8601 date" in bad_date
            out_of_range = await s.error("plan_action", kind="other", title="x", due="9999-01-01")
            assert "out of range" in out_of_range
            assert "no interview 'int_mistyped'" in await s.error(
                "record_interview_held", interview="int_mistyped"
            )
            wrong_choice = await s.error("record_decision", application="Acme", kind="maybe")
            assert "kind" in wrong_choice
            # An event that does not fit says why, by name, and which tool comes first.
            refused = await s.error(
                "request_feedback_call", application="Acme", person="Dana", channel="phone"
            )
            assert refused.startswith("Error executing tool request_feedback_call: refused: ")
            assert "record_decision tool" in refused
            assert "Unknown tool: no_such_tool" in await s.error("no_such_tool")
            assert "no thank-you note to Dana Reyes" in await s.error(
                "mark_thank_you_delivered", interview="Acme", person="Dana"
            )
            # After all that, the same server still answers.
            assert (await s.data("agenda"))["count"] > 0

    anyio.run(session)
    with open_workspace(store) as ws:
        assert not ws.state.decisions
        assert not ws.state.feedback_requests
    # Error messages name the user's contacts; the server's log does not repeat them.
    assert "Dana" not in (tmp_path / "server-stderr.log").read_text(encoding="utf-8")


def test_the_server_never_reaches_another_workspace(tmp_path: Path, store: str) -> None:
    seed_interview(store, "alex")
    with open_workspace(store, "jo") as ws:
        ws.add_organization("Globex")

    async def session() -> None:
        async with serve(tmp_path, store, workspace="jo") as s:
            assert (await s.data("status")) == {"workspace": "jo", "applications": []}
            assert "no application matches 'Acme'" in await s.error("status", application="Acme")
            assert (await s.data("people")) == {"people": []}
            recorded = await s.data("record_application", organization="Globex", role_title="BI")
            assert recorded["workspace"] == "jo"
            assert "not found" in await s.error(
                "record_application", organization="Acme Analytics", role_title="BI"
            )

    anyio.run(session)
    with open_workspace(store, "alex") as ws:
        assert len(ws.state.applications) == 1


def test_resources_and_prompts(tmp_path: Path, store: str) -> None:
    seed_interview(store)

    async def session() -> None:
        async with serve(tmp_path, store) as s:
            playbook = (await s.client.read_resource("afterview://playbook")).contents[0]
            assert playbook.mime_type == "text/markdown"
            text = playbook.text  # type: ignore[union-attr]
            assert "## AV301 " in text
            assert "## AV604 " in text
            rule = (await s.client.read_resource("afterview://playbook/av301")).contents[0]
            assert rule.text.startswith("## AV301 ")  # type: ignore[union-attr]
            assert "Settled by: a thank-you note sent (record_thank_you)" in rule.text  # type: ignore[union-attr]
            summary = (await s.client.read_resource("afterview://workspace/summary")).contents[0]
            data = json.loads(summary.text)  # type: ignore[union-attr]
            assert data["workspace"] == "default"
            assert data["now"] == "2026-05-08T09:00:00+02:00"
            assert (data["applications"], data["open_applications"]) == (1, 1)
            assert data["overdue"] >= 2

            review = await s.client.get_prompt("weekly_review", {})
            words = review.messages[0].content.text  # type: ignore[union-attr]
            assert "weekly job-search review" in words
            assert "Sam Ortiz" in words
            call = await s.client.get_prompt(
                "prepare_feedback_call", {"application": "Acme", "person": "Dana"}
            )
            words = call.messages[0].content.text  # type: ignore[union-attr]
            assert "feedback call with Dana Reyes" in words
            assert "## AV4" in words
            assert "## AV5" in words

            # A name that matches nothing is an error of the request, not of the server.
            with pytest.raises(MCPError, match="no application matches 'Globex'"):
                await s.client.get_prompt("prepare_feedback_call", {"application": "Globex"})
            with pytest.raises(MCPError, match="no rule 'AV999'"):
                await s.client.read_resource("afterview://playbook/AV999")
            assert (await s.data("agenda"))["count"] > 0

    anyio.run(session)


def test_results_are_json_objects_the_schema_describes(tmp_path: Path, store: str) -> None:
    seed_interview(store)

    async def session() -> None:
        async with serve(tmp_path, store) as s:
            result = await s.call("lint_text", text="Why was the other candidate chosen?")
            assert not result.is_error
            assert json.loads(text_of(result)) == result.structured_content
            assert result.structured_content is not None
            assert result.structured_content["clean"] is False

    anyio.run(session)


def test_every_tool_walks_the_playbook_and_returns_what_it_recorded(
    tmp_path: Path, store: str
) -> None:
    """One job search from the application to keeping in touch, through every tool."""
    called: set[str] = set()

    async def session() -> None:
        async with serve(tmp_path, store) as s:

            async def record(tool: str, fact: str, **arguments: object) -> dict[str, object]:
                called.add(tool)
                out = await s.data(tool, **arguments)
                assert out["workspace"] == "default"
                assert fact in [f["fact"] for f in out["recorded"]], (tool, out)
                return out

            async def read(tool: str, **arguments: object) -> dict[str, object]:
                called.add(tool)
                return await s.data(tool, **arguments)

            acme = await record("add_organization", "an organization added", name="Acme Analytics")
            again = await s.data("add_organization", name="acme  ANALYTICS")
            assert (again["id"], again["recorded"]) == (acme["id"], [])
            await record(
                "add_person",
                "a contact added",
                name="Dana Reyes",
                role="interviewer",
                organization="Acme Analytics",
                title="Analytics Lead",
            )
            await record(
                "add_person",
                "a contact added",
                name="Sam Ortiz",
                role="receptionist",
                organization="Acme",
            )
            await record(
                "add_person", "a contact added", name="Hana Ito", role="hr", organization="Acme"
            )
            await record(
                "record_business_card",
                "a business card collected",
                person="Dana",
                work_phone="+1 555 0100",
                mailing_address="1 Dock Road",
            )
            app = await record(
                "record_application",
                "an application submitted",
                organization="Acme",
                role_title="Data Analyst",
                at="2026-04-20",
            )
            await record(
                "note_research",
                "a research note",
                application="Acme",
                subject="interviewer",
                person="Dana",
                summary="Leads the BI team",
                at="2026-04-25",
            )
            await record(
                "schedule_interview",
                "an interview booked",
                application="Acme",
                when="2026-05-05T10:00",
                interviewers=["Dana"],
                at="2026-04-26",
            )
            moved = await record(
                "reschedule_interview",
                "an interview moved",
                interview="Acme",
                when="2026-05-06T10:00",
                at="2026-04-27",
            )
            await record(
                "record_interview_held",
                "an interview held",
                interview="Acme",
                people_met=["Sam"],
                at="2026-05-06T11:00",
            )
            await record(
                "record_people_met",
                "people met at an interview",
                interview="Acme",
                nobody_else=True,
                at="2026-05-06T11:05",
            )
            await record(
                "record_thank_you",
                "a thank-you note sent",
                interview="Acme",
                person="Dana",
                medium="email",
                at="2026-05-06T18:00",
            )
            await record(
                "record_thank_you",
                "a thank-you note sent",
                interview="Acme",
                person="Sam",
                at="2026-05-06T18:00",
            )
            await record(
                "mark_thank_you_delivered",
                "a thank-you note delivered",
                interview="Acme",
                person="Sam",
                at="2026-05-07T09:00",
            )
            second = await record(
                "schedule_interview",
                "an interview booked",
                application="Acme",
                when="2026-05-20T10:00",
                at="2026-05-06T12:00",
            )
            await record(
                "cancel_interview",
                "an interview cancelled",
                interview=second["id"],
                at="2026-05-07T12:00",
            )
            await record(
                "record_decision",
                "a decision received",
                application="Acme",
                kind="rejected",
                person="Hana",
                at="2026-05-07T14:00",
            )
            draft = await read("draft_feedback_request", application="Acme", person="Dana")
            assert draft["kind"] == "feedback_request"
            assert draft["findings"] == []
            assert "Dana" in str(draft["text"])
            request = await record(
                "request_feedback_call",
                "a feedback request made",
                application="Acme",
                person="Dana",
                channel="phone",
                message=draft["text"],
                draft=True,
                at="2026-05-07T15:00",
            )
            await record(
                "update_feedback_request",
                "a drafted feedback request sent",
                request="Acme",
                outcome="sent",
                at="2026-05-07T15:30",
            )
            await record(
                "schedule_feedback_call",
                "a feedback call booked",
                request=request["id"],
                when="2026-05-07T17:00",
                at="2026-05-07T16:00",
            )
            script = await read("draft_call_script", application="Acme", person="Dana")
            assert script["kind"] == "call_script"
            await record(
                "update_feedback_request",
                "a feedback call held",
                request="Acme",
                outcome="held",
                at="2026-05-07T17:30",
            )
            point = await record(
                "record_feedback",
                "feedback written down",
                application="Acme",
                sentiment="negative",
                category="behaviour",
                summary="Answers ran long",
                themes=["concise answers"],
                at="2026-05-07T17:40",
            )
            await record(
                "record_feedback",
                "feedback written down",
                application="Acme",
                sentiment="positive",
                category="other",
                summary="Good questions",
                at="2026-05-07T17:41",
            )
            action = await record(
                "plan_action",
                "an action planned",
                kind="behaviour_change",
                title="Lead with the result",
                due="2026-05-20",
                feedback_item=point["id"],
                at="2026-05-07T18:00",
            )
            assert action["recorded"][0]["details"]["due"] == "2026-05-20T23:59:59+02:00"
            await record(
                "complete_action",
                "an action done",
                action="Lead with the result",
                at="2026-05-07T19:00",
            )
            for question in ("similar_role", "other_roles", "stay_in_touch"):
                await record(
                    "record_follow_up_answer",
                    "an answer to a follow-up question",
                    application="Acme",
                    person="Dana",
                    question=question,
                    answer="yes",
                    at="2026-05-07T17:45",
                )
            await record(
                "stay_in_touch",
                "a stay-in-touch rhythm agreed",
                person="Dana",
                every_days=42,
                at="2026-05-07T17:50",
            )
            await record(
                "log_touchpoint",
                "a touchpoint with a contact",
                person="Dana",
                channel="email",
                note="Sent the article",
                at="2026-05-08T08:00",
            )

            status = await read("status", application="Acme")
            (application,) = status["applications"]  # type: ignore[misc]
            assert application["id"] == app["id"]
            assert application["decision"] == "rejected"
            assert [i["status"] for i in application["interviews"]] == ["held", "cancelled"]
            assert application["interviews"][0]["id"] == moved["id"]
            assert application["interviews"][0]["thanked"] == ["Dana Reyes", "Sam Ortiz"]
            assert application["follow_up_answers"] == {
                "similar_role": "yes",
                "other_roles": "yes",
                "stay_in_touch": "yes",
            }
            assert application["actions"][0]["done"] is True
            people = await read("people")
            dana = next(p for p in people["people"] if p["name"] == "Dana Reyes")  # type: ignore[attr-defined]
            assert (dana["direct_line"], dana["stay_in_touch_days"]) == (True, 42)
            insights = await read("insights")
            assert insights["funnel"] == {"applied": 1, "interviewed": 1, "decided": 1, "offer": 0}
            assert insights["criticism"] == [
                {"theme": "concise answers", "mentions": 1, "organizations": 1}
            ]
            thanks = await read("draft_thank_you", interview="Acme", person="Sam")
            assert thanks["kind"] == "thank_you"
            lint = await read(
                "lint_text", text="Could you tell me why you chose the other candidate?"
            )
            assert lint["clean"] is False
            agenda = await read("agenda", until="2026-06-30", limit=50)
            assert agenda["count"] == len(agenda["items"])  # type: ignore[arg-type]

            # Adding again what is there: an organization is reused (its board set right), a
            # namesake elsewhere is refused until the assistant says it is someone else.
            board = await s.data(
                "add_organization", name="ACME analytics", board_url="greenhouse-board://acme"
            )
            assert board["id"] == acme["id"]
            assert [f["fact"] for f in board["recorded"]] == ["an organization corrected"]
            await s.data("add_organization", name="Globex")
            refused = await s.error(
                "add_person", name="Dana Reyes", role="interviewer", organization="Globex"
            )
            assert (
                "refused: someone named 'Dana Reyes' is already recorded; give new=true" in refused
            )
            await s.data(
                "add_person", name="Dana Reyes", role="interviewer", organization="Globex", new=True
            )
            assert "2 persons match 'Dana'; use the id instead" in await s.error(
                "log_touchpoint", person="Dana"
            )

    anyio.run(session)
    assert called == set(READING + RECORDING)
