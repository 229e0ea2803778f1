"""Plain text and Markdown: one article per file.

The title is the first non-empty line. A Markdown file may start with a front-matter
block (``---`` lines around ``key: value`` pairs); its pairs become the article's
metadata, its ``title`` the title, and the block is not part of the text.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import ArticleDraft
from annotator.core.text import normalize_text, title_of
from annotator.io.decode import decode
from annotator.io.readers import ReadOptions, reader


@reader(".txt")
def read_text(path: Path, data: bytes, options: ReadOptions) -> list[ArticleDraft]:
    text, encoding = decode(data, str(path))
    text = normalize_text(text)
    return [
        ArticleDraft(text=text, title=title_of(text), source=str(path), meta={"encoding": encoding})
    ]


@reader(".md", ".markdown")
def read_markdown(path: Path, data: bytes, options: ReadOptions) -> list[ArticleDraft]:
    text, encoding = decode(data, str(path))
    text = normalize_text(text)
    meta, body = front_matter(text)
    title = str(meta.get("title") or title_of(body).lstrip("#").strip())
    return [
        ArticleDraft(text=body, title=title, source=str(path), meta={**meta, "encoding": encoding})
    ]


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` pairs of a leading ``---`` block, and the text after it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, min(len(lines), 100)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep and key.strip():
                    meta[key.strip()] = value.strip().strip("\"'")
            body = "\n".join(lines[end + 1 :]).lstrip("\n")
            return meta, body
    return {}, text
