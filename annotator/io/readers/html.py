"""Saved web pages: the article's main text through trafilatura, without menus and ads.

The page's title and date (and author, site name and address when the page says) go to
the article's metadata.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import ArticleDraft
from annotator.core.text import normalize_text, title_of
from annotator.i18n import _
from annotator.io.decode import decode
from annotator.io.readers import ReadOptions, reader

_META_FIELDS = ("title", "date", "author", "sitename", "url", "description")


@reader(".html", ".htm", ".xhtml")
def read_html(path: Path, data: bytes, options: ReadOptions) -> list[ArticleDraft]:
    import trafilatura

    page, encoding = decode(data, str(path))
    found = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    body = getattr(found, "text", None) if found is not None else None
    if not body or not body.strip():
        raise InputError(_("no article text found in the page"), path=str(path))
    meta = {"encoding": encoding}
    for field in _META_FIELDS:
        value = getattr(found, field, None)
        if value:
            meta[field] = str(value)
    text = normalize_text(body)
    title = normalize_text(meta.get("title", "")) or title_of(text)
    if title and not text.startswith(title):
        # The headline is part of what annotators read (and often names the speaker).
        text = f"{title}\n\n{text}"
    return [ArticleDraft(text=text, title=title, source=str(path), meta=meta)]
