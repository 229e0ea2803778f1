"""Long work (import, export) off the GUI thread, with a progress dialog and Cancel.

The work gets a ``progress(done, total)`` callback; after Cancel the next call raises
:class:`Cancelled`, so the work stops between two of its steps (an import keeps the
chunks it committed, each whole). SQLite connections belong to one thread: work opens
its own project connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.i18n import _


class Cancelled(Exception):
    """The user pressed Cancel."""


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, error

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.cancel = threading.Event()

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            if self.cancel.is_set():
                raise Cancelled
            self.progressed.emit(done, total)

        try:
            result = self.work(progress)
        except BaseException as error:  # reported on the GUI thread
            self.finished.emit(None, error)
        else:
            self.finished.emit(result, None)


class _Relay(QObject):
    """Lives on the GUI thread, so the worker's signals reach it queued: a plain Python
    function connected to a signal would run on the worker's thread instead."""

    def __init__(self, parent: QObject, progressed: Callable[[int, int], None],
                 finished: Callable[[Any, Any], None]) -> None:  # fmt: skip
        super().__init__(parent)
        self._progressed = progressed
        self._finished = finished

    @Slot(int, int)
    def progressed(self, done: int, total: int) -> None:
        self._progressed(done, total)

    @Slot(object, object)
    def finished(self, result: Any, error: Any) -> None:
        self._finished(result, error)


def run_with_progress(
    parent: QWidget,
    title: str,
    work: Callable[[Callable[[int, int], None]], Any],
    done: Callable[[Any, BaseException | None], None],
) -> QThread:
    """Start ``work`` on a thread; ``done(result, error)`` runs on the GUI thread after."""
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    thread = QThread(parent)
    worker = _Worker(work)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)

    def progressed(count: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(count)

    def finished(result: Any, error: BaseException | None) -> None:
        dialog.close()
        thread.quit()
        thread.wait()
        worker.deleteLater()
        relay.deleteLater()
        done(result, error)

    relay = _Relay(parent, progressed, finished)
    worker.progressed.connect(relay.progressed)
    worker.finished.connect(relay.finished)
    dialog.canceled.connect(worker.cancel.set)
    thread._worker = worker  # type: ignore[attr-defined] - kept alive with the thread
    thread.start()
    return thread
