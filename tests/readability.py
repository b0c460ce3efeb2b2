"""How easy a Dutch text is to read: sentence length, long words and the Flesch-Douma score.

The client version of the site must be readable at taalniveau B1. This module measures
prose (not Markdown or HTML syntax, headings or link targets) with simple, well-known
measures, and says in Dutch what is too hard:

* average sentence length in words, and the longest sentence;
* the share of long words (four syllables or more);
* Flesch-Douma: ``206.835 - 0.77 x syllables per 100 words - 0.93 x words per sentence``
  (Douma 1960, the Dutch adaptation of Flesch). 60-70 is "normaal", 70-80 "tamelijk
  gemakkelijk", 80+ "gemakkelijk".

Syllables come from the Dutch hyphenation patterns of ``pyphen`` (``nl_NL``). Numbers,
URLs and stray symbols are not words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser


@dataclass(frozen=True)
class Limits:
    """Limits for one text; a text that crosses any of them is too hard."""

    max_words_per_sentence: float
    max_sentence_words: int
    max_long_word_share: float
    min_flesch_douma: float
    #: Averages (words per sentence, Flesch-Douma) are only judged from this many words on;
    #: one short sentence says little. Every sentence is always held to max_sentence_words.
    min_words_for_averages: int = 40


#: Taalniveau B1 (see ONTWIKKELING.md, "Toegankelijkheid, privacy en eenvoudige taal").
B1 = Limits(max_words_per_sentence=12.0, max_sentence_words=20, max_long_word_share=0.10, min_flesch_douma=65.0)

#: A word of this many syllables or more counts as long.
LONG_WORD_SYLLABLES = 4

# Abbreviations whose full stop does not end a sentence (lower case, without the final dot).
_ABBREVIATIONS = frozenset({
    "bijv", "bv", "o.a", "enz", "etc", "d.w.z", "m.a.w", "nr", "ca", "mevr", "dhr", "drs", "dr", "mr", "ir",
    "prof", "jl", "resp", "i.p.v", "t.o.v", "z.o.z", "m.b.t", "v.a", "vgl", "incl", "excl", "zgn", "max", "min",
})
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"([.!?]+)[\"'”’)]*(?=\s|$)")


@dataclass
class Measurement:
    """The figures of one text."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    long_words: int = 0
    longest: list[tuple[int, str]] = field(default_factory=list)  # (words, sentence), longest first

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        return self.long_words / self.words if self.words else 0.0

    @property
    def flesch_douma(self) -> float:
        if not self.words:
            return 0.0
        return 206.835 - 0.77 * (100 * self.syllables / self.words) - 0.93 * self.words_per_sentence

    def add(self, other: Measurement) -> Measurement:
        """Both texts as one."""
        longest = sorted(self.longest + other.longest, key=lambda x: -x[0])[:5]
        return Measurement(self.words + other.words, self.sentences + other.sentences,
                           self.syllables + other.syllables, self.long_words + other.long_words, longest)

    def figures(self) -> dict[str, float | int]:
        """The figures as plain data (for reports)."""
        return {
            "woorden": self.words,
            "zinnen": self.sentences,
            "woorden_per_zin": round(self.words_per_sentence, 1),
            "langste_zin": self.longest[0][0] if self.longest else 0,
            "lange_woorden_procent": round(100 * self.long_word_share, 1),
            "flesch_douma": round(self.flesch_douma, 1),
        }


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


# Dutch vowel groups that are one sound (longest first); a vowel with a diaeresis starts a new one.
_VOWEL_GROUP = re.compile(r"aai|ooi|oei|eeu|ieu|aa|ee|oo|uu|ie|oe|eu|ui|ei|ij|ou|au|ai|[aeiouyàáâäèéêëìíîïòóôöùúûü]")


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """Number of syllables of a Dutch word (at least 1); parts of a hyphenated word are counted apart.

    The hyphenation patterns never split off a single vowel at the edge of a word (``over``, ``eten``,
    ``idee``), so the count is the larger of pyphen's and the number of vowel groups.
    """
    total = 0
    for part in (p.lower() for p in re.split(r"[-'’]", word) if p):
        total += max(len(_hyphenator().positions(part)) + 1, len(_VOWEL_GROUP.findall(part)))
    return total or 1


def words(sentence: str) -> list[str]:
    """The words of a sentence: runs of letters, hyphenated compounds as one word; no numbers."""
    sentence = re.sub(r"\b(?:https?://|www\.)\S+", " ", sentence)
    return _WORD.findall(sentence)


