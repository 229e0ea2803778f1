"""The chain: precedence, label mapping, storage with name and version, re-runs."""

from __future__ import annotations

import pytest
import spacy

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.nlp import recognizers
from annotator.nlp.preannotate import preannotate
from annotator.nlp.recognizers import Recognizer
from annotator.store.project import Project

TEXT = "Japan urged Azerbaijan to stop. Kenji Sato said so."


def ruler(patterns: list[dict]):  # type: ignore[no-untyped-def]
    def build(language: str, context) -> spacy.language.Language:  # type: ignore[no-untyped-def]
        nlp = spacy.blank(language)
        nlp.add_pipe("entity_ruler").add_patterns(patterns)
        return nlp

    return build


@pytest.fixture
def chain(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = {
        "first": Recognizer("first", "2", ruler([{"label": "COUNTRY", "pattern": "Japan"},
                                                  {"label": "PERSON", "pattern": "Kenji Sato"}]),
                            labels={"COUNTRY": "GPE", "PERSON": "PER"}, precedence=10),
        "second": Recognizer("second", "1", ruler([{"label": "GPE", "pattern": "Japan urged"},
                                                   {"label": "GPE", "pattern": "Azerbaijan"},
                                                   {"label": "WEIRD", "pattern": "stop"}]),
                             languages=frozenset({"en"}), precedence=20),
    }  # fmt: skip
    monkeypatch.setattr(recognizers, "RECOGNIZERS", registry)
    monkeypatch.setattr(recognizers, "PROVIDERS", {})


def add(project: Project, text: str = TEXT) -> int:
    document_id = project.add_article(
        ArticleDraft(text=text, title="t", source="s"), language="en", annotator="a"
    )
    assert document_id is not None
    return document_id


def found(project: Project, document_id: int) -> list[tuple[str, str, str, str]]:
    return [(TEXT[s.start : s.end], s.label, s.recognizer, s.recognizer_version)
            for s in project.suggestions(document_id)]  # fmt: skip


def test_precedence_mapping_and_provenance(project: Project, chain: None) -> None:
    document_id = add(project)
    report = preannotate(project)
    assert found(project, document_id) == [
        ("Japan", "GPE", "first", "2"),
        ("Azerbaijan", "GPE", "second", "1"),
        ("Kenji Sato", "PER", "first", "2"),
    ]  # "Japan urged" lost to the earlier recognizer; WEIRD is not in the schema
    assert report.unmapped == {"WEIRD": 1}
    assert report.by_recognizer == {"first": 2, "second": 1}


def test_the_project_can_remap_a_recognizers_labels(project: Project, chain: None) -> None:
    project.set_setting("recognizer_labels", {"first": {"COUNTRY": "LOC"}})
    document_id = add(project)
    preannotate(project)
    assert ("Japan", "LOC", "first", "2") in found(project, document_id)


def test_a_rerun_keeps_decisions_and_only_new_skips(project: Project, chain: None) -> None:
    document_id = add(project)
    preannotate(project)
    japan = next(s for s in project.suggestions(document_id) if s.label == "GPE")
    project.decide_suggestion(japan.id, "rejected", annotator="a")
    project.add_span(document_id, SpanDraft(32, 42, "PER"), annotator="a")
    preannotate(project)
    assert [f[0] for f in found(project, document_id)] == ["Azerbaijan"]
    other = add(project, "Japan again.")
    report = preannotate(project, only_new=True)
    assert report.documents == 1
    assert [s.document_id for s in project.suggestions(other)] == [other]


def test_cancel_keeps_whole_articles(project: Project, chain: None) -> None:
    ids = [add(project, f"{TEXT} {i}") for i in range(3)]

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done == 2:
            raise Stop

    with pytest.raises(Stop):
        preannotate(project, progress=progress)
    counts = [len(project.suggestions(i)) for i in ids]
    assert counts == [3, 3, 0]
