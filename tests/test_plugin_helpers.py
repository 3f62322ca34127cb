"""What plugins share from the core: lazy exports for a package's ``__init__``, a base class
for plugin objects that open URLs by prefix, and the reading of an ATS's pages of records."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from afterview import (
    AtsPlugin,
    DataError,
    ImportProblem,
    NotImported,
    PageTrail,
    PluginError,
    PluginManager,
    Read,
    UnclaimedURLError,
    Unreadable,
    UrlPlugin,
    each_record,
    events,
    hookimpl,
    lazy_exports,
    record_id,
)
from afterview.reminders.console import ConsoleNotifier
from afterview.testing import FakeNotifier
from afterview.testing.imports import modules_seen

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def package() -> Iterator[types.ModuleType]:
    """A package whose names live in ``json`` and ``decimal`` modules, loaded on first use."""
    module = types.ModuleType("lazy_example")
    sys.modules[module.__name__] = module
    module.__getattr__, module.__dir__ = lazy_exports(  # type: ignore[method-assign]
        module.__name__, {"dumps": "json", "Exact": "decimal:Decimal"}
    )
    vars(module).update(__all__=["Exact", "dumps", "here"], here="already here")
    yield module
    del sys.modules[module.__name__]


def test_a_lazy_name_is_the_attribute_of_its_module_and_is_then_kept(
    package: types.ModuleType,
) -> None:
    import decimal
    import json

    assert package.dumps is json.dumps
    assert package.Exact is decimal.Decimal
    assert vars(package)["dumps"] is json.dumps  # kept: the next look-up is a plain one


def test_dir_lists_the_lazy_names_before_they_load(package: types.ModuleType) -> None:
    assert {"Exact", "dumps", "here"} <= set(dir(package))
    assert "dumps" not in vars(package)


def test_an_unknown_name_is_an_attribute_error_naming_the_package(
    package: types.ModuleType,
) -> None:
    with pytest.raises(AttributeError, match=r"'lazy_example' has no attribute 'loads'"):
        package.loads  # noqa: B018


def test_an_entry_with_no_module_is_refused() -> None:
    with pytest.raises(ValueError, match="names no module"):
        lazy_exports("anything", {"x": ":x"})


def test_a_lazy_package_imports_nothing_until_a_name_is_used() -> None:
    seen = modules_seen(
        """
        import sys, types
        from afterview import lazy_exports
        module = types.ModuleType("lazy_example")
        sys.modules["lazy_example"] = module
        module.__getattr__, module.__dir__ = lazy_exports(
            "lazy_example", {"Fraction": "fractions"}
        )
        seen("exports declared")
        dir(module)
        seen("listed")
        module.Fraction
        seen("used")
        """,
        watch=("fractions",),
    )
    assert seen == {"exports declared": [], "listed": [], "used": ["fractions"]}


class Pager(UrlPlugin, notifier=["pager://", "beeper://"]):
    """A notifier plugin: one prefix table, one opening method."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open_notifier(self, url: str) -> FakeNotifier:
        self.opened.append(url)
        return FakeNotifier(url)


def test_a_url_plugin_opens_its_urls_and_no_others() -> None:
    pager = Pager()
    pm = PluginManager(load_entry_points=False)
    pm.register(pager, name="pager")

    opened = pm.open_notifier("beeper://desk")

    assert isinstance(opened, FakeNotifier)
    assert pager.opened == ["beeper://desk"]
    with pytest.raises(UnclaimedURLError, match=r"beeper://, console:, .*pager://"):
        pm.open_notifier("fax://desk")
    assert isinstance(pm.open_notifier("console:"), ConsoleNotifier)
    assert pager.opened == ["beeper://desk"]


def test_a_url_plugin_lists_its_prefixes_and_only_the_hooks_of_its_kinds() -> None:
    pm = PluginManager(load_entry_points=False)
    pm.register(Pager(), name="pager")

    info = next(i for i in pm.plugins() if i.name == "pager")

    assert info.url_schemes == {"notifier": ("pager://", "beeper://")}
    assert set(info.hooks) == {"afterview_open_notifier"}


class Board:
    def __init__(self, url: str) -> None:
        self.url = url

    def postings(self) -> list[Any]:
        return []


class Importer:
    def __init__(self, url: str, clock: Callable[[], datetime]) -> None:
        self.url = url
        self.now = clock()

    def records(self) -> Iterator[Any]:
        yield from ()


class Acme(AtsPlugin, job_board=["acme-board://"], importer=["acme://"]):
    def open_job_board(self, url: str) -> Board:
        return Board(url)

    def open_importer(self, url: str, clock: Callable[[], datetime]) -> Importer:
        return Importer(url, clock)

    @hookimpl
    def afterview_rules(self) -> list[Any]:
        return []  # other hooks are ordinary methods


