"""Pre-annotation: the recognizers of each language run as a chain over articles, and what
they find is stored as suggestions with each recognizer's name and version.

Precedence: recognizers run in order of their ``precedence``; a span that overlaps one
kept from an earlier recognizer is dropped, so the more trusted recognizer wins. Labels
are mapped onto the project's by each recognizer's mapping, which the project's setting
``recognizer_labels`` ({recognizer: {its label: project label}}) can change; spans whose
label the project's schema lacks are left out. Pipelines are built once, when first
needed, and run batched through ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from annotator.core.model import SpanDraft
from annotator.nlp.recognizers import Actor, Context, Recognizer, for_language
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
    ) -> None:
        self.context = context
        self.labels = labels
        self.mapping = mapping or {}
        self.names = names
        self._pipelines: dict[tuple[str, str], Language] = {}

    def recognizers(self, language: str) -> list[Recognizer]:
        return for_language(language, self.names)

    def _pipeline(self, recognizer: Recognizer, language: str) -> Language:
        key = (recognizer.name, language)
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
            for found, doc in zip(kept, nlp.pipe(texts, batch_size=BATCH), strict=True):
                for ent in doc.ents:
                    label = self._label(recognizer, ent.label_)
                    if label not in self.labels:
                        if report is not None:
                            report.unmapped[label] = report.unmapped.get(label, 0) + 1
                        continue
                    start, end = ent.start_char, ent.end_char
                    if any(f.start < end and start < f.end for f in found):
                        continue  # an earlier recognizer has this stretch
                    found.append(Found(start, end, label, recognizer))
        return kept


def chain_for(project: Project, names: Sequence[str] | None = None) -> Chain:
    actors = tuple(
        Actor(name, label, tuple(aliases)) for name, label, aliases in project.actors_with_aliases()
    )
    context = Context(languages=tuple(project.languages), actors=actors)
    return Chain(context, project.label_names(), project.setting("recognizer_labels", {}), names)


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
            for (name, _version), drafts in by.items():
                report.by_recognizer[name] = report.by_recognizer.get(name, 0) + len(drafts)
            report.documents += 1
            if progress:
                progress(report.documents, total)
    return report


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
