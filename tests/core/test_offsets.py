"""Code points to UTF-16 units and back, exactly: the one conversion of the project."""

from __future__ import annotations

from annotator.core.offsets import Utf16Offsets


def test_utf16_units_convert_exactly_both_ways() -> None:
    text = "a😀б🇺🇦c"
    units = Utf16Offsets(text)
    assert units.length == len(text.encode("utf-16-le")) // 2 == 9
    for offset in range(len(text) + 1):
        unit = units.to_utf16(offset)
        assert len(text[:offset].encode("utf-16-le")) // 2 == unit
        assert units.from_utf16(unit) == offset
    # the second halves of the three surrogate pairs
    assert [u for u in range(units.length + 1) if units.from_utf16(u) is None] == [2, 5, 7]


def test_text_without_astral_characters_is_the_identity() -> None:
    units = Utf16Offsets("Київ і Варшава")
    assert [units.to_utf16(i) for i in range(5)] == [0, 1, 2, 3, 4]
    assert units.from_utf16(4) == 4
