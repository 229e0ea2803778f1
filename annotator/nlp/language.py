"""Which of the project's languages an article is written in.

lingua, restricted to the project's languages: restricting it keeps its models at about
100 MB instead of a gigabyte, and makes it choose between the languages that can occur.
Only a sample of the text is read (its longest lines, where the prose is; menus and
share buttons are short), which keeps detection far cheaper than storing the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from annotator.i18n import _

SAMPLE_CHARS = 200


def sample_of(text: str, limit: int = SAMPLE_CHARS) -> str:
    """The longest lines of ``text``, in reading order, up to about ``limit`` characters."""
    if len(text) <= limit:
        return text
    lines = text.split("\n")
    chosen: set[int] = set()
    total = 0
    for index in sorted(range(len(lines)), key=lambda i: -len(lines[i])):
        chosen.add(index)
        total += len(lines[index])
        if total >= limit:
            break
    return "\n".join(lines[i] for i in sorted(chosen))[:limit]


@cache
def _detector(languages: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    known = []
    for code in languages:
        try:
            known.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except ValueError:
            continue  # a language lingua does not know cannot be detected, only chosen
    if len(known) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*known).build()


class LanguageGuesser:
    """Guesses an article's language among ``languages`` (ISO 639-1 codes).

    With a single language there is nothing to guess; a text that gives no clue (digits
    only, say) gets the first language of the project.
    """

    def __init__(self, languages: Sequence[str]) -> None:
        if not languages:
            raise ValueError(_("a project needs at least one language"))
        self.languages = tuple(languages)

    def guess(self, text: str) -> str:
        return self.guess_many([text])[0]

    def guess_many(self, texts: Sequence[str]) -> list[str]:
        detector = _detector(self.languages)
        if detector is None:
            return [self.languages[0]] * len(texts)
        samples = [sample_of(text) for text in texts]
        found = detector.detect_languages_in_parallel_of(samples)
        return [
            language.iso_code_639_1.name.lower() if language is not None else self.languages[0]
            for language in found
        ]
