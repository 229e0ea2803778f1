"""A minimal observer for the pure model: views subscribe, the model emits.

The model layers stay free of Qt (as napari keeps its models): the window connects Qt
slots to these events, tests connect plain functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Event:
    """Something that happens to a model; ``connect`` a callback, ``emit`` to call them all."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._callbacks):
            callback(*args)
