"""The checks of the browser tests, each usable on any page: axe, network, cookies, layout, keyboard, vnu.

Every check returns what it found; the ``*_melding`` functions turn findings into a readable Dutch
message (rule, impact, element, page). The tests in this folder run them on the real site, and
``test_kapot.py`` runs them on a deliberately broken page to prove each one can fail.

Run ``python tests/browser/controles.py thema`` to rewrite the theme copies in ``overrides/`` from
the installed mkdocs-material (after an upgrade; ``test_html.py`` says when).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kompaswaaier.render import accessibility

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOCAL_HOSTS = {"127.0.0.1"}
SEARCH_QUERY = "gesprek"
#: The deliberately broken page (SYNTHETISCH) that proves each check can fail, and where it is served.
KAPOT = Path(__file__).resolve().parent / "kapot" / "index.html"
KAPOT_PATH = "/__kapot__/"


# --- which pages ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageSpec:
    """A page a person visits: version, kind (see accessibility.PAGE_LABELS), URL path, action."""

    version: str
    kind: str
    path: str
    action: str | None = None  # "zoeken" or "catalogus": what the visitor does after the page loads

    @property
    def id(self) -> str:
        return f"{self.version}/{self.kind}"

    def html_file(self, site: Path) -> Path:
        """The served HTML file behind this page."""
        return site / self.path.strip("/") / "index.html"


def pages_to_visit(site: Path, entries: dict[str, list[str]]) -> tuple[list[PageSpec], dict[str, list[str]]]:
    """Pages to visit per version, and per version the kinds not (yet) in the built site.

    ``entries`` gives per version the slugs of published entries; the first one built is visited.
    """
    specs: list[PageSpec] = [PageSpec("start", "startpagina", "/")]
    missing: dict[str, list[str]] = {}
    for version in ("clienten", "professionals", "organisaties"):
        root = f"/{version}/"
        waaier = root + ("waaier/" if version == "clienten" else "waaier/bouwsteen-1/")
        slugs = [s for s in sorted(entries.get(version, [])) if (site / version / "waaier" / s / "index.html").is_file()]
        # Each kind of page with the places it may live (the first one built is visited).
        candidates: list[tuple[str, list[str], str | None]] = [
            ("startpagina", [root], None),
            ("kennisbank", [root + "bouwstenen/"], None),
            ("waaier", [waaier], None),
            ("item", [root + f"waaier/{s}/" for s in slugs[:1]], None),
            ("catalogus", [root + "zoeken/", root + "waaier/catalogus/", root + "catalogus/"], "catalogus"),
            ("zoeken", [root], "zoeken"),
            ("keuzehulp", [root + "keuzehulp/", root + "waaier/keuzehulp/"], None),
            ("toegankelijkheid", [root + "toegankelijkheid/"], None),
        ]
        missing[version] = []
        for kind, paths, action in candidates:
            found = [PageSpec(version, kind, p, action) for p in paths if PageSpec(version, kind, p).html_file(site).is_file()]
            if found:
                specs.append(found[0])
            else:
                missing[version].append(kind)
    return specs, missing


#: The built versions (first part of a page's path); a page outside them belongs to the landing site.
SITE_VERSIONS = ("clienten", "professionals", "organisaties")


@dataclass(frozen=True)
class BuiltPage:
    """One HTML page of the built site: its version ('start' for the landing site) and URL path."""

    version: str
    path: str
    file: Path


def built_pages(site: Path) -> list[BuiltPage]:
    """Every HTML page of the built site, found by walking it: the landing page, every page of the three
    versions (generated item pages too) and the 404 pages, which are real pages a visitor meets."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        path = "/" + (rel.removesuffix("index.html") if file.name == "index.html" else rel)
        first = rel.split("/", 1)[0]
        pages.append(BuiltPage(first if first in SITE_VERSIONS else "start", path, file))
    return pages


