"""The project file's schema, built by numbered migrations and never edited in place.

A released migration is history: to change the schema, add the next number. Files made by
any earlier version open by running the migrations they lack (after a backup copy, see
:mod:`annotator.store.project`). The data rules are enforced here too, by constraints and
triggers, so that no code path, ours or a script's, can store a span outside its article
or rewrite an article's text or the journal.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("stance-annotator")


def _run(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction half-way: run one by one.
    for statement in script.split(";\n\n"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE annotators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
);

CREATE TABLE labels (
    name TEXT PRIMARY KEY CHECK (length(name) > 0),
    color TEXT NOT NULL,
    key TEXT,
    description TEXT NOT NULL DEFAULT '',
    nestable INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stances (
    name TEXT PRIMARY KEY CHECK (length(name) > 0),
    key TEXT,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE statement_types (
    name TEXT PRIMARY KEY CHECK (length(name) > 0),
    key TEXT,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL CHECK (length(text) > 0),
    title TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    meta TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    imported_by INTEGER REFERENCES annotators(id)
);

CREATE INDEX documents_language ON documents(language);

CREATE TRIGGER documents_text_is_immutable
BEFORE UPDATE OF text, hash ON documents
WHEN NEW.text IS NOT OLD.text OR NEW.hash IS NOT OLD.hash
BEGIN
    SELECT RAISE(ABORT, 'the text of an article cannot be changed');
END;

CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    label TEXT REFERENCES labels(name) ON UPDATE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES annotators(id)
);

CREATE TABLE actor_aliases (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL CHECK (length(trim(alias)) > 0),
    lemma TEXT NOT NULL,
    language TEXT,
    UNIQUE (actor_id, alias)
);

CREATE INDEX actor_aliases_lemma ON actor_aliases(lemma);

CREATE TABLE spans (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" > start),
    label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
    annotator_id INTEGER REFERENCES annotators(id),
    origin TEXT NOT NULL DEFAULT 'manual'
        CHECK (origin IN ('manual', 'imported', 'accepted')),
    suggestion_id INTEGER REFERENCES suggestions(id) ON DELETE SET NULL,
    actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX spans_document ON spans(document_id, start);

CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" > start),
    label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
    recognizer TEXT NOT NULL,
    recognizer_version TEXT NOT NULL DEFAULT '',
    score REAL,
    decision TEXT NOT NULL DEFAULT 'open'
        CHECK (decision IN ('open', 'accepted', 'rejected')),
    decided_by INTEGER REFERENCES annotators(id),
    created_at TEXT NOT NULL
);

CREATE INDEX suggestions_document ON suggestions(document_id, start);

CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    content_start INTEGER NOT NULL CHECK (content_start >= 0),
    content_end INTEGER NOT NULL CHECK (content_end > content_start),
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_span_id INTEGER REFERENCES spans(id) ON DELETE SET NULL,
    speaker_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    addressee_span_id INTEGER REFERENCES spans(id) ON DELETE SET NULL,
    addressee_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    quote_type TEXT CHECK (quote_type IN ('direct', 'indirect', 'mixed')),
    statement_type TEXT REFERENCES statement_types(name) ON UPDATE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    annotator_id INTEGER REFERENCES annotators(id),
    origin TEXT NOT NULL DEFAULT 'manual'
        CHECK (origin IN ('manual', 'imported', 'accepted')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((cue_start IS NULL) = (cue_end IS NULL)),
    CHECK (cue_start IS NULL OR (cue_start >= 0 AND cue_end > cue_start))
);

CREATE INDEX statements_document ON statements(document_id);

CREATE TABLE statement_targets (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    span_id INTEGER REFERENCES spans(id) ON DELETE SET NULL,
    actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    text TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL REFERENCES stances(name) ON UPDATE CASCADE
);

CREATE INDEX statement_targets_statement ON statement_targets(statement_id);

CREATE TABLE document_status (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    status TEXT NOT NULL DEFAULT 'todo'
        CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
    seconds_spent REAL NOT NULL DEFAULT 0 CHECK (seconds_spent >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document_id, annotator_id)
);

CREATE INDEX document_status_status ON document_status(status);

CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    annotator_id INTEGER REFERENCES annotators(id),
    action TEXT NOT NULL,
    document_id INTEGER,
    subject TEXT,
    subject_id INTEGER,
    data TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX journal_document ON journal(document_id, at);

CREATE TRIGGER journal_is_append_only_update
BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only');
END;

CREATE TRIGGER journal_is_append_only_delete
BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only');
END
""",
    )
    for table in ("spans", "suggestions"):
        for event in ("INSERT", 'UPDATE OF start, "end", document_id'):
            name = f"{table}_fit_their_article_{event.split()[0].lower()}"
            db.execute(
                f"""
CREATE TRIGGER {name}
BEFORE {event} ON {table}
WHEN NEW."end" > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
BEGIN
    SELECT RAISE(ABORT, 'span offsets are outside the article');
END"""
            )


@migrations(name="0002_documents_search")
def documents_search(db: Database) -> None:
    # unicode61 folds case for every script (Cyrillic included), which LIKE does not;
    # diacritics are kept because й/и and ї/і are different letters.
    db["documents"].enable_fts(
        ["title", "text"],
        fts_version="FTS5",
        tokenize="unicode61 remove_diacritics 0",
        create_triggers=True,
    )


@migrations(name="0003_document_tokens")
def document_tokens(db: Database) -> None:
    # Articles never change, so their tokens never do: exports tokenize each article once.
    db.execute(
        """
CREATE TABLE document_tokens (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    tokenizer TEXT NOT NULL,
    bounds BLOB NOT NULL
)"""
    )


@migrations(name="0004_statement_suggestions")
def statement_suggestions(db: Database) -> None:
    # Apart from the statements, as entity suggestions are apart from spans: quality can be
    # measured, and re-running the recognizers never touches what annotators recorded.
    _run(
        db,
        """
CREATE TABLE statement_suggestions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    content_start INTEGER NOT NULL CHECK (content_start >= 0),
    content_end INTEGER NOT NULL CHECK (content_end > content_start),
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_start INTEGER,
    speaker_end INTEGER,
    quote_type TEXT CHECK (quote_type IN ('direct', 'indirect', 'mixed')),
    recognizer TEXT NOT NULL,
    recognizer_version TEXT NOT NULL DEFAULT '',
    score REAL,
    decision TEXT NOT NULL DEFAULT 'open'
        CHECK (decision IN ('open', 'accepted', 'rejected')),
    decided_by INTEGER REFERENCES annotators(id),
    statement_id INTEGER REFERENCES statements(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    CHECK ((cue_start IS NULL) = (cue_end IS NULL)),
    CHECK ((speaker_start IS NULL) = (speaker_end IS NULL))
);

CREATE INDEX statement_suggestions_document ON statement_suggestions(document_id);

CREATE TRIGGER statement_suggestions_fit_their_article
BEFORE INSERT ON statement_suggestions
WHEN max(NEW.content_end, coalesce(NEW.cue_end, 0), coalesce(NEW.speaker_end, 0))
     > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
BEGIN
    SELECT RAISE(ABORT, 'statement offsets are outside the article');
END
""",
    )
