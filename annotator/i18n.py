"""Translations of user-visible text, from the gettext catalogs in ``translations/``.

Strings are marked with :func:`_` and :func:`ngettext` everywhere, Qt or not, so one
extraction finds them all. Catalogs are ``.po`` files read with polib at start-up: there is
no compile step to forget, and a catalog edited by a translator is live on the next start.
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache

from annotator.resources import TRANSLATIONS_DIR

SUPPORTED = ("en", "ru", "uk", "bg")
_active: str = "en"


def system_language() -> str:
    """The UI language the system asks for, among the supported ones (English otherwise)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return code if code in SUPPORTED else "en"
    code = (locale.getlocale()[0] or "en").split("_")[0].lower()
    return code if code in SUPPORTED else "en"


def set_language(code: str | None) -> str:
    """Make ``code`` (or the system's language when None) the language of all later text."""
    global _active
    _active = code if code in SUPPORTED else system_language()
    return _active


def active_language() -> str:
    return _active


@cache
def _catalog(code: str) -> tuple[dict[str, str], dict[str, list[str]], str]:
    """Singular and plural translations of one language, and its Plural-Forms expression."""
    path = TRANSLATIONS_DIR / f"{code}.po"
    if code == "en" or not path.exists():
        return {}, {}, "n != 1"
    import polib

    po = polib.pofile(str(path))
    singular: dict[str, str] = {}
    plural: dict[str, list[str]] = {}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            plural[entry.msgid] = forms
        else:
            singular[entry.msgid] = entry.msgstr
    expression = po.metadata.get("Plural-Forms", "plural=(n != 1);")
    return singular, plural, expression.split("plural=")[-1].rstrip(";").strip()


def _plural_index(expression: str, n: int) -> int:
    # The standard library's gettext compiles Plural-Forms C expressions safely.
    return int(_compiled_plural(expression)(n))


@cache
def _compiled_plural(expression: str):  # type: ignore[no-untyped-def]
    return gettext.c2py(expression)


def _(message: str) -> str:
    """The message in the active language (the English source when it has no translation)."""
    return _catalog(_active)[0].get(message) or message


def N_(message: str) -> str:
    """Mark a message for the catalogs without translating it yet (data translated where
    it is shown, like the default schema's descriptions)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message that fits ``n`` in the active language."""
    _, plurals, expression = _catalog(_active)
    forms = plurals.get(singular)
    if not forms:
        return singular if n == 1 else plural
    index = _plural_index(expression, n)
    return forms[min(index, len(forms) - 1)] or (singular if n == 1 else plural)


set_language(None)
