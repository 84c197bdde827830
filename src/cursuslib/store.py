"""Saving and loading a student's answers: one JSON file, replaced atomically, one exercise per save.

The file ``antwoorden.json`` holds ``{"format", "version", "answers"}``; each answer is
``{"value": ..., "saved_at": ..., "revision": ...}``. ``saved_at`` is the time a student sees;
``revision`` is what the store compares: wall-clock nanoseconds, but always above every revision
already in the file, so a later write has a higher revision even when the clock jumps back. An entry
without one (older files, restored answers) counts as its ``saved_at``.

**Two writers.** A save reads the file, replaces only its own exercise and writes the whole file
anew (temp file, ``fsync``, ``os.replace``): a crash leaves the old or the new file, never half of
one. Writers are kept apart by a lock on ``.antwoorden.json.lock``: ``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows. Where no lock works, a save merges instead: just before it replaces
the file it reads it again and keeps, per exercise, the entry with the higher revision (an exercise
that only the file has always stays); if the file changed in between it starts again, and afterwards
it checks that its answers are there. In Pyodide (JupyterLite) every browser tab runs its own kernel
and no file lock reaches across tabs (some builds have an ``fcntl.flock`` that locks nothing, the
current one has none): there the store merges.
In merge mode this process's own answers are merged into every later save, so one lost to another
tab's write comes back.

**Restores and open lessons.** A widget saves over the revision it last saw
(:meth:`AnswerStore.update`). A restore writes its answers with new revisions, so a lesson that was
open during the restore finds another revision on its next keystroke: the save is refused
(:class:`AnswerChanged`) and the lesson shows the restored answer. A save only ever replaces its own
exercise, so restored answers of other exercises are never touched.

**Never lost.** A file that cannot be read is moved aside intact (never overwritten) with a Dutch
notice in :attr:`AnswerStore.notices`. A save that fails (read-only folder, full disk) raises
:class:`NotSaved` with a Dutch message; the answer stays in memory and is written with the next save
that succeeds. Temp files left by a killed save are removed on the next start.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import re
import stat
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any, NamedTuple

from . import messages, paths

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:  # pragma: no cover - POSIX
    msvcrt = None  # type: ignore[assignment]


def _available_lock() -> str:
    if sys.platform == "emscripten":  # pragma: no cover - no lock reaches another tab's kernel
        return "none"
    if fcntl is not None and hasattr(fcntl, "flock"):
        return "flock"
    if msvcrt is not None and hasattr(msvcrt, "locking"):  # pragma: no cover - Windows
        return "msvcrt"
    return "none"  # pragma: no cover - no lock on this platform: merge on save


#: How writers are kept apart: ``"flock"``, ``"msvcrt"`` or ``"none"`` (merge on save). Setting it
#: to ``"none"`` forces the merge path (the reliability tests do).
LOCKING: str = _available_lock()

#: Identifies a file as ours (also checked when a student uploads one).
FILE_FORMAT = "klantgesprekken-antwoorden"
#: Version of the answers file layout.
FILE_VERSION = 1
FILE_NAME = "antwoorden.json"
#: The entry that holds this student's random seed for the order of quiz options (not an exercise). It lives in
#: the answers file so that the order survives a restart and travels with a download and a re-upload.
ORDER_SEED_ID = "quiz-volgorde"
#: Largest answers file we read or write (a real one is far smaller; this guards against wrong uploads).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Deepest nesting of lists and objects in a document (ours is about ten; deeper cannot be written back).
MAX_DEPTH = 100
#: Name pattern of our temp files; one older than :data:`TEMP_MAX_AGE` seconds is a killed save's leftover.
TEMP_PREFIX, TEMP_SUFFIX = ".antwoorden-", ".tmp"
TEMP_MAX_AGE = 10.0
#: How often a merge (no lock) starts again when another writer keeps changing the file.
MERGE_ATTEMPTS = 50
#: Without a lock: seconds after a save at which the store checks again that its answers are still in the file.
#: Another tab may write back a copy it read just before this save; the check writes them again. It needs an
#: event loop (a kernel has one), so a tab that stopped typing still gets its last answer back.
RECHECK_AFTER = (1.0, 4.0)
#: How long a save waits for the Windows lock before it says the file is busy.
LOCK_TIMEOUT = 30.0

_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[a-z0-9_]+" + re.escape(TEMP_SUFFIX))
_MAX_REVISION = 2**62
#: Highest revision a saved_at stamp counts as (about the year 2079): a far-future date (year 9999) leaves
#: room above it, so that later writes still get higher revisions and a restore is still seen.
_MAX_STAMP_REVISION = _MAX_REVISION - 2**60
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_JSON = json.JSONEncoder(ensure_ascii=False)  # without indent: the C encoder
_ANY: Any = object()  # "no expected revision": save whatever is on disk

_thread_lock = threading.RLock()
_held: dict[str, str] = {}  # folder -> lock mode, while this process holds the store lock of that folder


def text(key: str, /, **values: Any) -> str:
    """The catalogue text ``key``; when the catalogue itself is broken, a plain Dutch sentence with the details."""
    try:
        return messages.text(key, **values)
    except Exception:  # noqa: BLE001 - a teacher's catalogue mistake must not hide what happened to the answers
        details = "; ".join(str(value) for value in values.values())
        return f"Er ging iets mis met je antwoordenbestand ({details})."


class StoreError(Exception):
    """Something went wrong with the answers file; the message is Dutch and meant for the student."""


class SavedAnswer(NamedTuple):
    """One answer as the store holds it."""

    value: Any
    saved_at: Any
    #: Changes with every write of this answer; a widget saves over the revision it last saw.
    revision: int


class AnswerChanged(StoreError):
    """A save was refused: the file holds another version of this exercise (restored, or saved elsewhere)."""

    def __init__(self, current: SavedAnswer) -> None:
        super().__init__(text("store.answer_changed"))
        #: The answer in the file, which the widget should show now.
        self.current = current


class NotSaved(StoreError):
    """A save failed (read-only folder, full disk); the answers are kept in memory for the next save."""

    def __init__(self, message: str, kept: Mapping[str, SavedAnswer]) -> None:
        super().__init__(message)
        #: The answers that wait in memory, by exercise id.
        self.kept = dict(kept)


def _seed_of(value: Any) -> str:
    """The seed in a saved order-seed entry, or "" when it holds none."""
    seed = value.get("seed") if isinstance(value, dict) else None
    return seed if isinstance(seed, str) and 8 <= len(seed) <= 64 else ""


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def empty_document() -> dict[str, Any]:
    """Return a new, empty answers document."""
    return {"format": FILE_FORMAT, "version": FILE_VERSION, "answers": {}}


def _shown(value: Any, limit: int = 60) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def validate_document(doc: Any) -> str | None:
    """Return a Dutch reason why ``doc`` is not a valid answers document, or None if it is."""
    if not isinstance(doc, dict) or doc.get("format") != FILE_FORMAT:
        return text("store.reason_foreign")
    version = doc.get("version")
    if type(version) is not int or version != FILE_VERSION:  # not True or 1.0, which equal 1 in Python
        return text("store.reason_version", version=_shown(version, 40), expected=FILE_VERSION)
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        return text("store.reason_no_answers")
    for key, entry in answers.items():
        if not isinstance(entry, dict) or "value" not in entry:
            return text("store.reason_bad_answer", exercise=_shown(key))
    return None


# -- reading bytes ---------------------------------------------------------------
class _Unusable(Exception):
    """Bytes that are not a usable answers document; ``kind`` says why, ``reason`` in Dutch."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind, self.reason = kind, reason
        #: Identity of the damaged file (see :func:`_identity`), so that only that file is moved aside.
        self.identity: tuple[int, ...] | None = None


