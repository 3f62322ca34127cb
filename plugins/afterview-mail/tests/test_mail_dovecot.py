"""Reading a real IMAP server: a throwaway Dovecot on 127.0.0.1, the corpus appended over IMAP
and read back through the plugin."""

from __future__ import annotations

import email
import email.policy
import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

import afterview_mail_corpus as corpus
import pytest
from afterview_mail import (
    Cursor,
    ImapSource,
    MailError,
    MailKind,
    MailLoginError,
    ProposalBook,
    book_path,
    parse_mail,
    read_inbox,
    read_mail,
)
from afterview_mail_server import OAUTH_USER, PASSWORD, TOKEN, TemporaryDovecot

from afterview import DataError, Workspace

pytest_plugins = ["afterview_mail_dovecot"]

NOW = datetime(2026, 5, 20, 9, tzinfo=UTC)
ENTRIES = corpus.load()


@pytest.fixture(autouse=True)
def mail_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERVIEW_MAIL_DIR", str(tmp_path / "mail-state"))
    monkeypatch.delenv("AFTERVIEW_IMAP_PASSWORD", raising=False)
    monkeypatch.delenv("AFTERVIEW_IMAP_TOKEN", raising=False)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with corpus.open_workspace(tmp_path, ENTRIES, now=NOW) as ws:
        yield ws


@pytest.fixture
def folder(dovecot: TemporaryDovecot) -> str:
    name = dovecot.new_folder()
    dovecot.append(name, (data for _, data in corpus.messages(ENTRIES)))
    return name


def read(ws: Workspace, source: ImapSource | str, since: date | None = None) -> tuple[int, int]:
    with ProposalBook.open(book_path(ws.store.url, ws.name)) as book:
        report = read_inbox(ws, source, book, since=since)
    return report.read, len(report.proposed)


def proposals(ws: Workspace) -> ProposalBook:
    with ProposalBook.open(book_path(ws.store.url, ws.name)) as book:
        return book


def test_the_corpus_read_over_imap_proposes_what_it_does_from_a_file(
    workspace: Workspace, dovecot: TemporaryDovecot, folder: str
) -> None:
    read_count, proposed = read(workspace, dovecot.url(folder, password=PASSWORD))

    assert read_count == len(ENTRIES)
    assert proposed >= 90
    kinds = {p.kind for p in proposals(workspace).proposals}
    assert kinds == set(MailKind) - {MailKind.UNRELATED}
    # The malformed and non-UTF-8 messages were read like the others.
    evidence = [p.evidence for p in proposals(workspace).proposals]
    assert all(evidence)
    assert any("your application has not been successful" in e for e in evidence)  # broken MIME
    assert any("suite favorable" in e for e in evidence)  # ISO-8859-1
    assert any("we won\u2019t be taking your application further" in e for e in evidence)  # cp1252


def test_a_rerun_reads_nothing_and_new_mail_only_after_it(
    workspace: Workspace, dovecot: TemporaryDovecot, folder: str
) -> None:
    url = dovecot.url(folder, password=PASSWORD)
    read(workspace, url)
    assert read(workspace, url) == (0, 0)

    extra = [e for e in ENTRIES if e.id == "h-r01"]
    dovecot.append(folder, [corpus.build(extra[0], 999)])  # a new Message-ID

    assert read(workspace, url) == (1, 1)
    cursor = proposals(workspace).cursors
    assert [c.uid for c in cursor.values()] == [len(ENTRIES) + 1]


def test_hundreds_of_messages_are_read_page_by_page_each_once(
    dovecot: TemporaryDovecot,
) -> None:
    name = dovecot.new_folder("Many")
    copies = [corpus.build(e, i + 1000 * n) for n in range(3) for i, e in enumerate(ENTRIES)]
    dovecot.append(name, copies)
    source = ImapSource(dovecot.url(name, password=PASSWORD), page=40)

    seen: list[tuple[bytes, Cursor | None]] = list(source.messages(since=None, cursor=None))
    source.close()

    assert len(seen) == 3 * len(ENTRIES) >= 300
    uids = [c.uid for _, c in seen if c is not None]
    assert uids == sorted(set(uids))
    assert len({read_mail(m).key for m, _ in seen}) == len(seen)


