"""Waaier als kaarten: per bouwsteen and per version a page that prints as cards (issue 15).

:func:`pages` is a page provider (see ``mkdocs.providers.PROVIDERS``). For every bouwsteen with at
least one entry published in the version it adds ``waaier/kaarten-<n>.md``: one card per published
entry that names the bouwsteen, in title order, four to an A4 sheet with cut marks (``assets/kaarten.css``,
shipped here and linked from the page with its content hash, so the service worker keeps it for good).

A card holds the title, the level in the words of the version, what the entry is for and for whom, the
steps before, during and after (or the steps), the cost, and a QR code with a short address that leads
to the entry page. The client version uses the client texts (samenvatting and aanpak for clients) and
says the cost in plain words: every published entry meets the criterion 'kosteloos te gebruiken'.

The QR codes are made here, at build time, by ``zxing-cpp`` (its writer), as inline SVG. They encode the entry's absolute
address: the ``site_url`` that MkDocs reads from the version's configuration (``versies/<versie>.yml`` and
what it inherits, ``!ENV`` included), plus ``<versie>/waaier/<slug>/``, as ``kompaswaaier bouw`` places
each version under ``<site_url>/<versie>/`` (``model.version_url``, used by both).

A card has a fixed size on paper. When an entry's texts are longer than a card holds (:data:`LAYOUT`),
the longest text loses whole sentences from its end, and the card says that the rest is on the website.
The browser test checks on the real site that every card fits; should a printer's font still run longer,
the text is cut off at the bottom and the QR code stays whole.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
import zxingcpp
from markupsafe import Markup
from yaml_env_tag import construct_env_tag

from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.model import UNKNOWN, Catalog, Entry, level_label, version_url
from kompaswaaier.render.pages import RenderedPage, environment
from kompaswaaier.resources import asset, project_root
from kompaswaaier.select import View, level

#: Cards per A4 sheet (two columns, two rows: each card is about A6); ``kaarten.css`` lays them out.
CARDS_PER_SHEET = 4
#: The stylesheet of the card pages, under ``assets/``.
CSS = "kaarten.css"
@dataclass(frozen=True)
class Layout:
    """How much a printed card holds (``kaarten.css``), in lines of running text.

    Measured in Chromium on the real cards: about ``chars_per_line`` characters to a line of text and
    ``title_chars_per_line`` to a line of the title, which is 1.3 text lines high. ``lines`` keeps a
    few percent of the room free for other fonts.
    """

    chars_per_line: int
    title_chars_per_line: int
    lines: float


#: Per version: the normal card (8.5 pt; clients 10 pt) and the compact one (7.5 pt; clients 9 pt) for an
#: entry whose texts do not fit the normal one. Only what does not fit the compact card is shortened.
LAYOUT = {
    "clienten": (Layout(43, 32, 17.5), Layout(48, 36, 19.5)),
    "professionals": (Layout(53, 40, 21.5), Layout(60, 45, 24.5)),
    "organisaties": (Layout(53, 40, 21.5), Layout(60, 45, 24.5)),
}
#: The steps of an entry (``aanpak``) with their headings on a card, in order; the client version has one.
STEPS = {
    "clienten": (("clienten", "Wat kunt u doen?"),),
    "professionals": (("voor", "Vóór het gesprek"), ("tijdens", "Tijdens het gesprek"), ("na", "Na het gesprek"),
                      ("stappen", "Aanpak")),
}
STEPS["organisaties"] = STEPS["professionals"]
#: What a client card says about the cost: published entries are free to use (criterion 'kosteloos').
CLIENT_COST = "U kunt het gratis gebruiken."


def page_path(bouwsteen: int) -> str:
    """The source path of the card page of a bouwsteen (URL ``waaier/kaarten-<n>/``)."""
    return f"waaier/kaarten-{bouwsteen}.md"


# --- The address of a version -------------------------------------------------------------------

class _ConfigLoader(yaml.SafeLoader):
    """Reads an MkDocs configuration far enough for ``site_url`` and ``INHERIT``: ``!ENV`` as MkDocs reads it
    (``pyyaml_env_tag``), any other tag as nothing."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _config_value(config_file: Path, key: str) -> Any:
    """``key`` from an MkDocs configuration file, following ``INHERIT`` as MkDocs does."""
    seen: set[Path] = set()
    path = config_file
    while path not in seen:
        seen.add(path)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise UsageError(f"{display_path(path)}: niet te lezen voor het adres van de site ({exc})") from None
        if not isinstance(data, dict):
            return None
        if key in data:
            return data[key]
        parent = data.get("INHERIT")
        if not isinstance(parent, str):
            return None
        path = (path.parent / parent).resolve()
    return None


