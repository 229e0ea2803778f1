"""A sorted index of an article's spans, for drawing and for walking them from the keys.

The article view asks it for the spans of one paragraph at a time (a bisect, not a scan),
so a long article with tens of thousands of entities draws as fast as a short one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from operator import attrgetter
from typing import NamedTuple


class Mark(NamedTuple):
    """A span as the view sees it: an entity (``suggestion`` False) or a suggestion.

    A tuple, because an article can have tens of thousands and they are made on every open.
    ``suggestion`` may be 0 or 1 as read from the project; it is compared as a truth value.
    """

    id: int
    start: int
    end: int
    label: str
    suggestion: bool = False

    @property
    def key(self) -> tuple[int, int, bool, int]:
        return (self.start, self.end, self.suggestion, self.id)


_KEY = attrgetter("start", "end", "suggestion", "id")


class SpanIndex:
    """Marks sorted by start; finds those touching a range in O(log n + k)."""

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        self._marks = sorted(marks, key=_KEY)
        self._keys = list(map(_KEY, self._marks))
        self._longest = max((m.end - m.start for m in self._marks), default=0)

    def __len__(self) -> int:
        return len(self._marks)

    def __iter__(self) -> Iterator[Mark]:
        return iter(self._marks)

    def add(self, mark: Mark) -> None:
        position = bisect_left(self._keys, mark.key)
        self._keys.insert(position, mark.key)
        self._marks.insert(position, mark)
        self._longest = max(self._longest, mark.end - mark.start)

    def remove(self, mark: Mark) -> None:
        position = bisect_left(self._keys, mark.key)
        if position < len(self._keys) and self._keys[position] == mark.key:
            del self._keys[position]
            del self._marks[position]

    def find(self, id_: int, *, suggestion: bool = False) -> Mark | None:
        return next((m for m in self._marks if m.id == id_ and m.suggestion == suggestion), None)

    def touching(self, start: int, end: int) -> list[Mark]:
        """Marks that overlap ``[start, end)``, in order."""
        first = bisect_left(self._keys, (start - self._longest,))
        found = []
        for position in range(first, len(self._marks)):
            mark = self._marks[position]
            if mark.start >= end:
                break
            if mark.end > start:
                found.append(mark)
        return found

    def at(self, offset: int) -> list[Mark]:
        """Marks covering the character at ``offset``, shortest first."""
        return sorted(
            self.touching(offset, offset + 1), key=lambda m: (m.end - m.start, m.suggestion)
        )

    def after(self, mark: Mark | None, *, offset: int = 0) -> Mark | None:
        """The mark following ``mark`` (or the first starting at or after ``offset``)."""
        if mark is None:
            position = bisect_left(self._keys, (offset,))
        else:
            position = bisect_left(self._keys, mark.key) + 1
        return self._marks[position] if position < len(self._marks) else None

    def before(self, mark: Mark | None, *, offset: int | None = None) -> Mark | None:
        if mark is None:
            end = len(self._marks) if offset is None else bisect_left(self._keys, (offset,))
            position = end - 1
        else:
            position = bisect_left(self._keys, mark.key) - 1
        return self._marks[position] if position >= 0 else None


def overlapping_entities(
    index: SpanIndex, start: int, end: int, *, ignore: int | None = None
) -> list[Mark]:
    """Entities (not suggestions) that overlap ``[start, end)``, other than ``ignore``."""
    return [m for m in index.touching(start, end) if not m.suggestion and m.id != ignore]
