"""Import article files and folders into a project.

Files are read in chunks: every file of a chunk is read and checked first, languages are
guessed for the whole chunk at once (lingua uses every core), and then the chunk is
written in one transaction. If any file of it is refused at that point, the chunk is
written again file by file, each in a savepoint. A file that fails at any step leaves
nothing behind while the other files go on; a killed import leaves the chunks committed
so far, each article whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError, InvariantError
from annotator.core.model import ArticleDraft
from annotator.i18n import _
from annotator.io.readers import READERS, ReadOptions, reader_for
from annotator.nlp.language import LanguageGuesser
from annotator.store.project import Project

CHUNK_FILES = 1000

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportOptions:
    annotator: str
    language: str | None = None
    """Force this language on every article instead of guessing it."""
    spans_as: str = "human"
    """What spans that come with the files become: ``human`` annotations or ``suggestions``."""
    add_labels: bool = False
    """Add labels the files use but the schema lacks, instead of refusing the file."""
    text_column: str | None = None


@dataclass(slots=True)
class ImportReport:
    files: int = 0
    imported: int = 0
    duplicates: int = 0
    spans: int = 0
    failures: list[InputError] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def find_files(paths: Iterable[str | Path], report: ImportReport) -> list[Path]:
    """Every importable file under ``paths`` (folders recursively), in a stable order.

    A path that does not exist or cannot be read is a failure of the report; files of
    other types inside folders are passed over, but one named directly is a failure.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found.extend(sorted(_walk(path), key=str))
            except OSError as error:
                report.failures.append(InputError(error.strerror or str(error), path=str(path)))
        elif path.is_file():
            if reader_for(path) is None:
                report.failures.append(
                    InputError(
                        _("unsupported file type (supported: {types})").format(
                            types=" ".join(sorted(READERS))
                        ),
                        path=str(path),
                    )
                )
            else:
                found.append(path)
        else:
            report.failures.append(InputError(_("no such file or folder"), path=str(path)))
    return found


def _walk(folder: Path) -> Iterator[Path]:
    def raise_error(error: OSError) -> None:
        raise error

    for root, dirs, files in os.walk(folder, onerror=raise_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and reader_for(path) is not None:
                yield path


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    options: ImportOptions,
    progress: Progress | None = None,
) -> ImportReport:
    """Import every article file under ``paths``; see the module's docstring for how."""
    report = ImportReport()
    files = find_files(paths, report)
    report.files = len(files)
    guesser = LanguageGuesser(project.languages)
    read_options = ReadOptions(text_column=options.text_column)
    total = len(files)
    if progress:
        progress(0, total)
    for first in range(0, total, CHUNK_FILES):
        chunk = files[first : first + CHUNK_FILES]

        def read(done_in_chunk: int, first: int = first) -> None:
            if progress:
                progress(first + done_in_chunk, total)

        prepared = _prepare(chunk, read_options, options, guesser, project.languages, read)
        report.failures.extend(prepared.failures)
        _write(project, prepared.parsed, prepared.languages, options, report)
    return report


@dataclass(slots=True)
class _Chunk:
    parsed: list[tuple[Path, list[ArticleDraft]]]
    languages: dict[int, str]
    failures: list[InputError]


def _prepare(
    chunk: list[Path],
    read_options: ReadOptions,
    options: ImportOptions,
    guesser: LanguageGuesser,
    allowed: list[str],
    progress: Callable[[int], None],
) -> _Chunk:
    failures: list[InputError] = []
    parsed = []
    for done, path in enumerate(chunk):
        if done % 50 == 0:
            progress(done)
        try:
            drafts = _read(path, read_options)
        except InputError as error:
            failures.append(error)
        else:
            parsed.append((path, drafts))
    progress(len(chunk))
    drafts = [draft for _, file_drafts in parsed for draft in file_drafts]
    return _Chunk(parsed, _languages(drafts, options, guesser, allowed), failures)


def _read(path: Path, options: ReadOptions) -> list[ArticleDraft]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error), path=str(path)) from error
    read = reader_for(path)
    assert read is not None  # find_files keeps only readable types
    return read(path, data, options)


def _languages(
    drafts: list[ArticleDraft],
    options: ImportOptions,
    guesser: LanguageGuesser,
    allowed: list[str],
) -> dict[int, str]:
    """The language of each draft (by ``id``): forced, given by the file, or guessed."""
    if options.language:
        return {id(d): options.language for d in drafts}
    chosen = {id(d): d.language for d in drafts if d.language in allowed}
    unknown = [d for d in drafts if id(d) not in chosen]
    chosen.update(
        zip((id(d) for d in unknown), guesser.guess_many([d.text for d in unknown]), strict=True)
    )
    return chosen  # type: ignore[return-value]


def _write(
    project: Project,
    parsed: list[tuple[Path, list[ArticleDraft]]],
    languages: dict[int, str],
    options: ImportOptions,
    report: ImportReport,
) -> None:
    """Store a chunk of files in one transaction.

    First all at once; if any file is refused, the chunk is rolled back and written again
    file by file, each in a savepoint, so that only the refused files stay out.
    """
    drafts = [draft for _, file_drafts in parsed for draft in file_drafts]
    try:
        with project.batch():
            for path, file_drafts in parsed:
                _check_labels(project, path, file_drafts, options)
            results = _add(project, drafts, languages, options)
    except (InputError, InvariantError):
        with project.batch():
            for path, file_drafts in parsed:
                _write_file(project, path, file_drafts, languages, options, report)
        return
    position = 0
    for _path, file_drafts in parsed:
        _tally(report, file_drafts, results[position : position + len(file_drafts)])
        position += len(file_drafts)


def _write_file(
    project: Project,
    path: Path,
    drafts: list[ArticleDraft],
    languages: dict[int, str],
    options: ImportOptions,
    report: ImportReport,
) -> None:
    try:
        with project.edit():
            _check_labels(project, path, drafts, options)
            try:
                results = _add(project, drafts, languages, options)
            except InvariantError as error:
                raise InputError(str(error), path=str(path)) from error
    except InputError as error:
        report.failures.append(error)
        return
    _tally(report, drafts, results)


def _add(
    project: Project, drafts: list[ArticleDraft], languages: dict[int, str], options: ImportOptions
) -> list[int | None]:
    return project.add_articles(
        drafts,
        [languages[id(draft)] for draft in drafts],
        annotator=options.annotator,
        spans_as=options.spans_as,
    )


def _tally(report: ImportReport, drafts: list[ArticleDraft], results: list[int | None]) -> None:
    added = [document_id for document_id in results if document_id is not None]
    report.imported += len(added)
    report.document_ids.extend(added)
    report.duplicates += len(results) - len(added)
    report.spans += sum(
        len(draft.spans) for draft, document_id in zip(drafts, results, strict=True) if document_id
    )


def _check_labels(
    project: Project, path: Path, drafts: list[ArticleDraft], options: ImportOptions
) -> None:
    known = project.label_names()
    for draft in drafts:
        for span in draft.spans:
            if span.label in known:
                continue
            if not options.add_labels:
                raise InputError(
                    _(
                        "label {label!r} is not in the project's schema; add it, or import with"
                        " --add-labels"
                    ).format(label=span.label),
                    path=str(path),
                    line=draft.line,
                )
            project.add_label(span.label, annotator=options.annotator)
            known = project.label_names()
