"""The toegankelijkheidsverklaring of each version, generated from the results of the last test run.

The browser tests (``tests/browser/``) write ``rapporten/toegankelijkheid.json``: per version and
page the axe violations, requests to other hosts, cookies, Nu Html Checker errors, layout at 360 px
and at 200 % zoom, the keyboard walk, offline use, and the B1 figures; plus tool versions, the date
and a fingerprint of everything the site is built from. :func:`pages` (a page provider) renders
``toegankelijkheid.md`` for a version from that file and ships the service worker ``sw.js``.

The page never claims more than the file says: when there are no results, or the site's sources
have changed since the test run (the fingerprint differs), it says so plainly.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from kompaswaaier.model import VERSIONS, Catalog, date_nl
from kompaswaaier.render.pages import environment
from kompaswaaier.resources import asset, project_root
from kompaswaaier.select import View

RESULTS = Path("rapporten") / "toegankelijkheid.json"

#: What the site is built from (relative to the project root), besides the catalogue itself.
_SOURCES = ("mkdocs.yml", "versies", "docs", "overrides", "hooks", "src/kompaswaaier")
_SKIP_PARTS = {"__pycache__", ".pytest_cache"}

#: Labels of the visited kinds of page, in the order they are shown.
PAGE_LABELS = {
    "startpagina": "Startpagina",
    "kennisbank": "Uitleg over de bouwstenen",
    "waaier": "Waaier",
    "item": "Pagina van een hulpmiddel",
    "catalogus": "Catalogus met zoekwoord en filter",
    "zoeken": "Zoekresultaten",
    "keuzehulp": "Keuzehulp",
    "toegankelijkheid": "Deze pagina",
}


def fingerprint(catalog_root: str | Path, project: Path | None = None) -> str:
    """SHA-256 over every source the site is built from (not over ``rapporten/``)."""
    project = project or project_root()
    files: list[tuple[str, Path]] = []
    for name in _SOURCES:
        path = project / name
        if path.is_file():
            files.append((name, path))
        elif path.is_dir():
            for dirpath, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_PARTS)
                for n in names:
                    if not n.endswith((".pyc", ".pyo")):
                        p = Path(dirpath) / n
                        files.append((p.relative_to(project).as_posix(), p))
    root = Path(catalog_root)
    for p in root.rglob("*.yml"):
        files.append(("waaiers/" + p.relative_to(root).as_posix(), p))
    digest = hashlib.sha256()
    try:
        from importlib.metadata import version

        digest.update(f"mkdocs-material {version('mkdocs-material')}\n".encode())
    except Exception:  # pragma: no cover - material is a dependency
        pass
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_results(project: Path | None = None) -> dict[str, Any] | None:
    """The results of the last test run, or None when there are none (or the file is unreadable)."""
    path = (project or project_root()) / RESULTS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "versies" in data else None


def _summary(version_results: dict[str, Any]) -> dict[str, int]:
    pages = version_results.get("paginas", [])

    def total(key: str) -> int:
        return sum(int(p.get(key) or 0) for p in pages)

    def failed(key: str) -> int:
        return sum(1 for p in pages if p.get(key) is False)

    return {
        "paginas": len(pages),
        "axe": total("axe"),
        "derden": total("verzoeken_derden"),
        "cookies": total("cookies"),
        "html_fouten": total("html_fouten"),
        "html_waarschuwingen": total("html_waarschuwingen"),
        "smal": failed("smal_360"),
        "zoom": failed("zoom_200"),
        "toetsenbord": failed("toetsenbord"),
        "offline": failed("offline"),
    }


def _every_page(version_results: dict[str, Any]) -> dict[str, Any] | None:
    """The figures of the checks on every built page of the version (axe at each screen width, the Nu
    Html Checker, 360 px), or None for results written before every page was checked."""
    every = version_results.get("alle_paginas")
    if not isinstance(every, dict) or not every.get("paginas"):
        return None
    keys = ("axe", "html_fouten", "html_waarschuwingen", "te_breed_360", "tabellen_opzij_360")
    out: dict[str, Any] = {key: int(every.get(key) or 0) for key in keys}
    out["paginas"] = int(every["paginas"])
    out["breedtes"] = [int(w) for w in every.get("breedtes", [])]
    return out


def _number_nl(value: Any) -> str:
    """A figure as Dutch readers write it: 6,8 and 12 (not 6.8 and 12.0)."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def statement(catalog: Catalog, version: str, results: dict[str, Any] | None, current: str) -> str:
    """The Markdown of ``toegankelijkheid.md`` for ``version``."""
    state = "ontbreekt"
    version_results: dict[str, Any] = {}
    if results is not None:
        version_results = results.get("versies", {}).get(version) or {}
        if not version_results:
            state = "ontbreekt"
        elif results.get("vingerafdruk") == current:
            state = "actueel"
        else:
            state = "verouderd"
    template = "toegankelijkheid-clienten.md.j2" if version == "clienten" else "toegankelijkheid.md.j2"
    return environment().get_template(template).render(
        versie=version, versie_naam=VERSIONS[version], staat=state, r=results or {}, v=version_results,
        totaal=_summary(version_results), alle=_every_page(version_results), labels=PAGE_LABELS, bron=current, nl=_number_nl,
        datum=date_nl(results.get("datum")) if results else None)


def pages(view: View) -> dict[str, str | bytes]:
    """Page provider: the accessibility statement, the service worker (in the root of the version, so
    its scope is the whole version), the script that registers it, and the script that makes table
    frames that scroll sideways reachable by keyboard."""
    current = fingerprint(view.catalog.root)
    return {
        "toegankelijkheid.md": statement(view.catalog, view.version, read_results(), current),
        "sw.js": asset("sw.js"),
        "assets/offline.js": asset("offline.js"),
        "assets/tabellen.js": asset("tabellen.js"),
    }
