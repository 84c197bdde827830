"""Download all answers as one file and merge an uploaded file back in, never losing a newer local answer."""

from __future__ import annotations

import json
import math
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any, Literal

from .dates import dutch_zone, format_moment, now, wall_clock
from .messages import text
from .schema import ID_PATTERN
from .store import FILE_FORMAT, MAX_FILE_BYTES, AnswerStore, StoreError, validate_document
from .text import number

Action = Literal["nieuw", "bijwerken", "vragen", "overslaan_lokaal_nieuwer", "onbruikbaar", "gelijk"]

NEW: Action = "nieuw"
UPDATE: Action = "bijwerken"
#: The file's answer looks newer, but the clocks contradict each other: the student chooses.
ASK: Action = "vragen"
KEEP_LOCAL: Action = "overslaan_lokaal_nieuwer"
#: The entry cannot be kept by the store (not an exercise id, a value it cannot save); never written.
UNUSABLE: Action = "onbruikbaar"
SAME: Action = "gelijk"
#: Every action, in the order a preview shows them.
ACTIONS: tuple[Action, ...] = (NEW, UPDATE, ASK, KEEP_LOCAL, UNUSABLE, SAME)
#: Actions that write the uploaded answer into the store (``vragen`` only when the student says so).
WRITES: frozenset[Action] = frozenset({NEW, UPDATE})

#: The largest upload a restore reads (the store's limit); the course's Jupyter server lets 64 MiB through.
MAX_UPLOAD_BYTES = MAX_FILE_BYTES
#: The same limit in whole MB, as the panel tells the student.
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
#: Longest exercise id taken from a file (real ids are some 30 characters).
MAX_ID_CHARS = 200
#: Deepest nesting of one answer (real answers nest 3 or 4 levels).
MAX_VALUE_DEPTH = 64
#: Python refuses to turn longer digit strings into numbers (``sys.get_int_max_str_digits``).
MAX_DIGITS = 4300
#: Stamps before this are no real answer times (year 1, 1970 from a zero) and count as unknown.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
#: Later stamps are no real times either (year 9999); between now and this they are "in the future".
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
#: A stamp this much later than now means the clock that made it runs ahead.
CLOCK_TOLERANCE = timedelta(minutes=2)
#: The top-level key of a download that says when it was made (ignored by the store).
EXPORTED_AT = "exported_at"

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")
_BOM_UTF8 = b"\xef\xbb\xbf"
_BOM_UTF16 = (b"\xff\xfe", b"\xfe\xff")


# -- download -----------------------------------------------------------------
def download_bytes(store: AnswerStore, *, made_at: datetime | None = None) -> bytes:
    """Return the answers document as pretty UTF-8 JSON, the layout of ``antwoorden.json`` plus ``exported_at``.

    ``exported_at`` (when the file was made, by this machine's clock) lets a later restore see that a
    local answer changed after the file was made, or that the clock that made the file ran ahead.
    """
    doc = store.load()
    stamp = (made_at or now()).isoformat(timespec="seconds")
    return json.dumps({**doc, EXPORTED_AT: stamp}, ensure_ascii=False, indent=1).encode("utf-8")


def download_name(*, today: date | None = None) -> str:
    """Return the file name for a download, e.g. ``klantgesprekken-antwoorden-2026-11-23.json``.

    The date is the Dutch date (as the time shown beside it), also on a server that runs in UTC.
    """
    return f"klantgesprekken-antwoorden-{(today or wall_clock(now()).date()):%Y-%m-%d}.json"


