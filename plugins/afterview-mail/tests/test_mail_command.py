"""``afterview inbox``, run as a person runs it: a real process, a SQLite workspace, a settings
file, the corpus as an mbox, and a throwaway Dovecot for the login that fails."""

from __future__ import annotations

import mailbox
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import afterview_mail_corpus as corpus
import pytest
from afterview_mail_server import PASSWORD, TemporaryDovecot

from afterview import Workspace

pytest_plugins = ["afterview_mail_dovecot"]

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def afterview(tmp_path: Path) -> Run:
    settings = tmp_path / "settings.toml"
    settings.write_text(
        f'[playbook]\ntimezone = "Europe/London"\nown_emails = ["{corpus.ME}"]\n',
        encoding="utf-8",
    )
    (tmp_path / "mail.toml").write_text(
        '[auto]\nkinds = ["rejection"]\nmin_confidence = 0.97\n', encoding="utf-8"
    )
    store = f"sqlite:///{tmp_path / 'afterview.sqlite'}"
    with Workspace.open(store, clock=lambda: datetime(2026, 3, 1, tzinfo=UTC)) as ws:
        corpus.populate(ws)
    env = {
        **os.environ,
        "AFTERVIEW_CONFIG": str(settings),
        "AFTERVIEW_STORE": store,
        "AFTERVIEW_MAIL_DIR": str(tmp_path / "mail-state"),
        "NO_COLOR": "1",
    }
    env.pop("AFTERVIEW_IMAP_PASSWORD", None)
    env.pop("AFTERVIEW_MAIL_CONFIG", None)

    def run(*args: str, **more: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "afterview.cli", "--now", "2026-05-20T09:00Z", *args],
            env={**env, **more},
            check=False,
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run


@pytest.fixture
def mbox(tmp_path: Path) -> str:
    box = mailbox.mbox(tmp_path / "jobs.mbox")
    for _, data in corpus.messages():
        box.add(data)
    box.close()
    return f"mbox:{tmp_path / 'jobs.mbox'}"


def number_of(listing: str, evidence: str) -> str:
    for block in re.split(r"\n(?=\s*\d+  )", listing):
        if evidence in block:
            return block.split()[0]
    raise AssertionError(f"no proposal says {evidence!r}")


def test_read_list_accept_and_drop_from_the_command_line(afterview: Run, mbox: str) -> None:
    read = afterview("inbox", "read", mbox)
    again = afterview("inbox", "read", mbox)
    listing = afterview("inbox")

    assert read.returncode == 0, read.stderr
    assert read.stdout.startswith(f"{len(corpus.load())} read, ")
    assert again.stdout.startswith(f"{len(corpus.load())} read, 0 proposed, ")
    assert listing.returncode == 0, listing.stderr
    rejection = number_of(listing.stdout, "go with another candidate for the Data Analyst role")
    other = number_of(listing.stdout, "won't be moving forward with your application")
    assert "from Dana Reyes <dana.reyes@acme-analytics.com>" in listing.stdout

    accepted = afterview("inbox", "accept", rejection)
    dropped = afterview("inbox", "reject", other)
    decided = afterview("inbox", "--all")
    twice = afterview("inbox", "accept", rejection)

    assert accepted.stdout == f"accepted {rejection}: rejected\n", accepted.stderr
    assert dropped.stdout == f"dropped {other}\n"
    assert "[accepted]" in decided.stdout
    assert "[rejected]" in decided.stdout
    assert twice.returncode != 0
    assert twice.stderr.startswith("afterview: error: ")
    assert twice.stderr.count("\n") == 1


def test_auto_records_the_kinds_mail_toml_allows(afterview: Run, mbox: str) -> None:
    afterview("inbox", "read", mbox)
    auto = afterview("inbox", "--auto")

    assert auto.returncode == 0, auto.stderr
    lines = [line for line in auto.stdout.splitlines() if line.startswith("accepted ")]
    assert lines
    assert all(line.endswith(": rejected") for line in lines)


def test_a_wrong_password_is_one_error_line_and_records_nothing(
    afterview: Run, dovecot: TemporaryDovecot
) -> None:
    folder = dovecot.new_folder()
    result = afterview("inbox", "read", dovecot.url(folder, password="Wrong-Secret"))

    assert result.returncode != 0
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("afterview: error: imap://***@127.0.0.1")
    assert "Wrong-Secret" not in result.stderr + result.stdout
    assert afterview("inbox").stdout == "No proposals waiting.\n"


def test_workers_read_a_folder_as_this_process_does(
    afterview: Run, dovecot: TemporaryDovecot, tmp_path: Path
) -> None:
    folder = dovecot.new_folder()
    dovecot.append(folder, (data for _, data in corpus.messages()))
    url = dovecot.url(folder, password=PASSWORD)

    shared = afterview(
        "inbox", "read", "--workers", "1", url, AFTERVIEW_MAIL_DIR=str(tmp_path / "a")
    )
    alone = afterview(
        "inbox", "read", "--workers", "0", url, AFTERVIEW_MAIL_DIR=str(tmp_path / "b")
    )

    assert shared.returncode == 0, shared.stderr
    assert shared.stdout.startswith(f"{len(corpus.load())} read, ")
    assert shared.stdout == alone.stdout
    assert shared.stderr == alone.stderr == ""


def test_a_bad_number_of_workers_is_one_error_line(afterview: Run, mbox: str) -> None:
    bad_option = afterview("inbox", "read", "--workers", "-1", mbox)
    bad_setting = afterview("inbox", "read", mbox, AFTERVIEW_MAIL_WORKERS="many")

    assert bad_option.returncode == 2
    assert "--workers" in bad_option.stderr
    assert bad_setting.returncode != 0
    assert bad_setting.stderr.startswith("afterview: error: AFTERVIEW_MAIL_WORKERS is 'many'")
    assert bad_setting.stderr.count("\n") == 1
    assert afterview("inbox").stdout == "No proposals waiting.\n"
