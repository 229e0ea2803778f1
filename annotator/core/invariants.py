"""The data rules every write obeys. Checked before anything touches the project."""

from __future__ import annotations

from collections.abc import Collection

from annotator.core.errors import InvariantError
from annotator.i18n import _


def check_offsets(text_length: int, start: int, end: int) -> None:
    """Offsets are code points with ``0 <= start < end <= len(text)``."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise InvariantError(_("span offsets must be whole numbers"))
    if start < 0 or end > text_length or start >= end:
        raise InvariantError(
            _("span {start}–{end} does not fit the article (0–{length}, start before end)").format(
                start=start, end=end, length=text_length
            )
        )


def check_label(label: str, labels: Collection[str]) -> None:
    if label not in labels:
        raise InvariantError(
            _("label {label!r} is not in the project's schema ({known})").format(
                label=label, known=", ".join(sorted(labels)) or "-"
            )
        )


def check_span(text_length: int, start: int, end: int, label: str, labels: Collection[str]) -> None:
    check_offsets(text_length, start, end)
    check_label(label, labels)
