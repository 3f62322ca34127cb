"""The agenda kept between runs: ``afterview agenda`` printed without working it out again.

Working out an agenda means importing the model, the events, the fold, the playbook and the
plugin host, reading and folding the log and running every rule: most of a run, for an answer
that stays the same until something changes. So ``agenda`` keeps what it worked out, and the next
run prints it after a check that imports none of those (:func:`print_kept`, called by the console
script before click is imported). The kept agenda is used only while every input it was worked
out from is unchanged:

* the workspace's log: its version (any append: a command, another process, an import, a
  profile change, a ``forget``), and the key it is sealed with (``forget`` destroys it);
* the moment asked (``--now`` or the clock) is at or after the one it was worked out for and
  before the agenda's next wake-up (:func:`afterview.playbook.agenda.next_wake`): until then no
  rule gives other advice;
* the settings: the settings file's path and bytes, ``--timezone``, the system's time zone
  (``TZ``, ``/etc/localtime``, ``/etc/timezone``) and the environment the settings and the
  store's location are read from (:data:`ENVIRONMENT`);
* the plugins and the rules: ``AFTERVIEW_PLUGINS`` and ``AFTERVIEW_DISABLE_PLUGINS``, every
  ``sys.path`` directory and its modification time (installing, upgrading or removing a
  distribution changes its directory; the key of the entry points' cache), and every source
  file of a module imported from outside the Python installation (an editable checkout's);
* afterview's version and Python's.

Anything else — another option (``--until``, ``--app``, ``--help``…), a store that is not a
plain ``sqlite:///`` file, a kept agenda that is missing, unreadable, foreign or of another
format, a run that warned about anything — and the agenda is worked out as before. The
options that only change how it is printed (``--json``, ``--limit``, ``--format``) share one
kept agenda.

It names people (interviewers, receptionists), so it lives in the store, never in a cache
directory: in the SQLite store's ``kept_agendas`` table, sealed under the workspace's snapshot
key (:data:`afterview.sealed_log.SNAPSHOT_SUBJECT`). ``forget`` deletes the row and destroys the
key, so no copy of it — a backup's included — can be read again. ``AFTERVIEW_KEEP_AGENDA=0``
turns it off: nothing is read or written.
"""

from __future__ import annotations

import marshal
import os
import sys
from datetime import UTC, date, datetime

from afterview.cli.when import relative

TYPE_CHECKING = False  # typing itself costs this module's whole budget
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import tzinfo
    from typing import Any

    from afterview.cli.context import CliState
    from afterview.playbook.agenda import Agenda
    from afterview.workspace import Workspace

    #: What a command line asks: see :func:`_request`.
    Request = tuple[
        str | None, str | None, datetime | None, str | None, str | None, bool, int | None
    ]

__all__ = ["ENVIRONMENT", "SWITCH", "Keeper", "print_kept"]

#: ``AFTERVIEW_KEEP_AGENDA=0`` (or ``off``, ``no``, ``false``): never read or write one.
SWITCH = "AFTERVIEW_KEEP_AGENDA"
#: The environment variables an agenda may depend on, through the settings, the store's
#: location, the plugins or the time zone.
ENVIRONMENT = (
    "AFTERVIEW_STORE",
    "AFTERVIEW_WORKSPACE",
    "AFTERVIEW_CONFIG",
    "AFTERVIEW_PLUGINS",
    "AFTERVIEW_DISABLE_PLUGINS",
    "TZ",
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
)
#: The version of what is kept; another one is ignored.
FORMAT = 1
#: The field the sealed agenda is bound to (see :func:`afterview.sealing.seal_bytes`).
FIELD = "kept-agenda"
#: :data:`afterview.sealed_log.SNAPSHOT_SUBJECT`, which this module must not import.
SUBJECT = "workspace:snapshot"
#: The columns of the agenda's table, as ``afterview agenda`` prints it.
COLUMNS = ("due", "when", "priority", "rule", "what")
EMPTY = "Nothing to do: the agenda is empty."
_LOCALTIME = "/etc/localtime"
#: What a directory on ``sys.path`` holds for each distribution installed there.
_DISTRIBUTIONS = (".dist-info", ".egg-info", ".egg-link", ".pth")
_SQLITE = "sqlite:///"
#: What a shell reports for a process whose pipe's reader left (as :mod:`afterview.cli.main`).
_READER_GONE = 141
#: A store, file or stream error (as :mod:`afterview.cli.main`).
_ENVIRONMENT = 6


