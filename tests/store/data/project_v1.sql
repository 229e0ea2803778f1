-- A project file as version 0.1 wrote it (schema migration 0001 only).
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'stance-annotator','0001_initial','2026-11-21 23:40:26.944678+00:00');
CREATE TABLE actor_aliases (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL CHECK (length(trim(alias)) > 0),
    lemma TEXT NOT NULL,
    language TEXT,
    UNIQUE (actor_id, alias)
);
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    label TEXT REFERENCES labels(name) ON UPDATE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES annotators(id)
);
CREATE TABLE annotators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
);
INSERT INTO "annotators" VALUES(1,'Олена','2026-01-10T09:00:00.000+00:00');
CREATE TABLE document_status (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(id),
    status TEXT NOT NULL DEFAULT 'todo'
        CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
    seconds_spent REAL NOT NULL DEFAULT 0 CHECK (seconds_spent >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document_id, annotator_id)
);
INSERT INTO "document_status" VALUES(1,1,'done',42.5,'t');
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
INSERT INTO "documents" VALUES(1,'03172d7d4f2a19cfce0aa01ecec20f12c1de96d97b553df299fd6eb6b52362fc','Япония призвала Азербайджан прекратить огонь 👍','Япония призвала Азербайджан прекратить огонь 👍','ru','old.txt','{}','2026-01-10T09:00:00.000+00:00',1);
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
INSERT INTO "journal" VALUES(1,'t',1,'import article',1,NULL,NULL,'{}');
CREATE TABLE labels (
    name TEXT PRIMARY KEY CHECK (length(name) > 0),
    color TEXT NOT NULL,
    key TEXT,
    description TEXT NOT NULL DEFAULT '',
    nestable INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "labels" VALUES('PER','#f4a3a3','1','',0,0);
INSERT INTO "labels" VALUES('ORG','#9ec5fe','2','',0,1);
INSERT INTO "labels" VALUES('LOC','#a3e4a3','3','',0,2);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO "settings" VALUES('languages','["ru", "uk", "bg", "en"]');
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
INSERT INTO "spans" VALUES(1,1,0,6,'LOC',1,'manual',NULL,NULL,'t','t');
INSERT INTO "spans" VALUES(2,1,16,27,'LOC',1,'manual',NULL,NULL,'t','t');
CREATE TABLE stances (
    name TEXT PRIMARY KEY CHECK (length(name) > 0),
    key TEXT,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "stances" VALUES('favor',NULL,'',0);
INSERT INTO "stances" VALUES('against',NULL,'',1);
CREATE TABLE statement_targets (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    span_id INTEGER REFERENCES spans(id) ON DELETE SET NULL,
    actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    text TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL REFERENCES stances(name) ON UPDATE CASCADE
);
CREATE TABLE statement_types (
    name TEXT PRIMARY KEY CHECK (length(name) > 0),
    key TEXT,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "statement_types" VALUES('demand',NULL,'',0);
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
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX documents_language ON documents(language);
CREATE TRIGGER documents_text_is_immutable
BEFORE UPDATE OF text, hash ON documents
WHEN NEW.text IS NOT OLD.text OR NEW.hash IS NOT OLD.hash
BEGIN
    SELECT RAISE(ABORT, 'the text of an article cannot be changed');
END;
CREATE INDEX actor_aliases_lemma ON actor_aliases(lemma);
CREATE INDEX spans_document ON spans(document_id, start);
CREATE INDEX suggestions_document ON suggestions(document_id, start);
CREATE INDEX statements_document ON statements(document_id);
CREATE INDEX statement_targets_statement ON statement_targets(statement_id);
CREATE INDEX document_status_status ON document_status(status);
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
END;
CREATE TRIGGER spans_fit_their_article_insert
BEFORE INSERT ON spans
WHEN NEW."end" > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
BEGIN
    SELECT RAISE(ABORT, 'span offsets are outside the article');
END;
CREATE TRIGGER spans_fit_their_article_update
BEFORE UPDATE OF start, "end", document_id ON spans
WHEN NEW."end" > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
BEGIN
    SELECT RAISE(ABORT, 'span offsets are outside the article');
END;
CREATE TRIGGER suggestions_fit_their_article_insert
BEFORE INSERT ON suggestions
WHEN NEW."end" > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
BEGIN
    SELECT RAISE(ABORT, 'span offsets are outside the article');
END;
CREATE TRIGGER suggestions_fit_their_article_update
BEFORE UPDATE OF start, "end", document_id ON suggestions
WHEN NEW."end" > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
BEGIN
    SELECT RAISE(ABORT, 'span offsets are outside the article');
END;
COMMIT;
