"""The subcommands, one module per area of the workflow.

:data:`INDEX` names every built-in command, the module that defines it (in its ``COMMANDS``) and
its one-line help, so that ``afterview --help`` lists them and ``afterview agenda`` imports one
module, not all of them. ``tests/test_cli_startup.py`` checks the index against the modules.
"""

from __future__ import annotations

from typing import Final

__all__ = ["INDEX"]

#: Command name: (module under ``afterview.cli.commands``, its short help as ``--help`` shows it).
INDEX: Final[dict[str, tuple[str, str]]] = {
    "org": ("contacts", "Organizations you apply to."),
    "person": ("contacts", "People you meet: interviewers, HR, receptionists, assistants."),
    "apply": ("applications", "Record an application to ORG for ROLE_TITLE; prints its id."),
    "interview": ("applications", "Interviews: schedule, held (and who you met), cancel."),
    "research": ("applications", "Note research on the interviewer, the role or the organization."),
    "thank": (
        "applications",
        "Record a thank-you note to PERSON for an interview, or that it was delivered.",
    ),
    "decision": (
        "applications",
        "Record the decision: offer, rejected, on_hold, eliminated or withdrawn.",
    ),
    "status": (
        "applications",
        (
            "Applications with everything recorded about them (interviews, thank-you notes, "
            "research, feedback requests, feedback, actions), other actions and the people you keep"
            " in touch with, each with its id."
        ),
    ),
    "feedback": (
        "feedback",
        "After a decision: ask the interviewer for a short call, then record what you heard.",
    ),
    "follow-up": (
        "feedback",
        "Record the answer to one of the three questions after positive feedback.",
    ),
    "action": (
        "relationship",
        "Actions: behaviour changes, learning plans, applications to other roles.",
    ),
    "touch": ("relationship", "Log a touchpoint with someone you keep in touch with."),
    "stay-in-touch": ("relationship", "PERSON agreed to stay in touch: reminders on a cadence."),
    "agenda": ("reading", "Everything to do next, by due time then priority."),
    "insights": (
        "reading",
        (
            "Patterns across applications: the funnel, rejections, answer rates, and feedback "
            "themes (criticism to work on, praise to lead with)."
        ),
    ),
    "rules": ("reading", "The playbook's rules: code, name and why; CODE shows one in full."),
    "list": ("records", "Every record of one KIND, with its id; with no KIND, every kind."),
    "correct-date": (
        "records",
        (
            "Set a mistyped date right: when you applied, the interview's time (a held interview's "
            "end moves with it), a decision, a note, a request, feedback, a touchpoint, or an "
            "action's due date."
        ),
    ),
    "remove": ("records", "Take a record entered by mistake out of the workspace."),
    "info": (
        "info",
        ("Where am I: the store, the workspace, the settings file, the time zone, the thresholds."),
    ),
    "profile": (
        "profile",
        "This workspace's own settings: time zone, notifier URLs, thresholds.",
    ),
    "workspaces": (
        "info",
        "The workspaces in the store (each one job search); the current one is marked.",
    ),
    "plugins": (
        "reading",
        "Installed plugins: versions, packages, hooks, URL schemes, rules, and what failed.",
    ),
    "draft": (
        "writing",
        "Drafts to adapt and send: a feedback-call request, a call script, a thank-you note.",
    ),
    "lint": (
        "writing",
        "Check a request or call script against the playbook (FILE, or - for stdin).",
    ),
    "export": ("data", "Everything held about the workspace (or a person), as JSON."),
    "import": (
        "data",
        "Load an export file (or '-' for stdin) into the workspace, or import from an ATS URL.",
    ),
    "forget": (
        "data",
        "Remove a person's personal data from the workspace and from the store's files.",
    ),
    "demo": (
        "data",
        "Record a made-up story of three applications, then show the agenda and insights.",
    ),
    "remind": ("remind", "Queue the reminders due now and deliver them; print a one-line summary."),
    "outbox": ("remind", "List the reminders in the outbox, or retry failed and dead ones."),
    "calendar": (
        "remind",
        "Write the agenda and stay-in-touch plans to an iCalendar FILE (needs afterview-ics).",
    ),
    "ats-import": (
        "ats",
        "Import a candidate's applications, interviews and decisions from an ATS.",
    ),
    "watch": ("ats", "Check the job boards of organizations whose contacts left the door open."),
    "plugin": (
        "plugin",
        "For plugin authors: write a new plugin project (plugin new NAME --kind KIND).",
    ),
    "secret": ("secrets", "Keep passwords and API keys in the system keyring, for URLs to name."),
}