def _shapes() -> list[bytes]:
    """An HTML and text message, a base64 text part in ISO-8859-1, a megabyte attachment."""
    alt = EmailMessage()
    alt["From"], alt["Subject"] = "Dana Reyes <dana@acme.example>", "Next steps"
    alt.set_content("We would like to invite you to an onsite interview.")
    alt.add_alternative("<p>We would like to <b>invite</b> you.</p>", subtype="html")
    legacy = EmailMessage()
    legacy["From"], legacy["Subject"] = "rh@lucerne.example", "Candidature"
    text = "Nous avons le regret de ne pas donner suite à votre candidature."
    legacy.set_content(text.encode("iso-8859-1"), maintype="text", subtype="plain", cte="base64")
    legacy.set_param("charset", "iso-8859-1")
    large = EmailMessage()
    large["From"], large["Subject"] = "jobs@globex.example", "Your application"
    large.set_content("Unfortunately we will not be moving forward with your application.")
    large.add_attachment(bytes(range(256)) * 4096, maintype="application", subtype="pdf")
    return [m.as_bytes(policy=email.policy.SMTP) for m in (alt, legacy, large)]


def test_messages_arrive_as_their_bytes_and_read_as_the_full_parse_does(
    dovecot: TemporaryDovecot,
) -> None:
    name = dovecot.new_folder("Shapes")
    sent = _shapes()
    dovecot.append(name, sent)
    source = ImapSource(dovecot.url(name, password=PASSWORD))

    got = [data for data, _ in source.messages(since=None, cursor=None)]
    source.close()

    assert got == sent  # as the server keeps them: nothing parsed on the way
    mails = [read_mail(data) for data in got]
    assert mails == [parse_mail(email.message_from_bytes(data)) for data in sent]
    assert mails[0].text == "We would like to invite you to an onsite interview."
    assert "donner suite à votre candidature" in mails[1].text
    assert mails[2].text.startswith("Unfortunately")


def test_since_leaves_out_older_mail(workspace: Workspace, dovecot: TemporaryDovecot) -> None:
    name = dovecot.new_folder("Since")
    old, new = ENTRIES[0], ENTRIES[1]
    dovecot.append(
        name,
        [
            corpus.build(old, 0, sent=datetime(2026, 3, 1, tzinfo=UTC)),
            corpus.build(new, 1, sent=datetime(2026, 5, 2, tzinfo=UTC)),
        ],
    )
    # Both arrived today: it is the date they were sent that tells them apart.
    assert read(workspace, dovecot.url(name, password=PASSWORD), since=date(2026, 4, 1)) == (1, 1)


def test_a_new_uidvalidity_reads_the_folder_again_but_proposes_nothing_twice(
    workspace: Workspace, dovecot: TemporaryDovecot, folder: str, caplog: pytest.LogCaptureFixture
) -> None:
    url = dovecot.url(folder, password=PASSWORD)
    _, first = read(workspace, url)
    before = proposals(workspace).cursors
    dovecot.recreate(folder)
    dovecot.append(folder, (data for _, data in corpus.messages(ENTRIES)))

    with caplog.at_level(logging.WARNING, logger="afterview.mail"):
        read_count, proposed = read(workspace, url)

    after = proposals(workspace).cursors
    assert read_count == len(ENTRIES)
    assert proposed == 0
    assert len(proposals(workspace).proposals) == first
    assert [c.uidvalidity for c in after.values()] != [c.uidvalidity for c in before.values()]
    assert "UIDVALIDITY changed" in caplog.text


class KickedAfter:
    """The IMAP source, with the server dropping the connection after ``n`` messages."""

    def __init__(self, source: ImapSource, server: TemporaryDovecot, n: int) -> None:
        self.inner, self.server, self.n = source, server, n
        self.url, self.key = source.url, source.key

    @property
    def reconnects(self) -> int:
        return self.inner.reconnects

    def messages(
        self, *, since: date | None, cursor: Cursor | None
    ) -> Iterator[tuple[bytes, Cursor | None]]:
        for count, item in enumerate(self.inner.messages(since=since, cursor=cursor), 1):
            if count == self.n:
                self.server.kick()
            yield item

    def close(self) -> None:
        self.inner.close()


