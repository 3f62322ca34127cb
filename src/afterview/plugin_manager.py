"""A typed facade over pluggy's ``PluginManager``: one method per hook.

Plugins come from the ``afterview`` entry-point group; the built-in adapters are registered through
that same group. Each entry point is loaded on its own: a broken plugin is reported with its name
and version (:meth:`PluginManager.plugins`, and a log warning) while the others keep working.

Two environment variables choose what loads:

* ``AFTERVIEW_PLUGINS`` — a comma-separated allow-list of entry-point names; only these load.
* ``AFTERVIEW_DISABLE_PLUGINS`` — a comma-separated list of entry-point names never to load.

Reading the entry points means importing :mod:`importlib.metadata` and every installed
distribution's metadata, which costs a command line run more than opening a store and folding
hundreds of events. The process-wide manager (:func:`get_plugin_manager`) therefore remembers
the list between runs (:mod:`afterview.environment_cache`): it is read again whenever a
directory on ``sys.path`` changes, as installing or removing a distribution does.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

import attrs
import pluggy

from afterview import hookspecs
from afterview.errors import AfterviewError, PluginError, StoreError, UnclaimedURLError
from afterview.masking import mask_url, scrub_url
from afterview.secret_references import ResolvedURL
from afterview.secret_references import resolve as resolve_secret_references

if TYPE_CHECKING:
    import click

    from afterview.ats.protocols import Importer, JobBoard
    from afterview.events import Event
    from afterview.journal import Journal
    from afterview.playbook.rule import Rule
    from afterview.reminders.notifier import Notifier
    from afterview.settings import Settings
    from afterview.store import OutboxItem, Store

__all__ = [
    "ENTRY_POINT_GROUP",
    "ObserverFailure",
    "PluginInfo",
    "PluginManager",
    "PluginProblem",
    "get_plugin_manager",
]

ENTRY_POINT_GROUP = "afterview"

#: The file in the user's cache directory that remembers the entry points, one per environment.
ENTRY_POINTS_FILE = "entry-points-{environment:08x}.json"

#: An installed entry point: its name, its ``module:attribute`` value, and the name and version
#: of the distribution that declares it.
InstalledEntryPoint = tuple[str, str, str | None, str | None]

#: afterview's own plugins: the same entry points as third parties use (see pyproject.toml), and
#: registered from here when afterview runs from a source tree that was never installed.
BUILTIN_PLUGINS: dict[str, str] = {
    "console": "afterview.reminders.console",
    "memory": "afterview.stores.memory",
    "playbook": "afterview.playbook.builtin",
    "sqlite": "afterview.stores.sqlite",
}
log = logging.getLogger("afterview.plugins")


def _utcnow() -> datetime:
    return datetime.now(UTC)


@attrs.frozen
class PluginInfo:
    """What ``afterview plugins`` shows: a plugin, where it comes from, the hooks it implements,
    the rules it adds, and what is wrong with it.

    :ivar error: why the plugin could not be loaded at all (``None`` when it loaded).
    :ivar problems: what is wrong with a plugin that loaded: an unknown or unmarked hook, a
        failing ``afterview_rules``, a rule left out because its code is taken.
    """

    name: str
    version: str | None
    distribution: str | None
    hooks: tuple[str, ...]
    url_schemes: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    error: str | None = None
    rules: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def loaded(self) -> bool:
        return self.error is None

    @property
    def status(self) -> str:
        """``ok``, ``broken: …`` (not loaded) or ``problem: …`` (loaded, partly working)."""
        if self.error is not None:
            return f"broken: {self.error}"
        if self.problems:
            return "problem: " + "; ".join(self.problems)
        return "ok"


@attrs.frozen
class PluginProblem:
    """Something wrong with a plugin that loaded; the plugin's other parts keep working."""

    plugin: str
    problem: str


@attrs.frozen
class ObserverFailure:
    """An ``afterview_events_appended`` observer that raised; the append stood."""

    plugin: str
    error: str


def _split_env(value: str | None) -> set[str] | None:
    if value is None or not value.strip():
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


