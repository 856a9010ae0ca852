"""The record pages (bot/gateway/pages/record.py): the record in the person's words, changing and removing answers, the JSON download and print copy, the ecomap, deleting everything."""
from __future__ import annotations

import datetime as dt
import json
import re

import sqlalchemy as sa

from bot.gateway import pages
from bot.gateway.pages import long_date
from bot.store import repository as repo
from tests.gateway.pages.helpers import (XSS, conversation_id_of, get_page, post, seed_items, set_cookie_header, start,
                                         visible_text)


async def test_record_groups_items_by_section_in_the_persons_words(client, rasa, store):
    await start(client)
    ids = seed_items(store, conversation_id_of(store))
    status, html = await get_page(client, "/record")
    assert status == 200
    assert html.count("<h1") == 1 and "Check your answers</h1>" in html
    cards = re.findall(r'<div class="govuk-summary-card" id="section-([a-z_]+)">(.*?)(?=<div class="govuk-summary-card"|'
                       r'<p class="govuk-body">To add something)', html, re.S)
    by_section = {key: visible_text(body) for key, body in cards}
    assert list(by_section) == ["preferred_name", "what_matters", "working_well", "not_working",
                                "strengths_personal", "strengths_family", "strengths_community", "outcomes",
                                "positive_risks"]
    assert "Your name" in by_section["preferred_name"] and "Ada <i>" in by_section["preferred_name"]
    assert "my garden" in by_section["what_matters"] and "<script>alert(1)</script>" in by_section["what_matters"]
    assert "my neighbour" in by_section["working_well"] and "the stairs" in by_section["not_working"]
    assert "good with numbers" in by_section["strengths_personal"]
    assert "cooking with Sue" in by_section["strengths_family"]
    assert "Who: my daughter Sue" in by_section["strengths_family"]
    assert "Would they want to be involved: Not sure" in by_section["strengths_family"]
    assert "Nothing yet." in by_section["strengths_community"]
    assert "Where you are now: 3 out of 10" in by_section["outcomes"]
    assert "What worries people: I might fall" in by_section["positive_risks"]
    first = ids["what_matters"][0]
    assert f'href="/record/change?section=what_matters&amp;item={first}"' in html
    assert f'href="/record/remove?section=what_matters&amp;item={first}"' in html
    assert "Change<span class=\"govuk-visually-hidden\"> answer 1 in what matters to you</span>" in html
    assert 'href="/record.json"' in html and 'href="/record/print"' in html and 'href="/delete"' in html


async def test_change_and_remove_an_answer(client, rasa, store):
    token = await start(client)
    conversation_id = conversation_id_of(store)
    ids = seed_items(store, conversation_id)
    item = ids["what_matters"][0]

    status, html = await get_page(client, f"/record/change?section=what_matters&item={item}")
    assert status == 200
    assert re.search(r'<textarea[^>]*id="text"[^>]*>my garden</textarea>', html)
    assert "<title>Change your answer - " in html

    response = await post(client, "/record/change", {"section": "what_matters", "item": str(item), "text": " "},
                          token)
    html = await response.text()
    assert response.status == 400 and '<a href="#text">Enter your answer, or go back and remove it</a>' in html

    response = await post(client, "/record/change",
                          {"section": "what_matters", "item": str(item), "text": "my roses"}, token)
    assert response.status == 303 and response.headers["Location"] == "/record?done=changed"
    html = await (await client.get(response.headers["Location"])).text()
    assert "Your answer has been changed" in html and "my roses" in html and "my garden" not in html

    status, html = await get_page(client, f"/record/remove?section=what_matters&item={item}")
    assert status == 200 and "Remove this answer?" in html and "my roses" in html
    response = await post(client, "/record/remove", {"section": "what_matters", "item": str(item)}, token)
    assert response.status == 303 and response.headers["Location"] == "/record?done=removed"
    html = await (await client.get(response.headers["Location"])).text()
    assert "Your answer has been removed" in html and "my roses" not in html
    with store.transaction() as session:
        assert [row.text for row in repo.items(session, conversation_id, "what_matters")] == [XSS]

    # The preferred name.
    status, html = await get_page(client, "/record/change?section=preferred_name")
    assert status == 200 and 'value="Ada &lt;i&gt;"' in html
    response = await post(client, "/record/change", {"section": "preferred_name", "item": "", "text": "Ada"}, token)
    assert response.status == 303
    response = await post(client, "/record/remove", {"section": "preferred_name", "item": ""}, token)
    assert response.status == 303
    with store.transaction() as session:
        assert repo.get_conversation(session, conversation_id).preferred_name is None

    # Items that are not there, or not this conversation's, are "Page not found".
    with store.transaction() as session:
        other, _code = repo.create_conversation(session, mode="self")
        other_item = repo.add_items(session, other.id, "what_matters", ["not yours"], "x")[0].id
    for path in (f"/record/change?section=what_matters&item={other_item}", "/record/change?section=nope&item=1",
                 f"/record/remove?section=working_well&item={ids['what_matters'][1]}"):
        status, html = await get_page(client, path)
        assert status == 404 and "Page not found" in html, path
    response = await post(client, "/record/change", {"section": "what_matters", "item": str(other_item),
                                                     "text": "mine now"}, token)
    assert response.status == 404
    with store.transaction() as session:
        assert repo.items(session, other.id, "what_matters")[0].text == "not yours"


