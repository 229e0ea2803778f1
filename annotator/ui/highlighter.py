"""Entities and suggestions drawn in their label colours, one paragraph at a time.

Looks each paragraph's marks up in the session's span index (a bisect) and formats only
those characters: the text's own undo stack and contents are never touched. A newly
opened article is highlighted lazily: the paragraphs on screen at once, the rest in
small batches while the window is idle, so a long article opens about as fast as its
bare text and the window never freezes.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

from annotator.core.session import Session
from annotator.ui.offsets import Utf16Offsets

IDLE_BATCH = 200  # paragraphs highlighted per idle step


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, session: Session) -> None:
        super().__init__(document)
        self.session = session
        self.offsets = Utf16Offsets("")
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}
        self._done: set[int] = set()  # numbers of the paragraphs highlighted
        self._lazy = False
        self._forced = False
        self._next = 0
        self._idle = QTimer(self, interval=0)
        self._idle.timeout.connect(self._idle_step)
        # the first frame (the paragraphs on screen) comes before any background work
        self._idle_later = QTimer(self, interval=100, singleShot=True)
        self._idle_later.timeout.connect(self._idle.start)

    def reset(self, offsets: Utf16Offsets, *, lazy: bool = False) -> None:
        """Forget formats and progress; with ``lazy`` the next text is highlighted on
        demand (:meth:`ensure`) and in idle time."""
        self.offsets = offsets
        self._formats.clear()
        self._done.clear()
        self._lazy = lazy
        self._next = 0
        self._idle.stop()
        if lazy:
            self._idle_later.start()
        else:
            self._idle_later.stop()

    @property
    def complete(self) -> bool:
        return not self._lazy

    def format_for(self, label: str, suggestion: bool) -> QTextCharFormat:
        key = (label, suggestion)
        found = self._formats.get(key)
        if found is None:
            color = QColor(self.session.color_of(label))
            found = QTextCharFormat()
            if suggestion:
                # not yet taken: a pale tint and a dashed underline (the view adds an outline)
                tint = QColor(color)
                tint.setAlpha(70)
                found.setBackground(tint)
                found.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                found.setUnderlineColor(color.darker(160))
            else:
                found.setBackground(color)
            self._formats[key] = found
        return found

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        if self._lazy and not self._forced:
            return  # drawn when it comes on screen, or in idle time
        self._done.add(block.blockNumber())
        first = block.position()
        last = first + block.length()
        offsets = self.offsets
        marks = self.session.marks_touching(offsets.from_qt(first), offsets.from_qt(last))
        if not marks:
            return
        # outer marks first, so nested ones are drawn over them; entities over suggestions
        for mark in sorted(marks, key=lambda m: (not m.suggestion, m.start, -m.end)):
            start = max(offsets.to_qt(mark.start), first) - first
            end = min(offsets.to_qt(mark.end), last) - first
            if end > start:
                self.setFormat(start, end - start, self.format_for(mark.label, mark.suggestion))

    def _highlight(self, block: QTextBlock) -> None:
        self._forced = True
        try:
            self.rehighlightBlock(block)
        finally:
            self._forced = False

    def ensure(self, first: QTextBlock, count: int) -> bool:
        """Highlight ``count`` paragraphs from ``first`` if not yet done; True if any was."""
        if not self._lazy:
            return False
        changed = False
        block = first
        for _ in range(count):
            if not block.isValid():
                break
            if block.blockNumber() not in self._done:
                self._highlight(block)
                changed = True
            block = block.next()
        return changed

    def _idle_step(self) -> None:
        document = self.document()
        total = document.blockCount()
        block = document.findBlockByNumber(self._next)
        steps = 0
        while block.isValid() and steps < IDLE_BATCH:
            if block.blockNumber() not in self._done:
                self._highlight(block)
                steps += 1
            block = block.next()
        self._next = block.blockNumber() if block.isValid() else total
        if self._next >= total:
            self._idle.stop()
            self._lazy = False

    def redraw(self, start: int, end: int) -> None:
        """Re-highlight the paragraphs holding code points ``[start, end)``."""
        document = self.document()
        block = document.findBlock(self.offsets.to_qt(start))
        stop = self.offsets.to_qt(end)
        while block.isValid() and block.position() <= stop:
            self._highlight(block)
            block = block.next()
