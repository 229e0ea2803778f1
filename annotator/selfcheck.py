"""``annotator --self-check``: does this installation work, offline?

It runs what a user's first hour does, in a temporary project, with every network
connection refused: import a sample article per language, pre-annotate them (every
recognizer loads its data: natasha's model, pymorphy3's dictionaries, spaCy's language
data, the place lists), record and export the result, and open the window offscreen. Each
step prints a line; the last says "ok", or the check stops at the first step that failed
and says exactly what failed. Made for bundles (what PyInstaller left out shows here
first) and for support: "run it with --self-check and send the output".
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.i18n import N_, _
from annotator.resources import SAMPLES_DIR

SAMPLES = ("en_oslo_mackerel_talks.txt", "ru_geneva_water_talks.txt",
           "uk_warsaw_power_line.txt", "bg_varna_black_sea_demining.txt")  # fmt: skip


class NetworkUsed(RuntimeError):
    """Something tried to reach the network: the app must work without it."""


@contextmanager
def no_network() -> Iterator[None]:
    """Refuse every connection made in this process while the check runs."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NetworkUsed(_("a network connection was attempted: {target}").format(
            target=args[1] if len(args) > 1 else args))  # fmt: skip

    saved = socket.socket.connect, socket.socket.connect_ex, socket.create_connection
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.create_connection = saved  # type: ignore[method-assign]


def run(out: Callable[[str], None] = print) -> int:
    """Run the check; 0 when every step passed."""
    out(_("Stance Annotator {version} self-check ({python}, {frozen})").format(
        version=__version__, python=sys.version.split()[0],
        frozen=_("bundle") if getattr(sys, "frozen", False) else _("from source"),
    ))  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="stance-annotator-check-") as folder, no_network():
        state: dict[str, Any] = {"folder": Path(folder)}
        for name, step in STEPS:
            began = time.perf_counter()
            try:
                detail = step(state)
            except Exception as error:  # the point: report any failure, keep the cause
                out(_("FAILED: {step}: {kind}: {error}").format(
                    step=_(name), kind=type(error).__name__, error=error))  # fmt: skip
                out("".join(traceback.format_exception(error)).rstrip())
                return 1
            seconds = time.perf_counter() - began
            out(f"  ✓ {_(name)} — {detail} ({seconds:.1f} s)")
        state["project"].close()
    out("ok")
    return 0


def _open(state: dict[str, Any]) -> str:
    from annotator.store.project import Project

    path = state["folder"] / "check.sqlite"
    state["project"] = Project.open(path)
    return str(path)


def _import(state: dict[str, Any]) -> str:
    from annotator.io.importer import ImportOptions, import_paths

    report = import_paths(state["project"], [SAMPLES_DIR / name for name in SAMPLES],
                          ImportOptions(annotator="self-check"))  # fmt: skip
    if report.imported != len(SAMPLES) or report.failures:
        problems = "; ".join(f.where_and_why() for f in report.failures)
        raise RuntimeError(_("{imported} of {total} samples imported {problems}").format(
            imported=report.imported, total=len(SAMPLES), problems=problems))  # fmt: skip
    languages = sorted(d.language for d in state["project"].documents(status="any"))
    if languages != ["bg", "en", "ru", "uk"]:
        raise RuntimeError(_("languages guessed wrong: {found}").format(found=languages))
    return _("{n} sample articles, languages {languages}").format(
        n=report.imported, languages=", ".join(languages))  # fmt: skip


def _preannotate(state: dict[str, Any]) -> str:
    from annotator.nlp.preannotate import preannotate

    project = state["project"]
    report = preannotate(project)
    empty = [d.language for d in project.documents(status="any")
             if not project.suggestions(d.id)]  # fmt: skip
    if empty:
        raise RuntimeError(_("no suggestions in the {languages} sample").format(
            languages=", ".join(empty)))  # fmt: skip
    parts = ", ".join(f"{name} {count}" for name, count in sorted(report.by_recognizer.items()))
    return _("{n} suggestions, {statements} suggested statements ({parts})").format(
        n=report.suggestions, statements=report.statements, parts=parts)  # fmt: skip


def _record(state: dict[str, Any]) -> str:
    """Accept the suggestions of one article, as an annotator would, and mark it done."""
    from annotator.core.commands import SetStatus, accept_all
    from annotator.core.model import Status
    from annotator.core.spans import SpanIndex

    project = state["project"]
    document = next(iter(project.documents(status="any")))
    index = SpanIndex(project.marks(document.id))
    nestable = {label.name for label in project.labels() if label.nestable}
    for command in accept_all(document.id, "self-check", index, nestable):
        command.redo(project)
    SetStatus(document.id, "self-check", status=Status.DONE).redo(project)
    return _("{n} entities kept").format(n=len(project.spans(document.id)))


def _export(state: dict[str, Any]) -> str:
    from annotator.io.exchange import export
    from annotator.store.gold import Selection

    done = []
    for name in ("jsonl", "spacy", "conll"):
        target = state["folder"] / f"export-{name}"
        result = export(state["project"], name, target, Selection())
        if result.report.documents != 1:
            raise RuntimeError(_("{format}: {n} articles written, 1 expected").format(
                format=name, n=result.report.documents))  # fmt: skip
        done.append(name)
    return ", ".join(done)


def _window(state: dict[str, Any]) -> str:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from annotator.app import application
    from annotator.ui.main_window import MainWindow

    application()
    # the window itself, not app.build: a check leaves no trace in the recent projects
    window = MainWindow(state["project"], "self-check")
    window.show()
    QApplication.processEvents()
    shown = window.isVisible() and window.session.document is not None
    platform = QApplication.platformName()
    window.close()
    if not shown:
        raise RuntimeError(_("the window did not open an article"))
    return _("opened on {platform}").format(platform=platform)


STEPS: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    (N_("open a new project"), _open),
    (N_("import samples"), _import),
    (N_("pre-annotate"), _preannotate),
    (N_("record annotations"), _record),
    (N_("export"), _export),
    (N_("open the window"), _window),
]
