"""Where the project's folders are: the working directory when it is a Kompaswaaier checkout, else the package's own."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def project_root() -> Path:
    """The folder with ``mkdocs.yml``, ``waaiers/``, ``schemas/`` and ``docs/``."""
    here = Path.cwd()
    if (here / "mkdocs.yml").is_file() and (here / "schemas").is_dir():
        return here
    return PACKAGE_ROOT
