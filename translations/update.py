"""Extract the strings marked with ``_()`` / ``ngettext()`` into ``annotator.pot`` and merge
them into each language's ``.po`` (``make translations``).

Marked strings are found with Python's own parser, so implicit concatenation of literals
is one message, as at run time. Messages that the standard library's argparse shows
(usage, help) are added too: the command line speaks the user's language throughout.
So are the default label schema's descriptions. Running it on an up-to-date tree changes
no file.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "annotator"
TEMPLATE = ROOT / "translations" / "annotator.pot"
SCHEMA = ROOT / "resources" / "schema" / "default.json"
# East Slavic plurals: one (1, 21, …), few (2–4, 22–24, …), many (5–20, 25–30, …)
_EAST_SLAVIC = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 :"
    " n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
LANGUAGES = {"ru": _EAST_SLAVIC, "uk": _EAST_SLAVIC, "bg": "nplurals=2; plural=(n != 1);"}
# What argparse prints in our commands' help and errors (its own catalog is not shipped).
ARGPARSE = [
    "usage: ",
    "options",
    "positional arguments",
    "show this help message and exit",
    "show program's version number and exit",
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "argument %(argument_name)s: %(message)s",
    "expected one argument",
    "ambiguous option: %(option)s could match %(matches)s",
]


def extract() -> dict[tuple[str, str | None], list[tuple[str, int]]]:
    """(msgid, msgid_plural) -> where each is used."""
    found: dict[tuple[str, str | None], list[tuple[str, int]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = node.args
            if node.func.id in ("_", "N_") and len(args) == 1 and _literal(args[0]):
                key = (args[0].value, None)  # type: ignore[attr-defined]
            elif (
                node.func.id == "ngettext"
                and len(args) == 3
                and _literal(args[0])
                and _literal(args[1])
            ):
                key = (args[0].value, args[1].value)  # type: ignore[attr-defined]
            else:
                continue
            found.setdefault(key, []).append((where, node.lineno))
    for message in ARGPARSE:
        found.setdefault((message, None), []).append(("argparse", 0))
    # the default schema's descriptions are shown in the user's language
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for part in ("labels", "stances", "statement_types"):
        for item in schema[part]:
            if item.get("description"):
                where = str(SCHEMA.relative_to(ROOT))
                found.setdefault((item["description"], None), []).append((where, 0))
    return found


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def template(messages: dict[tuple[str, str | None], list[tuple[str, int]]]) -> polib.POFile:
    pot = polib.POFile(wrapwidth=0)
    pot.metadata = {
        "Project-Id-Version": "stance-annotator",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for (msgid, plural), occurrences in sorted(messages.items(), key=lambda item: item[1][0]):
        # files only, no line numbers: a catalog should not change when code moves
        files = sorted({f for f, _line in occurrences})
        entry = polib.POEntry(msgid=msgid, msgstr="", occurrences=[(f, "") for f in files])
        if "{" in msgid:
            entry.flags.append("python-brace-format")
        elif "%" in msgid:
            entry.flags.append("python-format")
        if plural is not None:
            entry.msgid_plural = plural
            entry.msgstr_plural = {0: "", 1: ""}
        pot.append(entry)
    return pot


def render() -> dict[Path, str]:
    """The text every catalog should have: the template from the code, each language
    merged with it (translations kept, obsolete entries dropped, plural forms complete)."""
    pot = template(extract())
    texts = {TEMPLATE: _text(pot)}
    for code, plural_forms in LANGUAGES.items():
        path = TEMPLATE.with_name(f"{code}.po")
        po = polib.pofile(str(path), wrapwidth=0) if path.exists() else polib.POFile(wrapwidth=0)
        po.wrapwidth = 0
        po.metadata = {**pot.metadata, "Language": code, "Plural-Forms": plural_forms}
        po.merge(pot)
        forms = int(plural_forms.split("nplurals=")[1].split(";")[0])
        for entry in po:
            if entry.msgid_plural:
                for i in range(forms):
                    entry.msgstr_plural.setdefault(i, "")
        for entry in po.obsolete_entries():
            po.remove(entry)  # the catalog holds what the code uses; history is in git
        texts[path] = _text(po)
    return texts


def _text(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def main() -> int:
    changed = []
    for path, text in render().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path.name)
    for code in LANGUAGES:
        po = polib.pofile(str(TEMPLATE.with_name(f"{code}.po")))
        print(f"{code}: {po.percent_translated()} % translated", file=sys.stderr)
    print("updated: " + (", ".join(changed) or "nothing"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
