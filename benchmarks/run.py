"""`make bench`: run every benchmark in one go and write the figures to benchmarks/resultaten/.

Each benchmark is a script in this folder that runs on its own too (`python benchmarks/bouw.py`).
Benchmarks report ratios against a baseline measured in the same run; they are never tests.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["controleer", "bouw", "zoeken", "paginagrootte"]


def main() -> int:
    out_dir = HERE / "resultaten"
    out_dir.mkdir(exist_ok=True)
    summary = {"datum": dt.datetime.now().isoformat(timespec="seconds"), "machine": platform.platform(),
               "python": platform.python_version(), "resultaten": {}}
    failed = []
    for name in ORDER:
        script = HERE / f"{name}.py"
        if not script.exists():
            continue
        print(f"== {name} ==", flush=True)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script)], cwd=HERE, text=True, capture_output=True)
        print(proc.stdout, end="")
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            failed.append(name)
        (out_dir / f"{name}.txt").write_text(proc.stdout, encoding="utf-8")
        summary["resultaten"][name] = {"seconden": round(time.perf_counter() - start, 1), "afsluitcode": proc.returncode}
    (out_dir / "samenvatting.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if failed:
        print(f"mislukt: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"Uitkomsten staan in {out_dir.relative_to(HERE.parent)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
