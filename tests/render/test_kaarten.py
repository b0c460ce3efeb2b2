"""Waaier als kaarten (render/cards.py): one card per published entry per bouwsteen and version, on the
frozen fixture catalogue; every QR code, drawn from the card's own SVG path, is read by zxing-cpp's reader (the
code is made by its writer, Zint: another code base) and must give the entry's absolute address. Printing itself is tested in Chromium: tests/browser/test_kaarten_print.py."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from pathlib import Path

import pytest
import zxingcpp

from kompaswaaier.errors import UsageError
from kompaswaaier.mkdocs.providers import PROVIDERS, site_data
from kompaswaaier.model import VERSIONS, level_label
from kompaswaaier.render import cards
from kompaswaaier.render.pages import version_pages
from kompaswaaier.resources import asset
from kompaswaaier.select import level, view
from kompaswaaier.validate.catalog import load_catalog
from kwtest import BOUWSTEEN_FOLDERS, FIXTURE, REPO, TODAY, synthetic_entry

BASE = "https://kaarten.example/pad/"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE, dt.date.fromisoformat(TODAY))


def _cards(page: str) -> list[str]:
    """The HTML of each card on a card page, in order."""
    return re.findall(r'<article class="kw-kaart[^"]*".*?</article>', page, re.S)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def _blocks(card_html: str) -> dict[str, str]:
    """The card's text blocks: heading (without ':') -> text."""
    return {html.unescape(h).rstrip(":"): _text(p)
            for h, p in re.findall(r"<h3>(.*?)</h3>\s*<p>(.*?)</p>", card_html, re.S)}


