"""JSON Schema validation with every error translated to one Dutch message."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from kompaswaaier.errors import Problem
from kompaswaaier.load.document import YAML11_BOOL_WORDS, Document, field_name
from kompaswaaier.resources import SCHEMA_DIR

SCHEMA_FILES = {
    "entry": "entry.schema.json",
    "waaier": "waaier.schema.json",
    "vocabulaire": "vocabulaire.schema.json",
}

_TYPE_NAMES = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "array": "een lijst (regels die beginnen met '- ')",
    "object": "velden (veld: waarde)",
    "boolean": "ja of nee",
    "null": "niets",
}


def schema_dir() -> Path:
    """The folder with the JSON Schemas (the repository's ``schemas/``, shipped inside the package)."""
    return SCHEMA_DIR


@cache
def _registry() -> Registry:
    resources = []
    for name in SCHEMA_FILES.values():
        contents = json.loads((schema_dir() / name).read_text(encoding="utf-8"))
        resources.append((name, Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@dataclass(frozen=True)
class TextRule:
    """What a schema says about one text field: its pattern and longest length (for checks made per answer,
    such as the questions of ``nieuw`` and the options of ``beoordeel``, so that they cannot drift from it)."""

    pattern: re.Pattern[str] | None
    max_length: int | None

    def allows(self, value: str) -> bool:
        # '$' ends the text as in JSON Schema (ECMA), not before a final newline as in Python: fullmatch for those.
        anchored = self.pattern is not None and self.pattern.pattern.endswith("$")
        found = self.pattern is None or (self.pattern.fullmatch(value) if anchored else self.pattern.search(value))
        return bool(found) and (self.max_length is None or len(value) <= self.max_length)


@cache
def text_rule(kind: str, pointer: str) -> TextRule:
    """The rule of the text field at JSON pointer ``pointer`` in the file of schema ``kind``."""
    node: Any = _registry().contents(SCHEMA_FILES[kind])
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return TextRule(re.compile(node["pattern"]) if "pattern" in node else None, node.get("maxLength"))


@cache
def validator(kind: str) -> Draft202012Validator:
    """A validator for ``entry``, ``waaier`` or ``vocabulaire`` files, with format checking on.

    Our schemas are not recursive, so every ``$ref`` is inlined first: the same verdicts,
    without a reference lookup per value (that lookup was two thirds of the time).
    """
    return Draft202012Validator(_inlined(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def fast_validator(kind: str) -> jsonschema_rs.Draft202012Validator:
    """The same schema compiled by jsonschema-rs, for the verdict only (about 70 times as fast).

    A file it finds invalid goes to :func:`validator`, whose errors carry what the Dutch messages
    need; so python-jsonschema has the last word on what is wrong. A test checks that both give
    the same verdict on every example and mutation.
    """
    return jsonschema_rs.Draft202012Validator(_inlined(kind), validate_formats=True)


@cache
def _inlined(kind: str) -> dict[str, Any]:
    name = SCHEMA_FILES[kind]
    return _inline_refs(_registry().contents(name), name)


def _inline_refs(node: Any, base: str, depth: int = 0) -> Any:
    """Replace each ``$ref`` by (a copy of) its target, keeping sibling keywords such as descriptions."""
    if depth > 50:
        raise ValueError(f"schema {base}: $ref te diep genest (recursief schema?)")
    if isinstance(node, list):
        return [_inline_refs(item, base, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline_refs(v, base, depth + 1) for k, v in node.items() if k != "$ref" and k != "$defs"}
    ref = node.get("$ref")
    if ref is None:
        return out
    file, _, pointer = ref.partition("#")
    target_base = file or base
    target: Any = _registry().contents(target_base)
    for part in filter(None, pointer.split("/")):
        target = target[part]
    merged = dict(_inline_refs(target, target_base, depth + 1))
    merged.update(out)
    return merged


def validate(doc: Document, kind: str) -> list[Problem]:
    """All schema problems in ``doc``, each with its line and a Dutch message."""
    if fast_validator(kind).is_valid(doc.data):
        return []
    v = validator(kind)
    seen: set[tuple[Any, ...]] = set()
    problems = []
    for error in v.iter_errors(doc.data):
        for path, message, on_key in _translate(error):
            if (path, message) in seen:
                continue
            seen.add((path, message))
            problems.append(Problem(doc.path, doc.line(path, key=on_key), field_name(path), message))
    return sorted(problems, key=lambda p: (p.line or 0, p.field))


def describe(value: Any) -> str:
    """How a value looks to the contributor, for messages."""
    if value is None:
        return "een lege waarde"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (een YAML-waar/onwaar)"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"de tekst '{short}'"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "velden (veld: waarde)"
    return repr(value)  # pragma: no cover


def _hint(value: Any) -> str:
    if isinstance(value, bool) or (isinstance(value, str) and value.lower() in YAML11_BOOL_WORDS):
        return " (let op: schrijf ja, nee of onbekend voluit)"
    return ""


def _translate(error: ValidationError) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    """Yield (data path, Dutch message, message-is-about-the-key) for one jsonschema error."""
    path = tuple(error.absolute_path)
    kw = error.validator
    val = error.validator_value
    inst = error.instance
    custom = error.schema.get("x-melding") if isinstance(error.schema, dict) else None
    if kw == "required":
        for name in val:
            if isinstance(inst, dict) and name not in inst:
                yield path + (name,), "verplicht veld ontbreekt", False
        return
    if kw == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for name in inst:
            if name in allowed:
                continue
            guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            extra = f"; bedoel je '{guess[0]}'?" if guess else f"; toegestaan zijn: {', '.join(allowed)}"
            yield path + (name,), "onbekend veld" + extra, True
        return
    if custom:
        yield path, f"{custom}, maar vond {describe(inst)}{_hint(inst)}", False
    elif kw == "type":
        types = [val] if isinstance(val, str) else list(val)
        expected = " of ".join(_TYPE_NAMES.get(t, t) for t in types)
        yield path, f"verwacht {expected}, maar vond {describe(inst)}{_hint(inst)}", False
    elif kw == "enum":
        options = ", ".join(str(o) for o in val)
        yield path, f"{describe(inst)} is geen toegestane waarde; kies uit: {options}{_hint(inst)}", False
    elif kw == "const":
        yield path, f"verwacht '{val}', maar vond {describe(inst)}", False
    elif kw == "pattern":
        yield path, f"{describe(inst)} heeft niet de juiste vorm (patroon {val})", False
    elif kw == "format":
        what = {"date": "een geldige datum (JJJJ-MM-DD)"}.get(val, val)
        yield path, f"{describe(inst)} is geen {what}", False
    elif kw == "minLength":
        yield path, "mag niet leeg zijn", False
    elif kw == "maxLength":
        yield path, f"is te lang ({len(inst)} tekens; hoogstens {val})", False
    elif kw == "minItems":
        yield path, f"moet minstens {val} {'waarde' if val == 1 else 'waarden'} bevatten", False
    elif kw == "maxItems":
        yield path, f"mag hoogstens {val} waarden bevatten", False
    elif kw == "uniqueItems":
        yield path, "bevat dezelfde waarde twee keer", False
    elif kw == "minProperties":
        yield path, f"moet minstens {val} {'veld' if val == 1 else 'velden'} bevatten", False
    elif kw == "minimum":
        yield path, f"moet minstens {val} zijn, maar is {inst}", False
    elif kw == "maximum":
        yield path, f"mag hoogstens {val} zijn, maar is {inst}", False
    elif kw in ("anyOf", "oneOf"):
        yield path, f"{describe(inst)} past bij geen van de toegestane vormen", False
    else:  # pragma: no cover - every keyword our schemas use is handled above
        yield path, f"ongeldige waarde ({error.message})", False
