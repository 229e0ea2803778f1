"""How the chain merges what its recognizers find: precedence, relabelling, absorbing,
the rest of a partly overlapping name, and later mentions of names already found."""

from __future__ import annotations

import pytest
import spacy

from annotator.nlp import recognizers
from annotator.nlp.preannotate import Chain, Found, repeated
from annotator.nlp.recognizers import Context, Recognizer

LABELS = {"PER", "ORG", "LOC", "GPE", "EVENT", "MISC"}


def ruler(patterns: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    def build(language: str, context: Context) -> spacy.language.Language:
        nlp = spacy.blank(language)
        nlp.add_pipe("entity_ruler").add_patterns(
            [{"label": label, "pattern": pattern} for label, pattern in patterns]
        )
        return nlp

    return build


def fake(name: str, precedence: int, patterns: list[tuple[str, str]], **flags: bool) -> Recognizer:
    return Recognizer(name, "1", ruler(patterns), precedence=precedence, **flags)


@pytest.fixture(autouse=True)
def only_fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recognizers, "RECOGNIZERS", {})
    monkeypatch.setattr(recognizers, "PROVIDERS", {})


def run(text: str, *fakes: Recognizer) -> list[tuple[str, str, str]]:
    chain = Chain(Context(languages=("en",)), LABELS, extra=list(fakes))
    [found] = chain.suggest("en", [text])
    return sorted((text[f.start : f.end], f.label, f.recognizer.name) for f in found)


def test_the_earlier_recognizer_wins_an_overlap_whatever_the_order_given() -> None:
    text = "Japan urged Azerbaijan to stop."
    early = fake("early", 10, [("GPE", "Japan")])
    late = fake("late", 20, [("ORG", "Japan urged"), ("GPE", "Azerbaijan")])
    expected = [("Azerbaijan", "GPE", "late"), ("Japan", "GPE", "early")]
    assert run(text, early, late) == expected
    assert run(text, late, early) == expected


def test_a_relabelling_recognizer_changes_the_label_of_exactly_the_same_words() -> None:
    text = "Officials in Kherson and Odesa Port met."
    early = fake("model", 10, [("LOC", "Kherson"), ("LOC", "Odesa Port")])
    cities = fake("cities", 30, [("GPE", "Kherson"), ("GPE", "Odesa")], relabels=True)
    assert run(text, early, cities) == [
        ("Kherson", "GPE", "cities"),  # the same words: the city list's label wins
        ("Odesa Port", "LOC", "model"),  # only part of a longer name: left as it was
    ]


def test_without_relabels_the_same_words_keep_the_earlier_label() -> None:
    text = "Officials in Kherson met."
    early = fake("model", 10, [("LOC", "Kherson")])
    other = fake("other", 30, [("GPE", "Kherson")])
    assert run(text, early, other) == [("Kherson", "LOC", "model")]


def test_an_absorbing_recognizer_replaces_names_inside_its_longer_name() -> None:
    text = "The Bank of Ghana and the Bank of Ghana in Accra Region."
    early = fake("model", 10, [("GPE", "Ghana"), ("GPE", "Accra Region")])
    names = fake("names", 35, [("ORG", "Bank of Ghana"), ("ORG", "Accra")], absorbs=True)
    assert run(text, early, names) == [
        ("Accra Region", "GPE", "model"),  # "Accra" lies inside an earlier name: no absorbing
        ("Bank of Ghana", "ORG", "names"),
        ("Bank of Ghana", "ORG", "names"),
    ]


def test_without_absorbs_a_longer_name_loses_to_the_earlier_shorter_one() -> None:
    text = "The Bank of Ghana said so."
    early = fake("model", 10, [("GPE", "Ghana")])
    later = fake("later", 35, [("ORG", "Bank of Ghana")])
    # The rest of the longer name ("Bank of") is kept as a name of its own.
    assert run(text, early, later) == [("Bank of", "ORG", "later"), ("Ghana", "GPE", "model")]


def test_a_partly_overlapping_name_keeps_its_remaining_capitalised_words() -> None:
    text = "Envoy of Japan Kenji Sato arrived."
    early = fake("gazetteer", 10, [("GPE", "Japan")])
    later = fake("natasha", 20, [("PER", "Japan Kenji Sato")])
    assert run(text, early, later) == [
        ("Japan", "GPE", "gazetteer"),
        ("Kenji Sato", "PER", "natasha"),
    ]


def test_the_rest_is_dropped_when_it_does_not_look_like_a_name() -> None:
    early = fake("early", 10, [("GPE", "Japan"), ("GPE", "Osaka")])
    lower = fake("late", 20, [("ORG", "Japan urged")])
    assert run("Japan urged calm.", early, lower) == [("Japan", "GPE", "early")]
    # Free words on both sides of an earlier find are two pieces, not one name.
    split = fake("late", 20, [("ORG", "Tokyo Osaka Kyoto")])
    assert run("From Tokyo Osaka Kyoto.", early, split) == [("Osaka", "GPE", "early")]
    # Nothing but punctuation left over.
    punctuation = fake("late", 20, [("ORG", "Japan ,")])
    assert run("Japan , then.", early, punctuation) == [("Japan", "GPE", "early")]


def test_a_surname_alone_after_the_full_name_is_a_person() -> None:
    text = "Kenji Sato arrived. Sato said the talks went well."
    names = fake("people", 10, [("PER", "Kenji Sato")])
    assert run(text, names) == [("Kenji Sato", "PER", "people"), ("Sato", "PER", "people")]


def found_at(text: str, words: str, label: str, occurrence: int = 0) -> Found:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Found(start, start + len(words), label, fake("r", 10, []))


def surfaces(text: str, added: list[Found]) -> list[tuple[str, str, int]]:
    return sorted((text[f.start : f.end], f.label, f.start) for f in added)


def test_repeats_of_a_found_name_are_found_with_its_label() -> None:
    text = "Acme Corp grew. Analysts like Acme Corp. Acme Corporation did not."
    added = repeated(text, [found_at(text, "Acme Corp", "ORG")], "en")
    assert surfaces(text, added) == [("Acme Corp", "ORG", text.index("Acme Corp."))]


def test_repeated_adds_nothing_over_what_was_found() -> None:
    text = "Kenji Sato met Sato Holdings. Sato left. Satoshi stayed."
    found = [found_at(text, "Kenji Sato", "PER"), found_at(text, "Sato Holdings", "ORG")]
    added = repeated(text, found, "en")
    # "Sato" inside "Sato Holdings" is taken already; "Satoshi" is another word.
    assert surfaces(text, added) == [("Sato", "PER", text.index("Sato left"))]


def test_only_names_of_people_places_and_organisations_are_repeated() -> None:
    text = "Euro 2024 began. Acme Corp grew. Euro 2024 ended. Corp shares rose."
    found = [found_at(text, "Euro 2024", "EVENT"), found_at(text, "Acme Corp", "ORG")]
    # An event is not repeated; the last word of an organisation is not a surname.
    assert repeated(text, found, "en") == []


def test_in_russian_an_inflected_surname_is_found() -> None:
    text = "Сергей Лавров прибыл в Анкару. Журналисты спросили Лаврова о сделке."
    added = repeated(text, [found_at(text, "Сергей Лавров", "PER")], "ru")
    assert surfaces(text, added) == [("Лаврова", "PER", text.index("Лаврова"))]
    # English is not inflected: the same text finds no "Лаврова".
    assert repeated(text, [found_at(text, "Сергей Лавров", "PER")], "en") == []
