"""An ecomap of the person: who and what is around them, drawn on the server as SVG.

`ecomap(record)` takes the record (bot.store.record.build_record) and returns the
drawing and its text alternative, with the same content, so any page (the person's
record, the print view, later staff views) can show both:

    world = ecomap(record, service_names={"svc-1": "Lunch club"})
    world.svg     # one self-contained <svg> element, safe to put in a page as it is
    world.groups  # [{"label": "What you are good at", "items": ["..."]}, ...]

Two drawings of the same content: `svg` for wide screens and print, `svg_narrow` for
phones (the page's stylesheet shows one). The person is in the middle. Around them, in four sectors: what they are good at
(top left), the people around them (top right), their community (bottom right) and
the links to services (bottom left). Lines to people show whether each would want
to be involved (solid: yes, dotted: not sure, dashed: no, thin: not asked); lines to
services show whether the person chose them (thick) or they were only suggested
(thin, dash-dot). A key under the drawing says so in words: meaning is never in
colour alone. Declined links are not drawn.

Safety: every piece of the person's text goes through `escape`/`quoteattr`, so the
SVG is well-formed XML whatever they wrote, and a page may render it unescaped.
The SVG has no scripts, no style attributes or elements and no external references
(the pages' CSP forbids inline styles); it uses presentation attributes only. It
has a viewBox and no width or height, so it scales to its container.
Colours: text is always #0b0c0c on white or light tints (contrast above 12:1), and
lines and borders are dark enough (3:1 or more) against white.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from typing import Optional
from xml.sax.saxutils import escape, quoteattr

# The text alternative's group labels, in drawing order.
# "Local services": the ones chosen and the ones still to think about, each labelled as
# such (a "not sure" stays on the list), so the title does not say "you chose".
PERSONAL, PEOPLE, COMMUNITY, LINKS = ("What you are good at", "People around you", "Community", "Local services")
WILLING_WORDS = {"yes": "yes", "no": "no", "not_sure": "not sure"}
ACCEPTED, DECLINED = "accepted", "declined"

# Layout, in viewBox units (the drawing scales to its container).
WIDTH = 1000
BOX_W, BOX_H = 230, 56
ROW = 68  # vertical distance between boxes in a sector
FIRST_ROW = 40  # the row nearest the horizontal line through the centre
RADIUS_X = 330  # how far out (horizontally) the rows nearest the middle sit
CENTRE_R = 82
HEADING_SPACE = 52
TEXT_WIDTH = BOX_W - 20  # a line of text in a box, at 16px
NAME_WIDTH = 2 * CENTRE_R - 34  # a line of the name in the centre, at 22px bold
ELLIPSIS = "\u2026"

TEXT = "#0b0c0c"
GREY = "#505a5f"  # 7:1 on white
WHITE = "#ffffff"
FONT = "Arial, Helvetica, sans-serif"

# Sector: label, quadrant (x sign, y sign), box fill (light tint), border (dark).
SECTORS = {
    PERSONAL: {"signs": (-1, -1), "fill": "#d2e2f1", "stroke": "#1d70b8"},
    PEOPLE: {"signs": (1, -1), "fill": "#cce2d8", "stroke": "#00703c"},
    COMMUNITY: {"signs": (1, 1), "fill": "#fff7bf", "stroke": "#594d00"},
    LINKS: {"signs": (-1, 1), "fill": "#dbd5e9", "stroke": "#4c2c92"},
}
SECTOR_TITLES = {PERSONAL: "What you are good at", PEOPLE: "People around you", COMMUNITY: "Your community",
                 LINKS: "Links to services"}

# Line styles (presentation attributes) and what they mean, for the drawing and its key.
LINES = {
    "plain": {"stroke": GREY, "stroke-width": "2"},
    "willing_yes": {"stroke": TEXT, "stroke-width": "4"},
    "willing_not_sure": {"stroke": TEXT, "stroke-width": "4", "stroke-dasharray": "1 8", "stroke-linecap": "round"},
    "willing_no": {"stroke": TEXT, "stroke-width": "3", "stroke-dasharray": "14 8"},
    "willing_unknown": {"stroke": GREY, "stroke-width": "1.5"},
    "link_accepted": {"stroke": TEXT, "stroke-width": "6"},
    "link_suggested": {"stroke": GREY, "stroke-width": "2", "stroke-dasharray": "10 5 2 5"},
}
KEY = [
    ("willing_yes", "Wants to be involved"),
    ("willing_not_sure", "Not sure if they want to be involved"),
    ("willing_no", "Does not want to be involved"),
    ("willing_unknown", "We did not ask if they want to be involved"),
    ("link_accepted", "A service you chose"),
    ("link_suggested", "A service we suggested (not chosen yet)"),
]


@dataclass(frozen=True)
class Ecomap:
    """The drawing for wide screens and print (`svg`), the drawing for narrow screens
    (`svg_narrow`) and the same content as text (`groups`)."""

    svg: str
    groups: list[dict] = field(default_factory=list)
    svg_narrow: str = ""

    @property
    def empty(self) -> bool:
        return not any(group["items"] for group in self.groups)


@dataclass
class _Node:
    label: str  # what the box says (the drawing truncates it)
    line: str  # a LINES key
    dashed_box: bool = False
    full: str = ""  # the whole list item, as the box's tooltip


# ---------------------------------------------------------------------------- content


def _clean(text: Optional[str]) -> str:
    """One line of text: runs of whitespace (and line breaks) become one space."""
    return re.sub(r"\s+", " ", text or "").strip()


def _person(strength: dict) -> tuple[str, str]:
    """(The list item, the drawing's label) for a family or friends strength: the box
    names the person (`who`, when we know it); the list keeps all their words."""
    text, who = (strength.get("text") or "").strip(), (strength.get("who") or "").strip()
    if who and _clean(who).casefold() not in _clean(text).casefold():
        item = f"{who}: {text}" if text else who
    else:
        item = text or who
    willing = strength.get("willing")
    if willing:
        item += f" (wants to be involved: {WILLING_WORDS.get(willing, willing.replace('_', ' '))})"
    return item, _clean(who or text)


def _content(record: dict, service_names: Optional[dict[str, str]]) -> dict[str, list[tuple[str, _Node]]]:
    """Each sector's entries: (the list item, the node to draw)."""
    sectors: dict[str, list[tuple[str, _Node]]] = {label: [] for label in SECTORS}
    for strength in record.get("strengths") or []:
        category = strength.get("category")
        if category == "family":
            item, label = _person(strength)
            willing = strength.get("willing")
            line = f"willing_{willing}" if willing in WILLING_WORDS else "willing_unknown"
            if item:
                sectors[PEOPLE].append((item, _Node(label, line, full=item)))
        elif category in ("personal", "community"):
            text = (strength.get("text") or "").strip()
            if text:
                sectors[PERSONAL if category == "personal" else COMMUNITY].append(
                    (text, _Node(_clean(text), "plain", full=text)))
    names = service_names or {}
    for link in record.get("links") or []:
        status = link.get("status")
        if status == DECLINED:
            continue
        service_id = str(link.get("service_id") or "")
        name = _clean(names.get(service_id)) or _clean(link.get("service_name")) or _clean(service_id)
        if not name:
            continue
        if status == ACCEPTED:
            item = f"{name} (you chose this)"
            sectors[LINKS].append((item, _Node(name, "link_accepted", full=item)))
        else:
            item = f"{name} (suggested, not chosen yet)"
            sectors[LINKS].append((item, _Node(name, "link_suggested", dashed_box=True, full=item)))
    return sectors


# ---------------------------------------------------------------------------- text


# Arial's character widths, in ems (rounded up a little): enough to wrap text to a box.
_NARROW = dict.fromkeys("ijlI.,:;'!|` ", 0.28) | dict.fromkeys("ft()[]{}-/\\r\"", 0.34)
_WIDE = dict.fromkeys("mM", 0.84) | dict.fromkeys("wW", 0.95) | dict.fromkeys("@%", 0.9)


def text_width(text: str, size: float = 16) -> float:
    """About how wide `text` is in Arial at `size`."""
    total = 0.0
    for char in text:
        if char in _NARROW or char in _WIDE:
            total += _NARROW.get(char) or _WIDE[char]
        elif char.isupper():
            total += 0.73
        elif ord(char) > 0x2E80:  # CJK and other full-width scripts
            total += 1.0
        else:
            total += 0.57
    return total * size


def wrap(text: str, max_width: float, lines: int, size: float = 16) -> list[str]:
    """At most `lines` lines, each at most `max_width` wide at `size`, broken at spaces
    where it can; if the text does not fit, the last line ends with an ellipsis."""
    def fits(line: str) -> bool:
        return text_width(line, size) <= max_width

    out: list[str] = []
    current = ""
    for word in _clean(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            out.append(current)
            current = ""
        while not fits(word):  # a word too long for a line: break it
            cut = len(word) - 1
            while cut > 1 and not fits(word[:cut]):
                cut -= 1
            out.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        out.append(current)
    out = out or [""]
    if len(out) > lines:
        last = out[lines - 1]
        while last and not fits(last + ELLIPSIS):
            last = last[:-1]
        out = out[: lines - 1] + [last.rstrip() + ELLIPSIS]
    return out


def _attrs(values: dict) -> str:
    return "".join(f" {name}={quoteattr(str(value))}" for name, value in values.items())


def _text(x: float, y: float, lines: list[str], *, size: int = 16, weight: str = "normal",
          anchor: str = "middle", fill: str = TEXT, line_height: int = 20) -> str:
    """A <text> of one or more lines, vertically centred on y (each line escaped)."""
    first = y - (len(lines) - 1) * line_height / 2 + size * 0.35
    spans = "".join(
        f'<tspan x="{x:.0f}" y="{first + number * line_height:.1f}">{escape(line)}</tspan>'
        for number, line in enumerate(lines))
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return f'<text text-anchor="{anchor}" font-size="{size}"{bold} fill="{fill}">{spans}</text>'


# ---------------------------------------------------------------------------- drawing


def _rows(count: int, rows: int) -> list[int]:
    """Which of `rows` rows `count` boxes go in, spread evenly (one box: the middle)."""
    if count == 1:
        return [(rows - 1) // 2]
    return [round(index * (rows - 1) / (count - 1)) for index in range(count)]


def _place(dy: float, rows: int) -> float:
    """How far (horizontally) from the centre a box at height dy sits: the rows follow
    an ellipse, so the sector fans out from the centre."""
    top = FIRST_ROW + (rows - 1) * ROW
    radius_y = top + 45
    dx = RADIUS_X * math.sqrt(max(0.0, 1 - (dy / radius_y) ** 2))
    above_centre = dy - BOX_H / 2 > CENTRE_R + 8
    return max(dx, BOX_W / 2 + 22 if above_centre else CENTRE_R + BOX_W / 2 + 30)


def _id_prefix(record: dict) -> str:
    """Ids for the title and description, unique per record (a staff page may show several)."""
    digest = hashlib.sha1(str(record.get("id") or "").encode()).hexdigest()[:8]
    return f"ecomap-{digest}"


def _description(name: str, counts: dict[str, int]) -> str:
    if not any(counts.values()):
        return (f"{name} in the middle. Nothing else yet: the things you are good at, the people around you, "
                "your community and the services you choose will appear here.")

    def amount(count: int, one: str, many: str) -> str:
        return f"{'no' if count == 0 else count} {one if count == 1 else many}"

    return (f"{name} in the middle, with lines out to "
            f"{amount(counts[PERSONAL], 'thing you are good at', 'things you are good at')}, "
            f"{amount(counts[PEOPLE], 'person', 'people')}, "
            f"{amount(counts[COMMUNITY], 'place or group', 'places or groups')} and "
            f"{amount(counts[LINKS], 'service', 'services')}. "
            "The same information is in the list after the drawing.")


def _centre(cx: float, cy: float, name: str) -> str:
    lines = wrap(name, NAME_WIDTH / 1.06, 2, size=22)
    return (f'<g><title>{escape(name)}</title>'
            f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="{CENTRE_R}" fill="{WHITE}" stroke="{TEXT}" stroke-width="4"/>'
            + _text(cx, cy, lines, size=22, weight="bold", line_height=26) + "</g>")


def _key(y: float) -> tuple[str, float]:
    """The key to the lines, in two columns under the drawing; returns (svg, its height)."""
    columns = ((30, "Lines to people", [entry for entry in KEY if entry[0].startswith("willing_")]),
               (WIDTH / 2 + 20, "Lines to services", [entry for entry in KEY if entry[0].startswith("link_")]))
    height = 76 + max(len(entries) for _x, _title, entries in columns) * 30
    parts = [f'<g><rect x="10" y="{y:.0f}" width="{WIDTH - 20}" height="{height}" rx="6" fill="{WHITE}" '
             f'stroke="{GREY}" stroke-width="1.5"/>',
             _text(30, y + 24, ["Key"], size=19, weight="bold", anchor="start")]
    for x, title, entries in columns:
        parts.append(_text(x, y + 52, [title], weight="bold", anchor="start"))
        row_y = y + 80
        for style, words in entries:
            parts.append(f'<line x1="{x:.0f}" y1="{row_y:.0f}" x2="{x + 70:.0f}" y2="{row_y:.0f}"'
                         f"{_attrs(LINES[style])}/>")
            parts.append(_text(x + 84, row_y, [words], anchor="start"))
            row_y += 30
    parts.append("</g>")
    return "".join(parts), height


def ecomap(record: dict, service_names: Optional[dict[str, str]] = None) -> Ecomap:
    """The person's ecomap: an SVG drawing and its text alternative, from the record.

    A link's name is `service_names[service_id]`, else the record's own `service_name`
    for it (if the record has one), else its service id.
    """
    name = _clean(record.get("preferred_name")) or "You"
    content = _content(record, service_names)
    groups = [{"label": label, "items": [item for item, _node in entries]} for label, entries in content.items()]
    counts = {label: len(entries) for label, entries in content.items()}
    prefix = _id_prefix(record)
    title = "Your world" if name == "You" else f"Your world: {name}"
    description = _description(name, counts)

    body: list[str] = []
    if not any(counts.values()):
        height = 330
        cx, cy = WIDTH / 2, 120
        body.append(_centre(cx, cy, name))
        note = wrap("When you tell us what you are good at, about the people around you, your community "
                    "and the services you choose, they will appear here.", 600, 3, size=18)
        body.append(_text(cx, cy + CENTRE_R + 60, note, size=18, line_height=24))
    else:
        shown = {label: [node for _item, node in entries] for label, entries in content.items()}
        rows = max(3, max(len(nodes) for nodes in shown.values()))
        top = FIRST_ROW + (rows - 1) * ROW
        cx, cy = WIDTH / 2, HEADING_SPACE + top + BOX_H / 2
        drawing_height = 2 * cy
        lines: list[str] = []
        boxes: list[str] = []
        for label, nodes in shown.items():
            sector = SECTORS[label]
            sx, sy = sector["signs"]
            heading_y = 30 if sy < 0 else drawing_height - 16
            heading_x, anchor = (20, "start") if sx < 0 else (WIDTH - 20, "end")
            boxes.append(_text(heading_x, heading_y - 6, [SECTOR_TITLES[label]], size=19, weight="bold",
                               anchor=anchor))
            if not nodes:
                dy = FIRST_ROW + ((rows - 1) // 2) * ROW
                x = cx + sx * _place(dy, rows)
                boxes.append(_text(x, cy + sy * dy, ["Nothing yet"], fill=GREY))
                continue
            for node, row in zip(nodes, _rows(len(nodes), rows)):
                dy = FIRST_ROW + row * ROW
                x, y = cx + sx * _place(dy, rows), cy + sy * dy
                # Lines end at the side of the box nearest the middle: as boxes higher in a
                # sector sit nearer the middle, no line passes under another box.
                end = x - sx * (BOX_W / 2 - 2)
                lines.append(f'<line x1="{cx:.0f}" y1="{cy:.0f}" x2="{end:.0f}" y2="{y:.0f}"'
                             f"{_attrs(LINES[node.line])}/>")
                border = {"stroke": GREY if node.dashed_box else sector["stroke"], "stroke-width": "2"}
                if node.dashed_box:
                    border["stroke-dasharray"] = "6 4"
                fill = WHITE if node.dashed_box else sector["fill"]
                boxes.append(
                    f"<g><title>{escape(node.full or node.label)}</title>"
                    f'<rect x="{x - BOX_W / 2:.0f}" y="{y - BOX_H / 2:.0f}" width="{BOX_W}" height="{BOX_H}" rx="8" '
                    f'fill="{fill}"{_attrs(border)}/>'
                    + _text(x, y, wrap(node.label, TEXT_WIDTH, 2)) + "</g>")
        body.extend(lines)
        body.append(_centre(cx, cy, name))
        body.extend(boxes)
        key, key_height = _key(drawing_height + 10)
        body.append(key)
        height = drawing_height + 10 + key_height + 10

    svg = _svg(WIDTH, height, prefix, "wide", title, description, body)
    narrow = _narrow(name, {label: [node for _item, node in entries] for label, entries in content.items()})
    return Ecomap(svg=svg, groups=groups,
                  svg_narrow=_svg(NARROW_W, narrow[1], f"{prefix}-narrow", "narrow", title, description, narrow[0]))


def _svg(width: float, height: float, prefix: str, layout: str, title: str, description: str,
         body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" role="img" '
            f'aria-labelledby="{prefix}-title {prefix}-desc" '
            f'class="app-ecomap__drawing app-ecomap__drawing--{layout}" '
            f'font-family="{FONT}" preserveAspectRatio="xMidYMin meet">'
            f'<title id="{prefix}-title">{escape(title)}</title>'
            f'<desc id="{prefix}-desc">{escape(description)}</desc>'
            f'<rect x="0" y="0" width="{width}" height="{height:.0f}" fill="{WHITE}"/>'
            + "".join(body) + "</svg>")


# ---------------------------------------------------------------------------- narrow screens

# On a phone (375 px wide) the wide drawing's 16-unit text would be about 6 px high.
# The narrow drawing is 360 units wide, so its text is drawn at about the size of the
# page's own: the person at the top, then each sector as a column of boxes joined to a
# line down the left, each joint drawn in the line style of the wide drawing. Every
# word is shown: boxes grow to the lines their text needs.
NARROW_W = 360
TRUNK_X = 14  # the line down from the person
BOX_X = 84  # where boxes start: the joint from the trunk is as long as a line in the key
NARROW_BOX_W = NARROW_W - BOX_X - 6
NARROW_TEXT_W = NARROW_BOX_W - 20
LINE_H = 20


def _narrow(name: str, sectors: dict[str, list[_Node]]) -> tuple[list[str], float]:
    """The narrow drawing's parts and its height."""
    parts: list[str] = []
    name_lines = wrap(name, NARROW_W - 40, 99, size=22)
    name_h = 26 * len(name_lines) + 24
    parts.append(f'<g><title>{escape(name)}</title><rect x="6" y="8" width="{NARROW_W - 12}" height="{name_h}" '
                 f'rx="{min(30, name_h / 2):.0f}" fill="{WHITE}" stroke="{TEXT}" stroke-width="4"/>'
                 + _text(NARROW_W / 2, 8 + name_h / 2, name_lines, size=22, weight="bold", line_height=26) + "</g>")
    y = 8 + name_h + 24
    joints: list[str] = []
    last_joint = y
    for label, nodes in sectors.items():
        sector = SECTORS[label]
        parts.append(_text(BOX_X, y + 10, [SECTOR_TITLES[label]], size=19, weight="bold", anchor="start"))
        y += 32
        if not nodes:
            parts.append(_text(BOX_X, y + 10, ["Nothing yet"], fill=GREY, anchor="start"))
            y += 36
            continue
        for node in nodes:
            lines = wrap(node.label, NARROW_TEXT_W, 99)
            box_h = LINE_H * len(lines) + 20
            middle = y + box_h / 2
            joints.append(f'<line x1="{TRUNK_X}" y1="{middle:.0f}" x2="{BOX_X}" y2="{middle:.0f}"'
                          f"{_attrs(LINES[node.line])}/>")
            last_joint = middle
            border = {"stroke": GREY if node.dashed_box else sector["stroke"], "stroke-width": "2"}
            if node.dashed_box:
                border["stroke-dasharray"] = "6 4"
            fill = WHITE if node.dashed_box else sector["fill"]
            parts.append(f"<g><title>{escape(node.full or node.label)}</title>"
                         f'<rect x="{BOX_X}" y="{y:.0f}" width="{NARROW_BOX_W}" height="{box_h}" rx="8" '
                         f'fill="{fill}"{_attrs(border)}/>'
                         + _text(BOX_X + 10, middle, lines, anchor="start", line_height=LINE_H) + "</g>")
            y += box_h + 12
        y += 12
    trunk = (f'<line x1="{TRUNK_X}" y1="{8 + name_h / 2:.0f}" x2="{TRUNK_X}" y2="{last_joint:.0f}"'
             f"{_attrs(LINES['plain'])}/>") if joints else ""
    key, key_h = _narrow_key(y)
    return [trunk, *joints, *parts, key], y + key_h + 10


def _narrow_key(y: float) -> tuple[str, float]:
    """The key in one column; returns (svg, its height)."""
    parts = [_text(10, y + 14, ["Key"], size=19, weight="bold", anchor="start")]
    row_y = y + 44
    for heading, prefix in (("Lines to people", "willing_"), ("Lines to services", "link_")):
        parts.append(_text(10, row_y, [heading], weight="bold", anchor="start"))
        row_y += 28
        for style, words in (entry for entry in KEY if entry[0].startswith(prefix)):
            lines = wrap(words, NARROW_W - 100, 3)
            parts.append(f'<line x1="10" y1="{row_y:.0f}" x2="70" y2="{row_y:.0f}"{_attrs(LINES[style])}/>')
            parts.append(_text(84, row_y + (len(lines) - 1) * LINE_H / 2, lines, anchor="start",
                               line_height=LINE_H))
            row_y += LINE_H * len(lines) + 12
        row_y += 8
    height = row_y - y - 4
    frame = (f'<rect x="2" y="{y - 8:.0f}" width="{NARROW_W - 4}" height="{height + 8:.0f}" rx="6" fill="{WHITE}" '
             f'stroke="{GREY}" stroke-width="1.5"/>')
    return "<g>" + frame + "".join(parts) + "</g>", height


__all__ = ["Ecomap", "ecomap", "wrap"]
