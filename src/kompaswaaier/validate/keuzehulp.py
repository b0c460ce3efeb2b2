"""The keuzehulp: questions in ``waaier.yml`` whose answers point at codes from the vocabularies.

The werkgroep owns the questions and their mapping (data, not code). The schema checks the shape;
:func:`problems` checks what a schema cannot: every code exists in its vocabulary, codes are unique,
and an answer that selects items says why. The browser (``assets/zoeken/keuzehulp.js``) does the
matching: an item fits an answer when, for at least one field of ``past_bij``, it has at least one of
the codes; items that fit every answered question come first, each with the reasons it fits.
"""

from __future__ import annotations

from kompaswaaier.errors import Problem
from kompaswaaier.model import VOCABULARY_FIELDS, Catalog, Entry, Waaier

KEY = "keuzehulp"
#: URL parameters the site already uses (mkdocs-material: q opens its search, h highlights).
RESERVED_PARAMETERS = frozenset({"q", "h"})


def problems(catalog: Catalog) -> list[Problem]:
    """Every problem in the keuzehulpen of the catalogue's waaiers that the schema cannot see."""
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for _number, waaier in sorted(catalog.waaiers.items()):
        out += _waaier_problems(catalog, waaier, seen)
    return out


def _waaier_problems(catalog: Catalog, waaier: Waaier, seen: dict[str, int]) -> list[Problem]:
    doc = waaier.doc
    helper = waaier.data.get(KEY)
    if not helper:
        return []
    out: list[Problem] = []

    def add(path: tuple, field: str, message: str) -> None:
        out.append(Problem(doc.path, doc.line((KEY,) + path), f"{KEY}.{field}", message))

    question_codes: set[str] = set()
    for q, question in enumerate(helper["vragen"]):
        where = f"vragen[{q + 1}]"
        if question["code"] in RESERVED_PARAMETERS:
            add(("vragen", q, "code"), f"{where}.code", f"'{question['code']}' is al in gebruik in het webadres; kies een andere code")
        elif question["code"] in question_codes:
            add(("vragen", q, "code"), f"{where}.code", f"vraag '{question['code']}' staat twee keer in de keuzehulp")
        elif seen.get(question["code"], waaier.number) != waaier.number:
            add(("vragen", q, "code"), f"{where}.code", f"vraag '{question['code']}' staat ook in de keuzehulp van bouwsteen "
                f"{seen[question['code']]}; de code komt in het webadres en moet daarom uniek zijn")
        question_codes.add(question["code"])
        seen.setdefault(question["code"], waaier.number)
        answer_codes: set[str] = set()
        for a, answer in enumerate(question["antwoorden"]):
            here = f"{where}.antwoorden[{a + 1}]"
            if answer["code"] in answer_codes:
                add(("vragen", q, "antwoorden", a, "code"), f"{here}.code",
                    f"antwoord '{answer['code']}' staat twee keer bij deze vraag")
            answer_codes.add(answer["code"])
            fits = answer.get("past_bij", {})
            if fits and "reden" not in answer:
                add(("vragen", q, "antwoorden", a), f"{here}.reden",
                    "verplicht bij 'past_bij': schrijf in een korte zin waarom een item bij dit antwoord past")
            for field_name, codes in fits.items():
                vocab_name = VOCABULARY_FIELDS[field_name]
                vocab = catalog.vocabularies.get(vocab_name)
                for c, code in enumerate(codes):
                    path = ("vragen", q, "antwoorden", a, "past_bij", field_name, c)
                    if vocab is None:
                        add(path, f"{here}.past_bij.{field_name}", f"de lijst '{vocab_name}' ontbreekt (verwacht: vocabulaires/{vocab_name}.yml)")
                    elif code not in vocab.terms:
                        add(path, f"{here}.past_bij.{field_name}[{c + 1}]",
                            f"'{code}' staat niet in de lijst {vocab_name} (vocabulaires/{vocab_name}.yml); kies uit: {', '.join(vocab.terms)}")
    return out


def entry_codes(entry: Entry) -> dict[str, list[str]]:
    """The codes of an entry for the fields a keuzehulp may use (as listed: 'alle' stays 'alle')."""
    out = {}
    for field_name in VOCABULARY_FIELDS:
        codes = entry.codes(field_name)
        if codes:
            out[field_name] = codes
    return out


def helpers(catalog: Catalog) -> list[Waaier]:
    """The waaiers that have a keuzehulp, by bouwsteen number."""
    return [w for _, w in sorted(catalog.waaiers.items()) if w.data.get(KEY)]


def candidates(waaier: Waaier, entries: list[Entry]) -> list[Entry]:
    """The entries a waaier's keuzehulp chooses from: those that list its bouwsteen."""
    return [e for e in entries if waaier.number in e.data["bouwstenen"]]
