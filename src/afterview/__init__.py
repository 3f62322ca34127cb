"""afterview: what to do after an interview — thank, ask, learn, and keep in touch.

The public API: everything listed in ``__all__`` is stable; other modules are internal.

Importing ``afterview`` is cheap: each public name's module is imported when the name is first
used (PEP 562), so the command line and plugins that need one class start fast.
"""

from __future__ import annotations

import importlib

# Not typing's: importing typing (and re with it) would double what the kept agenda's start-up
# costs (afterview.cli.kept_agenda); type checkers know this name.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from afterview import events
    from afterview.ats.assembly import (
        NotImported,
        PageTrail,
        Read,
        Unreadable,
        each_record,
        record_id,
    )
    from afterview.ats.http import ClientCredentials, Http
    from afterview.ats.importing import ImportFailure, ImportReport
    from afterview.ats.plugin import AtsPlugin
    from afterview.ats.protocols import (
        BoardPosting,
        ImportedRecord,
        Importer,
        ImportProblem,
        JobBoard,
    )
    from afterview.ats.reasons import DEFAULT_REASONS, ReasonTable
    from afterview.ats.watch import BoardFailure, WatchReport
    from afterview.caseload import Caseload, caseload
    from afterview.config import Config, default_store_url, load_config
    from afterview.errors import (
        AfterviewError,
        ConcurrencyError,
        CorruptRecordError,
        DataError,
        EventRejected,
        NotFoundError,
        PluginError,
        ScopeError,
        SecretError,
        SettingsError,
        StoreError,
        UnclaimedURLError,
        UnknownReference,
    )
    from afterview.events import EVENT_TYPES, Event
    from afterview.file_names import safe_file_name
    from afterview.fold import State, fold
    from afterview.hookspecs import hookimpl
    from afterview.insights import Insights, compute_insights
    from afterview.journal import Journal
    from afterview.lazy_exports import lazy_exports
    from afterview.linter import Finding, lint
    from afterview.masking import mask_url, scrub_url
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
        Profile,
        RecordKind,
        ResearchNote,
        ResearchSubject,
        Role,
        Sentiment,
        StayInTouchPlan,
        ThankYouMedium,
        ThankYouNote,
        Touchpoint,
    )
    from afterview.playbook.agenda import Agenda, RuleFailure
    from afterview.playbook.rule import Advice, Priority, Rule, Subject, Wake, never, rule
    from afterview.plugin_manager import (
        ObserverFailure,
        PluginInfo,
        PluginManager,
        get_plugin_manager,
    )
    from afterview.private_dirs import make_private_dirs
    from afterview.recording import new_id
    from afterview.reminder_round import RoundReport, remind_all
    from afterview.reminders.dispatcher import (
        Dispatcher,
        DispatchReport,
        DispatchSettings,
        idempotency_key,
    )
    from afterview.reminders.notifier import Notification, Notifier
    from afterview.reminders.outbox import OutboxView
    from afterview.salvage import Salvage, SkippedRecord, SkipReason
    from afterview.scope import ScopedStore
    from afterview.serialization import (
        ExportDocument,
        dumps_event,
        dumps_outbox_item,
        event_from_dict,
        event_to_dict,
        export_from_json,
        export_to_json,
        loads_event,
        loads_outbox_item,
    )
    from afterview.settings import Settings
    from afterview.snapshot import SnapshotPolicy
    from afterview.store import (
        Keyring,
        OutboxItem,
        OutboxStatus,
        Snapshot,
        SnapshotStore,
        Store,
        StoredEvent,
        WakeupEntry,
        WakeupIndex,
        WorkspaceStore,
        validate_workspace_name,
    )
    from afterview.url_plugin import UrlPlugin
    from afterview.workspace import Workspace

__version__ = "0.1.0"

