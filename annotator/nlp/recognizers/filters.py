"""A component that drops what a statistical recognizer gets wrong in a way no name is.

- An entity across a line break: on web pages a name never runs from a menu or a caption
  into the next line, but a model reading "SPORT\\nSubscribe" or "Molдові\\n\\nЦентральна"
  as one name does.
- Punctuation at an entity's edges ("/Русе Прес/."), ordinary words before it ("Според
  Софийската") and lower-case words after a person ("Кременлиев призова").
- Two names joined by "and" read as one ("Україна та Японія" a person): split in two,
  each with the label.
- One word that the language's dictionary knows only as an ordinary word: natasha, trained
  on Russian news, calls sentence-initial words in Ukrainian and Bulgarian names ("Вона",
  "Поділитися", "Прочетете"). For Russian and Ukrainian, pymorphy3 says whether a word can
  be a name (first name, surname, place, organisation); a word it knows but never as one
  is dropped. Bulgarian has no such dictionary here: a word is dropped when the article
  also has it in lower case, or it is one of spaCy's Bulgarian stop words.
"""

from __future__ import annotations

from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import get_lang_class

from annotator.nlp.morphology import morph

FILTER = "annotator_entity_filter"

NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "UNKN", "LATN"})
DICTIONARIES = frozenset({"ru", "uk"})


NAMES_MARKED = frozenset({"ru"})
"""Dictionaries that mark place names (Geox): there a known noun without such a mark is an
ordinary noun ("Теги", tags, is no town). The Ukrainian one does not ("Львів" is a plain
noun there), so a Ukrainian noun may always be a name."""


@lru_cache(maxsize=100_000)
def _ordinary_word(language: str, word: str, nouns: bool = False) -> bool:
    """Whether pymorphy3 knows ``word`` and never as a name: only as a verb, adjective,
    pronoun... and, with ``nouns`` where the dictionary marks names, as a common noun."""
    parses = morph(language).parse(word.replace("’", "'").replace("ʼ", "'"))
    if not parses or not all(p.is_known for p in parses):
        return False
    judge_nouns = nouns and language in NAMES_MARKED
    return not any(
        (p.tag.POS == "NOUN" and not judge_nouns) or NAME_TAGS & p.tag.grammemes for p in parses
    )


def _has_letters(text: str) -> bool:
    # Not is_alpha: spaCy keeps punctuation glued to a word ("/БТА/.") in one token, and
    # the chain trims such characters off the name.
    return any(c.isalpha() for c in text)


def ordinary_word(language: str, word: str, *, nouns: bool = False) -> bool:
    """Whether ``word`` is an ordinary word of ``language`` rather than a name: a stop
    word, or (Russian, Ukrainian) known to pymorphy3 and never as a name (see
    :func:`_ordinary_word` for ``nouns``)."""
    if word.lower() in _stop_words(language):
        return True
    return language in DICTIONARIES and _ordinary_word(language, word, nouns)


@cache
def _stop_words(language: str) -> frozenset[str]:
    try:
        return frozenset(get_lang_class(language).Defaults.stop_words)
    except ImportError:
        return frozenset()


PERSON_LABELS = frozenset({"PER", "PERSON"})
UNCOMPOUNDED = PERSON_LABELS
"""Labels whose names end in a capitalised word (a place may not: "Черно море")."""

CONJUNCTIONS = {
    "ru": frozenset({"и"}),
    "uk": frozenset({"і", "й", "та"}),
    "bg": frozenset({"и"}),
    "en": frozenset({"and", "&"}),
}


LONE_PERSONS_DOUBTED = frozenset({"bg", "uk"})
"""Languages where natasha's one-word persons are mostly not persons."""


def _without_lone_persons(ents: list[Span]) -> list[Span]:
    """Persons of one word only where the article also names them in full (a surname or
    first name after "Асен Кременлиев"): natasha reads sentence-initial words of Bulgarian
    and Ukrainian as persons ("Прочетете", "Имаме", "Нашата")."""
    full_names = {t.text for e in ents if e.label_ in PERSON_LABELS and len(e) > 1 for t in e}
    return [e for e in ents if e.label_ not in PERSON_LABELS or len(e) > 1 or e.text in full_names]


class EntityFilter:
    def __init__(self, language: str) -> None:
        self.language = language
        self.conjunctions = CONJUNCTIONS.get(language, frozenset())

    def _split(self, doc: Doc) -> list[Span]:
        ents: list[Span] = []
        for ent in doc.ents:
            if (
                len(ent) == 3
                and ent[1].text in self.conjunctions
                and ent[0].is_title
                and ent[2].is_title
            ):
                ents.append(Span(doc, ent.start, ent.start + 1, ent.label))
                ents.append(Span(doc, ent.end - 1, ent.end, ent.label))
            else:
                ents.append(ent)
        return ents

    def _trim(self, ent: Span) -> Span | None:
        """``ent`` without punctuation at its edges, the ordinary words before it
        ("Според Софийската") or after it ("Politico із") and, for a person, any lower-case
        word after it
        ("Асен Кременлиев призова"): places and organisations may end in one ("Черно море",
        "комисия")."""
        first, last = ent.start, ent.end
        doc = ent.doc
        while first < last and (
            not _has_letters(doc[first].text)
            or doc[first].is_lower
            or (last - first > 1 and doc[first].lower_ in _stop_words(self.language))
        ):
            first += 1
        while last > first and (
            not _has_letters(doc[last - 1].text)
            or (ent.label_ in UNCOMPOUNDED and doc[last - 1].is_lower)
            or (last - first > 1 and doc[last - 1].lower_ in _stop_words(self.language))
        ):
            last -= 1
        if first == last:
            return None
        if (first, last) == (ent.start, ent.end):
            return ent
        return Span(doc, first, last, ent.label)

    def __call__(self, doc: Doc) -> Doc:
        lower_words: set[str] | None = None
        kept: list[Span] = []
        ents = [t for e in self._split(doc) if (t := self._trim(e)) is not None]
        for ent in ents:
            if "\n" in ent.text or "  " in ent.text or "\t" in ent.text:
                continue  # menus and share buttons: a name has no line break or gap
            if len(ent) == 1:
                word = ent.text
                if word.lower() in _stop_words(self.language):
                    continue
                if self.language in DICTIONARIES and _ordinary_word(self.language, word):
                    continue
                if self.language not in DICTIONARIES:
                    if lower_words is None:
                        lower_words = {t.text for t in doc if t.text.islower()}
                    if word.lower() in lower_words and not word.isupper():
                        continue
            kept.append(ent)
        if self.language in LONE_PERSONS_DOUBTED:
            kept = _without_lone_persons(kept)
        if kept != list(doc.ents):
            doc.ents = kept
        return doc


@Language.factory(FILTER, default_config={"language": ""})
def make_filter(nlp: Language, name: str, language: str) -> EntityFilter:
    return EntityFilter(language or nlp.lang)
