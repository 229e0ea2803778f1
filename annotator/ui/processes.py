"""Long NLP work (pre-annotation, training) in a process of its own, with progress and
Cancel.

Why a process and not a thread: loading spaCy, natasha and a model takes seconds and holds
the interpreter (a thread would stall the window while Python imports and builds them),
and training keeps both cores busy. A process leaves the window free, and Cancel can stop
it at any moment: the command treats SIGTERM as an interruption, so the article it was
storing is rolled back and a half-written model removed — what is left is whole.

The command is ``annotator`` itself with ``--progress-json``: each progress line on its
standard output is ``{"stage": ..., "done": n, "total": m}``; any other line is its report.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QProcess, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.i18n import _

STOP_GRACE_MS = 5000
"""After Cancel, how long the command may take to stop cleanly before it is killed."""


@dataclass(frozen=True, slots=True)
class CommandResult:
    exit_code: int
    cancelled: bool
    report: str
    """What the command printed besides progress."""
    errors: str


def command_line(arguments: Sequence[str]) -> tuple[str, list[str]]:
    """The program and arguments that run ``annotator ARGUMENTS`` as this app does."""
    if getattr(sys, "frozen", False):  # a bundled app is its own command
        return sys.executable, list(arguments)
    return sys.executable, ["-m", "annotator", *arguments]


def run_command(
    parent: QWidget,
    title: str,
    arguments: Sequence[str],
    done: Callable[[CommandResult], None],
) -> QProcess:
    """Start ``annotator ARGUMENTS --progress-json``; ``done`` runs when it has ended."""
    process = QProcess(parent)
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    report: list[str] = []
    state = {"cancelled": False, "buffer": b""}

    def read_output() -> None:
        data = state["buffer"] + bytes(process.readAllStandardOutput().data())  # type: ignore[operator]
        *lines, state["buffer"] = data.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").rstrip("\r")
            progress = _progress(line)
            if progress is None:
                if line.strip():
                    report.append(line)
                continue
            stage, count, total = progress
            dialog.setLabelText(stage)
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(count, max(total, 1)))

    def cancel() -> None:
        if process.state() == QProcess.ProcessState.NotRunning:
            return
        state["cancelled"] = True
        dialog.setLabelText(_("Stopping…"))
        process.terminate()
        QTimer.singleShot(STOP_GRACE_MS, process.kill)

    def finished(exit_code: int, status: QProcess.ExitStatus) -> None:
        read_output()
        leftover = state["buffer"]
        if isinstance(leftover, bytes) and leftover.strip():
            report.append(leftover.decode("utf-8", "replace"))
        errors = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        dialog.close()
        dialog.deleteLater()
        process.deleteLater()
        crashed = status == QProcess.ExitStatus.CrashExit
        done(
            CommandResult(
                exit_code=-1 if crashed else exit_code,
                cancelled=bool(state["cancelled"]),
                report="\n".join(report),
                errors=errors.strip(),
            )
        )

    def failed_to_start(error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            finished(-1, QProcess.ExitStatus.CrashExit)

    process.readyReadStandardOutput.connect(read_output)
    process.finished.connect(finished)
    process.errorOccurred.connect(failed_to_start)
    dialog.canceled.connect(cancel)
    program, args = command_line([*arguments, "--progress-json"])
    process.start(program, args)
    return process


def _progress(line: str) -> tuple[str, int, int] | None:
    if not line.startswith("{"):
        return None
    try:
        data = json.loads(line)
        return str(data["stage"]), int(data["done"]), int(data["total"])
    except (ValueError, KeyError, TypeError):
        return None
