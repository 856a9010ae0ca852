"""The ecomap: one SVG drawing and its text alternative, from a record."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bot.ecomap import ELLIPSIS, LINES, Ecomap, ecomap, text_width, wrap

SVG = "{http://www.w3.org/2000/svg}"
XSS = "<script>alert(1)</script> & <b>bold</b>"


def strength(category: str, text: str, who: str | None = None, willing: str | None = None, id: int = 0) -> dict:
    return {"id": id, "category": category, "text": text, "who": who, "willing": willing}


def link(service_id: str, status: str) -> dict:
    return {"id": 0, "service_id": service_id, "status": status, "reason": "suggested at the links stage"}


RECORD = {
    "id": "c-1",
    "preferred_name": "Ada",
    "what_matters": [{"id": 1, "text": "my garden"}],
    "strengths": [
        strength("personal", "I'm a good cook"),
        strength("personal", XSS),
        strength("family", "my daughter Sarah", who="my daughter Sarah", willing="yes"),
        strength("family", "cooking with Sue", who="my sister Sue", willing="not_sure"),
        strength("family", "Pat next door", who="Pat", willing="no"),
        strength("family", "my friend Jo"),
        strength("community", "the library"),
        strength("community", "the choir & the church"),
    ],
    "links": [link("svc-lunch", "accepted"), link("svc-walks", "suggested"), link("svc-bingo", "declined")],
}
NAMES = {"svc-lunch": "Lunch club <Tuesdays>", "svc-bingo": "Bingo"}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed XML, whatever people wrote
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    """What the drawing says: each <text> with its lines joined."""
    return [" ".join(span.text or "" for span in text) or (text.text or "") for text in root.iter(f"{SVG}text")]


def items(world: Ecomap, label: str) -> list[str]:
    return next(group["items"] for group in world.groups if group["label"] == label)


def test_the_svg_is_one_accessible_self_contained_element():
    world = ecomap(RECORD, NAMES)
    root = parse(world.svg)
    assert world.svg.startswith("<svg ") and world.svg.endswith("</svg>")
    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    assert root.get("width") is None and root.get("height") is None  # scales to its container
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text == "Your world: Ada"
    assert "Ada in the middle" in desc.text and "2 people" not in desc.text and "4 people" in desc.text
    # Presentation attributes only: no styles, scripts, event handlers or external references.
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag not in ("script", "style", "foreignObject", "image", "use", "a"), tag
        for name in element.attrib:
            assert name != "style" and not name.startswith("on") and "href" not in name, (tag, name)
    assert "url(" not in world.svg and "http" not in world.svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_text_is_escaped_and_the_svg_still_parses():
    world = ecomap({**RECORD, "preferred_name": "Ada <i> & co"}, NAMES)
    assert "<script>" not in world.svg and "<b>" not in world.svg and "<i>" not in world.svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in world.svg  # the tooltip
    assert "Lunch club &lt;Tuesdays&gt;" in world.svg
    root = parse(world.svg)
    drawn = " ".join(texts(root))
    assert "<script>alert(1)</script>" in drawn and "& <b>bold</b>" in drawn  # shown as text
    assert "Ada <i> &" in drawn
    assert root.find(f"{SVG}title").text == "Your world: Ada <i> & co"
    assert XSS in items(world, "What you are good at")  # the list is plain text: the page escapes it


def test_every_item_is_in_the_groups_in_the_persons_words():
    world = ecomap(RECORD, NAMES)
    assert [group["label"] for group in world.groups] == [
        "What you are good at", "People around you", "Community", "Local services"]
    assert items(world, "What you are good at") == ["I'm a good cook", XSS]
    assert items(world, "People around you") == [
        "my daughter Sarah (wants to be involved: yes)",
        "my sister Sue: cooking with Sue (wants to be involved: not sure)",
        "Pat next door (wants to be involved: no)",
        "my friend Jo",
    ]
    assert items(world, "Community") == ["the library", "the choir & the church"]
    assert items(world, "Local services") == [
        "Lunch club <Tuesdays> (you chose this)", "svc-walks (suggested, not chosen yet)"]
    # ... and everything in the groups is in the drawing (boxes, with the full words as tooltips).
    root = parse(world.svg)
    tooltips = [title.text for title in root.iter(f"{SVG}title")]
    for group in world.groups:
        for item in group["items"]:
            assert item in tooltips, item
    drawn = texts(root)
    for label in ("I'm a good cook", "my daughter Sarah", "my sister Sue", "Pat", "my friend Jo", "the library",
                  "the choir & the church", "Lunch club <Tuesdays>", "svc-walks", "Ada"):
        assert label in drawn, label


def test_people_lines_show_whether_they_want_to_be_involved_with_a_key():
    world = ecomap(RECORD, NAMES)
    root = parse(world.svg)
    lines = [line.attrib for line in root.iter(f"{SVG}line")]

    def count(style: str) -> int:
        wanted = {name: value for name, value in LINES[style].items()}
        return sum(1 for attrib in lines if all(attrib.get(k) == v for k, v in wanted.items())
                   and attrib.get("stroke-dasharray") == wanted.get("stroke-dasharray"))

    # One line to each person plus one in the key.
    assert count("willing_yes") == 2 and count("willing_not_sure") == 2 and count("willing_no") == 2
    assert count("willing_unknown") == 2
    # Solid, dotted, dashed: different line styles, not colour alone.
    assert "stroke-dasharray" not in LINES["willing_yes"]
    assert LINES["willing_not_sure"]["stroke-dasharray"] != LINES["willing_no"]["stroke-dasharray"]
    assert LINES["willing_not_sure"]["stroke-linecap"] == "round"
    key = " ".join(texts(root))
    for words in ("Key", "Wants to be involved", "Not sure if they want to be involved",
                  "Does not want to be involved", "A service you chose", "A service we suggested"):
        assert words in key, words


def test_links_accepted_are_strong_suggested_lighter_and_declined_not_drawn():
    world = ecomap(RECORD, NAMES)
    root = parse(world.svg)
    assert "Bingo" not in world.svg and "svc-bingo" not in world.svg
    assert not any("Bingo" in item or "bingo" in item for item in items(world, "Local services"))
    lines = [line.attrib for line in root.iter(f"{SVG}line")]
    accepted = [a for a in lines if a.get("stroke-width") == LINES["link_accepted"]["stroke-width"]]
    suggested = [a for a in lines if a.get("stroke-dasharray") == LINES["link_suggested"]["stroke-dasharray"]]
    assert len(accepted) == 2 and len(suggested) == 2  # the link and the key's sample
    assert float(LINES["link_accepted"]["stroke-width"]) > float(LINES["link_suggested"]["stroke-width"])
    # Without names, links show their service ids; a name in the record itself comes next after service_names.
    plain = ecomap(RECORD)
    assert items(plain, "Local services") == ["svc-lunch (you chose this)", "svc-walks (suggested, not chosen yet)"]
    named = {**RECORD, "links": [{**link("svc-lunch", "accepted"), "service_name": "Lunch (record)"},
                                 {**link("svc-walks", "suggested"), "service_name": "Health walks"}]}
    assert items(ecomap(named, NAMES), "Local services") == [
        "Lunch club <Tuesdays> (you chose this)", "Health walks (suggested, not chosen yet)"]


def test_an_empty_record_is_the_centre_and_a_note():
    world = ecomap({"id": "c-2", "preferred_name": None, "strengths": [], "links": []})
    root = parse(world.svg)
    assert world.empty
    assert [group["items"] for group in world.groups] == [[], [], [], []]
    drawn = " ".join(texts(root))
    assert "You" in drawn and "will appear here" in drawn
    assert root.find(f"{SVG}title").text == "Your world"
    assert len(list(root.iter(f"{SVG}circle"))) == 1 and not list(root.iter(f"{SVG}line"))
    assert ecomap({}).empty  # a record with nothing at all in it
    # Only some sectors: the others say so.
    partly = ecomap({"strengths": [strength("community", "the library")]})
    assert not partly.empty and " ".join(texts(parse(partly.svg))).count("Nothing yet") == 3


def test_long_texts_are_cut_short_in_the_drawing_but_whole_in_the_list():
    long = ("I know everyone on my street and I am very good at remembering birthdays, anniversaries "
            "and the names of all their dogs")
    name = "Bartholomew-Fitzwilliam Smythe"
    world = ecomap({"preferred_name": name, "strengths": [strength("personal", long)]})
    assert items(world, "What you are good at") == [long]
    root = parse(world.svg)
    box = next(text for text in root.iter(f"{SVG}text") if "I know everyone" in "".join(text.itertext()))
    lines = [span.text for span in box]
    assert len(lines) == 2 and lines[-1].endswith(ELLIPSIS)
    assert all(text_width(line) <= 210 for line in lines)
    assert long not in texts(root)
    titles = [title.text for title in root.iter(f"{SVG}title")]
    assert long in titles and name in titles  # the full words, as tooltips


def test_every_item_and_every_person_is_drawn():
    record = {"strengths": [strength("personal", f"thing {n}") for n in range(9)]
              + [strength("family", f"my grandchild number {n}", who=f"grandchild {n}") for n in range(8)]}
    world = ecomap(record)
    assert len(items(world, "What you are good at")) == 9
    for svg in (world.svg, world.svg_narrow):
        drawn = texts(parse(svg))
        assert all(f"thing {n}" in drawn for n in range(9))
        assert all(f"grandchild {n}" in drawn for n in range(8))
    # One line to each, in the wide drawing and (joints off the trunk) the narrow one.
    assert len(list(parse(world.svg).iter(f"{SVG}line"))) == 17 + 6  # and the key's six
    assert len(list(parse(world.svg_narrow).iter(f"{SVG}line"))) == 17 + 1 + 6  # and the trunk


def test_the_narrow_drawing_shows_every_word_at_the_pages_size():
    long = ("I know everyone on my street and I am very good at remembering birthdays, anniversaries "
            "and the names of all their dogs")
    world = ecomap({"id": "c-1", "preferred_name": "Bartholomew-Fitzwilliam Smythe the Third",
                    "strengths": [strength("personal", long), strength("family", XSS, who="my son Tom")]})
    root = parse(world.svg_narrow)
    assert root.get("viewBox").startswith("0 0 360 ")  # drawn at about a phone's width: 16-unit text stays ~16px
    box = next(text for text in root.iter(f"{SVG}text") if "I know everyone" in "".join(text.itertext()))
    lines = [span.text for span in box]
    assert " ".join(lines) == long and not any(ELLIPSIS in line for line in lines)
    assert all(text_width(line) <= 252 for line in lines)
    assert "Bartholomew-Fitzwilliam Smythe the Third" in " ".join(texts(root))
    # Its own ids, so both drawings can be on one page.
    assert root.get("aria-labelledby") != parse(world.svg).get("aria-labelledby")
    assert "app-ecomap__drawing--narrow" in root.get("class")
    assert "app-ecomap__drawing--wide" in parse(world.svg).get("class")
    assert "<script>" not in world.svg_narrow and "&lt;script&gt;" in world.svg_narrow


def test_wrap():
    assert wrap("a b c", 200, 2) == ["a b c"]
    assert wrap("", 200, 2) == [""]
    lines = wrap("word " * 40, 100, 2)
    assert len(lines) == 2 and lines[1].endswith(ELLIPSIS) and all(text_width(line) <= 100 for line in lines)
    unbroken = wrap("x" * 80, 100, 3)
    assert len(unbroken) == 3 and all(text_width(line) <= 100 for line in unbroken)
    assert wrap("line\nbreaks\tand  spaces", 500, 1) == ["line breaks and spaces"]
