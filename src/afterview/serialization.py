"""The one converter for everything that crosses a boundary: stores, exports, plugin payloads.

Events travel as JSON objects tagged with their ``type`` and the ``version`` of their shape::

    {"type": "ThankYouSent", "version": 2, "at": "2026-05-05T09:00:00+02:00", ...}

Reading is strict: an unknown type, an unknown key, a missing field or a naive datetime is a
:class:`~afterview.errors.DataError` whose message carries the JSON path of the bad field. A record
written in an older shape is upgraded on read through :data:`UPGRADES`.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final, TypeVar

import attrs
import cattrs
import cattrs.cols
import cattrs.v
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.json import make_converter

from afterview.errors import DataError, EventRejected
from afterview.events import EVENT_TYPES, BaseEvent, Event
from afterview.store import OutboxItem

__all__ = [
    "EXPORT_FORMAT",
    "UPGRADES",
    "ExportDocument",
    "converter",
    "dump_event",
    "dumps_event",
    "dumps_outbox_item",
    "event_from_dict",
    "event_to_dict",
    "export_from_json",
    "export_to_json",
    "load_event",
    "loads_event",
    "loads_outbox_item",
    "structure",
    "unstructure",
]

_T = TypeVar("_T")

EXPORT_FORMAT: Final = "afterview-export"
EXPORT_VERSION: Final = 1

#: The converter. Private configuration, public object: plugins use it through the functions
#: below, never by registering hooks of their own on it.
converter = make_converter(forbid_extra_keys=True, prefer_attrib_converters=False)


def _structure_datetime(value: Any, _type: type) -> datetime:
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, str):
        result = datetime.fromisoformat(value)
    else:
        raise TypeError(f"expected an ISO 8601 date-time string, got {type(value).__name__}")
    if result.tzinfo is None or result.utcoffset() is None:
        raise ValueError(f"naive date-time {value!r}: add a UTC offset such as +00:00")
    return result


converter.register_structure_hook(datetime, _structure_datetime)
converter.register_unstructure_hook(datetime, datetime.isoformat)

# --- strict scalars and lists ------------------------------------------------------------------
# cattrs' defaults coerce: str(["x"]) is "['x']", int(1.5) and int(True) are 1, and a string
# is an iterable of characters. JSON that has the wrong type is refused instead.

_JSON_TYPES: Final = {
    str: "a string",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    tuple: "a list",
    dict: "an object",
    type(None): "null",
}


class _WrongType(TypeError):
    """A JSON value of the wrong type; its message says what was expected and what came."""


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _strict(expected: type) -> Callable[[Any, Any], Any]:
    def structure(value: Any, cls: Any) -> Any:
        # ``type() is``: a bool is an int to isinstance, never to a reader of the JSON.
        if type(value) is not expected:
            raise _WrongType(f"expected {_JSON_TYPES[expected]}, got {_json_type(value)}")
        # The hook of a class is also its subclasses': a StrEnum comes here as a str.
        return value if cls is expected else cls(value)

    return structure


for _scalar in (str, int, bool):
    converter.register_structure_hook(_scalar, _strict(_scalar))


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _strict_tuple(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    items = cattrs.cols.homogenous_tuple_structure_factory(cls, conv)

    def structure(value: Any, type_: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _WrongType(f"expected a list, got {_json_type(value)}")
        return items(value, type_)

    return structure


converter.register_structure_hook_factory(_is_homogeneous_tuple, _strict_tuple)
# A list with extras (an ``Agenda`` and its failures) travels as the plain list it is.
converter.register_unstructure_hook_func(
    lambda cls: isinstance(cls, type) and issubclass(cls, list) and cls is not list,
    lambda value: [converter.unstructure(item) for item in value],
)

# --- schema upgrades --------------------------------------------------------------------------

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]


def _thank_you_v1_to_v2(record: dict[str, Any]) -> dict[str, Any]:
    """v1 stored ``sent_at`` and a ``handwritten`` flag; v2 has ``at`` and a ``medium``."""
    upgraded = dict(record)
    upgraded["at"] = upgraded.pop("sent_at")
    upgraded["medium"] = "handwritten" if upgraded.pop("handwritten") else "email"
    return upgraded


def _nobody_else_v1_to_v2(record: dict[str, Any]) -> dict[str, Any]:
    """v2 added ``nobody_else`` (the people met are all recorded); v1 never said so."""
    if "nobody_else" in record:  # not a v1 field: the record is mislabelled, not old
        raise ValueError("'nobody_else' (a version 2 field)")
    return {**record, "nobody_else": False}


#: ``(type tag, from version) → function`` turning a record of that version into the next one.
UPGRADES: Final[Mapping[tuple[str, int], Upgrade]] = {
    ("ThankYouSent", 1): _thank_you_v1_to_v2,
    ("InterviewHeld", 1): _nobody_else_v1_to_v2,
    ("PeopleMet", 1): _nobody_else_v1_to_v2,
}

# --- events -------------------------------------------------------------------------------------

# Generated on first use of each class: generating all of them at import doubled import time.
_unstructure_fields: dict[type[BaseEvent], Callable[[Any], dict[str, Any]]] = {}
_structure_fields: dict[type[BaseEvent], Callable[[Mapping[str, Any], Any], Any]] = {}
_detailed_structure_fields: dict[type[BaseEvent], Callable[[Mapping[str, Any], Any], Any]] = {}


def _unstructure_fn(cls: type[BaseEvent]) -> Callable[[Any], dict[str, Any]]:
    fn = _unstructure_fields.get(cls)
    if fn is None:
        fn = _unstructure_fields[cls] = make_dict_unstructure_fn(cls, converter)
    return fn


def _structure_fn(cls: type[BaseEvent]) -> Callable[[Mapping[str, Any], Any], Any]:
    # Without detailed validation: half the code to generate (and to compile, in every process
    # that reads the log) and a little faster to run. A record it refuses is structured again
    # by :func:`_detailed_structure_fn`, whose errors carry the path of every bad field.
    fn = _structure_fields.get(cls)
    if fn is None:
        fn = _structure_fields[cls] = make_dict_structure_fn(
            cls, converter, _cattrs_detailed_validation=False, _cattrs_use_linecache=False
        )
    return fn


def _detailed_structure_fn(cls: type[BaseEvent]) -> Callable[[Mapping[str, Any], Any], Any]:
    fn = _detailed_structure_fields.get(cls)
    if fn is None:
        fn = _detailed_structure_fields[cls] = make_dict_structure_fn(cls, converter)
    return fn


def event_to_dict(event: Event) -> dict[str, Any]:
    """The JSON-ready form of ``event``, with its ``type`` tag and schema ``version``."""
    cls = type(event)
    body = _unstructure_fn(cls)(event)
    return {"type": cls.__name__, "version": cls.schema_version, **body}


def _event_from_dict(record: Any, *, owned: bool = False) -> Event:
    # ``owned``: the record was just parsed here, so it may be changed in place (no copy).
    if type(record) is dict:
        body = record if owned else record.copy()
    elif isinstance(record, Mapping):
        body = dict(record)
    else:
        raise DataError(f"an event must be a JSON object, got {type(record).__name__} @ $")
    tag = body.pop("type", None)
    if tag is None:
        raise DataError("an event needs a 'type' @ $.type", path="$.type")
    cls = EVENT_TYPES.get(tag) if isinstance(tag, str) else None
    if cls is None:
        raise DataError(f"unknown event type {tag!r} @ $.type", path="$.type")
    version = body.pop("version", None)
    if type(version) is not int or version < 1:  # ``type``: a bool is not a version
        raise DataError(
            f"{tag}: 'version' must be a positive integer @ $.version", path="$.version"
        )
    if version > cls.schema_version:
        raise DataError(
            f"{tag} version {version} is newer than this afterview understands "
            f"(up to {cls.schema_version}); upgrade afterview @ $.version",
            path="$.version",
        )
    while version < cls.schema_version:
        upgrade = UPGRADES[(tag, version)]
        try:
            body = upgrade(body)
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(
                f"{tag} v{version} record cannot be upgraded: missing or bad {exc} @ $"
            ) from exc
        version += 1
    try:
        event: Event = _structure_fn(cls)(body, cls)
    except Exception:  # refused: structured again, to say exactly what is wrong and where
        event = _structure_detailed(cls, tag, body)
    return event


def _structure_detailed(cls: type[BaseEvent], tag: str, body: dict[str, Any]) -> Event:
    try:
        event: Event = _detailed_structure_fn(cls)(body, cls)
    except cattrs.BaseValidationError as exc:
        problems = _problems(exc, f"{tag}: ")
        raise DataError(
            "; ".join(problems), path=_first_path(problems), problems=problems
        ) from None
    except DataError as exc:  # an attrs validator of the event itself
        raise DataError(f"{tag}: {exc}", path=exc.path) from None
    return event


#: Separates a message from the field path an attrs validator gave it (see ``_problems``).
_SUBPATH: Final = "\x1f"


def _describe(exc: BaseException, type_: type | None) -> str:
    """Say what was wrong in words a person can act on; cattrs' wording for the rest."""
    if isinstance(exc, _WrongType):
        return f"wrong type: {exc}"
    if isinstance(exc, DataError | ValueError) and not isinstance(exc, cattrs.BaseValidationError):
        message = str(exc)
        if isinstance(exc, DataError) and exc.path != "$":
            return f"{message}{_SUBPATH}{exc.path[1:]}"
        if message and not message.startswith("invalid literal"):
            return message
    return cattrs.v.format_exception(exc, type_)


