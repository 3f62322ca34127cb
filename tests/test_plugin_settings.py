"""Plugins own their settings: a ``[plugins.NAME]`` table of the settings file, typed and
validated by the plugin's attrs class, read by its rules, shown by ``afterview info``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from afterview import (
    Advice,
    PluginManager,
    Rule,
    Settings,
    SettingsError,
    State,
    Workspace,
    hookimpl,
    rule,
)
from afterview.cli.main import cli
from afterview.config import load_config
from conftest import T0, Clock


@attrs.frozen
class OfferSettings:
    thank_you_days: int = 1
    channels: tuple[str, ...] = ("email",)


@rule("XO001", "offer-thanks", settings=("offers.thank_you_days",))
def offer_thanks(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Reads its own plugin's setting."""
    days = settings.plugin("offers", OfferSettings).thank_you_days
    yield offer_thanks.advise(message=f"{days} days", due=now)


class Offers:
    @hookimpl
    def afterview_settings_type(self) -> type:
        return OfferSettings

    @hookimpl
    def afterview_rules(self) -> list[Rule]:
        return [offer_thanks]


def manager() -> PluginManager:
    pm = PluginManager(load_entry_points=False)
    pm.register(Offers(), name="offers")
    return pm


def settings_file(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    return {"AFTERVIEW_CONFIG": str(path)}


def test_a_rule_reads_its_plugins_table_typed(tmp_path: Path) -> None:
    env = settings_file(tmp_path, '[plugins.offers]\nthank_you_days = 3\nchannels = ["sms"]\n')
    settings = load_config(env).settings
    assert settings.plugin("offers", OfferSettings) == OfferSettings(3, ("sms",))
    ws = Workspace.open("memory://", settings=settings, plugin_manager=manager(), clock=Clock(T0))
    assert [a.message for a in ws.agenda() if a.code == "XO001"] == ["3 days"]


def test_without_a_table_the_plugins_defaults_apply() -> None:
    assert Settings().plugin("offers", OfferSettings) == OfferSettings()
    assert manager().plugin_settings(Settings()) == {"offers": OfferSettings()}


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ("thank_you_day = 3", r"extra fields found \(thank_you_day\) @ plugins\.offers"),
        (
            'thank_you_days = "three"',
            r"invalid value for type, expected int @ plugins\.offers\.thank_you_days",
        ),
    ],
)
def test_a_bad_table_is_refused_when_the_workspace_opens(
    tmp_path: Path, table: str, words: str
) -> None:
    settings = load_config(settings_file(tmp_path, f"[plugins.offers]\n{table}\n")).settings
    with pytest.raises(
        SettingsError, match=rf"settings of plugin 'offers' \(\[plugins\.offers\]\): {words}"
    ):
        Workspace.open("memory://", settings=settings, plugin_manager=manager())


def test_plugins_must_be_a_table_of_tables(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"plugins\.offers must be a table"):
        load_config(settings_file(tmp_path, "[plugins]\noffers = 3\n"))


def test_a_table_no_plugin_reads_is_a_problem_not_an_error() -> None:
    pm = manager()
    pm.plugin_settings(Settings(plugins={"gone": {"x": 1}}))
    assert [(p.plugin, p.problem) for p in pm.problems()] == [
        (
            "gone",
            "the settings file has a [plugins.gone] table, but no installed plugin named "
            "'gone' has settings",
        )
    ]


def test_a_rule_listing_an_unknown_setting_is_a_problem_of_its_plugin() -> None:
    @rule("XO002", "typo", settings=("offer_thank_you_days",))
    def typo(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
        """Lists a setting nobody holds."""
        yield from ()

    class Typo:
        @hookimpl
        def afterview_rules(self) -> list[Rule]:
            return [typo]

    pm = manager()
    pm.register(Typo(), name="typo")
    assert "XO002" in {r.code for r in pm.rules()}
    assert [p.problem for p in pm.problems()] == [
        "rule XO002 lists setting 'offer_thank_you_days', which no settings table holds "
        "(afterview's are [playbook] names, a plugin's are NAME.field)"
    ]


def test_afterview_info_shows_each_plugins_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import afterview.plugin_manager as host

    pm = manager()
    monkeypatch.setattr(host, "_default", pm)
    env = settings_file(tmp_path, "[plugins.offers]\nthank_you_days = 2\n[plugins.gone]\nx = 1\n")
    runner = CliRunner(env={**env, "AFTERVIEW_FORMAT": "plain", "TZ": "UTC"})
    shown = runner.invoke(cli, ["--store", "memory://", "info", "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["plugins"] == {"offers": {"thank_you_days": 2, "channels": ["email"]}}
    assert data["unused_plugin_tables"] == ["gone"]
    plain = runner.invoke(cli, ["--store", "memory://", "info"]).stdout
    assert "plugins.offers.thank_you_days\t2\n" in plain
    assert "plugins.gone\tno installed plugin reads it\n" in plain
