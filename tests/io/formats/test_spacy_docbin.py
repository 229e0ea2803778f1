"""The spaCy format: exact round trips through DocBin user data, what plain spaCy sees in
``doc.ents`` and span groups, a config that ``spacy train`` runs as is, and clear errors."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, DocBin, Span

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement, GoldTarget
from annotator.io.formats import FORMATS, WriteOptions
from annotator.io.formats.spacy_docbin import USER_DATA_KEY
from annotator.nlp.training import MAX_EPOCHS
from tests.io.formats.gold_samples import gold_documents, sample_documents

SPACY = FORMATS["spacy"]


def by_source(documents: list[GoldDocument]) -> list[GoldDocument]:
    # Reading goes folder by folder, so languages come back grouped; ids stay in the project.
    return sorted((dataclasses.replace(d, id=None) for d in documents), key=lambda d: d.source)


def english_documents(count: int) -> list[GoldDocument]:
    """Small English articles with the same few entities in varied sentences."""
    people = ["Kenji Sato", "Anna Novak", "Peter Brown", "Maria Lopez"]
    places = ["Japan", "Azerbaijan", "Poland", "Bulgaria"]
    documents = []
    for i in range(count):
        person, place = people[i % len(people)], places[(i * 3) % len(places)]
        text = (
            f"{person} visited {place} on Monday.\nThe talks in {place} went well, {person} said."
        )
        spans = []
        for surface, label in ((person, "PER"), (place, "GPE")):
            start = -1
            while (start := text.find(surface, start + 1)) >= 0:
                spans.append(GoldSpan(start, start + len(surface), label))
        documents.append(
            GoldDocument(text=text, language="en", title=f"Article {i}", source=f"en{i:02}.txt",
                         spans=tuple(sorted(spans, key=lambda s: s.start)))
        )  # fmt: skip
    return documents


def first_doc(file: Path, language: str) -> Doc:
    """The first Doc of a file as plain spaCy reads it (no user data asked for)."""
    return next(DocBin().from_disk(file).get_docs(spacy.blank(language).vocab))


def test_sample_documents_come_back_equal(tmp_path: Path) -> None:
    documents = sample_documents()
    report = SPACY.write(documents, tmp_path, WriteOptions())

    assert by_source(list(SPACY.read(tmp_path))) == by_source(documents)
    assert report.documents == 4
    assert report.spans == sum(len(d.spans) for d in documents)
    assert report.statements == 1
    assert report.left_out == {}
    for language in ("ru", "uk", "bg", "en"):
        for name in ("train.spacy", "dev.spacy", "config.cfg"):
            assert tmp_path / language / name in report.files
    assert tmp_path / "README.txt" in report.files
    assert "spacy train config.cfg" in (tmp_path / "README.txt").read_text(encoding="utf-8")
    # One article per language: in both files, said in the notes, read back once (above).
    assert "ru: 1 train, 1 dev, seed 0" in report.notes
    assert any(note.startswith("ru: only one article") for note in report.notes)


def test_nested_entities_and_statements_are_in_spacy_terms_too(tmp_path: Path) -> None:
    """What spaCy tools see: outer entities in doc.ents, all of them in a span group."""
    ru = sample_documents()[0]
    SPACY.write([ru], tmp_path, WriteOptions())
    doc = next(
        DocBin().from_disk(tmp_path / "ru" / "train.spacy").get_docs(spacy.blank("ru").vocab)
    )

    assert [(e.text, e.label_) for e in doc.ents] == [
        ("МИД Японии", "ORG"), ("Азербайджан", "GPE"), ("Токио", "GPE")
    ]  # fmt: skip
    group = doc.spans["entities"]
    assert [(s.text, s.label_, s.kb_id_) for s in group] == [
        ("МИД Японии", "ORG", ""), ("Японии", "GPE", "Japan"), ("Азербайджан", "GPE", "Azerbaijan"),
        ("Токио", "GPE", ""),
    ]  # fmt: skip
    assert [(s.text, s.label_) for s in doc.spans["statements"]] == [("прекратить огонь", "demand")]
    # DocBin() without store_user_data still carries it: the full statement travels.
    statement = doc.user_data[USER_DATA_KEY]["statements"][0]
    assert statement["note"] == "пример"
    assert statement["targets"][0]["stance"] == "against"


def test_entity_off_token_boundaries_is_kept_counted_and_missing_for_training(
    tmp_path: Path,
) -> None:
    text = "Kenji Sato visited Japanese towns."
    document = GoldDocument(
        text=text, language="en", source="a.txt",
        spans=(GoldSpan(0, 10, "PER", actor="Kenji Sato"), GoldSpan(19, 24, "GPE")),  # "Japan"
    )  # fmt: skip
    report = SPACY.write([document], tmp_path, WriteOptions())

    assert report.left_out == {"entities off token boundaries (kept in user_data only)": 1}
    assert list(SPACY.read(tmp_path)) == [document]
    doc = next(
        DocBin().from_disk(tmp_path / "en" / "train.spacy").get_docs(spacy.blank("en").vocab)
    )
    assert [e.text for e in doc.ents] == ["Kenji Sato"]
    # "Japanese" is neither entity nor outside: NER training must not learn it as "O".
    assert [(t.text, t.ent_iob_) for t in doc][2:4] == [("visited", "O"), ("Japanese", "")]


def test_split_is_seeded_and_holds_out_the_dev_fraction(tmp_path: Path) -> None:
    documents = english_documents(10)

    def dev_sources(folder: Path, seed: int) -> list[str]:
        report = SPACY.write(documents, folder, WriteOptions(dev_fraction=0.2, seed=seed))
        assert f"en: 8 train, 2 dev, seed {seed}" in report.notes
        dev = SPACY.read(folder / "en" / "dev.spacy")
        return sorted(d.source for d in dev)

    first = dev_sources(tmp_path / "a", 0)
    assert dev_sources(tmp_path / "b", 0) == first
    assert len(first) == 2
    train = {d.source for d in SPACY.read(tmp_path / "a" / "en" / "train.spacy")}
    assert train.isdisjoint(first) and len(train) == 8
    assert by_source(list(SPACY.read(tmp_path / "a"))) == by_source(documents)


def test_config_points_at_the_corpora_and_bounds_training(tmp_path: Path) -> None:
    SPACY.write(english_documents(3), tmp_path, WriteOptions(seed=7))
    config = spacy.util.load_config(tmp_path / "en" / "config.cfg")

    assert config["paths"]["train"] == "train.spacy"
    assert config["paths"]["dev"] == "dev.spacy"
    assert config["paths"]["vectors"] is None
    assert config["nlp"]["lang"] == "en"
    assert config["nlp"]["pipeline"] == ["tok2vec", "ner"]
    assert config["system"]["seed"] == 7
    training = config["training"]
    assert training["max_steps"] == 2000
    assert training["max_epochs"] == MAX_EPOCHS  # three articles: the most passes
    # A tiny corpus is run through in a few dozen steps: it must be evaluated within them.
    assert 5 <= training["eval_frequency"] <= 30 * 3
    assert training["patience"] >= training["eval_frequency"]


def test_statements_every_field_round_trip(tmp_path: Path) -> None:
    text = "Sofia told Athens: «we disagree» about Skopje, said the minister."
    statement = GoldStatement(
        content=(20, 31),
        speaker=GoldRef(0, 5, "Sofia"),
        targets=(GoldTarget(GoldRef(39, 45, "Skopje"), "against"),
                 GoldTarget(GoldRef(actor="EU"), "favor")),
        cue=(6, 10),
        addressee=GoldRef(11, 17, None),
        quote_type="direct",
        statement_type=None,
        note="two targets",
    )  # fmt: skip
    document = GoldDocument(
        text=text, language="en", title="T", source="s", meta={"url": "u", "tags": ["a", "b"]},
        spans=(GoldSpan(0, 5, "GPE", "Sofia"), GoldSpan(11, 17, "GPE"),
               GoldSpan(39, 45, "GPE", "Skopje")),
        statements=(statement,), actor_labels={"Sofia": "GPE", "Skopje": "GPE", "EU": None},
        id=42,
    )  # fmt: skip
    SPACY.write([document], tmp_path, WriteOptions())

    assert list(SPACY.read(tmp_path)) == [dataclasses.replace(document, id=None)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(gold_documents(), min_size=1, max_size=5))
def test_random_documents_round_trip(documents: list[GoldDocument]) -> None:
    documents = [dataclasses.replace(d, source=f"d{i}") for i, d in enumerate(documents)]
    with tempfile.TemporaryDirectory() as folder:
        SPACY.write(documents, Path(folder), WriteOptions())
        back = by_source(list(SPACY.read(Path(folder))))
    assert [(d.text, d.language, d.spans) for d in back] == [
        (d.text, d.language, d.spans) for d in documents
    ]


def test_docbin_made_by_plain_spacy_is_read_from_its_entities(tmp_path: Path) -> None:
    nlp = spacy.blank("uk")
    doc = nlp.make_doc("Київ і Варшава домовилися.")
    doc.ents = [Span(doc, 0, 1, "GPE", kb_id="Kyiv"), Span(doc, 2, 3, "GPE")]
    doc.spans["entities"] = [*doc.ents, Span(doc, 0, 3, "MISC")]
    plain = nlp.make_doc("Міністр Олена Коваль заявила.")
    plain.ents = [Span(plain, 1, 3, "PER")]
    folder = tmp_path / "corpus"
    folder.mkdir()
    DocBin(docs=[doc, plain]).to_disk(folder / "train.spacy")
    # The language of a foreign DocBin comes from the config beside it.
    (folder / "config.cfg").write_text('[nlp]\nlang = "uk"\n', encoding="utf-8")

    first, second = SPACY.read(tmp_path)

    assert first.text == "Київ і Варшава домовилися."
    assert first.language == "uk"
    assert first.spans == (
        GoldSpan(0, 4, "GPE", "Kyiv"), GoldSpan(0, 14, "MISC"), GoldSpan(7, 14, "GPE")
    )  # fmt: skip
    assert second.spans == (GoldSpan(8, 20, "PER"),)
    assert second.title == "Міністр Олена Коваль заявила."
    assert first.source == "train.spacy:1"


def test_docbin_without_config_takes_its_language_from_the_folder_name(tmp_path: Path) -> None:
    doc = spacy.blank("bg").make_doc("София и Атина.")
    doc.ents = [Span(doc, 0, 1, "GPE")]
    (tmp_path / "bg").mkdir()
    DocBin(docs=[doc]).to_disk(tmp_path / "bg" / "data.spacy")
    (tmp_path / "other").mkdir()
    DocBin(docs=[doc]).to_disk(tmp_path / "other" / "data.spacy")

    assert [d.language for d in SPACY.read(tmp_path)] == ["bg", "xx"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(os.urandom(2000), id="random bytes"),
        pytest.param(zlib.compress(b"\x93\x01\x02\x03"), id="msgpack but no DocBin"),
        pytest.param(b"", id="empty"),
        pytest.param("truncated", id="truncated DocBin"),
    ],
)
def test_broken_file_gives_an_input_error_naming_it(tmp_path: Path, content: bytes | str) -> None:
    if content == "truncated":
        doc = spacy.blank("en").make_doc("Japan urged Azerbaijan to stop.")
        data = DocBin(docs=[doc]).to_bytes()
        content = data[: len(data) // 2]
    assert isinstance(content, bytes)
    broken = tmp_path / "x.spacy"
    broken.write_bytes(content)

    for path in (broken, tmp_path):
        with pytest.raises(InputError) as raised:
            list(SPACY.read(path))
        assert raised.value.path == str(broken)
        assert str(raised.value).startswith(f"{broken}: not a spaCy DocBin file")


def test_folder_without_spacy_files_gives_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \.spacy files"):
        list(SPACY.read(tmp_path))


@pytest.mark.slow
def test_spacy_train_accepts_the_exported_config_as_is(tmp_path: Path) -> None:
    """The real consumer: spaCy's command line trains from the export and the result loads."""
    export = tmp_path / "export"
    SPACY.write(english_documents(12), export, WriteOptions())
    model = tmp_path / "model"

    result = subprocess.run(
        [sys.executable, "-m", "spacy", "train", "config.cfg", "--output", str(model),
         "--training.max_steps", "10", "--training.eval_frequency", "5"],
        cwd=export / "en", capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    trained = model / "model-best" if (model / "model-best").exists() else model / "model-last"
    nlp = spacy.load(trained)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "GPE"}
    doc = nlp("Anna Novak visited Poland on Monday.")
    assert doc.text == "Anna Novak visited Poland on Monday."
    assert all(e.label_ in {"PER", "GPE"} for e in doc.ents)
