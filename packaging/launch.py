"""What the bundled ``stance-annotator`` runs: the same entry point as ``annotator``."""

from annotator.cli import main

raise SystemExit(main())
