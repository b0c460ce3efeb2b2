"""Where things are, from a checkout (editable install) and from an installed wheel alike.

Two kinds of place:

* files that travel with the package (JSON Schemas, templates, assets): :data:`PACKAGE_DIR`,
  :data:`SCHEMA_DIR`, :func:`asset`, :func:`template`. In a checkout ``src/kompaswaaier/schemas`` is a symlink to the repository's
  ``schemas/`` (which editors reference); building a wheel copies the files behind it.
* the project the user works in (``mkdocs.yml``, ``waaiers/``, ``docs/``, ...): :func:`project_root`.

Vocabularies are data, not package files: they are always read from ``waaiers/vocabulaires/`` of the
catalogue being checked, so an entry is judged by the lists of its own checkout, never by a stale copy.
"""

from __future__ import annotations

from pathlib import Path

#: The package folder (``src/kompaswaaier`` in a checkout, ``site-packages/kompaswaaier`` when installed).
PACKAGE_DIR = Path(__file__).resolve().parent

#: The JSON Schemas that travel with the package.
SCHEMA_DIR = PACKAGE_DIR / "schemas"


def _checkout() -> Path | None:
    """The repository this package runs from (editable install), or None when it is installed."""
    root = PACKAGE_DIR.parents[1]
    return root if (root / "mkdocs.yml").is_file() and (root / "waaiers").is_dir() else None


#: The repository root when the package runs from a checkout, else None.
CHECKOUT = _checkout()


def project_root() -> Path:
    """The folder with ``mkdocs.yml`` and ``waaiers/``: the working directory when it is one,
    else the checkout this package runs from, else the working directory (whose missing files the
    commands then report)."""
    here = Path.cwd()
    if (here / "mkdocs.yml").is_file() and (here / "waaiers").is_dir():
        return here
    return CHECKOUT or here


def asset(name: str) -> str:
    """The text of a static file shipped with the package: ``assets/<name>`` (``name`` may hold a folder)."""
    return (PACKAGE_DIR / "assets" / name).read_text(encoding="utf-8")


def template(name: str) -> str:
    """The text of a Jinja template shipped with the package: ``templates/<name>``."""
    return (PACKAGE_DIR / "templates" / name).read_text(encoding="utf-8")
