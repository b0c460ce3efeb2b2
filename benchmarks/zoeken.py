"""Benchmark: the catalogue search against mkdocs-material's built-in search, same pages, same run.

For synthetic catalogues of 1,000 and 5,000 entries (SYNTHETISCH, all published) the professionals
version is built once; then, served on 127.0.0.1 and measured in headless Chromium:

- payload: our zoekindex.json (prebuilt lunr index + facets) against material's search_index.json,
  raw and gzipped (level 6, a usual server setting); also our list page (all entries, no JavaScript needed);
- query time on a loaded page, per query from the input event until the results are in the page:
  ours (lunr query + facet counts + list update, synchronous) against material's (web worker, then
  its result list); median and p95 over the same queries;
- time to first result on a fresh page (cold cache): from the start of navigation until the first
  results of a query are in the page, the query entered as soon as the search field can be used.

Targets at 1,000 entries: payload <= 300 kB gzipped, p95 <= 50 ms, first result sooner than material.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from synthetic import REPO, make_catalog

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
QUERIES = ["gesprek", "mantelzorger thuis", "dementie familie", "levenseinde", "netwerk vrijwilligers", "ges",
           "mant", "kwaliteit inzicht", "scholing team", "zorgvrager wensen behoeften", "spiegel", "beraad casus",
           "huisarts", "technologie zeggenschap", "ervaring welbevinden", "verpleegkundige verzorgende",
           "ondersteuning belasting", "afspraken evaluatie", "cliëntenraad", "sociaal werker"]
ROUNDS = 5
COLD_RUNS = 5
OUT = Path(__file__).resolve().parent / "out"


def build_version(waaiers: Path, output: Path, version: str = "professionals") -> float:
    """Build one version of the site with our hooks (as `kompaswaaier bouw` does per part); seconds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(str(REPO / "versies" / f"{version}.yml"), site_dir=str(output))
    config.extra["waaiers"] = str(waaiers)
    build(config)
    return time.perf_counter() - start


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a closed fresh page may cut a transfer short
            super().handle_error(request, client_address)


WARM_OURS = """async (queries) => {
  const input = document.querySelector('#kw-q');
  const times = [], found = [];
  for (const q of queries) {
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    times.push(performance.now() - t0);
    found.push(window.KompasZoekenPagina.lastResult.hits.length);
    input.value = '';
    input.dispatchEvent(new Event('input', {bubbles: true}));
    await new Promise(r => setTimeout(r, 0));
  }
  return {times, found};
}"""

