"""Precision, recall and F1 of suggestions against what annotators kept, matched by overlap."""

from __future__ import annotations

import pytest

from annotator.core.model import SpanDraft
from annotator.core.quality import ALL, Counts, Scores, score


def test_a_suggestion_overlapping_an_entity_with_its_label_is_right() -> None:
    # "the Foreign Ministry" suggested, "Foreign Ministry" kept: a hit on both sides.
    scores = score([([SpanDraft(4, 20, "ORG")], [SpanDraft(0, 20, "ORG")])])
    assert (scores.total.right, scores.total.suggested) == (1, 1)
    assert (scores.total.found, scores.total.entities) == (1, 1)
    assert scores.total.f1 == 1.0


def test_overlap_with_another_label_is_a_miss_and_a_false_alarm() -> None:
    scores = score([([SpanDraft(0, 5, "GPE")], [SpanDraft(0, 5, "LOC")])])
    assert (scores.total.right, scores.total.found) == (0, 0)
    assert scores.counts("LOC").suggested == 1
    assert scores.counts("GPE").entities == 1
    assert scores.total.precision == scores.total.recall == scores.total.f1 == 0.0


def test_touching_spans_do_not_overlap() -> None:
    scores = score([([SpanDraft(0, 5, "PER")], [SpanDraft(5, 10, "PER")])])
    assert (scores.total.right, scores.total.found) == (0, 0)


def test_one_long_suggestion_over_two_entities_is_one_right_and_two_found() -> None:
    entities = [SpanDraft(0, 5, "GPE"), SpanDraft(10, 16, "GPE")]
    scores = score([(entities, [SpanDraft(0, 16, "GPE")])])
    total = scores.total
    assert (total.right, total.suggested, total.found, total.entities) == (1, 1, 2, 2)
    assert (total.precision, total.recall) == (1.0, 1.0)


def test_counts_per_label_and_over_all() -> None:
    entities = [SpanDraft(0, 5, "PER"), SpanDraft(10, 15, "PER"), SpanDraft(20, 25, "ORG")]
    suggestions = [SpanDraft(0, 5, "PER"), SpanDraft(20, 25, "ORG"), SpanDraft(30, 35, "ORG")]
    scores = score([(entities, suggestions)])
    per = scores.counts("PER")
    org = scores.counts("ORG")
    assert (per.right, per.suggested, per.found, per.entities) == (1, 1, 1, 2)
    assert (org.right, org.suggested, org.found, org.entities) == (1, 2, 1, 1)
    assert scores.total is scores.by_label[ALL]
    assert (scores.total.right, scores.total.suggested) == (2, 3)
    assert (scores.total.found, scores.total.entities) == (2, 3)
    assert scores.total.precision == pytest.approx(2 / 3)
    assert scores.total.recall == pytest.approx(2 / 3)
    assert per.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_empty_sides_give_zero_not_an_error() -> None:
    assert Counts().precision == Counts().recall == Counts().f1 == 0.0
    assert Scores().total.f1 == 0.0
    nothing_suggested = score([([SpanDraft(0, 3, "PER")], [])])
    assert nothing_suggested.total.precision == 0.0
    assert nothing_suggested.total.recall == 0.0


def test_articles_add_up_and_merge_sums_counts() -> None:
    one = score([([SpanDraft(0, 5, "PER")], [SpanDraft(0, 5, "PER")])])
    two = score([([SpanDraft(0, 5, "ORG")], [SpanDraft(0, 5, "PER")])])
    both = score(
        [
            ([SpanDraft(0, 5, "PER")], [SpanDraft(0, 5, "PER")]),
            ([SpanDraft(0, 5, "ORG")], [SpanDraft(0, 5, "PER")]),
        ]
    )
    one.merge(two)
    assert one.as_dict() == both.as_dict()
    assert one.counts("PER").suggested == 2
    assert one.counts("ORG").entities == 1
    assert one.total.precision == 0.5


def test_as_dict_and_from_dict_round_trip() -> None:
    scores = score(
        [
            (
                [SpanDraft(0, 5, "PER"), SpanDraft(10, 15, "ORG"), SpanDraft(20, 25, "ORG")],
                [SpanDraft(0, 5, "PER"), SpanDraft(10, 15, "ORG"), SpanDraft(40, 45, "GPE")],
            )
        ]
    )
    data = scores.as_dict()
    assert set(data) == {ALL, "GPE", "ORG", "PER"}
    assert data[ALL] == {
        "precision": round(2 / 3, 4),
        "recall": round(2 / 3, 4),
        "f1": round(2 / 3, 4),
        "suggested": 3,
        "entities": 3,
        "right": 2,
        "found": 2,
    }
    again = Scores.from_dict(data)
    assert again.as_dict() == data
    for label, counts in scores.by_label.items():
        assert again.counts(label) == counts
