"""Code points (our offsets) to UTF-16 code units (Qt's and JavaScript's) and back.

This is the one implementation of the conversion. Qt's cursor positions and the offsets
web tools (doccano, old Label Studio) write count a character outside the Basic
Multilingual Plane (an emoji) as two units; Python counts one. Mixing them up shifts
every span after the first emoji: the most reported bug of web annotation tools.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Converts the offsets of one text; O(log k) for k astral characters, O(1) if none."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # where each astral character starts and ends, in units
        self._starts = [cp + i for i, cp in enumerate(self._astral)]
        self._ends = [start + 2 for start in self._starts]
        self.length = len(text) + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset) if self._astral else offset

    def from_utf16(self, units: int) -> int | None:
        """The code point offset of ``units``; None between the two halves of a pair (no
        character starts there, so a span that says so is broken, not shifted)."""
        if not self._astral:
            return units
        passed = bisect_right(self._ends, units)
        if passed < len(self._starts) and self._starts[passed] < units:
            return None
        return units - passed