def version_address(version: str, project: Path | None = None) -> str:
    """The absolute address of a version, ending in '/': ``site_url`` of ``versies/<versie>.yml`` plus the version.

    Raises UsageError when there is no ``site_url``: a QR code on paper needs a full address.
    """
    config_file = (project or project_root()) / "versies" / f"{version}.yml"
    site_url = _config_value(config_file, "site_url")
    if not isinstance(site_url, str) or not re.match(r"https?://[^/\s]+", site_url):
        raise UsageError(f"{display_path(config_file)}: site_url ontbreekt of is geen http(s)-adres ({site_url!r}); "
                         "de kaarten hebben het volledige adres van de site nodig voor hun QR-codes")
    return version_url(site_url, version)


def entry_address(base: str, slug: str) -> str:
    """The absolute address of an entry page: ``<versie-adres>waaier/<slug>/``."""
    return f"{base}waaier/{slug}/"


def short_address(url: str) -> str:
    """The address as people type it: without ``https://``."""
    return re.sub(r"^https?://", "", url)


#: The quiet zone around a QR code, in modules: four, as the standard asks.
QR_BORDER = 4
#: A run of dark modules in a row of the code's image (one byte per module: 0 dark, 255 light).
_DARK_RUN = re.compile(rb"\x00+")


def qr_path(rows: Iterable[bytes], border: int = QR_BORDER) -> str:
    """The SVG path of a QR code: one stroke of width 1 per run of dark modules, row by row, each move
    relative to the end of the run before ("M4 4.5h7m1 0h1 ... m-41 1h1"), shifted by the quiet zone.
    A regular expression finds the runs of a row (no Python loop over every module)."""
    out: list[str] = []
    x = 0
    y = 0.0
    for row_number, row in enumerate(rows):
        row_y = border + row_number + 0.5
        for run in _DARK_RUN.finditer(row):
            start = border + run.start()
            if out:
                out.append(f"m{start - x} {int(row_y - y)}h{run.end() - run.start()}")
            else:
                out.append(f"M{start} {row_y:g}h{run.end() - run.start()}")
            x, y = border + run.end(), row_y
    return "".join(out)


@lru_cache(maxsize=4096)
def qr_svg(url: str, label: str) -> Markup:
    """A QR code for ``url`` as inline SVG, named ``label`` for screen readers.

    Error correction level M, the quiet zone of four modules that the standard asks for, and no fixed
    size: the stylesheet sizes it. zxing-cpp makes the code (0.3 ms; segno, pure Python, took 1.2 ms even
    with a fixed mask, and the build makes one code per entry, version and bouwsteen); the path is drawn
    here from its modules. An entry in several bouwstenen has the same code on each card page: made once.
    ``tests/render/test_kaarten.py`` reads every code back.
    """
    image = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(
        scale=1, add_quiet_zones=False)
    modules = bytes(memoryview(image))  # type: ignore[arg-type]  # Image has the buffer protocol; its stub omits it
    height, width = image.shape[0], image.shape[1]
    rows = (modules[start:start + width] for start in range(0, height * width, width))
    size = f"{width + 2 * QR_BORDER} {height + 2 * QR_BORDER}"
    return Markup(f'<svg role="img" aria-label="{html.escape(label, quote=True)}" viewBox="0 0 {size}" '
                  f'class="kw-qr"><path stroke="#000" d="{qr_path(rows)}"/></svg>')


# --- Cards ---------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Card:
    """One card: everything it shows, as plain text (the template escapes it)."""

    slug: str
    title: str
    number: int
    level: str
    level_label: str
    kind: str
    #: (heading, text): what for, for whom, the steps, the cost.
    blocks: list[tuple[str, str]]
    address: str
    qr: Markup
    #: Printed in smaller letters, so that a long text still fits.
    compact: bool = field(default=False)
    #: Texts were cut to fit; the card says the rest is on the website.
    shortened: bool = field(default=False)

    @property
    def short_address(self) -> str:
        return short_address(self.address)


def _lines(title: str, blocks: list[tuple[str, str]], layout: Layout) -> float:
    """Estimated height of a card's title and text blocks (heading + ': ' + text), in lines of text."""
    title_lines = 1.3 * math.ceil(len(title) / layout.title_chars_per_line)
    return title_lines + sum(math.ceil((len(h) + 2 + len(t)) / layout.chars_per_line) for h, t in blocks)


