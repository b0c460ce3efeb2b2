"""The site: a small synthetic catalogue in tmp_path, built for real, asserted on the HTML."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kompaswaaier.build import build_site
from kompaswaaier.errors import DataError
from kompaswaaier.render.finding import read_kern
from kompaswaaier.render.pages import version_pages
from kompaswaaier.select import view
from kompaswaaier.validate.catalog import load
from kwtest import BOUWSTEEN_FOLDERS, TODAY, synthetic_entry

VERSIONS = ("clienten", "professionals", "organisaties")

XSS_TITLE = "<script>alert('titel')</script> Synthetisch xss"
XSS_TEXT = (
    "Tekst met <img src=x onerror=alert(1)> en [klik](javascript:alert(2)) en "
    "![spoor](https://tracker.example/pixel.png) en {: onclick=\"alert(3)\"} en <a href='javascript:alert(4)'>a</a>."
)


def _write(root: Path, folder: int, slug: str, text: str) -> None:
    (root / BOUWSTEEN_FOLDERS[folder] / f"{slug}.yml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real docs with a synthetic catalogue once for this module."""
    import shutil

    from kwtest import REPO, synthetic_waaier

    base = tmp_path_factory.mktemp("site")
    root = base / "waaiers"
    shutil.copytree(REPO / "waaiers" / "vocabulaires", root / "vocabulaires")
    for number, folder in BOUWSTEEN_FOLDERS.items():
        (root / folder).mkdir()
        (root / folder / "waaier.yml").write_text(synthetic_waaier(number), encoding="utf-8")
    _write(root, 1, "alle-versies", synthetic_entry("alle-versies", **{
        "  professionals: Testvoorbeeld voor professionals.": "  professionals: Testvoorbeeld voor professionals.\n  organisaties: Voor organisaties.",
    }))
    _write(root, 1, "alleen-professionals", synthetic_entry("alleen-professionals", **{
        "  clienten: Dit is een testvoorbeeld. Het bestaat niet echt.\n": "",
    }))
    _write(root, 1, "nog-in-beoordeling", synthetic_entry("nog-in-beoordeling", **{
        "status: opgenomen": "status: in-beoordeling", "beoordeling:\n  werkgroep: Synthetische werkgroep\n  datum: 2024-09-15\n"
        "  toelichting: Voldoet aan alle criteria.\n": "",
        "bestaand_product: {oordeel: ja, toelichting: Test.": "bestaand_product: {oordeel: onbekend, toelichting: Test."}))
    _write(root, 1, "kosten-onbekend", synthetic_entry("kosten-onbekend", **{"kosten: Kosteloos (synthetisch).": "kosten: onbekend"}))
    _write(root, 2, "criterium-nee", synthetic_entry("criterium-nee", **{
        "bouwstenen: [1]": "bouwstenen: [2]",
        "in_lijn_met_kompas: {oordeel: ja, toelichting: Test.": "in_lijn_met_kompas: {oordeel: nee, toelichting: Test.",
        "status: opgenomen": "status: afgewezen",
    }))
    _write(root, 1, "xss", synthetic_entry("xss", **{
        "titel: Synthetisch xss": f"titel: {json.dumps(XSS_TITLE)}",
        "doel: Testen of een volledig item geldig is.": f"doel: {json.dumps(XSS_TEXT)}",
        "  professionals: Testvoorbeeld voor professionals.": f"  professionals: {json.dumps(XSS_TEXT)}\n  organisaties: {json.dumps(XSS_TEXT)}",
    }))
    out = base / "site"
    build_site(waaiers=root, output=out, quiet=True, today=dt.date.fromisoformat(TODAY))
    return out


def indexed_slugs(version: Path) -> list[str]:
    """The entries in the search index of a built version (zoekindex/kern.js, or the title files it lists)."""
    kern = read_kern((version / "zoekindex" / "kern.js").read_text(encoding="utf-8"))
    slugs = []
    for _start, shown in kern["items"]["weergave"]:
        if isinstance(shown, str):
            shown = json.loads((version / shown.split("?")[0]).read_text(encoding="utf-8"))
        slugs += [item[0] for item in shown]
    return slugs


def _all_text(site: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
            if p.is_file() and p.suffix in (".html", ".json", ".xml", ".css", ".js")}


def test_three_versions_and_landing_page(built: Path) -> None:
    landing = (built / "index.html").read_text(encoding="utf-8")
    for version in VERSIONS:
        assert (built / version / "index.html").is_file()
        assert f'href="{version}/"' in landing
        kern = read_kern((built / version / "zoekindex" / "kern.js").read_text(encoding="utf-8"))
        assert kern["versie"] == version and kern["zoekpijplijn"] == ["trimmer-nl", "stopWordFilter-nl", "stemmer-nl"]
        assert not (built / version / "search").exists()  # one search index: the theme's own is off