def open_page(page, base_url: str, spec: PageSpec, *, wait: str = "load") -> None:
    """Go to the page and do what a visitor does there (search, or use the catalogue's search and a facet)."""
    page.goto(base_url + spec.path, wait_until=wait)
    if spec.action == "zoeken":
        search(page, SEARCH_QUERY)
    elif spec.action == "catalogus":
        use_catalogue(page, SEARCH_QUERY)


def search(page, query: str) -> None:
    """Type a query into the search box in the header (overrides/partials/zoekvak.html) and wait for the results."""
    field_ = page.locator("#kw-zoekvak-q")
    field_.click()
    field_.press_sequentially(query, delay=30)  # typed key by key, as a person does
    page.locator(".kw-zoekvak-paneel .kw-zv-lijst a").first.wait_for(state="visible", timeout=15_000)


def use_catalogue(page, query: str) -> None:
    """On the catalogue page: type a query in its own search field and switch on the first facet."""
    content = page.locator("article.md-content__inner")
    box = content.locator("input[type='search'], input[type='text']").first
    box.wait_for(state="visible", timeout=10_000)
    box.press_sequentially(query, delay=30)
    box.press("Enter")
    facet = content.locator("input[type='checkbox'], input[type='radio']").first
    facet.wait_for(state="attached", timeout=10_000)
    if not facet.is_visible():  # facets may sit in a closed <details>: open it as a visitor would
        facet.locator("xpath=ancestor::details[1]/summary").first.click()
    facet.check()


# --- axe -----------------------------------------------------------------------------------------

_axe_source: str | None = None


def axe_source() -> str:
    """axe-core's script; give it to ``context.add_init_script`` to have it in every page at once
    (much faster than inserting it after each page load)."""
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_JS.read_text(encoding="utf-8")
    return _axe_source


