"""The start page and the conversation page: the question first, the messages, the
moves, and after each turn back to the latest question (or, with JavaScript, the turn
as JSON); the help page."""
from __future__ import annotations

import re
from typing import Optional

from aiohttp import web

from bot import config
from bot.gateway.pages.common import (
    FIRST_CODE_COOKIE,
    FIRST_CODE_SECONDS,
    PAGE_MOVES,
    _cookie,
    checked_form,
    clear_session,
    conversations,
    current_conversation,
    field,
    help_routes,
    latest_run,
    message_problem,
    normalise_text,
    paused_details,
    progress_for,
    quick_replies,
    render,
    require_conversation,
    routes,
    see_other,
    set_session,
    wants_json,
)
from bot.gateway.service import (
    BadRequest,
)
from bot.stages import SAFETY_STEPS


@routes.get("/")
async def start_page(request: web.Request) -> web.Response:
    in_progress = await current_conversation(request) is not None
    return render(request, "start.html", in_progress=in_progress, days=config.retention_days(), who=None)


@routes.post("/start")
async def start(request: web.Request) -> web.Response:
    form = await checked_form(request)
    who = field(form, "who")
    if who not in ("self", "on_behalf"):
        in_progress = await current_conversation(request) is not None
        return render(request, "start.html", status=400, in_progress=in_progress, days=config.retention_days(),
                      who=None, errors=[{"href": "#who", "text": "Select who is filling this in", "field": "who"}])
    result = await conversations(request).create(who)
    response = see_other("/conversation")
    set_session(request, response, result["token"])
    # The first code is shown on the conversation page for a while, so a person who
    # closes the page without pausing can still come back.
    _cookie(request, response, FIRST_CODE_COOKIE, f"{result['reference']}.{result['resume_code']}",
            max_age=FIRST_CODE_SECONDS)
    return response


@routes.get("/start")
async def start_get(request: web.Request) -> web.Response:
    return see_other("/")


async def conversation_page(request: web.Request, conversation_id: str, *, status: int = 200,
                            errors: Optional[list] = None, text: str = "") -> web.Response:
    service = conversations(request)
    record = await service.record(conversation_id)
    lines = await service.transcript(conversation_id)
    latest = latest_run(lines)
    return render(
        request, "conversation.html", status=status, errors=errors or [], text=text,
        transcript=lines, latest=latest, shown_from=current_exchange(lines, latest),
        quick_replies=quick_replies(lines),
        progress=progress_for(record["stage"]), record=record,
        paused=paused_details(record, lines[latest:]), moves=PAGE_MOVES,
        first_code=first_code(request, record), help_now=help_routes(lines, record["step"] in SAFETY_STEPS),
    )


def current_exchange(lines: list[dict], latest: int) -> int:
    """Where the conversation page starts showing messages: the person's last message
    before the assistant's latest ones (earlier messages are folded away)."""
    return latest - 1 if latest > 0 and lines[latest - 1]["from"] == "person" else latest


def first_code(request: web.Request, record: dict) -> Optional[dict]:
    """The reference and first resume code, while the start cookie lasts and no pause
    has issued a newer code."""
    value = request.cookies.get(FIRST_CODE_COOKIE, "")
    reference, _, code = value.partition(".")
    if reference != record["reference"] or not re.fullmatch(r"\d{6}", code) or record["paused_at"]:
        return None
    return {"reference": reference, "code": code}


@routes.get("/conversation")
async def conversation(request: web.Request) -> web.Response:
    conversation_id = await require_conversation(request)
    return await conversation_page(request, conversation_id)


async def after_turn(request: web.Request, conversation_id: str, result: dict) -> web.Response:
    """No JavaScript: back to the page, at the latest messages. JavaScript: the turn as JSON."""
    gives_help = any(m.get("route") for m in result["messages"])
    if not wants_json(request):  # the help lines are at the top of the page: go there first
        return see_other("/conversation#help-now" if gives_help else "/conversation#latest")
    messages = [{"from": "assistant", "text": m.get("text") or "", "buttons": m.get("buttons") or [],
                 **{name: m[name] for name in ("route", "resume") if m.get(name)}} for m in result["messages"]]
    paused = None
    if result["status"] == "paused":
        paused = paused_details(await conversations(request).record(conversation_id), messages)
    help_now = help_routes(messages, False) if gives_help else None  # None: keep what is shown
    if not gives_help and not await conversations(request).in_safety_questions(conversation_id):
        help_now = []
    return web.json_response({
        "messages": messages,
        "quick_replies": quick_replies(messages),
        "stage": result["stage"],
        "status": result["status"],
        "progress": progress_for(result["stage"]),
        "paused": paused,
        "safety": result.get("safety") or {"flagged": False},
        "help_now": help_now,
    })


def erased(request: web.Request) -> web.Response:
    """The conversation was erased: say so, and forget the session."""
    response = web.json_response({"redirect": "/deleted"}) if wants_json(request) else see_other("/deleted")
    clear_session(response)
    return response


@routes.post("/conversation")
async def send(request: web.Request) -> web.Response:
    form = await checked_form(request)
    conversation_id = await require_conversation(request)
    text = normalise_text(field(form, "text"))
    problem = message_problem(text)
    if problem:
        if wants_json(request):
            return web.json_response({"error": {"code": "bad_request", "message": problem, "field": "text"}},
                                     status=400)
        return await conversation_page(request, conversation_id, status=400, text=text,
                                       errors=[{"href": "#text", "text": problem, "field": "text"}])
    result = await conversations(request).send(conversation_id, text)
    if result["status"] == "deleted":  # "delete everything", confirmed in the chat
        return erased(request)
    return await after_turn(request, conversation_id, result)


@routes.post("/conversation/control")
async def control(request: web.Request) -> web.Response:
    form = await checked_form(request)
    conversation_id = await require_conversation(request)
    move = field(form, "move")
    if move not in PAGE_MOVES:
        raise BadRequest("That button is not one we know.")
    result = await conversations(request).control(conversation_id, move)
    return await after_turn(request, conversation_id, result)


@routes.get("/conversation/control")
async def control_get(request: web.Request) -> web.Response:
    return see_other("/conversation")


@routes.get("/help")
async def help_page(request: web.Request) -> web.Response:
    return render(request, "help.html")