def test_a_connection_dropped_mid_fetch_is_opened_again_and_reading_goes_on(
    workspace: Workspace, dovecot: TemporaryDovecot, folder: str
) -> None:
    source = ImapSource(dovecot.url(folder, password=PASSWORD), page=30)
    kicked = KickedAfter(source, dovecot, 45)

    with ProposalBook.open(book_path(workspace.store.url, workspace.name)) as book:
        report = read_inbox(workspace, kicked, book)  # type: ignore[arg-type]
    source.close()

    assert report.read == len(ENTRIES)
    assert report.reconnects == 1
    assert read(workspace, dovecot.url(folder, password=PASSWORD)) == (0, 0)


def test_a_wrong_password_is_one_line_without_it_and_records_nothing(
    workspace: Workspace, dovecot: TemporaryDovecot, folder: str
) -> None:
    version = workspace.state.version
    with pytest.raises(MailLoginError) as failure:
        read(workspace, dovecot.url(folder, password="not-the-Pa55word"))

    message = str(failure.value)
    assert "\n" not in message
    assert "not-the-Pa55word" not in message
    assert "refused the login" in message
    assert failure.value.__cause__ is None
    assert workspace.state.version == version
    assert proposals(workspace).proposals == []


def test_the_password_from_the_environment_and_xoauth2_for_token_providers(
    workspace: Workspace, dovecot: TemporaryDovecot, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERVIEW_IMAP_PASSWORD", PASSWORD)
    assert read(workspace, dovecot.url(folder))[0] == len(ENTRIES)

    monkeypatch.setenv("AFTERVIEW_IMAP_TOKEN", TOKEN)
    oauth = dovecot.url("INBOX", user=OAUTH_USER) + "?auth=xoauth2"
    source = ImapSource(oauth)
    assert list(source.messages(since=None, cursor=None)) == []
    source.close()

    monkeypatch.setenv("AFTERVIEW_IMAP_TOKEN", "expired")
    with pytest.raises(MailLoginError, match="check the user and the token") as failure:
        read(workspace, oauth)
    assert "expired" not in str(failure.value)


def test_secrets_never_show_in_a_repr_a_url_or_an_error(dovecot: TemporaryDovecot) -> None:
    source = ImapSource(dovecot.url("Nowhere", password=PASSWORD))
    assert PASSWORD not in repr(source)
    assert PASSWORD not in source.url
    with pytest.raises(MailError, match="has no folder") as failure:
        list(source.messages(since=None, cursor=None))
    assert PASSWORD not in str(failure.value)
    source.close()


def test_plain_imap_to_another_machine_and_a_closed_port_are_refused_clearly() -> None:
    with pytest.raises(DataError, match="imaps://"):
        ImapSource("imap://me:pw@mail.example.com/INBOX")
    closed = ImapSource("imap://me:pw@127.0.0.1:9/INBOX", timeout=2)
    with pytest.raises(MailError, match="cannot connect") as failure:
        list(closed.messages(since=None, cursor=None))
    assert ":pw@" not in str(failure.value)


def test_no_secret_anywhere_is_a_clear_error_before_any_connection() -> None:
    source = ImapSource("imap://sam@127.0.0.1:9/INBOX", environ={})
    if source._secret is not None:  # pragma: no cover - a keyring on this machine holds one
        pytest.skip("the system keyring has a password for this address")
    with pytest.raises(MailLoginError, match="no password: put it in AFTERVIEW_IMAP_PASSWORD"):
        list(source.messages(since=None, cursor=None))
    token = ImapSource("imaps://sam@mail.example.com/INBOX?auth=xoauth2", environ={})
    if token._secret is None:
        with pytest.raises(MailLoginError, match="no token"):
            list(token.messages(since=None, cursor=None))


def test_a_password_named_by_reference_is_looked_up_when_the_folder_is_read(
    workspace: Workspace,
    dovecot: TemporaryDovecot,
    folder: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import keyring
    import keyring.backends.fail

    from afterview.secret_references import store_secret

    # A keyring in a plain file under this test's directory, never the user's.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    keyring.core.init_backend()
    try:
        reference = store_secret("jobs-imap", PASSWORD)
        url = dovecot.url(folder, password=reference)
        assert PASSWORD not in url
        assert read(workspace, url)[0] == len(ENTRIES)
    finally:
        keyring.set_keyring(keyring.backends.fail.Keyring())

    monkeypatch.setenv("JOBS_IMAP", PASSWORD)
    other = dovecot.new_folder()
    dovecot.append(other, (data for _, data in corpus.messages(ENTRIES[:3])))
    assert read(workspace, dovecot.url(other, password="{env:JOBS_IMAP}"))[0] == 3
