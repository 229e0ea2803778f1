"""Import throughput against the raw ``sqlite_utils`` insert of the same rows.

N articles of about 2 KB in the four default languages are written as ``.txt`` files and
imported the way ``annotator import`` does: read, decoded, normalised, language guessed,
stored with the journal. The baseline inserts the very rows that import stored (each
article's document row and journal row) with ``Table.insert_all`` into the same tables of
a fresh project, with the same indexes and full-text triggers. The three measurements
take turns over several rounds and the median of each is reported, so that the disk's
moods touch all of them alike. Target: import at least 50 % of the baseline rate.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from annotator.io.importer import ImportOptions, import_paths
from annotator.resources import SAMPLES_DIR
from annotator.store.project import Project


def generate(folder: Path, count: int, size: int = 2000, seed: int = 7) -> None:
    """``count`` distinct articles of about ``size`` characters, cut from the samples."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES_DIR.glob("*.txt"))]
    for i in range(count):
        source = sources[i % len(sources)]
        start = rng.randrange(0, max(1, len(source) - size))
        body = source[start : start + size]
        (folder / f"{i:06}.txt").write_text(f"Article {i}\n{body}\n", encoding="utf-8")


def run(*, quick: bool = False) -> dict[str, Any]:
    count, rounds = (1000, 1) if quick else (5000, 3)
    rates: dict[str, list[float]] = {"import": [], "import_lang_forced": [], "raw_insert_all": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        generate(folder, count)
        for round_ in range(rounds):
            rows: dict[str, list[dict[str, Any]]] = {}
            for name, language in (("import", None), ("import_lang_forced", "ru")):
                with Project.open(Path(tmp, f"{name}-{round_}.sqlite")) as project:
                    options = ImportOptions(annotator="bench", language=language)
                    began = time.perf_counter()
                    import_paths(project, [folder], options)
                    rates[name].append(count / (time.perf_counter() - began))
                    assert project.count_documents() == count
                    rows = {t: list(project.db[t].rows) for t in ("documents", "journal")}
            with Project.open(Path(tmp, f"raw-{round_}.sqlite")) as raw:
                raw.annotator_id("bench")  # the rows name their importer
                began = time.perf_counter()
                raw.db["documents"].insert_all(rows["documents"], pk="id")
                raw.db["journal"].insert_all(rows["journal"], pk="id")
                rates["raw_insert_all"].append(count / (time.perf_counter() - began))

    median = {name: statistics.median(values) for name, values in rates.items()}
    return {
        "articles": count,
        "article_chars": 2000,
        "rounds": rounds,
        **{f"{name}_docs_per_s": round(rate) for name, rate in median.items()},
        "import_vs_raw": round(median["import"] / median["raw_insert_all"], 2),
        "import_lang_forced_vs_raw": round(
            median["import_lang_forced"] / median["raw_insert_all"], 2
        ),
        "target": "import_vs_raw >= 0.5",
    }