# mkdocs-material searches on keyup (an input event alone does nothing). Its status line says when a query has
# been answered ("17 overeenkomende documenten", "Geen overeenkomende documenten"), also without results.
MATERIAL_IDLE = ["Typ om te beginnen met zoeken", "Zoeken initialiseren"]

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
}""" % {"idle": json.dumps(MATERIAL_IDLE)}

# Runs before the page's own scripts: enter the query as soon as the field can be used, note when results show.
COLD = """(() => {
  const mode = %(mode)s, query = %(query)s;
  window.__eerste = null;
  const ready = () => mode === 'ours'
    ? (document.querySelector('.kw-zoekform') && !document.querySelector('.kw-zoekform').hidden)
    : !!document.querySelector('.md-search__input');
  const results = () => mode === 'ours'
    ? document.querySelector('.kw-zoeken') && document.querySelector('.kw-zoeken').dataset.aantal !== undefined
      && document.querySelector('#kw-q').value === query
    : !%(idle)s.includes(document.querySelector('.md-search-result__meta').textContent.trim());
  const type = () => {
    const input = document.querySelector(mode === 'ours' ? '#kw-q' : '.md-search__input');
    input.focus();
    input.value = query;
    input.dispatchEvent(new Event('input', {bubbles: true}));  // ours
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'a'}));  // mkdocs-material
  };
  let typed = false;
  const tick = () => {
    if (!typed && ready()) { type(); typed = true; }
    if (typed && results()) { window.__eerste = performance.now(); return; }
    setTimeout(tick, 2);
  };
  document.addEventListener('DOMContentLoaded', tick);
})();"""


def measure(site: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/professionals"
    queries = QUERIES * ROUNDS
    out: dict[str, float] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page()
            page.goto(base + "/zoeken/")
            page.wait_for_selector(".kw-zoeken[data-klaar='ja']", timeout=120_000)
            page.evaluate("(queries) => queries.forEach(q => window.KompasZoekenPagina.zoeker.search(q, {}))", QUERIES)  # warm-up
            search_only = page.evaluate("""(queries) => queries.map(q => {
                const t0 = performance.now(); window.KompasZoekenPagina.zoeker.search(q, {}); return performance.now() - t0; })""",
                                        queries)
            ours = page.evaluate(WARM_OURS, queries)
            page.goto(base + "/")
            page.wait_for_selector(".md-search__input")
            material = page.evaluate(WARM_MATERIAL, queries)
            page.close()
            for name, times in (("ours", ours["times"]), ("ours_search_only", search_only), ("material", material["times"])):
                out[f"{name}_median_ms"] = statistics.median(times)
                out[f"{name}_p95_ms"] = _percentile(times, 0.95)
            out["ours_queries_without_results"] = sum(1 for n in ours["found"][: len(QUERIES)] if n == 0)
            out["material_queries_without_results"] = sum(1 for n in material["found"][: len(QUERIES)] if n == 0)
            for mode, path in (("ours", "/zoeken/"), ("material", "/")):
                firsts = []
                for i in range(COLD_RUNS):
                    context = browser.new_context()  # fresh cache every time
                    page = context.new_page()
                    query = QUERIES[i % len(QUERIES)]
                    page.add_init_script(COLD % {"mode": json.dumps(mode), "query": json.dumps(query),
                                                "idle": json.dumps(MATERIAL_IDLE)})
                    page.goto(base + path)
                    page.wait_for_function("window.__eerste !== null", timeout=60_000)
                    firsts.append(page.evaluate("window.__eerste"))
                    context.close()
                out[f"{mode}_first_result_ms"] = statistics.median(firsts)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def run(sizes: tuple[int, ...] = (1000, 5000)) -> list[dict[str, float]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            root = make_catalog(work / f"waaiers-{n}", n)
            site = work / f"site-{n}"
            seconds = build_version(root, site / "professionals")
            version = site / "professionals"
            row: dict[str, float] = {
                "items": n, "build_s": seconds,
                "ours_payload_bytes": (version / "zoekindex.json").stat().st_size,
                "ours_payload_gzip": _gz(version / "zoekindex.json"),
                "material_index_bytes": (version / "search" / "search_index.json").stat().st_size,
                "material_index_gzip": _gz(version / "search" / "search_index.json"),
                "list_page_gzip": _gz(version / "zoeken" / "index.html"),
            }
            load_before = os.getloadavg()[0]
            row.update(measure(site))
            row["load_average"] = max(load_before, os.getloadavg()[0])
            results.append(row)
            print(f"{n:>5} items (professionals, gebouwd in {seconds:.1f} s):\n"
                  f"  lading: wij {row['ours_payload_gzip'] / 1000:.0f} kB gzip ({row['ours_payload_bytes'] / 1e6:.2f} MB), "
                  f"mkdocs-material {row['material_index_gzip'] / 1000:.0f} kB gzip ({row['material_index_bytes'] / 1e6:.2f} MB); "
                  f"lijstpagina {row['list_page_gzip'] / 1000:.0f} kB gzip\n"
                  f"  zoekvraag (mediaan / p95): wij {row['ours_median_ms']:.1f} / {row['ours_p95_ms']:.1f} ms "
                  f"(alleen zoeken {row['ours_search_only_median_ms']:.1f} / {row['ours_search_only_p95_ms']:.1f} ms), "
                  f"mkdocs-material {row['material_median_ms']:.1f} / {row['material_p95_ms']:.1f} ms\n"
                  f"  eerste resultaat op een verse pagina: wij {row['ours_first_result_ms']:.0f} ms, "
                  f"mkdocs-material {row['material_first_result_ms']:.0f} ms\n"
                  f"  zoekvragen zonder resultaat (van {len(QUERIES)}): wij {row['ours_queries_without_results']}, "
                  f"mkdocs-material {row['material_queries_without_results']}\n"
                  f"  belasting van de machine tijdens het meten (load average, 1 min): {row['load_average']:.1f}", flush=True)
            if n == 1000:
                checks = [("lading <= 300 kB gzip", row["ours_payload_gzip"] <= 300_000),
                          ("p95 <= 50 ms", row["ours_p95_ms"] <= 50),
                          ("eerder een resultaat dan mkdocs-material", row["ours_first_result_ms"] < row["material_first_result_ms"])]
                print("  doelen bij 1.000 items: " + "; ".join(f"{name}: {'ja' if ok else 'NEE'}" for name, ok in checks))
    OUT.mkdir(exist_ok=True)
    (OUT / "zoeken.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    run(tuple(int(a) for a in sys.argv[1:]) or (1000, 5000))
