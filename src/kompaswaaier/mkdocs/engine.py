"""The one place that knows which site generator builds the site: ProperDocs or MkDocs 1.6.

ProperDocs (package and command ``properdocs``) is the maintained continuation of MkDocs 1.6: the
same ``mkdocs.yml``, ``hooks:``, plugins and mkdocs-material. Its module ``properdocs.replacement``
makes every ``mkdocs.*`` import in the process resolve to ``properdocs.*`` (the ``properdocs``
command does this itself), so our hook, the theme and the search plugin run on it unchanged.

Which one: ``KOMPASWAAIER_BOUWER=properdocs|mkdocs`` (or ``kompaswaaier bouw --bouwer``); without
a choice ProperDocs when it is installed, else MkDocs. mkdocs-material itself still depends on
mkdocs, so both are usually installed side by side; one process can run only one of them, so the
first choice in a process is final.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from kompaswaaier.errors import UsageError

#: Generators in order of preference when nothing is chosen: the maintained fork first.
ENGINES = {"properdocs": "ProperDocs", "mkdocs": "MkDocs"}
ENV = "KOMPASWAAIER_BOUWER"


@dataclass(frozen=True)
class Engine:
    """The parts of MkDocs (or ProperDocs under MkDocs' names) that the package calls."""

    name: str
    label: str
    version: str
    build: Any
    load_config: Any
    serve: Any
    Abort: type[Exception]
    ConfigurationError: type[Exception]
    MkDocsException: type[Exception]

    def __str__(self) -> str:
        return f"{self.label} {self.version}"


def installed(name: str) -> bool:
    """Whether the generator ``name`` ('properdocs' or 'mkdocs') can be imported."""
    return importlib.util.find_spec(name) is not None


def running() -> str | None:
    """The generator this process already runs ('properdocs' or 'mkdocs'), if any."""
    module = sys.modules.get("mkdocs")
    if module is None:
        return None
    return "properdocs" if module.__name__ == "properdocs" else "mkdocs"


def choose(requested: str | None = None) -> str:
    """The generator to use: ``requested``, else ``$KOMPASWAAIER_BOUWER``, else the one running, else the first installed."""
    wanted = (requested or os.environ.get(ENV) or "").strip().lower()
    if wanted:
        if wanted not in ENGINES:
            raise UsageError(f"onbekende bouwer '{wanted}' (in --bouwer of {ENV}); kies uit: {', '.join(ENGINES)}")
        if not installed(wanted):
            raise UsageError(f"{ENGINES[wanted]} is niet geïnstalleerd; installeer het met: pip install {wanted}")
        return wanted
    current = running()
    if current:
        return current
    for name in ENGINES:
        if installed(name):
            return name
    raise UsageError("er is geen sitebouwer geïnstalleerd; installeer er één met: pip install properdocs")


def load(requested: str | None = None) -> Engine:
    """Import the chosen generator (see :func:`choose`) and return its parts."""
    name = choose(requested)
    current = running()
    if current and current != name:
        raise UsageError(f"in dit proces draait al {ENGINES[current]}; {ENGINES[name]} kan alleen in een nieuw proces "
                         f"(zet {ENV}={name} vóór de opdracht)")
    if name == "properdocs":
        import properdocs.replacement  # noqa: F401  (mkdocs.* -> properdocs.* from here on)
    from mkdocs.commands.build import build
    from mkdocs.commands.serve import serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    try:
        release = version(name)
    except PackageNotFoundError:  # pragma: no cover - importable but without metadata
        release = "?"
    return Engine(name, ENGINES[name], release, build, load_config, serve, Abort, ConfigurationError, MkDocsException)
