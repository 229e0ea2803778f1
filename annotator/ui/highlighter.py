"""Entities and suggestions drawn in their label colours, one paragraph at a time.

Looks each paragraph's marks up in the session's span index (a bisect), and formats
only those characters: the text's own undo stack and contents are never touched.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.session import Session
from annotator.ui.offsets import Utf16Offsets


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, session: Session) -> None:
        super().__init__(document)
        self.session = session
        self.offsets = Utf16Offsets("")
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}

    def reset(self, offsets: Utf16Offsets) -> None:
        self.offsets = offsets
        self._formats.clear()

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
        first = block.position()
        last = first + block.length()
        offsets = self.offsets
        marks = self.session.index.touching(offsets.from_qt(first), offsets.from_qt(last))
        # outer marks first, so nested ones are drawn over them; entities over suggestions
        for mark in sorted(marks, key=lambda m: (not m.suggestion, m.start, -m.end)):
            start = max(offsets.to_qt(mark.start), first) - first
            end = min(offsets.to_qt(mark.end), last) - first
            if end > start:
                self.setFormat(start, end - start, self.format_for(mark.label, mark.suggestion))

    def redraw(self, start: int, end: int) -> None:
        """Re-highlight the paragraphs holding code points ``[start, end)``."""
        document = self.document()
        block = document.findBlock(self.offsets.to_qt(start))
        stop = self.offsets.to_qt(end)
        while block.isValid() and block.position() <= stop:
            self.rehighlightBlock(block)
            block = block.next()
