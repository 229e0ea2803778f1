"""A project: one SQLite file holding articles, annotations, schema and journal.

Every method that changes something is one transaction, committed before it returns, and
appends to the journal in that same transaction: there is no Save, and a killed process
loses nothing it was told was done. Inside :meth:`Project.batch` the calls become
savepoints of one transaction, which is how an import of thousands of files stays fast
while each file still lands whole or not at all.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import InvariantError, ProjectError
from annotator.core.invariants import check_span
from annotator.core.model import (
    ArticleDraft,
    Document,
    Label,
    Status,
)
from annotator.core.schema import LabelSchema, color_for
from annotator.core.text import content_hash
from annotator.i18n import _
from annotator.store.actors import Actors
from annotator.store.annotations import STATUS_OF_DOCUMENT, Annotations
from annotator.store.migrations import migrations
from annotator.store.schema_edits import SchemaEdits
from annotator.store.statements import Statements
from annotator.store.timestamps import now

DEFAULT_LANGUAGES = ("ru", "uk", "bg", "en")
SQLITE_HEADER = b"SQLite format 3\x00"


class Project(Annotations, Statements, Actors, SchemaEdits):
    """An open project file. Use :meth:`open` for a file, :meth:`in_memory` in tests."""

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self._labels: set[str] | None = None
        self._annotator_ids: dict[str, int] = {}

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Project:
        """Open (or create) the project at ``path``, migrating an older file after a backup."""
        path = Path(path)
        exists = path.exists() and path.stat().st_size > 0
        if exists:
            with path.open("rb") as head:
                if head.read(16) != SQLITE_HEADER:
                    raise ProjectError(_("{path}: not a project file").format(path=path))
        elif not create:
            raise ProjectError(_("{path}: no such project").format(path=path))
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ProjectError(f"{path}: {error.strerror}") from error
        try:
            conn = sqlite3.connect(str(path), timeout=5.0)
            project = cls(Database(conn), path)
            project._configure(wal=True)
            project._migrate(backup=exists)
        except sqlite3.Error as error:
            raise ProjectError(describe_sqlite_error(error, path)) from error
        return project

    @classmethod
    def in_memory(cls) -> Project:
        project = cls(Database(memory=True))
        project._configure(wal=False)
        project._migrate(backup=False)
        return project

    def _configure(self, *, wal: bool) -> None:
        if wal:
            self.db.enable_wal()
        self.db.execute("PRAGMA foreign_keys = ON")
        # FULL: a commit is on disk when the call returns, even if the power goes next.
        self.db.execute("PRAGMA synchronous = FULL")

    def _migrate(self, *, backup: bool) -> None:
        applied = {m.name for m in migrations.applied(self.db)}
        if backup and not applied and self.db.table_names():
            raise ProjectError(_("{path}: not a project file").format(path=self.path))
        known = {m.name for m in migrations._migrations}
        if applied - known:
            raise ProjectError(
                _("{path} was made by a newer version of Stance Annotator").format(path=self.path)
            )
        pending = migrations.pending(self.db)
        if not pending:
            return
        if backup and self.path is not None:
            self.backup(self.path.with_name(f"{self.path.name}.before-{pending[0].name}.bak"))
        migrations.apply(self.db)
        if not applied:
            self._seed()

    def _seed(self) -> None:
        schema = LabelSchema.load()
        with self.db.atomic():
            self.db["settings"].insert_all(
                [
                    {"key": "languages", "value": json.dumps(list(DEFAULT_LANGUAGES))},
                    {"key": "created_at", "value": json.dumps(now())},
                ]
            )
            self.db["labels"].insert_all(
                {**vars_of(label), "position": i} for i, label in enumerate(schema.labels)
            )
            for table, values in (
                ("stances", schema.stances),
                ("statement_types", schema.statement_types),
            ):
                self.db[table].insert_all(
                    {**vars_of(value), "position": i} for i, value in enumerate(values)
                )

    def backup(self, target: Path) -> Path:
        """A consistent copy of the project (WAL included) at ``target``."""
        tmp = target.with_name(target.name + ".partial")
        with sqlite3.connect(str(tmp)) as copy:
            self.db.conn.backup(copy)
        copy.close()
        shutil.move(tmp, target)
        return target

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def edit(self) -> Iterator[Database]:
        """One edit: a transaction (or a savepoint inside :meth:`batch`).

        Errors from SQLite come out as :class:`ProjectError` or :class:`InvariantError`
        with a message for the user; nothing of the edit is kept.
        """
        try:
            try:
                with self.db.atomic():
                    yield self.db
            except BaseException:
                # What the rolled-back edit cached (a new annotator, a new label) is gone too.
                self._labels = None
                self._annotator_ids.clear()
                raise
        except sqlite3.IntegrityError as error:
            raise InvariantError(str(error)) from error
        except sqlite3.Error as error:
            raise ProjectError(describe_sqlite_error(error, self.path)) from error

    batch = edit  # the same transaction, named for what callers use it for

    def journal(
        self,
        action: str,
        *,
        annotator: str | None,
        document_id: int | None = None,
        subject: str | None = None,
        subject_id: int | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        self.db.execute(
            "INSERT INTO journal (at, annotator_id, action, document_id, subject, subject_id, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                self.annotator_id(annotator) if annotator else None,
                action,
                document_id,
                subject,
                subject_id,
                json.dumps(data or {}, ensure_ascii=False),
            ),
        )

    # -- settings and schema -------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any, *, annotator: str | None = None) -> None:
        with self.edit():
            self.db["settings"].upsert({"key": key, "value": json.dumps(value)}, pk="key")
            self.journal(
                "set setting",
                annotator=annotator,
                subject="settings",
                data={"key": key, "value": value},
            )

    @property
    def languages(self) -> list[str]:
        return list(self.setting("languages", DEFAULT_LANGUAGES))

    def labels(self) -> list[Label]:
        rows = self.db.execute(
            "SELECT name, color, key, description, nestable FROM labels ORDER BY position, name"
        )
        return [
            Label(name, color, key, description, bool(nestable))
            for name, color, key, description, nestable in rows
        ]

    def label_names(self) -> set[str]:
        if self._labels is None:
            self._labels = {row[0] for row in self.db.execute("SELECT name FROM labels")}
        return self._labels

    def add_label(
        self, name: str, *, annotator: str | None = None, color: str | None = None
    ) -> None:
        """Add an entity label to the schema (a new colour from the palette by default)."""
        name = name.strip()
        if not name:
            raise InvariantError(_("a label needs a name"))
        with self.edit():
            position = self.db.execute("SELECT count(*) FROM labels").fetchone()[0]
            self.db["labels"].insert(
                {
                    "name": name,
                    "color": color or color_for(position),
                    "key": None,
                    "description": "",
                    "nestable": 0,
                    "position": position,
                },
                ignore=True,
            )
            self.journal("add label", annotator=annotator, subject="labels", data={"name": name})
        self._labels = None

    def set_label_color(self, name: str, color: str, *, annotator: str | None = None) -> None:
        with self.edit():
            self.db.execute("UPDATE labels SET color = ? WHERE name = ?", (color, name))
            self.journal("set label colour", annotator=annotator, subject="labels",
                         data={"name": name, "color": color})  # fmt: skip

    # -- annotators ----------------------------------------------------------------------

    def annotator_id(self, name: str) -> int:
        """The id of the annotator called ``name``, recorded on first use."""
        cached = self._annotator_ids.get(name)
        if cached is not None:
            return cached
        name = name.strip()
        if not name:
            raise InvariantError(_("an annotator needs a name"))
        with self.edit():
            self.db.execute(
                "INSERT INTO annotators (name, created_at) VALUES (?, ?)"
                " ON CONFLICT(name) DO NOTHING",
                (name, now()),
            )
        found = self.db.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()[0]
        self._annotator_ids[name] = found
        return found

    def annotators(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM annotators ORDER BY id")]

    # -- articles ------------------------------------------------------------------------

    def add_article(
        self,
        draft: ArticleDraft,
        *,
        language: str,
        annotator: str,
        spans_as: str = "human",
        recognizer: tuple[str, str] = ("import", ""),
    ) -> int | None:
        """Store one article with the spans it came with; None when its text is already here.

        ``spans_as`` is ``"human"`` (the spans are annotations of ``annotator``) or
        ``"suggestions"`` (they are suggestions of ``recognizer``, a name and a version).
        """
        return self.add_articles(
            [draft], [language], annotator=annotator, spans_as=spans_as, recognizer=recognizer
        )[0]

    def add_articles(
        self,
        drafts: Sequence[ArticleDraft],
        languages: Sequence[str],
        *,
        annotator: str,
        spans_as: str = "human",
        recognizer: tuple[str, str] = ("import", ""),
    ) -> list[int | None]:
        """Store many articles in one edit: all of them, or (on any error) none.

        Returns each draft's new document id, or None for a text the project already has
        (or that came earlier in ``drafts``).
        """
        labels = self.label_names()
        for draft in drafts:
            for span in draft.spans:
                check_span(len(draft.text), span.start, span.end, span.label, labels)
        digests = [content_hash(draft.text) for draft in drafts]
        with self.edit():
            by = self.annotator_id(annotator)
            stamp = now()
            known = self._existing(digests)
            fresh: dict[str, int] = {}
            for index, digest in enumerate(digests):
                if digest not in known and digest not in fresh:
                    fresh[digest] = index
            self.db["documents"].insert_all(
                {
                    "hash": digest,
                    "text": drafts[i].text,
                    "title": drafts[i].title,
                    "language": languages[i],
                    "source": drafts[i].source,
                    "meta": json.dumps(drafts[i].meta, ensure_ascii=False),
                    "created_at": stamp,
                    "imported_by": by,
                }
                for digest, i in fresh.items()
            )
            ids = self._existing(list(fresh))
            spans: list[dict[str, Any]] = []
            journal: list[dict[str, Any]] = []
            for digest, i in fresh.items():
                document_id, draft = ids[digest], drafts[i]
                spans.extend(
                    {"document_id": document_id, "start": s.start, "end": s.end, "label": s.label}
                    for s in draft.spans
                )
                details = {"source": draft.source, "hash": digest, "spans": len(draft.spans),
                           "spans_as": spans_as}  # fmt: skip
                journal.append({
                    "at": stamp, "annotator_id": by, "action": "import article",
                    "document_id": document_id, "subject": "documents", "subject_id": document_id,
                    "data": json.dumps(details, ensure_ascii=False),
                })  # fmt: skip
            if spans_as == "suggestions":
                name, version = recognizer
                self.db["suggestions"].insert_all(
                    {
                        **span,
                        "recognizer": name,
                        "recognizer_version": version,
                        "created_at": stamp,
                    }
                    for span in spans
                )
            else:
                self.db["spans"].insert_all(
                    {
                        **span,
                        "annotator_id": by,
                        "origin": "imported",
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                    for span in spans
                )
            self.db["journal"].insert_all(journal)
        return [
            ids[digest] if fresh.get(digest) == index else None
            for index, digest in enumerate(digests)
        ]

    def _existing(self, digests: Sequence[str]) -> dict[str, int]:
        """Document ids of the given content hashes that the project has."""
        found: dict[str, int] = {}
        for first in range(0, len(digests), 500):
            part = digests[first : first + 500]
            marks = ", ".join("?" * len(part))
            found.update(
                (digest, id_)
                for id_, digest in self.db.conn.execute(
                    f"SELECT id, hash FROM documents WHERE hash IN ({marks})", part
                )
            )
        return found

    def document(self, document_id: int) -> Document:
        row = self.db.execute(
            "SELECT id, hash, text, title, language, source, meta, created_at FROM documents"
            " WHERE id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise ProjectError(_("no article with id {id}").format(id=document_id))
        return _document(row)

    def documents(
        self,
        *,
        status: str | None = None,
        language: str | None = None,
        annotator: str | None = None,
    ) -> Iterator[Document]:
        """Articles in import order, filtered by overall status and language."""
        where, params = self._document_filter(status=status, language=language, annotator=annotator)
        yield from map(
            _document,
            self.db.execute(
                "SELECT id, hash, text, title, language, source, meta, created_at FROM documents d"
                f" {where} ORDER BY id",
                params,
            ),
        )

    def _document_filter(
        self, *, status: str | None, language: str | None, annotator: str | None
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if language:
            clauses.append("d.language = ?")
            params.append(language)
        if status and status != "any":
            who = (
                " AND annotator_id = (SELECT id FROM annotators WHERE name = ?)"
                if annotator
                else ""
            )
            clauses.append(f"({STATUS_OF_DOCUMENT.format(who=who)}) = ?")
            params.extend([annotator] if annotator else [])
            params.append(Status(status).value)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def languages_used(self) -> list[str]:
        """The languages articles of the project are in (may go beyond the settings)."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT language FROM documents")]

    def count_documents(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def set_language(self, document_id: int, language: str, *, annotator: str) -> None:
        with self.edit():
            old = self.document(document_id).language
            self.db.execute(
                "UPDATE documents SET language = ? WHERE id = ?", (language, document_id)
            )
            self.journal(
                "set language",
                annotator=annotator,
                document_id=document_id,
                subject="documents",
                subject_id=document_id,
                data={"from": old, "to": language},
            )

    def search(self, query: str, *, limit: int = 200) -> list[int]:
        """Ids of articles whose title or text match ``query`` (FTS5; case folded in any script)."""
        return [
            row["id"] for row in self.db["documents"].search(query, limit=limit, columns=["id"])
        ]

    # -- spans and suggestions -----------------------------------------------------------


def _document(row: Sequence[Any]) -> Document:
    id_, hash_, text, title, language, source, meta, created_at = row
    return Document(id_, hash_, text, title, language, source, json.loads(meta), created_at)


def vars_of(value: object) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__slots__}  # type: ignore[attr-defined]


def describe_sqlite_error(error: sqlite3.Error, path: Path | None) -> str:
    """One line for the user about what SQLite refused, naming the project file."""
    where = str(path) if path else _("the project")
    message = str(error)
    if "locked" in message or "busy" in message:
        reason = _("the project is in use by another program (locked); close it and try again")
    elif "disk is full" in message or "database or disk is full" in message:
        reason = _("the disk is full; nothing of the last change was saved")
    elif "readonly" in message or "read-only" in message:
        reason = _("the project file cannot be written (read-only)")
    elif "unable to open" in message:
        reason = _("the project file cannot be opened")
    elif "malformed" in message or "not a database" in message:
        reason = _("the project file is damaged or not a project")
    else:
        reason = message
    return f"{where}: {reason}"
