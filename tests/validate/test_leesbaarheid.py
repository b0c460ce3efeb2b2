"""Plain language (taalniveau B1) for the client version: the handwritten pages in docs/clienten/ and
every client text of the real entries are measured and held to the B1 limits; the measures themselves
are pinned on small texts, and the check is shown to fail on a hard text."""

from __future__ import annotations

from pathlib import Path

import pytest

import readability
from kompaswaaier.validate.catalog import default_root, load
from kwtest import REPO
from readability import B1, measure, problems, prose_from_html, prose_from_markdown

CLIENT_PAGES = sorted((REPO / "docs" / "clienten").glob("*.md"))


@pytest.mark.parametrize("path", CLIENT_PAGES, ids=lambda p: p.name)
def test_client_page_is_within_the_b1_limits(path: Path) -> None:
    m = measure(prose_from_markdown(path.read_text(encoding="utf-8")))
    assert m.words >= 100, f"{path.name}: maar {m.words} woorden lopende tekst gevonden"
    found = problems(m, B1)
    assert not found, f"docs/clienten/{path.name} is niet op B1-niveau:\n" + "\n".join(found)


def _client_texts() -> list[tuple[str, str]]:
    result = load(default_root())
    texts = []
    for entry in result.catalog.entries:
        for key in ("samenvatting", "aanpak"):
            text = (entry.data.get(key) or {}).get("clienten")
            if text:
                texts.append((f"{Path(entry.path).name}: {key}.clienten", text))
    return texts


def test_every_client_text_of_the_entries_is_within_the_b1_limits() -> None:
    texts = _client_texts()
    assert len(texts) >= 10, texts
    found = [f"{where}: {p}" for where, text in texts for p in problems(measure(text), B1)]
    total = readability.Measurement()
    for _where, text in texts:
        total = total.add(measure(text))
    found += [f"alle cliëntteksten samen: {p}" for p in problems(total, B1)]
    assert not found, "niet op B1-niveau:\n" + "\n".join(found)


def test_measures_of_a_small_text() -> None:
    m = measure("Dit is een korte zin. Wij praten over uw mantelzorger!")
    assert (m.words, m.sentences) == (10, 2)
    # Dit is een kor-te zin (6) + Wij pra-ten o-ver uw man-tel-zor-ger (10)
    assert m.syllables == 16  # 'over' is two: pyphen alone says one
    assert m.long_words == 1  # man-tel-zor-ger
    assert m.words_per_sentence == 5.0
    assert m.flesch_douma == pytest.approx(206.835 - 0.77 * 160 - 0.93 * 5)


def test_abbreviations_numbers_and_urls_do_not_split_or_count() -> None:
    m = measure("Bijv. in 2024 kwam er o.a. een nieuw plan op https://example.org/plan. Dat is fijn.")
    assert m.sentences == 2
    assert "2024" not in " ".join(readability.words(m.longest[0][1]))


def test_markdown_prose_leaves_out_syntax_headings_and_link_targets() -> None:
    text = prose_from_markdown(
        "---\ntitle: X\n---\n# Kop\n\nLees [de uitleg](https://voorbeeld.invalid/lang/pad.md). Nu.\n\n"
        "!!! tip \"Een tip\"\n    Vraag het **gewoon**.\n\n- Punt een\n- Punt twee\n\n"
        "Begrip\n:   Uitleg van het begrip.\n\n| a | b |\n|---|---|\n| cel een | cel twee |\n\n"
        "```\ncode hier\n```\n![plaatje](x.png){: .rechts}\n")
    assert "Kop" not in text and "voorbeeld.invalid" not in text and "Een tip" not in text
    assert "code hier" not in text and "plaatje" not in text and "Begrip" not in text and "**" not in text
    assert readability.sentences(text) == [
        "Lees de uitleg.", "Nu.", "Vraag het gewoon.", "Punt een", "Punt twee", "Uitleg van het begrip.",
        "a", "b", "cel een", "cel twee"]


def test_html_prose_is_the_article_without_headings_and_screen_reader_text() -> None:
    html = ('<nav>Menu</nav><article class="md-content__inner md-typeset"><h1>Titel<a class="headerlink">¶</a></h1>'
            '<p>Een zin met <a href="x">een link<span class="kw-sr"> (externe website)</span></a>.</p>'
            '<ul><li>Een</li><li>Twee</li></ul></article><footer>Voet</footer>')
    assert prose_from_html(html) == "Een zin met een link.\n\nEen\n\nTwee"


def test_the_b1_check_reports_a_hard_text_readably() -> None:
    hard = ("De implementatie van kwaliteitsverbeteringsinitiatieven binnen zorgorganisaties vereist een "
            "multidisciplinaire benadering waarbij verschillende belanghebbenden, waaronder cliëntvertegenwoordigers, "
            "professionals en bestuurders, gezamenlijk verantwoordelijkheid dragen voor de realisatie van "
            "doelstellingen. Organisatorische randvoorwaarden zijn noodzakelijk. Evaluatiemethodieken eveneens. "
            "Daarnaast is continue monitoring van prestatie-indicatoren door kwaliteitsfunctionarissen onontbeerlijk.")
    found = problems(measure(hard), B1)
    assert found[0].startswith("zin van 26 woorden (hoogstens 20): \"De implementatie van kwaliteitsverbeteringsinitiatieven")
    assert any(p.startswith("Flesch-Douma ") and p.endswith("(minstens 65)") for p in found), found
    assert any("lange woorden van 4 of meer lettergrepen (hoogstens 10%)" in p for p in found), found


def test_the_b1_check_fails_on_a_client_page_with_one_over_long_sentence() -> None:
    page = (REPO / "docs" / "clienten" / "index.md").read_text(encoding="utf-8") + (
        "\nWie deze pagina helemaal tot het einde heeft gelezen en daarna nog steeds niet weet waar hij "
        "terecht kan, mag altijd bellen of mailen naar iemand die hij vertrouwt en die hem verder helpt.\n")
    found = problems(measure(prose_from_markdown(page)), B1)
    assert found == ["zin van 34 woorden (hoogstens 20): \"Wie deze pagina helemaal tot het einde heeft gelezen en "
                     "daarna nog steeds niet weet waar hij terecht kan, mag altijd be…\""]
