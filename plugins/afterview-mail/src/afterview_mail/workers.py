"""Reading a large folder with the other processors too.

What a message proposes depends on the message and the workspace's state alone, and reading it
(its MIME, its text), classifying and matching it are nearly all a read costs; keeping the
proposals, and where reading stopped, is not. So, when a source has many messages to give, pages
of their bytes go to worker processes, each given the state once, which send back what each
message proposes; this process fetches, reads pages itself whenever every worker has enough to
do, and keeps what was proposed, in the order the messages came.

A worker writes nothing anywhere, and what it is sent (the state, the messages' bytes) lives
only in its memory, as in this process's. Workers are started (``spawn``: the same on every
system, and safe beside the thread that fetches ahead) only when the source says it has at
least :data:`WORTH_IT` messages to give: starting one costs a few tenths of a second, which
only a large read pays back. ``AFTERVIEW_MAIL_WORKERS`` (or ``read_inbox(workers=…)``) sets how
many; ``0`` reads everything in this process.

:func:`~afterview_mail.inbox.read_inbox` starts none unless asked (``workers=None`` lets it
decide, as ``afterview inbox read`` does): a new process imports the program's main module, so
a program must start its own work under ``if __name__ == "__main__":``, as
:mod:`multiprocessing` asks of any program that uses it.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from email.message import Message
from typing import TYPE_CHECKING, TypeAlias

from afterview import SettingsError
from afterview_mail.message import parse_mail, read_mail
from afterview_mail.proposals import Cursor, Proposal
from afterview_mail.proposing import propose

if TYPE_CHECKING:
    from afterview import State

__all__ = ["WORTH_IT", "Outcome", "Reader", "outcomes", "worker_count"]

log = logging.getLogger("afterview.mail")

#: A source with fewer messages than this to give is read in this process.
WORTH_IT = 2000
#: Messages a worker is given at a time.
PAGE = 100
#: Pages waiting for each worker: enough that one never waits while this process reads a page
#: itself.
AHEAD = 4
#: The most workers started on their own.
MOST = 4

#: What one message came to: its key (None: no part of it could be read) and its proposal
#: (None: it says nothing to record, or its key was seen before).
Outcome: TypeAlias = tuple[str | None, Proposal | None]


class Reader:
    """What a message proposes about a workspace whose ``state`` this is; messages whose key
    is ``seen`` are read but not proposed again."""

    def __init__(self, state: State, own: Iterable[str], seen: Collection[str]) -> None:
        self.state = state
        self.own = tuple(own)
        self.seen = seen

    def __call__(self, message: Message | bytes) -> Outcome:
        # A message broken past reading is counted as such, not a reason to stop.
        try:
            mail = read_mail(message) if isinstance(message, bytes) else parse_mail(message)
        except Exception:
            return None, None
        if mail.key in self.seen:
            return mail.key, None
        return mail.key, propose(self.state, mail, self.own)

    def __reduce__(self) -> tuple[Callable[..., Reader], tuple[object, ...]]:
        # Sent to a worker once: what it has seen is what was seen when the read began.
        return Reader, (self.state, self.own, frozenset(self.seen))


#: In a worker, the reader it was started with.
_WORKER: dict[str, Reader] = {}


def _start(reader: Reader) -> None:
    _WORKER["reader"] = reader


def _page(page: list[bytes]) -> list[Outcome]:
    reader = _WORKER["reader"]
    return [reader(data) for data in page]


def worker_count(asked: int | None = None) -> int:
    """How many workers a large read starts: ``asked``, else ``AFTERVIEW_MAIL_WORKERS``, else
    one fewer than the processors this process may use (at most :data:`MOST`).

    :raises SettingsError: ``AFTERVIEW_MAIL_WORKERS`` is not a whole number from 0.
    """
    if asked is None:
        value = os.environ.get("AFTERVIEW_MAIL_WORKERS", "").strip()
        if value:
            asked = int(value) if value.isdigit() else -1
            if asked < 0:
                raise SettingsError(
                    f"AFTERVIEW_MAIL_WORKERS is {value!r}: give a whole number from 0 "
                    "(0 reads every message in this process)"
                )
    if asked is not None:
        return max(asked, 0)
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = os.cpu_count() or 1
    return max(0, min(MOST, usable - 1))


class _Pool:
    """Worker processes; a broken one is given up on, not fatal."""

    def __init__(self, workers: int, reader: Reader) -> None:
        import multiprocessing

        self.workers = workers
        self._executor: ProcessPoolExecutor | None = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(reader,),
        )
        self._reader = reader
        # Nothing is handed out before a worker has started and read nothing: a page handed to
        # one still starting could not be taken back, and this process would wait for it.
        self._started = self._executor.submit(_page, [])
        self.busy = 0
        #: Pages handed to workers, and read here, for the log.
        self.handed = self.kept = 0

    def submit(self, page: list[bytes]) -> Future[list[Outcome]] | None:
        """The page handed to a worker, or None when all have enough (or are broken): this
        process reads it."""
        if self._executor is None or self.busy >= AHEAD * self.workers:
            return None
        if not self._started.done():
            return None
        if self._started.exception() is not None:
            # The workers could not start (or were stopped starting): this process reads on.
            log.warning("a process reading mail stopped; reading on without it")
            self.close()
            return None
        try:
            future = self._executor.submit(_page, page)
        except (BrokenProcessPool, RuntimeError):
            self.close()
            return None
        self.busy += 1
        self.handed += 1
        return future

    def result(self, future: Future[list[Outcome]], page: list[bytes]) -> list[Outcome]:
        self.busy -= 1
        if not future.done() and future.cancel():
            # No worker has started it yet and it is needed now: it is read here rather than
            # waited for (at the end of a read, most of all).
            self.handed -= 1
            self.kept += 1
            return [self._reader(data) for data in page]
        try:
            return future.result()
        except BrokenProcessPool:
            # A worker died (killed, out of memory): this page is read here, the rest too.
            log.warning("a process reading mail stopped; reading on without it")
            self.close()
            return [self._reader(data) for data in page]

    def close(self) -> None:
        if self._executor is not None:
            log.debug("%d pages read by %d workers, %d here", self.handed, self.workers, self.kept)
            executor, self._executor = self._executor, None
            # A worker still starting would hold the read up: it leaves on its own.
            executor.shutdown(wait=False, cancel_futures=True)


_Item: TypeAlias = tuple[Message | bytes, Cursor | None]
_Entry: TypeAlias = tuple[list[_Item], "Future[list[Outcome]] | list[Outcome]"]


def outcomes(
    messages: Iterable[_Item],
    reader: Reader,
    *,
    pending: Callable[[], int | None] = lambda: None,
    workers: int | None = None,
) -> Iterator[tuple[Cursor | None, Outcome]]:
    """What each of ``messages`` came to, with its cursor, in the order given.

    ``pending``: how many messages the source has to give, asked once the first has come (a
    source knows it once it has looked); workers are started only for :data:`WORTH_IT` or more.
    ``workers``: see :func:`worker_count`; given, they are started whatever the count. When
    ``messages`` fails (a connection dropped for good), what was read before is given first,
    then the error is raised.
    """
    count = worker_count(workers)
    iterator = iter(messages)
    first = next(iterator, None)
    if first is None:
        return
    if count == 0 or (workers is None and (pending() or 0) < WORTH_IT):
        yield first[1], reader(first[0])
        for message, cursor in iterator:
            yield cursor, reader(message)
        return
    pool = _Pool(count, reader)
    window: deque[_Entry] = deque()
    page: list[_Item] = [first]
    failed: Exception | None = None
    try:
        try:
            for item in iterator:
                page.append(item)
                if len(page) == PAGE:
                    _hand_out(pool, reader, window, page)
                    page = []
                    # Whatever is ready at the head is given; this process reads on otherwise.
                    while window and _ready(window[0]):
                        yield from _given(pool, window.popleft())
                    # A bound on what waits, so that memory cannot grow with the folder.
                    while len(window) > 2 * AHEAD * count + 4:
                        yield from _given(pool, window.popleft())
        except GeneratorExit:
            raise
        except Exception as exc:
            # The source failed: what was read before it is given first.
            failed = exc
        if page:
            window.append((page, [reader(m) for m, _ in page]))
        while window:
            yield from _given(pool, window.popleft())
    finally:
        pool.close()
    if failed is not None:
        raise failed


def _ready(entry: _Entry) -> bool:
    return not isinstance(entry[1], Future) or entry[1].done()


def _hand_out(pool: _Pool, reader: Reader, window: deque[_Entry], page: list[_Item]) -> None:
    datas = [m for m, _ in page if isinstance(m, bytes)]
    future = pool.submit(datas) if len(datas) == len(page) else None
    if future is None:
        pool.kept += 1
    window.append((page, future if future is not None else [reader(m) for m, _ in page]))


def _given(pool: _Pool, entry: _Entry) -> Iterator[tuple[Cursor | None, Outcome]]:
    page, found = entry
    if isinstance(found, Future):
        found = pool.result(found, [m for m, _ in page if isinstance(m, bytes)])
    for (_, cursor), outcome in zip(page, found, strict=True):
        yield cursor, outcome
