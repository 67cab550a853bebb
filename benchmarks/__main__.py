"""``make bench``: run every benchmark module and print one line per figure."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import traceback

import benchmarks


def main(selected: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = 0
    names = sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        try:
            for figure in module.run():
                print(figure.line(), flush=True)
        except Exception:  # a broken benchmark must not hide the others
            failed += 1
            print(f"{name}\tERROR", flush=True)
            traceback.print_exc()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
