"""Safe, lossless YAML loading with line numbers.

YAML is composed into nodes (never constructed by PyYAML, so no tag can run code)
and turned into plain Python data by :func:`_Builder`, which

* refuses duplicate keys, aliases, merge keys and non-standard tags,
* keeps YAML 1.1 words such as ``no``/``yes``/``on``/``off`` as the text they are,
* keeps dates (``2025-03-31``) as ISO strings, so ``format: date`` means what it says,
* records the line of every value and key in a map keyed by the data path.

Limits: whatever a file holds, loading it ends quickly with either a document or problems
(each with a Dutch message and, where there is one, a line). Only a regular file is read, never a
symbolic link, folder, FIFO or device, and at most :data:`MAX_BYTES` of it. Before PyYAML builds
any node, a pass over the parser's events (iterative, so no stack to overflow) rejects nesting
deeper than :data:`MAX_DEPTH`, more than :data:`MAX_NODES` values, values longer than
:data:`MAX_SCALAR` characters and field names longer than :data:`MAX_KEY` characters; only
then is the file composed (libyaml's composer recurses in C, and deep nesting would crash the
process). Numbers too large to be a sensible value (more than :data:`MAX_DIGITS` digits, or
infinite) are refused as well.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kompaswaaier.errors import Problem

#: Largest file read, in bytes.
MAX_BYTES = 1_000_000
#: Most values (texts, numbers, lists, groups of fields) in one file.
MAX_NODES = 10_000
#: Deepest nesting of lists and fields; real items need fewer than 10 levels.
MAX_DEPTH = 20
#: Longest value, in characters (the longest text the schemas allow is 5,000).
MAX_SCALAR = 20_000
#: Longest field name, in characters.
MAX_KEY = 100
#: Most digits in a number.
MAX_DIGITS = 30

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

    ``name`` is how the file is called in messages (default: the path as given). Symbolic
    links, folders and other non-regular files are refused, and no more than
    :data:`MAX_BYTES` (plus one) bytes are read.
    """
    spath = name or str(path)
    raw, message = read_limited(path)
    if raw is None:
        return None, [Problem(spath, None, "", message)]
    return load_bytes(raw, spath)


def read_limited(path: str | Path) -> tuple[bytes | None, str]:
    """The bytes of a regular file (at most ``MAX_BYTES + 1``), or ``None`` and a Dutch reason."""
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return None, ("bestand is een symbolische koppeling (symlink); die wordt niet gevolgd, "
                          "want hij kan naar een bestand buiten de waaier wijzen: zet het bestand zelf hier neer")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        return None, _os_error(exc)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            return None, "is een map, geen bestand"
        if not stat.S_ISREG(mode):
            return None, "is geen gewoon bestand (maar bijvoorbeeld een apparaat of pijp); alleen gewone tekstbestanden worden gelezen"
        size = os.fstat(fd).st_size
        if size > MAX_BYTES:
            return None, _too_big(size)
        with os.fdopen(fd, "rb") as f:
            fd = -1
            return f.read(MAX_BYTES + 1), ""
    except OSError as exc:
        return None, _os_error(exc)
    finally:
        if fd >= 0:
            os.close(fd)


def _too_big(size: int) -> str:
    return f"bestand is te groot ({size // 1000} kB); een item mag hoogstens {MAX_BYTES // 1_000_000} MB zijn"


_OS_ERRORS = {
    errno.EACCES: "geen toestemming om het bestand te lezen",
    errno.EPERM: "geen toestemming om het bestand te lezen",
    errno.ENOENT: "bestand bestaat niet (meer)",
    errno.EISDIR: "is een map, geen bestand",
    errno.ELOOP: "bestand is een symbolische koppeling (symlink); die wordt niet gevolgd",
    errno.ENAMETOOLONG: "de naam van het bestand is te lang",
}


def _os_error(exc: OSError) -> str:
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return f"kan het bestand niet lezen (systeemfout {code})"


