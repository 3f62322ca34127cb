"""Registering the mail plugin is cheap: imap-tools loads when an IMAP folder is read, click
when the command line asks for the command, icalendar when an invitation is accepted."""

from __future__ import annotations

import afterview_mail

from afterview.testing.imports import modules_seen

HEAVY = ("imap_tools", "imaplib", "click", "icalendar", "mailbox")


def test_loading_the_entry_point_and_the_package_imports_nothing_heavy() -> None:
    seen = modules_seen(
        """
        import afterview_mail.plugin
        seen("entry point")
        import afterview_mail
        seen("package")
        """,
        watch=HEAVY,
    )
    assert seen == {"entry point": [], "package": []}


def test_listing_the_command_loads_click_only_and_reading_a_file_no_imap() -> None:
    seen = modules_seen(
        """
        import afterview_mail.plugin
        (command,) = afterview_mail.plugin.afterview_cli_commands()
        SEEN["name"] = command.name
        seen("listed")
        import afterview_mail
        afterview_mail.open_source("mbox:/nowhere")
        seen("file source")
        afterview_mail.ImapSource
        seen("imap")
        """,
        watch=HEAVY,
    )
    assert seen["name"] == "inbox"
    assert seen["listed"] == ["click"]
    assert "imap_tools" not in seen["file source"]
    # The IMAP module itself leaves imap-tools to the moment a connection opens.
    assert "imap_tools" not in seen["imap"]


def test_every_public_name_is_importable_from_the_package() -> None:
    for name in afterview_mail.__all__:
        assert getattr(afterview_mail, name) is not None
