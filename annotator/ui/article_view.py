"""The article: read-only text, entities in their colours, edited from the keyboard.

The view turns keys and mouse gestures into requests (signals) that the edit controller
carries out; it never changes the project itself. Keys are digits, Enter, Tab, Delete,
arrows and function keys only: they are the same on Latin and Cyrillic layouts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlock,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Document
from annotator.core.session import Session
from annotator.core.spans import Mark
from annotator.i18n import _
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.offsets import Utf16Offsets

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
FIRST_SCREEN_BLOCKS = 60


class ArticleView(QPlainTextEdit):
    label_requested = Signal(int)  # the label key 1–9 pressed
    delete_requested = Signal()
    accept_requested = Signal()
    boundary_requested = Signal(str, int)  # "start" or "end", -1 or +1 token
    boundary_dragged = Signal(object, int, int)  # mark, new start, new end (code points)
    mark_clicked = Signal(object)  # the entity or suggestion clicked

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.offsets = Utf16Offsets("")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        # a see-through selection, so the label colours of a selected entity still show
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(40, 110, 220, 70))
        palette.setColor(QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text))
        self.setPalette(palette)
        self.highlighter = SpanHighlighter(self.document(), session)
        self._drag: tuple[Mark, str] | None = None
        self.decorations: Callable[[], list[tuple[int, int, str, str]]] = list
        """(start, end, kind, colour) drawn over the text: the selected statement's parts;
        kind is "underline", "box" or "dashed"."""
        self._drag_to: int | None = None
        session.document_opened.connect(self.show_document)
        session.marks_changed.connect(self.redraw)
        session.selection_changed.connect(self.show_selection)
        self.setPlaceholderText(_("Open an article from the list on the left."))

    # -- showing -------------------------------------------------------------------------

    def show_document(self, document: Document) -> None:
        self.offsets = Utf16Offsets(document.text)
        self.highlighter.reset(self.offsets, lazy=True)
        self.setPlainText(document.text)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        # the first screen is highlighted at once, before anything is painted
        self.highlighter.ensure(self.document().firstBlock(), FIRST_SCREEN_BLOCKS)

    def redraw(self, start: int, end: int) -> None:
        if self.session.document is not None and (start, end) == (
            0,
            len(self.session.document.text),
        ):
            self.highlighter.reset(self.offsets)
            self.highlighter.rehighlight()
        else:
            self.highlighter.redraw(start, end)
        self.viewport().update()

    def show_selection(self, mark: Mark | None) -> None:
        if mark is not None:
            cursor = self.textCursor()
            cursor.setPosition(self.offsets.to_qt(mark.start))
            cursor.setPosition(self.offsets.to_qt(mark.end), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self.viewport().update()

    def reveal(self, offset: int) -> None:
        """Scroll so that ``offset`` is on screen, keeping the selection."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(offset))
        rect = self.cursorRect(cursor)
        if not self.viewport().rect().contains(rect.center()):
            self.verticalScrollBar().setValue(
                self.verticalScrollBar().value() + rect.top() - self.viewport().height() // 3
            )

    def selection(self) -> tuple[int, int] | None:
        """The selected text as code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            self.offsets.from_qt(cursor.selectionStart()),
            self.offsets.from_qt(cursor.selectionEnd()),
        )

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def offset_at(self, point: QPointF) -> int:
        return self.offsets.from_qt(self.cursorForPosition(point.toPoint()).position())

    # -- keys ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            self.keyPressEvent(event)  # Tab walks entities instead of moving the focus
            return True
        if event.type() == QEvent.Type.ShortcutOverride and event.text().isalpha():
            # the text is read-only: a letter is a command (S, a stance key), not typing
            event.ignore()
            return False
        if event.type() == QEvent.Type.ToolTip:
            self._tooltip(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        plain = not modifiers & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        if key in _DIGITS and plain:
            self.label_requested.emit(_DIGITS[key])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            self.delete_requested.emit()
        elif key == Qt.Key.Key_Tab and plain:
            self.walk(+1)
        elif key == Qt.Key.Key_Backtab:
            self.walk(-1)
        elif key in _ENTER and not modifiers:
            self.accept_requested.emit()
        elif key == Qt.Key.Key_Escape:
            self.session.select(None)
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
        elif (
            key in (Qt.Key.Key_Left, Qt.Key.Key_Right)
            and modifiers & Qt.KeyboardModifier.AltModifier
        ):
            which = "end" if modifiers & Qt.KeyboardModifier.ShiftModifier else "start"
            self.boundary_requested.emit(which, -1 if key == Qt.Key.Key_Left else +1)
        else:
            super().keyPressEvent(event)
            if self.session.selected is not None and self.selection() != (
                self.session.selected.start,
                self.session.selected.end,
            ):
                self.session.select(None)  # the selection moved away from the entity

    def walk(self, step: int) -> None:
        """Select the next (``+1``) or previous (``-1``) entity or suggestion."""
        index, current = self.session.index, self.session.selected
        offset = self.offsets.from_qt(self.textCursor().position())
        if step > 0:
            mark = index.after(current, offset=offset)
        else:
            mark = index.before(current, offset=offset)
        if mark is not None:
            self.session.select(mark)

    # -- mouse ---------------------------------------------------------------------------

    def _edge_under(self, point: QPointF) -> tuple[Mark, str] | None:
        mark = self.session.selected
        if mark is None or mark.suggestion:
            return None
        position = self.cursorForPosition(point.toPoint())
        rect = self.cursorRect(position)
        if abs(rect.center().x() - point.x()) > 4:
            return None
        offset = self.offsets.from_qt(position.position())
        if offset == mark.start:
            return mark, "start"
        if offset == mark.end:
            return mark, "end"
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = self._edge_under(event.position())
            if self._drag is not None:
                self._drag_to = None
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag_to = self.offset_at(event.position())
            self.viewport().update()
            return
        over_edge = self._edge_under(event.position()) is not None
        self.viewport().setCursor(
            Qt.CursorShape.SizeHorCursor if over_edge else Qt.CursorShape.IBeamCursor
        )
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            (mark, edge), target = self._drag, self._drag_to
            self._drag = self._drag_to = None
            if target is not None:
                start, end = (target, mark.end) if edge == "start" else (mark.start, target)
                if start < end:
                    self.boundary_dragged.emit(mark, start, end)
            self.viewport().update()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            marks = self.session.index.at(self.offset_at(event.position()))
            self.session.select(marks[0] if marks else None)
            if marks:
                self.mark_clicked.emit(marks[0])

    def _tooltip(self, event: QEvent) -> None:
        marks = self.session.index.at(self.offset_at(QPointF(event.pos())))
        if not marks:
            QToolTip.hideText()
            return
        lines = [
            _("{label} (suggestion)").format(label=m.label) if m.suggestion else m.label
            for m in marks
        ]
        QToolTip.showText(event.globalPos(), "\n".join(lines), self)

    # -- outlines ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.session.document is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        selected = self.session.selected
        for mark, rect in self._visible_rects():
            color = QColor(self.session.color_of(mark.label)).darker(170)
            if mark == selected:
                painter.setPen(QPen(QColor("#1a1a1a"), 2))
            elif mark.suggestion:
                painter.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
            else:
                continue
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        self._paint_decorations(painter)
        if self._drag is not None and self._drag_to is not None:
            x = self.cursorRect(self._cursor_at(self._drag_to)).center().x()
            painter.setPen(QPen(QColor("#d00000"), 2))
            painter.drawLine(x, 0, x, self.viewport().height())
        painter.end()

    def _paint_decorations(self, painter: QPainter) -> None:
        for start, end, kind, color in self.decorations():
            for rect in self._range_rects(start, end):
                if kind == "underline":
                    painter.setPen(QPen(QColor(color), 3))
                    y = rect.bottom() - 1.5
                    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
                    continue
                style = Qt.PenStyle.DashLine if kind == "dashed" else Qt.PenStyle.SolidLine
                painter.setPen(QPen(QColor(color), 2, style))
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))

    def _range_rects(self, start: int, end: int) -> list[QRectF]:
        """Rectangles of code points ``[start, end)`` on screen, line by line."""
        rects: list[QRectF] = []
        qt_start, qt_end = self.offsets.to_qt(start), self.offsets.to_qt(end)
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            first = block.position()
            last = first + block.length()
            if qt_end > first and qt_start < last:
                rects += _line_rects(block, geometry, max(qt_start, first) - first,
                                     min(qt_end, last) - first)  # fmt: skip
            block = block.next()
        return rects

    def _visible_block_count(self) -> int:
        """Paragraphs that fit on screen (at least), from the first visible one."""
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        height = self.viewport().height()
        count = 0
        while block.isValid() and top <= height:
            top += self.blockBoundingRect(block).height()
            block = block.next()
            count += 1
        return count + 1

    def _cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(offset))
        return cursor

    def _visible_rects(self) -> list[tuple[Mark, QRectF]]:
        """Rectangles of the suggestions and the selected entity on screen, line by line."""
        rects: list[tuple[Mark, QRectF]] = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        selected = self.session.selected
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            first = block.position()
            last = first + block.length()
            for mark in self.session.marks_touching(
                self.offsets.from_qt(first), self.offsets.from_qt(last)
            ):
                if not mark.suggestion and mark != selected:
                    continue
                start = max(self.offsets.to_qt(mark.start), first) - first
                end = min(self.offsets.to_qt(mark.end), last) - first
                rects += [(mark, rect) for rect in _line_rects(block, geometry, start, end)]
            block = block.next()
        return rects


def _line_rects(block: QTextBlock, geometry: QRectF, start: int, end: int) -> list[QRectF]:
    """Rectangles of positions ``start``..``end`` of a laid-out paragraph, one per line."""
    rects = []
    layout = block.layout()
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        a = max(start, line.textStart())
        b = min(end, line.textStart() + line.textLength())
        if a >= b:
            continue
        x1, x2 = line.cursorToX(a)[0], line.cursorToX(b)[0]
        rects.append(
            QRectF(geometry.left() + x1, geometry.top() + line.y(), x2 - x1, line.height())
        )
    return rects
