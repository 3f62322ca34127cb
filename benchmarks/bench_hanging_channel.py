"""One round of reminders against a channel that never answers, next to one that works.

A local server on 127.0.0.1 accepts connections and never replies; a small notifier POSTs each
reminder to it and waits as long as it takes. The round's outbox (SQLite) holds ``--items``
reminders for that channel and as many for a healthy one. Printed: the round's wall time, the
notifier threads still alive after it, the attempts it made, and items delivered, failed,
skipped and left for the next round.

Run ``python benchmarks/bench_hanging_channel.py`` (``--timeout`` is the notifier timeout in
seconds; the default settings otherwise, so the round budget is five minutes).
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterview import DispatchSettings, Notification, OutboxItem, OutboxStatus
from afterview.reminders.dispatcher import Dispatcher
from afterview.reminders.notifier import notification_payload
from afterview.stores.sqlite import SQLiteStore

NOW = datetime(2026, 5, 5, 9, 0, tzinfo=UTC)


def silent_server() -> tuple[socket.socket, list[socket.socket]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(256)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(sock.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return sock, held


class HttpNotifier:
    def __init__(self, url: str) -> None:
        self.url = url

    def notify(self, notification: Notification) -> bool:
        request = urllib.request.Request(self.url, data=notification.key.encode(), method="POST")
        with urllib.request.urlopen(request) as response:
            return bool(response.status == 200)


class Healthy:
    url = "ok:"

    def notify(self, notification: Notification) -> bool:
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=1.0)
    args = parser.parse_args()

    sock, held = silent_server()
    hang = f"http://127.0.0.1:{sock.getsockname()[1]}/hook"
    notifiers = {hang: HttpNotifier(hang), "ok:": Healthy()}
    with tempfile.TemporaryDirectory() as scratch:
        store = SQLiteStore(f"sqlite:///{Path(scratch) / 'bench.db'}")
        outbox = store.workspace("w")
        for channel in notifiers:
            for i in range(args.items):
                key = f"w|AV301|p{i}|{channel}"
                note = Notification(key=key, workspace="w", code="AV", title="t", body="b", due=NOW)
                outbox.outbox_put(
                    OutboxItem(
                        key=key,
                        workspace="w",
                        channel=channel,
                        payload=notification_payload(note),
                        due=NOW,
                    )
                )
        settings = DispatchSettings(timeout=timedelta(seconds=args.timeout))
        dispatcher = Dispatcher(notifiers.__getitem__, list(notifiers), settings=settings)
        started = time.monotonic()
        report = dispatcher.deliver(outbox, NOW)
        wall = time.monotonic() - started
        threads = sum(1 for t in threading.enumerate() if t.name == "afterview-notify")
        items = outbox.outbox_items()
        attempts = sum(i.attempts for i in items if i.channel == hang)
        untouched = sum(1 for i in items if i.status is OutboxStatus.PENDING and not i.attempts)
        store.close()
    sock.close()
    for conn in held:
        conn.close()
    print(
        f"{args.items} + {args.items} items, timeout {args.timeout:g}s: round {wall:.1f}s, "
        f"{threads} notifier threads alive after it, {attempts} attempts on the hanging "
        f"channel; report: {report}; {untouched} left untouched for the next round"
    )


if __name__ == "__main__":
    main()
