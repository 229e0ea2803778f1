"""natasha's news NER (slovnet, weights inside the wheel) as a spaCy component.

natasha tags PER/LOC/ORG well in Russian and Bulgarian and usably in Ukrainian, offline and
without a spaCy model (DESIGN.md §3). Wrapping it as a component lets the pre-annotation
chain treat it like any other recognizer: a pipeline that sets ``doc.ents``.

natasha itself is imported only when a pipeline is first built: loading it costs about a
second, and the registry is imported when the window opens.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from annotator.nlp.recognizers import Context, Recognizer, register
from annotator.nlp.recognizers.filters import FILTER

if TYPE_CHECKING:
    from natasha import NewsNERTagger, Segmenter

COMPONENT = "natasha_ner"

MAX_CHARS = 100_000
"""Longer texts are tagged piece by piece. slovnet tags a whole text as one padded sequence,
so one huge article would need memory for all of it at once (and pad every text batched
with it to its length); its CNN sees only a few words around each one, so cutting between
paragraphs loses nothing."""

_WHITESPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class _Models:
    segmenter: Segmenter
    tagger: NewsNERTagger


_loading = threading.Lock()


@cache
def _cached_models() -> _Models:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return _Models(segmenter=Segmenter(), tagger=NewsNERTagger(NewsEmbedding()))


def models() -> _Models:
    """natasha's segmenter and tagger, loaded once per process.

    The lock keeps two pipelines built at once (say, a worker thread and the window) from
    both paying for the load; ``functools.cache`` alone does not serialise callers.
    """
    with _loading:
        return _cached_models()


def pieces(text: str, max_chars: int, segmenter: Segmenter | None = None) -> list[tuple[int, int]]:
    """Where to cut ``text`` into pieces of at most ``max_chars``, as (start, stop) pairs.

    Cuts go after the last line break that fits, else (a huge paragraph) before the last
    sentence that starts in the window, else after the last whitespace, else anywhere: the
    finer the cut, the likelier it splits a name, so the coarsest that fits wins.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        cut = text.rfind("\n", start, end) + 1
        if cut <= start and segmenter is not None:
            # The first sentence starts the window itself, so it is no cut.
            starts = [s.start for s in segmenter.sentenize(text[start:end]) if s.start > 0]
            cut = start + starts[-1] if starts else start
        if cut <= start:
            spaces = [m.end() for m in _WHITESPACE.finditer(text, start, end)]
            cut = spaces[-1] if spaces else end
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


class NatashaNER:
    """Sets ``doc.ents`` from natasha's spans; batches texts through slovnet in ``pipe``."""

    def __init__(self, name: str, max_chars: int = MAX_CHARS) -> None:
        self.name = name
        self.max_chars = max_chars
        self._models = models()

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Tag a batch's pieces in one go: slovnet pads and runs them batch by batch, which
        is much quicker than one text at a time."""
        for batch in minibatch(docs, size=batch_size):
            work: list[tuple[int, int]] = []  # (doc index, piece offset) per text to tag
            texts: list[str] = []
            for index, doc in enumerate(batch):
                for start, stop in self._pieces(doc.text):
                    piece = doc.text[start:stop]
                    # slovnet fails on texts without a word; natasha skips them too.
                    if piece.strip():
                        work.append((index, start))
                        texts.append(piece)
            # slovnet pads each group of 8 texts to the longest; sorted by length, a long
            # article does not make seven short ones as costly as itself.
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            markups = self._models.tagger.map([texts[i] for i in order])
            found: list[list[tuple[int, int, str]]] = [[] for _ in batch]
            for i, markup in zip(order, markups, strict=True):
                index, offset = work[i]
                found[index].extend(
                    (offset + s.start, offset + s.stop, s.type) for s in markup.spans
                )
            for doc, spans in zip(batch, found, strict=True):
                doc.ents = _ents(doc, spans)
                yield doc

    def _pieces(self, text: str) -> list[tuple[int, int]]:
        return pieces(text, self.max_chars, self._models.segmenter)


def _ents(doc: Doc, spans: list[tuple[int, int, str]]) -> list[Span]:
    """natasha's character spans as spaCy entities.

    spaCy's tokens need not end where natasha's words do ("Хаяси»" may be one token), so a
    span is widened to whole tokens; that can make it run into the one before, and
    ``doc.ents`` allows no overlap, so the earlier one is kept.
    """
    ents: list[Span] = []
    taken = 0
    for start, stop, label in sorted(spans):
        span = doc.char_span(start, stop, label, alignment_mode="expand")
        if span is None or span.start < taken:
            continue
        ents.append(span)
        taken = span.end
    return ents


@Language.factory(COMPONENT, default_config={"max_chars": MAX_CHARS})
def make_natasha_ner(nlp: Language, name: str, max_chars: int) -> NatashaNER:
    return NatashaNER(name, max_chars=max_chars)


def build(language: str, context: Context) -> Language:
    """A pipeline of its own (not :func:`annotator.nlp.tokenize.blank`, which exports share
    and must stay a bare tokenizer) with natasha as its only component."""
    nlp = spacy.blank(language)
    nlp.add_pipe(COMPONENT)
    nlp.add_pipe(FILTER, config={"language": language})
    return nlp


def _version() -> str | None:
    try:
        return version("natasha")
    except PackageNotFoundError:
        return None


_natasha_version = _version()
if _natasha_version is not None:
    # Without natasha the recognizer is simply not offered, rather than failing at build.
    register(
        Recognizer(
            name="natasha",
            version=_natasha_version,
            build=build,
            languages=frozenset({"ru", "uk", "bg"}),
            labels={"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
            precedence=30,
        )
    )