def decode_qr(svg: str) -> str:
    """Read a QR code from a card's inline SVG with zxing-cpp: the path (one stroke of width 1 per run of dark
    modules) is drawn as a grey image, four pixels per module, and handed to the decoder. Also checks error
    correction level M and the quiet zone of four light modules on every side."""
    width, height = map(int, re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    path = re.search(r' d="([^"]+)"', svg).group(1)
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, args in re.findall(r"([A-Za-z])([^A-Za-z]*)", path):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            dark.update((int(x) + i, int(y - 0.5)) for i in range(int(numbers[0])))
            x += numbers[0]
        else:
            raise AssertionError(f"onverwacht padcommando {command!r} in de QR-code")
    scale = 4
    pixels = bytearray(b"\xff" * (width * scale * height * scale))
    for cx, cy in dark:
        for row in range(cy * scale, cy * scale + scale):
            start = row * width * scale + cx * scale
            pixels[start:start + scale] = b"\x00" * scale
    image = memoryview(bytes(pixels)).cast("B", (height * scale, width * scale))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, f"{len(found)} QR-codes gelezen"
    assert found[0].ec_level == "M"
    assert {x for x, _ in dark} | {y for _, y in dark} <= set(range(4, min(width, height) - 4))
    assert min(x for x, _ in dark) == 4 and max(x for x, _ in dark) == width - 5  # finder patterns at both sides
    return found[0].text


def _svg(card_html: str) -> str:
    return re.search(r"<svg .*?</svg>", card_html, re.S).group(0)


def test_the_provider_is_registered_and_the_print_styles_ship_with_every_part_of_the_site() -> None:
    assert cards.pages in PROVIDERS
    start = site_data("start", FIXTURE, TODAY)
    assert "assets/druk.css" in start.assets and not start.pages
    data = site_data("professionals", FIXTURE, TODAY)
    assert data.assets["assets/druk.css"] == asset("druk.css")
    assert data.pages["assets/kaarten.css"] == asset("kaarten.css")
    assert "waaier/kaarten-2.md" in data.pages
    extra_css = (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("extra_css:")[1].split("\n\n")[0]
    assert "- assets/druk.css" in extra_css


@pytest.mark.parametrize("version", VERSIONS)
def test_one_card_per_published_entry_of_each_bouwsteen_by_title_four_to_a_sheet(catalog, version: str) -> None:
    selected = view(catalog, version)
    pages = cards.card_pages(selected, BASE)
    expected: dict[str, list[str]] = {}
    for n in sorted(catalog.waaiers):
        entries = [e for e in selected.entries if n in e.data["bouwstenen"]]
        if entries:
            expected[cards.page_path(n)] = [e.title for e in entries]
    assert sorted(p for p in pages if p.endswith(".md")) == sorted(expected)
    for path, titles in expected.items():
        page = pages[path]
        found = [_text(re.search(r"<h2 [^>]*>(.*?)</h2>", c, re.S).group(1)) for c in _cards(page)]
        assert found == titles == sorted(titles, key=str.lower), path
        assert page.count('<div class="kw-vel">') == math.ceil(len(titles) / cards.CARDS_PER_SHEET)
        sheets = page.split('<div class="kw-vel">')[1:]
        assert [len(_cards(s)) for s in sheets[:-1]] == [cards.CARDS_PER_SHEET] * (len(sheets) - 1)
        marker = "Kaart {} van {}" if version == "clienten" else "kaart {} van {}"
        for i, c in enumerate(_cards(page), start=1):
            assert marker.format(i, len(titles)) in c


def test_a_professional_card_has_level_purpose_audience_steps_cost_and_address(catalog) -> None:
    selected = view(catalog, "professionals")
    entry = next(e for e in selected.entries if e.slug == "ediz")
    page = cards.card_pages(selected, BASE)["waaier/kaarten-2.md"]
    card_html = next(c for c in _cards(page) if 'id="kaart-ediz"' in c)
    assert f'<span class="kw-niveau kw-niveau-{level(entry)}">{level_label(level(entry), "professionals")}</span>' in card_html
    assert "Meetinstrument · " in card_html
    blocks = _blocks(card_html)
    data = entry.data
    assert list(blocks) == ["Waarvoor", "Voor wie", "Vóór het gesprek", "Tijdens het gesprek", "Na het gesprek", "Kosten"]
    assert blocks["Waarvoor"] == " ".join(data["doel"].split())
    assert blocks["Voor wie"] == "Mantelzorger"
    assert blocks["Vóór het gesprek"] == " ".join(data["aanpak"]["voor"].split())
    assert blocks["Na het gesprek"] == " ".join(data["aanpak"]["na"].split())
    assert blocks["Kosten"] == data["kosten"]
    assert '<a href="../ediz/">kaarten.example/pad/waaier/ediz/</a>' in card_html
    assert "Stand van 22 november 2026." in card_html
    assert 'aria-label="QR-code naar de pagina van EDIZ: Ervaren Druk door Informele Zorg"' in card_html


def test_a_client_card_uses_the_client_texts_and_plain_words(catalog) -> None:
    selected = view(catalog, "clienten")
    entry = next(e for e in selected.entries if e.slug == "ediz")
    pages = cards.card_pages(selected, BASE)
    card_html = next(c for c in _cards(pages["waaier/kaarten-2.md"]) if 'id="kaart-ediz"' in c)
    blocks = _blocks(card_html)
    assert list(blocks) == ["Wat is het?", "Voor wie?", "Wat kunt u doen?", "Wat kost het?"]
    assert blocks["Wat is het?"] == " ".join(entry.data["samenvatting"]["clienten"].split())
    assert blocks["Wat kunt u doen?"] == " ".join(entry.data["aanpak"]["clienten"].split())
    assert blocks["Wat kost het?"] == cards.CLIENT_COST
    assert level_label(level(entry), "clienten") == "Tip van de makers van het Kompas"
    assert ">Tip van de makers van het Kompas</span>" in card_html
    for professional in (entry.data["doel"], entry.data["kosten"], entry.data["aanpak"]["voor"], "Meetinstrument"):
        assert " ".join(professional.split())[:40] not in _text(card_html)
    assert "Deze kaart is van 22 november 2026." in card_html
    page = pages["waaier/kaarten-2.md"]
    assert page.startswith('<h1 id="kaarten-om-te-printen-samenwerken-met-het-sociale-netwerk-en-in-het-professionele-netwerk">')
    assert "Terug naar alle hulpmiddelen" in page


def test_qr_path_draws_runs_of_dark_modules_relative_to_the_last() -> None:
    rows = [b"\x00\x00\xff\x00", b"\xff\xff\xff\xff", b"\xff\x00\x00\x00"]
    assert cards.qr_path(rows, border=4) == "M4 4.5h2m1 0h1m-3 2h3"
    assert cards.qr_path([b"\xff\xff"], border=4) == ""


@pytest.mark.parametrize("version", VERSIONS)
def test_every_qr_code_decodes_to_the_absolute_address_of_its_entry(catalog, version: str) -> None:
    pages = cards.card_pages(view(catalog, version), BASE)
    decoded = 0
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        for card_html in _cards(page):
            slug = re.search(r'id="kaart-([^"]+)"', card_html).group(1)
            expected = f"{BASE}waaier/{slug}/"
            assert decode_qr(_svg(card_html)) == expected
            assert f'<a href="../{slug}/">{expected.removeprefix("https://")}</a>' in card_html
            decoded += 1
    assert decoded == sum(len(e.data["bouwstenen"]) for e in view(catalog, version).entries
                          if set(e.data["bouwstenen"]) & set(catalog.waaiers))


def test_the_address_is_site_url_of_the_configuration_plus_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOMPASWAAIER_SITE_URL", raising=False)
    assert cards.version_address("professionals") == "https://kompaswaaier.example/professionals/"
    monkeypatch.setenv("KOMPASWAAIER_SITE_URL", "https://example.org/kompaswaaier")  # !ENV, as MkDocs reads it
    assert cards.version_address("clienten") == "https://example.org/kompaswaaier/clienten/"
    assert cards.pages(view(load_catalog(FIXTURE, dt.date.fromisoformat(TODAY)), "clienten"))["waaier/kaarten-1.md"] \
        .count("example.org/kompaswaaier/clienten/waaier/") >= 1


def test_a_version_file_may_set_its_own_site_url_and_without_one_the_build_stops(tmp_path: Path) -> None:
    (tmp_path / "versies").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://erf.example/\nextra:\n  a: !!python/name:os.system\n",
                                         encoding="utf-8")
    (tmp_path / "versies" / "clienten.yml").write_text("INHERIT: ../mkdocs.yml\n", encoding="utf-8")
    (tmp_path / "versies" / "professionals.yml").write_text("INHERIT: ../mkdocs.yml\nsite_url: https://eigen.example/x/\n",
                                                            encoding="utf-8")
    (tmp_path / "versies" / "organisaties.yml").write_text("site_name: zonder\n", encoding="utf-8")
    assert cards.version_address("clienten", tmp_path) == "https://erf.example/clienten/"
    assert cards.version_address("professionals", tmp_path) == "https://eigen.example/x/professionals/"
    with pytest.raises(UsageError) as raised:
        cards.version_address("organisaties", tmp_path)
    assert str(raised.value).endswith(
        "organisaties.yml: site_url ontbreekt of is geen http(s)-adres (None); "
        "de kaarten hebben het volledige adres van de site nodig voor hun QR-codes")


def test_contributor_text_on_a_card_stays_text(catalog_root: Path) -> None:
    (catalog_root / BOUWSTEEN_FOLDERS[1] / "xss.yml").write_text(synthetic_entry(
        "xss", **{"Synthetisch xss": 'Synthetisch <script>alert(1)</script> & "co"',
                  "Testen of een volledig item geldig is.": "Testen <img src=x onerror=alert(1)>."}), encoding="utf-8")
    page = cards.card_pages(view(load_catalog(catalog_root), "professionals"), BASE)["waaier/kaarten-1.md"]
    assert "<script>" not in page and "<img" not in page
    assert "Synthetisch &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;co&#34;" in page
    assert "Testen &lt;img src=x onerror=alert(1)&gt;." in page


def test_a_long_text_gets_smaller_letters_and_only_then_loses_whole_sentences(catalog_root: Path) -> None:
    sentence = "Bespreek samen wat er nodig is en leg de afspraken vast in het dossier van de cliënt."
    folder = catalog_root / BOUWSTEEN_FOLDERS[1]
    (folder / "lang.yml").write_text(synthetic_entry("lang", **{"Voorbereiden.": " ".join([sentence] * 11)}),
                                     encoding="utf-8")
    (folder / "langer.yml").write_text(synthetic_entry("langer", **{"Voorbereiden.": " ".join([sentence] * 20)}),
                                       encoding="utf-8")
    (folder / "kort.yml").write_text(synthetic_entry("kort"), encoding="utf-8")
    page = cards.card_pages(view(load_catalog(catalog_root), "professionals"), BASE)["waaier/kaarten-1.md"]
    by_slug = {re.search(r'id="kaart-([^"]+)"', c).group(1): c for c in _cards(page)}
    assert by_slug["kort"].startswith('<article class="kw-kaart" ') and "Alles over dit item:" in by_slug["kort"]
    assert by_slug["lang"].startswith('<article class="kw-kaart kw-kaart-klein" ')
    assert _blocks(by_slug["lang"])["Vóór het gesprek"] == " ".join([sentence] * 11)
    assert "Alles over dit item:" in by_slug["lang"]
    longer = _blocks(by_slug["langer"])["Vóór het gesprek"]
    assert by_slug["langer"].startswith('<article class="kw-kaart kw-kaart-klein" ')
    assert 0 < longer.count(sentence) < 20 and longer == " ".join([sentence] * longer.count(sentence))
    assert "Lees verder (deze kaart is ingekort):" in by_slug["langer"]
    small = cards.LAYOUT["professionals"][1]
    assert cards._lines("Synthetisch langer", [(h, t) for h, t in _blocks(by_slug["langer"]).items()], small) <= small.lines


def test_a_single_sentence_that_does_not_fit_is_cut_at_a_word() -> None:
    layout = cards.Layout(chars_per_line=20, title_chars_per_line=20, lines=6)
    blocks, shortened = cards._fit("Titel", [("Voor wie", "Team"), ("Aanpak", "een " * 60 + "eind")], {0}, layout)
    assert shortened and blocks[0] == ("Voor wie", "Team")
    assert blocks[1][1].endswith(" …") and set(blocks[1][1].removesuffix(" …").split()) == {"een"}
    assert cards._lines("Titel", blocks, layout) <= layout.lines


def test_the_card_pages_are_linked_from_the_bouwsteen_pages_and_the_client_overview(catalog) -> None:
    professional = version_pages(view(catalog, "professionals"))
    assert "[Handreiking als kaarten](kaarten-2.md)" in professional["waaier/bouwsteen-2.md"]
    assert "[Waaier als kaarten](kaarten-1.md)" in professional["waaier/bouwsteen-1.md"]
    client = version_pages(view(catalog, "clienten"))["waaier/index.md"]
    client_cards = cards.card_pages(view(catalog, "clienten"), BASE)
    for n in range(1, 6):
        linked = f"[Print de hulpmiddelen bij dit onderwerp als kaarten](kaarten-{n}.md)" in client
        assert linked == (cards.page_path(n) in client_cards), n


def test_the_stylesheet_link_carries_the_hash_of_its_content(catalog) -> None:
    page = cards.card_pages(view(catalog, "organisaties"), BASE)["waaier/kaarten-1.md"]
    href = re.search(r'<link rel="stylesheet" href="([^"]+)">', page).group(1)
    import hashlib

    assert href == f"../../assets/kaarten.css?v={hashlib.sha256(asset('kaarten.css').encode()).hexdigest()[:12]}"