# -- names --------------------------------------------------------------------
def shown_name(name: Any, *, limit: int = 80) -> str:
    """Return a file name or exercise id as it may be shown: printable characters only, at most ``limit`` long.

    Control and direction characters are dropped (a name like ``gpj.exe\\u202e`` must not read backwards);
    the name is only ever shown, never used as a path.
    """
    raw = name if isinstance(name, str) else str(type(name).__name__)
    clean = "".join(ch for ch in raw[: limit * 4] if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    clean = " ".join(clean.split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def is_exercise_id(key: Any) -> bool:
    """True if ``key`` can be an exercise id of this course (what the store saves answers under)."""
    return isinstance(key, str) and len(key) <= MAX_ID_CHARS and ID_PATTERN.match(key) is not None


# -- dates --------------------------------------------------------------------
def parse_saved_at(value: Any) -> datetime | None:
    """Return ``value`` as an aware datetime, or None if it is missing, not an ISO stamp or not a real time.

    A stamp without zone is Dutch wall-clock time, the way :mod:`cursuslib.dates` shows it. Stamps
    before 2000 or from 2200 on (year 1, year 9999) count as unknown; nothing here raises.
    """
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return _real_moment(moment)


def _real_moment(moment: datetime) -> datetime | None:
    """``moment`` made aware (no zone: Dutch wall-clock time), or None outside 2000-2200."""
    try:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dutch_zone() or UTC)
        return moment if EARLIEST <= moment < LATEST else None
    except (ValueError, OverflowError, OSError):  # a date at the edge of the calendar
        return None


def dutch_time(value: Any) -> str:
    """Return a saved_at stamp in Dutch notation (``23-11-2026 12:40``) or the catalogue's ``datum onbekend``.

    Shown as Dutch wall-clock time (see :mod:`cursuslib.dates`): on Binder and school servers the stamps are UTC.
    """
    if parse_saved_at(value) is None:
        return text("backup.date_unknown")
    return format_moment(value, "short") or text("backup.date_unknown")


def _saved_phrase(value: Any) -> str:
    return text("backup.saved_on", time=dutch_time(value)) if parse_saved_at(value) else text("backup.date_unknown")


# -- values -------------------------------------------------------------------
def _value_problem(value: Any) -> str | None:
    """Return a catalogue key saying why the store cannot keep ``value``, or None; linear, no recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if not node.isascii():
                try:
                    node.encode("utf-8")
                except UnicodeEncodeError:
                    return "backup.bad_value_character"
        elif isinstance(node, bool) or node is None or isinstance(node, float):
            continue
        elif isinstance(node, int):
            if node.bit_length() > MAX_DIGITS * 3.3:  # about MAX_DIGITS decimal digits
                return "backup.bad_value_number"
        elif isinstance(node, dict | list):
            if depth >= MAX_VALUE_DEPTH:
                return "backup.bad_value_deep"
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
            if isinstance(node, dict) and not all(isinstance(key, str) for key in node):
                return "backup.bad_value_other"
        else:
            return "backup.bad_value_other"
    return None


def _encoded(value: Any) -> str | None:
    """The value as canonical JSON (1 and true, 1 and 1.0 differ), or None if it cannot be written."""
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return None


def excerpt(value: Any, *, limit: int = 60) -> str:
    """Return the start of an answer's text for a preview (the texts in it, else compact JSON), bounded."""
    parts: list[str] = []
    size = 0
    queue: deque[Any] = deque([value])
    seen = 0
    while queue and size < limit and seen < 1000:
        node = queue.popleft()
        seen += 1
        if isinstance(node, str):
            words = " ".join(node[: limit * 4].split())
            if words:
                parts.append(words)
                size += len(words) + 3
        elif isinstance(node, dict):
            queue.extend(node.values())
        elif isinstance(node, list):
            queue.extend(node)
    shown = " / ".join(parts)
    if not shown and not isinstance(value, dict | list | str):
        shown = _encoded(value) or ""
    shown = shown_name(shown, limit=limit)
    return shown or "…"


# -- reading an upload ------------------------------------------------------------
@dataclass(frozen=True)
class Upload:
    """An uploaded answers file that can be planned: its document and what was odd about it."""

    #: The answers document (``{"format": ..., "version": ..., "answers": {...}}``).
    document: dict[str, Any]
    #: Exercise ids that are in the file more than once; of each, the newest answer counts.
    duplicates: tuple[str, ...] = ()


class _Duplicates:
    """Collects the objects with a key more than once while JSON is parsed (``object_pairs_hook``)."""

    def __init__(self) -> None:
        self.found: dict[int, list[tuple[str, Any]]] = {}

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.found[id(result)] = pairs
        return result


def _big_number_guard(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError("number too long")
    return int(digits)


def _newest(entries: list[Any]) -> Any:
    """Of one exercise's entries, the usable one with the newest readable stamp (the last one on a tie)."""
    usable = [entry for entry in entries if isinstance(entry, dict) and "value" in entry]
    if not usable:
        return entries[-1]
    best, best_at = usable[-1], parse_saved_at(usable[-1].get("saved_at"))
    for entry in reversed(usable):  # from the end, so that on a tie the last one counts, as in any JSON reader
        at = parse_saved_at(entry.get("saved_at"))
        if at is not None and (best_at is None or at > best_at):
            best, best_at = entry, at
    return best


def _file_error(key: str, shown: str, **values: Any) -> StoreError:
    return StoreError(text(key, file=text("backup.file_named", name=shown), **values))


def read_upload(raw: bytes, *, name: str = "") -> Upload:
    """Check an uploaded file and return its document; raise :class:`StoreError` with a Dutch reason if unusable.

    Every refusal names the file and says what is wrong with it (empty, too big, zip, not text,
    NUL bytes, no JSON, too deep, a number too long, a notebook, another course, another version ...).
    A UTF-8 or UTF-16 byte order mark is accepted. Nothing is written anywhere.
    """
    shown = shown_name(name) or "?"
    if not raw.strip():
        raise _file_error("backup.upload_empty", shown)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise _file_error("backup.upload_too_big", shown, size=math.ceil(len(raw) / 2**20), limit=MAX_UPLOAD_MB)
    if raw.startswith(_ZIP_MAGIC):
        raise _file_error("backup.upload_zip", shown)
    try:
        if raw.startswith(_BOM_UTF16):
            content = raw.decode("utf-16")
        else:
            content = raw.removeprefix(_BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        raise _file_error("backup.upload_not_text", shown) from None
    if "\x00" in content:
        raise _file_error("backup.upload_nul", shown)
    duplicates = _Duplicates()
    try:
        doc = json.loads(content, object_pairs_hook=duplicates, parse_int=_big_number_guard)
    except json.JSONDecodeError:
        raise _file_error("backup.upload_not_json", shown) from None
    except RecursionError:
        raise _file_error("backup.upload_too_deep", shown) from None
    except ValueError:  # the number guard
        raise _file_error("backup.upload_big_number", shown, digits=number(MAX_DIGITS)) from None
    except MemoryError:
        raise _file_error("backup.upload_too_big", shown, size=math.ceil(len(raw) / 2**20),
                          limit=MAX_UPLOAD_MB) from None
    if isinstance(doc, dict) and "cells" in doc and "nbformat" in doc:
        raise _file_error("backup.upload_notebook", shown)
    if isinstance(doc, dict) and doc.get("format") != FILE_FORMAT and isinstance(doc.get("format"), str) \
            and doc["format"].endswith("antwoorden"):
        raise _file_error("backup.upload_other_course", shown, format=shown_name(doc["format"], limit=60))
    repeated: list[str] = []
    answers = doc.get("answers") if isinstance(doc, dict) else None
    pairs = duplicates.found.get(id(answers)) if isinstance(answers, dict) else None
    if pairs is not None and isinstance(answers, dict):
        grouped: dict[str, list[Any]] = {}
        for key, entry in pairs:
            grouped.setdefault(key, []).append(entry)
        for key, entries in grouped.items():
            if len(entries) > 1:
                repeated.append(key)
                answers[key] = _newest(entries)
    reason = _document_problem(doc)
    if reason:
        raise _file_error("backup.upload_unusable", shown, reason=reason)
    return Upload(document=doc, duplicates=tuple(sorted(repeated)))


def _document_problem(doc: Any) -> str | None:
    """The store's Dutch reason why ``doc`` is no answers document (kept short), or None."""
    try:
        reason = validate_document(doc)
    except (ValueError, RecursionError):  # a repr of an absurd version number or key
        return text("backup.bad_structure")
    if reason and len(reason) > 300:
        reason = reason[:299] + "…"
    return reason


# -- plan -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Change:
    """What a restore does with one exercise from the uploaded file."""

    exercise_id: str
    action: Action
    local_saved_at: Any = None
    uploaded_saved_at: Any = None
    #: The uploaded entry (``{"value": ..., "saved_at": ...}``) as it will be written.
    entry: dict[str, Any] = field(default_factory=dict, repr=False)
    #: Why: ``newer``/``unsure`` (kept), ``future``/``after_file`` (asked), a catalogue key (unusable).
    reason: str = ""
    #: The local answer this change would replace (for the preview), and a fingerprint to see it changed.
    local_value: Any = field(default=None, repr=False)
    local_fingerprint: int | None = field(default=None, repr=False)
    #: When the file was made, as far as known (for ``after_file``).
    file_made: Any = None

    @property
    def description(self) -> str:
        """One-line description for the preview, in the catalogue's words."""
        name = shown_name(self.exercise_id)
        if self.action == NEW:
            return text("backup.change_new", exercise=name, saved=_saved_phrase(self.uploaded_saved_at))
        if self.action == SAME:
            return text("backup.change_same", exercise=name)
        if self.action == UNUSABLE:
            return text("backup.change_unusable", exercise=name, reason=text(self.reason))
        times = {"exercise": name, "local": dutch_time(self.local_saved_at), "uploaded": dutch_time(self.uploaded_saved_at)}
        if self.action == UPDATE:
            return text("backup.change_update", **times)
        if self.action == ASK and self.reason == "after_file":
            return text("backup.change_ask_after_file", made=dutch_time(self.file_made), **times)
        if self.action == ASK:
            return text("backup.change_ask_future", **times)
        if self.reason == "newer":
            return text("backup.change_keep_newer", **times)
        return text("backup.change_keep_unsure", **times)

    @property
    def replaces(self) -> str:
        """For a change that would replace a local answer: both answers' beginnings; '' otherwise."""
        if self.action not in (UPDATE, ASK):
            return ""
        return text("backup.change_texts", local=excerpt(self.local_value), uploaded=excerpt(self.entry.get("value")))


@dataclass(frozen=True)
class RestorePlan:
    """All changes a restore would make, one per exercise in the uploaded file."""

    changes: tuple[Change, ...]
    #: The uploaded document.
    uploaded: dict[str, Any] = field(repr=False)
    #: How many local answers are not in the file (they always stay).
    local_only: int = 0
    #: Exercise ids that were in the file more than once (the newest answer of each counts).
    duplicates: tuple[str, ...] = ()
    #: The latest moment the file claims, when it is later than now: the clock that made it runs ahead.
    clock_ahead: datetime | None = None
    #: The moment the plan was made.
    made_at: datetime | None = None

    @cached_property
    def _groups(self) -> dict[Action, tuple[Change, ...]]:
        groups: dict[Action, list[Change]] = {action: [] for action in ACTIONS}
        for change in self.changes:
            groups[change.action].append(change)
        return {action: tuple(items) for action, items in groups.items()}

    @property
    def counts(self) -> dict[Action, int]:
        """Return how many changes there are per action (every action present, zero included)."""
        return {action: len(items) for action, items in self._groups.items()}

    @property
    def to_write(self) -> tuple[Change, ...]:
        """Return the changes that write an answer without asking (``nieuw`` and ``bijwerken``)."""
        return self._groups[NEW] + self._groups[UPDATE]

    @property
    def to_ask(self) -> tuple[Change, ...]:
        """Return the changes that replace a local answer only if the student chooses so (``vragen``)."""
        return self._groups[ASK]

    def by_action(self, action: Action) -> tuple[Change, ...]:
        """Return the changes with ``action``."""
        return self._groups[action]


def _fingerprint(encoded: str | None) -> int | None:
    return None if encoded is None else hash(encoded)


def _decide(exercise_id: str, local: Any, uploaded: Any, up_moment: datetime | None, *,
            file_made: datetime | None, clock_ahead: bool, limit: datetime) -> Change:
    up_at = uploaded.get("saved_at")
    entry = {"value": uploaded["value"], "saved_at": up_at if isinstance(up_at, str) else None}
    if not is_exercise_id(exercise_id):
        return Change(exercise_id, UNUSABLE, None, up_at, entry, reason="backup.bad_id")
    problem = _value_problem(uploaded["value"])
    up_encoded = None if problem else _encoded(uploaded["value"])
    if problem or up_encoded is None:
        return Change(exercise_id, UNUSABLE, None, up_at, entry, reason=problem or "backup.bad_value_other")
    if not isinstance(local, dict):
        return Change(exercise_id, NEW, None, up_at, entry)
    local_at, local_value = local.get("saved_at"), local.get("value")
    local_encoded = _encoded(local_value)
    known = {"local_value": local_value, "local_fingerprint": _fingerprint(local_encoded)}
    if local_encoded == up_encoded:
        return Change(exercise_id, SAME, local_at, up_at, entry, **known)
    local_moment = parse_saved_at(local_at)
    # Only a readable, strictly newer stamp can replace a local answer; when in doubt the local answer stays.
    if up_moment is None or local_moment is None or up_moment == local_moment:
        return Change(exercise_id, KEEP_LOCAL, local_at, up_at, entry, reason="unsure", **known)
    if local_moment > up_moment and local_moment > limit:  # a local clock that ran ahead: not sure either
        return Change(exercise_id, ASK, local_at, up_at, entry, reason="future", **known)
    if local_moment > up_moment:
        return Change(exercise_id, KEEP_LOCAL, local_at, up_at, entry, reason="newer", **known)
    # The file's answer looks newer. Ask when the clocks contradict that: the file claims times later
    # than now, or the local answer changed after the file was made (and yet the file's answer is "newer").
    if clock_ahead:
        return Change(exercise_id, ASK, local_at, up_at, entry, reason="future", **known)
    if file_made is not None and local_moment > file_made:
        return Change(exercise_id, ASK, local_at, up_at, entry, reason="after_file", file_made=file_made.isoformat(),
                      **known)
    return Change(exercise_id, UPDATE, local_at, up_at, entry, **known)


def _moment(value: Any) -> datetime | None:
    """A datetime or ISO stamp as a real aware moment, or None."""
    return _real_moment(value) if isinstance(value, datetime) else parse_saved_at(value)


def plan_restore(local: dict[str, Any], uploaded: dict[str, Any] | Upload, *, now_at: datetime | None = None,
                 received_at: Any = None) -> RestorePlan:
    """Compare the local document with an uploaded one and return what a restore would change.

    Both are whole answers documents (``{"format": ..., "version": ..., "answers": {...}}``), or
    ``uploaded`` is an :class:`Upload` from :func:`read_upload`. Per exercise the newest answer
    counts, but a local answer is never replaced without asking when the clocks disagree: when
    the file holds times later than ``now_at``, or when the local answer changed after the file was
    made (its ``exported_at``, or ``received_at``: when this device stored the file). One pass over
    the file; nothing is written.
    Raises :class:`StoreError` with the reason (in Dutch) when ``uploaded`` is not a valid document.
    """
    duplicates: tuple[str, ...] = ()
    if isinstance(uploaded, Upload):
        uploaded, duplicates = uploaded.document, uploaded.duplicates
    reason = _document_problem(uploaded)
    if reason:
        raise StoreError(text("backup.file_unusable", reason=reason))
    moment_now = _moment(now_at) or now()
    local_answers: dict[str, Any] = local.get("answers", {}) if isinstance(local, dict) else {}
    if not isinstance(local_answers, dict):
        local_answers = {}
    up_answers: dict[str, Any] = uploaded["answers"]
    keys = sorted(up_answers)
    up_moments = [parse_saved_at(up_answers[key].get("saved_at")) for key in keys]
    exported = parse_saved_at(uploaded.get(EXPORTED_AT))
    claims = [m for m in (*up_moments, exported) if m is not None]
    latest = max(claims, default=None)
    limit = moment_now + CLOCK_TOLERANCE
    clock_ahead = latest if latest is not None and latest > limit else None
    made = [m for m in (exported, _moment(received_at)) if m is not None]
    file_made = min(made, default=None)
    changes = tuple(
        _decide(key, local_answers.get(key), up_answers[key], up_moment, file_made=file_made,
                clock_ahead=clock_ahead is not None, limit=limit)
        for key, up_moment in zip(keys, up_moments, strict=True)
    )
    local_only = sum(1 for key in local_answers if key not in up_answers)
    return RestorePlan(changes=changes, uploaded=uploaded, local_only=local_only, duplicates=duplicates,
                       clock_ahead=clock_ahead, made_at=moment_now)


# -- apply ----------------------------------------------------------------------
def _approved(plan: RestorePlan, include_asked: bool) -> Iterator[Change]:
    yield from plan.to_write
    if include_asked:
        yield from plan.to_ask


def apply_restore(store: AnswerStore, plan: RestorePlan, *, include_asked: bool | Iterable[str] = False) -> int:
    """Write the plan's ``nieuw`` and ``bijwerken`` answers, keeping their original saved_at; return how many.

    ``include_asked`` also writes the ``vragen`` answers (True: all of them; or the exercise ids the
    student chose). Under the store's lock, an answer is written only if the local answer is still the
    one the preview showed (or gone): an answer saved locally after the preview is never overwritten.
    """
    if isinstance(include_asked, bool):
        chosen = include_asked
        asked: set[str] | None = None
    else:
        asked, chosen = set(include_asked), True
    approved = [c for c in _approved(plan, chosen) if c.action != ASK or asked is None or c.exercise_id in asked]
    if not approved:
        return 0
    # Read, merge and write under the store's own lock (same package): a save from another notebook
    # or kernel can never land in between. ``replace_all`` cannot give this, because the document it
    # writes would have been read before its lock was taken.
    with store._locked():
        doc = store._read()
        answers = doc["answers"]
        written = 0
        for change in approved:
            current = answers.get(change.exercise_id)
            if current is not None and not _as_previewed(current, change):
                continue
            answers[change.exercise_id] = dict(change.entry)
            written += 1
        if written:
            store._write(doc)
    return written


def _as_previewed(current: Any, change: Change) -> bool:
    """True if the local entry is still the one the preview compared against."""
    if change.local_fingerprint is None or not isinstance(current, dict):
        return False
    return (current.get("saved_at") == change.local_saved_at
            and _fingerprint(_encoded(current.get("value"))) == change.local_fingerprint)

