"""Pre-annotation: the recognizers of each language run as a chain over articles, and what
they find is stored as suggestions with each recognizer's name and version.

Precedence: recognizers run in order of their ``precedence``; a span that overlaps one
kept from an earlier recognizer is dropped, so the more trusted recognizer wins. One
exception each way: a recognizer that ``relabels`` (a list of city names) gives its label
to a span an earlier one found with exactly the same words, and one that ``absorbs`` (name
patterns) replaces the names earlier ones found inside a longer name it found. Labels
are mapped onto the project's by each recognizer's mapping, which the project's setting
``recognizer_labels`` ({recognizer: {its label: project label}}) can change; spans whose
label the project's schema lacks are left out. Pipelines are built once, when first
needed, and run batched through ``nlp.pipe``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Span

from annotator.core.model import Document, SpanDraft
from annotator.nlp.models import models_folder
from annotator.nlp.recognizers import Actor, Context, Recognizer, available, for_language
from annotator.nlp.statements import RECOGNIZER as STATEMENT_RECOGNIZER
from annotator.nlp.statements import VERSION as STATEMENT_VERSION
from annotator.nlp.statements import StatementSuggester
from annotator.store.project import Project

BATCH = 64

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    label: str
    recognizer: Recognizer


@dataclass(slots=True)
class PreannotateReport:
    documents: int = 0
    suggestions: int = 0
    by_recognizer: dict[str, int] = field(default_factory=dict)
    statements: int = 0
    """Statements suggested."""
    unmapped: dict[str, int] = field(default_factory=dict)
    """Labels a recognizer gave that the project's schema lacks, and how often."""


class Chain:
    """The recognizers of one project, their pipelines built lazily per language."""

    def __init__(
        self,
        context: Context,
        labels: set[str],
        mapping: dict[str, dict[str, str]] | None = None,
        names: Sequence[str] | None = None,
        *,
        extra: Sequence[Recognizer] = (),
        leave_out: Sequence[str] = (),
    ) -> None:
        self.context = context
        self.labels = labels
        self.mapping = mapping or {}
        self.names = names
        # Providers look at the disk and the installed packages: once per chain is enough.
        pool = [r for r in available(context) if r.name not in leave_out]
        self.pool = [*pool, *extra]
        self._pipelines: dict[tuple[str, str, str], Language] = {}

    def recognizers(self, language: str) -> list[Recognizer]:
        return for_language(language, self.names, self.pool)

    def _pipeline(self, recognizer: Recognizer, language: str) -> Language:
        key = (recognizer.name, recognizer.version, language)
        if key not in self._pipelines:
            self._pipelines[key] = recognizer.build(language, self.context)
        return self._pipelines[key]

    def _label(self, recognizer: Recognizer, label: str) -> str:
        own = self.mapping.get(recognizer.name, {})
        return own.get(label) or recognizer.labels.get(label) or label

    def suggest(
        self, language: str, texts: Sequence[str], report: PreannotateReport | None = None
    ) -> list[list[Found]]:
        """What the chain finds in each text, merged by precedence."""
        kept: list[list[Found]] = [[] for _ in texts]
        for recognizer in self.recognizers(language):
            nlp = self._pipeline(recognizer, language)
            pipe = nlp.pipe(texts, batch_size=BATCH)
            for found, doc, text in zip(kept, pipe, texts, strict=True):
                for ent in doc.ents:
                    label = self._label(recognizer, ent.label_)
                    if label not in self.labels:
                        if report is not None:
                            report.unmapped[label] = report.unmapped.get(label, 0) + 1
                        continue
                    merge(found, ent, label, recognizer, text)
        for found, text in zip(kept, texts, strict=True):
            found.extend(repeated(text, found, language))
        return kept