def enabled(environ: Mapping[str, str]) -> bool:
    return environ.get(SWITCH, "").strip().lower() not in ("0", "off", "no", "false")


# --- the inputs an agenda is worked out from ----------------------------------------------------


def _config_path(environ: Mapping[str, str]) -> str:
    """Where :func:`afterview.config.config_path` looks, found without platformdirs on Linux
    (elsewhere a guess the worked-out run checks, keeping nothing when it is wrong)."""
    explicit = environ.get("AFTERVIEW_CONFIG")
    if explicit:
        return explicit
    base = environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
    return os.path.join(base, "afterview", "settings.toml")


def _data_store(environ: Mapping[str, str]) -> str:
    """The default store's URL (:func:`afterview.config.default_store_url`), guessed likewise."""
    base = environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
    return _SQLITE + os.path.join(base, "afterview", "afterview.sqlite")


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _localtime() -> tuple[object, ...]:
    """The system's time zone as :func:`afterview.timezones.system_zone` may find it: the
    ``/etc/localtime`` link, or the file itself when it is a copy, and ``/etc/timezone``."""
    try:
        link: str | None = os.readlink(_LOCALTIME)
    except OSError:
        link = None
    try:
        found = os.stat(_LOCALTIME)
        stamp: tuple[int, int] | None = (found.st_mtime_ns, found.st_size)
    except OSError:
        stamp = None
    return (link, stamp, _read("/etc/timezone"))


def _sys_path() -> list[tuple[str, object]]:
    """Every ``sys.path`` directory with its modification time, as
    :func:`afterview.environment_cache.environment_key` (without importing it); for the first,
    the distributions in it instead. That is the script's directory, or under ``python -m`` the
    working directory, where a store may live: its write-ahead log, made and removed at each
    run, changes the directory's time, while only a distribution there can change the plugins.
    """
    paths: list[tuple[str, object]] = []
    for index, entry in enumerate(sys.path):
        try:
            if index == 0:
                found: object = tuple(
                    sorted(n for n in os.listdir(entry or ".") if n.endswith(_DISTRIBUTIONS))
                )
            else:
                found = os.stat(entry or ".").st_mtime_ns
        except OSError:
            found = None
        paths.append((entry, found))
    return paths


def inputs(
    store: str | None, workspace: str | None, timezone: str | None, environ: Mapping[str, str]
) -> tuple[object, ...]:
    """Everything but the log and the moment that an agenda worked out for these options
    depends on; equal inputs, equal agenda."""
    from afterview import __version__

    config = _config_path(environ)
    return (
        __version__,
        sys.version,
        sys.executable,
        tuple(environ.get(name) for name in ENVIRONMENT),
        store,
        workspace,
        timezone,
        config,
        _read(config),
        _localtime(),
        tuple(_sys_path()),
    )


def _files_unchanged(files: Sequence[tuple[str, int, int]]) -> bool:
    for path, modified, size in files:
        try:
            found = os.stat(path)
        except OSError:
            return False
        if found.st_mtime_ns != modified or found.st_size != size:
            return False
    return True


def _source_files() -> list[tuple[str, int, int]]:
    """The files of every imported module that lives outside the Python installation (an
    editable checkout, a plugin in development): editing one may change the agenda without
    changing any ``sys.path`` directory."""
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    installed = tuple(
        os.path.join(found, "") for p in prefixes for found in {p, os.path.realpath(p)}
    )
    files: list[tuple[str, int, int]] = []
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or path.startswith(installed):
            continue
        if os.path.realpath(path).startswith(installed):  # a link into the installation
            continue
        try:
            found = os.stat(path)
        except OSError:
            continue
        files.append((path, found.st_mtime_ns, found.st_size))
    return sorted(files)


# --- the command line, read without click ---------------------------------------------------------

_GLOBAL = {"--store": 0, "--workspace": 1, "--now": 2, "--timezone": 3, "--format": 4}


