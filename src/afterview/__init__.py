"""afterview: what to do after an interview — thank, ask, learn, and keep in touch.

The public API: everything listed in ``__all__`` is stable; other modules are internal.
"""

from __future__ import annotations

from afterview import events
from afterview.ats import BoardPosting, ImportedRecord, Importer, ImportProblem, JobBoard
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
from afterview.importing import ImportFailure, ImportReport
from afterview.insights import Insights, compute_insights
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
from afterview.plugin_manager import ObserverFailure, PluginInfo, PluginManager, get_plugin_manager
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


def plugins() -> list[PluginInfo]:
    """Every installed plugin with its version and hooks (and the error of a broken one)."""
    return get_plugin_manager().plugins()


__all__ = [
    "EVENT_TYPES",
    "ActionItem",
    "ActionKind",
    "Advice",
    "AfterviewError",
    "Answer",
    "Application",
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
    "FollowUpAnswer",
    "FollowUpQuestion",
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
    "load_config",
    "loads_event",
    "new_id",
    "plugins",
    "rule",
    "validate_workspace_name",
]
