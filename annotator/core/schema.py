"""The label schema: entity labels, stance values and statement types.

A project keeps its own copy; new projects start from ``resources/schema/default.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import Label
from annotator.resources import DEFAULT_SCHEMA


@dataclass(frozen=True, slots=True)
class SchemaValue:
    """A stance value or a statement type."""

    name: str
    key: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class LabelSchema:
    labels: tuple[Label, ...]
    stances: tuple[SchemaValue, ...]
    statement_types: tuple[SchemaValue, ...]

    @classmethod
    def from_dict(cls, data: dict) -> LabelSchema:
        return cls(
            labels=tuple(Label(**item) for item in data.get("labels", ())),
            stances=tuple(SchemaValue(**item) for item in data.get("stances", ())),
            statement_types=tuple(SchemaValue(**item) for item in data.get("statement_types", ())),
        )

    @classmethod
    def load(cls, path: Path = DEFAULT_SCHEMA) -> LabelSchema:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


# Distinct, readable on white, in the order new labels get them.
PALETTE = (
    "#f4a3a3", "#9ec5fe", "#a3e4a3", "#ffd27f", "#d4b3ff",
    "#8fe3e0", "#f7b6e0", "#c9d98c", "#ffb38a", "#b8c4d6",
)  # fmt: skip


def color_for(index: int) -> str:
    return PALETTE[index % len(PALETTE)]
