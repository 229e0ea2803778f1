"""spaCy's tokenizer for each language, built once: exports and token snapping share it."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.util import get_lang_class


@cache
def blank(language: str) -> Language:
    """A blank pipeline (tokenizer only) for ``language``; the multi-language one when
    spaCy has no rules for it."""
    try:
        get_lang_class(language)
    except ImportError:
        language = "xx"
    return spacy.blank(language)
