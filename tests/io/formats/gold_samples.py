"""Annotated articles for the format tests: four scripts, emoji, statements, actors."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import strategies as st

from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement, GoldTarget


def _at(text: str, surface: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def sample_documents() -> list[GoldDocument]:
    ru = "МИД Японии 👍 призвал Азербайджан прекратить огонь.\nТокио готов к диалогу."
    uk = "Київ і Варшава домовилися. 🇺🇦 Міністр Олена Коваль заявила про угоду."
    bg = "България и Гърция подписаха споразумение в София."
    en = "Japan's foreign ministry urged Azerbaijan to stop. Kenji Sato said so 😀."
    japan = GoldSpan(*_at(ru, "Японии"), "GPE", actor="Japan")
    azer = GoldSpan(*_at(ru, "Азербайджан"), "GPE", actor="Azerbaijan")
    statement = GoldStatement(
        content=_at(ru, "прекратить огонь"),
        speaker=GoldRef(japan.start, japan.end, "Japan"),
        targets=(GoldTarget(GoldRef(azer.start, azer.end, "Azerbaijan"), "against"),),
        cue=_at(ru, "призвал"),
        quote_type="indirect",
        statement_type="demand",
        note="пример",
    )
    return [
        GoldDocument(
            text=ru, language="ru", title="МИД Японии", source="ru.txt",
            spans=(GoldSpan(*_at(ru, "МИД Японии"), "ORG"), japan, azer,
                   GoldSpan(*_at(ru, "Токио"), "GPE")),
            statements=(statement,),
            actor_labels={"Japan": "GPE", "Azerbaijan": "GPE"},
        ),
        GoldDocument(
            text=uk, language="uk", title="Київ", source="uk.txt",
            spans=(GoldSpan(*_at(uk, "Київ"), "GPE"), GoldSpan(*_at(uk, "Варшава"), "GPE"),
                   GoldSpan(*_at(uk, "Олена Коваль"), "PER")),
        ),
        GoldDocument(
            text=bg, language="bg", title="България", source="bg.txt",
            spans=(GoldSpan(*_at(bg, "България"), "GPE"), GoldSpan(*_at(bg, "Гърция"), "GPE"),
                   GoldSpan(*_at(bg, "София"), "GPE")),
        ),
        GoldDocument(
            text=en, language="en", title="Japan", source="en.txt",
            spans=(GoldSpan(*_at(en, "Japan"), "GPE"), GoldSpan(*_at(en, "Azerbaijan"), "GPE"),
                   GoldSpan(*_at(en, "Kenji Sato"), "PER")),
        ),
    ]  # fmt: skip


WORDS = {
    "ru": ["Москва", "заявила", "что", "Киев", "МИД", "России", "готов", "👍", "«диалог»"],
    "uk": ["Київ", "і", "Львів", "заявив", "міністр", "Ґалаґан", "їхня", "🇺🇦", "угода"],
    "bg": ["София", "и", "Атина", "подписаха", "споразумение", "Гърция", "ъгъл", "😀"],
    "en": ["Japan", "urged", "Azerbaijan", "to", "stop", "Kenji", "Sato", "said", "🙂"],
}
LABELS = ["PER", "ORG", "LOC", "GPE"]


@st.composite
def gold_documents(draw: st.DrawFn) -> GoldDocument:
    """A random article of whole words (emoji among them) with random non-overlapping
    entities of one or more whole words."""
    language = draw(st.sampled_from(sorted(WORDS)))
    words = draw(st.lists(st.sampled_from(WORDS[language]), min_size=1, max_size=25))
    text = " ".join(words) + "."
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    spans, index = [], 0
    while index < len(words):
        if draw(st.booleans()):
            length = draw(st.integers(1, min(3, len(words) - index)))
            last = index + length - 1
            spans.append(GoldSpan(starts[index], starts[last] + len(words[last]),
                                  draw(st.sampled_from(LABELS))))  # fmt: skip
            index += length + 1  # a word of gap: adjacent entities stay apart in IOB1
        else:
            index += 1
    return GoldDocument(text=text, language=language, title=words[0], source="random",
                        spans=tuple(spans))  # fmt: skip


STANCES = ["favor", "against", "neutral", "unclear"]


@st.composite
def documents_with_statements(draw: st.DrawFn, *, all_fields: bool = True) -> GoldDocument:
    """A random article with statements whose speaker, targets and addressee are its
    entities or other words; ``all_fields`` adds quote and statement types and notes."""
    document = draw(gold_documents())
    words = [m.span() for m in re.finditer(r"\S+", document.text)]
    places = [(s.start, s.end) for s in document.spans] + words

    def ref() -> GoldRef:
        return GoldRef(*draw(st.sampled_from(places)))

    statements = []
    for _ in range(draw(st.integers(0, 3))):
        first = draw(st.integers(0, len(words) - 1))
        last = draw(st.integers(first, len(words) - 1))
        targets = tuple(
            GoldTarget(ref(), draw(st.sampled_from(STANCES)))
            for _ in range(draw(st.integers(0, 2)))
        )
        extra = {}
        if all_fields:
            extra = {
                "quote_type": draw(st.none() | st.sampled_from(["direct", "indirect"])),
                "statement_type": draw(st.none() | st.sampled_from(["demand", "claim"])),
                "note": draw(st.sampled_from(["", "уточнить 👍", "line one\nline two"])),
            }
        statements.append(
            GoldStatement(
                content=(words[first][0], words[last][1]),
                speaker=ref(),
                targets=targets,
                cue=draw(st.none() | st.sampled_from(words)),
                addressee=ref() if draw(st.booleans()) else None,
                **extra,
            )
        )
    return dataclasses.replace(document, statements=tuple(statements))


def without_actors(document: GoldDocument, *, statement_details: bool = True) -> GoldDocument:
    """An article as a format without actor links carries it back; without
    ``statement_details`` its statements also lose quote type, statement type and note."""

    def ref(r: GoldRef | None) -> GoldRef | None:
        return None if r is None else GoldRef(r.start, r.end)

    details = {} if statement_details else {"quote_type": None, "statement_type": None, "note": ""}
    statements = tuple(
        dataclasses.replace(
            s,
            speaker=ref(s.speaker) or GoldRef(),
            targets=tuple(GoldTarget(ref(t.ref) or GoldRef(), t.stance) for t in s.targets),
            addressee=ref(s.addressee),
            **details,
        )
        for s in document.statements
    )
    return dataclasses.replace(
        document,
        spans=tuple(GoldSpan(s.start, s.end, s.label) for s in document.spans),
        statements=statements,
        actor_labels={},
        id=None,
    )
