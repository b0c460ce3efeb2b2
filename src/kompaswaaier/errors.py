"""Problems found in data files, and the single exception family of the package."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, reported as ``pad:regel: veld: melding``."""

    path: str
    line: int | None
    field: str
    message: str

    def format(self) -> str:
        # A file name that is not valid UTF-8 (kept by Python as surrogates) is shown with U+FFFD.
        where = display_path(self.path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if self.line is not None:
            where += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


def display_path(path: str | os.PathLike[str]) -> str:
    """Show a path relative to the working directory when it lies beneath it."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute.startswith(cwd + os.sep):
        return Path(absolute[len(cwd) + 1:]).as_posix()
    return Path(path).as_posix()


class KompaswaaierError(Exception):
    """Base class for errors that are shown to the user as a Dutch message, never as a traceback."""


class UsageError(KompaswaaierError):
    """The command was called wrongly (exit code 2)."""


class DataError(KompaswaaierError):
    """The data has problems; ``problems`` lists all of them (exit code 1)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))
