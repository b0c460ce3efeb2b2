"""Benchmark: the search box in the header against mkdocs-material's built-in search, same pages, same run.

For synthetic catalogues of 1,000 and 5,000 entries (SYNTHETISCH, all published) the professionals version
is built twice from the same catalogue and pages:

- ours: the site as it is (no search plugin; the header box uses our index in parts, ``zoekindex/``);
- the baseline: the same config with mkdocs-material's ``search`` plugin switched on as before
  (``lang: nl``), the theme's own header (search box, worker, ``search/search_index.json``), and the
  index as the site had it until now: entry pages out of the theme's parsing and one document per entry
  (title, summary and goal, labels), the way ``render.pages.search_document`` made it, and the catalogue
  page left out (its front matter said so). The card pages (issue 15) were in that index; they list
  every entry again. The targets are judged against this baseline, as the site was; a second, stricter
  baseline leaves the card pages out as well (a smaller index, a faster baseline) and is reported next to it.

Both are served on 127.0.0.1 by a server that gzips text (level 6, like a usual web server) and
measured in headless Chromium, on the version's start page (a knowledge-base page), in the header box:

- first result on a fresh page (new browser context: empty cache, no service worker): from the start of
  navigation until the results of a query are in the page; the query is entered as soon as the search
  field exists (before any script of the page ran), as a person who starts typing at once. Five runs per
  side, ours and the baseline alternating; the median counts. Once on the local network, once with the
  network throttled to a slow mobile profile (DevTools protocol ``Network.emulateNetworkConditions``:
  1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip);
- first-query payload: what the search fetched (gzip) until that first result: our script bundle, the
  index core and the parts and title files the query needed; for the baseline the search worker and the
  whole index;
- query time on a loaded page, per query from the input event until its results are in the page (ours:
  header box, including any index part a new word still needs; also the catalogue page; the baseline:
  its worker, then its result list); median and p95 over 20 everyday queries, five rounds.

Targets (issue 13): first result at most 0.25x the baseline's time at 1,000 items and 0.2x at 5,000, also
throttled; query p95 at most 50 ms at 1,000 items.

Usage: .venv/bin/python benchmarks/zoeken.py [SIZES ...]   (default 1000 5000; `make bench` runs it)
"""

from __future__ import annotations

import gzip
import http.server
import json
import mimetypes
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from synthetic import REPO, make_catalog

from kompaswaaier.render.finding import read_kern
from kompaswaaier.resources import asset

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
QUERIES = ["gesprek", "mantelzorger thuis", "dementie familie", "levenseinde", "netwerk vrijwilligers", "ges",
           "mant", "kwaliteit inzicht", "scholing team", "zorgvrager wensen behoeften", "spiegel", "beraad casus",
           "huisarts", "technologie zeggenschap", "ervaring welbevinden", "verpleegkundige verzorgende",
           "ondersteuning belasting", "afspraken evaluatie", "cliëntenraad", "sociaal werker"]
ROUNDS = 5
COLD_RUNS = 5
#: A slow mobile connection: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip.
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
OUT = Path(__file__).resolve().parent / "out"
PAGE = "/professionals/"  # the version's start page: a knowledge-base page with the header box
TARGETS = {1000: 0.25, 5000: 0.2}
#: Up to this size the box fetches the rest of the index ahead (VOORRAAD_TEKENS in assets/zoeken/zoekvak.js).
AHEAD_CHARS = int(re.search(r"VOORRAAD_TEKENS = (\d+);", asset("zoeken/zoekvak.js")).group(1))


# --- building both sites ---------------------------------------------------------------------------