def load_bytes(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Load YAML from bytes; see :func:`load_file`."""

    def fail(line: int | None, message: str, fld: str = "") -> tuple[None, list[Problem]]:
        return None, [Problem(path, line, fld, message)]

    if len(raw) > MAX_BYTES:
        return fail(None, _too_big(len(raw)))
    if b"\x00" in raw:
        encoding = _wide_encoding(raw)
        if encoding:
            return fail(None, f"bestand is opgeslagen als {encoding}; sla het op als UTF-8")
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
        _prescan(text)
        nodes = list(yaml.compose_all(text, Loader=Loader))
    except _LoadError as exc:
        return fail(exc.line, exc.message, exc.field)
    except yaml.reader.ReaderError as exc:
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        at = text.find(char)
        return fail(text.count("\n", 0, at) + 1 if at >= 0 else None,
                    f"bestand bevat een teken dat niet in tekst hoort (U+{ord(char[:1] or '?'):04X}); haal het weg")
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
        return fail(nodes[1].start_mark.line + 1, _MANY_DOCUMENTS)
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


def _wide_encoding(raw: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when the bytes are plainly in one of those, else ``None``."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:200]
    if len(head) >= 4 and head.count(0) * 4 >= len(head) * 3:
        return "UTF-32"
    if len(head) >= 2 and (head[1::2].count(0) * 4 >= len(head) or head[0::2].count(0) * 4 >= len(head)) \
            and head.count(0) * 3 >= len(head):
        return "UTF-16"
    return None


_MANY_DOCUMENTS = "bestand bevat meer dan één YAML-document (---); zet elk item in een eigen bestand"
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _prescan(text: str) -> None:
    """Walk the parser's events and raise :class:`_LoadError` at the first value past a limit.

    Runs before composing, so nesting that would overflow the stack is never composed. Tracks
    the data path of each value, so the message can name the field.
    """
    # One frame per open list or group of fields: [path, is_mapping, next index or key, expecting a key]
    stack: list[list[Any]] = []
    count = documents = 0
    for event in yaml.parse(text, Loader=Loader):
        if not isinstance(event, yaml.NodeEvent):
            if isinstance(event, _ENDS):
                stack.pop()
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
            continue
        is_key = False
        if not stack:
            if documents > 1:  # stop here rather than read thousands of documents
                raise _LoadError(event.start_mark.line + 1 if event.start_mark else None, "", _MANY_DOCUMENTS)
            path: PathKey = ()
        elif stack[-1][1]:
            frame = stack[-1]
            is_key = frame[3]
            path = frame[0] if is_key else frame[0] + (frame[2],)
            frame[3] = not is_key
        else:
            frame = stack[-1]
            path = frame[0] + (frame[2],)
            frame[2] += 1
        line = event.start_mark.line + 1 if event.start_mark else None
        count += 1
        if count > MAX_NODES:
            raise _LoadError(line, field_name(path), f"bestand bevat te veel waarden (meer dan {MAX_NODES})")
        if isinstance(event, yaml.ScalarEvent):
            size = len(event.value)
            if is_key:
                if size > MAX_KEY:
                    raise _LoadError(line, field_name(path), f"veldnaam is te lang ({size} tekens; hoogstens {MAX_KEY})")
                stack[-1][2] = event.value
            elif size > MAX_SCALAR:
                raise _LoadError(line, field_name(path), f"waarde is te lang ({size} tekens; hoogstens {MAX_SCALAR})")
        elif isinstance(event, _STARTS):
            if is_key:
                stack[-1][2] = "?"
            if len(stack) >= MAX_DEPTH:
                raise _LoadError(line, field_name(path), f"te diep genest (meer dan {MAX_DEPTH} niveaus van lijsten en velden in elkaar)")
            stack.append([path, isinstance(event, yaml.MappingStartEvent), 0, True])
        elif is_key:
            stack[-1][2] = "?"


_YAML_PROBLEMS = [
    (re.compile(r"found unknown escape character"),
     "onbekende code na een backslash (\\) in tekst tussen dubbele aanhalingstekens; schrijf \\\\ of gebruik enkele aanhalingstekens"),
    (re.compile(r"mapping values are not allowed"), "dubbele punt op een onverwachte plek; zet tekst met ': ' tussen aanhalingstekens"),
    (re.compile(r"could not find expected ':'"), "verwacht 'veld: waarde'; controleer de dubbele punt en het inspringen"),
    (re.compile(r"found character '\\t'"), "tab gevonden; gebruik spaties"),
    (re.compile(r"found undefined (tag|alias)|found unknown|found unhashable"), "ongeldige YAML-verwijzing of label"),
    (re.compile(r"did not find expected key"), "onverwachte inspringing; controleer of de regels netjes onder elkaar staan"),
    (re.compile(r"did not find expected '-' indicator"), "onverwachte inspringing in een lijst"),
    (re.compile(r"found unexpected end of stream|while scanning a quoted scalar"), "aanhalingsteken niet gesloten"),
    (re.compile(r"found duplicate anchor"), "hetzelfde anker (&) staat er twee keer"),
    (re.compile(r"did not find expected node content"), "hier ontbreekt een waarde, of er staat een teken waarmee geen waarde kan beginnen (zoals ] of })"),
    (re.compile(r"found character that cannot start any token"), "teken waarmee geen waarde kan beginnen (zoals @ of `); zet de tekst tussen aanhalingstekens"),
    (re.compile(r"scanning an? (anchor|alias)"), "na & of * hoort een naam; zet tekst die met & of * begint tussen aanhalingstekens"),
    (re.compile(r"document start|directive"), "regel die met % begint, of tekst na het einde van het document (...); haal die weg"),
    (re.compile(r"block scalar"), "ongeldig tekstblok (| of >); controleer het teken na | of > en het inspringen"),
]


def _yaml_error(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for pattern, message in _YAML_PROBLEMS:
        if pattern.search(text):
            return f"ongeldige YAML: {message}"
    detail = (exc.problem or exc.context or "").strip()
    return f"ongeldige YAML; controleer op deze regel aanhalingstekens, dubbele punten en inspringen ({detail})"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            raise _LoadError(line, field_name(path), "verwijzingen (*alias) zijn niet toegestaan; schrijf de waarde uit")
        self.seen.add(id(node))
        self.doc.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            if node.tag != _TAG + "map":
                return self._bad_tag(node, path)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                return self._bad_tag(node, path)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _bad_tag(self, node: yaml.Node, path: PathKey) -> None:
        self.errors.append(Problem(self.doc.path, node.start_mark.line + 1, field_name(path), f"label '{_short(node.tag.replace(_TAG, '!!'))}' is niet toegestaan; alleen gewone tekst, getallen, lijsten en velden"))
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
        if len(node.value) > MAX_DIGITS:
            return self._bad_number(node, path, f"getal is te lang (meer dan {MAX_DIGITS} tekens)")
        try:
            if tag == _TAG + "int":
                return _scalar_constructor.construct_yaml_int(node)
            value = _scalar_constructor.construct_yaml_float(node)
        except (ValueError, yaml.YAMLError):
            return node.value
        if not math.isfinite(value):
            return self._bad_number(node, path, f"'{node.value}' is geen bruikbaar getal (oneindig of onbepaald)")
        return value

    def _bad_number(self, node: yaml.ScalarNode, path: PathKey, message: str) -> None:
        self.errors.append(Problem(self.doc.path, node.start_mark.line + 1, field_name(path),
                                   f"{message}; schrijf een gewoon getal, of zet tekst tussen aanhalingstekens"))
        return None