async def test_json_download_and_print_page(client, rasa, store):
    await start(client)
    conversation_id = conversation_id_of(store)
    seed_items(store, conversation_id)
    response = await client.get("/record.json")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/json")
    with store.transaction() as session:
        reference = repo.get_conversation(session, conversation_id).reference
    assert response.headers["Content-Disposition"] == f'attachment; filename="my-answers-{reference}.json"'
    record = json.loads(await response.text())
    assert record["id"] == conversation_id and record["what_matters"][1]["text"] == XSS

    status, html = await get_page(client, "/record/print")
    assert status == 200
    assert "Your answers</h1>" in html and reference in html and "my garden" in html
    assert 'id="print-button" hidden' in html


async def test_record_and_print_pages_show_who_filled_it_in_the_shared_status_and_next_steps(client, rasa, store):
    await start(client)
    conversation_id = conversation_id_of(store)
    status, html = await get_page(client, "/record")
    assert "Shared with the council</dt>" in html and "Not yet" in html and "Filled in by" not in html
    with store.transaction() as session:
        conversation = repo.get_conversation(session, conversation_id)
        conversation.mode, conversation.preferred_name = "on_behalf", "Rose"
        conversation.completed_by, conversation.relationship, conversation.permission = "Tom", "her son", "yes"
        conversation.share_with_council, conversation.shared_at = True, dt.datetime(2026, 12, 2, 10, 30)
        conversation.contact_ok, conversation.contact = True, "07700 900123 <mornings>"
    for path in ("/record", "/record/print"):
        status, html = await get_page(client, path)
        assert status == 200
        assert "Tom (her son)" in html and "Rose agreed</dt>" in html
        assert "Yes, on 2 December 2026" in html and "07700 900123 &lt;mornings&gt;" in html
        assert "Brackenford adult social care team will read the answers and get in touch within 10 working days" in html
    assert f"Printed on {long_date(dt.date.today())}" in html and "Save as PDF" in html


async def test_record_and_print_pages_show_your_world_as_a_drawing_and_a_list(client, rasa, store):
    import xml.etree.ElementTree as ET

    await start(client)
    conversation_id = conversation_id_of(store)
    for path in ("/record", "/record/print"):  # nothing yet: the centre and a note
        status, html = await get_page(client, path)
        assert status == 200 and "Your world</h2>" in html and '<svg xmlns="http://www.w3.org/2000/svg"' in html
        assert "Nothing here yet." in html, path
    seed_items(store, conversation_id)
    with store.transaction() as session:
        repo.add_items(session, conversation_id, "strengths", ["the library & the café"], "m8", category="community")
        session.add_all([repo.Link(conversation_id=conversation_id, service_id="lunch-club", status="accepted"),
                         repo.Link(conversation_id=conversation_id, service_id="walking-group", status="suggested"),
                         repo.Link(conversation_id=conversation_id, service_id="bingo-night", status="declined")])
    for path in ("/record", "/record/print"):
        response = await client.get(path)
        html = await response.text()
        assert response.status == 200, path
        svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
        assert len(svgs) == 2, path  # wide, and narrow for phones (the stylesheet shows one)
        for svg in svgs:
            root = ET.fromstring(svg)
            assert root.get("role") == "img" and root.get("viewBox") and root.get("aria-labelledby")
            assert "Ada <i>" in "".join(root.itertext())  # the preferred name, escaped in the page
        # The strict CSP still holds: no inline styles or scripts, in the drawing or anywhere.
        assert "<style" not in html and " style=" not in html, path
        assert re.search(r"<script\b[^>]*>\s*[^<\s]", html) is None, path
        assert "<script>alert(1)</script>" not in html and "<i>" not in html, path
        # The text alternative: a heading per group and a GOV.UK list, after the drawing.
        after = html[html.index("</svg>"):]
        lists = dict(re.findall(r'<h3 class="govuk-heading-s">([^<]+)</h3>\s*(<ul class="govuk-list govuk-list--bullet">'
                                r'.*?</ul>|<p class="govuk-body">Nothing yet.</p>)', after, re.S))
        assert list(lists) == ["What you are good at", "People around you", "Community", "Local services"], path
        assert visible_text(lists["What you are good at"]).strip() == "good with numbers"
        assert visible_text(lists["People around you"]).strip() == \
            "my daughter Sue: cooking with Sue (wants to be involved: not sure)"
        assert "the library &amp; the café" in lists["Community"]
        links = visible_text(lists["Local services"])
        assert "lunch-club (you chose this)" in links and "walking-group (suggested, not chosen yet)" in links
        assert "bingo-night" not in html, path


async def test_delete_everything(client, rasa, store):
    token = await start(client)
    conversation_id = conversation_id_of(store)
    status, html = await get_page(client, "/delete")
    assert status == 200
    assert "govuk-warning-text" in html and "This cannot be undone." in html
    response = await post(client, "/delete", {}, token)
    assert response.status == 303 and response.headers["Location"] == "/deleted"
    cookie = set_cookie_header(response, pages.SESSION_COOKIE)
    assert 'sbc_session=""' in cookie and "Max-Age=0" in cookie
    with store.transaction() as session:
        assert repo.get_conversation(session, conversation_id) is None
    status, html = await get_page(client, "/deleted")
    assert status == 200 and "Everything has been deleted" in html
    status, _ = await get_page(client, "/conversation")
    assert status == 303


async def test_delete_everything_in_the_conversation_goes_to_the_deleted_page(client, rasa, store):
    token = await start(client)
    response = await post(client, "/conversation", {"text": "delete everything"}, token)
    assert response.status == 303 and response.headers["Location"] == "/deleted"
    assert "Max-Age=0" in set_cookie_header(response, pages.SESSION_COOKIE)
    with store.transaction() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(repo.Conversation)).scalar_one() == 0
