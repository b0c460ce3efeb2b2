"""One module per CLI verb. Each has a docstring (its help text), ``add_arguments`` and ``run``."""

from __future__ import annotations

from types import ModuleType

from kompaswaaier.commands import bekijk, bouw, controleer
from kompaswaaier.commands import exporteer, zoek
from kompaswaaier.commands import evaluatie, links, nieuw
from kompaswaaier.commands import verschil, verwerk_issue
from kompaswaaier.commands import beoordeel

COMMANDS: dict[str, ModuleType] = {
    "controleer": controleer,
    "bouw": bouw,
    "bekijk": bekijk,
    "zoek": zoek,
    "exporteer": exporteer,
    "nieuw": nieuw,
    "beoordeel": beoordeel,
    "evaluatie": evaluatie,
    "links": links,
    "verschil": verschil,
    "verwerk-issue": verwerk_issue,
}
