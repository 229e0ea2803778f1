"""CoNLL-2003: the exact layout, an independent reader (seqeval) agreeing with ours, and
entities surviving write → read, whatever the whitespace around them."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities
from spacy.tokens import Doc

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldSpan
from annotator.io.formats import ENTITIES, FORMATS, WriteOptions, WriteReport, conll
from annotator.nlp.tokenize import blank
from tests.io.formats.gold_samples import gold_documents, sample_documents

CONLL = FORMATS["conll"]


def _span(text: str, surface: str, label: str) -> GoldSpan:
    start = text.index(surface)
    return GoldSpan(start, start + len(surface), label)


def _write(documents: list[GoldDocument], path: Path, iob: str = "IOB2") -> WriteReport:
    return CONLL.write(documents, path, WriteOptions(iob=iob))


def _squeezed(text: str) -> str:
    # CoNLL keeps tokens, not the spaces between them: surfaces are compared without any.
    return "".join(text.split())


def _entities(documents: list[GoldDocument]) -> list[list[tuple[str, str]]]:
    return [
        [(_squeezed(d.text[s.start : s.end]), s.label) for s in sorted(d.spans, key=_order)]
        for d in documents
    ]


def _order(span: GoldSpan) -> tuple[int, int]:
    return span.start, span.end


CITIES = "Paris Berlin and New York met\nTokyo waited. Rome too."
CITIES_SPANS = tuple(
    _span(CITIES, city, "GPE") for city in ("Paris", "Berlin", "New York", "Tokyo", "Rome")
)
CITIES_DOC = GoldDocument(text=CITIES, language="en", spans=CITIES_SPANS)
ANN = GoldDocument(text="Ann spoke.", language="en", spans=(GoldSpan(0, 3, "PER"),))


def _layout(tags: list[str], ann: str) -> list[str]:
    tokens = ["Paris", "Berlin", "and", "New", "York", "met", "", "Tokyo", "waited", "."]
    tokens += ["", "Rome", "too", "."]
    lines = ["-DOCSTART- -X- -X- O", ""]
    tagged = iter(tags)
    lines += [f"{token} -X- _ {next(tagged)}" if token else "" for token in tokens]
    lines += ["", "-DOCSTART- -X- -X- O", "", f"Ann -X- _ {ann}", "spoke -X- _ O", ". -X- _ O"]
    return [*lines, "", ""]  # the last sentence ends with a line break and a blank line


def test_registered_as_one_file_carrying_entities() -> None:
    assert CONLL.name == "conll"
    assert CONLL.carries == frozenset({ENTITIES})
    assert not CONLL.folder and CONLL.suffix == ".conll"


def test_layout_iob2_marks_every_entity_start(tmp_path: Path) -> None:
    path = tmp_path / "gold.conll"
    report = _write([CITIES_DOC, ANN], path)
    # a sentence ends at the line break (no full stop there) and at each full stop
    tags = ["B-GPE", "B-GPE", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O", "O", "B-GPE", "O", "O"]
    assert path.read_text(encoding="utf-8").split("\n") == _layout(tags, "B-PER")
    assert (report.documents, report.spans, report.files) == (2, 6, [path])


def test_layout_iob1_keeps_b_only_between_entities_of_one_type(tmp_path: Path) -> None:
    path = tmp_path / "gold.conll"
    _write([CITIES_DOC, ANN], path, iob="IOB1")
    # Berlin directly follows Paris, both GPE: the one place IOB1 needs a B-
    tags = ["I-GPE", "B-GPE", "O", "I-GPE", "I-GPE", "O", "I-GPE", "O", "O", "I-GPE", "O", "O"]
    assert path.read_text(encoding="utf-8").split("\n") == _layout(tags, "I-PER")


def _seqeval_entities(path: Path) -> list[list[tuple[str, str]]]:
    """Entities of each article as seqeval reads the tags, without our reader."""
    documents: list[list[tuple[str, str]]] = []
    sentence: list[list[str]] = []

    def flush() -> None:
        if sentence:
            tags = [fields[-1] for fields in sentence]
            documents[-1].extend(
                ("".join(f[0] for f in sentence[start : end + 1]), label)
                for label, start, end in get_entities(tags)
            )
            sentence.clear()

    for line in path.read_text(encoding="utf-8").split("\n"):
        fields = line.split(" ")
        if fields[0] == "-DOCSTART-":
            flush()
            documents.append([])
        elif line:
            assert len(fields) == 4 and fields[1:3] == ["-X-", "_"], line
            sentence.append(fields)
        else:
            flush()
    flush()
    return documents


@pytest.mark.parametrize("iob", ["IOB2", "IOB1"])
def test_seqeval_reads_the_entities_we_wrote(tmp_path: Path, iob: str) -> None:
    documents = [*sample_documents(), CITIES_DOC, ANN]
    path = tmp_path / "gold.conll"
    _write(documents, path, iob=iob)
    # "Японии" sits inside "МИД Японии": the longer one is what CoNLL carries
    expected = _entities(documents)
    expected[0].remove(("Японии", "GPE"))
    assert _seqeval_entities(path) == expected
    assert _entities(list(CONLL.read(path))) == expected


def _respaced(draw: st.DrawFn, document: GoldDocument) -> GoldDocument:
    """``document`` with each space between words replaced by other whitespace (line
    breaks, runs of spaces, a no-break space), its entity offsets moved along."""
    separators = st.sampled_from([" ", "  ", "\n", " \n\n", "\u00a0", "\t"])
    pieces, moved, shift = [], {}, 0
    for index, char in enumerate(document.text):
        moved[index] = index + shift
        if char == " ":
            char = draw(separators)
            shift += len(char) - 1
        pieces.append(char)
    moved[len(document.text)] = len(document.text) + shift
    spans = tuple(GoldSpan(moved[s.start], moved[s.end], s.label) for s in document.spans)
    return GoldDocument(text="".join(pieces), language=document.language, spans=spans)


@st.composite
def respaced_documents(draw: st.DrawFn) -> GoldDocument:
    return _respaced(draw, draw(gold_documents()))


def _round_trip(documents: list[GoldDocument], iob: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"gold.{documents[0].language}.conll")
        report = _write(documents, path, iob=iob)
        read = list(CONLL.read(path))
    assert report.left_out.keys() <= {"titles and metadata"}  # every entity is carried
    assert len(read) == len(documents)
    assert _entities(read) == _entities(documents)
    assert [_squeezed(d.text) for d in read] == [_squeezed(d.text) for d in documents]
    assert {d.language for d in read} == {documents[0].language}


@pytest.mark.parametrize("iob", ["IOB2", "IOB1"])
@settings(max_examples=50, deadline=None)
@given(document=gold_documents())
def test_entities_survive_write_and_read(iob: str, document: GoldDocument) -> None:
    _round_trip([document], iob)


@pytest.mark.parametrize("iob", ["IOB2", "IOB1"])
@settings(max_examples=50, deadline=None)
@given(document=respaced_documents())
def test_entities_survive_line_breaks_and_odd_spacing(iob: str, document: GoldDocument) -> None:
    # an entity across a line break stays in one sentence instead of being cut in two
    _round_trip([document], iob)


def test_sample_documents_report_what_conll_cannot_carry(tmp_path: Path) -> None:
    report = _write(sample_documents(), tmp_path / "gold.conll")
    assert report.documents == 4
    assert report.spans == 12
    assert report.statements == 0
    assert report.left_out == {
        "statements": 1,
        "actor links": 2,
        "nested entities": 1,
        "titles and metadata": 4,
    }
    assert any("single spaces" in note for note in report.notes)
    assert any("bg, en, ru, uk" in note for note in report.notes)


def test_off_boundary_entities_and_empty_articles_are_left_out(tmp_path: Path) -> None:
    text = "Kenji Sato said so."
    document = GoldDocument(text=text, language="en",
                            spans=(GoldSpan(0, 3, "PER"), _span(text, "Sato", "PER")))  # fmt: skip
    empty = GoldDocument(text=" \n ", language="en")
    path = tmp_path / "gold.conll"
    report = _write([document, empty], path)
    assert report.left_out == {"entities off token boundaries": 1, "empty articles": 1}
    assert report.documents == 1
    assert _entities(list(CONLL.read(path))) == [[("Sato", "PER")]]


def test_tokens_and_labels_holding_spaces_keep_the_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # spaCy's rules never make such tokens; a custom tokenizer could
    words, spaces = ["1\u00a0000", "Green", "voters"], [True, True, False]
    doc = Doc(blank("en").vocab, words=words, spaces=spaces)
    monkeypatch.setattr(conll, "doc_of", lambda document: doc)
    spans = (GoldSpan(0, 5, "CARDINAL"), GoldSpan(6, 11, "Political party"))
    path = tmp_path / "gold.conll"
    report = _write([GoldDocument(text=doc.text, language="en", spans=spans)], path)
    assert path.read_text(encoding="utf-8").split("\n")[2:-2] == [
        "1 -X- _ B-CARDINAL",
        "000 -X- _ I-CARDINAL",
        "Green -X- _ B-Political_party",
        "voters -X- _ O",
    ]
    assert any("Political party" in note for note in report.notes)


def test_reads_original_conll_2003_with_pos_and_chunk_columns(tmp_path: Path) -> None:
    # the first lines of eng.train: IOB1, real POS and chunk tags
    path = tmp_path / "eng.train.conll"
    path.write_text(
        "-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n"
        "German JJ I-NP I-MISC\ncall NN I-NP O\nto TO I-VP O\nboycott VB I-VP O\n"
        "British JJ I-NP I-MISC\nlamb NN I-NP O\n. . O O\n\nPeter NNP I-NP I-PER\n"
        "Blackburn NNP I-NP I-PER\n\n",
        encoding="utf-8",
    )
    (document,) = CONLL.read(path)
    assert document.text == "EU rejects German call to boycott British lamb .\nPeter Blackburn"
    assert _entities([document]) == [
        [("EU", "ORG"), ("German", "MISC"), ("British", "MISC"), ("PeterBlackburn", "PER")]
    ]
    assert document.language == "xx"  # "train" is no language
    assert document.title == "EU rejects German call to boycott British lamb ."
    assert document.source == f"{path}:1"


def test_reads_two_columns_bioes_and_the_language_of_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "gold.ru.conll"
    path.write_text(
        "Олена B-PER\nКоваль E-PER\nі O\nКиїв S-GPE\nМИД B-ORG\nI-ORG I-ORG\n\n"
        "-DOCSTART- O\n\nМосква U-GPE\nзаявила O\nСофия L-GPE\n",
        encoding="utf-8",
    )
    documents = list(CONLL.read(path))
    assert [d.language for d in documents] == ["ru", "ru"]
    assert [d.source for d in documents] == [f"{path}:1", f"{path}:8"]
    assert _entities(documents) == [
        [("ОленаКоваль", "PER"), ("Київ", "GPE"), ("МИДI-ORG", "ORG")],
        [("Москва", "GPE"), ("София", "GPE")],
    ]


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("-DOCSTART- -X- -X- O\n\nKenji -X- _ B-PER\nSato -X- _ X-PER\n", 4, "X-PER"),
        ("Kenji -X- _ B-PER\nSato\n", 2, "found 1"),
        ("Kenji -X- _ B-PER\nSato -X- I-PER\n", 2, "3 columns"),
        ("Kenji -X- _ B-PER\n\nSato -X- _ B-PER extra\n", 3, "found 5"),
        ("Kenji -X- _ PER\n", 1, "PER"),
        ("Kenji -X- _ B-\n", 1, "B-"),
    ],
)
def test_malformed_lines_name_their_line(
    tmp_path: Path, content: str, line: int, reason: str
) -> None:
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        list(CONLL.read(path))
    assert (raised.value.path, raised.value.line) == (str(path), line)
    assert reason in raised.value.reason


def test_a_file_without_tokens_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.conll"
    path.write_text("-DOCSTART- -X- -X- O\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no tokens"):
        list(CONLL.read(path))
