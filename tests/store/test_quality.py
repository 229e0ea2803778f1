"""The quality report's figures: suggestions in finished articles against what was kept."""

from __future__ import annotations

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.core.quality import ALL
from annotator.io.quality_report import quality_report, report_lines
from annotator.store.project import Project
from annotator.store.quality import CHAIN, quality_figures

TEXT = "Kenji Sato met Maria Popova in Sofia."
KENJI, MARIA, SOFIA = SpanDraft(0, 10, "PER"), SpanDraft(15, 27, "PER"), SpanDraft(31, 36, "GPE")


def article(project: Project, text: str = TEXT, language: str = "en") -> int:
    document_id = project.add_article(
        ArticleDraft(text=text, title="t", source="s"), language=language, annotator="ann"
    )
    assert document_id is not None
    return document_id


def test_only_articles_marked_done_count(project: Project) -> None:
    done = article(project)
    open_ = article(project, TEXT + " Again.")
    for document_id in (done, open_):
        project.add_suggestions(document_id, [KENJI], recognizer="rec", version="1")
        project.add_span(document_id, KENJI, annotator="ann")
    project.set_status(done, "done", annotator="ann")
    project.set_status(open_, "in_progress", annotator="ann")

    figures = quality_figures(project)
    assert figures.articles == {"en": 1}
    assert figures.chain["en"].total.suggested == 1
    assert figures.chain["en"].total.entities == 1


def test_nothing_finished_means_no_figures(project: Project) -> None:
    document_id = article(project)
    project.add_suggestions(document_id, [KENJI], recognizer="rec", version="1")
    figures = quality_figures(project)
    assert (figures.articles, figures.chain, figures.recognizers) == ({}, {}, {})


def test_accepted_rejected_and_open_suggestions_all_count(project: Project) -> None:
    document_id = article(project)
    project.add_suggestions(document_id, [KENJI, MARIA, SOFIA], recognizer="rec", version="1")
    kenji, maria, sofia = project.suggestions(document_id)
    project.decide_suggestion(kenji.id, "accepted", annotator="ann")
    project.add_span(document_id, KENJI, annotator="ann", suggestion_id=kenji.id)
    project.decide_suggestion(maria.id, "rejected", annotator="ann")
    assert sofia.decision == "open"  # and stays so
    # The annotator marks Maria as an organisation instead.
    project.add_span(document_id, SpanDraft(15, 27, "ORG"), annotator="ann")
    project.set_status(document_id, "done", annotator="ann")

    total = quality_figures(project).chain["en"].total
    assert (total.suggested, total.right) == (3, 1)
    assert (total.entities, total.found) == (2, 1)


def test_figures_per_recognizer_version_and_language_and_the_chain(project: Project) -> None:
    english = article(project)
    russian = article(project, "Кэндзи Сато встретился с Марией.", "ru")
    project.add_suggestions(english, [KENJI], recognizer="natasha", version="1")
    project.add_suggestions(english, [SpanDraft(31, 36, "LOC")], recognizer="gaz", version="2")
    project.add_suggestions(russian, [SpanDraft(0, 11, "PER")], recognizer="natasha", version="1")
    for document_id, spans in (
        (english, [KENJI, SOFIA]),
        (russian, [SpanDraft(0, 11, "PER"), SpanDraft(25, 31, "PER")]),
    ):
        for span in spans:
            project.add_span(document_id, span, annotator="ann")
        project.set_status(document_id, "done", annotator="ann")

    figures = quality_figures(project)
    assert figures.articles == {"en": 1, "ru": 1}
    assert set(figures.recognizers) == {("natasha", "1", "en"), ("gaz", "2", "en"),
                                        ("natasha", "1", "ru")}  # fmt: skip
    natasha_en = figures.recognizers[("natasha", "1", "en")].total
    gaz_en = figures.recognizers[("gaz", "2", "en")].total
    # Each is judged against every entity of the articles it worked on.
    assert (natasha_en.right, natasha_en.suggested, natasha_en.found, natasha_en.entities) == (
        1, 1, 1, 2,
    )  # fmt: skip
    assert (gaz_en.right, gaz_en.suggested, gaz_en.found, gaz_en.entities) == (0, 1, 0, 2)
    chain_en = figures.chain["en"].total
    assert (chain_en.right, chain_en.suggested, chain_en.found, chain_en.entities) == (1, 2, 1, 2)
    chain_ru = figures.chain["ru"].total
    assert (chain_ru.suggested, chain_ru.found, chain_ru.entities) == (1, 1, 2)

    only_russian = quality_figures(project, language="ru")
    assert set(only_russian.chain) == {"ru"}
    assert set(only_russian.recognizers) == {("natasha", "1", "ru")}


def test_the_report_text_gives_the_figures(project: Project) -> None:
    document_id = article(project)
    project.add_suggestions(document_id, [KENJI, MARIA], recognizer="natasha", version="1.2")
    project.add_span(document_id, KENJI, annotator="ann")
    project.set_status(document_id, "done", annotator="ann")

    report = quality_report(project)
    overall = report["languages"]["en"]["overall"]
    assert (overall["precision"], overall["recall"], overall["suggested"]) == (0.5, 1.0, 2)
    assert report["models"] == []  # a project in memory has no models
    text = "\n".join(report_lines(report))
    assert "en: 1 finished article" in text
    assert f"{CHAIN}: precision 0.50, recall 1.00, F1 0.67 (2 suggested)" in text
    assert "natasha 1.2: precision 0.50, recall 1.00, F1 0.67 (2 suggested)" in text
    assert "PER: precision 0.50" in text
    assert ALL not in report["languages"]["en"]["by_label"]


def test_the_report_says_when_finished_articles_had_no_suggestions(project: Project) -> None:
    document_id = article(project)
    project.add_span(document_id, KENJI, annotator="ann")
    project.set_status(document_id, "done", annotator="ann")
    lines = report_lines(quality_report(project))
    assert lines[0] == "en: 1 finished article"
    assert "no suggestions were made for them" in lines[1]
    assert not any("precision" in line for line in lines)


def test_the_report_says_when_nothing_is_finished(project: Project) -> None:
    article(project)
    lines = report_lines(quality_report(project))
    assert len(lines) == 1
    assert "mark articles done" in lines[0]
