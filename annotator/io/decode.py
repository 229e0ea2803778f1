"""Bytes of a file to text, whatever encoding the page or the editor that saved it used.

Order of evidence, strongest first: a byte-order mark; valid UTF-8 (text in a legacy
8-bit code page practically never is); then charset-normalizer's guess. A file that is
UTF-8 except for a few bytes is reported as broken UTF-8 at its line, never re-read in a
legacy code page, which would silently turn the whole article into mojibake.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

from charset_normalizer import from_bytes

from annotator.core.errors import InputError
from annotator.i18n import _

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The 8-bit code pages articles in the project's languages come in; guessing among these
# first keeps short Cyrillic texts from being read as, say, Shift-JIS.
LEGACY_ENCODINGS = [
    "cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "mac_cyrillic",
    "cp1252", "latin_1", "cp1250", "iso8859_2",
]  # fmt: skip
# Text has few control characters besides tab, newlines and form feed; C1 controls are
# what bytes decoded in the wrong code page look like.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of a file and the name of its encoding; :class:`InputError` when it is not
    text (empty, binary, broken UTF-8)."""
    if not data.strip():
        raise InputError(_("the file is empty"), path=path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), path), encoding
            except UnicodeDecodeError as error:
                raise InputError(
                    _("not valid {encoding} at byte {offset}").format(
                        encoding=encoding.upper(), offset=error.start
                    ),
                    path=path,
                ) from error
    # NUL bytes: UTF-16 or UTF-32 without a BOM (whose Cyrillic is valid UTF-8!), or binary.
    if b"\x00" in data:
        guess = from_bytes(data).best()
        if guess is None or not guess.encoding.startswith(("utf_16", "utf_32")):
            raise InputError(_("binary file, not text"), path=path)
        return _checked(str(guess), path), guess.encoding
    try:
        return _checked(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as error:
        if _truncated_utf8(data, error) or _mostly_utf8(data):
            raise _broken_utf8(data, error, path) from error
    guess = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best() or from_bytes(data).best()
    if guess is None or guess.encoding.startswith(("utf_16", "utf_32")):
        raise InputError(_("binary file, or text in an unknown encoding"), path=path)
    return _checked(str(guess), path), guess.encoding


def _truncated_utf8(data: bytes, error: UnicodeDecodeError) -> bool:
    """Valid UTF-8 with non-ASCII letters, cut in the middle of its last character."""
    return (
        error.reason == "unexpected end of data"
        and error.end == len(data)
        and not data[: error.start].isascii()
    )


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 with a few faults, not a legacy 8-bit encoding (in
    which letters seldom pair up into valid UTF-8 sequences, so faults outnumber them)."""
    text = data.decode("utf-8", errors="replace")
    faults = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - faults
    return multibyte >= 3 and multibyte >= 3 * faults


def _broken_utf8(data: bytes, error: UnicodeDecodeError, path: str) -> InputError:
    line = data.count(b"\n", 0, error.start) + 1
    if error.end >= len(data) and error.reason == "unexpected end of data":
        reason = _("truncated UTF-8: the file ends in the middle of a character (byte {offset})")
    else:
        reason = _("invalid UTF-8 at byte {offset}")
    return InputError(reason.format(offset=error.start), path=path, line=line)


def _checked(text: str, path: str) -> str:
    if not text.strip():
        raise InputError(_("the file is empty"), path=path)
    sample = text[:65536]
    if len(_CONTROLS.findall(sample)) > max(2, len(sample) // 100):
        raise InputError(_("binary file, not text"), path=path)
    return text


def json_lines(content: str, path: str) -> Iterator[tuple[int, Any]]:
    """(line number, record) of each non-blank line of a JSON Lines text.

    Only a line feed ends a line: ``str.splitlines()`` also splits at characters that JSON
    strings may hold raw (U+2028, NEL), which would cut an article in two.
    """
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                _("not JSON ({reason})").format(reason=error.msg), path=path, line=number
            ) from error
