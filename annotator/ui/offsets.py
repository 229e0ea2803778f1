"""Qt's cursor positions are UTF-16 units: the view converts through here, at its edge."""

from __future__ import annotations

from annotator.core.offsets import Utf16Offsets as _Utf16Offsets


class Utf16Offsets(_Utf16Offsets):
    def to_qt(self, offset: int) -> int:
        return self.to_utf16(offset)

    def from_qt(self, position: int) -> int:
        found = self.from_utf16(position)
        # Qt never puts the cursor inside a surrogate pair; if asked, take the pair's start
        return found if found is not None else self.from_utf16(position - 1) or 0
