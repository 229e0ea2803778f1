"""Gazetteer recognizer: country names from CLDR and the project's own actors.

Why a gazetteer at all: statistical recognizers miss or mislabel country names, most of all
in short headlines, and know nothing of the project's actors. A list is cheap, offline and
predictable, and its matches carry an id (ISO code, actor name) that NER cannot give.

What it knows:

* Countries and territories (label ``GPE``, span id the ISO 3166 code), named as CLDR names
  them (through Babel) in the pipeline's language and in English, since articles quote
  English names too. Only regions with CLDR population data are taken: that keeps the ISO
  3166 two-letter codes of real places (Kosovo's XK included) and drops the groupings and
  placeholders (EU, EZ, UN, QO, XA, XB, ZZ) and the numeric macro-regions ("001", "150").
  CLDR's qualified names also give their plain form: "Мьянма (Бирма)" → "Мьянма",
  "Конго - Киншаса" → "Конго", "Гонконг, ОАР Китаю" → "Гонконг", "&" → "and".
* The project's actors: each name and alias, with the actor's label (``MISC`` when it has
  none) and the actor's name as span id.

Cities and capitals are deliberately absent: CLDR does not list them, and a hand-typed list
of places would be arbitrary and unmaintained. The NER recognizers cover them.

How it matches: Russian and Ukrainian inflect names ("в Японии", "Польщу"), so matching
is on a token key built from the pymorphy3 lemma, lower-cased, with "ё" and the various
apostrophes folded (CLDR writes "Соединенные", "Обʼєднані"; articles write "Соединённые",
"Об’єднані"). Other languages (Bulgarian has no lemma table in spaCy) match on the folded
lower-case text. spaCy's pymorphy3 lemmatizer leaves a word's own text as its lemma when
the word has several readings ("Германии": Германия or германий; "Франції": Франція or
францій), so a name's token accepts every form pymorphy3 gives for it as well as its lemma.
Babel has no CLDR alternative names, so short forms such as "США" are only found as actors.

Matching ignores case with one exception: a name token written with capitals never
matches an all-lower-case word. Names are proper nouns, and without that rule "Того" (Togo)
would match the pronoun "того" in nearly every Russian article, and "Перу" the noun "перу".
"JAPAN" in a headline still matches "Japan".

Overlaps: within each list the longest match wins (the EntityRuler does that); between the
lists the project's actors win, so "МИД Японии" is one ORG, not an ORG with a GPE inside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from spacy.language import Language
from spacy.tokens import Doc, Token

from annotator.nlp.recognizers import Context, Recognizer, register

KEY = "gazetteer_key"
"""A token extension: the folded lemma (or text) the patterns match on."""

LEMMATIZED = frozenset({"ru", "uk"})
"""Languages whose blank spaCy pipeline lemmatizes with pymorphy3."""

COUNTRY_LABEL = "GPE"
ACTOR_LABEL = "MISC"
EXTRA_NAME_LANGUAGE = "en"

ACTORS_PIPE = "gazetteer_actors"
PLACES_PIPE = "gazetteer_places"

_FOLD = str.maketrans({"ё": "е", "Ё": "Е", "ʼ": "'", "’": "'", "‘": "'", "`": "'"})
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# CLDR puts a qualifier after these ("Конго - Киншаса", "Гонконг, ОАР Китаю").
_QUALIFIER_SEPARATORS = (",", " - ", " – ")

Pattern = dict[str, Any]


def fold(text: str) -> str:
    """Lower-case ``text`` and fold the letters that writers use interchangeably."""
    return text.translate(_FOLD).lower()


def _token_key(token: Token) -> str:
    # A blank pipeline without a lemmatizer leaves lemma_ empty: fall back to the text.
    return fold(token.lemma_ or token.text)


# A getter rather than a component: nothing to store on the Doc, and callers' docs stay
# free of a gazetteer-specific pipe. force=True because re-imports (tests, reloads) repeat it.
Token.set_extension(KEY, getter=_token_key, force=True)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One name to find, before it is turned into a token pattern."""

    text: str
    label: str
    span_id: str


def build(language: str, context: Context) -> Language:
    """A pipeline for ``language`` that sets ``doc.ents`` to country and actor names."""
    nlp = _blank(language)
    if language in LEMMATIZED:
        nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    nlp.add_pipe("entity_ruler", name=ACTORS_PIPE)
    # The places ruler leaves tokens an actor already claimed alone (overwrite_ents=False).
    nlp.add_pipe("entity_ruler", name=PLACES_PIPE, config={"overwrite_ents": False})
    # initialize() loads the lemmatizer's pymorphy3 dictionaries but also clears every
    # EntityRuler's patterns, so the patterns go in afterwards.
    nlp.initialize()
    patterns = _Patterns(nlp, language)
    actors = patterns.make(_actor_entries(context))
    places = patterns.make(_country_entries(language))
    if actors:
        nlp.get_pipe(ACTORS_PIPE).add_patterns(actors)
    if places:
        nlp.get_pipe(PLACES_PIPE).add_patterns(places)
    # An EntityRuler without patterns warns on every doc: drop the empty one.
    for name, found in ((ACTORS_PIPE, actors), (PLACES_PIPE, places)):
        if not found:
            nlp.remove_pipe(name)
    return nlp


