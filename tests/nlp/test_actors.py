"""Alias keys let one actor be found by every form and script of its name."""

from __future__ import annotations

import pytest

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.nlp.actors import ActorLinker, alias_keys
from annotator.store.project import Project


@pytest.mark.parametrize(
    ("text", "language"),
    [("Японии", "ru"), ("Япония", "ru"), ("Япония", "bg"), ("Японія", "uk"),
     ("Японії", "uk"), ("Japan", "en"), ("JAPAN", "en"), ("Japan", "ru")],
)  # fmt: skip
def test_every_name_of_japan_shares_the_territory_key(text: str, language: str) -> None:
    assert alias_keys(text, language)[-1] == "territory:JP"


def test_inflected_forms_of_a_name_share_the_lemma_key() -> None:
    nominative = alias_keys("МИД Японии", "ru")
    assert nominative == ["мид япония"]  # not a country: no territory key
    assert alias_keys("МИДа Японии", "ru") == nominative
    assert alias_keys("МИДу  Японии,", "ru") == nominative  # spacing and punctuation left out
    assert alias_keys("Соединённых Штатов", "ru") == alias_keys("Соединенные Штаты", "ru")
    assert alias_keys("Польщу", "uk") == alias_keys("Польща", "uk") == ["польща", "territory:PL"]


def test_other_languages_are_lower_cased_not_lemmatized() -> None:
    assert alias_keys("Ministry of Foreign Affairs", "en") == ["ministry of foreign affairs"]
    assert alias_keys("Министерството на външните работи", "bg") == [
        "министерството на външните работи"
    ]
    assert alias_keys("   ", "en") == []


def test_a_name_that_two_countries_share_gives_no_territory() -> None:
    # CLDR's "Конго - Киншаса" and "Конго - Браззавиль" are both "Конго"
    assert alias_keys("Конго", "ru") == ["конго"]


def test_the_linker_proposes_the_actor_an_inflected_or_translated_mention_names() -> None:
    project = Project.in_memory()
    text = "Япония и МИД Японии. Japan."
    document_id = project.add_article(
        ArticleDraft(text=text, title="t", source="t"), language="ru", annotator="Олена"
    )
    assert document_id is not None
    spans = {
        word: project.add_span(
            document_id,
            SpanDraft(text.index(word), text.index(word) + len(word), "GPE"),
            annotator="Олена",
        )
        for word in ("Япония", "МИД Японии", "Japan")
    }
    linker = ActorLinker(project)
    assert linker.propose("Японии", "ru") is None
    japan = project.actor_id("Japan", label="GPE")
    # never linked yet: found by the keys of its name
    assert linker.propose("Японія", "uk") == japan
    mfa = project.actor_id("МИД Японии", label="ORG")
    assert linker.link(spans["МИД Японии"], "МИД Японии", "ru", mfa, annotator="Олена") is None
    assert linker.link(spans["Япония"], "Япония", "ru", japan, annotator="Олена") is None
    assert linker.propose("МИДа Японии", "ru") == mfa
    assert linker.propose("Японии", "ru") == japan
    assert linker.propose("Japan", "en") == japan
    assert linker.propose("Azerbaijan", "en") is None

    new, previous = linker.link_new(
        spans["Japan"], "Japan", "en", "Nippon", label="GPE", annotator="Олена"
    )
    assert previous is None
    learnt = {name: aliases for name, _label, aliases in project.actors_with_aliases()}
    assert learnt["Nippon"] == ["Japan"]
    assert linker.link_new(
        spans["Japan"], "Japan", "en", "Japan", label="GPE", annotator="Олена"
    ) == (japan, new)