def test_every_page_links_to_the_other_versions(built: Path) -> None:
    page = (built / "professionals" / "waaier" / "alle-versies" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="kw-versies".*?</nav>', page, re.S)
    assert nav, "versiekeuze ontbreekt"
    hrefs = re.findall(r'href="([^"]+)"', nav.group(0))
    assert hrefs == ["../../../clienten/", "../../../professionals/", "../../../organisaties/"]
    assert 'aria-current="true">Professionals' in nav.group(0)


def test_item_page_has_skip_link_and_table_of_contents(built: Path) -> None:
    """Item pages are HTML from the package (no Markdown), yet keep what the theme gives a page."""
    page = (built / "professionals" / "waaier" / "alle-versies" / "index.html").read_text(encoding="utf-8")
    skip = re.search(r'<a href="(#[^"]+)" class="md-skip">', page)
    assert skip and f'<h1 id="{skip.group(1)[1:]}">' in page
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?<div class="md-content"', page, re.S)
    assert toc, "inhoudsopgave ontbreekt"
    links = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', toc.group(0))
    assert links[:5] == [("doel", "Doel"), ("hoe-gebruik-je-het", "Hoe gebruik je het?"), ("voor-het-gesprek", "Vóór het gesprek"),
                         ("tijdens-het-gesprek", "Tijdens het gesprek"), ("na-het-gesprek", "Na het gesprek")]
    for anchor, _title in links:
        assert f' id="{anchor}"' in page


def test_overdue_review_is_visible_on_the_item_page(built: Path) -> None:
    """Judged 15 September 2024, cycle 2 years, built on 22 November 2026: the judgement has expired."""
    notice = "Herbeoordeling verlopen"
    for version in ("professionals", "organisaties"):
        page = (built / version / "waaier" / "alle-versies" / "index.html").read_text(encoding="utf-8")
        assert notice in page and "uiterlijk 15 september 2026 opnieuw beoordelen" in page, version
    client = (built / "clienten" / "waaier" / "alle-versies" / "index.html").read_text(encoding="utf-8")
    assert notice not in client


def test_overdue_notice_starts_on_the_due_date(catalog_root: Path) -> None:
    (catalog_root / BOUWSTEEN_FOLDERS[1] / "x.yml").write_text(synthetic_entry("x"), encoding="utf-8")
    catalog = load(catalog_root, today=dt.date(2026, 9, 14)).catalog
    assert "Herbeoordeling verlopen" not in version_pages(view(catalog, "professionals"))["waaier/x.md"]
    catalog.today = dt.date(2026, 9, 15)
    assert "Herbeoordeling verlopen" in version_pages(view(catalog, "professionals"))["waaier/x.md"]


@pytest.mark.parametrize(("slug", "versions"), [
    ("alle-versies", {"clienten", "professionals", "organisaties"}),
    ("alleen-professionals", {"professionals"}),
])
def test_entry_appears_in_exactly_its_versions(built: Path, slug: str, versions: set[str]) -> None:
    for version in VERSIONS:
        page = built / version / "waaier" / slug / "index.html"
        assert page.is_file() == (version in versions), (version, slug)
        sitemap = (built / version / "sitemap.xml").read_text(encoding="utf-8")
        assert (f"/{version}/waaier/{slug}/</loc>" in sitemap) == (version in versions)
        assert (slug in indexed_slugs(built / version)) == (version in versions)


@pytest.mark.parametrize("slug", ["nog-in-beoordeling", "kosten-onbekend", "criterium-nee"])
def test_withheld_entry_appears_nowhere(built: Path, slug: str) -> None:
    """Not in any page, list, search index, sitemap or export; only the werkgroep's evaluation agenda
    (organisaties/waaier/evaluatie/) may name it, as an open submission, without a page to link to."""
    agenda = built / "organisaties" / "waaier" / "evaluatie" / "index.html"
    hits = []
    for p, text in _all_text(built).items():
        if p == agenda:
            continue
        if slug in text or slug in str(p):
            hits.append(str(p.relative_to(built)))
    assert hits == []


def test_version_specific_content(built: Path) -> None:
    client = (built / "clienten" / "waaier" / "alle-versies" / "index.html").read_text(encoding="utf-8")
    prof = (built / "professionals" / "waaier" / "alle-versies" / "index.html").read_text(encoding="utf-8")
    org = (built / "organisaties" / "waaier" / "alle-versies" / "index.html").read_text(encoding="utf-8")
    assert "Dit is een testvoorbeeld. Het bestaat niet echt." in client
    assert "Vóór het gesprek" not in client and "Criteria" not in client
    assert "Vóór het gesprek" in prof and "Tijdens het gesprek" in prof and "Na het gesprek" in prof
    assert "Criteria" not in prof
    assert "Beoordeeld" in org and "op 15 september 2024 door Synthetische werkgroep" in org
    assert "Volgende beoordeling" in org and "15 september 2026" in org
    assert "Kosteloos te gebruiken" in org


class _Live(HTMLParser):
    """Collects everything in a page that a browser would run or load."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and value.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value}>")
            if name == "src" and "tracker.example" in value:
                self.found.append(f"<{tag} src={value}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


def test_contributor_text_is_inert(built: Path) -> None:
    for version in VERSIONS:
        html = (built / version / "waaier" / "xss" / "index.html").read_text(encoding="utf-8")
        parser = _Live()
        parser.feed(html)
        assert parser.found == [], version
        assert "&lt;script&gt;alert(" in html  # shown as text, not dropped silently
        if version != "clienten":
            assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_external_links_are_marked(built: Path) -> None:
    html = (built / "professionals" / "waaier" / "alle-versies" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="https://example.org/alle-versies"[^>]*>.*?</a>', html)
    assert link and 'class="kw-extern"' in link.group(0) and 'rel="external noopener"' in link.group(0)
    assert "(externe website)" in link.group(0)


EXTERNAL_RESOURCE = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|icon|modulepreload|manifest))[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|@import\s+["']?(?:url\()?["']?(?:https?:)?//""",
    re.I,
)