def _fit(title: str, blocks: list[tuple[str, str]], fixed: set[int], layout: Layout) -> tuple[list[tuple[str, str]], bool]:
    """Shorten the blocks (heading, text) until the card holds them: the longest block that may be shortened
    (not in ``fixed``) loses its last sentence, again and again; a single sentence is cut at a word and
    ends in '…'. Returns the blocks and whether anything was cut."""
    blocks = list(blocks)
    shortened = False
    while _lines(title, blocks, layout) > layout.lines:
        candidates = [i for i in range(len(blocks)) if i not in fixed and len(blocks[i][1].split()) > 1]
        if not candidates:
            break
        i = max(candidates, key=lambda j: len(blocks[j][1]))
        heading, text = blocks[i]
        sentences = _SENTENCE_END.split(text.strip())
        if len(sentences) > 1:
            text = " ".join(sentences[:-1])
        else:
            words = text.removesuffix(" …").split()
            text = " ".join(words[:-1]).rstrip(",;:") + " …"
        blocks[i] = (heading, text)
        shortened = True
    return blocks, shortened


def _flat(value: Any) -> str:
    """Contributor text on a card: one paragraph (a card has no room for more)."""
    return " ".join(str(value).split()) if value else ""


def card(catalog: Catalog, entry: Entry, version: str, number: int, base: str) -> Card:
    """The card of ``entry`` in ``version``, numbered ``number``, with a QR code to its page under ``base``."""
    data = entry.data
    approach = data.get("aanpak") or {}
    lvl = level(entry)
    clients = version == "clienten"
    roles = [catalog.label("rollen", code) for code in data.get("voor_wie", [])]
    blocks = [
        ("Wat is het?" if clients else "Waarvoor", _flat(data["samenvatting"][version] if clients else data["doel"])),
        ("Voor wie?" if clients else "Voor wie", ", ".join(roles) if roles else UNKNOWN),
        *((heading, _flat(approach[key])) for key, heading in STEPS[version] if approach.get(key)),
        ("Wat kost het?" if clients else "Kosten", CLIENT_COST if clients else _flat(data["kosten"])),
    ]
    normal, small = LAYOUT[version]
    compact = _lines(entry.title, blocks, normal) > normal.lines
    blocks, shortened = _fit(entry.title, blocks, {1}, small if compact else normal)
    address = entry_address(base, entry.slug)
    qr_label = f"QR-code naar de pagina {'over' if clients else 'van'} {entry.title}"
    return Card(slug=entry.slug, title=entry.title, number=number, level=lvl, level_label=level_label(lvl, version),
                kind=catalog.label("soort", data["soort"]), blocks=blocks, address=address,
                qr=qr_svg(address, qr_label), compact=compact, shortened=shortened)


def sheets(cards: list[Card]) -> Iterator[list[Card]]:
    """The cards in groups of :data:`CARDS_PER_SHEET`: one group per A4 sheet."""
    for start in range(0, len(cards), CARDS_PER_SHEET):
        yield cards[start:start + CARDS_PER_SHEET]


def _fingerprint(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


def card_pages(view: View, base: str) -> dict[str, str]:
    """The card pages of a version (``base``: the version's absolute address) and their stylesheet."""
    catalog, version = view.catalog, view.version
    css = asset(CSS)
    template = environment().get_template("kaarten.html.j2")
    out: dict[str, str] = {}
    for n, waaier in sorted(catalog.waaiers.items()):
        entries = [e for e in view.entries if n in e.data["bouwstenen"]]
        if not entries:
            continue
        cards = [card(catalog, e, version, i, base) for i, e in enumerate(entries, start=1)]
        w = waaier.data
        title = (f"Kaarten om te printen: {w['ondertitel']}" if version == "clienten"
                 else f"{w['soort'][:1].upper()}{w['soort'][1:]} als kaarten: {n}. {w['titel']}")
        body = template.render(
            versie=version, titel=title, n=n, w=w, kaarten=cards, vellen=list(sheets(cards)),
            datum=view.today, css_url=f"../../assets/{CSS}?v={_fingerprint(css)}")
        out[page_path(n)] = RenderedPage(body, html.escape(title))
    if out:
        out[f"assets/{CSS}"] = css
    return out


def pages(view: View) -> dict[str, str]:
    """Page provider: the card pages of every bouwsteen of the version, with QR codes to the site's address."""
    return card_pages(view, version_address(view.version))
