"""Training the project's own NER and stance classifier, and where their models go.

Training is bounded to a few epochs (the module's constants) so that each run takes a
second or two; the data is templated news with made-up names, which no other recognizer
knows, so what the model learns decides the figures.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy

from annotator.core.errors import AnnotatorError
from annotator.core.gold import GoldRef, GoldStatement, GoldTarget
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.core.quality import ALL
from annotator.nlp import training
from annotator.nlp.models import (
    INFO_FILE,
    MULTILINGUAL,
    ModelInfo,
    latest,
    list_models,
    models_folder,
    new_model_folder,
)
from annotator.nlp.preannotate import chain_for, context_of, preannotate
from annotator.nlp.recognizers.spacy_pipeline import pipelines_for
from annotator.nlp.stance import StanceSuggester, train_stance
from annotator.nlp.training import NotEnoughData, plan, split, train_ner
from annotator.store.gold import Selection, gold_documents
from annotator.store.project import Project

PEOPLE = ["Zorblat Quenn", "Miravel Tusk", "Oskan Drelle", "Pellin Vark", "Tamsa Yorrel",
          "Fenwick Ardo", "Luma Ostrevi", "Garro Pintel"]  # fmt: skip
PLACES = ["Vantoria", "Kelmark", "Droskavia", "Ulverine", "Pashtoria", "Merendia"]


def _shrink(mp: pytest.MonkeyPatch) -> None:
    """A training of seconds: ten epochs over the small data, a short fine-tuning."""
    mp.setattr(training, "MAX_EPOCHS", 10)
    mp.setattr(training, "MIN_EPOCHS", 1)
    mp.setattr(training, "WORD_BUDGET", 10**6)
    mp.setattr(training, "FINE_TUNE_EPOCHS", 2)


def _refuse_sockets(mp: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("network access in a test")

    mp.setattr(socket, "socket", refuse)
    mp.setattr(socket, "create_connection", refuse)
    mp.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(autouse=True)
def small_training(monkeypatch: pytest.MonkeyPatch) -> None:
    _shrink(monkeypatch)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_sockets(monkeypatch)


def add_articles(
    project: Project, count: int, *, language: str = "en", done: bool = True, first: int = 0
) -> list[int]:
    """``count`` distinct articles with their people and places marked."""
    ids = []
    for i in range(first, first + count):
        person, place = PEOPLE[i % len(PEOPLE)], PLACES[(i * 5) % len(PLACES)]
        host = PEOPLE[(i + 3) % len(PEOPLE)]
        text = f"Minister {person} visited {place} on day {i}. {host} welcomed the visit."
        document_id = project.add_article(
            ArticleDraft(text=text, title=f"Visit {i}", source="s"), language=language,
            annotator="ann",
        )  # fmt: skip
        assert document_id is not None
        for words, label in ((person, "PER"), (place, "GPE"), (host, "PER")):
            start = text.index(words)
            project.add_span(document_id, SpanDraft(start, start + len(words), label),
                             annotator="ann")  # fmt: skip
        if done:
            project.set_status(document_id, "done", annotator="ann")
        ids.append(document_id)
    return ids


def new_project(folder: Path) -> Project:
    project = Project.open(folder / "p.annotator")
    # No installed spaCy pipeline in English: the model is trained from scratch.
    project.set_setting("spacy_pipelines", {"en": []})
    return project


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ModelInfo]]:
    """A project with 24 finished English articles and a model trained on them, offline."""
    folder = tmp_path_factory.mktemp("trained")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            mp.setenv(name, str(folder / name.lower()))
        _shrink(mp)
        with new_project(folder) as project:
            add_articles(project, 24)
            _refuse_sockets(mp)
            report = train_ner(project)
    [model] = report.models
    yield folder / "p.annotator", model


def copy_of(trained: tuple[Path, ModelInfo], tmp_path: Path) -> Path:
    path, _model = trained
    shutil.copytree(path.parent, tmp_path / "copy")
    return tmp_path / "copy" / path.name


# -- the NER ---------------------------------------------------------------------------


def test_training_runs_offline_and_stores_the_model_beside_the_project(
    trained: tuple[Path, ModelInfo],
) -> None:
    path, model = trained
    assert (model.kind, model.lang, model.languages) == ("ner", "en", ("en",))
    assert model.base == ""  # trained from scratch
    assert model.path == path.parent / "p.models" / f"ner-en-{model.version}"
    assert model.path == models_folder(path) / model.name
    assert [m.name for m in list_models(models_folder(path))] == [model.name]
    assert sorted(p.name for p in models_folder(path).iterdir()) == [model.name]
    stored = json.loads((model.path / INFO_FILE).read_text("utf-8"))
    assert stored["kind"] == "ner"
    assert ModelInfo.from_json(stored, model.path) == model


def test_the_model_learnt_from_most_articles_and_was_scored_on_the_rest(
    trained: tuple[Path, ModelInfo],
) -> None:
    _path, model = trained
    assert model.train_articles + model.heldout_articles == 24
    assert model.heldout_articles == round(24 * training.HELD_OUT)
    assert model.train_examples == 3 * model.train_articles
    for key in ("model", "chain_before", "chain_after"):
        assert set(model.scores[key]) == {"en"}, key
        figures = model.scores[key]["en"]
        assert figures[ALL]["entities"] == 3 * model.heldout_articles
        assert set(figures[ALL]) >= {"precision", "recall", "f1", "suggested", "entities"}
    # The names are made up: only the model can know them, and it learnt them.
    f1 = {key: model.scores[key]["en"][ALL]["f1"] for key in model.scores}
    assert f1["model"] > 0.5
    assert f1["chain_after"] > f1["chain_before"]


def test_the_model_loads_with_spacy_and_finds_the_projects_names(
    trained: tuple[Path, ModelInfo],
) -> None:
    _path, model = trained
    nlp = spacy.load(model.path)
    assert "ner" in nlp.pipe_names
    assert {"PER", "GPE"} <= set(nlp.get_pipe("ner").labels)


def test_an_active_model_comes_first_in_pre_annotation(
    trained: tuple[Path, ModelInfo], tmp_path: Path
) -> None:
    _path, model = trained
    assert model.active
    with Project.open(copy_of(trained, tmp_path)) as project:
        first = chain_for(project).recognizers("en")[0]
        assert (first.name, first.version, first.precedence) == (
            "project model", model.name, 10
        )  # fmt: skip
        text = "Minister Tamsa Yorrel visited Droskavia on day 100. Garro Pintel welcomed it."
        new = project.add_article(ArticleDraft(text=text, title="new", source="s"),
                                  language="en", annotator="ann")  # fmt: skip
        assert new is not None
        preannotate(project, [new])
        by_model = {
            (text[s.start : s.end], s.label)
            for s in project.suggestions(new)
            if (s.recognizer, s.recognizer_version) == ("project model", model.name)
        }
        assert by_model & {("Tamsa Yorrel", "PER"), ("Droskavia", "GPE"), ("Garro Pintel", "PER")}


def test_a_model_kept_aside_is_not_used(trained: tuple[Path, ModelInfo], tmp_path: Path) -> None:
    path = copy_of(trained, tmp_path)
    info_file = models_folder(path) / trained[1].name / INFO_FILE
    info_file.write_text(json.dumps({**json.loads(info_file.read_text()), "active": False}))
    with Project.open(path) as project:
        names = [r.name for r in chain_for(project).recognizers("en")]
        assert "project model" not in names
        assert latest(models_folder(path), "ner", "en") is None


def test_fine_tuning_an_installed_pipeline_records_its_base(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        bases = pipelines_for(context_of(project), "en")
        if not bases:
            pytest.skip("no spaCy pipeline for English installed")
        add_articles(project, 20)
        [model] = train_ner(project).models
        assert model.base == bases[0]
        assert model.labels.get("PERSON") == "PER"  # taught as the pipeline's own label
        assert set(model.scores["model"]["en"]) >= {ALL, "PER", "GPE"}
        chain = [r.name for r in chain_for(project).recognizers("en")]
        assert chain[0] == "project model"
        assert f"spacy:{bases[0]}" not in chain  # the model takes its base's place


def test_too_few_finished_articles_is_not_enough(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        add_articles(project, 5)
        add_articles(project, 30, done=False, first=5)
        with pytest.raises(NotEnoughData, match="Not enough finished articles"):
            train_ner(project)
    assert not models_folder(tmp_path / "p.annotator").exists()


def test_a_project_in_memory_cannot_train(project: Project) -> None:
    add_articles(project, 24)
    with pytest.raises(AnnotatorError):
        train_ner(project)


class Cancelled(Exception):
    pass


@pytest.mark.parametrize("stage", ["Training", "Scoring"])
def test_a_cancelled_training_leaves_no_model(tmp_path: Path, stage: str) -> None:
    stages: list[str] = []

    def progress(what: str, done: int, total: int) -> None:
        stages.append(what)
        if what.startswith(stage):
            raise Cancelled

    with new_project(tmp_path) as project:
        add_articles(project, 24)
        with pytest.raises(Cancelled):
            train_ner(project, progress=progress)
    assert stages and stages[-1].startswith(stage)
    folder = models_folder(tmp_path / "p.annotator")
    assert list_models(folder) == []
    left = [p.name for p in folder.iterdir()] if folder.exists() else []
    assert [name for name in left if not name.startswith(".")] == []


def test_a_failure_while_writing_a_model_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(Cancelled), new_model_folder(tmp_path, "ner-en-1") as work:
        (work / INFO_FILE).write_text("{}")
        raise Cancelled
    assert list(tmp_path.iterdir()) == []
    with new_model_folder(tmp_path, "ner-en-2") as work:
        (work / "x").write_text("done")
    assert [p.name for p in tmp_path.iterdir()] == ["ner-en-2"]


# -- which models, on which articles ---------------------------------------------------


def planned(project: Project, language: str | None = None) -> tuple[list[tuple], dict]:
    plans, skipped = plan(project, language)
    return [(p.lang, p.languages, len(p.documents)) for p in plans], skipped


def test_each_language_with_enough_articles_gets_its_own_model(project: Project) -> None:
    add_articles(project, 20, language="en")
    add_articles(project, 20, language="ru", first=20)
    add_articles(project, 4, language="bg", first=40)
    assert planned(project) == ([("en", ("en",), 20), ("ru", ("ru",), 20)], {"bg": 4})


def test_small_languages_share_one_multilingual_model(project: Project) -> None:
    add_articles(project, 20, language="en")
    add_articles(project, 6, language="ru", first=20)
    add_articles(project, 5, language="bg", first=30)
    assert planned(project) == (
        [("en", ("en",), 20), (MULTILINGUAL, ("bg", "ru"), 11)], {}
    )  # fmt: skip


def test_too_few_articles_even_together_train_nothing(project: Project) -> None:
    add_articles(project, 5, language="ru")
    add_articles(project, 4, language="bg", first=10)
    assert planned(project) == ([], {"bg": 4, "ru": 5})


def test_asked_for_one_small_language_it_is_trained_on_its_own(project: Project) -> None:
    add_articles(project, 12, language="ru")
    add_articles(project, 20, language="en", first=20)
    assert planned(project, "ru") == ([("ru", ("ru",), 12)], {})


def test_only_finished_articles_with_entities_count(project: Project) -> None:
    add_articles(project, training.MIN_POOLED - 1)
    add_articles(project, 10, done=False, first=training.MIN_POOLED - 1)
    empty = project.add_article(ArticleDraft(text="Nothing here.", title="t", source="s"),
                                language="en", annotator="ann")  # fmt: skip
    assert empty is not None
    project.set_status(empty, "done", annotator="ann")
    assert planned(project) == ([], {"en": training.MIN_POOLED - 1})


def test_one_small_language_with_enough_to_learn_from_gets_its_own_model(
    project: Project,
) -> None:
    add_articles(project, training.MIN_POOLED + 2, language="ru")
    assert planned(project) == ([("ru", ("ru",), training.MIN_POOLED + 2)], {})


def test_the_held_out_split_is_the_same_each_time(project: Project) -> None:
    add_articles(project, 24)
    documents = list(gold_documents(project, Selection(status="done")))
    train, held = split(documents)
    assert len(held) == round(24 * training.HELD_OUT)
    assert {d.id for d in train}.isdisjoint(d.id for d in held)
    assert len(train) + len(held) == 24
    again = split(list(reversed(documents)))
    assert [d.id for d in again[1]] == [d.id for d in held]
    assert len(split(documents[:3])[1]) == training.MIN_HELD_OUT


# -- the stance classifier -------------------------------------------------------------


def add_statements(project: Project, count: int) -> None:
    """``count`` articles of one statement each, with a target for and two against."""
    for i in range(count):
        person = PEOPLE[i % len(PEOPLE)]
        a, b, c = (PLACES[(i + k) % len(PLACES)] for k in range(3))
        text = f"{person} said: we support {a}, but we condemn {b} and {c} on day {i}."
        document_id = project.add_article(ArticleDraft(text=text, title="s", source="s"),
                                          language="en", annotator="ann")  # fmt: skip
        assert document_id is not None
        at = {}
        for words, label in ((person, "PER"), (a, "GPE"), (b, "GPE"), (c, "GPE")):
            start = text.index(words)
            at[words] = (start, start + len(words))
            project.add_span(document_id, SpanDraft(*at[words], label), annotator="ann")
        statement = GoldStatement(
            content=(text.index("we support"), len(text) - 1),
            speaker=GoldRef(*at[person]),
            targets=(GoldTarget(GoldRef(*at[a]), "favor"), GoldTarget(GoldRef(*at[b]), "against"),
                     GoldTarget(GoldRef(*at[c]), "against")),
        )  # fmt: skip
        project.add_statement(document_id, statement, annotator="ann")


def test_the_stance_classifier_trains_and_suggests_a_projects_stance(
    tmp_path: Path, no_network: None
) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        add_statements(project, 12)  # 36 targets
        info = train_stance(project)
        stances = {row[0] for row in project.db.execute("SELECT name FROM stances")}
    assert (info.kind, info.lang, info.languages) == ("stance", MULTILINGUAL, ("en",))
    assert info.train_examples + info.scores["held_out_examples"] == 36
    assert info.path == models_folder(tmp_path / "p.annotator") / info.name
    assert [m.name for m in list_models(info.path.parent, "stance")] == [info.name]
    suggester = StanceSuggester(tmp_path / "p.annotator")
    assert suggester.available()
    suggestion = suggester.suggest("Kelmark", "we condemn Kelmark and Vantoria")
    assert suggestion is not None
    stance, probability = suggestion
    assert stance in {"favor", "against"} and stance in stances
    assert 0.0 <= probability <= 1.0


def test_without_a_stance_model_nothing_is_suggested(tmp_path: Path) -> None:
    suggester = StanceSuggester(tmp_path / "p.annotator")
    assert not suggester.available()
    assert suggester.suggest("Kelmark", "we condemn Kelmark") is None
    assert StanceSuggester(None).suggest("Kelmark", "we condemn Kelmark") is None


def test_too_few_statement_targets_is_not_enough(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        add_statements(project, 9)  # 27 targets
        with pytest.raises(NotEnoughData, match="27"):
            train_stance(project)
    assert list_models(models_folder(tmp_path / "p.annotator")) == []


def test_one_stance_only_is_not_enough(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        add_statements(project, 1)
        document_id = project.add_article(
            ArticleDraft(text="Luma Ostrevi praised Kelmark.", title="t", source="s"),
            language="en", annotator="ann",
        )  # fmt: skip
        assert document_id is not None
        project.add_span(document_id, SpanDraft(0, 12, "PER"), annotator="ann")
        targets = tuple(GoldTarget(GoldRef(actor=f"Actor {k}"), "favor") for k in range(40))
        project.add_statement(document_id, GoldStatement((13, 28), GoldRef(0, 12), targets),
                              annotator="ann")  # fmt: skip
        # 43 targets, but "against" only twice.
        with pytest.raises(NotEnoughData):
            train_stance(project)