def test_no_third_party_resources(built: Path) -> None:
    offenders = []
    for path, text in _all_text(built).items():
        if path.suffix in (".html", ".css"):
            for m in EXTERNAL_RESOURCE.finditer(text):
                offenders.append(f"{path.relative_to(built)}: {text[m.start():m.start() + 120]}")
    assert offenders == []


def test_invalid_data_fails_cleanly_and_keeps_the_old_site(built: Path, catalog_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "oud.html").write_text("vorige versie", encoding="utf-8")
    _write(catalog_root, 1, "kapot", synthetic_entry("kapot", **{"status: opgenomen": "status: misschien"}))
    with pytest.raises(DataError) as info:
        build_site(waaiers=catalog_root, output=out, quiet=True)
    assert [p.format() for p in info.value.problems] == [
        f"{catalog_root}/1-wensen-en-behoeften/kapot.yml:41: status: de tekst 'misschien' is geen toegestane waarde; "
        "kies uit: ingediend, in-beoordeling, opgenomen, opgenomen-met-ontwikkelopgave, afgewezen, gearchiveerd"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["oud.html"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-bouw-")] == []


def test_build_command_reports_problems_in_dutch(run_cli, catalog_root: Path, tmp_path: Path) -> None:
    _write(catalog_root, 1, "kapot", "slug: kapot\nslug: twee\n")
    result = run_cli("bouw", "--waaiers", str(catalog_root), "--uitvoer", str(tmp_path / "site"))
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{catalog_root}/1-wensen-en-behoeften/kapot.yml:2: slug: veld staat twee keer in het bestand (ook op regel 1); "
        "de tweede waarde zou de eerste wissen")
    assert not (tmp_path / "site").exists()


def test_build_command_checks_dates_as_of_vandaag(run_cli, catalog_root: Path, tmp_path: Path) -> None:
    """--vandaag moves 'today' for the date rules and the pages alike; a wrong date is a usage error."""
    _write(catalog_root, 1, "x", synthetic_entry("x"))  # judged 2024-09-15, submitted 2024-05-01
    out = tmp_path / "site"
    early = run_cli("bouw", "--stil", "--waaiers", str(catalog_root), "--uitvoer", str(out), "--vandaag", "2024-06-01")
    assert early.code == 1 and "beoordeling.datum: datum 2024-09-15 ligt in de toekomst (vandaag is 2024-06-01)" in early.err
    late = run_cli("bouw", "--stil", "--waaiers", str(catalog_root), "--uitvoer", str(out), "--vandaag", "2026-09-15")
    assert late.code == 0
    assert "Herbeoordeling verlopen" in (out / "professionals" / "waaier" / "x" / "index.html").read_text(encoding="utf-8")
    wrong = run_cli("bouw", "--waaiers", str(catalog_root), "--vandaag", "15-09-2026")
    assert wrong.code == 2 and "--vandaag: '15-09-2026' is geen datum (JJJJ-MM-DD)" in wrong.err


@pytest.mark.parametrize("snippet", [
    '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
    '<script src="//cdn.example.net/lunr.js"></script>',
    '<img alt="" src="https://tracker.example/p.png">',
    "body { background: url('https://cdn.example.net/bg.png') }",
    '@import url("https://fonts.googleapis.com/css2");',
])
def test_resource_detector_catches_third_party_loads(snippet: str) -> None:
    assert EXTERNAL_RESOURCE.search(snippet)


def test_resource_detector_allows_plain_links() -> None:
    assert not EXTERNAL_RESOURCE.search('<a href="https://www.zorginzicht.nl/">x</a><link rel="canonical" href="https://a.example/">')
