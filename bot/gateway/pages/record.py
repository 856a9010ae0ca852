"""The record: check, change and remove answers, download, print, and delete everything."""
from __future__ import annotations

import datetime as dt
import json

from aiohttp import web

from bot.ecomap import ecomap
from bot.gateway.pages.common import (
    checked_form,
    clear_session,
    conversations,
    field,
    find_entry,
    item_id,
    message_problem,
    normalise_text,
    record_sections,
    render,
    require_conversation,
    routes,
    section_titles,
    see_other,
)


@routes.get("/record")
async def record_page(request: web.Request) -> web.Response:
    conversation_id = await require_conversation(request)
    record = await conversations(request).record(conversation_id)
    # Link names: the record's own `service_name` if it has one, else the service id
    # (service_names=None until bot.directory offers a `service_names` lookup).
    world = ecomap(record, service_names=None)
    notice = {"changed": "Your answer has been changed",
              "removed": "Your answer has been removed"}.get(request.query.get("done", ""))
    return render(request, "record.html", record=record, sections=record_sections(record),
                  name_title=section_titles()["preferred_name"], notice=notice, world=world)


@routes.get("/record.json")
async def record_json(request: web.Request) -> web.Response:
    conversation_id = await require_conversation(request)
    record = await conversations(request).record(conversation_id)
    body = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    filename = f"my-answers-{record['reference']}.json"
    return web.Response(text=body, content_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@routes.get("/record/print")
async def record_print(request: web.Request) -> web.Response:
    conversation_id = await require_conversation(request)
    record = await conversations(request).record(conversation_id)
    world = ecomap(record, service_names=None)  # service names: see record_page
    return render(request, "print.html", record=record, sections=record_sections(record), today=dt.date.today(),
                  name_title=section_titles()["preferred_name"], world=world)


def _section_title(section: str) -> str:
    return section_titles()[section]


async def _entry_for(request: web.Request, conversation_id: str, section: str, item: str) -> dict:
    record = await conversations(request).record(conversation_id)
    return find_entry(record, section, item)


@routes.get("/record/change")
async def change_page(request: web.Request) -> web.Response:
    conversation_id = await require_conversation(request)
    section, item = request.query.get("section", ""), request.query.get("item", "")
    entry = await _entry_for(request, conversation_id, section, item)
    return render(request, "change.html", section=section, item=item, entry=entry,
                  section_title=_section_title(section), text=entry["text"])


@routes.post("/record/change")
async def change(request: web.Request) -> web.Response:
    form = await checked_form(request)
    conversation_id = await require_conversation(request)
    section, item = field(form, "section"), field(form, "item")
    entry = await _entry_for(request, conversation_id, section, item)
    text = normalise_text(field(form, "text"))
    empty = "Enter a name, or go back and remove it" if section == "preferred_name" else \
        "Enter your answer, or go back and remove it"
    problem = message_problem(text, empty)
    if problem:
        return render(request, "change.html", status=400, section=section, item=item, entry=entry,
                      section_title=_section_title(section), text=text,
                      errors=[{"href": "#text", "text": problem, "field": "text"}])
    await conversations(request).change_item(conversation_id, section, item_id(section, item), text)
    return see_other("/record?done=changed")


@routes.get("/record/remove")
async def remove_page(request: web.Request) -> web.Response:
    conversation_id = await require_conversation(request)
    section, item = request.query.get("section", ""), request.query.get("item", "")
    entry = await _entry_for(request, conversation_id, section, item)
    return render(request, "remove.html", section=section, item=item, entry=entry,
                  section_title=_section_title(section))


@routes.post("/record/remove")
async def remove(request: web.Request) -> web.Response:
    form = await checked_form(request)
    conversation_id = await require_conversation(request)
    section, item = field(form, "section"), field(form, "item")
    await _entry_for(request, conversation_id, section, item)
    await conversations(request).remove_item(conversation_id, section, item_id(section, item))
    return see_other("/record?done=removed")


@routes.get("/delete")
async def delete_page(request: web.Request) -> web.Response:
    conversation_id = await require_conversation(request)
    record = await conversations(request).record(conversation_id)
    return render(request, "delete.html", record=record)


@routes.post("/delete")
async def delete(request: web.Request) -> web.Response:
    await checked_form(request)
    conversation_id = await require_conversation(request)
    await conversations(request).delete(conversation_id)
    response = see_other("/deleted")
    clear_session(response)
    return response


@routes.get("/deleted")
async def deleted_page(request: web.Request) -> web.Response:
    return render(request, "deleted.html", has_session=False)
