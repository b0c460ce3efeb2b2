"""Plain language in the built site: every page of the client version (including the fixed texts of
the templates, the statement and the catalogue) is within the B1 limits; the professional and
organisation versions are measured and reported (rapporten/toegankelijkheid.json), not failed."""

from __future__ import annotations

import readability


def test_every_client_page_is_within_the_b1_limits(leesbaarheid_site) -> None:
    pages = leesbaarheid_site["clienten"]
    assert len(pages) >= 8 and all(m.words for m in pages.values()), {p: m.words for p, m in pages.items()}
    problems = [f"{path}: {problem}" for path, m in pages.items() for problem in readability.problems(m, readability.B1)]
    assert not problems, "niet op taalniveau B1:\n" + "\n".join(problems)


def test_professional_and_organisation_versions_are_measured(leesbaarheid_site) -> None:
    for version in ("professionals", "organisaties"):
        pages = leesbaarheid_site[version]
        assert len(pages) >= 8
        total = readability.Measurement()
        for m in pages.values():
            total = total.add(m)
        figures = total.figures()
        assert figures["woorden"] > 1000 and 0 < figures["woorden_per_zin"] < 40, figures
        print(f"{version}: {figures}")