#: Where each public name lives.
_EXPORTS: dict[str, str] = {
    "AtsPlugin": "afterview.ats.plugin",
    "NotImported": "afterview.ats.assembly",
    "PageTrail": "afterview.ats.assembly",
    "Read": "afterview.ats.assembly",
    "Unreadable": "afterview.ats.assembly",
    "each_record": "afterview.ats.assembly",
    "record_id": "afterview.ats.assembly",
    "events": "afterview.events",
    "BoardPosting": "afterview.ats.protocols",
    "ImportedRecord": "afterview.ats.protocols",
    "Importer": "afterview.ats.protocols",
    "ImportProblem": "afterview.ats.protocols",
    "JobBoard": "afterview.ats.protocols",
    "Caseload": "afterview.caseload",
    "caseload": "afterview.caseload",
    "Config": "afterview.config",
    "default_store_url": "afterview.config",
    "load_config": "afterview.config",
    "DispatchReport": "afterview.reminders.dispatcher",
    "DispatchSettings": "afterview.reminders.dispatcher",
    "Dispatcher": "afterview.reminders.dispatcher",
    "idempotency_key": "afterview.reminders.dispatcher",
    "AfterviewError": "afterview.errors",
    "ConcurrencyError": "afterview.errors",
    "CorruptRecordError": "afterview.errors",
    "DataError": "afterview.errors",
    "EventRejected": "afterview.errors",
    "NotFoundError": "afterview.errors",
    "PluginError": "afterview.errors",
    "ScopeError": "afterview.errors",
    "ScopedStore": "afterview.scope",
    "SecretError": "afterview.errors",
    "SettingsError": "afterview.errors",
    "StoreError": "afterview.errors",
    "UnclaimedURLError": "afterview.errors",
    "UnknownReference": "afterview.errors",
    "EVENT_TYPES": "afterview.events",
    "Event": "afterview.events",
    "State": "afterview.fold",
    "fold": "afterview.fold",
    "hookimpl": "afterview.hookspecs",
    "Http": "afterview.ats.http",
    "ClientCredentials": "afterview.ats.http",
    "ImportFailure": "afterview.ats.importing",
    "ImportReport": "afterview.ats.importing",
    "Insights": "afterview.insights",
    "Journal": "afterview.journal",
    "lazy_exports": "afterview.lazy_exports",
    "UrlPlugin": "afterview.url_plugin",
    "Finding": "afterview.linter",
    "lint": "afterview.linter",
    "compute_insights": "afterview.insights",
    "mask_url": "afterview.masking",
    "scrub_url": "afterview.masking",
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
    "Profile": "afterview.model",
    "RecordKind": "afterview.model",
    "ResearchNote": "afterview.model",
    "ResearchSubject": "afterview.model",
    "Role": "afterview.model",
    "Sentiment": "afterview.model",
    "StayInTouchPlan": "afterview.model",
    "ThankYouMedium": "afterview.model",
    "ThankYouNote": "afterview.model",
    "Touchpoint": "afterview.model",
    "Notification": "afterview.reminders.notifier",
    "Notifier": "afterview.reminders.notifier",
    "make_private_dirs": "afterview.private_dirs",
    "OutboxView": "afterview.reminders.outbox",
    "Advice": "afterview.playbook.rule",
    "Agenda": "afterview.playbook.agenda",
    "RuleFailure": "afterview.playbook.agenda",
    "Priority": "afterview.playbook.rule",
    "Rule": "afterview.playbook.rule",
    "Subject": "afterview.playbook.rule",
    "rule": "afterview.playbook.rule",
    "Wake": "afterview.playbook.rule",
    "never": "afterview.playbook.rule",
    "RoundReport": "afterview.reminder_round",
    "remind_all": "afterview.reminder_round",
    "ObserverFailure": "afterview.plugin_manager",
    "PluginInfo": "afterview.plugin_manager",
    "PluginManager": "afterview.plugin_manager",
    "get_plugin_manager": "afterview.plugin_manager",
    "DEFAULT_REASONS": "afterview.ats.reasons",
    "ReasonTable": "afterview.ats.reasons",
    "Salvage": "afterview.salvage",
    "SkipReason": "afterview.salvage",
    "SkippedRecord": "afterview.salvage",
    "ExportDocument": "afterview.serialization",
    "dumps_event": "afterview.serialization",
    "dumps_outbox_item": "afterview.serialization",
    "loads_outbox_item": "afterview.serialization",
    "safe_file_name": "afterview.file_names",
    "event_from_dict": "afterview.serialization",
    "event_to_dict": "afterview.serialization",
    "export_from_json": "afterview.serialization",
    "export_to_json": "afterview.serialization",
    "loads_event": "afterview.serialization",
    "Settings": "afterview.settings",
    "Keyring": "afterview.store",
    "OutboxItem": "afterview.store",
    "OutboxStatus": "afterview.store",
    "Snapshot": "afterview.store",
    "SnapshotStore": "afterview.store",
    "SnapshotPolicy": "afterview.snapshot",
    "Store": "afterview.store",
    "StoredEvent": "afterview.store",
    "WorkspaceStore": "afterview.store",
    "WakeupEntry": "afterview.store",
    "WakeupIndex": "afterview.store",
    "validate_workspace_name": "afterview.store",
    "BoardFailure": "afterview.ats.watch",
    "WatchReport": "afterview.ats.watch",
    "Workspace": "afterview.workspace",
    "new_id": "afterview.recording",
}


def __getattr__(name: str) -> object:  # every public name is typed above
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
    "Agenda",
    "Answer",
    "Application",
    "AtsPlugin",
    "BoardFailure",
    "BoardPosting",
    "Caseload",
    "Channel",
    "ClientCredentials",
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
    "Dispatcher",
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
    "Journal",
    "Keyring",
    "NotFoundError",
    "NotImported",
    "Notification",
    "Notifier",
    "ObserverFailure",
    "Organization",
    "OutboxItem",
    "OutboxStatus",
    "OutboxView",
    "PageTrail",
    "Person",
    "PluginError",
    "PluginInfo",
    "PluginManager",
    "Posting",
    "Priority",
    "Profile",
    "Read",
    "ReasonTable",
    "RecordKind",
    "ResearchNote",
    "ResearchSubject",
    "Role",
    "RoundReport",
    "Rule",
    "RuleFailure",
    "Salvage",
    "ScopeError",
    "ScopedStore",
    "SecretError",
    "Sentiment",
    "Settings",
    "SettingsError",
    "SkipReason",
    "SkippedRecord",
    "Snapshot",
    "SnapshotPolicy",
    "SnapshotStore",
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
    "UnknownReference",
    "Unreadable",
    "UrlPlugin",
    "Wake",
    "WakeupEntry",
    "WakeupIndex",
    "WatchReport",
    "Workspace",
    "WorkspaceStore",
    "__version__",
    "caseload",
    "compute_insights",
    "default_store_url",
    "dumps_event",
    "dumps_outbox_item",
    "each_record",
    "event_from_dict",
    "event_to_dict",
    "events",
    "export_from_json",
    "export_to_json",
    "fold",
    "get_plugin_manager",
    "hookimpl",
    "idempotency_key",
    "lazy_exports",
    "lint",
    "load_config",
    "loads_event",
    "loads_outbox_item",
    "make_private_dirs",
    "mask_url",
    "never",
    "new_id",
    "plugins",
    "record_id",
    "remind_all",
    "rule",
    "safe_file_name",
    "scrub_url",
    "validate_workspace_name",
]
