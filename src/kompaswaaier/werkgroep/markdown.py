"""Markdown for GitHub comments that carries text written by others as text only.

Titles, answers and messages that come from an issue or a pull request go into a code span or a code
block: GitHub then shows them as typed, and they cannot mention people, link, add images or HTML, or
end the comment early. The fence is always longer than any run of backticks inside.
"""

from __future__ import annotations

import re

_TICKS = re.compile(r"`+")


def _longest_run(text: str) -> int:
    return max((len(run) for run in _TICKS.findall(text)), default=0)


def code(text: str, limit: int = 200) -> str:
    """``text`` on one line as a code span, at most ``limit`` characters; '(leeg)' for nothing."""
    text = " ".join(text.split())
    if not text:
        return "(leeg)"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    fence = "`" * (_longest_run(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def block(lines: list[str]) -> str:
    """Lines as a fenced code block."""
    text = "\n".join(lines)
    fence = "`" * max(3, _longest_run(text) + 1)
    return f"{fence}text\n{text}\n{fence}"
