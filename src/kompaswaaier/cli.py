"""The ``kompaswaaier`` command: one module per verb in ``commands/``, Dutch throughout."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kompaswaaier import __version__
from kompaswaaier.commands import COMMANDS
from kompaswaaier.errors import DataError, KompaswaaierError, UsageError

# argparse looks its messages up through gettext at call time; give it Dutch ones.
_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "the following arguments are required: %s": "deze argumenten zijn verplicht: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
}
argparse._ = lambda text: _DUTCH.get(text, text)  # type: ignore[attr-defined]
argparse.ngettext = lambda s, p, n: _DUTCH.get(s if n == 1 else p, s if n == 1 else p)  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    """The full command-line parser, with a sub-parser per verb."""
    parser = argparse.ArgumentParser(
        prog="kompaswaaier",
        description="Kompaswaaier: de waaier van instrumenten en voorbeelden bij het Generiek Kompas.",
    )
    parser.add_argument("--version", action="version", version=f"kompaswaaier {__version__}", help="toon het versienummer en stop")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten")
    for name, module in COMMANDS.items():
        doc = (module.__doc__ or "").strip()
        summary = doc.splitlines()[0] if doc else name
        p = sub.add_parser(name, help=summary, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 fine, 1 problems in the data, 2 wrong use)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on wrong use and 0 after --help
        return int(exc.code or 0)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"kompaswaaier: fout: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    except KompaswaaierError as exc:
        print(f"kompaswaaier: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kompaswaaier: afgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (`kompaswaaier controleer | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise (signal)
        return 141  # what a shell reports for a process stopped by SIGPIPE
    except Exception as exc:  # never a traceback for the user; KOMPASWAAIER_DEBUG=1 shows it
        if os.environ.get("KOMPASWAAIER_DEBUG"):
            raise
        print(f"kompaswaaier: interne fout ({type(exc).__name__}: {exc}). Dit ligt niet aan uw gegevens; "
              "meld het als issue, met de opdracht die u gaf.", file=sys.stderr)
        return 3


def entry_point() -> None:
    sys.exit(main())
