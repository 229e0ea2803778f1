"""Statement suggestions from reporting words and quotation marks."""

from __future__ import annotations

import pytest

from annotator.nlp.statements import StatementSuggester
from bench.statements import demo_articles, score


def _suggest(language: str, text: str, entities: list[tuple[str, str]]) -> list[tuple]:
    found = []
    for surface, label in entities:
        start = text.index(surface)
        found.append((start, start + len(surface), label))
    drafts = StatementSuggester(language).suggest(text, found)
    return [
        (
            text[d.content[0] : d.content[1]],
            text[d.cue[0] : d.cue[1]] if d.cue else None,
            text[d.speaker[0] : d.speaker[1]] if d.speaker else None,
            d.quote_type,
        )
        for d in drafts
    ]


def test_indirect_speech_after_an_inflected_verb_in_russian() -> None:
    text = "Министр Кэндзи Сато заявил, что Токио готов к диалогу."
    assert _suggest("ru", text, [("Кэндзи Сато", "PER"), ("Токио", "GPE")]) == [
        ("Токио готов к диалогу", "заявил", "Кэндзи Сато", "indirect")
    ]


def test_a_call_on_someone_in_english_keeps_what_is_demanded() -> None:
    text = "Japan urged Azerbaijan to stop military action."
    ((content, cue, speaker, _quote),) = _suggest(
        "en", text, [("Japan", "GPE"), ("Azerbaijan", "GPE")]
    )
    assert (content, cue, speaker) == ("stop military action", "urged", "Japan")


def test_a_quotation_with_the_speaker_after_it_in_ukrainian() -> None:
    text = "«Ми готові допомогти сусідам у будь-який час», — заявив Денис Шмигаль."
    assert _suggest("uk", text, [("Денис Шмигаль", "PER")]) == [
        ("Ми готові допомогти сусідам у будь-який час", "заявив", "Денис Шмигаль", "direct")
    ]


def test_a_name_in_quotation_marks_is_not_a_quotation() -> None:
    text = "Компания «Нафтогаз України» сообщила о росте добычи газа."
    suggested = _suggest("ru", text, [("Нафтогаз України", "ORG")])
    assert all(content != "Нафтогаз України" for content, *_rest in suggested)


def test_according_to_attributes_the_clause_in_bulgarian() -> None:
    text = "По думите на Даниел Петков, патрулите ще започнат през май."
    ((content, cue, speaker, _quote),) = _suggest("bg", text, [("Даниел Петков", "PER")])
    assert (content, cue, speaker) == ("патрулите ще започнат през май", "По думите на",
                                       "Даниел Петков")  # fmt: skip


def test_a_language_without_a_lexicon_gets_no_suggestions() -> None:
    assert StatementSuggester("de").suggest("Er sagte, dass es regnet.", []) == []


@pytest.mark.parametrize("language", ["ru", "uk", "bg", "en"])
def test_suggestions_find_most_statements_of_the_demo_articles(language: str) -> None:
    # reference: every statement with a reporting word or quotation marks, written by hand
    figures = score([a for a in demo_articles() if a.language == language])[language]
    assert figures["recall"] >= 0.70, figures


def test_he_added_is_said_by_the_speaker_named_before() -> None:
    text = (
        "Министр Кэндзи Сато заявил, что Токио готов к диалогу. "
        "Он добавил, что переговоры начнутся в мае."
    )
    suggested = _suggest("ru", text, [("Кэндзи Сато", "PER"), ("Токио", "GPE")])
    assert [speaker for _content, _cue, speaker, _quote in suggested] == [
        "Кэндзи Сато", "Кэндзи Сато"]  # fmt: skip


def test_a_person_speaks_rather_than_the_newspaper_quoting_them() -> None:
    text = "Профессор Масаюки Огава в интервью газете «Хоккай Дзихо» отметил, что запасы падают."
    ((_content, cue, speaker, _quote),) = _suggest(
        "ru", text, [("Масаюки Огава", "PER"), ("Хоккай Дзихо", "ORG")]
    )
    assert (cue, speaker) == ("отметил", "Масаюки Огава")


def test_about_this_said_makes_the_sentence_before_the_content() -> None:
    text = "Переговоры продолжатся в мае. Об этом заявил министр Кэндзи Сато."
    ((content, cue, speaker, _quote),) = _suggest("ru", text, [("Кэндзи Сато", "PER")])
    assert (content, cue, speaker) == ("Переговоры продолжатся в мае", "заявил", "Кэндзи Сато")


def test_the_content_comes_first_when_the_sentence_ends_with_who_said_it() -> None:
    text = "Ghana will pay cocoa farmers more, the Ghana Cocoa Board announced on Tuesday."
    ((content, cue, speaker, _quote),) = _suggest("en", text, [("Ghana Cocoa Board", "ORG")])
    assert (content, cue, speaker) == ("Ghana will pay cocoa farmers more", "announced",
                                       "Ghana Cocoa Board")  # fmt: skip


def test_a_relative_clause_before_said_is_not_the_content() -> None:
    text = "Comfort Owusu, who chairs the alliance, said smallholders had cut their trees."
    ((content, cue, speaker, _quote),) = _suggest("en", text, [("Comfort Owusu", "PER")])
    assert (content, cue, speaker) == ("smallholders had cut their trees", "said", "Comfort Owusu")


def test_an_adjective_and_the_journalists_reminder_are_not_cues() -> None:
    assert _suggest("en", "Troops left the disputed region last week.", []) == []
    assert _suggest("uk", "Нагадаємо, що переговори тривали три дні.", []) == []
