"""pymorphy3, shared: one analyser per language for every recognizer (each holds its
dictionary in memory, ~15 MB, and takes a moment to load)."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def morph(language: str) -> Any:
    """A pymorphy3 analyser for ``language`` ("ru" or "uk")."""
    from pymorphy3 import MorphAnalyzer

    return MorphAnalyzer(lang=language)
