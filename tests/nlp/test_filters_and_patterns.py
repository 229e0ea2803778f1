"""What the entity filter drops or trims, what the name patterns find, and the city lists."""

from __future__ import annotations

import pytest
import spacy

from annotator.nlp.places import cities
from annotator.nlp.preannotate import edges
from annotator.nlp.recognizers import Context
from annotator.nlp.recognizers.filters import EntityFilter
from annotator.nlp.recognizers.patterns import build


def filtered(language: str, text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``ents`` (words, label), in the order they occur, set on the text and filtered."""
    doc = spacy.blank(language)(text)
    spans, at = [], 0
    for words, label in ents:
        start = text.index(words, at)
        at = start + len(words)
        span = doc.char_span(start, at, label=label)
        assert span is not None, words
        spans.append(span)
    doc.ents = spans
    return [(e.text, e.label_) for e in EntityFilter(language)(doc).ents]


def test_an_entity_across_a_line_break_is_dropped() -> None:
    text = "SPORT\nSubscribe now. Oslo hosted the talks."
    assert filtered("en", text, [("SPORT\nSubscribe", "ORG"), ("Oslo", "GPE")]) == [("Oslo", "GPE")]


def test_two_names_joined_by_and_are_split_in_two() -> None:
    assert filtered("en", "Paris and London agreed.", [("Paris and London", "GPE")]) == [
        ("Paris", "GPE"),
        ("London", "GPE"),
    ]
    assert filtered("uk", "Україна та Японія домовились.", [("Україна та Японія", "GPE")]) == [
        ("Україна", "GPE"),
        ("Японія", "GPE"),
    ]
    # A longer name with "and" inside is left whole.
    whole = [("Tom and Jerry Smith", "PER")]
    assert filtered("en", "Tom and Jerry Smith came.", whole) == whole


def test_leading_ordinary_words_and_trailing_lower_case_words_are_trimmed() -> None:
    text = "Yesterday the Foreign Ministry said so."
    assert filtered("en", text, [("the Foreign Ministry", "ORG")]) == [("Foreign Ministry", "ORG")]
    text = "Според Софийската градска прокуратура Асен Кременлиев призова."
    assert filtered("bg", text, [("Според Софийската градска прокуратура", "ORG"),
                                 ("Асен Кременлиев призова", "PER")]) == [
        ("Софийската градска прокуратура", "ORG"),  # an organisation may end in lower case
        ("Асен Кременлиев", "PER"),
    ]  # fmt: skip


def test_punctuation_tokens_at_the_edges_are_trimmed() -> None:
    text = 'He said ( "Acme Holdings" , ) today.'
    assert filtered("en", text, [('( "Acme Holdings" , )', "ORG")]) == [("Acme Holdings", "ORG")]


def test_slashes_glued_to_a_name_are_trimmed_not_the_name_dropped() -> None:
    # spaCy keeps "/" on the word ("/Черно" is one token): the filter keeps the entity and
    # the chain moves its edges inside the punctuation.
    text = "Варна /Черно море/ днес, агенция „Митници“."
    assert filtered("bg", text, [("/Черно море/", "LOC")]) == [("/Черно море/", "LOC")]
    start = text.index("/Черно")
    assert text[slice(*edges(text, start, start + len("/Черно море/")))] == "Черно море"
    quoted = text.index("агенция")
    # a closing quote stays with its opening one
    assert text[slice(*edges(text, quoted, len(text)))] == "агенция „Митници“"


def test_a_lone_word_written_in_lower_case_elsewhere_is_dropped() -> None:
    text = "The apple fell. Apple said so. NATO and the nato site. Glasgow rained."
    ents = [("Apple", "ORG"), ("NATO", "ORG"), ("Glasgow", "GPE")]
    assert filtered("en", text, ents) == [("NATO", "ORG"), ("Glasgow", "GPE")]


@pytest.mark.parametrize(
    ("language", "text", "full", "alone", "stranger"),
    [
        ("bg", "Асен Кременлиев призова. Кременлиев каза. Прочетете още.",
         "Асен Кременлиев", "Кременлиев", "Прочетете"),
        ("uk", "Петро Порошенко приїхав. Порошенко заявив. Зеленський мовчав.",
         "Петро Порошенко", "Порошенко", "Зеленський"),
    ],
)  # fmt: skip
def test_one_word_persons_are_kept_only_as_part_of_a_full_name(
    language: str, text: str, full: str, alone: str, stranger: str
) -> None:
    ents = [(full, "PER"), (alone, "PER"), (stranger, "PER")]
    assert filtered(language, text, ents) == [(full, "PER"), (alone, "PER")]


def test_in_russian_a_one_word_person_stays() -> None:
    text = "Путин говорил долго."
    assert filtered("ru", text, [("Путин", "PER")]) == [("Путин", "PER")]


def found(language: str, text: str) -> list[tuple[str, str]]:
    doc = build(language, Context())(text)
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "The Bank of Ghana raised rates, the Wild Poland Foundation said.",
         [("Bank of Ghana", "ORG"), ("Wild Poland Foundation", "ORG")]),
        ("bg", "Централната избирателна комисия заседава край Черно море.",
         [("Централната избирателна комисия", "ORG"), ("Черно море", "LOC")]),
        ("uk", "Міністерство оборони Литви повідомило.",
         [("Міністерство оборони Литви", "ORG")]),
        ("uk", "Представник Міністерства оборони Литви заявив.",
         [("Міністерства оборони Литви", "ORG")]),
    ],
)  # fmt: skip
def test_name_patterns_find_names_around_a_head_noun(
    language: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(language, text) == expected


def test_name_patterns_need_capitals_and_one_line() -> None:
    assert found("en", "the bank of ghana said. The Bank\nof Ghana said.") == []


@pytest.mark.parametrize(
    ("language", "city"), [("bg", "Хасково"), ("bg", "Смолян"), ("uk", "Київ"), ("en", "Ottawa")]
)
def test_cities_of_each_language(language: str, city: str) -> None:
    assert city in {place.name for place in cities(language)}


@pytest.mark.parametrize(
    "language",
    [
        "ru",
        "bg",
        "en",
        "uk",
    ],
)
def test_no_city_name_has_fewer_than_three_letters(language: str) -> None:
    short = [p.name for p in cities(language) if sum(ch.isalpha() for ch in p.name) < 3]
    assert short == []


def test_city_names_are_capitalised_words_in_the_languages_alphabet() -> None:
    for language in ("ru", "uk", "bg", "en"):
        names = [p.name for p in cities(language)]
        assert all(name[0].isupper() and not name.isupper() for name in names), language
    assert not [n for n in (p.name for p in cities("ru")) if set(n.lower()) & set("іїєґ")]
    assert not [n for n in (p.name for p in cities("uk")) if set(n.lower()) & set("ыэё")]
    assert not [n for n in (p.name for p in cities("bg")) if set(n.lower()) & set("ыэёіїє")]
