"""Toon wat een wijziging doet met de gepubliceerde waaier: verschil tussen twee git-revisies.

  kompaswaaier verschil main            # main tegenover de werkmap (ook wat nog niet is vastgelegd)
  kompaswaaier verschil main HEAD       # main tegenover de laatste commit
  kompaswaaier verschil HEAD~3 HEAD --markdown

Per versie van de site: welke items erbij komen, eraf gaan of een ander niveau krijgen; welke
bestanden nieuw of weg zijn of een andere status hebben; en welke oordelen over de criteria
veranderen. BASIS en DOEL zijn git-revisies (een tak, een tag, een commit); zonder DOEL telt de
werkmap: de bestanden zoals ze nu in waaiers/ staan. De bestanden van een revisie worden met
'git archive' in een tijdelijke map gelezen; uw werkmap en index blijven onaangeroerd.

Afsluitcode: 0 als het verschil getoond is, 1 als de gegevens van DOEL problemen hebben (ze staan
in de uitvoer), 2 bij verkeerd gebruik (bijvoorbeeld een onbekende revisie of geen git-repository).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from dataclasses import replace
from pathlib import Path

from kompaswaaier.commands import options
from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.validate.catalog import default_root, load
from kompaswaaier.werkgroep.difference import Side, compare, render

WORKING_TREE = "de werkmap"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("basis", metavar="BASIS", help="de revisie om mee te vergelijken, bijvoorbeeld main")
    parser.add_argument("doel", metavar="DOEL", nargs="?", help="de nieuwe revisie (standaard: de werkmap)")
    parser.add_argument("--markdown", action="store_true", help="uitvoer in Markdown (voor GitHub)")
    options.add_waaiers(parser)
    options.add_vandaag(parser, "doe alsof het vandaag deze datum is (voor datumregels)")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise UsageError("git is niet gevonden; 'kompaswaaier verschil' heeft git nodig") from None


def _toplevel(folder: Path) -> Path:
    found = _git(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise UsageError(f"{display_path(folder)} staat niet in een git-repository")
    return Path(found.stdout.decode("utf-8", "surrogateescape").strip()).resolve()


def _commit(repo: Path, revision: str) -> str:
    """The full hash of the commit that ``revision`` names; a usage error (exit 2) when there is none."""
    found = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        raise UsageError(f"onbekende revisie '{revision}': geen tak, tag of commit in {display_path(repo)}")
    return found.stdout.decode("ascii").strip()


def _extract(repo: Path, commit: str, folder: str, into: Path) -> Path:
    """The catalogue folder of ``commit`` written below ``into`` (empty when the commit does not have it)."""
    root = into / folder
    listed = _git(repo, "ls-tree", "-d", "--name-only", commit, "--", folder)
    if listed.returncode != 0 or not listed.stdout.strip():
        root.mkdir(parents=True)
        return root
    archive = _git(repo, "archive", "--format=tar", commit, "--", folder)
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git archive {commit[:7]} lukt niet: {message}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")  # no absolute paths, no links out of the folder
    return root


def _label(revision: str, commit: str) -> str:
    """``main (1a2b3c4)``; a commit given by its hash is shown once: ``1a2b3c4``."""
    return commit[:7] if commit.startswith(revision.lower()) else f"{revision} ({commit[:7]})"


def _side(label: str, root: Path, shown_as: str | None, today: dt.date) -> Side:
    """Load ``root``; problems named as ``shown_as/...`` (the folder in the repository) when it is a copy."""
    result = load(root, today=today)
    problems = result.problems
    if shown_as is not None:
        prefix = root.resolve().as_posix() + "/"
        problems = [replace(p, path=shown_as + "/" + p.path[len(prefix):]) if p.path.startswith(prefix) else p
                    for p in problems]
    return Side(label, result.catalog, problems)


def run(args: argparse.Namespace) -> int:
    today = options.parse_today(args.vandaag)
    root = (args.waaiers or default_root()).resolve()
    if not root.is_dir():
        raise UsageError(f"map niet gevonden: {display_path(root)}")
    repo = _toplevel(root)
    folder = root.relative_to(repo).as_posix()
    base_commit = _commit(repo, args.basis)
    target_commit = _commit(repo, args.doel) if args.doel is not None else None
    with tempfile.TemporaryDirectory(prefix="kompaswaaier-verschil-") as tmp:
        base_root = _extract(repo, base_commit, folder, Path(tmp) / "basis")
        base = _side(_label(args.basis, base_commit), base_root, folder, today)
        if target_commit is None:
            target = _side(WORKING_TREE, root, None, today)
        else:
            target_root = _extract(repo, target_commit, folder, Path(tmp) / "doel")
            target = _side(_label(args.doel, target_commit), target_root, folder, today)
    print(render(compare(base, target), markdown=args.markdown), end="")
    return 1 if target.problems else 0
