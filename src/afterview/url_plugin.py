"""A base class for plugin objects that open URLs by their prefix.

A plugin that opens stores, notifiers, importers or job boards says which URL prefixes it
claims, answers ``None`` for every other URL, and lists its prefixes in
``afterview_url_schemes``. :class:`UrlPlugin` does those three things from one table, so a
plugin writes only how to open a URL of its own::

    from afterview import UrlPlugin


    class AcmePlugin(UrlPlugin, job_board=["acme-board://"], importer=["acme://"]):
        def open_job_board(self, url):
            from afterview_acme.board import AcmeBoard  # heavy imports here, not at the top

            return AcmeBoard(url)

        def open_importer(self, url, clock):
            from afterview_acme.importer import AcmeImporter

            return AcmeImporter(url, clock=clock)


    plugin = AcmePlugin()  # the object the entry point names: "afterview_acme.plugin:plugin"

The class keywords ``store``, ``notifier``, ``importer`` and ``job_board`` list the prefixes of
each kind (they end up in :attr:`UrlPlugin.schemes`). Only the hooks of those kinds are
implemented (so ``afterview plugins`` lists only those), each calling the matching ``open_…``
method for a URL that starts with one of the kind's prefixes; a subclass inherits its parent's
prefixes and may add kinds of its own. Other hooks (``afterview_cli_commands``…) are methods marked
``@hookimpl`` as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from afterview.hookspecs import OPENERS, hookimpl

if TYPE_CHECKING:
    from afterview.ats.protocols import Importer, JobBoard
    from afterview.reminders.notifier import Notifier
    from afterview.store import Store

__all__ = ["UrlPlugin"]

Clock = Callable[[], datetime]


class UrlPlugin:
    """A plugin object whose openers claim the URLs starting with its prefixes."""

    #: The URL prefixes claimed, by kind: ``store``, ``notifier``, ``importer``, ``job board``.
    schemes: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # The kinds' keywords (store=, notifier=, importer=, job_board=), in the order given:
        # ``afterview plugins`` lists them so.
        schemes = dict(cls.schemes)
        for keyword in [k for k in kwargs if k in _KINDS]:
            prefixes = kwargs.pop(keyword)
            if isinstance(prefixes, str) or not isinstance(prefixes, Sequence):
                raise TypeError(f"{cls.__name__}: {keyword}= takes a list of prefixes")
            if prefixes:
                schemes[_KINDS[keyword]] = tuple(prefixes)
        super().__init_subclass__(**kwargs)
        cls.schemes = schemes
        for kind in schemes:
            method = _METHODS[kind]
            if getattr(cls, method) is getattr(UrlPlugin, method):
                raise TypeError(f"{cls.__name__} claims {kind} URLs but defines no {method}()")
            if OPENERS[kind] not in vars(cls):
                setattr(cls, OPENERS[kind], _HOOKS[kind])

    def claims(self, kind: str, url: str) -> bool:
        """Whether ``url`` starts with one of the prefixes this plugin claims for ``kind``."""
        return url.startswith(tuple(self.schemes.get(kind, ())))

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {kind: list(prefixes) for kind, prefixes in self.schemes.items()}

    # What a subclass defines for each kind it claims; called only with a claimed URL.

    def open_store(self, url: str) -> Store:
        raise NotImplementedError

    def open_notifier(self, url: str) -> Notifier:
        raise NotImplementedError

    def open_importer(self, url: str, clock: Clock) -> Importer:
        """``clock`` is the workspace's (``--now``): call it for "now"."""
        raise NotImplementedError

    def open_job_board(self, url: str) -> JobBoard:
        raise NotImplementedError


# The hook implementations a subclass gets for the kinds it claims: pluggy reads their
# argument names, so each has the signature of its hook.


@hookimpl
def _open_store(self: UrlPlugin, url: str) -> Store | None:
    return self.open_store(url) if self.claims("store", url) else None


@hookimpl
def _open_notifier(self: UrlPlugin, url: str) -> Notifier | None:
    return self.open_notifier(url) if self.claims("notifier", url) else None


@hookimpl
def _open_importer(self: UrlPlugin, url: str, clock: Clock) -> Importer | None:
    return self.open_importer(url, clock) if self.claims("importer", url) else None


@hookimpl
def _open_job_board(self: UrlPlugin, url: str) -> JobBoard | None:
    return self.open_job_board(url) if self.claims("job board", url) else None


_HOOKS: dict[str, Callable[..., Any]] = {
    "store": _open_store,
    "notifier": _open_notifier,
    "importer": _open_importer,
    "job board": _open_job_board,
}
#: Each kind by its class keyword.
_KINDS = {kind.replace(" ", "_"): kind for kind in OPENERS}
_METHODS = {
    "store": "open_store",
    "notifier": "open_notifier",
    "importer": "open_importer",
    "job board": "open_job_board",
}
