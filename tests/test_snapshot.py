"""Snapshots of the folded state: a state read back from one is the state folded from the log,
to each datetime's offset, for any story; the fold's version guards the state's shape; and the
workspace writes them when its policy says, never failing a read or an append for one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import typing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import AfterviewError, DataError, PluginManager, SnapshotPolicy, Workspace
from afterview.fold import FOLD_VERSION, State, fold
from afterview.model import check_moment
from afterview.playbook.agenda import build_agenda
from afterview.snapshot import decode_state, encode_state
from afterview.testing.snapshots import comparable
from conftest import counting_ids, unwritable
from test_fuzzed_stories import _step, moments, prelude

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)

#: The state's shape when FOLD_VERSION was last raised: (FOLD_VERSION, fingerprint).
PINNED = (2, "61144dd6e848e725")


def _shape(cls: type, seen: dict[str, list[str]]) -> None:
    """Every attrs class reachable from ``cls``, with its fields' names and types."""
    if cls.__name__ in seen:
        return
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    seen[cls.__name__] = [f"{f.name}: {f.type}" for f in fields]
    for field in fields:
        for part in _parts(field.type):
            if attrs.has(part):
                _shape(part, seen)


def _parts(tp: object) -> list[object]:
    return [tp, *(p for arg in typing.get_args(tp) for p in _parts(arg))]


def fingerprint() -> str:
    seen: dict[str, list[str]] = {}
    _shape(State, seen)
    return hashlib.sha256(repr(sorted(seen.items())).encode()).hexdigest()[:16]


def test_the_states_shape_is_pinned_to_the_fold_version() -> None:
    assert (FOLD_VERSION, fingerprint()) == PINNED, (
        "the folded state's shape changed: raise afterview.fold.FOLD_VERSION above "
        f"{PINNED[0]} (snapshots of the old shape must be ignored) and pin it here with "
        f"{fingerprint()!r}"
    )


@settings(
    max_examples=int(os.environ.get("AFTERVIEW_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_story_reads_back_from_its_snapshot_as_folded(data: st.DataObject) -> None:
    ws = Workspace.open(
        "memory://",
        plugin_manager=PluginManager(load_entry_points=False),
        ids=counting_ids(),
        snapshots=SnapshotPolicy(enabled=False),
    )
    ids = prelude(ws)
    for _ in range(data.draw(st.integers(min_value=1, max_value=25), label="steps")):
        with contextlib.suppress(AfterviewError):
            _step(data, ws, ids)
    folded = fold(ws.events())
    decoded = decode_state(encode_state(folded))
    assert comparable(decoded) == comparable(folded)
    assert decoded == folded
    now = data.draw(moments, label="now")
    with contextlib.suppress(DataError):  # a now out of range is refused, so nothing to compare
        now = check_moment(now, "now")
        ours = build_agenda(decoded, now, ws.settings, ws.rules)
        theirs = build_agenda(folded, now, ws.settings, ws.rules)
        assert list(ours) == list(theirs)
        assert [a.due.utcoffset() for a in ours] == [a.due.utcoffset() for a in theirs]


def test_bytes_that_are_not_a_snapshot_are_a_data_error_that_quotes_nothing() -> None:
    for junk in (b"", b"{}", b'{"version": "Dana Reyes"}', b"\xff" * 10):
        with pytest.raises(DataError) as caught:
            decode_state(junk)
        assert "Dana" not in str(caught.value)


def _workspace(url: str, policy: SnapshotPolicy) -> Workspace:
    return Workspace.open(
        url,
        name="mine",
        plugin_manager=PluginManager(load_entry_points=False),
        clock=lambda: T0,
        snapshots=policy,
    )


def _organizations(ws: Workspace, count: int) -> None:
    for n in range(count):
        ws.add_organization(f"Org {n}", at=T0 + timedelta(minutes=n))


def test_appending_writes_a_snapshot_once_the_tail_is_long_enough(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/a.sqlite"
    ws = _workspace(url, SnapshotPolicy(min_tail=5, share=0.5))
    handle = ws.store.workspace("mine")
    _organizations(ws, 4)
    assert handle.snapshot_get() is None  # type: ignore[attr-defined]
    _organizations(ws, 1)
    assert handle.snapshot_get().position == 5  # type: ignore[attr-defined]
    _organizations(ws, 4)  # 9 events: a tail of 4 is under min_tail
    assert handle.snapshot_get().position == 5  # type: ignore[attr-defined]
    _organizations(ws, 1)  # 10: a tail of 5 is half the log
    assert handle.snapshot_get().position == 10  # type: ignore[attr-defined]
    ws.close()


def test_a_cold_read_that_folds_a_long_tail_writes_a_snapshot(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/a.sqlite"
    with _workspace(url, SnapshotPolicy(enabled=False)) as writer:
        _organizations(writer, 30)
    with _workspace(url, SnapshotPolicy(min_tail=10)) as reader:
        assert reader.state.version == 30
        assert reader.store.workspace("mine").snapshot_get().position == 30  # type: ignore[attr-defined]


def test_a_read_only_store_is_read_without_a_snapshot_and_without_an_error(
    tmp_path: Path,
) -> None:
    database = tmp_path / "a.sqlite"
    with _workspace(f"sqlite:///{database}", SnapshotPolicy(enabled=False)) as writer:
        _organizations(writer, 12)
    with (
        unwritable(database),
        _workspace(f"sqlite:///{database}", SnapshotPolicy(min_tail=10)) as reader,
    ):
        assert reader.state.version == 12
        assert reader.store.workspace("mine").snapshot_get() is None  # type: ignore[attr-defined]


def test_a_state_the_format_cannot_keep_exactly_gets_no_snapshot_and_reads_from_the_log(
    tmp_path: Path,
) -> None:
    # Monrovia's clocks ran 44 minutes 30 seconds behind UTC until 1972.
    monrovia = timezone(-timedelta(minutes=44, seconds=30))
    url = f"sqlite:///{tmp_path}/a.sqlite"
    with _workspace(url, SnapshotPolicy(min_tail=1, share=0.0)) as ws:
        acme = ws.add_organization("Acme", at=T0)
        ws.submit_application(acme, "Analyst", at=datetime(1971, 3, 1, 9, tzinfo=monrovia))
        with pytest.raises(DataError):
            encode_state(ws.state)
        held = ws.store.workspace("mine").snapshot_get()  # type: ignore[attr-defined]
        assert held.position == 1  # the one before the application, none after it
        ws.add_organization("Beta", at=T0)  # appending goes on
    with _workspace(url, SnapshotPolicy(enabled=False)) as reader:
        (applied,) = [a.applied_at for a in reader.state.applications.values()]
        assert applied.utcoffset() == -timedelta(minutes=44, seconds=30)
        assert reader.state.version == 3
