"""brat standoff: exact round trips of entities, actors and statements, every file we
write accepted by an independent strict reader (offsets in code points, surfaces equal to
the text, references defined, types declared in annotation.conf), and clear errors for
files whose offsets were counted in another unit."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement, GoldTarget
from annotator.io.formats import ACTORS, FORMATS, STATEMENTS, WriteOptions, WriteReport
from tests.io.formats.brat_strict import (
    Standoff,
    check_against_conf,
    read_conf,
    read_standoff,
)
from tests.io.formats.gold_samples import gold_documents, sample_documents

BRAT = FORMATS["brat"]


def _write(documents: list[GoldDocument], folder: Path) -> WriteReport:
    return BRAT.write(documents, folder, WriteOptions())


def _strictly(folder: Path) -> dict[str, Standoff]:
    """Every .ann of the folder through the independent reader and the folder's conf."""
    conf = read_conf(folder / "annotation.conf")
    found = {}
    for ann in sorted(folder.glob("*.ann")):
        standoff = read_standoff(ann)
        check_against_conf(standoff, conf, str(ann))
        found[ann.stem] = standoff
    return found


def _at(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def _ids(standoff: Standoff, surface: str, type_: str) -> str:
    (found,) = [
        id_ for id_, (t, _f, s) in standoff.textbounds.items() if s == surface and t == type_
    ]
    return found


# A statement with everything brat cannot hold directly: three targets, an actor-only
# speaker, an addressee whose actor differs from its entity's, a target by offsets that
# match no entity, content across a line break, a note with a tab.
TRICKY_TEXT = "Kenji Sato told Tokyo 👍 that Japan\nwill help Seoul and Busan.\n"
_KENJI, _TOKYO, _JAPAN = _at(TRICKY_TEXT, "Kenji Sato"), _at(TRICKY_TEXT, "Tokyo"), None
TRICKY = GoldDocument(
    text=TRICKY_TEXT,
    language="en",
    title="Tricky",
    source="https://example.org/news/tricky.html",
    spans=(
        GoldSpan(*_KENJI, "PER", actor="Kenji Sato"),
        GoldSpan(*_TOKYO, "GPE", actor="Tokyo city"),
        GoldSpan(*_at(TRICKY_TEXT, "Japan"), "GPE", actor="Japan"),
        GoldSpan(*_at(TRICKY_TEXT, "Seoul"), "GPE"),
    ),
    statements=(
        GoldStatement(
            content=_at(TRICKY_TEXT, "Japan\nwill help Seoul"),
            speaker=GoldRef(actor="Government of Japan"),
            targets=(
                GoldTarget(GoldRef(*_at(TRICKY_TEXT, "Seoul")), "favor"),
                GoldTarget(GoldRef(*_at(TRICKY_TEXT, "Busan"), actor="Busan"), "neutral"),
                GoldTarget(GoldRef(*_at(TRICKY_TEXT, "Japan"), actor="Japan"), "against"),
            ),
            cue=_at(TRICKY_TEXT, "told"),
            addressee=GoldRef(*_TOKYO, actor="Tokyo"),
            quote_type="direct",
            statement_type="support",
            note="see\tabove",
        ),
        GoldStatement(content=_at(TRICKY_TEXT, "will help"), speaker=GoldRef(*_KENJI, None)),
    ),
    actor_labels={
        "Kenji Sato": "PER", "Tokyo city": "GPE", "Japan": "GPE",
        "Government of Japan": None, "Busan": None, "Tokyo": None,
    },
)  # fmt: skip


def test_samples_round_trip_exactly(tmp_path: Path) -> None:
    documents = sample_documents()
    report = _write(documents, tmp_path)
    assert list(BRAT.read(tmp_path)) == documents
    assert report.documents == 4 and report.statements == 1 and report.left_out == {}
    assert report.spans == sum(len(d.spans) for d in documents)


def test_tricky_statement_round_trips_and_reports_what_brat_cannot_show(tmp_path: Path) -> None:
    report = _write([TRICKY], tmp_path)
    assert list(BRAT.read(tmp_path)) == [TRICKY]
    # Only the actor-only speaker is not an event argument in brat's eyes.
    assert list(report.left_out.values()) == [1]
    assert "note" in next(iter(report.left_out))


def test_strict_reader_accepts_every_file_we_write(tmp_path: Path) -> None:
    _write([*sample_documents(), TRICKY], tmp_path)
    found = _strictly(tmp_path)
    assert len(found) == 5
    tricky = found["0005_tricky"]
    content = next(i for i, (t, _f, _s) in tricky.textbounds.items() if t == "Statement")
    # Content across a line break: two fragments, the break left out of the surface.
    assert tricky.textbounds[content][1] == ((29, 34), (35, 50))
    assert tricky.surface(content) == "Japan will help Seoul"
    (event,) = [e for e, (_t, trigger, _a) in tricky.events.items() if trigger == content]
    roles = [role for role, _ in tricky.events[event][2]]
    assert roles == ["Target", "Target2", "Target3", "Addressee", "Cue"]
    stances = {name: value for _i, name, target, value in tricky.attributes if target == event}
    assert stances["Stance"] == "FAVOR" and stances["Stance2"] == "NEUTRAL"
    assert stances["Stance3"] == "AGAINST"
    notes = {(kind, text) for _i, kind, target, text in tricky.notes if target == event}
    assert notes == {
        ("Actor", "Speaker Government of Japan"),
        ("Actor", "Addressee Tokyo"),
        ("AnnotatorNotes", "see\tabove"),
    }
    busan = tricky.textbounds[dict(tricky.events[event][2])["Target2"]]
    assert busan[0] == "Mention" and busan[2] == "Busan"


def test_russian_sample_lines(tmp_path: Path) -> None:
    _write(sample_documents(), tmp_path)
    ru = _strictly(tmp_path)["0001_ru"]
    japan, azer = _ids(ru, "Японии", "GPE"), _ids(ru, "Азербайджан", "GPE")
    content, cue = _ids(ru, "прекратить огонь", "Statement"), _ids(ru, "призвал", "Cue")
    assert ru.span(japan) == (4, 10) and ru.span(azer) == (21, 32)
    assert ru.textbounds[_ids(ru, "МИД Японии", "ORG")][1] == ((0, 10),)
    ((event, (type_, trigger, args)),) = ru.events.items()
    assert (type_, trigger) == ("Statement", content)
    assert args == (("Speaker", japan), ("Target", azer), ("Cue", cue))
    assert sorted((n, t, v) for _i, n, t, v in ru.attributes) == [
        ("QuoteType", event, "indirect"),
        ("Stance", event, "AGAINST"),
        ("StatementType", event, "demand"),
    ]
    links = sorted((t, db, key, text) for _i, t, db, key, text in ru.normalizations)
    assert links == [
        (japan, "Actors", "Japan", "Japan"),
        (azer, "Actors", "Azerbaijan", "Azerbaijan"),
    ]
    assert [(kind, target, text) for _i, kind, target, text in ru.notes] == [
        ("AnnotatorNotes", event, "пример")
    ]
    lines = (tmp_path / "0001_ru.ann").read_text(encoding="utf-8").splitlines()
    assert f"{japan}\tGPE 4 10\tЯпонии" in lines
    assert f"{event}\tStatement:{content} Speaker:{japan} Target:{azer} Cue:{cue}" in lines


def test_emoji_before_an_entity_does_not_shift_offsets(tmp_path: Path) -> None:
    text = "👍🇺🇦 Київ 😀 і Варшава"
    kyiv, warsaw = _at(text, "Київ"), _at(text, "Варшава")
    document = GoldDocument(text=text, language="uk", title="x", source="emoji",
                            spans=(GoldSpan(*kyiv, "GPE"), GoldSpan(*warsaw, "GPE")))  # fmt: skip
    _write([document], tmp_path)
    (standoff,) = _strictly(tmp_path).values()  # checks every surface against the text
    assert sorted(standoff.span(i) for i in standoff.textbounds) == [(4, 8), (13, 20)]
    # Code points, not UTF-16 units (where Київ would start at 7).
    assert len(text[: kyiv[0]].encode("utf-16-le")) // 2 == 7
    assert list(BRAT.read(tmp_path)) == [document]


def test_text_is_written_byte_exactly(tmp_path: Path) -> None:
    text = "Line one\r\nline two\u2028still two\rthree\n\n  Seoul  \x85end"
    seoul = _at(text, "Seoul")
    document = GoldDocument(text=text, language="en", title="", source="",
                            spans=(GoldSpan(*seoul, "GPE"),))  # fmt: skip
    report = _write([document], tmp_path)
    assert (tmp_path / "0001.txt").read_bytes() == text.encode("utf-8")
    assert list(BRAT.read(tmp_path)) == [document]
    assert any("\\r\\n" in note for note in report.notes)  # brat itself would shift
    _strictly(tmp_path)


def test_annotation_conf_declares_labels_and_statement_scheme(tmp_path: Path) -> None:
    _write([*sample_documents(), TRICKY], tmp_path)
    conf = read_conf(tmp_path / "annotation.conf")
    assert {"PER", "ORG", "GPE", "Cue", "Mention"} <= conf.entities
    assert "Statement" not in conf.entities  # an event type only, or brat mistakes it
    roles = conf.events["Statement"]
    assert roles["Target"][0] == "*" and roles["Speaker"][0] == "?" and roles["Cue"][1] == {"Cue"}
    assert conf.attributes["Stance"][1] >= {"FAVOR", "AGAINST", "NEUTRAL", "UNCLEAR"}
    assert "Stance3" in conf.attributes and "direct" in conf.attributes["QuoteType"][1]
    visual = (tmp_path / "visual.conf").read_text(encoding="utf-8")
    assert "[drawing]" in visual and "GPE\tbgColor:#" in visual


def test_names_are_safe_unique_and_stable(tmp_path: Path) -> None:
    documents = [
        GoldDocument(text="a", language="ru", title="Москва: «заявление»", source=""),
        GoldDocument(text="b", language="ru", title="", source="C:\\news\\Київ 2024.html"),
        GoldDocument(text="c", language="ru", title="", source=""),
        GoldDocument(text="d", language="ru", title="x", source="ru.txt"),
        GoldDocument(text="e", language="ru", title="x", source="ru.txt"),
    ]
    report = _write(documents, tmp_path)
    names = [p.stem for p in report.files if p.suffix == ".ann"]
    assert names == ["0001_moskva-zayavlenie", "0002_kiyiv-2024", "0003", "0004_ru", "0005_ru"]
    assert all(re.fullmatch(r"[0-9a-z_-]+", name) for name in names)
    again = _write(documents, tmp_path / "again")
    assert [p.name for p in again.files] == [p.name for p in report.files]
    # Two exports in one tree: each folder's documents.tsv names its own articles.
    assert list(BRAT.read(tmp_path)) == documents + documents


def test_reads_one_ann_and_folders_without_an_index(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes("Токио молчит.\nДа.".encode())
    (tmp_path / "sub" / "a.ann").write_bytes("T1\tGPE 0 5\tТокио\n".encode())
    (document,) = BRAT.read(tmp_path)
    assert (document.language, document.title, document.source) == (
        "xx",
        "Токио молчит.",
        "sub/a.txt",
    )
    assert document.spans == (GoldSpan(0, 5, "GPE"),)
    assert list(BRAT.read(tmp_path / "sub" / "a.ann")) == [
        GoldDocument(text=document.text, language="xx", title="Токио молчит.", source="a.txt",
                     spans=document.spans)
    ]  # fmt: skip


def test_line_breaks_in_notes_are_reported(tmp_path: Path) -> None:
    statement = GoldStatement(content=(0, 1), speaker=GoldRef(), note="two\nlines")
    document = GoldDocument(text="ab", language="en", statements=(statement,))
    report = _write([document], tmp_path)
    (back,) = BRAT.read(tmp_path)
    assert back.statements[0].note == "two lines"
    assert sum(report.left_out.values()) == 1


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    _write(sample_documents(), tmp_path)
    ann = tmp_path / "0001_ru.ann"
    content = ann.read_text(encoding="utf-8")
    assert old in content
    ann.write_text(content.replace(old, new), encoding="utf-8", newline="")
    return ann


def test_surface_mismatch_names_the_line_and_the_unit(tmp_path: Path) -> None:
    # Азербайджан as a web tool counts it: the emoji before it is two UTF-16 units.
    ann = _broken(tmp_path, "T3\tGPE 21 32\t", "T3\tGPE 22 33\t")
    with pytest.raises(InputError) as caught:
        list(BRAT.read(tmp_path))
    assert caught.value.path == str(ann) and caught.value.line == 3
    assert "Азербайджан" in str(caught.value) and "UTF-16" in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("T2\tGPE 4 10\t", "T2\tGPE 4 999\t", 2),  # beyond the text
        ("T2\tGPE 4 10\t", "T2 GPE 4 10\t", 2),  # spaces for a tab
        ("Speaker:T2", "Speaker:T99", 9),  # unknown ID
        ("Target:T3", "Victim:T3", 9),  # a role we do not know
        ("A1\tStance E1 AGAINST", "A1\tStance2 E1 AGAINST", 10),  # stance of no target
        ("N2\t", "N1\t", 6),  # an ID twice
    ],
)
def test_malformed_files_fail_with_their_line(
    tmp_path: Path, old: str, new: str, line: int
) -> None:
    ann = _broken(tmp_path, old, new)
    with pytest.raises(InputError) as caught:
        list(BRAT.read(tmp_path))
    assert (caught.value.path, caught.value.line) == (str(ann), line)