def axe(page, context: str = "document") -> list[dict]:
    """WCAG 2.0/2.1 A and AA violations axe-core finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(
        """async ([ctx, tags]) => {
            const result = await axe.run(ctx === 'document' ? document : ctx,
                                         {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }""",
        [context, WCAG_TAGS],
    )


def axe_melding(where: str, violations: list[dict]) -> str:
    """One readable block per violation: rule, impact, what to fix, which elements."""
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['id']} ({v['impact']}) - {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("summary") or "").split())
            lines.append(f"    {node['target']}: {summary[:240]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... en nog {len(v['nodes']) - 5} elementen")
    return "\n".join(lines)


# --- network and cookies -------------------------------------------------------------------------

class NetworkLog:
    """Every request a browser context makes (pages, workers, service workers), in order."""

    def __init__(self, context) -> None:
        self.urls: list[str] = []
        self.blocked: list[str] = []
        self._open: set = set()
        context.on("request", self._start)
        context.on("requestfinished", self._done)
        context.on("requestfailed", self._done)
        # Nothing may leave this machine; a request to another host is recorded and refused at once.
        context.route(lambda url: not is_local(url), self._refuse)

    def _start(self, request) -> None:
        self.urls.append(request.url)
        self._open.add(request)

    def _done(self, request) -> None:
        self._open.discard(request)

    def _refuse(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def mark(self) -> int:
        return len(self.urls)

    def since(self, mark: int) -> list[str]:
        return self.urls[mark:]

    def settle(self, page, quiet_ms: int = 200, timeout_ms: int = 10_000) -> None:
        """Wait until no request has been open for ``quiet_ms`` (faster than Playwright's networkidle)."""
        waited = quiet = 0
        while waited < timeout_ms:
            page.wait_for_timeout(50)
            waited += 50
            quiet = quiet + 50 if not self._open else 0
            if quiet >= quiet_ms:
                return


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


def third_party(urls: list[str]) -> list[str]:
    """Requests to any host other than 127.0.0.1 (data:, blob: and about: URLs stay in the browser)."""
    return sorted({u for u in urls if not is_local(u)})


def derden_melding(where: str, urls: list[str]) -> str:
    hosts = sorted({urlsplit(u).hostname or u for u in urls})
    return f"{where}: {len(urls)} verzoek(en) naar andere hosts ({', '.join(hosts)}): " + ", ".join(urls[:5])


def cookies(page) -> list[str]:
    """Names of the cookies the context holds plus what ``document.cookie`` shows."""
    names = [c["name"] for c in page.context.cookies()]
    doc = page.evaluate("() => document.cookie")
    names += [part.split("=")[0].strip() for part in doc.split(";") if part.strip()]
    return sorted(set(names))


# --- layout --------------------------------------------------------------------------------------

def horizontal_overflow(page) -> dict | None:
    """None when the page fits its width; else the widths and the elements that stick out."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return null;
            const out = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > root.clientWidth + 1 && r.width > 0 && el.checkVisibility()) {
                    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                        (el.classList.length ? '.' + [...el.classList].join('.') : '');
                    out.push(name + ' (rechts ' + Math.round(r.right) + ' px)');
                }
                if (out.length >= 5) break;
            }
            return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, elements: out};
        }"""
    )


def settled_overflow(page, wait_ms: int = 600) -> dict | None:
    """Like :func:`horizontal_overflow`, but overflow must still be there once transitions have ended
    (the theme animates its search overlay when the window changes size)."""
    if horizontal_overflow(page) is None:
        return None
    page.wait_for_timeout(wait_ms)
    return horizontal_overflow(page)


def overflow_melding(where: str, found: dict) -> str:
    return (f"{where}: pagina is {found['scrollWidth']} px breed in een venster van {found['clientWidth']} px "
            f"(horizontaal scrollen); uitstekend: {', '.join(found['elements']) or 'onbekend'}")


#: Table frames of the theme (``div.md-typeset__scrollwrap``) that scroll sideways now, and whether the
#: keyboard can reach them (tabindex >= 0, a role and a name: see assets/tabellen.js).
_SCROLLING_TABLES = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
    .filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => ({tabindex: w.getAttribute('tabindex'), role: w.getAttribute('role'),
                label: w.getAttribute('aria-label')}))"""


def scrolling_tables(page) -> list[dict]:
    """The table frames on the page that scroll sideways at the current width."""
    return page.evaluate(_SCROLLING_TABLES)


# --- keyboard ------------------------------------------------------------------------------------

_FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    if (!el.dataset.kwFocus) el.dataset.kwFocus = String(++window.__kwFocusCount || (window.__kwFocusCount = 1));
    const style = (e) => { const s = getComputedStyle(e); return {
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 ? s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor : '',
        shadow: s.boxShadow === 'none' ? '' : s.boxShadow,
        bg: s.backgroundColor, color: s.color, border: s.borderColor, deco: s.textDecorationLine}; };
    const focused = style(el);
    const r = el.getBoundingClientRect();
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.getAttribute('href') ? '[href="' + el.getAttribute('href') + '"]' : '') +
        (el.classList.length ? '.' + [...el.classList].join('.') : '');
    return {id: el.dataset.kwFocus, name, focused,
            visible: r.width > 0 && r.height > 0 && el.checkVisibility({checkVisibilityCSS: true}),
            inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
            inContent: !!el.closest('.md-content')};
}"""

_TABBABLE_COUNT = """() => {
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';
    return [...document.querySelectorAll(sel)].filter(el => el.tabIndex >= 0 && !el.disabled &&
        el.checkVisibility({checkVisibilityCSS: true}) && el.getBoundingClientRect().width > 0).length;
}"""


@dataclass
class KeyboardWalk:
    steps: int = 0
    reached: int = 0
    tabbable: int = 0
    ended: bool = False
    problems: list[str] = field(default_factory=list)


_WALK_RECORDER = """() => {
    if (document.activeElement) document.activeElement.blur();
    window.scrollTo(0, 0);
    window.__kwWalk = [];
    const describe = (el) => {
        if (!el.dataset.kwFocus) el.dataset.kwFocus = String(++window.__kwFocusCount || (window.__kwFocusCount = 1));
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {id: el.dataset.kwFocus,
                name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                      (el.getAttribute('href') ? '[href="' + el.getAttribute('href') + '"]' : '') +
                      (el.classList.length ? '.' + [...el.classList].filter(c => c !== 'focus-visible').join('.') : ''),
                indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
                visible: r.width > 0 && r.height > 0 && el.checkVisibility({checkVisibilityCSS: true}) &&
                         r.right + scrollX > 0 && r.bottom + scrollY > 0};
    };
    document.addEventListener('focusin', (e) => window.__kwWalk.push(describe(e.target)), true);
    document.addEventListener('focusout', (e) => { if (!e.relatedTarget) window.__kwWalk.push(null); }, true);
}"""


def keyboard_walk(page, *, max_extra: int = 15, batch: int = 10) -> KeyboardWalk:
    """Tab from the top of the page to its end: focus always visible (an outline or shadow of at least
    2 px) on an element that can be seen, and never stuck (the walk leaves the page or wraps around)."""
    walk = KeyboardWalk(tabbable=page.evaluate(_TABBABLE_COUNT))
    page.evaluate(_WALK_RECORDER)
    limit = walk.tabbable + max_extra
    log: list[dict | None] = []
    while walk.steps < limit and not walk.ended:
        for _ in range(min(batch, limit - walk.steps)):
            page.keyboard.press("Tab")
            walk.steps += 1
        log = page.evaluate("() => window.__kwWalk")
        ids = [e["id"] for e in log if e]
        walk.ended = None in log or (len(ids) > 1 and ids[0] in ids[1:])
    seen: dict[str, dict] = {}
    for entry in log:
        if entry is None or (seen and entry["id"] == next(iter(seen))):
            break  # left the page, or wrapped around to the first element
        seen.setdefault(entry["id"], entry)
    walk.reached = len(seen)
    hidden = [e["name"] for e in seen.values() if not e["visible"]]
    no_indicator = [e["name"] for e in seen.values() if e["visible"] and not e["indicator"]]
    if hidden:
        walk.problems.append(f"focus op {len(hidden)} element(en) die niet te zien zijn: " + ", ".join(hidden[:5]))
    if no_indicator:
        walk.problems.append(f"{len(no_indicator)} element(en) zonder zichtbare focusrand (outline of schaduw van "
                             "minstens 2 px): " + ", ".join(no_indicator[:5]))
    if not walk.ended:
        walk.problems.append(f"toetsenbordval: na {walk.steps} keer Tab is het einde van de pagina niet bereikt "
                             f"({walk.reached} verschillende elementen, {walk.tabbable} bedienbare op de pagina)")
    return walk


def skip_link(page) -> str | None:
    """None when the first Tab shows a visible 'skip to content' link that moves focus into the content."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS_STATE)
    if not first or ".md-skip" not in first["name"]:
        return f"de eerste Tab komt niet op de link naar de inhoud maar op {first['name'] if first else 'niets'}"
    if not first["visible"] or not first["inView"]:
        return "de link naar de inhoud krijgt focus maar is niet te zien"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate(_FOCUS_STATE)
    if not after or not after["inContent"]:
        return f"na de link naar de inhoud komt de volgende Tab op {after['name'] if after else 'niets'}, niet in de inhoud"
    return None


# --- Nu Html Checker -----------------------------------------------------------------------------

_NOT_CHECKED = "File was not checked."


def vnu_tree(targets: list[Path]) -> tuple[dict[Path, list[dict]], set[Path]]:
    """The Nu Html Checker on whole folders and files in one JVM: the messages per file and the set of
    files it says it checked (``--verbose`` lists them), so nothing can be left out unnoticed.
    Files that are not HTML (CSS, JavaScript, data) are skipped, and so is the checker's note about them."""
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
                             "--skip-non-html", "--verbose", *map(str, targets)],
                            capture_output=True, text=True, timeout=900)
    data = json.loads(result.stderr)
    checked = {Path(line.strip()).resolve() for line in result.stdout.splitlines() if line.strip()}
    out: dict[Path, list[dict]] = {path: [] for path in checked}
    for m in data.get("messages", []):
        if m.get("type") == "info" and m.get("message", "").startswith(_NOT_CHECKED):
            continue
        path = Path(m.get("url", "").removeprefix("file:")).resolve()
        out.setdefault(path, []).append(m)
    return out, checked


