"""``AtsPlugin``: the HTTP settings every ATS plugin shares."""

from __future__ import annotations

from afterview import AtsPlugin
from afterview.testing.imports import modules_seen


class AcmePlugin(AtsPlugin):
    logger_name = "afterview.acme"


def test_a_subclass_hands_its_settings_and_logger_to_each_new_client() -> None:
    waits: list[float] = []
    plugin = AcmePlugin(sleep=waits.append, timeout=3.0, max_attempts=2, max_bytes=1024)
    first, second = plugin.http(), plugin.http()
    try:
        assert first is not second
        assert (first.max_attempts, first.max_bytes) == (2, 1024)
        assert first.client.timeout.read == 3.0
        assert first.sleep == waits.append
        assert first.log.name == "afterview.acme"
    finally:
        first.close()
        second.close()


def test_defining_an_ats_plugin_does_not_import_httpx() -> None:
    seen = modules_seen(
        """
        from afterview import AtsPlugin
        class P(AtsPlugin):
            logger_name = "afterview.p"
        p = P()
        seen("defined")
        p.http().close()
        seen("client made")
        """,
        watch=("httpx",),
    )
    assert seen == {"defined": [], "client made": ["httpx"]}
