"""Files around the documents: a student's answers file read with its size checked first, a document written whole.

Everything here may meet a hostile or odd file: a name that is not UTF-8, a device or pipe instead of
a file, 1.5 GB of data, a damaged JSON. Each such case becomes a :class:`FileProblem` with a Dutch
message that names the file and says what to do; nothing is read into memory before its size is
known, and a document is written to a temporary file next to it and renamed when complete, so a
half-written or empty document never replaces a good one.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from ..store import StoreError, parse_document

#: Largest answers file of one student that is read (a real one, with every exercise done, is far below 1 MB).
MAX_ANSWERS_BYTES = 20 * 1024 * 1024
#: Longest reason shown for one file (a hostile file could put megabytes of text into a message).
MAX_REASON = 300

# Dutch words for what the operating system says (its own text, ``strerror``, is English or depends on the system).
_OS_REASONS = {
    errno.ENOENT: "het bestaat niet",
    errno.EACCES: "je hebt geen toestemming",
    errno.EPERM: "je hebt geen toestemming",
    errno.EISDIR: "het is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf mag alleen gelezen worden",
    errno.ELOOP: "het pad bevat te veel snelkoppelingen (symbolische links)",
    errno.EEXIST: "het bestaat al",
    errno.EINVAL: "de naam is ongeldig",
    errno.EIO: "de schijf gaf een lees- of schrijffout",
    errno.EBUSY: "het is in gebruik",
    errno.EMFILE: "er zijn te veel bestanden tegelijk open",
    errno.ENFILE: "er zijn te veel bestanden tegelijk open",
    errno.EFBIG: "het bestand wordt te groot",
    **({errno.EDQUOT: "je schijfruimte (quotum) is op"} if hasattr(errno, "EDQUOT") else {}),
}


class FileProblem(Exception):
    """A file cannot be read or written; the message is Dutch, names the file and says what to do."""


def readable(name: str | os.PathLike[str]) -> str:
    """A path or file name as a person can read it: bytes that are not UTF-8 become '�' (never an error)."""
    text = os.fspath(name)
    try:
        raw = text.encode("utf-8", "surrogateescape")  # the file system's own bytes, as Python decoded them
    except UnicodeEncodeError:  # a lone surrogate that did not come from the file system
        return text.encode("utf-8", "replace").decode("utf-8")
    return raw.decode("utf-8", "replace")


def os_reason(exc: OSError) -> str:
    """What went wrong, in Dutch, for an error of the operating system."""
    return _OS_REASONS.get(exc.errno or 0, f"het systeem meldt foutcode {exc.errno}")


def short(text: str, limit: int = MAX_REASON) -> str:
    """``text`` cut to ``limit`` characters, with '…' where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def kind_of(mode: int) -> str:
    """What a file is, in Dutch ('een map', 'een apparaat' ...), from its ``st_mode``."""
    if stat.S_ISDIR(mode):
        return "een map"
    if stat.S_ISREG(mode):
        return "een bestand"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    if stat.S_ISFIFO(mode):
        return "een pipe"
    if stat.S_ISSOCK(mode):
        return "een socket"
    return "een speciaal bestand"


def _not_a_file(name: str, mode: int) -> FileProblem:
    return FileProblem(f"{name} is {kind_of(mode)}, geen gewoon bestand met antwoorden; vervang het door het "
                       "antwoordenbestand van de student.")


def read_limited(path: Path, *, limit: int, label: str | None = None) -> bytes:
    """The bytes of the regular file ``path``, refused (:class:`FileProblem`) when it is larger than ``limit``.

    The size is checked before anything is read, and the read itself stops after ``limit + 1`` bytes,
    so a file that grows meanwhile cannot fill the memory either; memory is taken for what the file
    holds, not for the limit. ``label`` names the file in messages.
    """
    name = label if label is not None else readable(path)
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):  # checked before opening: opening a pipe or a device can hang
            raise _not_a_file(name, before.st_mode)
        # O_NONBLOCK: if the file was swapped for a pipe after the check, opening it does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            raise FileProblem(f"{name} is een snelkoppeling naar een bestand dat niet (meer) bestaat; vervang het door "
                              "het antwoordenbestand van de student.") from None
        raise FileProblem(f"{name} kan niet worden gelezen: {os_reason(exc)}. Controleer de naam en de map.") from None
    except ValueError:  # a name with a NUL character
        raise FileProblem(f"{name} kan niet worden gelezen: de naam bevat een ongeldig teken.") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _not_a_file(name, info.st_mode)
        if info.st_size > limit:
            raise FileProblem(f"{name} is te groot voor een antwoordenbestand ({_megabytes(info.st_size)}; "
                              f"de grens is {_megabytes(limit)}). Het is niet gelezen; kijk of het wel het goede "
                              "bestand is.")
        chunks: list[bytes] = []
        total, step = 0, info.st_size + 1  # not read(limit + 1): that reserves the whole limit for every file
        try:
            while total <= limit:
                chunk = handle.read(min(step, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total, step = total + len(chunk), 1024 * 1024
        except OSError as exc:
            raise FileProblem(f"{name} kan niet worden gelezen: {os_reason(exc)}.") from None
    data = b"".join(chunks)
    if len(data) > limit:  # it grew after the check
        raise FileProblem(f"{name} is te groot voor een antwoordenbestand (meer dan {_megabytes(limit)}). "
                          "Het is niet gelezen; kijk of het wel het goede bestand is.")
    return data


def read_answers(path: Path, *, label: str | None = None, limit: int = MAX_ANSWERS_BYTES) -> dict[str, Any]:
    """One student's answers document from ``path``; a :class:`FileProblem` with a Dutch reason if it cannot be used.

    A UTF-8 byte order mark (written by Notepad and some other editors) is allowed.
    """
    name = label if label is not None else readable(path)
    raw = read_limited(path, limit=limit, label=name)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if not raw.strip():
        raise FileProblem(f"{name} kan niet worden gebruikt: het is leeg. Vraag de student het bestand opnieuw te "
                          "downloaden.")
    try:
        return parse_document(raw, name=name)
    except StoreError as exc:  # parse_document also turns deep nesting and huge numbers into a StoreError
        raise FileProblem(short(str(exc))) from None


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all; a :class:`FileProblem` with a Dutch reason on failure.

    The text goes to a temporary file in the same folder, which replaces ``path`` only when it is
    complete; on any failure the temporary file is removed and an existing ``path`` is left as it was.
    A symbolic link at ``path`` stays a link: the file it points to is replaced.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    data = text.encode("utf-8", "replace")  # a stray lone surrogate becomes '?' rather than stopping the document
    temporary = target.parent / f".cursus-{secrets.token_hex(6)}.tmp"  # short: the target's name may be at the limit
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise FileProblem(f"{readable(path)} kan niet worden geschreven: {os_reason(exc)}. "
                          f"Kies een map waarin je mag schrijven.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):  # keep the permissions of a document that is replaced
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise FileProblem(f"{readable(path)} kan niet worden geschreven: {os_reason(exc)}. Er is niets veranderd "
                          "aan een bestand dat er al stond.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
