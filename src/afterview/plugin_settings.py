"""A plugin's own settings: its ``[plugins.NAME]`` table of the settings file, typed by it.

A plugin declares an attrs class (through the ``afterview_settings_type`` hook); afterview reads
the table into it with cattrs, refusing unknown keys and values of the wrong type, and a rule
reads the result with :meth:`afterview.Settings.plugin`::

    [plugins.offers]
    thank_you_days = 2

    @attrs.frozen
    class OfferSettings:
        thank_you_days: int = 1

    OfferSettings = settings.plugin("offers", OfferSettings)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from afterview.errors import SettingsError

__all__ = ["parse_plugin_settings", "plugin_tables"]

_T = TypeVar("_T")


def plugin_tables(value: object, *, source: str = "settings") -> dict[str, dict[str, object]]:
    """The ``[plugins]`` table as written: one table per plugin name.

    :raises SettingsError: it is not a table of tables.
    """
    if not isinstance(value, Mapping):
        raise SettingsError(f"{source}: 'plugins' must be a table of [plugins.NAME] tables")
    tables: dict[str, dict[str, object]] = {}
    for name, table in value.items():
        if not isinstance(table, Mapping):
            raise SettingsError(
                f"{source}: plugins.{name} must be a table ([plugins.{name}]), got "
                f"{type(table).__name__}"
            )
        tables[str(name)] = dict(table)
    return tables


def parse_plugin_settings(name: str, table: Mapping[str, object], cls: type[_T]) -> _T:
    """Plugin ``name``'s table read into its settings class ``cls`` (an attrs class).

    :raises SettingsError: an unknown key, a value of the wrong type, or a value the class's own
        validators refuse; the message names the table and the field.
    """
    import cattrs  # only when a plugin has settings to read

    converter = cattrs.Converter(forbid_extra_keys=True)
    try:
        return converter.structure(dict(table), cls)
    except Exception as exc:
        if isinstance(exc, cattrs.BaseValidationError):
            detail = "; ".join(cattrs.transform_error(exc, path=f"plugins.{name}"))
        else:
            detail = f"{type(exc).__name__}: {exc}"
        raise SettingsError(f"settings of plugin {name!r} ([plugins.{name}]): {detail}") from None
