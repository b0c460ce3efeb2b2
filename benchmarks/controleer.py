"""Benchmark: `kompaswaaier controleer` against `check-jsonschema` on the same 1,000 synthetic entries.

Both run as fresh processes (start-up included, as a contributor experiences them), same files,
same schema, in the same run; the median of several rounds is reported, with the ratio.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from synthetic import REPO, cpu_seconds, make_catalog

BIN = Path(sys.executable).parent


def _time(cmd: list[str], rounds: int) -> float:
    return statistics.median(cpu_seconds(cmd) for _ in range(rounds))


def run(n: int = 1000, rounds: int = 5) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_catalog(Path(tmp) / "waaiers", n)
        entries = sorted(str(p) for p in root.glob("[1-5]-*/*.yml") if p.name != "waaier.yml")
        ours = _time([str(BIN / "kompaswaaier"), "controleer", "--stil", str(root)], rounds)
        theirs = _time([str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schemas" / "entry.schema.json"), *entries], rounds)
    result = {"items": n, "controleer_s": ours, "check_jsonschema_s": theirs, "ratio": theirs / ours}
    print(f"controleer op {n} items: {ours:.2f} s; check-jsonschema: {theirs:.2f} s; "
          f"controleer is {theirs / ours:.1f}x zo snel (doel: minstens 3x)")
    return result


if __name__ == "__main__":
    run()
