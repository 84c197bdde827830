"""One way to read and show a moment: every time a student or teacher sees is Dutch wall-clock time.

Answers are stamped with the server's clock and offset; on Binder and school servers that is
UTC. A stamp with an offset is shown in Dutch time (Europe/Amsterdam, summer time included); a
moment without one is taken as wall-clock time already and shown as it is.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import cache
from typing import Any, Literal

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
#: long: "14 maart 2025 om 10:22"; short: "14-03-2025 10:22"; time: "10:22:05".
Style = Literal["long", "short", "time"]


@cache
def dutch_zone() -> tzinfo | None:
    """The Dutch time zone, or None where no time zone data is installed (then offsets stay as saved)."""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover - every supported Python has zoneinfo
        return None
    try:
        return ZoneInfo("Europe/Amsterdam")
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def parse_stamp(value: Any) -> datetime | None:
    """Return an ISO time stamp (or a datetime) as a datetime, or None when it is not one."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def wall_clock(moment: datetime) -> datetime:
    """``moment`` in Dutch time when it carries an offset; a moment without one is already wall-clock time."""
    zone = dutch_zone()
    if moment.tzinfo is None or zone is None:
        return moment
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):  # the year 1 or 9999 at the edge of the calendar
        return moment


def format_moment(value: Any, style: Style = "long") -> str:
    """Show a moment in Dutch: ``14 maart 2025 om 10:22`` (long), ``14-03-2025 10:22`` or ``10:22:05``; '' if none."""
    moment = parse_stamp(value)
    if moment is None:
        return ""
    shown = wall_clock(moment)
    if style == "short":
        return f"{shown.day:02d}-{shown.month:02d}-{shown.year:04d} {shown:%H:%M}"
    if style == "time":
        return f"{shown:%H:%M:%S}"
    return f"{shown.day} {MONTHS[shown.month - 1]} {shown.year} om {shown:%H:%M}"


def now() -> datetime:
    """The current moment with its offset (shown in Dutch time wherever the server runs)."""
    return datetime.now(UTC)
