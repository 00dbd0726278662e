"""A strict iCalendar (RFC 5545) reader for the tests: it refuses what Outlook might misread.

Checks on the bytes: UTF-8; every line ends with CRLF (no bare CR or LF); no physical line is
longer than 75 octets; a folded line goes on with one space. Then the content lines are
unfolded and parsed into components; TEXT values are unescaped, and an unescaped comma or
semicolon in one is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"}
_NAME = re.compile(r"^[A-Z0-9-]+$")


class IcsError(AssertionError):
    pass


@dataclass
class Prop:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def one(self, name: str) -> Prop:
        found = self.all(name)
        if len(found) != 1:
            raise IcsError(f"{self.name}: {len(found)} {name} properties, expected exactly one")
        return found[0]

    def value(self, name: str) -> str:
        return self.one(name).value

    def child(self, name: str) -> Component:
        found = [c for c in self.children if c.name == name]
        if len(found) != 1:
            raise IcsError(f"{self.name}: {len(found)} {name} components, expected one")
        return found[0]


def physical_lines(data: bytes) -> list[bytes]:
    if not data.endswith(b"\r\n"):
        raise IcsError("the file does not end with CRLF")
    lines = data[:-2].split(b"\r\n")
    for n, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            raise IcsError(f"line {n}: a bare CR or LF")
        if len(line) > 75:
            raise IcsError(f"line {n}: {len(line)} octets, more than 75")
    return lines


def unfold(data: bytes) -> list[str]:
    """The logical content lines; each physical line must be valid UTF-8 on its own."""
    logical: list[str] = []
    for n, raw in enumerate(physical_lines(data), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IcsError(f"line {n}: not UTF-8 on its own (a character split?)") from exc
        if line.startswith((" ", "\t")):
            if not logical:
                raise IcsError("the file starts with a continuation line")
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _unescape(value: str, name: str) -> str:
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            if i + 1 >= len(value):
                raise IcsError(f"{name}: a lone backslash at the end")
            nxt = value[i + 1]
            if nxt in "nN":
                out.append("\n")
            elif nxt in "\\;,":
                out.append(nxt)
            else:
                raise IcsError(f"{name}: unknown escape \\{nxt}")
            i += 2
            continue
        if char in ",;":
            raise IcsError(f"{name}: an unescaped {char!r} in a TEXT value")
        out.append(char)
        i += 1
    return "".join(out)


def _content_line(line: str) -> Prop:
    # name *(";" param) ":" value; a parameter value may be quoted and hold ":" or ";".
    head, i, quoted = [], 0, False
    while i < len(line):
        char = line[i]
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            break
        head.append(char)
        i += 1
    else:
        raise IcsError(f"no colon in {line!r}")
    name, *raw_params = "".join(head).split(";")
    if not _NAME.match(name):
        raise IcsError(f"bad property name {name!r}")
    params = {}
    for raw in raw_params:
        key, sep, value = raw.partition("=")
        if not sep:
            raise IcsError(f"{name}: bad parameter {raw!r}")
        params[key] = value.strip('"')
    value = line[i + 1 :]
    if name in TEXT_PROPERTIES:
        value = _unescape(value, name)
    return Prop(name, params, value)


def read_ics(data: bytes) -> Component:
    """The VCALENDAR of ``data``, checked strictly."""
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(data):
        prop = _content_line(line)
        if prop.name == "BEGIN":
            component = Component(prop.value)
            if stack:
                stack[-1].children.append(component)
            elif root is not None:
                raise IcsError("more than one top-level component")
            else:
                root = component
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value:
                raise IcsError(f"END:{prop.value} does not close what was begun")
            stack.pop()
        else:
            if not stack:
                raise IcsError(f"{prop.name} outside any component")
            stack[-1].props.append(prop)
    if root is None or stack:
        raise IcsError("the calendar is not closed")
    if root.name != "VCALENDAR":
        raise IcsError("not a VCALENDAR")
    return root
