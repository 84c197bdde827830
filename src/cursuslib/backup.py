"""Download all answers as one file and merge an uploaded file back in, never losing a newer local answer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from .dates import format_moment
from .messages import text
from .store import AnswerStore, StoreError, validate_document

Action = Literal["nieuw", "bijwerken", "overslaan_lokaal_nieuwer", "gelijk"]

NEW: Action = "nieuw"
UPDATE: Action = "bijwerken"
KEEP_LOCAL: Action = "overslaan_lokaal_nieuwer"
SAME: Action = "gelijk"
#: Every action, in the order a preview shows them.
ACTIONS: tuple[Action, ...] = (NEW, UPDATE, KEEP_LOCAL, SAME)
#: Actions that write the uploaded answer into the store.
WRITES: frozenset[Action] = frozenset({NEW, UPDATE})


# -- download -----------------------------------------------------------------
def download_bytes(store: AnswerStore) -> bytes:
    """Return the current answers document as pretty UTF-8 JSON, the same layout as ``antwoorden.json``."""
    return json.dumps(store.load(), ensure_ascii=False, indent=1).encode("utf-8")


def download_name(*, today: date | None = None) -> str:
    """Return the file name for a download, e.g. ``klantgesprekken-antwoorden-2026-11-23.json``."""
    return f"klantgesprekken-antwoorden-{(today or date.today()):%Y-%m-%d}.json"


# -- dates --------------------------------------------------------------------
def parse_saved_at(value: Any) -> datetime | None:
    """Return ``value`` as an aware datetime, or None if it is missing or not an ISO time stamp."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    # A stamp without zone is taken as local time, so it can be compared with the store's aware stamps.
    return moment if moment.tzinfo is not None else moment.astimezone()


def dutch_time(value: Any) -> str:
    """Return a saved_at stamp in Dutch notation (``23-11-2026 12:40``) or the catalogue's ``datum onbekend``.

    Shown as Dutch wall-clock time (see :mod:`cursuslib.dates`): on Binder and school servers the stamps are UTC.
    """
    return format_moment(value, "short") or text("backup.date_unknown")


def _saved_phrase(value: Any) -> str:
    return text("backup.saved_on", time=dutch_time(value)) if parse_saved_at(value) else text("backup.date_unknown")


def _same_value(a: Any, b: Any) -> bool:
    # Compare as JSON so that 1 and true, or 1 and 1.0, count as different answers.
    return json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(b, sort_keys=True, ensure_ascii=False)


# -- plan -----------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """What a restore does with one exercise from the uploaded file."""

    exercise_id: str
    action: Action
    #: One-line description for the preview, in the catalogue's words.
    description: str
    local_saved_at: Any = None
    uploaded_saved_at: Any = None
    #: The uploaded entry (``{"value": ..., "saved_at": ...}``) as it will be written.
    entry: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class RestorePlan:
    """All changes a restore would make, one per exercise in the uploaded file."""

    changes: tuple[Change, ...]
    #: The uploaded document; :func:`apply_restore` re-plans against it.
    uploaded: dict[str, Any] = field(repr=False)
    #: How many local answers are not in the file (they always stay).
    local_only: int = 0

    @property
    def counts(self) -> dict[Action, int]:
        """Return how many changes there are per action (every action present, zero included)."""
        counts = dict.fromkeys(ACTIONS, 0)
        for change in self.changes:
            counts[change.action] += 1
        return counts

    @property
    def to_write(self) -> tuple[Change, ...]:
        """Return the changes that write an answer (``nieuw`` and ``bijwerken``)."""
        return tuple(c for c in self.changes if c.action in WRITES)

    def by_action(self, action: Action) -> tuple[Change, ...]:
        """Return the changes with ``action``."""
        return tuple(c for c in self.changes if c.action == action)


def _decide(exercise_id: str, local: dict[str, Any] | None, uploaded: dict[str, Any]) -> Change:
    up_at = uploaded.get("saved_at")
    entry = {"value": uploaded["value"], "saved_at": up_at if isinstance(up_at, str) else None}
    if local is None:
        return Change(exercise_id, NEW, text("backup.change_new", exercise=exercise_id, saved=_saved_phrase(up_at)),
                      None, up_at, entry)
    local_at = local.get("saved_at")
    if _same_value(local.get("value"), uploaded["value"]):
        return Change(exercise_id, SAME, text("backup.change_same", exercise=exercise_id), local_at, up_at, entry)
    local_moment, up_moment = parse_saved_at(local_at), parse_saved_at(up_at)
    times = {"exercise": exercise_id, "local": dutch_time(local_at), "uploaded": dutch_time(up_at)}
    # Only a readable, strictly newer stamp replaces a local answer; when in doubt the local answer stays.
    if up_moment is not None and local_moment is not None and up_moment > local_moment:
        return Change(exercise_id, UPDATE, text("backup.change_update", **times), local_at, up_at, entry)
    if local_moment is not None and up_moment is not None and local_moment > up_moment:
        description = text("backup.change_keep_newer", **times)
    else:
        description = text("backup.change_keep_unsure", **times)
    return Change(exercise_id, KEEP_LOCAL, description, local_at, up_at, entry)


def plan_restore(local: dict[str, Any], uploaded: dict[str, Any]) -> RestorePlan:
    """Compare the local document with an uploaded one and return what a restore would change.

    Both are whole answers documents (``{"format": ..., "version": ..., "answers": {...}}``).
    Raises :class:`StoreError` with the reason (from the store, in Dutch) when ``uploaded`` is not a valid document.
    """
    reason = validate_document(uploaded)
    if reason:
        raise StoreError(text("backup.file_unusable", reason=reason))
    local_answers: dict[str, Any] = local.get("answers", {}) if isinstance(local, dict) else {}
    up_answers: dict[str, Any] = uploaded["answers"]
    changes = tuple(_decide(key, local_answers.get(key), up_answers[key]) for key in sorted(up_answers))
    local_only = sum(1 for key in local_answers if key not in up_answers)
    return RestorePlan(changes=changes, uploaded=uploaded, local_only=local_only)


# -- apply ----------------------------------------------------------------------
def apply_restore(store: AnswerStore, plan: RestorePlan) -> int:
    """Write the plan's ``nieuw`` and ``bijwerken`` answers, keeping their original saved_at; return how many.

    The plan is made again against the store as it is now, inside the lock: an answer saved
    locally after the preview is never overwritten by an older one from the file. Only
    answers that the approved plan and the fresh plan both write are written.
    """
    approved = {c.exercise_id for c in plan.to_write}
    if not approved:
        return 0
    # Read, merge and write under the store's own lock (same package): a save from another notebook
    # or kernel can never land in between. ``replace_all`` cannot give this, because the document it
    # writes would have been read before its lock was taken.
    with store._locked():
        doc = store._read()
        fresh = plan_restore(doc, plan.uploaded)
        written = 0
        for change in fresh.to_write:
            if change.exercise_id in approved:
                doc["answers"][change.exercise_id] = dict(change.entry)
                written += 1
        if written:
            store._write(doc)
    return written
