"""The package layout is the pipeline, and imports only go one way.

Every module of ``src/kompaswaaier`` belongs to a step; a module may import from an earlier step or
from its own step, never from a later one (``validate`` never imports ``render``, ``publish`` and
``werkgroep`` never import each other). Only the MkDocs adapter imports MkDocs (or ProperDocs).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kwtest import REPO

PACKAGE = REPO / "src" / "kompaswaaier"

#: The steps, earliest first; modules of one step may import each other.
STEPS: list[set[str]] = [
    {"errors", "resources"},
    {"load"},
    {"model", "balance"},
    {"validate"},
    {"select"},
    {"publish"},
    {"werkgroep"},
    {"render"},
    {"mkdocs"},
    {"build"},
    {"commands", "cli"},
    {"__main__"},
]
RANK = {name: i for i, step in enumerate(STEPS) for name in step}
#: Third-party packages only the adapter (kompaswaaier.mkdocs) may import.
GENERATORS = {"mkdocs", "properdocs", "material"}
#: ``publish`` and ``werkgroep`` are side by side: neither builds on the other.
SIDE_BY_SIDE = {frozenset({"publish", "werkgroep"})}


def _step(parts: tuple[str, ...]) -> str:
    """The step of a module given as its parts below ``kompaswaaier`` (``('render', 'pages')`` -> 'render')."""
    return parts[0] if parts and parts[0] != "__init__" else "errors"  # the package's own __init__: no imports


def _modules() -> list[tuple[Path, tuple[str, ...]]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        out.append((path, parts))
    return out


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in ``path``; relative imports are not allowed at all."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: gebruik een absolute import (from kompaswaaier...)"
            base = node.module or ""
            if base == "kompaswaaier":  # from kompaswaaier import x: x is a module
                found += [(node.lineno, f"kompaswaaier.{alias.name}") for alias in node.names
                          if not alias.name.startswith("__")]  # __version__ is the package's own
            else:
                found.append((node.lineno, base))
    return found


def test_every_module_has_a_step() -> None:
    steps = {_step(parts) for _path, parts in _modules()}
    assert steps <= set(RANK), f"modules zonder stap in STEPS: {sorted(steps - set(RANK))}"


@pytest.mark.parametrize(("path", "parts"), _modules(), ids=lambda v: "/".join(v) if isinstance(v, tuple) else "")
def test_imports_go_one_way(path: Path, parts: tuple[str, ...]) -> None:
    here = _step(parts)
    wrong = []
    for line, module in _imports(path):
        top, _, rest = module.partition(".")
        if top in GENERATORS and here != "mkdocs":
            wrong.append(f"{line}: {module} (alleen kompaswaaier.mkdocs importeert MkDocs)")
        if top != "kompaswaaier" or not rest:
            continue
        there = _step(tuple(rest.split(".")))
        if there == here:
            continue
        if RANK[there] > RANK[here] or frozenset({here, there}) in SIDE_BY_SIDE:
            wrong.append(f"{line}: {module} ({here} mag niet uit {there} importeren)")
    assert not wrong, f"{'/'.join(parts)}.py:\n" + "\n".join(wrong)


def test_the_rule_can_fail(tmp_path: Path) -> None:
    """The check reads real imports: a module of an early step that imports the renderer is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from kompaswaaier.render.pages import environment\nimport mkdocs.config\n", encoding="utf-8")
    assert _imports(bad) == [(1, "kompaswaaier.render.pages"), (2, "mkdocs.config")]
    with pytest.raises(AssertionError, match="validate mag niet uit render importeren"):
        test_imports_go_one_way(bad, ("validate", "bad"))
