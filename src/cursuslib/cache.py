"""A cache of what was read from a YAML file (parsed and checked), so a lesson's first cell does not parse YAML again.

The YAML files stay the source of truth. An entry keeps the exact bytes of the file it was made
from and a fingerprint of cursuslib's own files (the name, size and date of every module and text
catalogue, so also a new version); it is used only when both are equal now, so a changed file or a changed
cursuslib is read from YAML again. Anything wrong with an entry (missing, unreadable, damaged,
another format, not the user's own) means: no cache. Saving is best effort and silent, so a
read-only or missing folder only makes loading slower.

A built package (the JupyterLite site's wheel, see ``lite/build.py``) carries :data:`BUILD_FILE`, a digest of
all its files made when it was built: its fingerprint is that digest instead of file dates, which change
at every install. Such a package may also ship ready entries in :data:`SHIPPED_DIR` (made at build time
by the same Python, for the course files the site serves); they are read, never written, when the
user's folder has no entry, so a browser kernel that starts with an empty home needs no YAML at all.

The folder is ``$CURSUSLIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/cursuslib``, else
``~/.cache/cursuslib``; an empty ``CURSUSLIB_CACHE_DIR`` turns the cache off.
"""

from __future__ import annotations

import binascii
import contextlib
import functools
import os
import pickle
import sys
from pathlib import Path
from typing import Any

#: Environment variable with the cache folder (empty: no cache).
CACHE_ENV = "CURSUSLIB_CACHE_DIR"
#: Changes when the layout of an entry changes.
FORMAT = 1
#: Entries kept at most (one per exercises folder and catalogue); the oldest go first (tests make many folders).
MAX_ENTRIES = 32
PACKAGE_DIR = Path(__file__).resolve().parent
#: In a built package: the digest of all its files (absent in a source checkout).
BUILD_FILE = PACKAGE_DIR / "BUILD_DIGEST"
#: In a built package: entries made at build time for the course it is built with (read only).
SHIPPED_DIR = PACKAGE_DIR / "_cache"


def folder() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    try:
        return (Path(base) if base else Path.home() / ".cache") / "cursuslib"
    except RuntimeError:  # no home folder to be found
        return None


@functools.cache
def code_fingerprint() -> str:
    """Python's version, where cursuslib is and the name, size and date of its modules and catalogues (so also its
    version), or a built package's digest of its files: what a check depends on."""
    parts = [str(FORMAT), sys.version, str(PACKAGE_DIR)]
    with contextlib.suppress(OSError, UnicodeDecodeError):
        return "|".join([*parts, "build:" + BUILD_FILE.read_text(encoding="ascii").strip()])
    for root, dirs, files in os.walk(PACKAGE_DIR):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".json")):
                info = os.stat(os.path.join(root, name))
                parts.append(f"{root[len(str(PACKAGE_DIR)):]}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)  # kept whole in every entry: compared exactly, a few kB


def entry_name(kind: str, source: Path) -> str:
    """One entry per file: ``<kind>-<file name>-<checksum of its full path>.pickle``."""
    where = str(source.resolve())
    return f"{kind}-{source.stem}-{binascii.crc32(where.encode()):08x}.pickle"


def _entry_path(kind: str, source: Path) -> Path | None:
    place = folder()
    return None if place is None else place / entry_name(kind, source)


def _own(handle: Any) -> bool:
    """True unless the entry belongs to someone else or others may write it (then it is not loaded)."""
    if not hasattr(os, "getuid"):
        return True
    info = os.fstat(handle.fileno())
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def load(kind: str, source: Path, data: bytes, context: str = "") -> Any | None:
    """What :func:`save` kept for ``source`` when its bytes were exactly ``data``; None when there is no such entry.

    ``context`` is anything else the value depends on (such as the name the file is shown under).
    """
    path = _entry_path(kind, source)
    if path is None:
        return None
    found = _read(path, data, context, own=True)
    if found is None and SHIPPED_DIR.is_dir():  # rare: only a built package has it
        found = _read(SHIPPED_DIR / path.name, data, context, own=False)
    return found


def _read(path: Path, data: bytes, context: str, *, own: bool) -> Any | None:
    """The value of the entry at ``path`` if it was made for exactly ``data``, ``context`` and this cursuslib."""
    try:
        with path.open("rb") as handle:
            if own and not _own(handle):
                return None
            entry = pickle.load(handle)  # noqa: S301 - the user's own file (save() below) or one of the package's
        kept_format, fingerprint, kept_context, kept_data, value = entry
        if (kept_format, fingerprint, kept_context, kept_data) != (FORMAT, code_fingerprint(), context, data):
            return None
        return pickle.loads(value)  # noqa: S301 - as above
    except Exception:  # noqa: BLE001 - any damage, an old format or a class that moved: read the YAML instead
        return None


def save(kind: str, source: Path, data: bytes, value: Any, context: str = "") -> None:
    """Keep ``value`` for ``source`` with bytes ``data`` (best effort: any problem just means no cache)."""
    path = _entry_path(kind, source)
    if path is None:
        return
    try:
        value_bytes = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)  # unpickled only when the rest matches
        entry = pickle.dumps((FORMAT, code_fingerprint(), context, data, value_bytes), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(temporary, flags, 0o600)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(entry)
            os.replace(temporary, path)  # whole or not at all: a reader never sees half an entry
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(path.parent)
    except Exception:  # noqa: BLE001 - read-only, full, missing or odd folder: work without the cache
        return


def _prune(place: Path) -> None:
    """Remove the oldest entries beyond :data:`MAX_ENTRIES` (only when saving, which is rare)."""
    found = []
    for entry in place.glob("*.pickle"):
        with contextlib.suppress(OSError):
            found.append((entry.stat().st_mtime_ns, entry))
    for _, entry in sorted(found)[:-MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            entry.unlink()

