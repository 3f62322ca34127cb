"""A throwaway PostgreSQL cluster for tests and benchmarks: ``initdb`` + ``pg_ctl`` in a temp dir.

It listens on 127.0.0.1 only, on a free port, with its unix socket inside its own directory, and
everything is deleted by :meth:`TemporaryCluster.stop`. ``initdb`` and ``pg_ctl`` refuse to run as
root, so under root they run as the unprivileged ``postgres`` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

__all__ = ["PostgresUnavailable", "TemporaryCluster", "find_binaries"]

_SUPERUSER = "afterview"
# A throwaway server's password; it guards nothing but lets tests exercise password handling.
_PASSWORD = "throwaway-secret"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server binaries are not installed, or cannot run here."""


def find_binaries() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl``: on PATH, else the newest Debian one."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if candidates:
        return Path(candidates[-1]).parent
    raise PostgresUnavailable(
        "initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin "
        "(install the 'postgresql' package)"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class TemporaryCluster:
    """A private PostgreSQL server in a temporary directory.

    :param durable: keep PostgreSQL's default durability (``fsync``). Tests turn it off for speed;
        a clean ``pg_ctl restart`` still flushes everything.
    """

    def __init__(self, *, durable: bool = False) -> None:
        self.bin = find_binaries()
        self.durable = durable
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="afterview-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._run_as: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.root, ignore_errors=True)
                raise PostgresUnavailable(
                    "running as root and there is no 'postgres' system user to run initdb as"
                ) from None
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._run_as = ["runuser", "-u", "postgres", "--"]
        self.started = False

    def __repr__(self) -> str:
        return f"<TemporaryCluster 127.0.0.1:{self.port} in {str(self.root)!r}>"

    def _run(self, *args: str) -> None:
        completed = subprocess.run(
            [*self._run_as, *args], capture_output=True, text=True, check=False
        )
        if completed.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise PostgresUnavailable(
                f"{Path(args[0]).name} failed ({completed.returncode}): "
                f"{completed.stderr.strip()[-2000:]}\n{log}"
            )

    def url(self, database: str = "postgres") -> str:
        """A TCP URL, with the password, for ``database``."""
        return f"postgresql://{_SUPERUSER}:{_PASSWORD}@127.0.0.1:{self.port}/{database}"

    def start(self) -> TemporaryCluster:
        """Create the cluster and start the server; on failure, leave nothing behind."""
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        pwfile = self.root / "pwfile"
        pwfile.write_text(_PASSWORD + "\n")
        if self._run_as:
            shutil.chown(pwfile, "postgres")
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            _SUPERUSER,
            f"--pwfile={pwfile}",
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "-E",
            "UTF8",
            "--locale=C",
            *(() if self.durable else ("--no-sync",)),
        )
        pwfile.unlink()
        self._pg_ctl("start")
        self.started = True

    def _pg_ctl(self, action: str) -> None:
        options = [
            f"-p {self.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.root}",
            "-c max_connections=100",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            " ".join(options),
            "-w",
            "-t",
            "60",
            action,
        )

    def restart(self) -> None:
        """Stop (fast: open connections are cut) and start again on the same port."""
        self._pg_ctl("restart")

    def stop(self) -> None:
        """Stop the server and delete its directory."""
        try:
            if self.started:
                self._run(
                    str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"
                )
                self.started = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> TemporaryCluster:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
