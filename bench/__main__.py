from __future__ import annotations

import argparse
import json
import platform
import sys
import time

from bench import export_speed, import_speed, preannotate_speed, quality, statements, training


def _window(*, quick: bool = False) -> dict:
    from bench import window  # Qt only when asked for

    return window.run(quick=quick)


def _bundle(*, quick: bool = False) -> dict:
    from bench import bundle  # needs `make dist` first

    return bundle.run(quick=quick)


BENCHMARKS = {
    "import": import_speed.run,
    "window": _window,
    "export": export_speed.run,
    "preannotate": preannotate_speed.run,
    "quality": quality.run,
    "training": training.run,
    "statements": statements.run,
    "bundle": _bundle,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "names",
        nargs="*",
        choices=[*BENCHMARKS, []],
        metavar="NAME",
        help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})",
    )
    parser.add_argument("--quick", action="store_true", help="smaller inputs, for a smoke run")
    args = parser.parse_args()
    figures = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": __import__("os").cpu_count(),
        },
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    for name in args.names or BENCHMARKS:
        print(f"running {name}…", file=sys.stderr)
        figures[name] = BENCHMARKS[name](quick=args.quick)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0


raise SystemExit(main())