def _parse(argv: Sequence[str]) -> tuple[list[str | None], bool, int | None] | None:
    """The global options, ``--json`` and ``--limit`` of ``afterview [OPTIONS] agenda
    [--json] [--limit N]``; ``None`` for any other command line, which click then reads."""
    values: list[str | None] = [None] * len(_GLOBAL)
    args = list(argv)
    i = 0
    while i < len(args) and args[i] != "agenda":
        name, sep, value = args[i].partition("=")
        if args[i] == "--debug":
            i += 1
            continue
        slot = _GLOBAL.get(name)
        if slot is None or values[slot] is not None:
            return None
        if not sep:
            i += 1
            if i >= len(args):
                return None
            value = args[i]
        values[slot] = value
        i += 1
    if i >= len(args):
        return None
    as_json, limit = False, None
    rest = args[i + 1 :]
    j = 0
    while j < len(rest):
        name, sep, value = rest[j].partition("=")
        if rest[j] == "--json" and not as_json:
            as_json = True
        elif name == "--limit" and limit is None:
            if not sep:
                j += 1
                if j >= len(rest):
                    return None
                value = rest[j]
            if not (value.isascii() and value.isdigit() and int(value) >= 1):
                return None
            limit = int(value)
        else:
            return None
        j += 1
    return values, as_json, limit


def _request(argv: Sequence[str], environ: Mapping[str, str]) -> Request | None:
    """What ``argv`` asks, as click would read it: ``--store``, ``--workspace`` (or its
    variable), ``--now`` (``None``: the clock), ``--timezone``, ``--format`` (or its variable,
    lower case), ``--json`` and ``--limit``; ``None`` for a command line this module leaves to
    click."""
    parsed = _parse(argv)
    if parsed is None:
        return None
    (store, workspace, now_text, timezone, output), as_json, limit = parsed
    # As click reads --format (or its variable): a choice in any case, nothing around it.
    # An option given empty is click's to refuse; only the variable may be empty (unset).
    chosen = output if output is not None else (environ.get("AFTERVIEW_FORMAT") or None)
    if chosen is not None:
        if not (chosen.isascii() and chosen.lower() in ("table", "plain")):
            return None
        chosen = chosen.lower()
    now = None
    if now_text is not None:
        now = _moment(now_text)
        if now is None:
            return None
    # As click gives --workspace: the option, else its variable; an empty one is unset.
    workspace = workspace or environ.get("AFTERVIEW_WORKSPACE") or None
    return store, workspace, now, timezone, chosen, as_json, limit


def _moment(text: str) -> datetime | None:
    """``--now`` as :func:`afterview.cli.context.parse_now` reads it; ``None`` for anything it
    would refuse or read otherwise."""
    text = text.strip()
    try:
        date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return None  # a bare date: refused by --now
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        return None
    return value


def _store_url(store: str | None, environ: Mapping[str, str], settings: bytes | None) -> str:
    explicit = store or environ.get("AFTERVIEW_STORE")
    if explicit:
        return explicit
    if settings and b"store" in settings:
        import tomllib

        try:
            named = tomllib.loads(settings.decode("utf-8")).get("store")
        except (ValueError, UnicodeDecodeError):
            named = None
        if isinstance(named, str):
            return named
    return _data_store(environ)


def _aead(key: bytes) -> object:
    try:
        # The class cryptography's public module re-exports, without that module's imports
        # (typing, enum, utils: three times the cost of the class itself).
        from cryptography.hazmat.bindings._rust import openssl

        return openssl.aead.AESGCM(key)
    except (ImportError, AttributeError):  # another layout of cryptography
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM(key)


def _open(sealed: bytes, key: bytes, workspace: str) -> bytes:
    # As afterview.sealing.open_bytes: a nonce, then the ciphertext, bound to the workspace,
    # the field and the owner.
    context = "\x1f".join(("afterview", workspace, FIELD, SUBJECT)).encode()
    return _aead(key).decrypt(sealed[:12], sealed[12:], context)  # type: ignore[attr-defined,no-any-return]


def _uri(path: str) -> str:
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode=ro"


def _load(url: str, workspace: str) -> tuple[Any, ...] | None:
    """The kept agenda of ``workspace`` in the SQLite store ``url``, with the log's version,
    or ``None``."""
    import sqlite3

    path = os.path.expanduser(url[len(_SQLITE) :])
    if not os.path.isfile(path):
        return None
    conn = sqlite3.connect(_uri(path), uri=True)
    try:
        # One statement: the row, the log's version and the key are read from one snapshot
        # of the database.
        row = conn.execute(
            "SELECT (SELECT version FROM kept_agendas WHERE workspace = ?1), "
            "(SELECT data FROM kept_agendas WHERE workspace = ?1), "
            "(SELECT coalesce(max(position), 0) FROM events WHERE workspace = ?1), "
            "(SELECT key FROM keys WHERE workspace = ?1 AND subject = ?2)",
            (workspace, SUBJECT),
        ).fetchone()
    finally:
        conn.close()
    kept_version, data, version, key = row
    if data is None or key is None or kept_version != version:
        return None
    kept: object = marshal.loads(_open(bytes(data), bytes(key), workspace))
    if not isinstance(kept, tuple) or not kept or kept[0] != FORMAT or kept[2] != version:
        return None
    return kept