def test_carries() -> None:
    assert {STATEMENTS, ACTORS} <= BRAT.carries and BRAT.folder


# -- random articles ----------------------------------------------------------------------

ACTOR_NAMES = ["Japan", "Kenji Sato", "Київ", "МИД России", "Sofia"]


def _derived_labels(spans: tuple[GoldSpan, ...], statements: list[GoldStatement]) -> dict:
    # As the store builds them: linked entities' labels, None for actors only named.
    labels: dict[str, str | None] = {s.actor: s.label for s in spans if s.actor}
    for statement in statements:
        for ref in (statement.speaker, statement.addressee, *(t.ref for t in statement.targets)):
            if ref is not None and ref.actor:
                labels.setdefault(ref.actor, None)
    return labels


@st.composite
def documents_with_statements(draw: st.DrawFn) -> GoldDocument:
    """gold_documents() with actors on some entities and random statements whose roles are
    entities, actors only, or offsets of no entity."""
    base = draw(gold_documents())
    words = [m.span() for m in re.finditer(r"\S+", base.text)]
    actor = st.none() | st.sampled_from(ACTOR_NAMES)
    spans = tuple(GoldSpan(s.start, s.end, s.label, draw(actor)) for s in base.spans)

    def stretch() -> tuple[int, int]:
        first = draw(st.integers(0, len(words) - 1))
        last = draw(st.integers(first, min(first + 3, len(words) - 1)))
        return words[first][0], words[last][1]

    def ref() -> GoldRef:
        kind = draw(
            st.sampled_from(["entity", "actor", "offsets"] if spans else ["actor", "offsets"])
        )
        if kind == "entity":
            span = draw(st.sampled_from(spans))
            return GoldRef(span.start, span.end, draw(st.sampled_from([span.actor, None, "Sofia"])))
        if kind == "actor":
            return GoldRef(actor=draw(st.sampled_from(ACTOR_NAMES)))
        return GoldRef(*stretch(), draw(actor))

    statements = []
    for _number in range(draw(st.integers(0, 3))):
        statements.append(
            GoldStatement(
                content=stretch(),
                speaker=ref() if draw(st.booleans()) else GoldRef(),
                targets=tuple(
                    GoldTarget(
                        ref(), draw(st.sampled_from(["favor", "against", "neutral", "unclear"]))
                    )
                    for _t in range(draw(st.integers(0, 4)))
                ),
                cue=stretch() if draw(st.booleans()) else None,
                addressee=ref() if draw(st.booleans()) else None,
                quote_type=draw(st.none() | st.sampled_from(["direct", "indirect", "mixed"])),
                statement_type=draw(st.none() | st.sampled_from(["demand", "threat"])),
                note=draw(st.text(st.sampled_from("ab Я👍\t«»"), max_size=8)),
            )
        )
    return GoldDocument(
        text=base.text, language=base.language, title=base.title, source=base.source,
        spans=spans, statements=tuple(statements),
        actor_labels=_derived_labels(spans, statements),
    )  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(gold_documents(), min_size=1, max_size=4))
def test_random_articles_round_trip(documents: list[GoldDocument]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _write(documents, Path(folder))
        assert list(BRAT.read(Path(folder))) == documents
        _strictly(Path(folder))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents_with_statements(), min_size=1, max_size=3))
def test_random_statements_round_trip(documents: list[GoldDocument]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _write(documents, Path(folder))
        assert list(BRAT.read(Path(folder))) == documents
        _strictly(Path(folder))
