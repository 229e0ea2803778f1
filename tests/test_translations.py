"""The catalogs: up to date with the code, complete, and faithful to their placeholders."""

from __future__ import annotations

import importlib.util
import os
import re
import string
import subprocess
import sys

import polib
import pytest

from annotator import i18n
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("update", ROOT / "translations" / "update.py")
assert spec and spec.loader
update = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update)

LANGUAGES = list(update.LANGUAGES)


def test_every_marked_string_is_in_the_template_and_make_translations_changes_nothing() -> None:
    for path, text in update.render().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: make translations"


def fields(text: str) -> list[str]:
    parsed = string.Formatter().parse(text)
    braces = sorted(f"{name}!{conv}" for _, name, _, conv in parsed if name is not None)
    percents = sorted(re.findall(r"%(?:\(\w+\))?[sdr]", text))
    return braces + percents


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_is_complete_and_faithful(code: str) -> None:
    po = polib.pofile(str(ROOT / "translations" / f"{code}.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()][:5]
    assert po.fuzzy_entries() == []
    forms = int(po.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    for entry in po.translated_entries():
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if entry.msgid_plural:
            assert len(translations) == forms and all(translations), entry.msgid
        for text in translations:
            assert fields(text) == fields(entry.msgid), (entry.msgid, text)
            assert text.count("&") == entry.msgid.count("&"), (entry.msgid, text)
            assert text.endswith(" ") == entry.msgid.endswith(" "), (entry.msgid, text)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", ["1 статья", "3 статьи", "5 статей", "21 статья"]),
        ("uk", ["1 стаття", "3 статті", "5 статей", "21 стаття"]),
        ("bg", ["1 статия", "3 статии", "5 статии", "21 статии"]),
    ],
)
def test_plural_forms(code: str, expected: list[str]) -> None:
    i18n.set_language(code)
    try:
        got = [i18n.ngettext("{n} article", "{n} articles", n).format(n=n) for n in (1, 3, 5, 21)]
    finally:
        i18n.set_language("en")
    assert got == expected


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_command_line_follows_the_system_language(code: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=f"{code}_{code.upper()}.UTF-8", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "annotator", "--help"], env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0
    assert "show this help" not in result.stdout and "usage:" not in result.stdout
    i18n.set_language(code)
    try:
        assert i18n._("import article files and folders") in result.stdout  # …translated
        assert i18n._("usage: ").strip() in result.stdout
    finally:
        i18n.set_language("en")