def _problems(exc: cattrs.BaseValidationError, prefix: str) -> tuple[str, ...]:
    problems = []
    for problem in cattrs.transform_error(exc, format_exception=_describe):
        # A validator runs when the class is built, so cattrs places its error at the class;
        # the validator knows the field, so the field's name goes after cattrs' path.
        message, sep, rest = problem.partition(_SUBPATH)
        if sep:
            field, _, path = rest.rpartition(" @ ")
            message = f"{message} @ {path}{field}"
        problems.append(prefix + message)
    return tuple(problems)


def _first_path(problems: Iterable[str]) -> str:
    for problem in problems:
        _, sep, path = problem.rpartition(" @ ")
        if sep:
            return path
    return "$"


def event_from_dict(record: Any, *, path: str = "$") -> Event:
    """Read an event from its JSON-ready form, upgrading older versions.

    :param path: where the record sits in a larger document, to prefix error paths.
    :raises DataError: with the JSON path of the first bad field.
    """
    try:
        return _event_from_dict(record)
    except DataError as exc:
        if path == "$":
            raise
        problems = tuple(p.replace(" @ $", f" @ {path}", 1) for p in exc.problems)
        raise DataError(
            "; ".join(problems), path=exc.path.replace("$", path, 1), problems=problems
        ) from None