def _too_deep(node: Any, limit: int) -> bool:
    """True if lists and objects nest deeper than ``limit`` (checked without recursion)."""
    if not isinstance(node, (dict, list)):
        return False
    stack = [(node, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


def _digit_limit() -> int:
    return getattr(sys, "get_int_max_str_digits", lambda: 4300)() or 4300


def _decode(raw: bytes) -> dict[str, Any]:
    """Parse the bytes of an answers file; raise :class:`_Unusable` with the reason when they are not one."""
    if not raw.strip():
        raise _Unusable("empty", text("store.reason_empty"))
    if raw.startswith(codecs.BOM_UTF8):  # Notepad and some editors write one; it is still UTF-8
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unusable("not_text", text("store.reason_not_text")) from None
    try:
        doc = json.loads(source)
    except json.JSONDecodeError:
        raise _Unusable("not_json", text("store.reason_not_json")) from None
    except RecursionError:
        raise _Unusable("invalid", text("store.reason_too_deep", depth=MAX_DEPTH)) from None
    except ValueError:  # the only other one: an integer over Python's digit limit (sys.get_int_max_str_digits)
        raise _Unusable("invalid", text("store.reason_huge_number", digits=_digit_limit())) from None
    if _too_deep(doc, MAX_DEPTH):
        raise _Unusable("invalid", text("store.reason_too_deep", depth=MAX_DEPTH))
    reason = validate_document(doc)
    if reason:
        raise _Unusable("invalid", reason)
    return doc


def parse_document(raw: bytes, *, name: str = "dit bestand") -> dict[str, Any]:
    """Parse a downloaded answers file; raise :class:`StoreError` with a Dutch reason if it is not usable."""
    if len(raw) > MAX_FILE_BYTES:
        raise StoreError(text("store.upload_too_large", name=name, mb=len(raw) // (1024 * 1024)))
    try:
        return _decode(raw)
    except _Unusable as exc:
        if exc.kind == "not_text":
            raise StoreError(text("store.upload_not_text", name=name)) from None
        if exc.kind in ("not_json", "empty"):
            raise StoreError(text("store.upload_damaged", name=name)) from None
        raise StoreError(text("store.upload_unusable", name=name, reason=exc.reason)) from None


# -- revisions -------------------------------------------------------------------
def _valid_revision(value: Any) -> bool:
    return type(value) is int and 0 <= value <= _MAX_REVISION


def _revision_of_stamp(stamp: Any) -> int:
    """The revision of an entry written without one: its saved_at in nanoseconds, or 0 if that is unreadable."""
    if not isinstance(stamp, str):
        return 0
    try:
        moment = datetime.fromisoformat(stamp.strip())
        if moment.tzinfo is None:
            moment = moment.astimezone()
        nanoseconds = (moment - _EPOCH) // timedelta(microseconds=1) * 1000
    except (ValueError, OverflowError, OSError):  # odd text, or a year the platform cannot place
        return 0
    return min(max(nanoseconds, 0), _MAX_STAMP_REVISION)


def _revision(entry: Mapping[str, Any]) -> int:
    value = entry.get("revision")
    return value if _valid_revision(value) else _revision_of_stamp(entry.get("saved_at"))


def _answer(entry: Mapping[str, Any], *, copy: bool = False) -> SavedAnswer:
    value = json.loads(_JSON.encode(entry["value"])) if copy else entry["value"]
    return SavedAnswer(value, entry.get("saved_at"), _revision(entry))


def _public(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as others see it: the store's revisions left out."""
    answers = {key: {k: v for k, v in entry.items() if k != "revision"} for key, entry in doc["answers"].items()}
    return {**doc, "answers": answers}


def _check_value(value: Any) -> Any:
    """Return ``value`` as it will be read back (a JSON copy); raise :class:`StoreError` if it cannot be saved."""
    try:
        copy = json.loads(json.dumps(value, ensure_ascii=False))
    except TypeError:
        reason = text("store.value_not_data")
    except RecursionError:
        reason = text("store.reason_too_deep", depth=MAX_DEPTH)
    except ValueError as exc:  # a circular reference, or an integer over Python's digit limit
        circular = "circular" in str(exc).lower()
        reason = text("store.value_self_reference") if circular else text("store.reason_huge_number",
                                                                           digits=_digit_limit())
    else:
        if not _too_deep(copy, MAX_DEPTH - 3):  # the document, its answers and the entry hold it
            return copy
        reason = text("store.reason_too_deep", depth=MAX_DEPTH)
    raise StoreError(text("store.not_serialisable", reason=reason))


def unsaved_texts(mine: Any, current: Any, *, limit: int = 3) -> list[str]:
    """The texts in ``mine`` (an answer that was not saved) that ``current`` does not hold, longest first.

    A refused save shows them, so that a student can copy what they typed before the newer answer replaced it.
    """
    def texts(value: Any) -> Iterator[str]:
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                if item.strip():
                    yield item.strip()
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, (list, tuple)):
                stack.extend(item)

    known = set(texts(current))
    found = sorted({item for item in texts(mine) if item not in known}, key=len, reverse=True)
    return found[:limit]


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


class AnswerStore:
    """All answers of one student, kept in ``<folder>/antwoorden.json`` (see the module docstring)."""

    def __init__(self, folder: Path, notices: list[str] | None = None) -> None:
        self.folder = folder
        #: Dutch notices for the student (a damaged file set aside, a save that failed ...), oldest first.
        self.notices: list[str] = [] if notices is None else notices
        #: Answers this process wrote that must reach the file: failed saves, and in merge mode every save.
        self._carried: dict[str, dict[str, Any]] = {}
        self._swept = False
        self._last_revision = 0
        #: The bytes of the file as this process last read or wrote them, and the document they hold;
        #: saves reuse it while the file is byte for byte the same (never handed out, never changed).
        self._parsed: tuple[bytes, dict[str, Any]] | None = None
        #: The order seed once known (see :meth:`order_seed`).
        self._seed = ""

    def __repr__(self) -> str:
        return f"AnswerStore(folder={self.folder!r})"

    @property
    def path(self) -> Path:
        """The answers file."""
        return self.folder / FILE_NAME

    @property
    def _lock_path(self) -> Path:
        return self.folder / f".{FILE_NAME}.lock"

    @property
    def _key(self) -> str:
        return os.path.abspath(self.folder)

    # -- reading -------------------------------------------------------------
    def load(self) -> dict[str, Any]:
        """Return the whole answers document (empty if there is none yet); reading creates nothing."""
        if not self.folder.is_dir():
            return empty_document()
        with self._locked():
            return _public(self._read())

    def get(self, exercise_id: str, default: Any = None) -> Any:
        """Return the saved value for ``exercise_id``, or ``default``."""
        entry = self.load()["answers"].get(exercise_id)
        return default if entry is None else entry["value"]

    def entries(self) -> dict[str, dict[str, Any]]:
        """Return every saved entry (``{"value": ..., "saved_at": ...}``) by exercise id."""
        return self.load()["answers"]

    def answer_count(self) -> int:
        """How many answers the file holds (the quiz order seed is kept there too, but is no answer)."""
        return sum(key != ORDER_SEED_ID for key in self.entries())

    def answer(self, exercise_id: str) -> SavedAnswer | None:
        """Return the saved answer of ``exercise_id`` with its revision, or None."""
        if not self.folder.is_dir():
            return None
        with self._locked():
            entry = self._read()["answers"].get(exercise_id)
        return None if entry is None else _answer(entry)

    def order_seed(self) -> str:
        """This student's random seed for the order of quiz options: read from the answers file, made once.

        A seed that cannot be saved (read-only folder) still holds for this process, so the order stays
        the same until the next start.
        """
        if self._seed:
            return self._seed
        try:
            saved = self.answer(ORDER_SEED_ID)
        except StoreError:
            saved = None
        seed = _seed_of(saved.value if saved else None)
        if not seed:
            import secrets  # only the first quiz a student ever sees needs it

            seed = secrets.token_hex(8)
            try:
                self.update(ORDER_SEED_ID, {"seed": seed}, based_on=None if saved is None else saved.revision)
            except AnswerChanged as changed:  # another tab made one first: use that one
                seed = _seed_of(changed.current.value) or seed
            except (StoreError, OSError):
                pass
        self._seed = seed
        return seed

    # -- writing -------------------------------------------------------------
    def save(self, exercise_id: str, value: Any) -> str:
        """Save ``value`` under ``exercise_id`` and return the time stamp it got."""
        return self.save_many({exercise_id: value})

    def save_many(self, values: dict[str, Any]) -> str:
        """Save several answers in one update (only these exercises change) and return their time stamp."""
        saved = self._save(values, _ANY)
        return next(iter(saved.values())).saved_at if saved else _now()

    def update(self, exercise_id: str, value: Any, *, based_on: int | None) -> SavedAnswer:
        """Save ``value`` over the revision ``based_on`` that the caller last saw (None: it saw no answer).

        Raises :class:`AnswerChanged` when the file holds another revision of this exercise (a restore, or
        another tab): the newer answer wins and the caller shows it.
        """
        return self._save({exercise_id: value}, based_on)[exercise_id]

    def replace_all(self, doc: dict[str, Any]) -> None:
        """Replace the whole document; ``doc`` must be valid. Every answer gets a new revision.

        Without a lock (merge mode) an answer that only the file has stays: there a merge cannot tell a
        removed answer from one that another tab just saved.
        """
        reason = validate_document(doc)
        if reason:
            raise StoreError(text("store.upload_unusable", name=text("store.this_file"), reason=reason))
        fresh = {"format": FILE_FORMAT, "version": FILE_VERSION,
                 "answers": {key: {k: v for k, v in entry.items() if k != "revision"}
                             for key, entry in doc["answers"].items()}}
        with self._locked():
            self._read()  # moves a damaged file aside before it is replaced
            self._carried.clear()
            self._write(fresh)

    def _save(self, values: Mapping[str, Any], based_on: Any) -> dict[str, SavedAnswer]:
        copies = {key: _check_value(value) for key, value in values.items()}
        stamp = _now()
        with self._locked():
            doc, _ = self._read_file(reuse=True)
            if based_on is not _ANY:
                for key in copies:
                    current = doc["answers"].get(key)
                    if current is not None and _revision(current) != based_on:
                        raise AnswerChanged(_answer(current, copy=True))
            revision = self._next_revision(doc)
            changed = {key: {"value": value, "saved_at": stamp, "revision": revision} for key, value in copies.items()}
            doc["answers"].update(changed)
            self._commit(doc, changed)
        return {key: SavedAnswer(value, stamp, revision) for key, value in values.items()}

    # -- internals (backup.apply_restore uses _locked, _read and _write) -------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[str]:
        """Hold the store lock of this folder (re-entrant in a thread); yields the lock mode in use."""
        with _thread_lock:
            if self._key in _held:
                yield _held[self._key]
                return
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(text("store.folder_failed", folder=self.folder, reason=_why(exc))) from exc
            with self._os_lock() as mode:
                _held[self._key] = mode
                try:
                    self._sweep_once()
                    yield mode
                finally:
                    del _held[self._key]

    @contextlib.contextmanager
    def _os_lock(self) -> Iterator[str]:
        handle = self._open_lock_file() if LOCKING != "none" else None
        if handle is None:
            yield "none"
            return
        with handle:
            mode = LOCKING if self._acquire(handle) else "none"
            try:
                yield mode
            finally:
                if mode != "none":
                    with contextlib.suppress(OSError):
                        self._release(handle)

    def _open_lock_file(self) -> IO[bytes] | None:
        for how in ("a+b", "rb"):  # "rb" still locks where the lock file exists but is not ours to write
            with contextlib.suppress(OSError):
                return open(self._lock_path, how)  # noqa: SIM115 - closed by _os_lock
        return None  # e.g. a read-only folder: nobody can write here, and reading needs no lock

    def _acquire(self, handle: IO[bytes]) -> bool:
        """Take the lock; False where the file system cannot lock (some network drives): then merge."""
        if LOCKING == "flock":
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            except OSError:
                return False
            return True
        deadline = time.monotonic() + LOCK_TIMEOUT  # pragma: no cover - Windows from here on
        while True:
            try:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                return True
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EDEADLK, getattr(errno, "EDEADLOCK", errno.EDEADLK)):
                    return False
                if time.monotonic() > deadline:
                    raise StoreError(text("store.busy")) from exc
                time.sleep(0.005)

    def _release(self, handle: IO[bytes]) -> None:
        if LOCKING == "flock":
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        else:  # pragma: no cover - Windows
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

    def _sweep_once(self) -> None:
        """Remove temp files that a killed save left behind (ours only, and only old ones), once per store."""
        if self._swept:
            return
        self._swept = True
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        limit = time.time() - TEMP_MAX_AGE
        for name in names:
            if not _TEMP_NAME.fullmatch(name):
                continue
            path = os.path.join(self.folder, name)
            with contextlib.suppress(OSError):
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                    os.unlink(path)

    def _read(self) -> dict[str, Any]:
        """The document as this process sees it: the file (a damaged one moved aside) plus answers waiting to be written."""
        return self._read_file()[0]

    def _read_file(self, *, with_carried: bool = True, reuse: bool = False) -> tuple[dict[str, Any], Any]:
        """Return the document and the identity of the file it was read from (None: there was no file).

        ``reuse``: the caller changes only the returned dicts, never a value, so a parsed copy may be reused.
        """
        for _ in range(MERGE_ATTEMPTS):
            try:
                doc, identity = self._parse_file(reuse)
            except _Unusable as damage:
                if not self._move_aside(damage.reason, damage.identity):
                    continue  # another writer replaced the file meanwhile: read that one
                doc, identity = empty_document(), None
            if with_carried:
                self._overlay_carried(doc["answers"])
            return doc, identity
        raise StoreError(text("store.cannot_read", path=self.path, reason=text("store.reason_not_json")))

    def _parse_file(self, reuse: bool) -> tuple[dict[str, Any], Any]:
        identity = None
        try:
            with open(self.path, "rb") as handle:
                info = os.fstat(handle.fileno())
                identity = _identity(info)
                if info.st_size > MAX_FILE_BYTES:
                    raise _Unusable("invalid", text("store.reason_too_large", mb=info.st_size // (1024 * 1024)))
                raw = handle.read()
            if reuse and self._parsed is not None and self._parsed[0] == raw:
                doc = self._parsed[1]
            else:
                doc = _decode(raw)
                for entry in doc["answers"].values():
                    entry["revision"] = _revision(entry)
                    # A later write must be above every revision read, also above the one it replaces.
                    self._last_revision = max(self._last_revision, entry["revision"])
                if reuse:
                    self._parsed = (raw, doc)
            return {**doc, "answers": dict(doc["answers"])}, identity
        except FileNotFoundError:
            return empty_document(), None
        except IsADirectoryError:
            damage = _Unusable("invalid", text("store.reason_folder"))
            damage.identity = self._current_identity()
            raise damage from None
        except _Unusable as damage:
            damage.identity = identity
            raise
        except OSError as exc:
            raise StoreError(text("store.cannot_read", path=self.path, reason=_why(exc))) from exc

    def _overlay_carried(self, answers: dict[str, Any]) -> None:
        for key, entry in list(self._carried.items()):
            on_disk = answers.get(key)
            if on_disk is None or on_disk["revision"] < entry["revision"]:
                answers[key] = dict(entry)
            elif on_disk["revision"] > entry["revision"]:  # a newer answer from elsewhere: ours is history
                del self._carried[key]

    def _current_identity(self) -> tuple[int, ...] | None:
        try:
            return _identity(os.stat(self.path))
        except FileNotFoundError:
            return None
        except OSError:
            return (-1,)

    def _move_aside(self, reason: str, identity: tuple[int, ...] | None) -> bool:
        """Move the unreadable file aside with a notice; False if it was replaced meanwhile (nothing moved)."""
        if self._current_identity() != identity:
            return False
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.path.with_name(f"antwoorden.onleesbaar-{stamp}.json")
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"antwoorden.onleesbaar-{stamp}-{number}.json")
        try:
            os.replace(self.path, target)
        except FileNotFoundError:
            return False
        except OSError as exc:
            message = text("store.not_moved_aside", path=self.path, reason=reason, error=_why(exc))
            self._notice(message)
            raise StoreError(message) from exc
        self._notice(text("store.moved_aside", reason=reason, file=target.name, folder=self.folder))
        return True

    def _notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def _next_revision(self, doc: dict[str, Any]) -> int:
        highest = max((_revision(entry) for entry in doc["answers"].values()), default=0)
        revision = max(time.time_ns(), min(highest, _MAX_REVISION - 1) + 1, self._last_revision + 1)
        self._last_revision = min(revision, _MAX_REVISION)
        return self._last_revision

    def _write(self, doc: dict[str, Any]) -> None:
        """Write ``doc`` (read with :meth:`_read` inside :meth:`_locked`); answers without a revision get a new one."""
        answers = doc["answers"]
        fresh = [key for key, entry in answers.items() if not _valid_revision(entry.get("revision"))]
        changed: dict[str, dict[str, Any]] = {}
        if fresh:
            waiting = set(fresh)  # a restore brings thousands: a list here made confirming quadratic
            revision = self._next_revision({"answers": {k: v for k, v in answers.items() if k not in waiting}})
            for key in fresh:
                changed[key] = answers[key] = {**answers[key], "revision": revision}
        self._commit(doc, changed)

    def _commit(self, doc: dict[str, Any], changed: dict[str, dict[str, Any]]) -> None:
        """Write ``doc``, in which ``changed`` are this write's answers; merge first when no lock is held."""
        try:
            if _held.get(self._key, "none") != "none":
                self._replace(doc)  # the lock keeps every other writer out
                self._carried.clear()  # read into ``doc`` by _read, so written now
                return
            self._carried.update(changed)
            self._merge_and_replace(doc)
            self._schedule_rechecks()
        except OSError as exc:
            self._carried.update(changed)
            kept = {key: _answer(entry) for key, entry in changed.items()}
            raise NotSaved(self._failure(exc), kept) from exc

    def _merge_and_replace(self, doc: dict[str, Any]) -> None:
        for _ in range(MERGE_ATTEMPTS):
            disk, identity = self._read_file(reuse=True)
            merged = disk["answers"]
            for key, entry in doc["answers"].items():
                if key not in merged or merged[key]["revision"] < entry["revision"]:
                    merged[key] = entry
            if not self._replace(disk, expected=identity):
                continue  # the file changed since it was read: merge again
            after, _ = self._read_file(with_carried=False, reuse=True)
            if all(key in after["answers"] and after["answers"][key]["revision"] >= entry["revision"]
                   for key, entry in self._carried.items()):
                return
        # Still racing after many rounds: the answers stay carried and go along with the next save.

    def _schedule_rechecks(self) -> None:
        asyncio = sys.modules.get("asyncio")  # an event loop means asyncio is imported; never import it here
        if asyncio is None:
            return  # no event loop (a script): the answers stay carried and go along with the next save
        try:
            loop = asyncio.get_event_loop() if sys.platform == "emscripten" else asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (a script): the answers stay carried and go along with the next save
        for delay in RECHECK_AFTER:
            loop.call_later(delay, self._recheck)

    def _recheck(self) -> None:
        """Write this store's answers again if another writer's late write dropped them (merge mode)."""
        try:
            with self._locked():
                disk, _ = self._read_file(with_carried=False)
                if any(key not in disk["answers"] or disk["answers"][key]["revision"] < entry["revision"]
                       for key, entry in self._carried.items()):
                    self._merge_and_replace(empty_document())  # the file's answers plus the carried ones
        except Exception:  # noqa: BLE001 - a background check must never show a traceback; the next save retries
            return

    def _encode(self, doc: dict[str, Any]) -> bytes:
        """The file's bytes: one answer per line (readable, and fast: no indenting encoder)."""
        try:
            head = [f" {_JSON.encode(key)}: {_JSON.encode(value)}" for key, value in doc.items() if key != "answers"]
            lines = [f"  {_JSON.encode(key)}: {_JSON.encode(entry)}" for key, entry in doc["answers"].items()]
        except (TypeError, ValueError, RecursionError):
            raise StoreError(text("store.not_serialisable", reason=text("store.value_not_data"))) from None
        answers = "{\n" + ",\n".join(lines) + "\n }" if lines else "{}"
        source = "{\n" + ",\n".join([*head, f' "answers": {answers}']) + "\n}\n"
        try:
            data = source.encode("utf-8")
        except UnicodeEncodeError:  # half of an emoji pair: keep the text, mark the spot with U+FFFD
            data = source.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            raise StoreError(text("store.too_large", mb=MAX_FILE_BYTES // (1024 * 1024)))
        return data

    def _replace(self, doc: dict[str, Any], *, expected: Any = _ANY) -> bool:
        """Write ``doc`` to a temp file and move it over the answers file.

        Returns False, changing nothing, when the file is no longer the one with identity ``expected``.
        """
        import tempfile  # only needed when writing

        data = self._encode(doc)
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if expected is not _ANY and self._current_identity() != expected:
                os.unlink(tmp_name)
                return False
            self._move_into_place(tmp_name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        self._parsed = (data, {**doc, "answers": dict(doc["answers"])})
        with contextlib.suppress(OSError, AttributeError):
            dir_fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        return True

    def _move_into_place(self, tmp_name: str) -> None:
        for attempt in range(20):
            try:
                os.replace(tmp_name, self.path)
                return
            except PermissionError:  # Windows: a virus scanner or indexer has the file open for a moment
                if sys.platform != "win32" or attempt == 19:
                    raise
                time.sleep(0.05)  # pragma: no cover - Windows

    def _failure(self, exc: OSError) -> str:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return text("store.disk_full")
        if isinstance(exc, PermissionError) or exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return text("store.read_only", folder=self.folder)
        return text("store.write_failed", reason=_why(exc))


_stores: dict[Path, AnswerStore] = {}


def get_store(folder: Path | None = None) -> AnswerStore:
    """Return the store for ``folder`` (default: :func:`paths.answers_dir`), one per folder."""
    target = (folder or paths.answers_dir()).resolve()
    with _thread_lock:
        if target not in _stores:
            _stores[target] = AnswerStore(target)
        return _stores[target]
