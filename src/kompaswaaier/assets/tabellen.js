/* Kompaswaaier: a table that is too wide for the screen scrolls sideways inside its own frame
 * (mkdocs-material wraps each table in div.md-typeset__scrollwrap). Someone without a mouse must be able
 * to scroll that frame too (WCAG 2.1.1): while it scrolls it gets tabindex="0", role="region" and a
 * name ("Tabel: <caption or heading above it>"), so Tab reaches it and the arrow keys scroll it. A frame
 * that fits gets none of these: no needless tab stops. Our CSS makes the tables fit on a phone whenever
 * their columns allow it, so this is the fallback for tables with many columns or very large text.
 * Without JavaScript the theme does not wrap tables; the table itself is then the scrolling element, and
 * browsers let the keyboard reach a scrolling element that holds nothing focusable. */
(function () {
  "use strict";
  var MARK = "data-kw-tabelvlak";

  function text(element) {
    var copy = element.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".headerlink"), function (link) { link.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function name(frame) {
    var table = frame.querySelector("table");
    if (table && table.caption && text(table.caption)) return "Tabel: " + text(table.caption);
    for (var node = frame; node && node !== document.body; node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName) && text(before)) return "Tabel: " + text(before);
      }
    }
    return "Tabel";
  }

  function update(frame) {
    var scrolls = frame.scrollWidth > frame.clientWidth + 1;
    if (scrolls && !frame.hasAttribute(MARK)) {
      frame.setAttribute(MARK, "");
      frame.setAttribute("tabindex", "0");
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", name(frame));
    } else if (!scrolls && frame.hasAttribute(MARK)) {
      ["tabindex", "role", "aria-label", MARK].forEach(function (a) { frame.removeAttribute(a); });
    }
  }

  var watcher = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var frame = entry.target.closest(".md-typeset__scrollwrap");
      if (frame) update(frame);
    });
  }) : null;

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (frame) {
      update(frame);
      if (watcher) {
        watcher.observe(frame);  // the screen gets narrower or wider
        var table = frame.querySelector("table");
        if (table) watcher.observe(table);  // the text gets larger
      }
    });
  }
  if (!watcher) window.addEventListener("resize", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), update);
  });

  // The theme wraps the tables when its document$ emits; subscribing later runs after that.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
