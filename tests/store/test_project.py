"""The project file keeps the data rules and commits every edit before returning."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InvariantError, ProjectError
from annotator.core.model import ArticleDraft, SpanDraft, Status
from annotator.store.project import Project

TEXT = "Япония 👍 призвала Азербайджан прекратить огонь."


def add(project: Project, text: str = TEXT, **kwargs) -> int:
    document_id = project.add_article(
        ArticleDraft(text=text, title=text[:10], source="test"),
        language="ru",
        annotator="Олена",
        **kwargs,
    )
    assert document_id is not None
    return document_id


def journal_length(project: Project) -> int:
    return project.db.execute("SELECT count(*) FROM journal").fetchone()[0]


def test_a_new_project_has_the_default_schema_and_languages(project: Project) -> None:
    assert [label.name for label in project.labels()][:4] == ["PER", "ORG", "LOC", "GPE"]
    assert project.languages == ["ru", "uk", "bg", "en"]
    stances = [row[0] for row in project.db.execute("SELECT name FROM stances ORDER BY position")]
    assert stances == ["favor", "against", "neutral", "unclear"]


def test_file_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.sqlite") as project:
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_each_edit_is_committed_before_the_call_returns(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with Project.open(path) as project:
        document_id = add(project)
        project.add_span(document_id, SpanDraft(0, 6, "GPE"), annotator="Олена")
        # another connection, as after a crash, sees it without any save
        other = sqlite3.connect(path)
        rows = other.execute('SELECT start, "end", label FROM spans').fetchall()
        other.close()
    assert rows == [(0, 6, "GPE")]


def test_offsets_are_code_points(project: Project) -> None:
    document_id = add(project)
    start = TEXT.index("Азербайджан")
    project.add_span(document_id, SpanDraft(start, start + 11, "GPE"), annotator="a")
    span = project.spans(document_id)[0]
    assert TEXT[span.start : span.end] == "Азербайджан"
    # the last code point of the text is a valid end; one past it is not
    project.add_span(document_id, SpanDraft(len(TEXT) - 1, len(TEXT), "MISC"), annotator="a")


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [(5, 3, "PER"), (4, 4, "PER"), (-1, 3, "PER"), (0, len(TEXT) + 1, "PER"), (0, 3, "NOPE")],
)
def test_a_broken_span_is_refused_and_nothing_is_written(
    project: Project, start: int, end: int, label: str
) -> None:
    document_id = add(project)
    before = journal_length(project)
    with pytest.raises(InvariantError):
        project.add_span(document_id, SpanDraft(start, end, label), annotator="a")
    assert project.spans(document_id) == []
    assert journal_length(project) == before


def test_the_database_itself_refuses_spans_outside_the_text(project: Project) -> None:
    document_id = add(project)
    with pytest.raises(sqlite3.IntegrityError, match="outside the article"):
        project.db.execute(
            'INSERT INTO spans (document_id, start, "end", label, created_at, updated_at)'
            " VALUES (?, 0, 999, 'PER', 't', 't')",
            (document_id,),
        )


def test_article_text_and_journal_cannot_be_rewritten(project: Project) -> None:
    document_id = add(project)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        project.db.execute("UPDATE documents SET text = 'x' WHERE id = ?", (document_id,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project.db.execute("DELETE FROM journal")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project.db.execute("UPDATE journal SET action = 'x'")


def test_the_same_text_is_one_document(project: Project) -> None:
    add(project)
    again = project.add_article(
        ArticleDraft(text=TEXT, title="other", source="other.txt"), language="ru", annotator="b"
    )
    assert again is None
    assert project.count_documents() == 1


def test_imported_spans_can_be_suggestions_with_their_recognizer(project: Project) -> None:
    draft = ArticleDraft(text=TEXT, title="t", source="s", spans=(SpanDraft(0, 6, "GPE"),))
    document_id = project.add_article(
        draft, language="ru", annotator="a", spans_as="suggestions", recognizer=("prodigy", "1")
    )
    assert project.spans(document_id) == []
    (suggestion,) = project.suggestions(document_id)
    assert (suggestion.label, suggestion.recognizer, suggestion.recognizer_version) == (
        "GPE",
        "prodigy",
        "1",
    )


def test_status_per_annotator_and_overall(project: Project) -> None:
    document_id = add(project)
    assert project.status(document_id) is Status.TODO
    project.set_status(document_id, "in_progress", annotator="Олена", seconds=12)
    project.set_status(document_id, Status.DONE, annotator="Ivan", seconds=30)
    assert project.status(document_id) is Status.DONE
    assert project.status(document_id, annotator="Олена") is Status.IN_PROGRESS
    assert [d.id for d in project.documents(status="done")] == [document_id]
    assert list(project.documents(status="done", annotator="Олена")) == []
    project.set_status(document_id, "in_progress", annotator="Олена", seconds=8)
    spent = project.db.execute(
        "SELECT seconds_spent FROM document_status s JOIN annotators a ON a.id = s.annotator_id"
        " WHERE a.name = 'Олена'"
    ).fetchone()[0]
    assert spent == 20


def test_every_edit_is_journaled_with_who_and_what(project: Project) -> None:
    document_id = add(project)
    project.add_span(document_id, SpanDraft(0, 6, "GPE"), annotator="Олена")
    project.set_language(document_id, "uk", annotator="Ivan")
    rows = project.db.execute(
        "SELECT a.name, j.action FROM journal j JOIN annotators a ON a.id = j.annotator_id"
        " ORDER BY j.id"
    ).fetchall()
    assert rows == [("Олена", "import article"), ("Олена", "add span"), ("Ivan", "set language")]
    assert project.document(document_id).language == "uk"


def test_search_folds_cyrillic_case(project: Project) -> None:
    first = add(project, "ЯПОНИЯ призвала стороны к диалогу")
    add(project, "Киев и Варшава договорились")
    assert project.search("япония") == [first]
    assert project.search("КИЕВ") != []


def test_a_failed_edit_leaves_no_trace(project: Project) -> None:
    before = journal_length(project)
    with pytest.raises(RuntimeError), project.edit():
        project.annotator_id("Новий")
        add(project)
        raise RuntimeError("power cut")
    assert project.count_documents() == 0
    assert journal_length(project) == before
    assert project.annotators() == []
    add(project)  # the annotator cached inside the failed edit is made again
    assert project.annotators() == ["Олена"]


def test_a_file_that_is_not_a_project_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("hello")
    with pytest.raises(ProjectError, match="not a project"):
        Project.open(path)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(ProjectError, match="not a project"):
        Project.open(other)


def test_a_locked_project_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    Project.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        project = Project.open(path)
        project.db.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(ProjectError, match="locked"):
            add(project)
        project.close()
    except ProjectError as error:  # refused already at opening
        assert "locked" in str(error)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
