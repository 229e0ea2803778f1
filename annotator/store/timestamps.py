from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    """The time of an edit: UTC, ISO 8601, milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")
