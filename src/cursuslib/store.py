"""Saving and loading a student's answers: one JSON file, atomic writes, locked updates."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import paths

try:  # POSIX; absent on Windows, where one process is the norm.
    import fcntl
except ImportError:  # pragma: no cover - exercised only off POSIX
    fcntl = None  # type: ignore[assignment]
if fcntl is not None and not hasattr(fcntl, "flock"):  # pragma: no cover - Pyodide (JupyterLite) has fcntl without flock
    fcntl = None  # type: ignore[assignment]

#: Identifies a file as ours (also checked when a student uploads one).
FILE_FORMAT = "klantgesprekken-antwoorden"
#: Version of the answers file layout.
FILE_VERSION = 1
FILE_NAME = "antwoorden.json"

_thread_lock = threading.RLock()


class StoreError(Exception):
    """An answer could not be saved; the message is Dutch and meant for the student."""


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def empty_document() -> dict[str, Any]:
    """Return a new, empty answers document."""
    return {"format": FILE_FORMAT, "version": FILE_VERSION, "answers": {}}


def validate_document(doc: Any) -> str | None:
    """Return a Dutch reason why ``doc`` is not a valid answers document, or None if it is."""
    if not isinstance(doc, dict) or doc.get("format") != FILE_FORMAT:
        return "het is geen antwoordenbestand van deze cursus"
    if doc.get("version") != FILE_VERSION:
        return f"het heeft versie {doc.get('version')!r}; deze cursus leest versie {FILE_VERSION}"
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        return "het onderdeel 'answers' ontbreekt of is geen lijst van antwoorden"
    for key, entry in answers.items():
        if not isinstance(entry, dict) or "value" not in entry:
            return f"het antwoord bij oefening {key!r} is beschadigd"
    return None


#: Largest answers file we read (a real one is far smaller; this guards against wrong uploads).
MAX_FILE_BYTES = 50 * 1024 * 1024


def parse_document(raw: bytes, *, name: str = "dit bestand") -> dict[str, Any]:
    """Parse a downloaded answers file; raise :class:`StoreError` with a Dutch reason if it is not usable."""
    if len(raw) > MAX_FILE_BYTES:
        raise StoreError(f"{name} is te groot ({len(raw) // (1024 * 1024)} MB) voor een antwoordenbestand.")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StoreError(f"{name} is geen tekstbestand; kies het bestand antwoorden.json.") from None
    except (json.JSONDecodeError, RecursionError):
        raise StoreError(f"{name} is beschadigd (geen geldige JSON); kies een ander bestand.") from None
    reason = validate_document(doc)
    if reason:
        raise StoreError(f"{name} kan niet worden gebruikt: {reason}.")
    return doc


@dataclass
class AnswerStore:
    """All answers of one student, kept in ``<folder>/antwoorden.json``.

    Every save re-reads the file under a lock and replaces it atomically, so two
    notebooks or kernels never overwrite each other's answers and a crash leaves
    either the old or the new file. A file that cannot be read is moved aside
    (never overwritten) and a Dutch notice is added to :attr:`notices`.
    """

    folder: Path
    notices: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        """The answers file."""
        return self.folder / FILE_NAME

    @property
    def _lock_path(self) -> Path:
        return self.folder / f".{FILE_NAME}.lock"

    # -- reading -------------------------------------------------------------
    def load(self) -> dict[str, Any]:
        """Return the whole answers document (empty if there is none yet); reading creates nothing."""
        if not self.folder.is_dir():
            return empty_document()
        with self._locked():
            return self._read()

    def get(self, exercise_id: str, default: Any = None) -> Any:
        """Return the saved value for ``exercise_id``, or ``default``."""
        entry = self.load()["answers"].get(exercise_id)
        return default if entry is None else entry["value"]

    def entries(self) -> dict[str, dict[str, Any]]:
        """Return every saved entry (``{"value": ..., "saved_at": ...}``) by exercise id."""
        return self.load()["answers"]

    # -- writing -------------------------------------------------------------
    def save(self, exercise_id: str, value: Any) -> str:
        """Save ``value`` under ``exercise_id`` and return the time stamp it got."""
        return self.save_many({exercise_id: value})

    def save_many(self, values: dict[str, Any]) -> str:
        """Save several answers in one locked, atomic update."""
        stamp = _now()
        try:
            json.dumps(values, ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"Dit antwoord kan niet worden opgeslagen ({exc}).") from exc
        with self._locked():
            doc = self._read()
            for exercise_id, value in values.items():
                doc["answers"][exercise_id] = {"value": value, "saved_at": stamp}
            self._write(doc)
        return stamp

    def replace_all(self, doc: dict[str, Any]) -> None:
        """Replace the whole document (used by restore); ``doc`` must be valid."""
        reason = validate_document(doc)
        if reason:
            raise StoreError(f"Dit bestand kan niet worden gebruikt: {reason}.")
        with self._locked():
            self._read()  # moves a damaged file aside before it is replaced
            self._write(doc)

    # -- internals -----------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with _thread_lock:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"De map voor je antwoorden ({self.folder}) kan niet worden gemaakt: {exc.strerror}."
                ) from exc
            if fcntl is None:
                yield
                return
            with open(self._lock_path, "a+b") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _read(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return empty_document()
        except OSError as exc:
            raise StoreError(f"Je antwoordenbestand {self.path} kan niet worden gelezen: {exc.strerror}.") from exc
        try:
            doc = json.loads(raw.decode("utf-8"))
            reason = validate_document(doc)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            reason = "het is beschadigd (geen geldige JSON)"
        if reason is None:
            return doc
        self._move_aside(reason)
        return empty_document()

    def _move_aside(self, reason: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.path.with_name(f"antwoorden.onleesbaar-{stamp}.json")
        os.replace(self.path, target)
        self.notices.append(
            f"Let op: je antwoordenbestand kon niet worden gelezen ({reason}). "
            f"Het is bewaard als '{target.name}' in de map {self.folder}; er is niets gewist. "
            "Je nieuwe antwoorden komen in een nieuw bestand. Vraag je docent om hulp als je "
            "de oude antwoorden terug wilt."
        )

    def _write(self, doc: dict[str, Any]) -> None:
        import tempfile  # only needed when writing

        data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
        fd, tmp_name = tempfile.mkstemp(prefix=".antwoorden-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        with contextlib.suppress(OSError, AttributeError):
            dir_fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


_stores: dict[Path, AnswerStore] = {}


def get_store(folder: Path | None = None) -> AnswerStore:
    """Return the store for ``folder`` (default: :func:`paths.answers_dir`), one per folder."""
    target = (folder or paths.answers_dir()).resolve()
    with _thread_lock:
        if target not in _stores:
            _stores[target] = AnswerStore(target)
        return _stores[target]
