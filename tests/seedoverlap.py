"""Runs of 12 or more words that a text shares with the seed documents (which may be used for facts, never pasted).

Run as a script to list the runs per file: ``python tests/seedoverlap.py [PATH ...]``.
Titles of cited publications and web addresses are allowed to match; they are removed before comparing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
RUN = 12
_WORD = re.compile(r"[0-9a-zà-ÿ]+(?:['’][a-z]+)?")
_URL = re.compile(r"https?://\S+")


def words(text: str) -> list[str]:
    return _WORD.findall(_URL.sub(" ", text.lower()))


def _titles() -> list[list[str]]:
    """Titles of publications, which must be quoted exactly: the vocabulary of Kompas publications and cited titles."""
    out = []
    vocab = REPO / "waaiers" / "vocabulaires" / "publicaties.yml"
    for line in vocab.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("label:"):
            out.append(words(line.split(":", 1)[1]))
    return out


def seed_shingles() -> set[tuple[str, ...]]:
    shingles: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        w = words(seed.read_text(encoding="utf-8", errors="replace"))
        shingles.update(tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1))
    return shingles


def _strip_titles(w: list[str], titles: list[list[str]]) -> list[str]:
    out, i = [], 0
    while i < len(w):
        for t in titles:
            if t and w[i:i + len(t)] == t:
                out.append("|")
                i += len(t)
                break
        else:
            out.append(w[i])
            i += 1
    return out


def shared_runs(text: str, shingles: set[tuple[str, ...]], titles: list[list[str]] | None = None) -> list[str]:
    """The maximal runs of >= RUN words of ``text`` that also occur in a seed."""
    w = _strip_titles(words(text), titles if titles is not None else _titles())
    hits = [i for i in range(len(w) - RUN + 1) if tuple(w[i:i + RUN]) in shingles]
    runs, start, end = [], None, None
    for i in hits:
        if start is not None and i <= end:
            end = i + RUN
        else:
            if start is not None:
                runs.append(" ".join(w[start:end]))
            start, end = i, i + RUN
    if start is not None:
        runs.append(" ".join(w[start:end]))
    return runs


def project_texts() -> Iterable[Path]:
    yield from sorted((REPO / "waaiers").rglob("*.yml"))
    yield from sorted((REPO / "docs").rglob("*.md"))
    yield from sorted((REPO / "src" / "kompaswaaier" / "templates").glob("*.j2"))


def main(paths: list[str]) -> int:
    shingles, titles = seed_shingles(), _titles()
    files = [Path(p) for p in paths] or list(project_texts())
    found = 0
    for f in files:
        for run in shared_runs(f.read_text(encoding="utf-8"), shingles, titles):
            found += 1
            print(f"{f}: {run}")
    print(f"{found} gedeelde reeksen van {RUN} of meer woorden.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
