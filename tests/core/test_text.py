from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text import (
    OffsetsChanged,
    content_hash,
    normalize_text,
    normalize_with_offsets,
    title_of,
)


def test_newlines_become_line_feeds() -> None:
    assert normalize_text("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_decomposed_letters_are_composed() -> None:
    decomposed = "и\u0306 and e\u0301"  # й and é typed with combining marks
    assert normalize_text(decomposed) == "й and é"


def test_nothing_else_changes() -> None:
    text = "  «Цитата» — “quote” \t 👍 \u00a0x  \n\n"
    assert normalize_text(text) == text


def test_same_text_same_identity() -> None:
    assert content_hash(normalize_text("Київ\r\n")) == content_hash(normalize_text("Київ\n"))
    assert content_hash("Київ") != content_hash("Киев")


def test_title_is_first_non_empty_line() -> None:
    assert title_of("\n\n  Заголовок  \nтекст") == "Заголовок"
    assert title_of("x" * 500).endswith("…")


def test_the_title_skips_what_a_web_page_had_above_the_headline() -> None:
    page = (
        "icon bookmark-bicon " + "chevron downicon " * 20 + "\n"
        "4 Aug, 2022 18:44\n\n"
        "Новости / Политика / Молдавия\n"
        "Russia comments on Nagorno-Karabakh escalation\n\n"
        "Armenia and Azerbaijan should return to the negotiating table, Moscow insists."
    )
    assert title_of(page) == "Russia comments on Nagorno-Karabakh escalation"
    assert title_of("Поделиться\nВКонтакте") == "Поделиться"  # nothing reads like one


def test_offsets_follow_removed_carriage_returns() -> None:
    text = "Мир\r\nТокио заявил"
    normalized, (start, end) = normalize_with_offsets(text, [5, 10])
    assert normalized[start:end] == "Токио"


def test_a_boundary_inside_a_crlf_is_refused() -> None:
    with pytest.raises(OffsetsChanged):
        normalize_with_offsets("a\r\nb", [2, 4])


_pieces = st.lists(
    st.sampled_from(["Киев", " ", "\r\n", "a\rb", "e\u0301", "й", "👍🏽", "Ґ", "x", "\n"]),
    min_size=1,
    max_size=30,
)


@given(_pieces, st.data())
def test_spans_keep_their_text_through_normalisation(pieces: list[str], data) -> None:
    text = "".join(pieces)
    # spans that start and end between the pieces above never split what NFC joins
    cuts = [sum(len(p) for p in pieces[:i]) for i in range(len(pieces) + 1)]
    a = data.draw(st.sampled_from(cuts[:-1]))
    b = data.draw(st.sampled_from([c for c in cuts if c > a]))
    normalized, (start, end) = normalize_with_offsets(text, [a, b])
    assert normalized == normalize_text(text)
    assert normalized[start:end] == normalize_text(text[a:b])
    assert unicodedata.is_normalized("NFC", normalized)
