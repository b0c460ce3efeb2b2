"""On paper (issue 15): the card pages and an entry page printed to PDF by Chromium, on the real built site.

A card page prints as whole cards, four to an A4 sheet, nothing of the site around them; every card fits
its card; every QR code as Chromium draws it decodes (zxing-cpp) to the address of a built entry page; an
entry page prints without navigation, with the addresses of external links written out, tables that fit
and a footer with the page address and the date of the data; a visited card page opens without network.
axe and the Nu Html Checker check the card pages with every other built page (test_toegankelijkheid.py,
test_html.py). ``page.pdf()`` works in headless Chromium only, which these tests use.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import time
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader

from kompaswaaier.model import date_nl
from kompaswaaier.render import cards

VERSIONS = ("clienten", "professionals", "organisaties")
#: Text of the site around the content; none of it may reach paper.
CHROME = ("Kompaswaaier is er voor", "Ga naar inhoud", "Inhoudsopgave", "Kompaswaaier voor ")
#: Width of the printable area of an entry page in CSS px (A4 minus 14 mm left and right, assets/druk.css).
ENTRY_PRINT_WIDTH = round((210 - 28) / 25.4 * 96)
#: Width of a printed card page (A4 minus 8 mm left and right, assets/kaarten.css).
CARD_PRINT_WIDTH = round((210 - 16) / 25.4 * 96)
_MARKER = re.compile(r"[Kk]aart (\d+) van (\d+)")


def _card_pages(site_dir: Path) -> list[tuple[str, str, int]]:
    """(version, URL path, number of cards) of every built card page."""
    found = []
    for file in sorted(site_dir.glob("*/waaier/kaarten-*/index.html")):
        version = file.relative_to(site_dir).parts[0]
        found.append((version, "/" + file.parent.relative_to(site_dir).as_posix() + "/",
                      file.read_text(encoding="utf-8").count('<article class="kw-kaart')))
    return found


def _pdf_pages(page) -> list[str]:
    """Print the open page to PDF (A4 from the page's own @page rule) and return the text of each page."""
    pdf = page.pdf(prefer_css_page_size=True)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297), "geen A4"
    return [p.extract_text() or "" for p in reader.pages]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_card_page_prints_whole_cards_four_to_a_sheet(page, base_url: str, site_dir: Path, version: str) -> None:
    decks = [(path, n) for v, path, n in _card_pages(site_dir) if v == version]
    assert decks, f"geen kaartenpagina's in {version}"
    path, count = max(decks, key=lambda d: d[1])  # the largest deck of the version
    page.goto(base_url + path)
    started = time.perf_counter()
    texts = _pdf_pages(page)
    took = time.perf_counter() - started
    found = page.locator("article.kw-kaart").evaluate_all(
        "cards => cards.map(c => [c.querySelector('.kw-kaart-kop').textContent,"
        " c.querySelector('.kw-kaart-voet a').getAttribute('href')])")
    addresses = {int(_MARKER.search(kop).group(1)): href.removeprefix("../").removesuffix("/") for kop, href in found}
    assert sorted(addresses) == list(range(1, count + 1))
    sheets = math.ceil(count / cards.CARDS_PER_SHEET)
    assert len(texts) == sheets, f"{path}: {len(texts)} bladzijden voor {count} kaarten, verwacht {sheets}"
    for number, slug in sorted(addresses.items()):
        with_marker = [i for i, t in enumerate(texts) if any(int(m.group(1)) == number for m in _MARKER.finditer(t))]
        with_address = [i for i, t in enumerate(texts) if f"/waaier/{slug}/" in _squash(t)]
        expected_sheet = (number - 1) // cards.CARDS_PER_SHEET
        assert with_marker == with_address == [expected_sheet], (
            f"{path}: kaart {number} ({slug}) begint op blad {with_marker} en eindigt op blad {with_address}, "
            f"verwacht blad {expected_sheet}: een kaart is over twee bladen verdeeld")
    for i, text in enumerate(texts):
        assert f"Vel {i + 1} van {len(texts)}" in text, f"{path}: blad {i + 1} heeft geen velnummer"
        assert [m.group(2) for m in _MARKER.finditer(text)] == [str(count)] * min(cards.CARDS_PER_SHEET, count - 4 * i)
        for chrome in (*CHROME, "Zo drukt u af", "Knip de kaarten los", "Afgedrukt van"):
            assert chrome not in text, f"{path}, blad {i + 1}: '{chrome}' staat op papier"
    print(f"\n{path}: {count} kaarten, {len(texts)} bladen A4 ({cards.CARDS_PER_SHEET} per blad), "
          f"PDF in {took:.2f} s")


def test_every_card_fits_its_card_on_paper(browser, base_url: str, site_dir: Path) -> None:
    """In print layout (A4 width) every card is 92 x 135 mm and holds its text and its whole QR code."""
    context = browser.new_context(locale="nl-NL", viewport={"width": CARD_PRINT_WIDTH, "height": 1100})
    page = context.new_page()
    page.emulate_media(media="print")
    problems, checked = [], 0
    try:
        for _version, path, count in _card_pages(site_dir):
            page.goto(base_url + path)
            measured = page.locator("article.kw-kaart").evaluate_all("""cards => cards.map(c => {
                const r = c.getBoundingClientRect(), t = c.querySelector('.kw-kaart-tekst'),
                      q = c.querySelector('svg.kw-qr').getBoundingClientRect();
                return {title: c.querySelector('h2').textContent, w: r.width, h: r.height,
                        card: c.scrollHeight - c.clientHeight, text: t.scrollHeight - t.clientHeight,
                        qr: q.top >= r.top && q.bottom <= r.bottom && q.left >= r.left && q.right <= r.right && q.width > 70};
            })""")
            assert len(measured) == count
            for m in measured:
                checked += 1
                mm = (round(m["w"] * 25.4 / 96), round(m["h"] * 25.4 / 96))
                if mm != (92, 135) or m["card"] > 0 or m["text"] > 0 or not m["qr"]:
                    problems.append(f"{path} {m['title']}: {mm[0]} x {mm[1]} mm, tekst {m['text']} px te lang, "
                                    f"kaart {m['card']} px te lang, QR-code heel: {m['qr']}")
    finally:
        context.close()
    assert checked > 0 and not problems, "\n".join(problems)


