"""Whatever encoding an article was saved in, it imports as the same text."""

from __future__ import annotations

import codecs

import pytest

from annotator.core.errors import InputError
from annotator.io.decode import decode
from tests.conftest import SAMPLES


def russian_article() -> str:
    """A sample article with only the characters every Cyrillic code page has."""
    text = (SAMPLES / "ru_chisinau_osce_transport.txt").read_text(encoding="utf-8")
    return text.translate(str.maketrans({"«": '"', "»": '"', "—": "-", "–": "-", "…": "..."}))


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16 with BOM": lambda t: t.encode("utf-16"),
    "utf-16-le without BOM": lambda t: t.encode("utf-16-le"),
    "windows-1251": lambda t: t.encode("cp1251"),
    "koi8-r": lambda t: t.encode("koi8_r"),
    "iso-8859-5": lambda t: t.encode("iso8859_5"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_gives_the_identical_text(encoding: str) -> None:
    text = russian_article()
    decoded, _ = decode(ENCODINGS[encoding](text), "article.txt")
    assert decoded == text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_a_short_legacy_text_is_not_mistaken_for_an_asian_code_page(encoding: str) -> None:
    text = "Привет, мир! Как дела?"
    assert decode(text.encode(encoding), "s.txt")[0] == text


def test_ukrainian_and_bulgarian_in_windows_1251() -> None:
    for name in ("uk_moldova_joint_checkpoint.txt", "bg_skopje_railway_corridor.txt"):
        text = (SAMPLES / name).read_text(encoding="utf-8")
        text = text.translate(str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"'}))
        text = text.encode("cp1251", errors="replace").decode("cp1251")
        assert decode(text.encode("cp1251"), name)[0] == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200)), "binary"),
    ],
)
def test_what_is_not_text_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, "bad.txt")


def test_truncated_utf8_names_the_line() -> None:
    data = "Строка один\nСтрока два\nКиїв".encode()[:-1]
    with pytest.raises(InputError) as caught:
        decode(data, "cut.txt")
    assert caught.value.line == 3
    assert "truncated UTF-8" in str(caught.value)
    assert str(caught.value).startswith("cut.txt:3: ")


def test_one_bad_byte_in_utf8_is_reported_not_guessed_away() -> None:
    good = "Новости дня\n" * 5
    data = good.encode() + b"\xff" + good.encode()
    with pytest.raises(InputError, match="invalid UTF-8") as caught:
        decode(data, "broken.txt")
    assert caught.value.line == 6
