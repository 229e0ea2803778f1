"""The session loads a long article's marks in two steps without ever missing one."""

from __future__ import annotations

from annotator.core.commands import CreateSpan
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.core.session import Session
from annotator.store.project import Project


def long_article(project: Project) -> tuple[int, str]:
    text = ("Київ і Варшава. " * 4000).strip()  # ~64,000 characters
    document_id = project.add_article(
        ArticleDraft(text=text, title="t", source="s"), language="uk", annotator="a"
    )
    assert document_id is not None
    spans = [SpanDraft(i, i + 4, "GPE") for i in range(0, len(text) - 4, 16)]
    project.add_suggestions(document_id, spans, recognizer="r", version="1")
    return document_id, text


def test_the_first_screenfuls_first_then_everything(project: Project) -> None:
    document_id, text = long_article(project)
    session = Session(project, "a")
    completed = []
    session.index_completed.connect(lambda: completed.append(True))
    session.open(document_id)
    assert completed == []
    assert session.first_mark().start == 0
    assert len(session.marks_touching(0, 100)) == 7
    session.complete()
    assert completed == [True]
    assert len(session.index) == len(range(0, len(text) - 4, 16))


def test_asking_beyond_what_is_loaded_loads_the_rest(project: Project) -> None:
    document_id, text = long_article(project)
    session = Session(project, "a")
    session.open(document_id)
    tail = session.marks_touching(len(text) - 40, len(text))
    assert tail and all(m.start >= len(text) - 44 for m in tail)


def test_an_edit_before_the_rest_is_loaded_keeps_every_mark(project: Project) -> None:
    document_id, _ = long_article(project)
    session = Session(project, "a")
    session.open(document_id)
    before = len(project.marks(document_id))
    session.apply(CreateSpan(document_id, "a", start=5, end=12, label="GPE"))
    assert len(session.index) == before + 1
