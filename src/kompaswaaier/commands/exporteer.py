"""Exporteer de gepubliceerde items als open data: catalogus.json en catalogus.csv.

Zonder --uitvoer verschijnt één bestand op het scherm (standaard: JSON van de versie
professionals). Met --uitvoer MAP komen per versie MAP/<versie>/catalogus.json,
catalogus.csv en catalogus.schema.json: dezelfde bestanden als op de site.

Voorbeelden:
  kompaswaaier exporteer --versie clienten --formaat csv > clienten.csv
  kompaswaaier exporteer --uitvoer export/

Afsluitcode: 0 als het gelukt is, 1 bij problemen in de gegevens, 2 bij verkeerd gebruik.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kompaswaaier.commands import options
from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.model import VERSIONS
from kompaswaaier.publish import export
from kompaswaaier.select import view
from kompaswaaier.validate.catalog import load_catalog

FORMATS = {"json": (export.JSON_NAME, export.to_json), "csv": (export.CSV_NAME, export.to_csv)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--versie", choices=list(VERSIONS), action="append",
                        help="welke versie (mag vaker; standaard: professionals op het scherm, alle drie met --uitvoer)")
    parser.add_argument("--formaat", choices=list(FORMATS), action="append",
                        help="json of csv (mag vaker; standaard: json op het scherm, allebei met --uitvoer)")
    parser.add_argument("--uitvoer", metavar="MAP", type=Path, help="schrijf de bestanden in deze map, per versie een eigen map")
    options.add_waaiers(parser)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.waaiers)
    if args.uitvoer is None:
        versions = args.versie or ["professionals"]
        formats = args.formaat or ["json"]
        if len(versions) > 1 or len(formats) > 1:
            raise UsageError("op het scherm past één bestand: kies één --versie en één --formaat, of gebruik --uitvoer MAP")
        sys.stdout.write(FORMATS[formats[0]][1](view(catalog, versions[0])))
        return 0
    if args.uitvoer.exists() and not args.uitvoer.is_dir():
        raise UsageError(f"--uitvoer: {args.uitvoer} is geen map")
    for version in args.versie or list(VERSIONS):
        selected = view(catalog, version)
        folder = args.uitvoer / version
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for fmt in args.formaat or list(FORMATS):
            name, make = FORMATS[fmt]
            (folder / name).write_text(make(selected), encoding="utf-8", newline="")
            written.append(name)
        (folder / export.SCHEMA_NAME).write_text(export.schema_text(), encoding="utf-8")
        written.append(export.SCHEMA_NAME)
        count = len(selected.entries)
        print(f"{display_path(folder)}: {', '.join(written)} ({count} {'item' if count == 1 else 'items'})")
    return 0
