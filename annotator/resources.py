"""Where the files that ship beside the code live: resources/ and translations/.

In a source checkout they sit next to the package; in a frozen bundle (PyInstaller) they
are unpacked under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))

RESOURCES_DIR = _ROOT / "resources"
TRANSLATIONS_DIR = _ROOT / "translations"
SAMPLES_DIR = RESOURCES_DIR / "samples"
DEFAULT_SCHEMA = RESOURCES_DIR / "schema" / "default.json"
