"""What ``afterview inbox --auto`` may record without asking: the plugin's ``mail.toml``.

The file sits beside afterview's settings file (``mail.toml`` in the same folder), or where
``AFTERVIEW_MAIL_CONFIG`` says::

    [auto]
    kinds = ["rejection", "on_hold", "eliminated"]
    min_confidence = 0.95

With no file, or no kinds, ``--auto`` records nothing: every proposal waits for you.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import attrs

from afterview import SettingsError
from afterview_mail.classifier import MailKind

__all__ = ["MailSettings", "load_mail_settings"]

#: Kinds --auto may record: every kind a proposal can have.
_AUTO_KINDS = frozenset(MailKind) - {MailKind.UNRELATED}


@attrs.frozen
class MailSettings:
    auto_kinds: frozenset[MailKind] = frozenset()
    min_confidence: float = 0.95

    def allows(self, kind: MailKind, confidence: float) -> bool:
        return kind in self.auto_kinds and confidence >= self.min_confidence


def load_mail_settings(
    settings_file: Path | None, environ: Mapping[str, str] | None = None
) -> MailSettings:
    """Read ``mail.toml`` beside ``settings_file`` (afterview's), or ``AFTERVIEW_MAIL_CONFIG``.

    :raises SettingsError: the file is not valid TOML, or holds unknown or bad values.
    """
    env = os.environ if environ is None else environ
    explicit = env.get("AFTERVIEW_MAIL_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise SettingsError(f"AFTERVIEW_MAIL_CONFIG names {path}, which does not exist")
    elif settings_file is not None:
        path = settings_file.parent / "mail.toml"
        if not path.is_file():
            return MailSettings()
    else:
        return MailSettings()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"auto"})
    auto = data.get("auto", {})
    if unknown or not isinstance(auto, dict):
        raise SettingsError(f"{path}: only an [auto] table is known here")
    extra = sorted(set(auto) - {"kinds", "min_confidence"})
    if extra:
        raise SettingsError(f"{path} [auto]: unknown key(s) {', '.join(extra)}")
    kinds = auto.get("kinds", [])
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise SettingsError(f"{path} [auto]: kinds must be a list of names")
    try:
        chosen = frozenset(MailKind(k.strip().lower()) for k in kinds)
    except ValueError:
        known = ", ".join(sorted(k.value for k in _AUTO_KINDS))
        raise SettingsError(f"{path} [auto]: kinds are among {known}") from None
    if MailKind.UNRELATED in chosen:
        raise SettingsError(f"{path} [auto]: unrelated mail is never recorded")
    confidence = auto.get("min_confidence", 0.95)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise SettingsError(f"{path} [auto]: min_confidence is a number from 0 to 1")
    return MailSettings(chosen, float(confidence))
