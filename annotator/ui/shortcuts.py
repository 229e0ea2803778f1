"""Shortcuts that work whatever keyboard layout is active.

Digits, Enter, Tab, arrows and function keys are the same on every layout. A shortcut
with a letter (Ctrl+Z) is also bound to the letters the same key gives on the Russian,
Ukrainian and Bulgarian layouts (Ctrl+Я, Ctrl+Ю, Ctrl+З), so it works with any of them.
"""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtGui import QAction, QKeySequence

from annotator.resources import RESOURCES_DIR


@cache
def layouts() -> dict[str, dict[str, str]]:
    data = json.loads((RESOURCES_DIR / "keyboard" / "layouts.json").read_text(encoding="utf-8"))
    return {name: keys for name, keys in data.items() if not name.startswith("_")}


class LayoutShortcuts:
    """Gives actions their shortcuts plus the Cyrillic twins, without clashes.

    The same Cyrillic letter sits on different keys in different layouts (Я is Z on the
    Russian layout and Q on the Bulgarian phonetic one); a twin goes to the first action
    that claims it, taking layouts in the order of the file (Russian first), and a
    letter that is some action's own shortcut is never a twin.
    """

    def __init__(self) -> None:
        self._wanted: list[tuple[QAction, list[str]]] = []

    def assign(self, action: QAction, *shortcuts: str) -> QAction:
        self._wanted.append((action, list(shortcuts)))
        return action

    def forget(self, action: QAction) -> None:
        """Drop an action's shortcuts (one about to go); :meth:`apply` again after."""
        self._wanted = [(a, s) for a, s in self._wanted if a is not action]
        action.setShortcuts([])

    def apply(self) -> None:
        taken = {s.upper() for _, shortcuts in self._wanted for s in shortcuts}
        sequences = {
            id(action): [QKeySequence(s) for s in shortcuts] for action, shortcuts in self._wanted
        }
        for keys in layouts().values():
            for action, shortcuts in self._wanted:
                for shortcut in shortcuts:
                    *modifiers, key = shortcut.split("+")
                    # plain letters too: the stance keys, S for a statement
                    letter = keys.get(key.lower()) if len(key) == 1 else None
                    if not letter:
                        continue
                    twin = "+".join([*modifiers, letter.upper()])
                    if twin.upper() not in taken:
                        taken.add(twin.upper())
                        sequences[id(action)].append(QKeySequence(twin))
        for action, _ in self._wanted:
            action.setShortcuts(sequences[id(action)])