def print_kept(argv: Sequence[str], environ: Mapping[str, str]) -> bool:
    """Print the kept agenda if ``argv`` asks for the agenda and the kept one is still the
    agenda; ``False`` when the command is to run as usual (nothing printed)."""
    if not enabled(environ):
        return False
    try:
        request = _request(argv, environ)
        if request is None:
            return False
        store, workspace, asked, timezone, chosen, as_json, limit = request
        now = datetime.now(UTC) if asked is None else asked
        given = inputs(store, workspace, timezone, environ)
        url = _store_url(store, environ, given[8])  # type: ignore[arg-type]
        if not url.startswith(_SQLITE) or "?" in url:
            return False
        name = workspace or "default"  # an unscoped store's, as Workspace.open chooses
        kept = _load(url, name)
        if kept is None:
            return False
        _, kept_inputs, _, resolved, start, until, files, rows, items = kept
        if kept_inputs != given or resolved != (url, name):
            return False
        if now < datetime.fromisoformat(start) or now >= datetime.fromisoformat(until):
            return False
        if not _files_unchanged(files):
            return False
    except Exception:  # whatever fails here, the agenda is worked out instead
        return False
    stdout = sys.stdout
    if stdout is None:  # closed (``>&-``): the command as usual, which knows what to do
        return False
    plain = chosen == "plain" if chosen is not None else not _is_terminal()
    if as_json or plain:
        text = _text(rows, items, now, as_json=as_json, limit=limit)
        try:
            text.encode(stdout.encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            # A stream that cannot carry the text: click knows how to write it anyway.
            return False
    try:
        if as_json or plain:
            stdout.write(text)
        else:
            _draw(rows, now, limit=limit)
        stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        sys.exit(_READER_GONE)
    except OSError as exc:  # a full disk, a closed terminal: as afterview.cli.main says it
        try:  # noqa: SIM105 - contextlib is one import more at start-up
            sys.stderr.write(f"afterview: error: {' '.join(str(exc).split())}\n")
        except OSError:
            pass
        # Nothing more can reach the stream: leave nothing for the interpreter to flush.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        sys.exit(_ENVIRONMENT)
    return True


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


# --- printing, the same for a kept agenda and a worked-out one ------------------------------------


def _text(
    rows: Sequence[tuple[str, str, str, str, str, str]],
    items: list[object],
    now: datetime,
    *,
    as_json: bool,
    limit: int | None,
) -> str:
    """The agenda as ``--json`` or plain rows print it. Each row: the due time (ISO), as
    shown, the priority, the code, the message, and the message as a plain cell."""
    if as_json:
        import json

        listed = items[:limit] if limit is not None else items
        return json.dumps(listed, indent=2, ensure_ascii=False) + "\n"
    if not rows:
        return EMPTY + "\n"
    shown = rows[:limit] if limit is not None else rows
    return "".join(
        f"{moment}\t{relative(datetime.fromisoformat(due), now)}\t{priority}\t{code}\t{cell}\n"
        for due, moment, priority, code, _, cell in shown
    )


def _draw(
    rows: Sequence[tuple[str, str, str, str, str, str]], now: datetime, *, limit: int | None
) -> None:
    """The agenda as a table, for a terminal."""
    shown = rows[:limit] if limit is not None else rows
    from afterview.cli.render import Output, table, text

    out = Output()
    out.plain = False
    if not rows:
        out.print(EMPTY)
        return
    out.print(
        table(
            f"Agenda ({len(shown)})",
            COLUMNS,
            (
                (moment, relative(datetime.fromisoformat(due), now), priority, code, text(message))
                for due, moment, priority, code, message, _ in shown
            ),
        )
    )


# --- keeping what a run worked out ----------------------------------------------------------------


class _Watch:
    """Counts the warnings logged while an agenda is worked out, printing them as they would
    have been: a run that warned keeps nothing, since a kept agenda would not warn again."""

    def __init__(self) -> None:
        import logging

        self.warned = 0
        self._logging = logging
        self._handler = logging.lastResort
        watch = self

        class Counting(logging.Handler):
            def handle(self, record: logging.LogRecord) -> bool:
                if record.levelno >= logging.WARNING:
                    watch.warned += 1
                return True if watch._handler is None else bool(watch._handler.handle(record))

            def emit(self, record: logging.LogRecord) -> None:  # pragma: no cover - handle()
                pass

        self._counting = Counting(logging.WARNING)
        logging.lastResort = self._counting

    def close(self) -> None:
        if self._logging.lastResort is self._counting:
            self._logging.lastResort = self._handler


class Keeper:
    """Keeps the agenda a run of ``afterview agenda`` worked out, when it may be kept."""

    def __init__(self, state: CliState) -> None:
        self._state = state
        self._environ = dict(os.environ)
        self._inputs = self._now_inputs()
        self._watch = _Watch()

    def _now_inputs(self) -> tuple[object, ...]:
        state = self._state
        return inputs(state.store_url, state.workspace_name, state.timezone, self._environ)

    @classmethod
    def start(cls, state: CliState) -> Keeper | None:
        """A keeper for this run, started before anything is read; ``None`` when turned off."""
        return cls(state) if enabled(os.environ) else None

    def finish(
        self,
        ws: Workspace,
        version: int,
        agenda: Agenda,
        now: datetime,
        zone: tzinfo,
        *,
        warned: bool,
    ) -> None:
        """Keep ``agenda``, worked out for ``now`` from the log at ``version``, if nothing
        warned and nothing it depends on changed while it was worked out. Never fails the
        command: an agenda that cannot be kept is worked out again next time."""
        self._watch.close()
        if warned or self._watch.warned or agenda.failures:
            return
        try:
            self._keep(ws, version, agenda, now, zone)
        except Exception as exc:  # a cache: the agenda printed is what counts
            import logging

            logging.getLogger("afterview.cli").info("agenda not kept: %s", exc)

    def close(self) -> None:
        self._watch.close()

    def _keep(
        self, ws: Workspace, version: int, agenda: Agenda, now: datetime, zone: tzinfo
    ) -> None:
        import json

        from afterview.cli.render import moment, shown
        from afterview.model import LATEST
        from afterview.playbook.agenda import next_wake
        from afterview.sealing import KeyCache, seal_bytes
        from afterview.serialization import unstructure
        from afterview.stores.sqlite import SQLiteStore

        state = self._state
        store = ws.store
        url = state.store_url or state.config.store_url
        if not isinstance(store, SQLiteStore) or not url.startswith(_SQLITE) or "?" in url:
            return
        if str(state.config.path) != _config_path(self._environ):
            return  # a settings file this module would not find
        log = ws.sealed_outbox()
        handle = log.inner
        if log.keyring is not handle:
            return  # keys kept elsewhere: the store's key table would not shred it
        wake = next_wake(ws.state, now, ws.settings, ws.rules)
        if ws.state.version != version or (wake is not None and wake <= now):
            return
        until = LATEST if wake is None else min(wake, LATEST)
        if self._now_inputs() != self._inputs:
            return  # the settings file or the installation changed meanwhile
        rows = [
            (
                a.due.isoformat(),
                # Escaped as a plain row's cells are; a table's escaping leaves them unchanged.
                shown(moment(a.due, zone)),
                shown(a.priority.name.lower()),
                shown(a.code),
                a.message,
                shown(shown(a.message, multiline=True)),
            )
            for a in agenda
        ]
        kept: Any = (
            FORMAT,
            self._inputs,
            version,
            (url, ws.name),
            now.isoformat(),
            until.isoformat(),
            _source_files(),
            rows,
            # Through JSON: plain lists, dicts and strings (no str enums), as printed.
            json.loads(json.dumps(unstructure(agenda), ensure_ascii=False)),
        )
        keys = KeyCache(handle)
        sealed = seal_bytes(marshal.dumps(kept), SUBJECT, keys, ws.name, FIELD)
        key = keys.get(SUBJECT)
        if key is not None:
            store.workspace(ws.name).kept_agenda_put(
                sealed, version=version, subject=SUBJECT, key=key
            )