def _blank(language: str) -> Language:
    """spaCy's blank pipeline for ``language``, or the multi-language one if spaCy lacks it."""
    try:
        return spacy.blank(language)
    except ImportError:
        return spacy.blank("xx")


class _Patterns:
    """Turns names into token patterns that the pipeline's own tokens will match.

    Names go through the same tokenizer and lemmatizer as the articles will, so a name and
    its occurrences split and lemmatize alike.
    """

    def __init__(self, nlp: Language, language: str) -> None:
        self.nlp = nlp
        self.lemmatizer = nlp.get_pipe("lemmatizer") if nlp.has_pipe("lemmatizer") else None
        self.morph = _morph(language) if language in LEMMATIZED else None
        self.seen: set[tuple[tuple[tuple[str, ...], bool], ...]] = set()

    def make(self, entries: Iterable[_Entry]) -> list[Pattern]:
        """Patterns for ``entries``; a name matching like one already made is skipped, so
        an actor called like a country keeps the actor's label."""
        entries = list(entries)
        docs: Iterable[Doc] = (self.nlp.make_doc(e.text) for e in entries)
        if self.lemmatizer is not None:
            docs = self.lemmatizer.pipe(docs)
        patterns: list[Pattern] = []
        for entry, doc in zip(entries, docs, strict=True):
            tokens = [self._token(token) for token in doc if not token.is_space]
            signature = tuple((tuple(sorted(keys)), cased) for keys, cased in tokens)
            if not tokens or signature in self.seen:
                continue
            self.seen.add(signature)
            pattern = [_token_pattern(keys, cased) for keys, cased in tokens]
            patterns.append({"label": entry.label, "pattern": pattern, "id": entry.span_id})
        return patterns

    def _token(self, token: Token) -> tuple[frozenset[str], bool]:
        """The keys an occurrence of ``token`` may have, and whether it is capitalised."""
        keys = {token._.get(KEY)}
        if self.morph is not None:
            keys |= {fold(form) for form in _case_forms(self.morph, token.text)}
        return frozenset(keys), token.text != token.text.lower()


def _token_pattern(keys: Iterable[str], cased: bool) -> dict[str, Any]:
    spec: dict[str, Any] = {"_": {KEY: {"IN": sorted(keys)}}}
    if cased:
        # A capitalised name is a proper noun: keeps "Того" (Togo) off the pronoun "того".
        spec["IS_LOWER"] = False
    return spec


@cache
def _morph(language: str) -> Any:
    """A pymorphy3 analyser of our own: the lemmatizer's is a private attribute."""
    from pymorphy3 import MorphAnalyzer

    return MorphAnalyzer(lang=language)


def _case_forms(morph: Any, word: str) -> set[str]:
    """Every case and number form of ``word`` read as a name in the nominative, and the
    normal forms of those readings (what the lemmatizer gives an unambiguous form).

    Only readings whose normal form is the word itself, or that are nominative, count: for
    "Того" that is the country, not the pronoun "тот" whose genitive it also is.
    """
    # pymorphy3's dictionaries spell the apostrophe as ASCII "'": with "ʼ" (CLDR) or "’"
    # (most articles) a Ukrainian word is unknown and would get no forms.
    lowered = fold(word)
    forms: set[str] = set()
    for parse in morph.parse(lowered):
        if not parse.is_known:
            continue
        if fold(parse.normal_form) != lowered and "nomn" not in parse.tag:
            continue
        forms.add(parse.normal_form)
        # The lexeme, not inflect() per case: inflect() rebuilds the lexeme on every call.
        # Keeping the reading's part of speech leaves out, for a participle, its verb.
        forms.update(form.word for form in parse.lexeme if form.tag.POS == parse.tag.POS)
    return forms


def _actor_entries(context: Context) -> list[_Entry]:
    entries: list[_Entry] = []
    for actor in context.actors:
        label = actor.label or ACTOR_LABEL
        for text in (actor.name, *actor.aliases):
            if text.strip():
                entries.append(_Entry(text.strip(), label, actor.name))
    return entries


def _country_entries(language: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for name_language in dict.fromkeys((language, EXTRA_NAME_LANGUAGE)):
        for code, name in _country_names(name_language):
            entries.extend(_Entry(text, COUNTRY_LABEL, code) for text in name_variants(name))
    return entries


def _country_names(language: str) -> Sequence[tuple[str, str]]:
    """(ISO code, name) of every country and territory CLDR names in ``language``."""
    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return ()
    populated = get_global("territory_languages")
    return [
        (code, name)
        for code, name in sorted(territories.items())
        if len(code) == 2 and code.isalpha() and populated.get(code)
    ]


def name_variants(name: str) -> list[str]:
    """``name`` and the plain forms of a CLDR-qualified name, in a stable order."""
    plain = _PARENTHESES.sub("", name).strip()
    head = plain
    for separator in _QUALIFIER_SEPARATORS:
        head = head.split(separator)[0].strip()
    variants = [name, plain, head]
    variants += [v.replace(" & ", " and ") for v in variants if " & " in v]
    return [v for v in dict.fromkeys(variants) if v]


register(
    Recognizer(name="gazetteer", version="1", build=build, languages=None, labels={}, precedence=70)
)
