"""The way off MkDocs: the site builds the same under MkDocs 1.6 and ProperDocs, and no tool publishes it without our hook.

Both generators are installed side by side (mkdocs-material still depends on mkdocs); one process can
run only one of them, so each build runs in its own process. The two builds run at the same time,
once for this module, on the real docs and configs with a small synthetic catalogue (SYNTHETISCH).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from kompaswaaier.errors import UsageError
from kompaswaaier.mkdocs import engine, hookguard
from kwtest import BOUWSTEEN_FOLDERS, REPO, TODAY, synthetic_entry, synthetic_waaier

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
ENV.pop(engine.ENV, None)
GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def _catalogue(root: Path) -> Path:
    """SYNTHETISCH: the shipped vocabularies, synthetic waaier.yml files and three entries."""
    shutil.copytree(REPO / "waaiers" / "vocabulaires", root / "vocabulaires")
    for number, folder in BOUWSTEEN_FOLDERS.items():
        (root / folder).mkdir()
        (root / folder / "waaier.yml").write_text(synthetic_waaier(number), encoding="utf-8")
    entries = {
        "alle-versies": synthetic_entry("alle-versies", **{
            "  professionals: Testvoorbeeld voor professionals.":
                "  professionals: Testvoorbeeld voor professionals.\n  organisaties: Voor organisaties."}),
        "tweede-item": synthetic_entry("tweede-item"),
        "derde-item": synthetic_entry("derde-item"),
    }
    for slug, text in entries.items():
        (root / BOUWSTEEN_FOLDERS[1] / f"{slug}.yml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, subprocess.CompletedProcess[str]]]:
    """The whole site built by `kompaswaaier bouw --bouwer X` for both generators, in parallel processes."""
    base = tmp_path_factory.mktemp("bouwers")
    waaiers = _catalogue(base / "waaiers")
    running = {}
    for name in engine.ENGINES:
        out = base / f"site-{name}"
        args = [str(BIN / "kompaswaaier"), "bouw", "--stil", "--bouwer", name, "--waaiers", str(waaiers),
                "--uitvoer", str(out), "--vandaag", TODAY]
        running[name] = (out, subprocess.Popen(args, cwd=REPO, env=ENV, stdout=subprocess.PIPE,
                                               stderr=subprocess.PIPE, text=True))
    done = {}
    for name, (out, proc) in running.items():
        stdout, stderr = proc.communicate(timeout=600)
        done[name] = (out, subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr))
    return done


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_both_generators_build_the_site(builds) -> None:
    for name, label in engine.ENGINES.items():
        out, result = builds[name]
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert re.fullmatch(rf"Site gebouwd in .* in [\d.]+ s met {label} 1\.6\.\d+ \(pagina's: clienten \d+, "
                            r"professionals \d+, organisaties \d+\)\.\n", result.stdout), result.stdout
        page = (out / "professionals" / "index.html").read_text(encoding="utf-8")
        generator = "mkdocs-ProperDocs 1.6." if name == "properdocs" else "mkdocs-1.6.1"
        assert f'<meta name="generator" content="{generator}' in page


def test_same_pages_and_same_html_apart_from_the_generator(builds) -> None:
    mkdocs_files = _files(builds["mkdocs"][0])
    properdocs_files = _files(builds["properdocs"][0])
    assert sorted(mkdocs_files) == sorted(properdocs_files)
    for version in ("clienten", "professionals", "organisaties"):
        for page in ("waaier/index.html", "waaier/alle-versies/index.html", "zoekindex/kern.js"):
            assert f"{version}/{page}" in mkdocs_files
    different = [name for name, content in mkdocs_files.items()
                 if GENERATOR.sub(b"", content) != GENERATOR.sub(b"", properdocs_files[name])]
    assert different == []
    assert sum(1 for content in mkdocs_files.values() if GENERATOR.search(content)) > 50


def test_unknown_generator_is_a_usage_error(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(engine.ENV, "zensical")
    result = run_cli("bouw", "--stil")
    assert result.code == 2
    assert result.err == ("kompaswaaier: fout: onbekende bouwer 'zensical' (in --bouwer of KOMPASWAAIER_BOUWER); "
                          "kies uit: properdocs, mkdocs\n")


def test_default_is_properdocs_and_one_generator_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(engine.ENV, raising=False)
    monkeypatch.delitem(sys.modules, "mkdocs", raising=False)
    assert engine.choose() == "properdocs"
    assert engine.choose("mkdocs") == "mkdocs"
    monkeypatch.setitem(sys.modules, "mkdocs", types.ModuleType("mkdocs"))
    assert engine.choose() == "mkdocs"
    with pytest.raises(UsageError) as caught:
        engine.load("properdocs")
    assert str(caught.value) == ("in dit proces draait al MkDocs; ProperDocs kan alleen in een nieuw proces "
                                 "(zet KOMPASWAAIER_BOUWER=properdocs vóór de opdracht)")


# --- The guard: a build in which hooks/waaier.py does not run must fail ---------------------------

def _project(target: Path, *, hook: str | None = None) -> Path:
    """A copy of the configs, docs and overrides with the ``hooks:`` entries removed (or the hook replaced)."""
    for name in ("docs", "overrides", "versies", "hooks", "schemas"):
        shutil.copytree(REPO / name, target / name, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    _catalogue(target / "waaiers")
    if hook is not None:
        (target / "hooks" / "waaier.py").write_text(hook, encoding="utf-8")
        return target
    for config in [target / "mkdocs.yml", *sorted((target / "versies").glob("*.yml"))]:
        text = config.read_text(encoding="utf-8")
        stripped = re.sub(r"^hooks:\n(?:  - .*\n)+", "", text, flags=re.M)
        assert stripped != text, config
        config.write_text(stripped, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def without_hook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("zonder-haak"))


@pytest.mark.parametrize("tool", ["mkdocs", "properdocs"])
@pytest.mark.parametrize("config", ["mkdocs.yml", "versies/clienten.yml"])
def test_plain_generator_without_the_hook_fails_in_dutch(without_hook: Path, tool: str, config: str) -> None:
    out = without_hook / f"site-{tool}-{config.replace('/', '-')}"
    result = subprocess.run([str(BIN / tool), "build", "-q", "-f", config, "-d", str(out)], cwd=without_hook,
                            env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert f"ERROR   -  {hookguard.MESSAGE}\n" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "index.html").exists()


def test_bouw_refuses_a_config_without_the_hook(without_hook: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(without_hook)
    result = run_cli("bouw", "--stil", "--uitvoer", "uit")
    assert result.code == 2
    assert result.err == ("kompaswaaier: fout: mkdocs.yml: de haak hooks/waaier.py staat niet onder 'hooks:'; "
                          "zonder die haak komt de waaier niet op de site. Er is niets gebouwd.\n")
    assert not (without_hook / "uit").exists()


def test_bouw_fails_when_the_hook_makes_nothing(tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hook that is configured and tells the guard it ran, but adds no pages: the check after the build catches it."""
    project = _project(tmp_path, hook=(
        "KOMPASWAAIER_HOOK = True\n\n\n"
        "def on_config(config):\n"
        "    config.mdx_configs.setdefault('kompaswaaier.mkdocs.hookguard', {})['hook_ran'] = True\n"
        "    return config\n"))
    monkeypatch.chdir(project)
    result = run_cli("bouw", "--stil", "--uitvoer", "uit")
    assert result.code == 1
    assert result.err == ("kompaswaaier: bouwen mislukt; uit/ is niet veranderd.\n"
                          "mkdocs.yml: de haak hooks/waaier.py heeft niet gedraaid (assets/kompaswaaier.css ontbreekt); "
                          "de waaier zou niet op de site staan.\n")
    assert not (project / "uit").exists()
