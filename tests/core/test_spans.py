from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.spans import Mark, SpanIndex


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)), max_size=60),
       st.integers(0, 240), st.integers(1, 50))  # fmt: skip
def test_touching_finds_exactly_the_overlapping_marks(spans, start, length) -> None:
    marks = [Mark(i, s, s + n, "PER", suggestion=i % 3 == 0) for i, (s, n) in enumerate(spans)]
    random.shuffle(marks)
    index = SpanIndex(marks)
    end = start + length
    expected = sorted((m for m in marks if m.start < end and m.end > start), key=lambda m: m.key)
    assert index.touching(start, end) == expected


def test_walking_marks_in_order() -> None:
    index = SpanIndex([Mark(2, 30, 35, "LOC"), Mark(1, 0, 5, "PER"), Mark(3, 10, 12, "ORG", True)])
    first = index.after(None)
    assert first is not None and first.id == 1
    second = index.after(first)
    assert second is not None and second.id == 3
    assert index.before(second) == first
    assert index.before(None, offset=30) == second
    assert index.after(None, offset=11).id == 2
    index.remove(second)
    assert index.after(first).id == 2
    index.add(Mark(4, 11, 40, "GPE"))
    assert [m.id for m in index.at(31)] == [2, 4]