def build_version(waaiers: Path, output: Path, config_file: Path | None = None) -> float:
    """Build the professionals version with our hooks (as `kompaswaaier bouw` does per part); seconds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(str(config_file or REPO / "versies" / "professionals.yml"), site_dir=str(output))
    config.extra["waaiers"] = str(waaiers)
    build(config)
    return time.perf_counter() - start


def _baseline_documents(waaiers: Path) -> tuple[list[str], list[dict[str, str]]]:
    """What the site's search index held per entry until now (render.pages.search_document): one document
    with title, summary and goal, and the labels; and the entries' page addresses."""
    import html

    from kompaswaaier.model import UNKNOWN, level_label
    from kompaswaaier.select import level, view
    from kompaswaaier.validate.catalog import load

    selected = view(load(waaiers).catalog, "professionals")
    catalog = selected.catalog
    docs, locations = [], []
    for entry in selected.entries:
        data = entry.data
        parts = [data["samenvatting"]["professionals"], data["doel"]]
        labels = [catalog.label("soort", data["soort"]), *(catalog.label("themas", c) for c in data["themas"]),
                  *(catalog.label("zorgvragers", c) for c in data["zorgvragers"]),
                  *(catalog.label("setting", c) for c in data["setting"]), data["eigenaar"],
                  level_label(level(entry), "professionals")]
        body = "".join(f"<p>{html.escape(' '.join(str(p).split()))}</p>" for p in parts)
        body += f"<p>{html.escape(', '.join(label for label in labels if label and label != UNKNOWN))}</p>"
        location = f"waaier/{entry.slug}/"
        locations.append(location)
        docs.append({"location": location, "title": html.escape(entry.title), "text": body})
    return locations, docs


def build_baseline(waaiers: Path, work: Path, output: Path, cards: bool = True) -> float:
    """The same pages with mkdocs-material's search plugin on, as the site was built before issue 13
    (``cards=False``: the card pages left out of its index as well)."""
    overrides = work / "overrides-basislijn"
    if not overrides.exists():
        shutil.copytree(REPO / "overrides", overrides)
        (overrides / "partials" / "header.html").unlink()  # the theme's own header, with its search
    config = work / "basislijn.yml"
    config.write_text(json.dumps({
        "INHERIT": str(REPO / "versies" / "professionals.yml"),
        "docs_dir": str(REPO / "docs" / "professionals"),
        "hooks": [str(REPO / "hooks" / "waaier.py")],
        "theme": {"name": "material", "custom_dir": str(overrides)},
        "plugins": [{"search": {"lang": "nl", "pipeline": ["stemmer", "stopWordFilter", "trimmer"]}}],
    }), encoding="utf-8")
    seconds = build_version(waaiers, output, config)
    index_file = output / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    locations, docs = _baseline_documents(waaiers)
    # Out of the theme's parsing, as before: entry pages (one document each instead) and the catalogue page
    # (front matter 'search: exclude' until now); for the stricter baseline also the card pages.
    left_out = (*locations, "zoeken/", *(() if cards else ("waaier/kaarten-",)))
    index["docs"] = [d for d in index["docs"] if not d["location"].startswith(left_out)] + docs
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return seconds


# --- serving -------------------------------------------------------------------------------------

_TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class _Gzip(http.server.BaseHTTPRequestHandler):
    """Static files; text gzipped (level 6) when the browser accepts it, as a usual web server does."""

    root: Path
    cache: dict[tuple[Path, bool], bytes]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.root / unquote(urlsplit(self.path).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in _TEXT
        key = (path, zipped)
        body = self.cache.get(key)
        if body is None:
            body = path.read_bytes()
            if zipped:
                body = gzip.compress(body, 6)
            self.cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        try:
            self.wfile.write(body)
        except ConnectionError:  # a closed fresh page may cut a transfer short
            pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (_Gzip,), {"root": site, "cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# --- measuring -----------------------------------------------------------------------------------

def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# mkdocs-material searches on keyup (an input event alone does nothing) and, once its worker is ready, on the
# value already in the field. Its status line says when a query has been answered ("17 overeenkomende
# documenten", "Geen overeenkomende documenten"), also without results.
MATERIAL_IDLE = ["Typ om te beginnen met zoeken", "Zoeken initialiseren"]

# Runs before the page's own scripts: as soon as the search field exists, type the query; note when its results
# are in the page (a MutationObserver: no polling that would take time from the page itself).
COLD = """(() => {
  const mode = %(mode)s, query = %(query)s, idle = %(idle)s;
  window.__eerste = null;
  const field = () => document.querySelector(mode === 'ours' ? '#kw-zoekvak-q' : '.md-search__input');
  const answered = () => {
    if (mode === 'ours') {
      const form = document.querySelector('form.kw-zoekvak');
      return !!form && form.dataset.zoekvraag === query;
    }
    const meta = document.querySelector('.md-search-result__meta');
    return !!meta && !idle.includes(meta.textContent.trim());
  };
  let typed = false;
  const check = () => {
    if (window.__eerste !== null) return;
    if (!typed && field()) {
      const input = field();
      input.focus();
      input.value = query;
      input.dispatchEvent(new Event('input', {bubbles: true}));  // ours
      input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'a'}));  // mkdocs-material
      typed = true;
    }
    if (typed && answered()) { window.__eerste = performance.now(); observer.disconnect(); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();"""

WARM_OURS = """async ([queries, selector, root, attr]) => {
  const input = document.querySelector(selector);
  const holder = document.querySelector(root);
  const wait = (q) => new Promise((resolve) => {
    const done = () => holder.getAttribute(attr) === q;
    if (done()) return resolve(performance.now());
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now()); } });
    observer.observe(holder, {attributes: true});
  });
  const times = [], found = [];
  input.focus();
  for (const q of queries) {
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    times.push((await wait(q)) - t0);
    found.push(parseInt(holder.dataset.aantal || '0', 10) ||
               (window.KompasZoekvak && window.KompasZoekvak.lastItems ? window.KompasZoekvak.lastItems.hits.length : 0));
    await new Promise(r => setTimeout(r, 0));
  }
  return {times, found};
}"""

WARM_MATERIAL = """async (queries) => {
  const input = document.querySelector('.md-search__input');
  const meta = () => document.querySelector('.md-search-result__meta').textContent.trim();
  const idle = %(idle)s;
  const key = () => input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'a'}));
  const wait = (test, what) => new Promise((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error('te lang gewacht op ' + what)), 60000);
    const check = () => { if (test()) { clearTimeout(limit); resolve(performance.now()); } else setTimeout(check, 1); };
    check();
  });
  const answered = () => !idle.includes(meta());
  input.focus();
  input.value = queries[0];
  key();
  await wait(answered, 'het klaarzetten van de zoekindex');  // not timed: the index is built in a worker first
  const times = [], found = [];
  for (const q of queries) {
    input.value = '';
    key();
    await wait(() => meta() === idle[0], 'een leeg zoekveld');
    const t0 = performance.now();
    input.value = q;
    key();
    times.push((await wait(answered, q)) - t0);
    found.push(parseInt(meta(), 10) || 0);
  }
  return {times, found};
}""".replace("%(idle)s", json.dumps(MATERIAL_IDLE))


def _search_file(path: str, mode: str) -> bool:
    """Is this request part of the search (what the first-query payload counts)?"""
    if mode == "ours":
        return "/zoekindex/" in path or path.endswith("/assets/zoeken/zoeken.js")
    return "/search/" in path or "/workers/" in path or "/javascripts/lunr/" in path


def cold_run(browser, base: str, mode: str, query: str, slow: bool, site: Path) -> tuple[float, int]:
    """One fresh page: milliseconds from navigation start to the first results, and the gzip bytes the search
    fetched until then."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(urlsplit(request.url).path))  # the worker's too
    if slow:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW)
    page.add_init_script(COLD % {"mode": json.dumps(mode), "query": json.dumps(query), "idle": json.dumps(MATERIAL_IDLE)})
    page.goto(base + PAGE, wait_until="commit")
    page.wait_for_function("window.__eerste !== null", timeout=120_000, polling=50)
    first = page.evaluate("window.__eerste")
    if mode == "ours":  # what was asked for before the first result (afterwards the box fetches the rest ahead)
        fetched = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter(e => e.startTime < window.__eerste).map(e => new URL(e.name).pathname)""")
    context.close()
    payload = 0  # mkdocs-material's worker fetches its whole index before its first result
    for path in dict.fromkeys(p for p in fetched if _search_file(p, mode)):
        file = site / path.lstrip("/")
        payload += len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0
    return first, payload


def measure(site_ours: Path, site_material: Path, site_strict: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    server_ours, base_ours = serve(site_ours)
    server_material, base_material = serve(site_material)
    server_strict, base_strict = serve(site_strict)
    queries = QUERIES * ROUNDS
    out: dict[str, float] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            # Query times on a loaded page.
            page = browser.new_page()
            page.goto(base_ours + PAGE)
            ours = page.evaluate(WARM_OURS, [queries, "#kw-zoekvak-q", "form.kw-zoekvak", "data-zoekvraag"])
            # The same once the box has fetched the rest of a small index ahead, as it does after a first search.
            kern = read_kern((site_ours / "professionals" / "zoekindex" / "kern.js").read_text(encoding="utf-8"))
            ahead = None
            if kern["items"]["omvang"] <= AHEAD_CHARS:
                page.wait_for_function("""n => performance.getEntriesByType('resource')
                    .filter(e => /zoekindex[/]items-[0-9]+[.]json/.test(e.name)).length >= n""",
                                       arg=len(kern["items"]["delen"]), timeout=120_000, polling=200)
                ahead = page.evaluate(WARM_OURS, [queries, "#kw-zoekvak-q", "form.kw-zoekvak", "data-zoekvraag"])
            page.goto(base_ours + "/professionals/zoeken/")
            page.wait_for_selector(".kw-zoeken[data-klaar='ja']", timeout=120_000)
            catalogue = page.evaluate(WARM_OURS, [queries, "#kw-q", ".kw-zoeken", "data-zoekvraag"])
            page.goto(base_material + PAGE)
            page.wait_for_selector(".md-search__input")
            material = page.evaluate(WARM_MATERIAL, queries)
            page.close()
            for name, result in (("ours", ours), ("ahead", ahead or ours), ("catalogue", catalogue), ("material", material)):
                out[f"{name}_median_ms"] = statistics.median(result["times"])
                out[f"{name}_p95_ms"] = _percentile(result["times"], 0.95)
            out["ahead"] = float(ahead is not None)
            out["ours_queries_without_results"] = sum(1 for n in catalogue["found"][: len(QUERIES)] if n == 0)
            out["material_queries_without_results"] = sum(1 for n in material["found"][: len(QUERIES)] if n == 0)
            # First result on a fresh page, ours and the baselines alternating.
            sides = {"ours": (base_ours, site_ours, "ours"), "material": (base_material, site_material, "material"),
                     "strict": (base_strict, site_strict, "material")}
            for slow in (False, True):
                label = "slow_" if slow else ""
                runs: dict[str, list[tuple[float, int]]] = {name: [] for name in sides}
                for i in range(COLD_RUNS):
                    query = QUERIES[i % len(QUERIES)]
                    for name, (base, site, mode) in sides.items():
                        runs[name].append(cold_run(browser, base, mode, query, slow, site))
                for name, found in runs.items():
                    out[f"{label}{name}_first_result_ms"] = statistics.median(ms for ms, _ in found)
                    out[f"{label}{name}_first_payload_gzip"] = statistics.median(size for _, size in found)
                out[f"{label}ratio"] = out[f"{label}ours_first_result_ms"] / out[f"{label}material_first_result_ms"]
                out[f"{label}strict_ratio"] = out[f"{label}ours_first_result_ms"] / out[f"{label}strict_first_result_ms"]
            browser.close()
    finally:
        for server in (server_ours, server_material, server_strict):
            server.shutdown()
            server.server_close()
    return out


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def run(sizes: tuple[int, ...] = (1000, 5000)) -> list[dict[str, float]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            root = make_catalog(work / f"waaiers-{n}", n)
            ours, baseline, strict = work / f"site-{n}", work / f"basislijn-{n}", work / f"basislijn-streng-{n}"
            seconds = build_version(root, ours / "professionals")
            baseline_seconds = build_baseline(root, work, baseline / "professionals")
            build_baseline(root, work, strict / "professionals", cards=False)
            version = ours / "professionals"
            index_files = sorted((version / "zoekindex").glob("*.js*"))
            row: dict[str, float] = {
                "items": n, "build_s": seconds, "baseline_build_s": baseline_seconds,
                "ours_index_files": len(index_files),
                "ours_index_gzip": sum(_gz(f) for f in index_files),
                "ours_kern_gzip": _gz(version / "zoekindex" / "kern.js"),
                "ours_script_gzip": _gz(next((version / "assets" / "zoeken").glob("zoeken.js"))),
                "material_index_gzip": _gz(baseline / "professionals" / "search" / "search_index.json"),
                "material_index_bytes": (baseline / "professionals" / "search" / "search_index.json").stat().st_size,
                "strict_index_gzip": _gz(strict / "professionals" / "search" / "search_index.json"),
            }
            load_before = os.getloadavg()[0]
            row.update(measure(ours, baseline, strict))
            row["load_average"] = max(load_before, os.getloadavg()[0])
            results.append(row)
            report(row)
    OUT.mkdir(exist_ok=True)
    (OUT / "zoeken.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return results


def report(row: dict[str, float]) -> None:
    n = int(row["items"])
    kb = lambda b: f"{b / 1000:.0f} kB"  # noqa: E731
    ahead = (f"(met de hele index binnen {row['ahead_median_ms']:.1f} / {row['ahead_p95_ms']:.1f} ms)" if row["ahead"]
             else "(index te groot om vooruit te halen)")
    print(f"{n:>5} items (professionals; gebouwd in {row['build_s']:.1f} s, basislijn {row['baseline_build_s']:.1f} s):\n"
          f"  index: wij {int(row['ours_index_files'])} bestanden, samen {kb(row['ours_index_gzip'])} gzip "
          f"(kern {kb(row['ours_kern_gzip'])}, script {kb(row['ours_script_gzip'])}); "
          f"mkdocs-material {kb(row['material_index_gzip'])} gzip ({row['material_index_bytes'] / 1e6:.2f} MB), "
          f"zonder kaartpagina's {kb(row['strict_index_gzip'])} gzip\n"
          f"  eerste resultaat op een verse pagina (mediaan van {COLD_RUNS}): wij {row['ours_first_result_ms']:.0f} ms, "
          f"mkdocs-material {row['material_first_result_ms']:.0f} ms: {row['ratio']:.2f}x "
          f"(zonder kaartpagina's {row['strict_first_result_ms']:.0f} ms: {row['strict_ratio']:.2f}x)\n"
          f"  idem met trage verbinding (1,6 Mbit/s, 150 ms): wij {row['slow_ours_first_result_ms']:.0f} ms, "
          f"mkdocs-material {row['slow_material_first_result_ms']:.0f} ms: {row['slow_ratio']:.2f}x "
          f"(zonder kaartpagina's {row['slow_strict_first_result_ms']:.0f} ms: {row['slow_strict_ratio']:.2f}x)\n"
          f"  lading tot het eerste resultaat (gzip): wij {kb(row['ours_first_payload_gzip'])}, "
          f"mkdocs-material {kb(row['material_first_payload_gzip'])}\n"
          f"  zoekvraag (mediaan / p95): zoekvak {row['ours_median_ms']:.1f} / {row['ours_p95_ms']:.1f} ms {ahead}, "
          f"zoekpagina {row['catalogue_median_ms']:.1f} / {row['catalogue_p95_ms']:.1f} ms, "
          f"mkdocs-material {row['material_median_ms']:.1f} / {row['material_p95_ms']:.1f} ms\n"
          f"  zoekvragen zonder resultaat (van {len(QUERIES)}): wij {int(row['ours_queries_without_results'])}, "
          f"mkdocs-material {int(row['material_queries_without_results'])}\n"
          f"  belasting van de machine tijdens het meten (load average, 1 min): {row['load_average']:.1f}", flush=True)
    target = TARGETS.get(n)
    if target:
        checks = [(f"eerste resultaat <= {target}x", row["ratio"] <= target),
                  (f"trage verbinding <= {target}x", row["slow_ratio"] <= target)]
        if n == 1000:
            checks.append(("p95 <= 50 ms", row["ours_p95_ms"] <= 50))
        print(f"  doelen bij {n:,} items: ".replace(",", ".") +
              "; ".join(f"{name}: {'ja' if ok else 'NEE'}" for name, ok in checks), flush=True)


if __name__ == "__main__":
    run(tuple(int(a) for a in sys.argv[1:]) or (1000, 5000))