def merge(
    found: list[Found], ent: Span, label: str, recognizer: Recognizer, text: str | None = None
) -> None:
    """Add what ``recognizer`` found to what earlier ones did, by the chain's precedence.

    Where it overlaps earlier finds it is dropped, unless it ``absorbs`` them (a longer
    name around them) or ``relabels`` one found with exactly its words; and a find that
    only partly overlaps keeps its words beyond the overlap when they still make a name
    ("Японії Кендзі Мурасе" read as one person, after the gazetteer took "Японії").
    """
    # ``text`` is the doc's: Doc.text joins every token anew at each call.
    start, end = edges(text if text is not None else ent.doc.text, ent.start_char, ent.end_char)
    if start >= end:
        return
    clash = [i for i, f in enumerate(found) if f.start < end and start < f.end]
    if not clash:
        found.append(Found(start, end, label, recognizer))
    elif recognizer.absorbs and all(start <= found[i].start and found[i].end <= end for i in clash):
        for i in reversed(clash):
            del found[i]
        found.append(Found(start, end, label, recognizer))
    elif recognizer.relabels and len(clash) == 1:
        earlier = found[clash[0]]
        if (earlier.start, earlier.end) == (start, end) and earlier.label != label:
            found[clash[0]] = Found(start, end, label, recognizer)
    else:
        rest = _rest(ent, [found[i] for i in clash])
        if rest is not None:
            found.append(Found(rest.start_char, rest.end_char, label, recognizer))


_CLOSING = {"«": "»", "„": "“", "“": "”", "(": ")", "[": "]", '"': '"'}


def edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inside punctuation glued to a name ("/БТА/." → "БТА"); a
    quote or bracket stays when its pair is in the name too ("Агенция „Митници“")."""
    while start < end and not text[start].isalnum():
        closing = _CLOSING.get(text[start])
        if closing is not None and closing in text[start + 1 : end]:
            break
        start += 1
    while end > start and not text[end - 1].isalnum():
        if any(text[end - 1] == c and o in text[start : end - 1] for o, c in _CLOSING.items()):
            break
        end -= 1
    return start, end


def _rest(ent: Span, taken: Sequence[Found]) -> Span | None:
    """The words of ``ent`` before or after the stretches ``taken``, if they look like a
    name on their own (start with a capital, more than punctuation)."""
    free = [not any(f.start < t.idx + len(t) and t.idx < f.end for f in taken) for t in ent]
    runs: list[tuple[int, int]] = []
    for i, is_free in enumerate(free):
        if is_free and (not runs or runs[-1][1] != i):
            runs.append((i, i + 1))
        elif is_free:
            runs[-1] = (runs[-1][0], i + 1)
    if len(runs) != 1:
        return None
    first, last = runs[0]
    while first < last and not ent[first].is_alpha:
        first += 1
    while last > first and not ent[last - 1].is_alpha:
        last -= 1
    if first == last or not ent[first].text[:1].isupper():
        return None
    return ent[first:last]


PROPAGATED = frozenset({"PER", "ORG", "GPE", "LOC"})
INFLECTED = frozenset({"ru", "uk"})
_WORD = re.compile(r"\w+")


def repeated(text: str, found: Sequence[Found], language: str) -> list[Found]:
    """Other mentions of names already found: the same words elsewhere in the article,
    and a person's surname alone ("Мурасе" after "Кендзі Мурасе"; in Russian and
    Ukrainian also inflected, "Лаврова" after "Сергей Лавров").

    News names a person in full once and by surname after; a recognizer reading each
    sentence on its own misses many of those. One name, one meaning per article.
    """
    names: dict[str, tuple[Found, bool]] = {}
    for item in found:
        if item.label not in PROPAGATED:
            continue
        surface = text[item.start : item.end]
        names.setdefault(surface, (item, False))
        words = _WORD.findall(surface)
        if item.label == "PER" and len(words) >= 2 and len(words[-1]) >= 3:
            names.setdefault(words[-1], (item, language in INFLECTED))
    taken = sorted((f.start, f.end) for f in found)
    added: list[Found] = []
    for surface, (item, inflected) in names.items():
        stem = surface[:-2] if inflected and len(surface) >= 6 else surface
        ending = r"\w{0,3}" if stem != surface else ""
        for match in re.finditer(rf"(?<!\w){re.escape(stem)}{ending}(?!\w)", text):
            start, end = match.span()
            if _overlaps(taken, start, end):
                continue
            added.append(Found(start, end, item.label, item.recognizer))
            bisect.insort(taken, (start, end))
    return added


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(taken, (start, end))
    neighbours = taken[max(0, i - 1) : i + 1]
    return any(s < end and start < e for s, e in neighbours) or any(
        s < end and start < e for s, e in taken if s < end and e > start
    )


SETTINGS_FOR_RECOGNIZERS = ("spacy_pipelines",)


def context_of(project: Project) -> Context:
    """What recognizers may build on in this project."""
    actors = tuple(
        Actor(name, label, tuple(aliases)) for name, label, aliases in project.actors_with_aliases()
    )
    settings = {key: project.setting(key) for key in SETTINGS_FOR_RECOGNIZERS}
    return Context(
        languages=tuple(project.languages),
        actors=actors,
        settings={k: v for k, v in settings.items() if v is not None},
        models=models_folder(project.path) if project.path else None,
    )


def chain_for(
    project: Project,
    names: Sequence[str] | None = None,
    *,
    extra: Sequence[Recognizer] = (),
    leave_out: Sequence[str] = (),
) -> Chain:
    return Chain(
        context_of(project),
        project.label_names(),
        project.setting("recognizer_labels", {}),
        names,
        extra=extra,
        leave_out=leave_out,
    )


def preannotate(
    project: Project,
    document_ids: Sequence[int] | None = None,
    *,
    language: str | None = None,
    only_new: bool = False,
    names: Sequence[str] | None = None,
    progress: Progress | None = None,
    chain: Chain | None = None,
) -> PreannotateReport:
    """Run the chain over articles (all, or ``document_ids``) and store its suggestions,
    each article in one edit: a cancelled run (``progress`` raising) keeps whole articles."""
    chain = chain or chain_for(project, names)
    report = PreannotateReport()
    # statement suggestions come with the entities, unless other recognizers were named
    statements: dict[str, StatementSuggester] | None = (
        {} if names is None or STATEMENT_RECOGNIZER in names else None
    )
    chosen = [d for d in project.documents(status="any", language=language)
              if document_ids is None or d.id in set(document_ids)]  # fmt: skip
    if only_new:
        used = {r.name for lang in {d.language for d in chosen} for r in chain.recognizers(lang)}
        done = project.annotated_by(sorted(used)) if used else set()
        chosen = [d for d in chosen if d.id not in done]
    chosen.sort(key=lambda d: (d.language, d.id))  # batches are per language
    total = len(chosen)
    if progress:
        progress(0, total)
    for batch in _batches(chosen):
        language_of_batch = batch[0].language
        found = chain.suggest(language_of_batch, [d.text for d in batch], report)
        for document, spans in zip(batch, found, strict=True):
            by: dict[tuple[str, str], list[SpanDraft]] = {
                (r.name, r.version): [] for r in chain.recognizers(document.language)
            }
            for item in spans:
                key = (item.recognizer.name, item.recognizer.version)
                by[key].append(SpanDraft(item.start, item.end, item.label))
            report.suggestions += project.replace_suggestions(document.id, by)
            if statements is not None:
                report.statements += _suggest_statements(project, document, spans, statements)
            for (name, _version), drafts in by.items():
                report.by_recognizer[name] = report.by_recognizer.get(name, 0) + len(drafts)
            report.documents += 1
            if progress:
                progress(report.documents, total)
    return report


def _suggest_statements(
    project: Project,
    document: Document,
    found: Sequence[Found],
    suggesters: dict[str, StatementSuggester],
) -> int:
    """Statements proposed from the reporting words, speakers from the article's entities
    (those annotated and those just suggested)."""
    language = document.language
    if language not in suggesters:
        suggesters[language] = StatementSuggester(language)
    entities = [(f.start, f.end, f.label) for f in found]
    entities += [(s.start, s.end, s.label) for s in project.spans(document.id)]
    drafts = suggesters[language].suggest(document.text, entities)
    return project.replace_statement_suggestions(
        document.id, drafts, recognizer=STATEMENT_RECOGNIZER, version=STATEMENT_VERSION
    )


def _batches(documents: list) -> Iterator[list]:  # type: ignore[type-arg]
    """Runs of articles in one language, at most BATCH long (a pipeline is per language)."""
    batch: list = []  # type: ignore[type-arg]
    for document in documents:
        if batch and (len(batch) == BATCH or document.language != batch[0].language):
            yield batch
            batch = []
        batch.append(document)
    if batch:
        yield batch
