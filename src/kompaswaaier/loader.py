"""Safe, lossless YAML loading with line numbers.

YAML is composed into nodes (never constructed by PyYAML, so no tag can run code)
and turned into plain Python data by :func:`_Builder`, which

* refuses duplicate keys, aliases, merge keys and non-standard tags,
* keeps YAML 1.1 words such as ``no``/``yes``/``on``/``off`` as the text they are,
* keeps dates (``2025-03-31``) as ISO strings, so ``format: date`` means what it says,
* records the line of every value and key in a map keyed by the data path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 1_000_000
MAX_NODES = 50_000

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Words that YAML 1.1 turns into booleans; we keep them as text.
YAML11_BOOL_WORDS = frozenset({"yes", "no", "on", "off", "y", "n"})

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_scalar_constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)  # only its scalar methods are used


@dataclass
class Document:
    """Data loaded from one YAML file, with the line of every value and key."""

    path: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    key_lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, path: PathKey, *, key: bool = False) -> int | None:
        """Line of the value at ``path`` (or of its key); falls back to the nearest parent."""
        if key and path in self.key_lines:
            return self.key_lines[path]
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


class _LoadError(Exception):
    def __init__(self, line: int | None, field: str, message: str):
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def load_file(path: str | Path, name: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file; return the document or the problems that prevent loading.

    ``name`` is how the file is called in messages (default: the path as given).
    """
    spath = name or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [Problem(spath, None, "", f"kan het bestand niet lezen ({exc.strerror})")]
    return load_bytes(raw, spath)


def load_bytes(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Load YAML from bytes; see :func:`load_file`."""

    def fail(line: int | None, message: str, fld: str = "") -> tuple[None, list[Problem]]:
        return None, [Problem(path, line, fld, message)]

    if len(raw) > MAX_BYTES:
        return fail(None, f"bestand is te groot ({len(raw) // 1000} kB); een item mag hoogstens {MAX_BYTES // 1_000_000} MB zijn")
    if b"\x00" in raw:
        return fail(raw[: raw.index(b"\x00")].count(b"\n") + 1, "bestand is geen tekst (het bevat binaire gegevens)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(line, f"bestand is geen geldige UTF-8-tekst (ongeldige byte 0x{raw[exc.start]:02x}); sla het op als UTF-8")
    problems = [
        Problem(path, n, "", "tab gebruikt om in te springen; gebruik spaties")
        for n, ln in enumerate(text.splitlines(), 1)
        if "\t" in ln[: len(ln) - len(ln.lstrip(" \t"))]
    ]
    if problems:
        return None, problems
    if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in text.splitlines()):
        return fail(None, "bestand is leeg")
    try:
        nodes = list(yaml.compose_all(text, Loader=Loader))
    except yaml.MarkedYAMLError as exc:
        quoted = "quoted scalar" in (exc.context or "")
        mark = (exc.context_mark if quoted else None) or exc.problem_mark or exc.context_mark
        return fail(mark.line + 1 if mark else None, _yaml_error(exc))
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return fail(None, f"ongeldige YAML ({exc})")
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return fail(None, "bestand is leeg")
    if len(nodes) > 1:
        return fail(nodes[1].start_mark.line + 1, "bestand bevat meer dan één YAML-document (---); zet elk item in een eigen bestand")
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        return fail(root.start_mark.line + 1, "het bestand moet uit velden bestaan (veld: waarde), niet uit een lijst of losse tekst")
    doc = Document(path, None)
    builder = _Builder(doc)
    try:
        doc.data = builder.build(root, ())
    except _LoadError as exc:
        builder.errors.append(Problem(path, exc.line, exc.field, exc.message))
    if builder.errors:
        return None, builder.errors
    return doc, []


_YAML_PROBLEMS = [
    (re.compile(r"mapping values are not allowed"), "dubbele punt op een onverwachte plek; zet tekst met ': ' tussen aanhalingstekens"),
    (re.compile(r"could not find expected ':'"), "verwacht 'veld: waarde'; controleer de dubbele punt en het inspringen"),
    (re.compile(r"found character '\\t'"), "tab gevonden; gebruik spaties"),
    (re.compile(r"found undefined (tag|alias)|found unknown|found unhashable"), "ongeldige YAML-verwijzing of label"),
    (re.compile(r"did not find expected key"), "onverwachte inspringing; controleer of de regels netjes onder elkaar staan"),
    (re.compile(r"did not find expected '-' indicator"), "onverwachte inspringing in een lijst"),
    (re.compile(r"found unexpected end of stream|while scanning a quoted scalar"), "aanhalingsteken niet gesloten"),
    (re.compile(r"found duplicate anchor"), "hetzelfde anker (&) staat er twee keer"),
]


def _yaml_error(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for pattern, message in _YAML_PROBLEMS:
        if pattern.search(text):
            return f"ongeldige YAML: {message}"
    return f"ongeldige YAML ({(exc.problem or exc.context or '').strip()})"


def field_name(path: PathKey) -> str:
    """Dotted field name for messages, with 1-based list positions: ``bronnen[1].url``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.errors: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            raise _LoadError(line, field_name(path), "verwijzingen (*alias) zijn niet toegestaan; schrijf de waarde uit")
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            raise _LoadError(line, field_name(path), f"bestand bevat te veel waarden (meer dan {MAX_NODES})")
        self.doc.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            if node.tag != _TAG + "map":
                return self._bad_tag(node, path)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                return self._bad_tag(node, path)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _bad_tag(self, node: yaml.Node, path: PathKey) -> None:
        self.errors.append(Problem(self.doc.path, node.start_mark.line + 1, field_name(path), f"label '{node.tag.replace(_TAG, '!!')}' is niet toegestaan; alleen gewone tekst, getallen, lijsten en velden"))
        return None

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _TAG + "merge":
                self.errors.append(Problem(self.doc.path, key_line, field_name(path), "samenvoegen met << is niet toegestaan; schrijf de velden uit"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.append(Problem(self.doc.path, key_line, field_name(path), "een veldnaam moet gewone tekst zijn"))
                continue
            key = key_node.value
            kpath = path + (key,)
            if key in out or kpath in self.doc.key_lines:
                first = self.doc.key_lines.get(kpath)
                self.errors.append(Problem(self.doc.path, key_line, field_name(kpath),
                                           f"veld staat twee keer in het bestand (ook op regel {first}); de tweede waarde zou de eerste wissen"))
                continue
            self.doc.key_lines[kpath] = key_line
            out[key] = self.build(value_node, kpath)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        if tag == _TAG + "str" or tag == _TAG + "timestamp":
            return node.value
        if tag == _TAG + "bool":
            if node.value.lower() in YAML11_BOOL_WORDS:
                return node.value
            return node.value.lower() == "true"
        if tag == _TAG + "null":
            return None
        try:
            if tag == _TAG + "int":
                return _scalar_constructor.construct_yaml_int(node)
            return _scalar_constructor.construct_yaml_float(node)
        except (ValueError, yaml.YAMLError):
            return node.value