class PluginManager:
    """The plugin host. Most code uses :func:`get_plugin_manager`; tests make their own."""

    def __init__(
        self,
        *,
        load_entry_points: bool = True,
        builtins: bool = True,
        environ: Mapping[str, str] | None = None,
        remember_entry_points: bool = False,
    ) -> None:
        """``remember_entry_points`` keeps the list of installed entry points in the user's
        cache directory between processes (see the module's documentation)."""
        self._pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self._pm.add_hookspecs(hookspecs)
        self._distributions: dict[str, tuple[str | None, str | None]] = {}
        self._broken: list[PluginInfo] = []
        #: The traceback of each plugin that failed to load, for ``--debug``.
        self._tracebacks: dict[str, str] = {}
        self._problems: dict[str, list[str]] = {}
        if load_entry_points:
            env = os.environ if environ is None else environ
            self._load_entry_points(
                _installed_entry_points(remember=remember_entry_points),
                allow=_split_env(env.get("AFTERVIEW_PLUGINS")),
                deny=_split_env(env.get("AFTERVIEW_DISABLE_PLUGINS")) or set(),
            )
        if builtins:
            for name, module in BUILTIN_PLUGINS.items():
                if not self._pm.has_plugin(name):
                    self._pm.register(importlib.import_module(module), name=name)
                    self._distributions.setdefault(name, ("afterview", _own_version()))

    def __repr__(self) -> str:
        return f"<PluginManager {len(self._pm.get_plugins())} plugins>"

    # --- registration ------------------------------------------------------------------------

    def _load_entry_points(
        self,
        installed: Sequence[InstalledEntryPoint],
        *,
        allow: set[str] | None,
        deny: set[str],
    ) -> None:
        for name, value, dist_name, version in installed:
            # afterview's own adapters always load: the variables choose among add-ons.
            builtin = dist_name == "afterview"
            if not builtin and ((allow is not None and name not in allow) or name in deny):
                continue
            try:
                plugin = _load_object(value)
                self._pm.register(plugin, name=name)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                log.warning(
                    "afterview plugin %r (%s %s) failed to load: %s",
                    name,
                    dist_name,
                    version,
                    error,
                )
                import traceback  # only for a plugin that failed

                self._tracebacks[name] = "".join(traceback.format_exception(exc))
                self._broken.append(PluginInfo(name, version, dist_name, (), error=error))
            else:
                self._distributions[name] = (dist_name, version)
                self._check_hook_names(name, plugin)

    def register(self, plugin: object, name: str | None = None) -> str:
        """Register a plugin object or module; return the name it was registered under."""
        try:
            registered = self._pm.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise PluginError(f"cannot register plugin {name or plugin!r}: {exc}") from exc
        if registered is None:
            raise PluginError(f"plugin {name or plugin!r} is blocked")
        self._check_hook_names(registered, plugin)
        return registered

    def _check_hook_names(self, name: str, plugin: object) -> None:
        """Note a function named like a hook that is none (``afterview_rule``), or a hook left
        without ``@hookimpl``: either would be silently ignored, and the plugin listed as ok."""
        known = {n for n in vars(hookspecs) if n.startswith(f"{hookspecs.PROJECT_NAME}_")}
        for attribute in sorted(dir(plugin)):
            if not attribute.startswith(f"{hookspecs.PROJECT_NAME}_"):
                continue
            try:
                value = getattr(plugin, attribute)
            except Exception:  # pragma: no cover - a property that fails
                continue
            if not callable(value):
                continue
            if attribute not in known:
                import difflib  # only for a name that is no hook

                close = difflib.get_close_matches(attribute, sorted(known), n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                self._note(name, f"{attribute} is not an afterview hook{hint}")
            elif self._pm.parse_hookimpl_opts(plugin, attribute) is None:
                self._note(name, f"{attribute} is not marked with @hookimpl, so it is never called")

    def _note(self, name: str, problem: str) -> None:
        found = self._problems.setdefault(name, [])
        if problem not in found:
            log.warning("afterview plugin %r: %s", name, problem)
            found.append(problem)

    def problems(self) -> list[PluginProblem]:
        """What is wrong with plugins that loaded (rules included), by plugin name."""
        self.rules()
        return [
            PluginProblem(name, problem)
            for name in sorted(self._problems)
            for problem in self._problems[name]
        ]

    def load_traceback(self, name: str) -> str | None:
        """The traceback of plugin ``name``'s failure to load, for ``--debug``; ``None`` if it
        loaded."""
        return self._tracebacks.get(name)

    def package_of(self, name: str) -> str | None:
        """The distribution that installed plugin ``name`` (``None`` for one registered in code)."""
        return self._distributions.get(name, (None, None))[0]

    def unregister(self, name: str) -> None:
        self._pm.unregister(name=name)

    def is_registered(self, name: str) -> bool:
        return self._pm.has_plugin(name)

    # --- listing -------------------------------------------------------------------------------

    def plugins(self) -> list[PluginInfo]:
        """Every plugin, loaded or broken, sorted by name."""
        infos = list(self._broken)
        schemes = self.url_schemes_by_plugin()
        by_plugin: dict[str, list[str]] = {}
        for r in self.rules():
            by_plugin.setdefault(r.plugin or "", []).append(r.code)
        for name, plugin in self._pm.list_name_plugin():
            if plugin is None:  # pragma: no cover - a blocked name
                continue
            hooks = sorted(
                caller.name
                for caller in self._pm.get_hookcallers(plugin) or ()
                if caller.name != "afterview_url_schemes"
            )
            dist_name, version = self._distributions.get(name, (None, None))
            infos.append(
                PluginInfo(
                    name,
                    version,
                    dist_name,
                    tuple(hooks),
                    schemes.get(name, {}),
                    rules=tuple(by_plugin.get(name, ())),
                    problems=tuple(self._problems.get(name, ())),
                )
            )
        return sorted(infos, key=lambda i: i.name)

    def url_schemes_by_plugin(self) -> dict[str, dict[str, tuple[str, ...]]]:
        result: dict[str, dict[str, tuple[str, ...]]] = {}
        for impl in self._pm.hook.afterview_url_schemes.get_hookimpls():
            try:
                claimed = impl.function()
            except Exception:
                log.warning("afterview plugin %r failed in afterview_url_schemes", impl.plugin_name)
                continue
            by_kind = cast("Mapping[str, Sequence[str]]", claimed)
            result[impl.plugin_name] = {kind: tuple(v) for kind, v in by_kind.items()}
        return result

    def claimed_schemes(self, kind: str) -> list[str]:
        """Every URL prefix claimed for ``kind`` (``store``, ``notifier``, …), sorted."""
        return sorted(
            {s for by_kind in self.url_schemes_by_plugin().values() for s in by_kind.get(kind, ())}
        )

    # --- the hooks -----------------------------------------------------------------------------

    def _open(
        self,
        kind: str,
        url: str | ResolvedURL,
        check: Callable[[object], bool],
        extra: Mapping[str, object] | None = None,
    ) -> Any:
        hook = getattr(self._pm.hook, hookspecs.OPENERS[kind])
        # Secrets named by reference are looked up now, at the last moment, and only the
        # openers see them.
        resolved = url if isinstance(url, ResolvedURL) else resolve_secret_references(url)
        url = resolved.url
        # pluggy calls the most recently registered implementation first; so do we.
        for impl in reversed(hook.get_hookimpls()):
            opened = _call_opener(impl, kind, resolved, extra)
            if opened is not None:
                if not check(opened):
                    raise PluginError(
                        f"plugin {impl.plugin_name!r} returned a {type(opened).__name__} for "
                        f"{kind} URL {mask_url(url)!r}, which is not a {kind}"
                    )
                package = self.package_of(impl.plugin_name)
                if kind == "store" and package != "afterview":
                    return _PluginStore(opened, impl.plugin_name, package)
                return opened
        claimed = self.claimed_schemes(kind)
        offered = ", ".join(claimed) if claimed else "none"
        raise UnclaimedURLError(
            f"no installed plugin opens the {kind} URL {mask_url(url, scheme_only=True)!r}; "
            f"{kind} URLs claimed: {offered}; installed plugins: "
            + (", ".join(i.name for i in self.plugins() if i.loaded) or "none")
        )

    def open_store(self, url: str) -> Store:
        """Open the store at ``url``; with a ``workspaces`` parameter, a
        :class:`~afterview.scope.ScopedStore` that reaches only those workspaces."""
        from afterview.scope import ScopedStore, split_scope
        from afterview.store import Store

        resolved = resolve_secret_references(url)
        base, scope = split_scope(resolved.url)
        store = cast(
            "Store",
            self._open(
                "store", ResolvedURL(base, resolved.secrets), lambda o: isinstance(o, Store)
            ),
        )
        return store if scope is None else ScopedStore(store, scope, owned=True)

    def open_notifier(self, url: str) -> Notifier:
        from afterview.reminders.notifier import Notifier

        return cast("Notifier", self._open("notifier", url, lambda o: isinstance(o, Notifier)))

    def open_importer(self, url: str, *, clock: Callable[[], datetime] | None = None) -> Importer:
        """Open an importer; ``clock`` (the workspace's, ``--now``) reaches the implementations
        whose ``afterview_open_importer`` takes a ``clock`` argument; the wall clock when
        ``None``."""
        from afterview.ats.protocols import Importer

        return cast(
            "Importer",
            self._open(
                "importer",
                url,
                lambda o: isinstance(o, Importer),
                {"clock": clock or _utcnow},
            ),
        )

    def open_job_board(self, url: str) -> JobBoard:
        from afterview.ats.protocols import JobBoard

        return cast("JobBoard", self._open("job board", url, lambda o: isinstance(o, JobBoard)))

    def rules(self) -> list[Rule]:
        """Rules added by plugins (the built-in rules register themselves the same way), sorted
        by code, each carrying the plugin and package it came from.

        One plugin's failure is its own: a plugin whose ``afterview_rules`` raises or returns
        something that is not a rule, or a rule whose code another plugin took first (afterview's
        own rules, then plugins by name), is left out and noted in :meth:`problems` and
        ``afterview plugins``; every other rule is returned.
        """
        from afterview.playbook.rule import Rule

        impls = {impl.plugin_name: impl for impl in self._pm.hook.afterview_rules.get_hookimpls()}
        # afterview's own first, so that no plugin can take over a built-in code.
        order = sorted(impls, key=lambda n: (self.package_of(n) != "afterview", n))
        taken: dict[str, Rule] = {}
        for name in order:
            try:
                given = list(cast("Sequence[object]", impls[name].function()))
            except Exception as exc:
                self._note(name, f"afterview_rules failed: {type(exc).__name__}: {exc}")
                continue
            package = self.package_of(name)
            for r in given:
                if not isinstance(r, Rule):
                    self._note(
                        name,
                        f"afterview_rules returned a {type(r).__name__}, which is not a Rule",
                    )
                    continue
                first = taken.get(r.code)
                if first is not None:
                    owner = f"plugin {first.plugin!r}"
                    owner += f" ({first.package})" if first.package else ""
                    self._note(
                        name,
                        f"rule {r.code} ({r.name}) left out: {owner} already uses the code",
                    )
                    continue
                taken[r.code] = attrs.evolve(r, plugin=name, package=package)
                self._check_setting_names(name, taken[r.code])
        return [taken[code] for code in sorted(taken)]

    def _check_setting_names(self, name: str, r: Rule) -> None:
        from afterview.settings import Settings

        own = {a.name for a in attrs.fields(Settings)}
        types: dict[str, type] | None = None
        for setting in r.settings:
            if setting in own:
                continue
            plugin, _, field = setting.partition(".")
            if types is None:
                types = self.settings_types()
            cls = types.get(plugin)
            if cls is None or not field or field not in {a.name for a in attrs.fields(cls)}:
                self._note(
                    name,
                    f"rule {r.code} lists setting {setting!r}, which no settings table holds "
                    "(afterview's are [playbook] names, a plugin's are NAME.field)",
                )

    def settings_types(self) -> dict[str, type]:
        """Each plugin's settings class (``afterview_settings_type``), by plugin name; a plugin
        whose hook fails or returns something else than an attrs class is noted in
        :meth:`problems` and left out."""
        found: dict[str, type] = {}
        for impl in self._pm.hook.afterview_settings_type.get_hookimpls():
            try:
                cls = impl.function()
            except Exception as exc:
                self._note(
                    impl.plugin_name, f"afterview_settings_type failed: {type(exc).__name__}"
                )
                continue
            if cls is None:
                continue
            if not (isinstance(cls, type) and attrs.has(cls)):
                self._note(
                    impl.plugin_name,
                    "afterview_settings_type returned something else than an attrs class",
                )
                continue
            found[impl.plugin_name] = cls
        return found

    def plugin_settings(self, settings: Settings) -> dict[str, object]:
        """Every plugin's settings read from ``settings``' ``[plugins.NAME]`` tables (defaults
        where a table is absent), by plugin name: what ``afterview info`` shows.

        A table naming no plugin with settings is noted in :meth:`problems`, not refused: a
        plugin uninstalled must not stop afterview from starting.

        :raises SettingsError: a plugin's table holds an unknown key or a bad value.
        """
        types = self.settings_types()
        for name in sorted(set(settings.plugins) - set(types)):
            self._note(
                name,
                f"the settings file has a [plugins.{name}] table, but no installed plugin "
                f"named {name!r} has settings",
            )
        return {name: settings.plugin(name, cls) for name, cls in sorted(types.items())}

    def cli_commands(self) -> dict[str, click.Command]:
        """Commands plugins add to the command line, by name; the first registered wins a name.

        A plugin whose ``afterview_cli_commands`` raises, or returns something that is not a
        named click command, adds nothing of it and is noted in :meth:`problems`: the other
        plugins' commands stay available.
        """
        import click

        found: dict[str, click.Command] = {}
        for impl in reversed(self._pm.hook.afterview_cli_commands.get_hookimpls()):
            try:
                commands = list(cast("Sequence[object]", impl.function()))
            except Exception as exc:
                self._note(
                    impl.plugin_name,
                    f"afterview_cli_commands failed: {type(exc).__name__}: {exc}",
                )
                continue
            for command in commands:
                if not isinstance(command, click.Command) or not command.name:
                    self._note(
                        impl.plugin_name,
                        f"afterview_cli_commands returned a {type(command).__name__}, which is "
                        "not a named click command",
                    )
                    continue
                found.setdefault(command.name, command)
        return found

    def events_appended(self, workspace: Journal, events: Sequence[Event]) -> list[ObserverFailure]:
        """Tell every observer; a failing one is logged and returned, never re-raised."""
        failures: list[ObserverFailure] = []
        for impl in reversed(self._pm.hook.afterview_events_appended.get_hookimpls()):
            try:
                impl.function(workspace=workspace, events=events)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                log.error(
                    "afterview plugin %r failed observing %d appended event(s): %s",
                    impl.plugin_name,
                    len(events),
                    error,
                )
                failures.append(ObserverFailure(impl.plugin_name, error))
        return failures

    def contact_forgotten(
        self,
        workspace: str,
        person_id: str,
        reminders: Sequence[OutboxItem],
        names_them: Callable[[str], bool],
    ) -> list[ObserverFailure]:
        """Ask every plugin to erase a forgotten person from what it wrote; a failing one is
        logged (without its message, which may quote the person) and returned."""
        failures: list[ObserverFailure] = []
        arguments: dict[str, object] = {
            "workspace": workspace,
            "person_id": person_id,
            "reminders": reminders,
            "names_them": names_them,
        }
        for impl in reversed(self._pm.hook.afterview_contact_forgotten.get_hookimpls()):
            try:
                # As pluggy does: an implementation takes only the arguments it names.
                impl.function(*(arguments[name] for name in impl.argnames))
            except Exception as exc:
                log.error(
                    "afterview plugin %r failed to erase a forgotten contact: %s",
                    impl.plugin_name,
                    type(exc).__name__,
                )
                failures.append(ObserverFailure(impl.plugin_name, type(exc).__name__))
        return failures


class _PluginStore:
    """A plugin's store, or a workspace handle of it, that names the plugin in its errors.

    An :class:`~afterview.errors.AfterviewError` (a conflict, a missing key) is the store keeping
    its contract and passes through unchanged; anything else a method raises becomes a
    :class:`~afterview.errors.StoreError` that says which plugin, from which package, failed in
    which method. Only the exception's type is quoted: its message may hold stored data. The
    original stays attached as ``__cause__`` (``--debug`` shows it).
    """

    def __init__(self, target: object, plugin: str, package: str | None) -> None:
        self._target = target
        self._plugin = plugin
        self._package = package

    def __repr__(self) -> str:
        return f"<store of plugin {self._plugin!r}: {self._target!r}>"

    # isinstance(store, ThePluginsStore) stays true through the wrapper, as with other proxies.
    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type(self._target)

    def _failed(self, method: str, exc: Exception) -> StoreError:
        origin = f"store plugin {self._plugin!r}" + (f" ({self._package})" if self._package else "")
        return StoreError(f"{origin} failed in {method}: {type(exc).__name__}")

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(self._target, attribute)
        if not callable(value) or attribute.startswith("__"):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                result = value(*args, **kwargs)
            except AfterviewError:
                raise
            except Exception as exc:
                raise self._failed(attribute, exc) from exc
            if attribute == "workspace":
                return _PluginStore(result, self._plugin, self._package)
            if isinstance(result, Iterator):
                return self._iterate(attribute, result)
            return result

        # Kept, so that the next call of the method skips __getattr__ (a store is called often).
        self.__dict__[attribute] = call
        return call

    def _iterate(self, method: str, items: Iterator[Any]) -> Iterator[Any]:
        try:
            yield from items
        except AfterviewError:
            raise
        except Exception as exc:
            raise self._failed(method, exc) from exc


def _call_opener(
    impl: pluggy.HookImpl,
    kind: str,
    resolved: ResolvedURL,
    extra: Mapping[str, object] | None = None,
) -> Any:
    """One plugin's opener, its errors turned into afterview's with no secret of the URL (nor
    any secret a reference put in it).

    Optional arguments in ``extra`` reach only the implementations that name them, as pluggy
    does."""
    url = resolved.url
    wanted = {k: v for k, v in (extra or {}).items() if k in impl.argnames}
    failure: AfterviewError
    try:
        return impl.function(url=url, **wanted)
    except AfterviewError as exc:
        if not _quotes_secret(exc, resolved):
            raise
        failure = _scrubbed(exc, resolved)
    except Exception as exc:
        failure = PluginError(
            f"plugin {impl.plugin_name!r} failed to open {kind} {mask_url(url)!r}: "
            + _scrub(f"{type(exc).__name__}: {exc}", resolved)
        )
        if not _quotes_secret(exc, resolved):
            raise failure from exc
    # Raised here, past the handler, so the error that quoted the secret is not even kept as
    # this one's context.
    raise failure


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _scrub(text: str, resolved: ResolvedURL) -> str:
    for secret in resolved.secrets:
        text = text.replace(secret, "***")
    return scrub_url(text, resolved.url)


def _quotes_secret(error: BaseException, resolved: ResolvedURL) -> bool:
    """Whether the error, or one it was raised from, says more of the URL than its mask."""
    return any(_scrub(str(e), resolved) != str(e) for e in _chain(error))


def _scrubbed(error: AfterviewError, resolved: ResolvedURL) -> AfterviewError:
    """The same kind of error with the secret taken out of its message."""
    message = _scrub(str(error), resolved)
    try:
        return type(error)(message)
    except Exception:  # a subclass that wants other arguments
        return PluginError(message)


def _installed_entry_points(*, remember: bool) -> list[InstalledEntryPoint]:
    """The ``afterview`` group's entry points, sorted by name; from the cache when asked."""
    if not remember:
        return _read_entry_points()
    from afterview.environment_cache import environment_key, remembered

    return remembered(
        ENTRY_POINTS_FILE,
        environment_key(),
        lambda: (_read_entry_points(), True),
        parse=_parse_entry_points,
    )


def _read_entry_points() -> list[InstalledEntryPoint]:
    from importlib.metadata import entry_points

    found: list[InstalledEntryPoint] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = ep.dist
        if dist is None:  # pragma: no cover - entry points always come from a distribution here
            found.append((ep.name, ep.value, None, None))
        else:
            found.append((ep.name, ep.value, dist.metadata["Name"], dist.version))
    return found


def _parse_entry_points(value: object) -> list[InstalledEntryPoint]:
    if not isinstance(value, list):
        raise TypeError("not a list of entry points")
    parsed: list[InstalledEntryPoint] = []
    for name, target, dist_name, version in value:
        if not isinstance(name, str) or not isinstance(target, str):
            raise TypeError("an entry point without a name or a value")
        parsed.append(
            (
                name,
                target,
                None if dist_name is None else str(dist_name),
                None if version is None else str(version),
            )
        )
    return parsed


def _load_object(value: str) -> object:
    """What an entry point's ``module:attribute`` value names (``EntryPoint.load`` without
    importing :mod:`importlib.metadata`); extras in brackets, obsolete, are ignored."""
    module_name, _, attribute = value.partition("[")[0].partition(":")
    target: object = importlib.import_module(module_name.strip())
    for part in filter(None, attribute.strip().split(".")):
        target = getattr(target, part)
    return target


def _own_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("afterview")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return None


_default: PluginManager | None = None
_default_lock = threading.Lock()


def get_plugin_manager() -> PluginManager:
    """The process-wide plugin manager, loading entry points on first use."""
    global _default  # noqa: PLW0603 - a lazily built process-wide singleton
    with _default_lock:
        if _default is None:
            _default = PluginManager(remember_entry_points=True)
        return _default


def reset_plugin_manager() -> None:
    """Forget the process-wide manager (after installing plugins, or in tests)."""
    global _default  # noqa: PLW0603
    with _default_lock:
        _default = None
