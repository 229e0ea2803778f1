"""Every edit undoes and redoes exactly, and keeps span ids for what points at them."""

from __future__ import annotations

import pytest

from annotator.core.commands import (
    AcceptSuggestion,
    Batch,
    CreateSpan,
    DeleteSpan,
    MoveSpan,
    RejectSuggestion,
    RelabelSpan,
    SetStatus,
    accept_all,
    check_overlap,
)
from annotator.core.errors import InvariantError
from annotator.core.model import ArticleDraft, SpanDraft, Status
from annotator.core.spans import Mark, SpanIndex
from annotator.store.project import Project

TEXT = "👍 Япония призвала Азербайджан прекратить огонь."


@pytest.fixture
def doc(project: Project) -> int:
    document_id = project.add_article(
        ArticleDraft(text=TEXT, title="t", source="s"), language="ru", annotator="a"
    )
    assert document_id is not None
    return document_id


def state(project: Project, document_id: int) -> list[tuple]:
    return sorted((m.start, m.end, m.label, m.suggestion) for m in project.marks(document_id))


def span_at(project: Project, document_id: int, surface: str) -> Mark:
    start = TEXT.index(surface)
    return next(m for m in project.marks(document_id) if m.start == start and not m.suggestion)


def test_create_relabel_move_delete_undo_redo(project: Project, doc: int) -> None:
    start = TEXT.index("Япония")
    create = CreateSpan(doc, "Олена", start=start, end=start + 6, label="GPE")
    create.redo(project)
    assert state(project, doc) == [(start, start + 6, "GPE", False)]
    mark = span_at(project, doc, "Япония")
    relabel = RelabelSpan(doc, "Олена", mark=mark, label="LOC")
    relabel.redo(project)
    move = MoveSpan(doc, "Олена", mark=Mark(mark.id, start, start + 6, "LOC"), start=start - 2,
                    end=start + 6)  # fmt: skip
    move.redo(project)
    assert state(project, doc) == [(start - 2, start + 6, "LOC", False)]
    delete = DeleteSpan(doc, "Олена", mark=Mark(mark.id, start - 2, start + 6, "LOC"))
    delete.redo(project)
    assert state(project, doc) == []
    for command in (delete, move, relabel):
        command.undo(project)
    assert state(project, doc) == [(start, start + 6, "GPE", False)]
    create.undo(project)
    assert state(project, doc) == []
    for command in (create, relabel, move, delete):
        command.redo(project)  # ids survived: every later command still finds its span
    assert state(project, doc) == []


def test_undo_of_a_delete_restores_what_pointed_at_the_span(project: Project, doc: int) -> None:
    span_id = project.add_span(doc, SpanDraft(2, 8, "GPE"), annotator="a")
    project.db.execute(
        "INSERT INTO statements (document_id, content_start, content_end, speaker_span_id,"
        " created_at, updated_at) VALUES (?, 9, 17, ?, 't', 't')",
        (doc, span_id),
    )
    delete = DeleteSpan(doc, "a", mark=Mark(span_id, 2, 8, "GPE"))
    delete.redo(project)
    assert project.db.execute("SELECT speaker_span_id FROM statements").fetchone()[0] is None
    delete.undo(project)
    assert project.db.execute("SELECT speaker_span_id FROM statements").fetchone()[0] == span_id


def test_accept_and_reject_suggestions(project: Project, doc: int) -> None:
    project.add_suggestions(
        doc, [SpanDraft(2, 8, "GPE"), SpanDraft(18, 29, "PER")], recognizer="natasha", version="1"
    )
    first, second = [m for m in project.marks(doc) if m.suggestion]
    accept = AcceptSuggestion(doc, "a", mark=first)
    reject = RejectSuggestion(doc, "a", mark=second)
    accept.redo(project)
    reject.redo(project)
    assert state(project, doc) == [(2, 8, "GPE", False)]
    (span,) = project.spans(doc)
    assert span.origin == "accepted" and span.annotator == "a"
    reject.undo(project)
    accept.undo(project)
    assert state(project, doc) == [(2, 8, "GPE", True), (18, 29, "PER", True)]


def test_accept_all_skips_what_would_overlap(project: Project, doc: int) -> None:
    project.add_span(doc, SpanDraft(2, 8, "LOC"), annotator="a")
    project.add_suggestions(
        doc,
        [SpanDraft(2, 8, "GPE"), SpanDraft(18, 29, "GPE"), SpanDraft(18, 24, "PER")],
        recognizer="natasha",
        version="1",
    )
    index = SpanIndex(project.marks(doc))
    commands = accept_all(doc, "a", index, nestable=())
    commands.append(SetStatus(doc, "a", status=Status.DONE, seconds=5))
    done = Batch(doc, "a", commands=commands)
    done.redo(project)
    assert state(project, doc) == [(2, 8, "LOC", False), (18, 29, "GPE", False)]
    assert project.status(doc, annotator="a") is Status.DONE
    done.undo(project)
    assert project.status(doc, annotator="a") is Status.TODO
    assert len([m for m in project.marks(doc) if m.suggestion]) == 3


def test_creating_over_a_suggestion_replaces_it(project: Project, doc: int) -> None:
    project.add_suggestions(doc, [SpanDraft(2, 8, "PER")], recognizer="natasha", version="1")
    (suggestion,) = project.marks(doc)
    create = CreateSpan(doc, "a", start=2, end=8, label="GPE", replaces=(suggestion.id,))
    create.redo(project)
    assert state(project, doc) == [(2, 8, "GPE", False)]
    create.undo(project)
    assert state(project, doc) == [(2, 8, "PER", True)]


def test_overlaps_are_refused_unless_nesting_is_allowed() -> None:
    index = SpanIndex([Mark(1, 10, 20, "ORG")])
    with pytest.raises(InvariantError, match="overlaps the ORG"):
        check_overlap(index, 15, 25, "PER", nestable=())
    with pytest.raises(InvariantError):
        check_overlap(index, 12, 18, "LOC", nestable=())
    check_overlap(index, 12, 18, "LOC", nestable={"ORG"})
    with pytest.raises(InvariantError):  # crossing is never nesting
        check_overlap(index, 15, 25, "LOC", nestable={"ORG", "LOC"})
    check_overlap(index, 20, 25, "PER", nestable=())  # touching is not overlapping


def test_a_command_that_fails_half_way_writes_nothing(project: Project, doc: int) -> None:
    create = CreateSpan(doc, "a", start=2, end=8, label="GPE", replaces=(999,))
    with pytest.raises(InvariantError):
        create.redo(project)
    assert state(project, doc) == []
