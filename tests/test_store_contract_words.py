"""A store that breaks a rule of the store contract fails with the rule named in words, so an
author need not read the kit's code to learn what it expects."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from afterview.store import OutboxItem, Store, WorkspaceStore
from afterview.stores.memory import MemoryStore
from afterview.testing import StoreContract


class _Handle:
    """A workspace handle that gets its name wrong, or keeps an item's workspace as given."""

    def __init__(self, inner: WorkspaceStore, flaw: str) -> None:
        self._inner = inner
        self._flaw = flaw

    @property
    def name(self) -> str:
        return self._inner.name.upper() if self._flaw == "name" else self._inner.name

    def outbox_items(self, status: Any = None) -> list[OutboxItem]:
        items = self._inner.outbox_items(status)
        if self._flaw == "put":
            return [attrs.evolve(i, workspace="set-by-the-store") for i in items]
        return items

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._inner, attribute)


class _FlawedStore:
    def __init__(self, flaw: str) -> None:
        self._inner = MemoryStore("memory://")
        self._flaw = flaw

    def workspace(self, name: str) -> _Handle:
        return _Handle(self._inner.workspace(name), self._flaw)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._inner, attribute)


@pytest.mark.parametrize(
    ("flaw", "test", "words"),
    [
        (
            "name",
            "test_a_handle_is_named_after_its_workspace",
            "store contract, name: WorkspaceStore.name is the name given to Store.workspace",
        ),
        (
            "put",
            "test_a_workspace_never_sees_or_touches_another_workspaces_outbox",
            "store contract, put: the stored item's workspace is the handle's name",
        ),
    ],
)
def test_a_broken_rule_is_named_in_the_failure(flaw: str, test: str, words: str) -> None:
    store: Store = _FlawedStore(flaw)
    with pytest.raises(AssertionError, match=words):
        getattr(StoreContract(), test)(store)
