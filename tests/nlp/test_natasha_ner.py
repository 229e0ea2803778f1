"""natasha as a spaCy recognizer: its entities, exact surfaces, batching, long texts and a
cheap import."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest
import spacy
from spacy.language import Language

from annotator.nlp.recognizers import Context, for_language
from annotator.nlp.recognizers.natasha_ner import COMPONENT, build, pieces
from tests.conftest import ROOT

RU = "МИД Японии призвал Азербайджан прекратить огонь, заявил Ёсимаса Хаяси."
BG = "Президентът Румен Радев посети София и се срещна с кмета на Варна."


@pytest.fixture(scope="module")
def ru() -> Language:
    return build("ru", Context())


def ents(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_russian_people_places_and_organisations(ru: Language) -> None:
    found = ents(ru, RU)
    assert ("Ёсимаса Хаяси", "PER") in found
    assert {("Японии", "LOC"), ("Азербайджан", "LOC")} <= found
    assert ("МИД", "ORG") in found


def test_bulgarian_gets_people_or_places() -> None:
    labels = {label for _, label in ents(build("bg", Context()), BG)}
    assert labels & {"PER", "LOC"}


def test_ukrainian_pipeline_builds_and_tags() -> None:
    doc = build("uk", Context())("Володимир Зеленський прибув до Києва.")
    assert all(e.label_ in {"PER", "LOC", "ORG"} for e in doc.ents)


def test_an_emoji_before_an_entity_keeps_surfaces_exact(ru: Language) -> None:
    # An emoji is one code point but two UTF-16 units: offsets must stay in code points.
    text = "🇯🇵😀 " + RU
    doc = ru(text)
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    assert ("Ёсимаса Хаяси", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_pipe_tags_each_text_on_its_own(ru: Language) -> None:
    texts = [RU, "", "Владимир Путин приехал в Москву.", "   ", RU]
    docs = list(ru.pipe(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    assert ents(ru, RU) == {(e.text, e.label_) for e in docs[0].ents}
    assert ents(ru, RU) == {(e.text, e.label_) for e in docs[4].ents}
    assert not docs[1].ents and not docs[3].ents
    assert ("Владимир Путин", "PER") in {(e.text, e.label_) for e in docs[2].ents}


def test_empty_text_has_no_entities(ru: Language) -> None:
    assert not ru("").ents


def test_long_texts_are_tagged_in_pieces_with_offsets_shifted() -> None:
    # A tiny limit stands in for a 100k-character article.
    nlp = spacy.blank("ru")
    nlp.add_pipe(COMPONENT, config={"max_chars": 90})
    text = "\n".join([RU, "Владимир Путин приехал в Москву.", RU])
    doc = nlp(text)
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    found = [(e.text, e.label_) for e in doc.ents]
    assert found.count(("Ёсимаса Хаяси", "PER")) == 2
    assert ("Москву", "LOC") in found
    assert doc.ents[-1].end_char == text.rindex("Хаяси") + len("Хаяси")


def test_pieces_cut_at_lines_then_sentences_then_spaces() -> None:
    lines = "один два\nтри четыре\n"
    assert pieces(lines, 100) == [(0, len(lines))]
    assert pieces(lines, 12) == [(0, 9), (9, len(lines))]

    from annotator.nlp.recognizers.natasha_ner import models

    sentences = "Первое предложение. Второе предложение."
    cut = sentences.index("Второе")
    assert pieces(sentences, 30, models().segmenter)[0] == (0, cut)
    assert pieces("аааа бббб", 6) == [(0, 5), (5, 9)]
    assert pieces("аааааааа", 3) == [(0, 3), (3, 6), (6, 8)]


@pytest.mark.parametrize("max_chars", [5, 17, 40])
def test_pieces_cover_the_text_exactly(max_chars: int) -> None:
    text = (RU + "\n") * 3 + "оченьдлинноеслово" * 4
    bounds = pieces(text, max_chars)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))
    assert all(0 < stop - start <= max_chars for start, stop in bounds)


def test_registered_for_slavic_languages_only() -> None:
    for language in ("ru", "uk", "bg"):
        assert "natasha" in [r.name for r in for_language(language)]
    assert "natasha" not in [r.name for r in for_language("en")]


def test_importing_the_registry_does_not_load_natasha() -> None:
    code = (
        "import sys, annotator.nlp.recognizers as r\n"
        "assert 'natasha' in r.RECOGNIZERS\n"
        "print(sorted(m for m in ('natasha', 'slovnet', 'navec') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
