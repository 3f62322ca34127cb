"""Where afterview keeps its data and reads its settings.

* The embedded default store is a SQLite file in the user's data directory
  (``platformdirs.user_data_dir("afterview")``), e.g. ``~/.local/share/afterview/afterview.sqlite``.
* ``AFTERVIEW_STORE`` overrides the store URL; so does ``store = "…"`` in the settings file.
* The settings file is ``settings.toml`` in the user's config directory
  (``platformdirs.user_config_dir("afterview")``), or the file named by ``AFTERVIEW_CONFIG``,
  which must exist (the default file need not).
  Its ``[playbook]`` table holds :class:`~afterview.settings.Settings`; each ``[plugins.NAME]``
  table holds plugin NAME's own settings (:mod:`afterview.plugin_settings`).

Precedence, highest first: the URL passed in code or on the command line, ``AFTERVIEW_STORE``,
the settings file, the default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import attrs

from afterview.errors import SettingsError
from afterview.settings import Settings

__all__ = ["Config", "config_path", "default_data_dir", "default_store_url", "load_config"]

APP_NAME = "afterview"


def default_data_dir() -> Path:
    """The user's data directory for afterview: the one directory afterview creates unasked."""
    import platformdirs  # here, not at the top: it is only needed here, and importing it is slow

    return Path(platformdirs.user_data_dir(APP_NAME))


def default_store_url() -> str:
    """``sqlite:///`` + the default database file in the user's data directory."""
    return f"sqlite:///{default_data_dir() / 'afterview.sqlite'}"


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    explicit = env.get("AFTERVIEW_CONFIG")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


@attrs.frozen
class Config:
    """The settings file and environment, read once."""

    store_url: str
    settings: Settings
    notify: tuple[str, ...] = ()
    path: Path | None = None


def load_config(
    environ: Mapping[str, str] | None = None, *, store_url: str | None = None
) -> Config:
    """Read the settings file (if any) and the environment.

    ``store_url`` is a URL given in code or on the command line: it wins over every other, and
    the user's data directory is then not looked up (importing platformdirs is slow).

    :raises SettingsError: the file is not valid TOML or holds unknown or bad values.
    """
    env = os.environ if environ is None else environ
    path = config_path(env)
    data: dict[str, object] = {}
    if env.get("AFTERVIEW_CONFIG") and not path.is_file():
        # A file named on purpose and not there is a typo: running with the default thresholds
        # instead would look like the settings were ignored.
        what = "is a directory" if path.is_dir() else "does not exist"
        raise SettingsError(f"AFTERVIEW_CONFIG names {path.absolute()}, which {what}")
    if path.is_file():
        import tomllib  # only when there is a file to read: keeps ``import afterview`` fast

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"store", "notify", "playbook", "plugins"})
    if unknown:
        raise SettingsError(
            f"{path}: unknown key(s) {', '.join(unknown)}; known: notify, playbook, plugins, store"
        )
    store = data.get("store")
    if store is not None and not isinstance(store, str):
        raise SettingsError(f"{path}: 'store' must be a URL string")
    notify = data.get("notify", [])
    if not isinstance(notify, list) or not all(isinstance(n, str) for n in notify):
        raise SettingsError(f"{path}: 'notify' must be a list of notifier URLs")
    settings = Settings.from_mapping(data.get("playbook", {}), source=f"{path} [playbook]")
    if "plugins" in data:
        from afterview.plugin_settings import plugin_tables

        settings = attrs.evolve(settings, plugins=plugin_tables(data["plugins"], source=str(path)))
    url = store_url or env.get("AFTERVIEW_STORE") or store or default_store_url()
    return Config(store_url=url, settings=settings, notify=tuple(notify), path=path)
