"""The gazetteer recognizer: CLDR country names and project actors, inflection-aware."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from annotator.nlp.places import name_variants
from annotator.nlp.recognizers import RECOGNIZERS, Actor, Context, for_language
from annotator.nlp.recognizers.gazetteer import (
    ACTORS_PIPE,
    PLACES_PIPE,
    build,
    fold,
    word_key,
)

MFA_JAPAN = Actor("Ministry of Foreign Affairs of Japan", "ORG", ("МИД Японии",))
WITH_ACTORS = Context(actors=(MFA_JAPAN,))


@cache
def pipeline(language: str, context: Context = WITH_ACTORS) -> Language:
    # Building loads pymorphy3 and a few thousand patterns: once per test session is enough.
    return build(language, context)


def ents(language: str, text: str, context: Context = WITH_ACTORS) -> list[tuple[str, str]]:
    """(exact surface, label) of what the pipeline finds, checked against the offsets."""
    doc = pipeline(language, context)(text)
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    return [(ent.text, ent.label_) for ent in doc.ents]


def test_registered_for_every_language() -> None:
    recognizer = RECOGNIZERS["gazetteer"]
    # Countries and actors win over the statistical recognizers, cities do not.
    assert recognizer.precedence < RECOGNIZERS["natasha"].precedence
    assert RECOGNIZERS["cities"].precedence > RECOGNIZERS["natasha"].precedence
    assert recognizer.languages is None
    assert recognizer.build is build
    assert recognizer in for_language("bg")


def test_russian_inflected_country_names() -> None:
    text = "Япония призвала Азербайджан, а в Азербайджане и Японии ответили."
    assert ents("ru", text) == [
        ("Япония", "GPE"),
        ("Азербайджан", "GPE"),
        ("Азербайджане", "GPE"),
        ("Японии", "GPE"),
    ]


def test_russian_forms_the_lemmatizer_leaves_unlemmatized() -> None:
    # "Германии" and "Франции" have a second reading (германий, франций), so spaCy keeps
    # their text as the lemma: only the name's own forms can catch them.
    text = "В Германии и Франции, в Соединённых Штатах и в ИНДИИ."
    assert ents("ru", text) == [
        ("Германии", "GPE"),
        ("Франции", "GPE"),
        ("Соединённых Штатах", "GPE"),
        ("ИНДИИ", "GPE"),
    ]


def test_a_lower_case_word_is_not_a_country() -> None:
    # The pronoun "того" is also Togo's name; "перу" is a form of "перо".
    assert ents("ru", "После того он дал перу отдохнуть, а Того и Перу молчали.") == [
        ("Того", "GPE"),
        ("Перу", "GPE"),
    ]


def test_ukrainian_inflected_country_names() -> None:
    text = "Україна і Польща домовилися, а в Польщі та Україні це підтримали."
    assert ents("uk", text) == [
        ("Україна", "GPE"),
        ("Польща", "GPE"),
        ("Польщі", "GPE"),
        ("Україні", "GPE"),
    ]


def test_ukrainian_names_with_any_apostrophe() -> None:
    # CLDR writes "ʼ", articles mostly "’", pymorphy3's dictionary knows only "'".
    text = "В Обʼєднаних Арабських Еміратах, в Об’єднаних Арабських Еміратах і у Франції."
    assert ents("uk", text) == [
        ("Обʼєднаних Арабських Еміратах", "GPE"),
        ("Об’єднаних Арабських Еміратах", "GPE"),
        ("Франції", "GPE"),
    ]


def test_bulgarian_ignores_case() -> None:
    assert ents("bg", "ЯПОНИЯ и Азербайджан, Северна Македония.") == [
        ("ЯПОНИЯ", "GPE"),
        ("Азербайджан", "GPE"),
        ("Северна Македония", "GPE"),
    ]


def test_english_ignores_case() -> None:
    assert ents("en", "JAPAN and Azerbaijan; the United States.") == [
        ("JAPAN", "GPE"),
        ("Azerbaijan", "GPE"),
        ("United States", "GPE"),
    ]


def test_english_names_also_found_in_other_languages() -> None:
    assert ents("ru", "Визит в Japan и Азербайджан.") == [
        ("Japan", "GPE"),
        ("Азербайджан", "GPE"),
    ]


def test_groupings_are_not_countries_but_kosovo_is() -> None:
    # CLDR's groupings are no countries; the organisations' list knows them as ORG.
    found = ents("en", "The European Union, the United Nations and Kosovo.")
    assert found == [("European Union", "ORG"), ("United Nations", "ORG"), ("Kosovo", "GPE")]


def test_international_organisations_by_their_short_forms() -> None:
    assert ents("uk", "ЄС і НАТО, а також ООН.") == [("ЄС", "ORG"), ("НАТО", "ORG"),
                                                   ("ООН", "ORG")]  # fmt: skip
    # An acronym matches only in capitals: "Who" is a question, "WHO" the organisation.
    assert ents("en", "Who said it? The WHO did.") == [("WHO", "ORG")]


def test_country_span_id_is_the_iso_code() -> None:
    doc = pipeline("ru")("Азербайджане")
    assert [ent.ent_id_ for ent in doc.ents] == ["AZ"]


def test_actor_alias_wins_over_the_country_inside_it() -> None:
    text = "МИД Японии вызвал посла, а Япония ждёт ответа."
    assert ents("ru", text) == [("МИД Японии", "ORG"), ("Япония", "GPE")]
    doc = pipeline("ru")(text)
    assert doc.ents[0].ent_id_ == MFA_JAPAN.name


def test_actor_name_found_in_english() -> None:
    assert ents("en", "The Ministry of Foreign Affairs of Japan said.") == [
        ("Ministry of Foreign Affairs of Japan", "ORG")
    ]


def test_actor_without_label_is_misc_and_outranks_a_country() -> None:
    context = Context(actors=(Actor("Азербайджан", None, ()), Actor("Газпром", "ORG", ())))
    assert ents("ru", "Азербайджан и Газпрома", context) == [
        ("Азербайджан", "MISC"),
        ("Газпрома", "ORG"),
    ]


def test_emoji_before_an_entity_keeps_exact_offsets() -> None:
    text = "🇯🇵🙂 Заявление: в 🇦🇿Азербайджане и Японии."
    doc = pipeline("ru")(text)
    assert [(e.start_char, e.end_char) for e in doc.ents] == [
        (text.index("Азербайджане"), text.index("Азербайджане") + len("Азербайджане")),
        (text.index("Японии"), text.index("Японии") + len("Японии")),
    ]


def test_pipe_matches_one_by_one() -> None:
    nlp = pipeline("ru")
    texts = ["Япония и Азербайджан.", "", "Ничего здесь нет.", "В Японии 🙂 и России."]
    piped = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
    alone = [[(e.start_char, e.end_char, e.label_) for e in nlp(t).ents] for t in texts]
    assert piped == alone
    assert piped[0] and piped[3] and not piped[1] and not piped[2]


@pytest.mark.parametrize("language", ["ru", "uk", "bg", "en"])
def test_patterns_survive_the_initialize_in_build(language: str) -> None:
    nlp = pipeline(language)
    assert len(nlp.get_pipe(PLACES_PIPE)) > 200
    assert nlp("Japan").ents


def test_initialize_would_clear_the_patterns() -> None:
    # Why build() adds its patterns after nlp.initialize(): spaCy's EntityRuler forgets them.
    nlp = build("en", Context())
    assert nlp("Japan").ents
    nlp.initialize()
    assert len(nlp.get_pipe(PLACES_PIPE)) == 0


def test_name_variants_drop_cldr_qualifiers() -> None:
    assert name_variants("Мьянма (Бирма)") == ["Мьянма (Бирма)", "Мьянма"]
    assert name_variants("Конго - Киншаса") == ["Конго - Киншаса", "Конго"]
    assert name_variants("Гонконг, ОАР Китаю") == ["Гонконг, ОАР Китаю", "Гонконг"]
    assert name_variants("Bosnia & Herzegovina") == [
        "Bosnia & Herzegovina",
        "Bosnia and Herzegovina",
    ]
    assert name_variants("Япония") == ["Япония"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "В Германии и Франции, в Соединённых Штатах, после того МИД Японии заявил 12 мая."),
        ("uk", "У Польщі та Україні, в Об’єднаних Арабських Еміратах і у Франції заявили."),
    ],
)
def test_word_key_is_spacys_pymorphy3_lemma(language: str, text: str) -> None:
    # The gazetteer computes (and caches) the lemma itself instead of running spaCy's
    # lemmatizer on every token: the keys must stay what that lemmatizer gives.
    nlp = spacy.blank(language)
    nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    nlp.initialize()
    for token in nlp(text):
        assert word_key(language, token.text) == fold(token.lemma_ or token.text), token.text


def test_no_lemmatizer_pass_in_the_pipeline() -> None:
    # The slow part was spaCy's lemmatizer and Matcher: the pipeline is just the rulers.
    assert pipeline("ru").pipe_names == [ACTORS_PIPE, PLACES_PIPE]
    assert pipeline("ru", Context()).pipe_names == [ACTORS_PIPE, PLACES_PIPE]


def test_initialize_then_add_patterns_again() -> None:
    nlp = build("ru", Context())
    ruler = nlp.get_pipe(PLACES_PIPE)
    patterns = list(ruler.patterns)
    nlp.initialize()
    assert not nlp("Япония").ents
    ruler.add_patterns(patterns)
    assert [e.text for e in nlp("в Японии").ents] == ["Японии"]


SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_skipping_pymorphy3_never_changes_a_match(language: str) -> None:
    # The rulers parse only the words whose key could be a pattern key: for every other
    # word the true key must indeed be no pattern key.
    nlp = pipeline(language)
    extra = "Кыргызстана, Чаде, Мали, Сен-Пьере, людей, наибольшей, Гонконге, ЮАР, Об’єднаних."
    texts = [path.read_text() for path in sorted(SAMPLES.glob(f"{language}_*.txt"))]
    for name in (ACTORS_PIPE, PLACES_PIPE):
        ruler = nlp.get_pipe(name)
        for token in nlp.make_doc(" ".join([*texts, extra])):
            true_key = word_key(language, token.text)
            if ruler._filter.key(token.text) != true_key:
                assert true_key not in ruler._filter.keys, token.text


def test_place_lists_shipped_with_a_bundle_are_used_first(tmp_path, monkeypatch) -> None:
    import pickle

    from annotator.nlp.recognizers import gazetteer

    made = gazetteer._cache_file("bg", "countries")
    assert made is not None
    shipped = ([], None)  # what a bundle would carry under the same name
    (tmp_path / made.name).write_bytes(pickle.dumps(shipped))
    monkeypatch.setattr(gazetteer, "BUNDLED_PLACES", tmp_path)
    gazetteer._place_patterns.cache_clear()
    try:
        assert gazetteer._place_patterns("bg", "countries") == shipped
    finally:
        gazetteer._place_patterns.cache_clear()
