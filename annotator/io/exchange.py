"""Exports and imports in any registered format, with the checks every format shares.

Before anything is written, every span is checked against its language's tokenizer:
misaligned spans are listed (never silently dropped) and ``strict`` refuses the export.
The file or folder is written beside its target and renamed over it at the end, so a
failed or cancelled export never leaves half a dataset where a good one was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TypeVar

from annotator.core.errors import AnnotatorError, InputError, InvariantError
from annotator.core.gold import GoldDocument
from annotator.i18n import _, ngettext
from annotator.io.alignment import misaligned
from annotator.io.formats import FORMATS, Format, WriteOptions, WriteReport
from annotator.nlp.tokenize import token_bounds, tokenizer_id
from annotator.store.gold import (
    Selection,
    count_gold_documents,
    gold_documents,
    store_gold,
    store_tokens,
)
from annotator.store.project import Project

T = TypeVar("T")
Progress = Callable[[int, int], None]


class ExportRefused(AnnotatorError):
    """``strict`` export with spans off token boundaries; nothing was written."""


def format_named(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise AnnotatorError(
            _("unknown format {name!r} (known: {known})").format(
                name=name, known=", ".join(sorted(FORMATS))
            )
        ) from None


@dataclass(slots=True)
class ExportResult:
    report: WriteReport
    misaligned: list[str] = field(default_factory=list)
    path: Path | None = None


def export(
    project: Project,
    format_name: str,
    target: Path,
    selection: Selection = Selection(),  # noqa: B008
    options: WriteOptions = WriteOptions(),  # noqa: B008
    *,
    strict: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the selected articles to ``target`` (a file or, for some formats, a folder)."""
    chosen = format_named(format_name)
    if options.schema is None:
        options = replace(options, schema=project.schema())
    total = count_gold_documents(project, selection)
    problems: list[str] = []

    tokenizers = {language: tokenizer_id(language) for language in project.languages_used()}
    fresh: list[tuple[int, str, bytes]] = []

    def with_tokens(document: GoldDocument) -> GoldDocument:
        if document.tokens is not None or document.id is None:
            return document
        bounds = token_bounds(document.language, document.text).tobytes()
        fresh.append((document.id, tokenizer_id(document.language), bounds))
        if len(fresh) >= 1000:
            _keep_tokens(project, fresh)
        return replace(document, tokens=bounds)

    def documents() -> Iterator[GoldDocument]:
        selected = gold_documents(project, selection, tokenizers=tokenizers)
        for done, document in enumerate(map(with_tokens, selected), start=1):
            problems.extend(misaligned(document))
            if progress and (done % 200 == 0 or done == total):
                progress(done, total)
            yield document

    if strict:
        for document in map(with_tokens, gold_documents(project, selection, tokenizers=tokenizers)):
            problems.extend(misaligned(document))
        if problems:
            raise ExportRefused(
                ngettext(
                    "{n} span does not fall on token boundaries; nothing was written:\n{list}",
                    "{n} spans do not fall on token boundaries; nothing was written:\n{list}",
                    len(problems),
                ).format(n=len(problems), list="\n".join(problems[:50]))
            )
        problems.clear()
    if progress:
        progress(0, total)
    writer = _write_folder if chosen.folder else _write_file
    report = writer(target, lambda path: chosen.write(documents(), path, options))
    _keep_tokens(project, fresh)
    return ExportResult(report, problems, target)


def _keep_tokens(project: Project, rows: list[tuple[int, str, bytes]]) -> None:
    """Cache tokenizations for the next export; a project that can't be written (read-only
    media) just tokenizes again next time."""
    with contextlib.suppress(AnnotatorError):
        store_tokens(project, rows)
    rows.clear()


def _write_file(path: Path, write: Callable[[Path], T]) -> T:
    path = path.resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
        )
        os.close(handle)
        try:
            result = write(Path(temporary))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise AnnotatorError(f"{path}: {error.strerror or error}") from error
    return result


def _write_folder(path: Path, write: Callable[[Path], T]) -> T:
    path = path.resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(
            tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
        )
        try:
            result = write(temporary)
            if path.exists():
                old = path.with_name(f".{path.name}.old")
                shutil.rmtree(old, ignore_errors=True)
                path.rename(old)
                temporary.rename(path)
                shutil.rmtree(old, ignore_errors=True)
            else:
                temporary.rename(path)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
    except OSError as error:
        raise AnnotatorError(f"{path}: {error.strerror or error}") from error
    return result


def write_atomically(path: Path, write: Callable[[IO[str]], T]) -> T:
    """Write a text file through a temporary beside it (see the module docstring)."""

    def through(temporary: Path) -> T:
        with temporary.open("w", encoding="utf-8", newline="\n") as out:
            return write(out)

    return _write_file(path, through)


# -- import ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    spans: int = 0
    statements: int = 0
    failures: list[InputError] = field(default_factory=list)


def import_formatted(
    project: Project,
    format_name: str,
    paths: list[Path],
    *,
    annotator: str,
    spans_as: str = "human",
    add_labels: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Read files of a format and store their annotated articles; a file that fails leaves
    nothing behind and the others go on."""
    chosen = format_named(format_name)
    result = ImportResult()
    for done, path in enumerate(paths):
        if progress:
            progress(done, len(paths))
        try:
            documents = list(chosen.read(path))
            if add_labels:
                for label in sorted({s.label for d in documents for s in d.spans}):
                    if label not in project.label_names():
                        project.add_label(label, annotator=annotator)
            with project.batch():
                stored = store_gold(project, documents, annotator=annotator, spans_as=spans_as,
                                    recognizer=(format_name, ""))  # fmt: skip
        except InputError as error:
            result.failures.append(error)
            continue
        except InvariantError as error:
            result.failures.append(InputError(str(error), path=str(path)))
            continue
        except OSError as error:
            result.failures.append(InputError(error.strerror or str(error), path=str(path)))
            continue
        result.imported += stored.imported
        result.duplicates += stored.duplicates
        result.spans += stored.spans
        result.statements += stored.statements
    return result
