"""A plugin written carelessly: a rule that raises, a rule reusing a built-in code, a misspelled
hook, and a store whose methods fail. Each failure must stay its own."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from afterview import Advice, Rule, Settings, State, hookimpl, rule


@rule("XC001", "always-fails")
def always_fails(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Raises on every workspace."""
    yield from ()
    raise ZeroDivisionError("a bug in the plugin")


@rule("AV301", "my-own-thanks")
def my_own_thanks(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Takes a code afterview already uses."""
    yield from ()


@hookimpl
def afterview_rules() -> Sequence[Rule]:
    return (always_fails, my_own_thanks)


@hookimpl
def afterview_rule() -> Sequence[Rule]:  # the misspelling an author makes
    return ()


def afterview_url_schemes() -> dict[str, list[str]]:  # a hook without @hookimpl
    return {"store": ["clumsy://"]}


class _FailingStore:
    url = "clumsy://"

    def workspace(self, name: str) -> object:
        raise OSError(f"cannot reach the server for {name}")

    def workspaces(self) -> list[str]:
        raise ValueError("secret-ish detail that must not be shown")

    def claim_due(self, *args: object, **kwargs: object) -> list[object]:
        return []

    def close(self) -> None:
        pass


@hookimpl
def afterview_open_store(url: str) -> _FailingStore | None:
    return _FailingStore() if url.startswith("clumsy://") else None
