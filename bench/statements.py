"""How many of the statements annotators would record the suggestions find.

References: ``resources/samples/demo_statements.json`` (the demo articles) and
``resources/eval/statements.json`` (the evaluation articles), every statement with a
reporting word or in quotation marks, written by hand as substrings of the articles. A
reference statement is found when a suggestion's content overlaps it; its speaker is
right when the suggestion's speaker overlaps the reference speaker. Entities come from
the hand-marked references too, so the figures measure the statement rules alone.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.statements import StatementDraft
from annotator.nlp.statements import LEXICON, StatementSuggester
from annotator.resources import SAMPLES_DIR
from bench import eval_corpus

DEMO = SAMPLES_DIR / "demo_statements.json"
DEMO_ENTITIES = SAMPLES_DIR / "demo_entities.json"
EVAL = eval_corpus.FOLDER / "statements.json"

Span = tuple[int, int]
PRONOUNS = {
    word for language in json.loads(LEXICON.read_text(encoding="utf-8"))["languages"].values()
    for word in language.get("pronouns", ())
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reference:
    content: Span
    speaker: Span | None
    """None also where the text names the speaker only by a pronoun ("он", "his"): the
    suggestions name the person the pronoun stands for, which the reference does not."""


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    language: str
    text: str
    entities: tuple[tuple[int, int, str], ...]
    statements: tuple[Reference, ...]


def _find(text: str, surface: str | None, near: int = 0, occurrence: int = 1) -> Span | None:
    if not surface:
        return None
    if near:  # the speaker or cue nearest the content
        starts = [i for i in range(len(text)) if text.startswith(surface, i)]
        if not starts:
            raise ValueError(f"{surface!r} is not in the article")
        start = min(starts, key=lambda i: abs(i - near))
        return (start, start + len(surface))
    start = -1
    for _ in range(occurrence):
        start = text.index(surface, start + 1)
    return (start, start + len(surface))


def _references(text: str, items: Sequence[dict]) -> tuple[Reference, ...]:  # type: ignore[type-arg]
    found = []
    for item in items:
        content = _find(text, item["content"], occurrence=item.get("occurrence") or 1)
        assert content is not None
        named = item.get("speaker")
        if named and named.lower() in PRONOUNS:
            named = None
        speaker = _find(text, named, near=content[0] or 1)
        found.append(Reference(content, speaker))
    return tuple(found)


def demo_articles() -> list[Article]:
    reference = json.loads(DEMO.read_text(encoding="utf-8"))["articles"]
    marked = json.loads(DEMO_ENTITIES.read_text(encoding="utf-8"))
    found = []
    for name, items in sorted(reference.items()):
        text = (SAMPLES_DIR / name).read_text(encoding="utf-8")
        entities = []
        for surface, label in marked.get(name, []):
            start = text.find(surface)
            while start != -1:
                entities.append((start, start + len(surface), label))
                start = text.find(surface, start + 1)
        found.append(Article(name, name[:2], text, tuple(entities), _references(text, items)))
    return found


def eval_articles() -> list[Article]:
    reference = json.loads(EVAL.read_text(encoding="utf-8"))["articles"]
    found = []
    for key, items in sorted(reference.items()):
        path = eval_corpus.FOLDER / key
        text, spans = eval_corpus.parse(path.read_text(encoding="utf-8"))
        entities = tuple((s.start, s.end, s.label) for s in spans)
        found.append(Article(key, path.parent.name, text, entities, _references(text, items)))
    return found


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def score(articles: Sequence[Article]) -> dict[str, dict[str, float | int]]:
    """Per language: reference statements, found (recall), suggestions that match one
    (precision), and speakers right among those found."""
    by_language: dict[str, dict[str, float | int]] = {}
    suggesters: dict[str, StatementSuggester] = {}
    for article in articles:
        suggester = suggesters.setdefault(article.language, StatementSuggester(article.language))
        drafts: list[StatementDraft] = suggester.suggest(article.text, article.entities)
        figures = by_language.setdefault(
            article.language,
            {"statements": 0, "found": 0, "suggestions": 0, "right": 0, "speakers": 0},
        )
        figures["statements"] += len(article.statements)
        figures["suggestions"] += len(drafts)
        figures["right"] += sum(
            any(_overlaps(d.content, r.content) for r in article.statements) for d in drafts
        )
        for reference in article.statements:
            matching = [d for d in drafts if _overlaps(d.content, reference.content)]
            if matching:
                figures["found"] += 1
                if reference.speaker:
                    figures["speakers_named"] = figures.get("speakers_named", 0) + 1
                if reference.speaker and any(_overlaps(d.speaker, reference.speaker)
                                             for d in matching):  # fmt: skip
                    figures["speakers"] += 1
    for figures in by_language.values():
        figures["named_speakers"] = figures.pop("speakers_named", 0)
        figures["recall"] = round(figures["found"] / max(1, figures["statements"]), 3)
        figures["precision"] = round(figures["right"] / max(1, figures["suggestions"]), 3)
        figures["speaker_right"] = round(figures["speakers"] / max(1, figures["named_speakers"]), 3)
    return by_language


def run(*, quick: bool = False) -> dict:  # type: ignore[type-arg]
    demo = score(demo_articles())
    evaluation = {} if quick else score(eval_articles())
    # speed, once the pipelines and the lemma cache are warm
    articles = eval_articles()
    suggesters = {a.language: StatementSuggester(a.language) for a in articles}
    started = time.perf_counter()
    for article in articles:
        suggesters[article.language].suggest(article.text, article.entities)
    seconds = time.perf_counter() - started
    return {
        "demo": demo,
        "eval": evaluation,
        "ms_per_article": round(seconds / len(articles) * 1000, 1),
        "chars_per_article": round(sum(len(a.text) for a in articles) / len(articles)),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