def vnu_errors(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def vnu_warnings(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]


def vnu_melding(where: str, messages: list[dict]) -> str:
    lines = []
    for m in messages:
        extract = " ".join((m.get("extract") or "").split())
        lines.append(f"{where}:{m.get('lastLine', '?')}: {m['message']} [{extract[:100]}]")
    return "\n".join(lines)


# --- theme copies in overrides/ ------------------------------------------------------------------

THEME_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
#: Copies of mkdocs-material templates with the smallest change that makes their HTML valid.
#: name -> [(old, new)]; ``old`` must occur exactly as often as listed in THEME_COUNTS (default once).
THEME_PATCHES: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        # 'autocomplete' is not allowed on checkboxes (vnu error on every page).
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
        # Attribute values are not escaped: a quote in the description breaks the <meta> element.
        ('content="{{ page.meta.description }}"', 'content="{{ page.meta.description | e }}"'),
        ('content="{{ config.site_description }}"', 'content="{{ config.site_description | e }}"'),
        ('content="{{ page.meta.author }}"', 'content="{{ page.meta.author | e }}"'),
        ('content="{{ config.site_author }}"', 'content="{{ config.site_author | e }}"'),
        # The theme's script (menus, tabs, copy buttons) after what a first look and a first search need.
        ("""<script src="{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}"></script>""",
         """<script src="{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}" fetchpriority="low"></script>"""),
    ],
    "partials/nav-item.html": [
        # A section label gets tabindex="" (an empty value is invalid); leave the attribute out instead.
        ('id="{{ path }}_label" tabindex="{{ tabindex }}">', 'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ],
}
THEME_PATCHES["partials/toc.html"] = [
    # Pages outside the navigation (the entry pages) have no '__toc' checkbox: a label may not point at it.
    ('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>'),
]
THEME_PATCHES["partials/header.html"] = [
    # The search box of the site (our index, a plain form without JavaScript) where the theme's own search sits.
    ('    {% if "material/search" in config.plugins %}', '    {% include "partials/zoekvak.html" %}\n    {% if "material/search" in config.plugins %}'),
]
THEME_COUNTS = {('partials/nav-item.html', 'id="{{ path }}_label" tabindex="{{ tabindex }}">'): 2}


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def patched_theme_file(name: str) -> str:
    """What ``overrides/<name>`` must contain: the installed theme's file with our patches applied."""
    from importlib.metadata import version

    upstream = (material_templates() / name).read_text(encoding="utf-8")
    if not upstream.startswith(THEME_HEADER):
        raise ValueError(f"{name}: onverwachte kop in mkdocs-material; controleer de kopie met de hand")
    text = upstream[len(THEME_HEADER):]
    for old, new in THEME_PATCHES[name]:
        expected = THEME_COUNTS.get((name, old), 1)
        if text.count(old) != expected:
            raise ValueError(f"{name}: '{old}' staat {text.count(old)} keer in mkdocs-material "
                             f"{version('mkdocs-material')}, verwacht {expected}; werk THEME_PATCHES bij")
        text = text.replace(old, new)
    header = (f"{{#- Kopie van mkdocs-material {version('mkdocs-material')} templates/{name}, met "
              f"{len(THEME_PATCHES[name])} kleine wijziging(en) (tests/browser/controles.py, "
              f"THEME_PATCHES). Niet met de hand bewerken: python tests/browser/controles.py thema -#}}\n")
    return header + text


if __name__ == "__main__":  # pragma: no cover - maintenance command
    if sys.argv[1:] == ["thema"]:
        for name in THEME_PATCHES:
            target = REPO / "overrides" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(patched_theme_file(name), encoding="utf-8")
            print(f"geschreven: {target.relative_to(REPO)}")
    else:
        print("gebruik: python tests/browser/controles.py thema", file=sys.stderr)
        sys.exit(2)


def write_results(results: dict[str, Any], project: Path | None = None) -> Path:
    """Write the results file atomically (another test run may read it at the same time)."""
    path = (project or REPO) / accessibility.RESULTS
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