def sentences(text: str) -> list[str]:
    """Split prose into sentences. A blank line (paragraph, list item, table cell) always ends one."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        start = 0
        for m in _SENTENCE_END.finditer(block):
            before = block[start:m.start()].split()
            last = before[-1].lower() if before else ""
            if m.group(1) == "." and (last.rstrip(".") in _ABBREVIATIONS or len(last) == 1):
                continue
            out.append(block[start:m.end()].strip())
            start = m.end()
        rest = block[start:].strip()
        if rest:
            out.append(rest)
    return [s for s in out if words(s)]


def measure(text: str) -> Measurement:
    """Measure prose (plain text; blank lines separate blocks)."""
    m = Measurement()
    for sentence in sentences(text):
        ws = words(sentence)
        counts = [syllables(w) for w in ws]
        m.words += len(ws)
        m.sentences += 1
        m.syllables += sum(counts)
        m.long_words += sum(1 for c in counts if c >= LONG_WORD_SYLLABLES)
        m.longest.append((len(ws), sentence))
    m.longest = sorted(m.longest, key=lambda x: -x[0])[:5]
    return m


def problems(m: Measurement, limits: Limits = B1) -> list[str]:
    """What is too hard in a measured text, in Dutch; empty when the text is within the limits."""
    out = []
    for n, sentence in m.longest:
        if n > limits.max_sentence_words:
            out.append(f"zin van {n} woorden (hoogstens {limits.max_sentence_words}): \"{_short(sentence)}\"")
    if m.words >= limits.min_words_for_averages:
        if m.words_per_sentence > limits.max_words_per_sentence:
            out.append(f"gemiddeld {m.words_per_sentence:.1f} woorden per zin (hoogstens {limits.max_words_per_sentence:g})")
        if m.flesch_douma < limits.min_flesch_douma:
            out.append(f"Flesch-Douma {m.flesch_douma:.1f} (minstens {limits.min_flesch_douma:g})")
        if m.long_word_share > limits.max_long_word_share:
            out.append(f"{100 * m.long_word_share:.1f}% lange woorden van {LONG_WORD_SYLLABLES} of meer lettergrepen "
                       f"(hoogstens {100 * limits.max_long_word_share:g}%)")
    return out


def _short(sentence: str, width: int = 120) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1].rstrip() + "…"


# --- Markdown -> prose -------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>")
_HTML_TAG = re.compile(r"<[^>]+>")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}|\{:[^}]*\}")


def prose_from_markdown(markdown: str) -> str:
    """The running text of a Markdown page: no front matter, headings, code, images, link targets or markup.

    Paragraphs, list items, definitions, admonition bodies and table cells become blocks
    separated by blank lines; headings, admonition titles and definition terms are left out.
    """
    text = _FRONT_MATTER.sub("", markdown)
    text = _FENCE.sub("", text)
    lines_out: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            lines_out.append("")
            continue
        if line.startswith("#") or re.match(r"^(!!!|\?\?\?\+?)\s", line) or re.match(r"^[-=]{3,}$", line):
            lines_out.append("")  # heading, admonition title, rule
            continue
        if line.startswith("|"):
            if re.fullmatch(r"\|?[\s:|-]+\|?", line):
                continue
            lines_out.append("")
            lines_out.extend(cell.strip() + "\n" for cell in line.strip("|").split("|"))
            lines_out.append("")
            continue
        if re.match(r"^:\s{1,4}\S", line):  # definition; the line before it was a term
            if lines_out and lines_out[-1].strip():
                lines_out[-1] = ""
            lines_out.append("")
            line = line[1:].strip()
        m = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if m:
            lines_out.append("")
            line = m.group(1)
        line = re.sub(r"^>\s?", "", line)
        lines_out.append(line)
    text = "\n".join(lines_out)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _AUTOLINK.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _ATTR_LIST.sub("", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- HTML -> prose ------------------------------------------------------------------------------

_BLOCKS = {"p", "li", "dd", "td", "th", "blockquote", "figcaption", "summary", "div", "section", "ul", "ol",
           "dl", "table", "tr", "br", "details", "label", "legend", "option", "button"}
_SKIP = {"head", "title", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "script", "style", "pre", "code", "nav", "template",
         "noscript", "svg", "select", "textarea"}
#: kw-naam marks a name given by others (the title of an item, its maker): not our running text,
#: and not ours to simplify. It is used only for names inside lists and sentences of the client version.
_SKIP_CLASSES = {"headerlink", "kw-sr", "admonition-title", "md-source-file", "kw-naam"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Prose(HTMLParser):
    def __init__(self, selector_class: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.selector_class = selector_class
        self.depth_in = 0 if selector_class else 1  # >0 while inside the selected element
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens selection, skipped)
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and self.depth_in and not self.skip:
                self.parts.append("\n\n")
            return
        classes = set((dict(attrs).get("class") or "").split())
        opens = bool(self.selector_class and self.selector_class in classes and not self.depth_in)
        if opens:
            self.depth_in += 1
        skipped = tag in _SKIP or bool(classes & _SKIP_CLASSES) or dict(attrs).get("hidden") is not None
        if skipped:
            self.skip += 1
        self.stack.append((tag, opens, skipped))
        if tag in _BLOCKS and self.depth_in and not self.skip:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:
            open_tag, opens, skipped = self.stack.pop()
            if skipped:
                self.skip -= 1
            if open_tag in _BLOCKS and self.depth_in and not self.skip:
                self.parts.append("\n\n")
            if opens:
                self.depth_in -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.depth_in and not self.skip:
            self.parts.append(data)


def prose_from_html(html: str, within_class: str | None = "md-content__inner") -> str:
    """The running text of an HTML page, by default only the article of a mkdocs-material page.

    Headings, definition terms, admonition titles, code, navigation and text only for
    screen readers are left out; block elements become blocks separated by blank lines.
    """
    parser = _Prose(within_class)
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text)]
    return "\n\n".join(b for b in blocks if b)
