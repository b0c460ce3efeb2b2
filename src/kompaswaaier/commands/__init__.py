"""One module per CLI verb. Each has a docstring (its help text), ``add_arguments`` and ``run``."""

from __future__ import annotations

from types import ModuleType

from . import bekijk, bouw, controleer
from . import exporteer, zoek
from . import evaluatie, links, nieuw

COMMANDS: dict[str, ModuleType] = {
    "controleer": controleer,
    "bouw": bouw,
    "bekijk": bekijk,
    "zoek": zoek,
    "exporteer": exporteer,
    "nieuw": nieuw,
    "evaluatie": evaluatie,
    "links": links,
}
