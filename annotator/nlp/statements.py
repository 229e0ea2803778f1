"""Suggested statements: reporting words and quotation marks propose who said what.

The words are data (``resources/lexicons/reporting.json``): per language, reporting verbs
and nouns ("cues"; dictionary forms for Russian and Ukrainian, matched on pymorphy3's
lemma, every form for the others), multi-word constructions ("по словам", "according
to"), the words that open reported content ("что", "that"), and the cues after which
the speaker usually follows ("…, — сказал министр"). This module is the part no lexicon
says: where the content of a statement begins and ends around its cue, and which entity
of the sentence is its speaker.

Each suggestion has a content span, the cue when there is one, and the speaker guessed
from the article's entities (annotated or suggested); annotators accept, fix or reject
it like an entity suggestion.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from annotator.core.statements import StatementDraft
from annotator.nlp.morphology import morph
from annotator.resources import RESOURCES_DIR

RECOGNIZER = "reporting lexicon"
VERSION = "1"
LEXICON = RESOURCES_DIR / "lexicons" / "reporting.json"

SPEAKER_LABELS = ("PER", "ORG", "GPE")
"""Entities that can speak; a place (LOC) only when nothing else is near."""
MIN_QUOTE_WORDS = 4
"""Fewer words in quotation marks are a name («Нафтогаз України»), not a quotation —
unless they end like a sentence."""
LEMMATIZED = ("ru", "uk")
_WORD = re.compile(r"\w", re.UNICODE)
_DASHES = {"—", "–", "-", "―"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: frozenset[str]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    """By first word, longest first."""
    complementizers: frozenset[str]
    speaker_after: frozenset[str]
    pronouns: frozenset[str] = frozenset()
    back_references: tuple[tuple[str, ...], ...] = ()
    tail_words: frozenset[str] = frozenset()


@cache
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads(LEXICON.read_text(encoding="utf-8"))


@cache
def lexicon(language: str) -> Lexicon | None:
    """The reporting words of ``language``; None for a language the lexicon lacks."""
    found = _data()["languages"].get(language)
    if found is None:
        return None
    phrases = {tuple(p.lower().split()) for p in found.get("phrases", ())}
    return Lexicon(
        cues=frozenset(w.lower() for w in found.get("cues", ())),
        phrases={
            first: tuple(sorted((p for p in phrases if p[0] == first), key=len, reverse=True))
            for first in {p[0] for p in phrases}
        },
        complementizers=frozenset(w.lower() for w in found.get("complementizers", ())),
        speaker_after=frozenset(w.lower() for w in found.get("speaker_after", ())),
        pronouns=frozenset(w.lower() for w in found.get("pronouns", ())),
        tail_words=frozenset(w.lower() for w in found.get("tail_words", ())),
        back_references=tuple(tuple(p.lower().split()) for p in found.get("back_references", ())),
    )


@cache
def quote_pairs() -> tuple[tuple[str, str], ...]:
    return tuple((pair[0], pair[1]) for pair in _data()["quotes"])


@cache
def _pipeline(language: str) -> Language:
    try:
        nlp = spacy.blank(language)
    except ImportError:
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=200_000)
def _lemma(language: str, word: str) -> str:
    return str(morph(language).parse(word)[0].normal_form)


@lru_cache(maxsize=20_000)
def _first_person(language: str, word: str) -> bool:
    return "1per" in morph(language).parse(word)[0].tag


_ARTICLES = {"the", "a", "an"}
_CLAUSE_ENDS = {",", ".", ";", ":", "!", "?", "…", *_DASHES}


def _ends_sentence(sentence: Span, last: Token) -> bool:
    """Nothing but closing punctuation after ``last`` in its sentence."""
    rest = [t for t in sentence.doc[last.i + 1 : sentence.end] if not t.is_space]
    return all(t.is_punct and t.text not in {",", ";", ":"} for t in rest)


def _tail(sentence: Span, cue: Token) -> list[Token]:
    """The words after a cue up to the next punctuation: "on Tuesday", "the minister"."""
    tail = []
    for token in sentence.doc[cue.i + 1 : sentence.end]:
        if token.text in _CLAUSE_ENDS:
            break
        if not token.is_space:
            tail.append(token)
    return tail


def _forms(language: str, token: Token) -> tuple[str, ...]:
    lower = token.lower_
    if language in LEMMATIZED and token.is_alpha:
        return (lower, _lemma(language, lower))
    return (lower,)


def _sentences(doc: Doc) -> Iterator[Span]:
    """spaCy's sentences, cut again at line breaks: a headline or a list item is a
    sentence even without a full stop."""
    for sentence in doc.sents:
        start = sentence.start
        for token in sentence:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield doc[start : token.i]
                start = token.i + 1
        if start < sentence.end:
            yield doc[start : sentence.end]


@dataclass(frozen=True, slots=True)
class _Entity:
    start: int
    end: int
    label: str


def _speaker_entities(entities: Sequence[tuple[int, int, str]]) -> list[_Entity]:
    """The entities that can speak (places too, as a last resort), in text order."""
    found = (_Entity(s, e, label) for s, e, label in entities
             if label in SPEAKER_LABELS or label == "LOC")  # fmt: skip
    return sorted(found, key=lambda entity: entity.start)


class StatementSuggester:
    """Proposes the statements of articles in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.lexicon = lexicon(language)
        self.nlp = _pipeline(language)

    def suggest(self, text: str, entities: Sequence[tuple[int, int, str]]) -> list[StatementDraft]:
        """Statements in ``text``, given its entities (start, end, label)."""
        if self.lexicon is None:
            return []
        doc = self.nlp(text)
        self._text = text  # Doc.text joins every token anew at each call
        speakers = _speaker_entities(entities)
        sentences = list(_sentences(doc))
        quoted = self._quotations(text, speakers)
        drafts: list[StatementDraft] = []
        used_cues: set[int] = set()
        for start, end in quoted:
            draft = self._quoted(doc, sentences, start, end, speakers, used_cues)
            drafts.append(draft)
        for sentence in sentences:
            drafts.extend(self._reported(sentence, speakers, quoted, used_cues))
        return self._resolve_pronouns(text, _without_repeats(drafts))

    def _resolve_pronouns(self, text: str, drafts: list[StatementDraft]) -> list[StatementDraft]:
        """ "He added", "По его словам": the speaker of the statement before."""
        assert self.lexicon is not None
        resolved: list[StatementDraft] = []
        last: StatementDraft | None = None
        for draft in drafts:
            if draft.speaker is None and draft.cue is not None and last is not None:
                around = text[max(0, draft.cue[0] - 12) : draft.cue[1] + 12].lower()
                words = set(re.findall(r"\w+", around))
                if words & self.lexicon.pronouns and draft.content[0] - last.content[1] < 600:
                    draft = replace(draft, speaker=last.speaker)
            if draft.speaker is not None:
                last = draft
            resolved.append(draft)
        return resolved

    # -- quotations ----------------------------------------------------------------------

    def _quotations(self, text: str, entities: Sequence[_Entity]) -> list[tuple[int, int]]:
        """Stretches in quotation marks that read as quoted words, not as a name."""
        found: list[tuple[int, int]] = []
        for opening, closing in quote_pairs():
            pattern = re.compile(re.escape(opening) + r"([^\n]+?)" + re.escape(closing))
            for match in pattern.finditer(text):
                start, end = match.span(1)
                if any(s <= start and end <= e for s, e in found):
                    continue  # a quotation inside a quotation is part of it
                inner = match.group(1).strip()
                words = [w for w in inner.split() if _WORD.search(w)]
                sentence_like = inner[-1:] in ".!?…" and len(words) >= 2
                if len(words) < MIN_QUOTE_WORDS and not sentence_like:
                    continue
                if any(e.start <= start and end <= e.end for e in entities):
                    continue  # the whole quotation is a name
                lead = len(match.group(1)) - len(match.group(1).lstrip())
                trail = len(match.group(1)) - len(match.group(1).rstrip())
                found.append((start + lead, end - trail))
        return sorted(found)

    def _quoted(
        self,
        doc: Doc,
        sentences: Sequence[Span],
        start: int,
        end: int,
        speakers: Sequence[_Entity],
        used_cues: set[int],
    ) -> StatementDraft:
        # the cue is around the quotation: in its sentences, before or after it
        around = [s for s in sentences if s.start_char < end + 2 and start - 2 < s.end_char]
        if around:
            after = sentences.index(around[-1]) + 1
            if after < len(sentences) and _starts_attribution(sentences[after]):
                around.append(sentences[after])
        outside = [t for s in around for t in s if not (start <= t.idx < end)]
        cues = [t for t in outside if self._is_cue(t)]
        cue = min(cues, key=lambda t: _distance(t.idx, start, end), default=None)
        speaker: _Entity | None = None
        if cue is not None:
            used_cues.add(cue.idx)
            span = (cue.idx, cue.idx + len(cue.text))
            ahead = cue.idx > end
            speaker = self._speaker(speakers, around, cue, start, end, after_cue=ahead)
        else:
            span = None
            lo = min((s.start_char for s in around), default=start)
            hi = max((s.end_char for s in around), default=end)
            nearby = [e for e in speakers if lo <= e.start and e.end <= hi
                      and not (start <= e.start < end) and e.label != "LOC"]  # fmt: skip
            speaker = min(nearby, key=lambda e: _distance(e.start, start, end), default=None)
        return StatementDraft(
            content=(start, end), cue=span,
            speaker=(speaker.start, speaker.end) if speaker else None,
            quote_type="direct", score=0.9 if cue is not None else 0.6,
        )  # fmt: skip

    # -- reported speech -----------------------------------------------------------------

    def _is_cue(self, token: Token) -> bool:
        """A reporting word, said by someone in the text: not an adjective ("the disputed
        region") and not the journalist's own "Напомним" / "Нагадаємо"."""
        assert self.lexicon is not None
        if not token.is_alpha or not any(
            f in self.lexicon.cues for f in _forms(self.language, token)
        ):
            return False
        if token.i > 0 and token.doc[token.i - 1].lower_ in _ARTICLES:
            return False
        return not (self.language in LEMMATIZED and _first_person(self.language, token.lower_))

    def _phrase_at(self, sentence: Span, i: int) -> int:
        """Length of the attribution phrase starting at token ``i`` (0: none)."""
        assert self.lexicon is not None
        candidates = self.lexicon.phrases.get(sentence.doc[i].lower_)
        if not candidates:
            return 0
        words = [t.lower_ for t in sentence[i - sentence.start : i - sentence.start + 6]]
        for phrase in candidates:
            if tuple(words[: len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def _reported(
        self,
        sentence: Span,
        speakers: Sequence[_Entity],
        quoted: Sequence[tuple[int, int]],
        used_cues: set[int],
    ) -> Iterator[StatementDraft]:
        assert self.lexicon is not None
        i = sentence.start
        near = [(s, e) for s, e in quoted if s < sentence.end_char and sentence.start_char < e]
        while i < sentence.end:
            token = sentence.doc[i]
            if (
                not token.is_alpha
                or token.idx in used_cues
                or (near and any(s <= token.idx < e for s, e in near))
            ):
                i += 1
                continue
            length = self._phrase_at(sentence, i)
            if length:
                draft = self._from_phrase(sentence, i, i + length, speakers)
                i += length
            elif self._is_cue(token) and not _menu_item(sentence, token):
                draft = self._from_cue(sentence, token, speakers)
                back = self._refers_back(sentence, token)
                if back is not None and draft is not None:
                    speaker = self._speaker(speakers, [sentence], token, *back, after_cue=True)
                    draft = replace(
                        draft,
                        content=back,
                        score=0.6,
                        speaker=(speaker.start, speaker.end) if speaker else None,
                    )
                i += 1
            else:
                i += 1
                continue
            if draft is not None and not any(
                s <= draft.content[0] and draft.content[1] <= e for s, e in quoted
            ):
                yield draft

    def _refers_back(self, sentence: Span, cue: Token) -> tuple[int, int] | None:
        """ "Об этом заявил министр", "Това каза той": the content is the sentence before."""
        assert self.lexicon is not None
        before = [t.lower_ for t in sentence if t.i < cue.i and not t.is_punct and not t.is_space]
        if not before or len(before) > 4:
            return None
        # a pronoun may stand between: "Об этом он заявил"
        words = [w for w in before if w not in self.lexicon.pronouns]
        if tuple(words) not in self.lexicon.back_references:
            return None
        doc = sentence.doc
        previous = [s for s in _sentences(doc) if s.end <= sentence.start]
        if not previous:
            return None
        return _trimmed(doc, previous[-1].start, previous[-1].end)

    def _from_cue(
        self, sentence: Span, cue: Token, speakers: Sequence[_Entity]
    ) -> StatementDraft | None:
        assert self.lexicon is not None
        lexicon = self.lexicon
        doc = sentence.doc
        cue_span = (cue.idx, cue.idx + len(cue.text))
        before = [t for t in sentence if t.i < cue.i]
        tail = _tail(sentence, cue)
        # "Talks will go on, — said the minister", '"…," said Tomas Berger': content first
        inverted = (
            any(f in lexicon.speaker_after for f in _forms(self.language, cue))
            and before
            and (before[-1].text in {",", *_DASHES} or before[-1].text.endswith(","))
            and self._names_a_speaker(tail, speakers)
        )
        # "…, the Ghana Cocoa Board announced on Tuesday.": content, a comma, the speaker
        comma = None
        ends = _ends_sentence(sentence, tail[-1] if tail else cue)
        if not inverted and ends and (not tail or tail[0].lower_ in lexicon.tail_words):
            comma = next((t for t in reversed(before[-9:]) if t.text in {",", *_DASHES}), None)
        if inverted or (comma is not None and comma.i > sentence.start + 2):
            end_token = (comma.i if comma is not None else cue.i) - sentence.start
            content = _trimmed(doc, sentence.start, sentence.start + end_token)
            if content is None:
                return None
            speaker = self._speaker(speakers, [sentence], cue, *content, after_cue=inverted)
            return _draft(content, cue_span, speaker, 0.8)
        # "said that …", "urged Azerbaijan to …": content after the opening word
        window = [t for t in sentence if cue.i < t.i <= cue.i + 10]
        opener = next((t for t in window if t.lower_ in lexicon.complementizers), None)
        colon = next((t for t in window if t.text == ":"), None)
        if colon is not None and (opener is None or colon.i < opener.i):
            opener = colon
        if opener is not None:
            content = _trimmed(doc, opener.i + 1, sentence.end)
            score = 0.8
        else:
            first = _past_names(doc, cue.i + 1, sentence.end, speakers)
            content = _trimmed(doc, first, sentence.end)
            score = 0.5
        if content is None or _words(self._text[content[0] : content[1]]) < 2:
            return None
        speaker = self._speaker(speakers, [sentence], cue, *content, after_cue=False)
        return _draft(content, cue_span, speaker, score)

    def _names_a_speaker(self, tail: Sequence[Token], speakers: Sequence[_Entity]) -> bool:
        """Whether the words after a cue are who spoke ("— заявил министр Иванов", "said
        the minister", "сказал он") rather than what was said ("said the board's finances
        remained fragile"): a few words, or a name and little else."""
        if len(tail) <= 3:
            return True
        entity = next((e for e in speakers if e.start == tail[0].idx), None)
        if entity is None:
            return False
        return sum(1 for token in tail if token.idx >= entity.end) <= 2

    def _from_phrase(
        self, sentence: Span, first: int, last: int, speakers: Sequence[_Entity]
    ) -> StatementDraft | None:
        """ "По словам министра, …", "…, according to the ministry"."""
        doc = sentence.doc
        cue_span = (doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text))
        comma = next((t for t in sentence if t.i >= last and t.text == ","), None)
        at_end = first > sentence.start and doc[first - 1].text == ","
        if at_end:
            content = _trimmed(doc, sentence.start, first - 1)
        elif comma is not None:
            content = _trimmed(doc, comma.i + 1, sentence.end)
        else:
            content = _trimmed(doc, last, sentence.end)
        if content is None or _words(self._text[content[0] : content[1]]) < 2:
            return None
        ahead = [e for e in speakers if cue_span[1] <= e.start < (
            comma.idx if comma is not None and not at_end else sentence.end_char)]  # fmt: skip
        speaker = next((e for e in ahead if e.label != "LOC"), None)
        return _draft(content, cue_span, speaker, 0.7)

    def _speaker(
        self,
        speakers: Sequence[_Entity],
        sentences: Sequence[Span],
        cue: Token,
        content_start: int,
        content_end: int,
        *,
        after_cue: bool,
    ) -> _Entity | None:
        """The entity that says it: the nearest one before the cue (the subject), or the
        first after it where the speaker follows ("— заявил министр Иванов")."""
        lo = min(s.start_char for s in sentences)
        hi = max(s.end_char for s in sentences)
        candidates = [
            e for e in speakers
            if lo <= e.start and e.end <= hi
            and not (content_start <= e.start < content_end)
        ]  # fmt: skip
        before = [e for e in candidates if e.end <= cue.idx]
        after = [e for e in candidates if e.start >= cue.idx + len(cue.text)]
        order = (after, before[::-1]) if after_cue else (before[::-1], after)
        for group in order:
            for wanted in (("PER", "ORG", "GPE"), ("LOC",)):
                found = _nearest_group(group, wanted)
                if found is not None:
                    return found
        return None


def _nearest_group(group: Sequence[_Entity], labels: tuple[str, ...]) -> _Entity | None:
    """The entity of ``group`` (nearest first) with one of ``labels``: a person when there
    is one ("Масаюки Огава в интервью газете «Хоккай Дзихо» отметил", "заявил адвокат
    «Анадолу Иншаат» Мехмет Озкан"), else the nearest organisation or country."""
    people = [e for e in group if e.label == "PER" and "PER" in labels]
    if people:
        return people[0]
    return next((e for e in group if e.label in labels), None)


def _menu_item(sentence: Span, cue: Token) -> bool:
    """ "Поделиться ВКонтакте Telegram", "Коментари (41)": a page's buttons, not a report —
    a capitalised cue opening a line that does not end like a sentence."""
    words = [t for t in sentence if not t.is_space]
    return (
        bool(words) and words[0] == cue and cue.text[:1].isupper()
        and words[-1].text not in {".", "!", "?", "…", "»", "“", "”", '"'}
    )  # fmt: skip


_AND = {"и", "і", "й", "та", "and", "or", "или", "або"}


def _past_names(doc: Doc, first: int, last: int, entities: Sequence[_Entity]) -> int:
    """The first token after the names that follow a cue: the speaker ("заявил министр
    Иванов") or those addressed ("призвал Кишинёв и Тирасполь …") are not the content."""
    starts = {e.start: e for e in entities}
    while first < last:
        entity = starts.get(doc[first].idx)
        if entity is None:
            if doc[first].lower_ in _AND and first + 1 < last and doc[first + 1].idx in starts:
                first += 1
                continue
            return first
        while first < last and doc[first].idx < entity.end:
            first += 1
    return first


def _starts_attribution(sentence: Span) -> bool:
    """ "— заявил он." after a quotation: a sentence that opens with a dash or comma."""
    first = next((t for t in sentence if not t.is_space), None)
    return first is not None and (first.text in _DASHES or first.text == ",")


def _distance(offset: int, start: int, end: int) -> int:
    return start - offset if offset < start else offset - end


def _trimmed(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Code points of tokens ``first``..``last`` without edge punctuation and spaces."""
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    if first >= last:
        return None
    return (doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text))


def _words(text: str) -> int:
    return sum(1 for w in text.split() if _WORD.search(w))


def _draft(
    content: tuple[int, int], cue: tuple[int, int], speaker: _Entity | None, score: float
) -> StatementDraft:
    return StatementDraft(
        content=content, cue=cue, speaker=(speaker.start, speaker.end) if speaker else None,
        quote_type="indirect", score=score,
    )  # fmt: skip


def _without_repeats(drafts: Sequence[StatementDraft]) -> list[StatementDraft]:
    """One suggestion per content: where two overlap much, the surer one."""
    kept: list[StatementDraft] = []
    for draft in sorted(drafts, key=lambda d: -(d.score or 0)):
        if any(_same(draft, other) for other in kept):
            continue
        kept.append(draft)
    return sorted(kept, key=lambda d: d.content)


def _same(a: StatementDraft, b: StatementDraft) -> bool:
    start, end = max(a.content[0], b.content[0]), min(a.content[1], b.content[1])
    if end <= start:
        return False
    shorter = min(a.content[1] - a.content[0], b.content[1] - b.content[0])
    return (end - start) >= 0.8 * shorter or (a.cue is not None and a.cue == b.cue)


def guess_statement(
    text: str, language: str, entities: Sequence[tuple[int, int, str]], start: int, end: int
) -> StatementDraft:
    """What an annotator's selection as a statement's content most likely has around it:
    the reporting word nearest to it in its sentences, the speaker that word points at
    (else the nearest person or organisation), and whether it is quoted."""
    suggester = StatementSuggester(language)
    doc = suggester.nlp(text)
    speakers = _speaker_entities(entities)
    sentences = list(_sentences(doc))
    around = [s for s in sentences if s.start_char < end + 2 and start - 2 < s.end_char]
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    opening = {pair[0] for pair in quote_pairs()}
    closing = {pair[1] for pair in quote_pairs()}
    quoted = any(c in opening for c in before) and any(c in closing for c in after)
    if suggester.lexicon is not None and around:
        draft = suggester._quoted(doc, sentences, start, end, speakers, set())
        return StatementDraft(
            content=(start, end), cue=draft.cue, speaker=draft.speaker,
            quote_type="direct" if quoted else "indirect",
        )  # fmt: skip
    nearby = [e for e in speakers if e.label != "LOC" and not (start <= e.start < end)]
    speaker = min(nearby, key=lambda e: _distance(e.start, start, end), default=None)
    return StatementDraft(
        content=(start, end), speaker=(speaker.start, speaker.end) if speaker else None,
        quote_type="direct" if quoted else "indirect",
    )  # fmt: skip
