"""A real IMAP server for the plugin's tests and benchmark: a throwaway Dovecot.

Dovecot runs from a temporary directory with a configuration of its own (no system service, no
root-owned paths), listening on 127.0.0.1 on a free port, without TLS (``imap://`` is accepted
for this machine only). Its users and their secrets are in a passwd file: ``seeker`` logs in
with a password, ``oauth`` with an XOAUTH2 token (Dovecot checks the token as it would a
password). Run as root, Dovecot's own processes take the ``dovecot`` and ``dovenull`` system
users, as they must; the mail then belongs to ``dovecot``.

The pytest plugin ``afterview_mail_dovecot`` makes one for the session.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

USER = "seeker"
PASSWORD = "throwaway-Pa55word"
OAUTH_USER = "oauth"
TOKEN = "ya29.throwaway-token"


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed, or cannot start here."""


def _binary() -> str:
    found = shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )
    if found is None:
        raise DovecotUnavailable("no dovecot on PATH or in /usr/sbin")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class TemporaryDovecot:
    def __init__(self) -> None:
        self.binary = _binary()
        self.root = Path(tempfile.mkdtemp(prefix="afterview-dovecot-"))
        self.port = _free_port()
        self.config = self.root / "dovecot.conf"

    def __repr__(self) -> str:
        return f"<TemporaryDovecot 127.0.0.1:{self.port}>"

    def _users(self) -> tuple[str, str, str, int, int]:
        """Internal user, login user, and the uid and gid mail is kept under."""
        if os.geteuid() != 0:
            me = pwd.getpwuid(os.geteuid())
            group = grp.getgrgid(me.pw_gid).gr_name
            return me.pw_name, group, me.pw_name, me.pw_uid, me.pw_gid
        try:
            internal = pwd.getpwnam("dovecot")
            pwd.getpwnam("dovenull")
        except KeyError:
            raise DovecotUnavailable(
                "running as root needs the dovecot and dovenull users"
            ) from None
        return "dovecot", "dovecot", "dovenull", internal.pw_uid, internal.pw_gid

    def start(self) -> TemporaryDovecot:
        internal, group, login, uid, gid = self._users()
        mail = self.root / "mail"
        mail.mkdir()
        if os.geteuid() == 0:
            os.chmod(self.root, 0o755)  # Dovecot's unprivileged processes pass through it
            os.chown(mail, uid, gid)
        (self.root / "passwd").write_text(
            f"{USER}:{{PLAIN}}{PASSWORD}\n{OAUTH_USER}:{{PLAIN}}{TOKEN}\n", encoding="utf-8"
        )
        self.config.write_text(
            f"""\
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
instance_name = afterview-{self.port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2
auth_failure_delay = 0
default_internal_user = {internal}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = {uid}
mail_location = maildir:{mail}/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
""",
            encoding="utf-8",
        )
        # Dovecot's master process keeps the streams it was started with: a file, not a pipe,
        # or waiting for it would wait for the server to end.
        output = self.root / "start.log"
        with output.open("wb") as log:
            started = subprocess.run(
                [self.binary, "-c", str(self.config)], stdout=log, stderr=log, check=False
            )
        if started.returncode != 0:
            said = output.read_text(errors="replace").strip()[:300]
            self.stop()
            raise DovecotUnavailable(f"dovecot did not start: {said}")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise DovecotUnavailable("dovecot did not answer on its port")

    def stop(self) -> None:
        if self.config.exists():
            subprocess.run(
                [self.binary, "-c", str(self.config), "stop"], capture_output=True, check=False
            )
            pid = self.root / "run" / "master.pid"
            deadline = time.monotonic() + 10
            while pid.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- what the tests do with it ----------------------------------------------------------

    def url(self, folder: str = "INBOX", *, user: str = USER, password: str | None = None) -> str:
        secret = f":{password}" if password is not None else ""
        return f"imap://{user}{secret}@127.0.0.1:{self.port}/{folder}"

    def mailbox(self, user: str = USER) -> object:
        from imap_tools import MailBoxUnencrypted

        box = MailBoxUnencrypted("127.0.0.1", self.port)
        box.login(user, PASSWORD if user == USER else TOKEN, initial_folder=None)
        return box

    def new_folder(self, prefix: str = "Jobs") -> str:
        name = f"{prefix}-{uuid.uuid4().hex[:8]}"
        box = self.mailbox()
        box.folder.create(name)  # type: ignore[attr-defined]
        box.logout()  # type: ignore[attr-defined]
        return name

    def append(self, folder: str, messages: Iterable[bytes]) -> None:
        box = self.mailbox()
        for message in messages:
            box.append(message, folder)  # type: ignore[attr-defined]
        box.logout()  # type: ignore[attr-defined]

    def fill(self, folder: str, messages: Iterable[bytes]) -> int:
        """Put messages straight into the folder's maildir, as a delivery agent would: much
        faster than appending thousands over IMAP. Dovecot gives them UIDs on its next look."""
        target = self.root / "mail" / USER / f".{folder}" / "new"
        target.mkdir(parents=True, exist_ok=True)
        owner = (target.parent.stat().st_uid, target.parent.stat().st_gid)
        count = 0
        for count, message in enumerate(messages, 1):
            path = target / f"{time.time_ns()}.{count}.afterview-bench"
            path.write_bytes(message)
            if os.geteuid() == 0:
                os.chown(path, *owner)
        if os.geteuid() == 0:
            os.chown(target, *owner)
        return count

    def recreate(self, folder: str) -> None:
        """Delete the folder and make it again: a new UIDVALIDITY, UIDs from 1."""
        box = self.mailbox()
        box.folder.delete(folder)  # type: ignore[attr-defined]
        box.folder.create(folder)  # type: ignore[attr-defined]
        box.logout()  # type: ignore[attr-defined]

    def kick(self, user: str = USER) -> None:
        """Drop every connection of ``user``, as a server restarting would."""
        doveadm = shutil.which("doveadm") or "/usr/bin/doveadm"
        subprocess.run(
            [doveadm, "-c", str(self.config), "kick", user], capture_output=True, check=True
        )