def test_an_ats_plugin_claims_boards_and_importers_and_gets_the_workspace_clock() -> None:
    pm = PluginManager(load_entry_points=False)
    pm.register(Acme(), name="acme")

    board = pm.open_job_board("acme-board://widgets")
    importer = pm.open_importer("acme://key@widgets", clock=lambda: NOW)

    assert isinstance(board, Board)
    assert isinstance(importer, Importer)
    assert importer.now == NOW
    info = next(i for i in pm.plugins() if i.name == "acme")
    assert info.url_schemes == {"job board": ("acme-board://",), "importer": ("acme://",)}
    assert list(info.url_schemes) == ["job board", "importer"]  # as the class lists them
    assert "afterview_rules" in info.hooks
    assert "afterview_open_store" not in info.hooks


def test_a_subclass_inherits_its_parents_prefixes_and_may_add_a_kind() -> None:
    class Louder(Pager, store=["loud://"]):
        def open_store(self, url: str) -> Any:
            raise NotImplementedError

    assert Louder.schemes == {"notifier": ("pager://", "beeper://"), "store": ("loud://",)}


def test_claiming_a_kind_without_its_opening_method_is_refused_at_class_creation() -> None:
    with pytest.raises(TypeError, match="claims store URLs but defines no open_store"):

        class Forgetful(UrlPlugin, store=["forget://"]):
            pass


def test_a_single_prefix_given_as_a_string_is_refused() -> None:
    with pytest.raises(TypeError, match="job_board= takes a list of prefixes"):

        class Careless(UrlPlugin, job_board="careless://"):
            def open_job_board(self, url: str) -> Any:
                return None


DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"


def test_the_plugin_written_with_the_helpers_in_the_guide_works(tmp_path: Path) -> None:
    files = re.findall(
        r'```python title="(afterview_pager/[a-z_]+\.py)"\n(.*?)```',
        DOCS.read_text(encoding="utf-8"),
        re.S,
    )
    assert len(files) == 3
    for name, code in files:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(code, encoding="utf-8")
    check = """
import sys
import afterview_pager
from afterview import Notification, PluginManager

assert "afterview_pager.notifier" not in sys.modules  # registering stays light
pm = PluginManager(load_entry_points=False)
pm.register(afterview_pager.plugin, name="pager")
notifier = pm.open_notifier("pager://pagers.example/oncall?token={env:PAGER_TOKEN}")
assert isinstance(notifier, afterview_pager.PagerNotifier)
assert "s3cret-token" not in repr(notifier), repr(notifier)
assert "PagerNotifier" in dir(afterview_pager)
print(pm.plugins()[[i.name for i in pm.plugins()].index("pager")].url_schemes)
"""
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "PAGER_TOKEN": "s3cret-token"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{'notifier': ('pager://',)}"


def _read(record: Mapping[str, Any]) -> Read | tuple[Any, ...]:
    """A reader as an importer writes one: events, notes, refusals."""
    if record.get("prospect"):
        raise NotImported("a prospect")
    if "at" not in record:
        raise Unreadable("at is missing")
    if record["at"] == "naive":
        raise DataError("a time without its offset")
    added = events.OrganizationAdded(at=NOW, organization_id=f"o-{record['id']}", name="Acme")
    return Read((added,), notes=("a panel member",)) if record.get("partial") else (added,)


def test_each_record_reads_a_page_into_records_problems_and_notes() -> None:
    page = [
        {"id": 1, "at": "ok"},
        "not an object",
        {"id": "x-2"},
        {"id": 3, "at": "naive"},
        {"id": 4, "prospect": True},
        {"id": True, "at": "ok", "partial": True},
    ]

    out = list(each_record(page, noun="application", read=_read))

    assert [(type(o).__name__, o.external_ref) for o in out] == [
        ("ImportedRecord", "1"),
        ("ImportProblem", "application #2 of a page"),
        ("ImportProblem", "x-2"),
        ("ImportProblem", "3"),
        ("ImportProblem", "4"),
        ("ImportedRecord", "application #6 of a page"),
        ("ImportProblem", "application #6 of a page"),
    ]
    problems = [o for o in out if isinstance(o, ImportProblem)]
    assert [(p.reason, p.lost) for p in problems] == [
        ("not a JSON object", True),
        ("at is missing", True),
        ("a time without its offset", True),
        ("a prospect", False),
        ("a panel member; the rest was imported", False),
    ]


def test_a_reader_that_fails_otherwise_stops_the_import() -> None:
    def broken(_record: Mapping[str, Any]) -> tuple[Any, ...]:
        raise KeyError("a bug, not a bad record")

    with pytest.raises(KeyError):
        list(each_record([{"id": 1}], noun="application", read=broken))


def test_a_page_trail_stops_a_cursor_that_leads_back() -> None:
    trail = PageTrail("Acme /applications")
    trail.follow("c2")
    trail.follow("c3")

    with pytest.raises(PluginError, match=r"Acme /applications: the next page is one already read"):
        trail.follow("c2")


@pytest.mark.parametrize(
    ("record", "expected"),
    [({"id": 7}, "7"), ({"id": "a"}, "a"), ({"id": ""}, None), ({"id": False}, None), ([], None)],
)
def test_record_id_is_a_usable_id_or_none(record: Any, expected: str | None) -> None:
    assert record_id(record) == expected
