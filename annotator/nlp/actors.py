"""Alias keys: how a mention ("Японии", "МИД Японии", "Japan") finds its actor.

A mention has up to two keys, most specific first:

1. its *lemma key*: the words, punctuation left out, lower-cased, with "ё" and the
   apostrophes folded, and for Russian and Ukrainian each word's pymorphy3 normal form, so
   "МИДа Японии" and "МИД Японии" are both "мид япония";
2. a *territory key* ``"territory:JP"`` when the whole mention is a country's CLDR name in
   one of :data:`NAME_LANGUAGES` (inflected Russian and Ukrainian forms through the lemma),
   so "Японии", "Япония", "Японія" and "Japan" meet although no lemma joins them.

Storage: an alias row keeps one key, in ``actor_aliases.lemma``, and it is the mention's
*most general* key (its last): the territory key for a country's name, the lemma key
otherwise. A second, hidden alias row per key was the other choice; it would have to be
kept out of the gazetteer, the dialogs, merges and splits. One key is enough because the
keys are functions of the text: every later mention of the same country computes the same
territory key, and every other mention of the same words the same lemma key. Lookup
(:meth:`ActorLinker.propose`) therefore tries all of a mention's keys against the stored
ones, then the lower-cased text (the key gold imports store), then the keys of the actors'
own names (an actor nobody linked yet still has its name).

Nothing here touches SQL or Qt: the project's methods do the storing.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from annotator.nlp.morphology import morph
from annotator.nlp.places import country_names, name_variants

if TYPE_CHECKING:
    from annotator.store.project import Project

LEMMATIZED = frozenset({"ru", "uk"})
"""Languages whose words are keyed by their pymorphy3 normal form."""

NAME_LANGUAGES = ("en", "ru", "uk", "bg")
"""Languages whose CLDR country names give territory keys, whatever the article's language:
articles quote names from the others ("Japan" in a Russian article)."""

TERRITORY = "territory:"

KEY_CACHE_SIZE = 20_000

# Proper-noun readings win for a capitalised word: "Того" is Togo, not the pronoun "тот".
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"})
_WORD = re.compile(r"\w+(?:['’ʼ`\-]\w+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# As the gazetteer folds (not imported from it: that module pulls in spaCy, and keys are
# needed at every link).
_FOLD = str.maketrans({"ё": "е", "Ё": "Е", "ʼ": "'", "’": "'", "‘": "'", "`": "'"})


def alias_keys(text: str, language: str) -> list[str]:
    """The keys ``text`` (a mention in ``language``) is looked up and learnt under: its
    lemma key, then its territory key when it names a country. Empty for no words."""
    return list(_alias_keys(text.strip(), language))


@lru_cache(maxsize=KEY_CACHE_SIZE)
def _alias_keys(text: str, language: str) -> tuple[str, ...]:
    lemma = lemma_key(text, language)
    if not lemma:
        return ()
    code = territory_code(text, language)
    return (lemma, f"{TERRITORY}{code}") if code else (lemma,)


def lemma_key(text: str, language: str) -> str:
    """The words of ``text`` lower-cased (lemmatized for Russian and Ukrainian), joined by
    single spaces."""
    return " ".join(_word_key(word, language) for word in _WORD.findall(text.translate(_FOLD)))


@lru_cache(maxsize=KEY_CACHE_SIZE)
def _word_key(word: str, language: str) -> str:
    if language not in LEMMATIZED or not _CYRILLIC.search(word):
        return word.lower()
    parses = morph(language).parse(word)
    if not parses:
        return word.lower()
    best = parses[0]
    if not word.islower():
        # The first reading is the likeliest word; a name prefers a name's reading, then a
        # noun's ("Польщу" is Poland, not the verb "польщити").
        best = max(parses, key=lambda p: (bool(_PROPER & p.tag.grammemes), p.tag.POS == "NOUN"))
    return str(best.normal_form).translate(_FOLD).lower()


def territory_code(text: str, language: str) -> str | None:
    """The ISO 3166 code of the country ``text`` is the whole name of, if it is one: in
    ``language`` first, then in the other :data:`NAME_LANGUAGES`."""
    for name_language in dict.fromkeys((language, *NAME_LANGUAGES)):
        key = lemma_key(text, name_language)
        if name_language == "en" and key.startswith("the "):
            key = key[4:]
        code = _territories(name_language).get(key)
        if code:
            return code
    return None


@cache
def _territories(language: str) -> dict[str, str]:
    """Lemma key → ISO code of every country CLDR names in ``language``; a key that names
    two countries ("Конго" of "Конго - Киншаса" and "Конго - Браззавиль") names neither."""
    codes: dict[str, set[str]] = {}
    for code, name in country_names(language):
        for variant in name_variants(name):
            codes.setdefault(lemma_key(variant, language), set()).add(code)
    return {key: next(iter(found)) for key, found in codes.items() if key and len(found) == 1}


class ActorLinker:
    """Proposes the actor of a mention and links entities to actors, learning aliases."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def keys(self, text: str, language: str) -> list[str]:
        """Every key ``text`` may be stored under, most specific first."""
        keys = alias_keys(text, language)
        plain = text.strip().lower()
        return [*keys, plain] if plain and plain not in keys else keys

    def propose(self, text: str, language: str) -> int | None:
        """The existing actor ``text`` most likely names, or None."""
        keys = self.keys(text, language)
        if not keys:
            return None
        found = self.project.actor_by_key(keys)
        if found is not None:
            return found
        # An actor that no entity was linked to yet is known by its name only.
        wanted = set(keys)
        for actor_id, name, _label in self.project.actors():
            if wanted & set(alias_keys(name, language)):
                return int(actor_id)
        return None

    def link(
        self, span_id: int, text: str, language: str, actor_id: int | None, *, annotator: str
    ) -> int | None:
        """Link entity ``span_id`` (whose text is ``text``) to ``actor_id`` (None: unlink),
        learning ``text`` as an alias under its most general key; returns the actor the
        entity was linked to before, for undo."""
        keys = alias_keys(text, language)
        return self.project.link_span(
            span_id, actor_id, annotator=annotator, alias_key=keys[-1] if keys else None
        )

    def link_new(
        self,
        span_id: int,
        text: str,
        language: str,
        name: str,
        *,
        label: str | None,
        annotator: str,
    ) -> tuple[int, int | None]:
        """Link the entity to the actor called ``name``, created (with ``label``) when there
        is none; returns (that actor, the actor the entity was linked to before)."""
        with self.project.edit():
            actor_id = self.project.actor_id(name, label=label, annotator=annotator)
            previous = self.link(span_id, text, language, actor_id, annotator=annotator)
        return actor_id, previous


__all__ = ["ActorLinker", "alias_keys", "lemma_key", "territory_code"]
