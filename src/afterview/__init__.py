"""afterview: what to do after an interview — thank, ask, learn, and keep in touch.

The public API: everything listed in ``__all__`` is stable; other modules are internal.

Importing ``afterview`` is cheap: each public name's module is imported when the name is first
used (PEP 562), so the command line and plugins that need one class start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from afterview import events
    from afterview.ats import BoardPosting, ImportedRecord, Importer, ImportProblem, JobBoard
    from afterview.ats_plugin import AtsPlugin
    from afterview.config import Config, default_store_url, load_config
    from afterview.dispatch import DispatchReport, DispatchSettings
    from afterview.errors import (
        AfterviewError,
        ConcurrencyError,
        CorruptRecordError,
        DataError,
        EventRejected,
        NotFoundError,
        PluginError,
        SettingsError,
        StoreError,
        UnclaimedURLError,
    )
    from afterview.events import EVENT_TYPES, Event
    from afterview.fold import State, fold
    from afterview.hookspecs import hookimpl
    from afterview.http import Http
    from afterview.importing import ImportFailure, ImportReport
    from afterview.insights import Insights, compute_insights
    from afterview.linter import Finding, lint
    from afterview.model import (
        ActionItem,
        ActionKind,
        Answer,
        Application,
        Channel,
        ContactPoint,
        ContactPointKind,
        Decision,
        DecisionKind,
        DetailSource,
        FeedbackCategory,
        FeedbackItem,
        FeedbackRequest,
        FeedbackRequestStatus,
        FollowUpAnswer,
        FollowUpQuestion,
        Interview,
        InterviewFormat,
        InterviewStatus,
        Organization,
        Person,
        Posting,
        ResearchNote,
        ResearchSubject,
        Role,
        Sentiment,
        StayInTouchPlan,
        ThankYouMedium,
        ThankYouNote,
        Touchpoint,
    )
    from afterview.notifier import Notification, Notifier
    from afterview.playbook.rule import Advice, Priority, Rule, Subject, rule
    from afterview.plugin_manager import (
        ObserverFailure,
        PluginInfo,
        PluginManager,
        get_plugin_manager,
    )
    from afterview.reasons import DEFAULT_REASONS, ReasonTable
    from afterview.serialization import (
        ExportDocument,
        dumps_event,
        event_from_dict,
        event_to_dict,
        export_from_json,
        export_to_json,
        loads_event,
    )
    from afterview.settings import Settings
    from afterview.store import (
        OutboxItem,
        OutboxStatus,
        Store,
        StoredEvent,
        WorkspaceStore,
        validate_workspace_name,
    )
    from afterview.watch import BoardFailure, WatchReport
    from afterview.workspace import Workspace, new_id

__version__ = "0.1.0"

#: Where each public name lives.
_EXPORTS: dict[str, str] = {
    "AtsPlugin": "afterview.ats_plugin",
    "events": "afterview.events",
    "BoardPosting": "afterview.ats",
    "ImportedRecord": "afterview.ats",
    "Importer": "afterview.ats",
    "ImportProblem": "afterview.ats",
    "JobBoard": "afterview.ats",
    "Config": "afterview.config",
    "default_store_url": "afterview.config",
    "load_config": "afterview.config",
    "DispatchReport": "afterview.dispatch",
    "DispatchSettings": "afterview.dispatch",
    "AfterviewError": "afterview.errors",
    "ConcurrencyError": "afterview.errors",
    "CorruptRecordError": "afterview.errors",
    "DataError": "afterview.errors",
    "EventRejected": "afterview.errors",
    "NotFoundError": "afterview.errors",
    "PluginError": "afterview.errors",
    "SettingsError": "afterview.errors",
    "StoreError": "afterview.errors",
    "UnclaimedURLError": "afterview.errors",
    "EVENT_TYPES": "afterview.events",
    "Event": "afterview.events",
    "State": "afterview.fold",
    "fold": "afterview.fold",
    "hookimpl": "afterview.hookspecs",
    "Http": "afterview.http",
    "ImportFailure": "afterview.importing",
    "ImportReport": "afterview.importing",
    "Insights": "afterview.insights",
    "Finding": "afterview.linter",
    "lint": "afterview.linter",
    "compute_insights": "afterview.insights",
    "ActionItem": "afterview.model",
    "ActionKind": "afterview.model",
    "Answer": "afterview.model",
    "Application": "afterview.model",
    "Channel": "afterview.model",
    "ContactPoint": "afterview.model",
    "ContactPointKind": "afterview.model",
    "Decision": "afterview.model",
    "DecisionKind": "afterview.model",
    "DetailSource": "afterview.model",
    "FeedbackCategory": "afterview.model",
    "FeedbackItem": "afterview.model",
    "FeedbackRequest": "afterview.model",
    "FeedbackRequestStatus": "afterview.model",
    "FollowUpAnswer": "afterview.model",
    "FollowUpQuestion": "afterview.model",
    "Interview": "afterview.model",
    "InterviewFormat": "afterview.model",
    "InterviewStatus": "afterview.model",
    "Organization": "afterview.model",
    "Person": "afterview.model",
    "Posting": "afterview.model",
    "ResearchNote": "afterview.model",
    "ResearchSubject": "afterview.model",
    "Role": "afterview.model",
    "Sentiment": "afterview.model",
    "StayInTouchPlan": "afterview.model",
    "ThankYouMedium": "afterview.model",
    "ThankYouNote": "afterview.model",
    "Touchpoint": "afterview.model",
    "Notification": "afterview.notifier",
    "Notifier": "afterview.notifier",
    "Advice": "afterview.playbook.rule",
    "Priority": "afterview.playbook.rule",
    "Rule": "afterview.playbook.rule",
    "Subject": "afterview.playbook.rule",
    "rule": "afterview.playbook.rule",
    "ObserverFailure": "afterview.plugin_manager",
    "PluginInfo": "afterview.plugin_manager",
    "PluginManager": "afterview.plugin_manager",
    "get_plugin_manager": "afterview.plugin_manager",
    "DEFAULT_REASONS": "afterview.reasons",
    "ReasonTable": "afterview.reasons",
    "ExportDocument": "afterview.serialization",
    "dumps_event": "afterview.serialization",
    "event_from_dict": "afterview.serialization",
    "event_to_dict": "afterview.serialization",
    "export_from_json": "afterview.serialization",
    "export_to_json": "afterview.serialization",
    "loads_event": "afterview.serialization",
    "Settings": "afterview.settings",
    "OutboxItem": "afterview.store",
    "OutboxStatus": "afterview.store",
    "Store": "afterview.store",
    "StoredEvent": "afterview.store",
    "WorkspaceStore": "afterview.store",
    "validate_workspace_name": "afterview.store",
    "BoardFailure": "afterview.watch",
    "WatchReport": "afterview.watch",
    "Workspace": "afterview.workspace",
    "new_id": "afterview.workspace",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'afterview' has no attribute {name!r}")
    imported = importlib.import_module(module)
    value = imported if name == "events" else getattr(imported, name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def plugins() -> list[PluginInfo]:
    """Every installed plugin with its version and hooks (and the error of a broken one)."""
    from afterview.plugin_manager import get_plugin_manager

    return get_plugin_manager().plugins()


__all__ = [
    "DEFAULT_REASONS",
    "EVENT_TYPES",
    "ActionItem",
    "ActionKind",
    "Advice",
    "AfterviewError",
    "Answer",
    "Application",
    "AtsPlugin",
    "BoardFailure",
    "BoardPosting",
    "Channel",
    "ConcurrencyError",
    "Config",
    "ContactPoint",
    "ContactPointKind",
    "CorruptRecordError",
    "DataError",
    "Decision",
    "DecisionKind",
    "DetailSource",
    "DispatchReport",
    "DispatchSettings",
    "Event",
    "EventRejected",
    "ExportDocument",
    "FeedbackCategory",
    "FeedbackItem",
    "FeedbackRequest",
    "FeedbackRequestStatus",
    "Finding",
    "FollowUpAnswer",
    "FollowUpQuestion",
    "Http",
    "ImportFailure",
    "ImportProblem",
    "ImportReport",
    "ImportedRecord",
    "Importer",
    "Insights",
    "Interview",
    "InterviewFormat",
    "InterviewStatus",
    "JobBoard",
    "NotFoundError",
    "Notification",
    "Notifier",
    "ObserverFailure",
    "Organization",
    "OutboxItem",
    "OutboxStatus",
    "Person",
    "PluginError",
    "PluginInfo",
    "PluginManager",
    "Posting",
    "Priority",
    "ReasonTable",
    "ResearchNote",
    "ResearchSubject",
    "Role",
    "Rule",
    "Sentiment",
    "Settings",
    "SettingsError",
    "State",
    "StayInTouchPlan",
    "Store",
    "StoreError",
    "StoredEvent",
    "Subject",
    "ThankYouMedium",
    "ThankYouNote",
    "Touchpoint",
    "UnclaimedURLError",
    "WatchReport",
    "Workspace",
    "WorkspaceStore",
    "__version__",
    "compute_insights",
    "default_store_url",
    "dumps_event",
    "event_from_dict",
    "event_to_dict",
    "events",
    "export_from_json",
    "export_to_json",
    "fold",
    "get_plugin_manager",
    "hookimpl",
    "lint",
    "load_config",
    "loads_event",
    "new_id",
    "plugins",
    "rule",
    "validate_workspace_name",
]
