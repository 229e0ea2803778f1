"""How good suggestions are against what annotators kept: precision, recall and F1.

Matching is by overlap: a suggestion is right when it overlaps an annotator's entity with
the same label, and an annotator's entity is found when a suggestion with its label
overlaps it. Annotators often widen or narrow a suggested span by a word ("the Foreign
Ministry" / "Foreign Ministry"); overlap counts those as found, as a user judging "did it
highlight the right thing" would. Exact matching would call each of them one miss and
one false alarm.

Precision and recall are counted on their own sides (suggestions right / suggestions,
entities found / entities), so one long suggestion covering two entities is one right
suggestion and two found entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

ALL = "*"
"""The label under which the figures of all labels together are kept."""


class Marked(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...


@dataclass(slots=True)
class Counts:
    right: int = 0
    """Suggestions that overlap an entity with their label."""
    suggested: int = 0
    found: int = 0
    """Entities that a suggestion with their label overlaps."""
    entities: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.entities if self.entities else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.right += other.right
        self.suggested += other.suggested
        self.found += other.found
        self.entities += other.entities

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "suggested": self.suggested,
            "entities": self.entities,
            "right": self.right,
            "found": self.found,
        }


@dataclass(slots=True)
class Scores:
    """Counts per label, and over all labels under :data:`ALL`."""

    by_label: dict[str, Counts] = field(default_factory=dict)

    def counts(self, label: str) -> Counts:
        return self.by_label.setdefault(label, Counts())

    @property
    def total(self) -> Counts:
        return self.by_label.get(ALL, Counts())

    def add_document(self, entities: Sequence[Marked], suggestions: Sequence[Marked]) -> None:
        """Count one article: its annotators' entities against the suggestions made for it."""
        overall = self.counts(ALL)
        for suggestion in suggestions:
            right = any(_overlap(suggestion, e) and e.label == suggestion.label for e in entities)
            for counts in (self.counts(suggestion.label), overall):
                counts.suggested += 1
                counts.right += right
        for entity in entities:
            found = any(_overlap(entity, s) and s.label == entity.label for s in suggestions)
            for counts in (self.counts(entity.label), overall):
                counts.entities += 1
                counts.found += found

    def merge(self, other: Scores) -> None:
        for label, counts in other.by_label.items():
            self.counts(label).add(counts)

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {label: counts.as_dict() for label, counts in sorted(self.by_label.items())}

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, float | int]]) -> Scores:
        """Figures as :meth:`as_dict` wrote them (older ones without counts: from rates)."""
        scores = cls()
        for label, row in data.items():
            suggested, entities = int(row["suggested"]), int(row["entities"])
            scores.by_label[label] = Counts(
                right=int(row.get("right", round(float(row["precision"]) * suggested))),
                suggested=suggested,
                found=int(row.get("found", round(float(row["recall"]) * entities))),
                entities=entities,
            )
        return scores


def score(documents: Iterable[tuple[Sequence[Marked], Sequence[Marked]]]) -> Scores:
    """Scores over articles given as (entities, suggestions) pairs."""
    scores = Scores()
    for entities, suggestions in documents:
        scores.add_document(entities, suggestions)
    return scores


def _overlap(a: Marked, b: Marked) -> bool:
    return a.start < b.end and b.start < a.end