def test_the_printed_qr_codes_lead_to_built_entry_pages(page, base_url: str, site_dir: Path) -> None:
    """Chromium draws each QR code of a card page on a canvas; zxing-cpp reads it; the address is the
    version's address from its configuration plus the entry, and that entry page is built."""
    version, path, count = next(d for d in _card_pages(site_dir) if d[0] == "professionals")
    page.goto(base_url + path)
    images = page.locator("svg.kw-qr").evaluate_all("""async svgs => {
        const out = [];
        for (const svg of svgs) {
            const size = 300, img = new Image();
            const xml = new XMLSerializer().serializeToString(svg);
            img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(
                xml.includes('xmlns=') ? xml : xml.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"'));
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = canvas.height = size;
            const g = canvas.getContext('2d');
            g.fillStyle = '#fff'; g.fillRect(0, 0, size, size);
            g.drawImage(img, 0, 0, size, size);
            const rgba = g.getImageData(0, 0, size, size).data, grey = new Array(size * size);
            for (let i = 0; i < grey.length; i++) grey[i] = rgba[4 * i];
            out.push(grey);
        }
        return out;
    }""")
    assert len(images) == count
    base = cards.version_address(version)
    for grey in images:
        found = zxingcpp.read_barcodes(memoryview(bytes(grey)).cast("B", (300, 300)),
                                       formats=zxingcpp.BarcodeFormat.QRCode)
        assert len(found) == 1, "QR-code niet leesbaar zoals Chromium hem tekent"
        url = found[0].text
        assert url.startswith(base + "waaier/") and url.endswith("/"), url
        assert (site_dir / version / url.removeprefix(base) / "index.html").is_file(), f"{url}: geen gebouwde pagina"


def test_an_entry_page_prints_without_site_chrome(page, base_url: str, site_dir: Path, published_slugs) -> None:
    """An organisation entry page (the longest kind, with the criteria table) on paper."""
    slug = next(s for s in sorted(published_slugs["organisaties"])
                if (site_dir / "organisaties" / "waaier" / s / "index.html").is_file())
    page.goto(base_url + f"/organisaties/waaier/{slug}/")
    external = page.locator("article a.kw-extern").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert external, "geen externe link op de itempagina"
    started = time.perf_counter()
    texts = _pdf_pages(page)
    took = time.perf_counter() - started
    assert 1 <= len(texts) <= 6, f"{len(texts)} bladzijden"
    assert [f"Blad {i + 1} van {len(texts)}" in text for i, text in enumerate(texts)] == [True] * len(texts)
    everything = "\n".join(texts)
    squashed = _squash(everything)
    for chrome in CHROME:
        assert chrome not in everything, f"'{chrome}' staat op papier"
    for href in external:
        assert f"({_squash(href)})" in squashed, f"het adres {href} staat niet naast zijn link"
    today = date_nl(dt.datetime.now(dt.UTC).date())
    assert _squash(f"Afgedrukt van {cards.version_address('organisaties')}waaier/{slug}/") in _squash(texts[-1])
    assert f"Stand van de gegevens: {today}" in texts[-1].replace("\n", " ")
    # Tables fit the paper: in print layout at the width of A4 nothing sticks out.
    page.set_viewport_size({"width": ENTRY_PRINT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    fit = page.evaluate("""() => {
        const article = document.querySelector('article.md-content__inner').getBoundingClientRect();
        return {page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                tables: [...document.querySelectorAll('article table')].map(t => t.getBoundingClientRect().right - article.right),
                footer: getComputedStyle(document.querySelector('.kw-afdruk')).display};
    }""")
    assert fit["tables"] and max(fit["tables"]) <= 0.5 and fit["page"] <= 0, fit
    assert fit["footer"] == "block"
    page.emulate_media(media="screen")
    assert page.locator(".kw-afdruk").is_hidden()
    print(f"\n/organisaties/waaier/{slug}/: {len(texts)} bladen A4, {len(external)} externe links uitgeschreven, "
          f"PDF in {took:.2f} s")


_CACHED = """async () => {
    const registration = await navigator.serviceWorker.ready;
    const scope = registration.scope;
    const files = performance.getEntriesByType('resource').map(e => e.name).filter(u => u.startsWith(scope));
    for (const url of [location.href.split('#')[0], ...files]) if (!(await caches.match(url))) return false;
    return files.some(u => u.includes('/assets/kaarten.css?v='));
}"""


def test_a_visited_card_page_opens_without_network(browser, base_url: str, site_dir: Path) -> None:
    version, path, count = next(d for d in _card_pages(site_dir) if d[0] == "clienten")
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(base_url + path)
        heading = page.locator("article h1").first.inner_text()
        page.wait_for_function(_CACHED, polling=100, timeout=15_000)
        context.set_offline(True)
        page.reload()
        offline = {"h1": page.locator("article h1").first.inner_text(),
                   "kaarten": page.locator("article.kw-kaart").count(),
                   "raster": page.evaluate("getComputedStyle(document.querySelector('.kw-kaarten')).display"),
                   "qr": page.locator("svg.kw-qr").count()}
    finally:
        context.close()
    assert offline == {"h1": heading, "kaarten": count, "raster": "grid", "qr": count}, offline