def _undecodable(value: Any, path: str) -> str | None:
    """The path of the first string in ``value`` that is not valid Unicode text."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path
        return None
    if isinstance(value, dict):
        items: Iterable[tuple[str, Any]] = ((f"{path}.{k}", v) for k, v in value.items())
    elif isinstance(value, list):
        items = ((f"{path}[{i}]", v) for i, v in enumerate(value))
    else:
        return None
    return next((p for sub, v in items if (p := _undecodable(v, sub)) is not None), None)


def dumps_event(event: Event) -> str:
    """``event`` as compact JSON text, the form stores keep.

    :raises DataError: a text field holds a lone surrogate (what an undecodable byte on the
        command line becomes), which no UTF-8 store can keep.
    """
    record = event_to_dict(event)
    text = json.dumps(record, separators=(",", ":"), ensure_ascii=False)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            path = _undecodable(record, "$") or "$"
            raise DataError(
                f"{event.type}: not valid Unicode text (a lone surrogate, such as an "
                f"undecodable byte) @ {path}",
                path=path,
            ) from None
    return text


def _parse(text: str | bytes, what: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise DataError(f"{what} is nested too deeply to be afterview data") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"{what} is not valid JSON: {exc}") from None


def loads_event(text: str | bytes) -> Event:
    """Parse the JSON text of one event. Raises :class:`DataError` for any bad input."""
    return _event_from_dict(_parse(text, "the event"), owned=True)


dump_event = event_to_dict
load_event = event_from_dict


# --- other boundary types ---------------------------------------------------------------------


def unstructure(value: Any) -> Any:
    """Any afterview value (advice, insights, entities) as JSON-ready data."""
    if isinstance(value, BaseEvent):
        return event_to_dict(value)  # type: ignore[arg-type]
    return converter.unstructure(value)


def structure(data: Any, cls: type[_T], *, what: str | None = None) -> _T:
    """Read ``data`` as a ``cls``; a :class:`DataError` with paths when it does not fit."""
    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        prefix = f"{what or cls.__name__}: "
        problems = _problems(exc, prefix)
        raise DataError(
            "; ".join(problems), path=_first_path(problems), problems=problems
        ) from None
    except DataError as exc:
        raise DataError(f"{what or cls.__name__}: {exc}", path=exc.path) from None


def dumps_outbox_item(item: OutboxItem) -> str:
    """An outbox item as JSON text, every field included (for a store that keeps items as
    documents, a queue, a file): :func:`loads_outbox_item` gives the same item back.

    The text holds the channel URL, which may carry a secret, and the payload, which may name
    the job seeker's contacts: keep it where the store keeps its data, never in a log.
    """
    return json.dumps(converter.unstructure(item), ensure_ascii=False, sort_keys=True)


def loads_outbox_item(text: str | bytes) -> OutboxItem:
    """Read the JSON text :func:`dumps_outbox_item` wrote.

    :raises DataError: not JSON, or not an outbox item (unknown keys, naive dates…), naming the
        bad field.
    """
    return structure(_parse(text, "the outbox item"), OutboxItem, what="outbox item")


@attrs.frozen(kw_only=True)
class ExportDocument:
    """Everything held about a workspace, as written by :meth:`Workspace.export`."""

    workspace: str
    exported_at: datetime
    events: tuple[Event, ...] = attrs.field(repr=False)
    format: str = EXPORT_FORMAT
    version: int = EXPORT_VERSION

    def events_after(self, existing: Sequence[Event], workspace: str) -> tuple[Event, ...]:
        """The events of this export that ``workspace``, holding ``existing``, does not have
        yet: a re-import adds nothing.

        :raises EventRejected: ``existing`` is not a prefix of this export's events.
        """
        if list(self.events[: len(existing)]) != list(existing):
            raise EventRejected(
                "import",
                f"workspace {workspace!r} already holds events that are not in this export; "
                "import into a new workspace instead",
            )
        return self.events[len(existing) :]


def export_to_json(document: ExportDocument, *, indent: int | None = 2) -> str:
    data = {
        "format": document.format,
        "version": document.version,
        "workspace": document.workspace,
        "exported_at": document.exported_at.isoformat(),
        "events": [event_to_dict(e) for e in document.events],
    }
    return json.dumps(data, indent=indent, ensure_ascii=False)


def export_from_json(text: str | bytes) -> ExportDocument:
    """Read an export file. Every problem is a :class:`DataError` naming its JSON path."""
    data = _parse(text, "the export")
    if not isinstance(data, dict):
        raise DataError("an export must be a JSON object")
    if data.get("format") != EXPORT_FORMAT:
        raise DataError(
            f"not an afterview export: 'format' must be {EXPORT_FORMAT!r} @ $.format",
            path="$.format",
        )
    if data.get("version") != EXPORT_VERSION:
        raise DataError(
            f"unsupported export version {data.get('version')!r} @ $.version", path="$.version"
        )
    extra = set(data) - {"format", "version", "workspace", "exported_at", "events"}
    if extra:
        raise DataError(f"unknown keys {sorted(extra)} in the export @ $", path="$")
    workspace = data.get("workspace")
    if not isinstance(workspace, str) or not workspace:
        raise DataError("'workspace' must be a non-empty string @ $.workspace", path="$.workspace")
    try:
        exported_at = _structure_datetime(data.get("exported_at"), datetime)
    except (TypeError, ValueError) as exc:
        raise DataError(f"{exc} @ $.exported_at", path="$.exported_at") from None
    raw_events = data.get("events")
    if not isinstance(raw_events, list):
        raise DataError("'events' must be a list @ $.events", path="$.events")
    events = tuple(event_from_dict(r, path=f"$.events[{i}]") for i, r in enumerate(raw_events))
    return ExportDocument(workspace=workspace, exported_at=exported_at, events=events)
