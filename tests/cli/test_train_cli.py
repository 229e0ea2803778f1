"""``annotator train`` and ``annotator stats --quality`` as a user types them."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.nlp import training
from annotator.nlp.models import list_models, models_folder
from annotator.store.project import Project

PEOPLE = ["Zorblat Quenn", "Miravel Tusk", "Oskan Drelle", "Pellin Vark", "Tamsa Yorrel"]
PLACES = ["Vantoria", "Kelmark", "Droskavia", "Ulverine"]


def run(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.fixture(autouse=True)
def small_training(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(training, "MAX_EPOCHS", 10)
    monkeypatch.setattr(training, "MIN_EPOCHS", 1)
    monkeypatch.setattr(training, "WORD_BUDGET", 10**6)


def make_project(path: Path, done: int) -> None:
    """``done`` finished English articles, each with a suggestion kept and one rejected."""
    with Project.open(path) as project:
        project.set_setting("spacy_pipelines", {"en": []})
        for i in range(done):
            person, place = PEOPLE[i % len(PEOPLE)], PLACES[i % len(PLACES)]
            text = f"Minister {person} visited {place} on day {i}."
            document_id = project.add_article(
                ArticleDraft(text=text, title=f"{i}", source="s"), language="en", annotator="ann"
            )
            assert document_id is not None
            person_at = SpanDraft(9, 9 + len(person), "PER")
            start = text.index(place)
            place_at = SpanDraft(start, start + len(place), "GPE")
            project.add_suggestions(
                document_id,
                [person_at, SpanDraft(place_at.start, place_at.end, "ORG")],
                recognizer="natasha",
                version="1.6",
            )
            project.add_span(document_id, person_at, annotator="ann")
            project.add_span(document_id, place_at, annotator="ann")
            project.set_status(document_id, "done", annotator="ann")


def test_train_then_quality_print_the_model_and_the_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite"
    make_project(db, 24)

    assert run("train", "--db", db, "--no-progress") == 0
    out = capsys.readouterr().out
    [model] = list_models(models_folder(db))
    assert f"Model {model.name} (en): 19 articles learnt, 5 held out" in out
    assert "en held out: F1 " in out
    assert "en: pre-annotation F1 " in out and "without the model" in out
    assert "first in pre-annotation from now on" in out

    assert run("stats", "--quality", "--db", db) == 0
    out = capsys.readouterr().out
    assert "en: 24 finished articles" in out
    # Half the suggestions were right (the person), half the entities found.
    assert "all recognizers: precision 0.50, recall 0.50, F1 0.50 (48 suggested)" in out
    assert "natasha 1.6: precision 0.50, recall 0.50, F1 0.50 (48 suggested)" in out
    assert "PER: precision 1.00, recall 1.00, F1 1.00 (24 suggested)" in out
    assert f"Latest ner model {model.name} (en), trained " in out
    assert "en held out: precision " in out


def test_train_with_too_few_finished_articles_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite"
    make_project(db, 3)
    assert run("train", "--db", db, "--no-progress") != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("annotator: error: Not enough finished articles to train")
    assert f"{training.MIN_ARTICLES} articles marked done" in captured.err
    assert list_models(models_folder(db)) == []


def test_quality_without_finished_articles_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite"
    Project.open(db).close()
    assert run("stats", "--quality", "--db", db) == 0
    assert "mark articles done" in capsys.readouterr().out
