"""Code points (the project's offsets) to UTF-16 units (Qt's cursor positions) and back.

This is the one place where the two meet. Qt counts a character outside the Basic
Multilingual Plane (an emoji, say) as two units; Python as one. Mixing them up shifts
every span after the first emoji: the most reported bug of web annotation tools.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Converts offsets of one text; O(log k) for k astral characters, O(1) when none."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # where each astral character ends, in UTF-16 units
        self._ends = [cp + i + 2 for i, cp in enumerate(self._astral)]
        self.length = len(text) + len(self._astral)

    def to_qt(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        if not self._astral:
            return position
        return position - bisect_right(self._ends, position)
