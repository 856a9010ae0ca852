"""The web pages: GOV.UK Design System pages for the self-assessment conversation.

Every action is a plain HTML form POST that answers with a redirect (POST/redirect/GET),
so the pages work without JavaScript. `static/app.js` then sends the same forms with
fetch() and `Accept: application/json` and adds the replies to the page in place.

Sessions: the conversation token the service issues lives only in an HttpOnly,
SameSite=Strict cookie, never in a URL. Forms carry a double-submit CSRF token: a
random value in the `sbc_csrf` cookie and the same value in a hidden field (or, from
JavaScript, the `X-CSRF-Token` header).

Everything the person or the assistant wrote is rendered as text: Jinja2 autoescapes
every template, and app.js only ever sets `textContent`.
"""
from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import math
import re
import secrets
from pathlib import Path
from typing import Optional

import jinja2
from aiohttp import web

from bot import config, sections
from bot.ecomap import ecomap
from bot.gateway import api, keys
from bot.gateway.rasa_client import AssistantUnavailable
from bot.gateway.ratelimit import RateLimited
from bot.stages import SAFETY_STEPS
from bot.gateway.service import (
    MAX_MESSAGE_LENGTH,
    BadRequest,
    Conversations,
    NotFound,
    ResumeLocked,
    WrongResumeCode,
    stage_progress,
)
from bot.wording import council_fields, prompts

logger = logging.getLogger(__name__)

SERVICE_NAME = "Tell us what matters to you"
SESSION_COOKIE = "sbc_session"
CSRF_COOKIE = "sbc_csrf"
FIRST_CODE_COOKIE = "sbc_first_code"
FIRST_CODE_SECONDS = 3600  # the /cookies page says "after 1 hour"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
GOVUK_FRONTEND = config.ROOT / "web" / "node_modules" / "govuk-frontend" / "dist" / "govuk"

# The moves the conversation page has buttons for (service.control runs them).
PAGE_MOVES = ("pause", "ask_why", "help", "handoff")
# Record sections that are lists of items, in the order the conversation asks for them.
LIST_SECTIONS = sections.LIST_NAMES
WILLING = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}
# Errors that app.py's `errors` middleware turns into error pages: let them through.
SERVICE_ERRORS = (BadRequest, NotFound, WrongResumeCode, ResumeLocked, RateLimited, AssistantUnavailable)

ERROR_TITLES = {
    400: "There is a problem",
    403: "Sorry, we could not accept that form",
    404: "Page not found",
    405: "Page not found",
    429: "Too many requests",
    500: "Sorry, there is a problem with the service",
    502: "Sorry, there is a problem with the service",
    503: "Sorry, the service is unavailable",
}
ERROR_CODES = {400: "bad_request", 403: "csrf_failed", 404: "not_found", 405: "not_found", 429: "rate_limited",
               500: "server_error", 502: "assistant_unavailable", 503: "unavailable"}

routes = web.RouteTableDef()


class CsrfRejected(Exception):
    """The form's CSRF token is missing or does not match the cookie."""


# ---------------------------------------------------------------------------- setup


def setup(app: web.Application) -> None:
    """Register the pages, the assets and `app[keys.HTML_ERROR]`."""
    if not (GOVUK_FRONTEND / "govuk-frontend.min.css").is_file():
        raise RuntimeError(
            f"GOV.UK Frontend is not installed: {GOVUK_FRONTEND} is missing. "
            "Run `make install` (it runs `npm ci --prefix web`) and start the gateway again."
        )
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its name: bot and person text is never markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["long_date"] = long_date
    environment.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    app[keys.TEMPLATES] = environment
    app.router.add_static("/assets/govuk/", GOVUK_FRONTEND, name="govuk_assets", append_version=True)
    app.router.add_static("/assets/app/", STATIC, name="app_assets", append_version=True)
    app.add_routes(routes)
    app.middlewares.append(page_errors)
    app.on_response_prepare.append(asset_caching)
    app[keys.HTML_ERROR] = html_error

    versions: dict[tuple[str, str], str] = {}

    def asset(area: str, filename: str) -> str:
        """The URL of a static file, with a content hash so browsers fetch new versions."""
        key = (area, filename)
        if key not in versions:
            versions[key] = str(app.router[f"{area}_assets"].url_for(filename=filename))
        return versions[key]

    environment.globals["asset"] = asset
    environment.globals["field_error"] = field_error


async def asset_caching(request: web.Request, response: web.StreamResponse) -> None:
    """Assets with a content hash (?v=) never change; others (app.js imports GOV.UK's
    module by a fixed URL) are checked each time (ETag), so that after an upgrade a
    browser never runs an old GOV.UK Frontend script with the new stylesheet."""
    if request.path.startswith("/assets/") and response.status in (200, 304):
        response.headers["Cache-Control"] = (
            "public, max-age=31536000, immutable" if "v" in request.query else "no-cache")


# ---------------------------------------------------------------------------- helpers


def conversations(request: web.Request) -> Conversations:
    return request.app[keys.CONVERSATIONS]


def wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def is_page(request: web.Request) -> bool:
    return not request.path.startswith(("/api/", "/healthz"))


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


def _cookie(request: web.Request, response: web.StreamResponse, name: str, value: str,
            max_age: Optional[int] = None) -> None:
    response.set_cookie(name, value, path="/", httponly=True, samesite="Strict", max_age=max_age,
                        secure=bool(request.app[keys.SETTINGS].secure_cookies))


def set_session(request: web.Request, response: web.StreamResponse, token: str) -> None:
    """Keep the conversation token in a cookie that lasts until the browser closes."""
    _cookie(request, response, SESSION_COOKIE, token)


def clear_session(response: web.StreamResponse) -> None:
    response.del_cookie(SESSION_COOKIE, path="/")
    response.del_cookie(FIRST_CODE_COOKIE, path="/")


def csrf_token(request: web.Request) -> str:
    """This browser's CSRF token: the cookie's, or a new one that render() sets."""
    token = request.get("csrf_token")
    if token is None:
        token = request.cookies.get(CSRF_COOKIE, "")
        if not re.fullmatch(r"[A-Za-z0-9_-]{32,64}", token):
            token = secrets.token_urlsafe(32)
            request["csrf_new"] = True
        request["csrf_token"] = token
    return token


async def checked_form(request: web.Request):
    """The posted form, if its CSRF token matches the cookie; else CsrfRejected (403)."""
    form = await request.post()
    cookie = request.cookies.get(CSRF_COOKIE) or ""
    sent = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD) or ""
    if not cookie or not isinstance(sent, str) or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise CsrfRejected()
    return form


def field(form, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


async def current_conversation(request: web.Request) -> Optional[str]:
    """The conversation id the session cookie's token was issued for, or None."""
    return await conversations(request).conversation_for_token(request.cookies.get(SESSION_COOKIE))


async def require_conversation(request: web.Request) -> str:
    """The session's conversation, or a redirect to the start page (clearing a dead cookie)."""
    conversation_id = await current_conversation(request)
    if conversation_id is None:
        redirect = web.HTTPSeeOther("/")
        if request.cookies.get(SESSION_COOKIE):
            clear_session(redirect)
        raise redirect
    return conversation_id


def long_date(value) -> str:
    """"2 December 2026" (GOV.UK style) from a date or the record's ISO time."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.rstrip("Z"))
    return f"{value.day} {value:%B %Y}" if value else ""


def render(request: web.Request, template: str, *, status: int = 200, headers=None, **context) -> web.Response:
    """A page from templates/, with what every page needs, and the CSRF cookie if new."""
    token = csrf_token(request)
    has_session = context.pop("has_session", bool(request.cookies.get(SESSION_COOKIE)))
    navigation = [{"href": "/help", "text": "Get help now"}]
    if has_session:
        navigation[:0] = [{"href": "/conversation", "text": "Your conversation"},
                          {"href": "/record", "text": "Check your answers"}]
    for item in navigation:
        item["current"] = request.path == item["href"]
    values = {"csrf": token, "service_name": SERVICE_NAME, "council": council_fields(), "has_session": has_session,
              "navigation": navigation, "errors": [], "max_length": MAX_MESSAGE_LENGTH, **context}
    html = request.app[keys.TEMPLATES].get_template(template).render(values)
    response = web.Response(text=html, content_type="text/html", status=status, headers=headers)
    if request.get("csrf_new"):
        _cookie(request, response, CSRF_COOKIE, token)
    return response


def message_problem(text: str, empty: str = "Enter your answer") -> Optional[str]:
    if not text.strip():
        return empty
    if len(text) > MAX_MESSAGE_LENGTH:
        return f"Your answer must be {MAX_MESSAGE_LENGTH:,} characters or fewer"
    return None


def normalise_text(text: str) -> str:
    """Browsers send textarea line breaks as CRLF; count and store them as one character."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def progress_for(stage: str) -> dict:
    """The progress line: "Step 5 of 11: What you are good at"."""
    progress = stage_progress(stage)
    if stage == "done":
        caption = "Finished"
        text = "Finished"
    else:
        caption = f"Step {progress['number']} of {progress['of']}"
        text = f"{caption}: {progress['label']}"
    return {**progress, "caption": caption, "text": text}


def latest_run(lines: list[dict]) -> int:
    """Index of the first of the assistant's latest messages (the last line if none)."""
    index = len(lines)
    while index > 0 and lines[index - 1]["from"] == "assistant":
        index -= 1
    return index if index < len(lines) else max(len(lines) - 1, 0)


def paused_details(record: dict, latest: list[dict]) -> Optional[dict]:
    """The reference and (if it is in the latest messages) the resume code, after a pause."""
    if record["status"] != "paused" or not record["consent"]:
        return None
    code = next((line["resume"]["code"] for line in reversed(latest) if line.get("resume")), None)
    return {"reference": record["reference"], "code": code, "days": config.retention_days()}


_TEL = re.compile(r"^tel:\+?\d{3,15}$")


def help_routes(lines: list[dict], in_safety: bool) -> list[dict]:
    """The help lines to show first, at the top of the page: those of the latest
    safety response, while its questions are still being answered (or if the latest
    messages have any). Built from the routes' data; only well-formed `tel:` links."""
    latest = lines[latest_run(lines):]
    source = latest if any(line.get("route") for line in latest) else lines if in_safety else []
    group: list[dict] = []
    for line in reversed(source):
        if line.get("route"):
            group.insert(0, line)
        elif group:
            break
    return [{"id": line["route"].get("id"), "text": line["text"],
             "calls": [call for call in line["route"].get("calls") or [] if _TEL.match(str(call.get("tel") or ""))]}
            for line in group]


def quick_replies(lines: list[dict]) -> list[dict]:
    if not lines or lines[-1]["from"] != "assistant":
        return []
    return [{"title": b.get("title") or b.get("payload") or "", "payload": b.get("payload") or ""}
            for b in lines[-1].get("buttons") or [] if b.get("payload")]


def section_titles() -> dict:
    return prompts()["section_titles"]


def section_entries(record: dict, section: str) -> list[dict]:
    """One record section as rows to show: id, the person's words, and details."""
    if section.startswith("strengths_"):
        category = section.removeprefix("strengths_")
        rows = [entry for entry in record["strengths"] if entry["category"] == category]
    else:
        rows = record[section]
    entries = []
    for number, row in enumerate(rows, start=1):
        details = []
        text = row.get("activity") if section == "positive_risks" else row.get("text")
        if section == "strengths_family":
            if row.get("who"):
                details.append(("Who", row["who"]))
            if row.get("willing"):
                details.append(("Would they want to be involved", WILLING.get(row["willing"], row["willing"])))
        if section == "outcomes":
            if row.get("scale_now") is not None:
                details.append(("Where you are now", f"{row['scale_now']} out of 10"))
            if row.get("scale_goal") is not None:
                details.append(("Where you want to get to", f"{row['scale_goal']} out of 10"))
        if section == "positive_risks":
            if row.get("concern"):
                details.append(("What worries people", row["concern"]))
            if row.get("safer"):
                details.append(("What would help", row["safer"]))
        entries.append({"id": row["id"], "number": number, "text": text or "", "details": details})
    return entries


def record_sections(record: dict) -> list[dict]:
    titles = section_titles()
    return [{"key": key, "title": titles[key], "entries": section_entries(record, key)} for key in LIST_SECTIONS]


def find_entry(record: dict, section: str, item: str) -> dict:
    """The entry the change and remove pages are about, or NotFound (a 404 page)."""
    if section == "preferred_name":
        return {"id": None, "number": None, "text": record.get("preferred_name") or "", "details": []}
    if section not in LIST_SECTIONS or not item.isdigit():
        raise NotFound(section)
    for entry in section_entries(record, section):
        if entry["id"] == int(item):
            return entry
    raise NotFound(section)


def item_id(section: str, item: str) -> Optional[int]:
    return None if section == "preferred_name" else (int(item) if item.isdigit() else -1)


# ---------------------------------------------------------------------------- errors


def html_error(request: web.Request, status: int, text: str, headers=None) -> web.Response:
    """An error page in the GOV.UK style (or a JSON error for the page's own fetch() calls)."""
    if wants_json(request):
        return web.json_response({"error": {"code": ERROR_CODES.get(status, "error"), "message": text}},
                                 status=status, headers=headers)
    retry_after = None
    if headers and headers.get("Retry-After"):
        seconds = int(headers["Retry-After"])
        minutes = max(1, math.ceil(seconds / 60))
        retry_after = "1 minute" if minutes == 1 else f"{minutes} minutes"
    return render(request, "error.html", status=status, headers=headers, status_code=status,
                  title=ERROR_TITLES.get(status, "There is a problem"), message=text, retry_after=retry_after)


def csrf_rejected(request: web.Request) -> web.Response:
    return html_error(request, 403, "The form could not be checked. Reload the page and try again.")


@web.middleware
async def page_errors(request: web.Request, handler):
    """GOV.UK pages for the errors app.py does not handle: unknown pages, CSRF failures
    and unexpected exceptions. Service errors go on to app.py's `errors` middleware."""
    try:
        return await handler(request)
    except CsrfRejected:
        return csrf_rejected(request)
    except web.HTTPException as error:
        if error.status in (404, 405) and is_page(request):
            return html_error(request, 404, "Page not found")
        raise
    except SERVICE_ERRORS:
        raise
    except Exception:
        if not is_page(request):
            raise
        logger.exception("page %s %s failed", request.method, request.path)
        return html_error(request, 500, "Sorry, something went wrong. Your answers so far are saved.")


# ---------------------------------------------------------------------------- start


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


# ---------------------------------------------------------------------------- conversation


async def conversation_page(request: web.Request, conversation_id: str, *, status: int = 200,
                            errors: Optional[list] = None, text: str = "") -> web.Response:
    service = conversations(request)
    record = await service.record(conversation_id)
    lines = await service.transcript(conversation_id)
    latest = latest_run(lines)
    return render(
        request, "conversation.html", status=status, errors=errors or [], text=text,
        transcript=lines, latest=latest, quick_replies=quick_replies(lines),
        progress=progress_for(record["stage"]), record=record,
        paused=paused_details(record, lines[latest:]), moves=PAGE_MOVES,
        first_code=first_code(request, record), help_now=help_routes(lines, record["step"] in SAFETY_STEPS),
    )


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


# ---------------------------------------------------------------------------- help


@routes.get("/help")
async def help_page(request: web.Request) -> web.Response:
    return render(request, "help.html")


# ------------------------------------------------------- privacy, cookies, accessibility

ACCESSIBILITY_STATEMENT_DATE = "2 December 2026"  # when the statement was last reviewed


@routes.get("/privacy")
async def privacy_page(request: web.Request) -> web.Response:
    return render(request, "privacy.html", days=config.retention_days())


@routes.get("/cookies")
async def cookies_page(request: web.Request) -> web.Response:
    cookies = [
        {"name": SESSION_COOKIE, "purpose": "Keeps your place in the conversation.",
         "expires": "When you close your browser, or delete everything"},
        {"name": CSRF_COOKIE, "purpose": "Keeps your answers safe: it makes sure only this site can send them.",
         "expires": "When you close your browser"},
        {"name": FIRST_CODE_COOKIE, "purpose": "Shows you your reference and code for a while after you start, "
                                               "so you can come back even if you did not stop on purpose.",
         "expires": "After 1 hour"},
    ]
    return render(request, "cookies.html", cookies=cookies)


@routes.get("/accessibility")
async def accessibility_page(request: web.Request) -> web.Response:
    return render(request, "accessibility.html", prepared_on=ACCESSIBILITY_STATEMENT_DATE)


# ---------------------------------------------------------------------------- record


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


# ---------------------------------------------------------------------------- delete


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


# ---------------------------------------------------------------------------- resume


def normalise_reference(reference: str) -> str:
    """"abcd efgh", "ABCDEFGH" and "ABCD-EFGH" are the same reference."""
    compact = re.sub(r"[\s\-]", "", reference).upper()
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else reference.strip().upper()


@routes.get("/resume")
async def resume_page(request: web.Request) -> web.Response:
    return render(request, "resume.html", reference="")


@routes.post("/resume")
async def resume(request: web.Request) -> web.Response:
    form = await checked_form(request)
    reference = normalise_reference(field(form, "reference"))
    code = re.sub(r"\s", "", field(form, "code"))
    errors = []
    if not reference:
        errors.append({"href": "#reference", "text": "Enter your reference", "field": "reference"})
    if not code:
        errors.append({"href": "#code", "text": "Enter your code", "field": "code"})
    elif not code.isdigit() or len(code) != 6:
        errors.append({"href": "#code", "text": "Your code must be 6 numbers, like 123456", "field": "code"})
    status, headers = 400, None
    if not errors:
        try:
            result = await api.limited_resume(request, reference, code)
        except WrongResumeCode:
            status = 401
            errors.append({"href": "#reference", "field": "reference",
                           "text": "The reference and code do not match. Check them and try again"})
        except ResumeLocked:
            status = 423
            council = council_fields()
            errors.append({"href": "#reference", "field": "reference",
                           "text": f"This reference is locked because the code was wrong too many times. "
                                   f"Call {council['council_name']} on {council['council_phone']} for help"})
        except RateLimited as limited:
            status, headers = 429, {"Retry-After": str(limited.retry_after)}
            minutes = max(1, math.ceil(limited.retry_after / 60))
            wait = "1 minute" if minutes == 1 else f"{minutes} minutes"
            errors.append({"href": "#reference", "field": "reference",
                           "text": f"You have tried too many times. Wait {wait} and try again"})
        else:
            response = see_other("/conversation#latest")
            set_session(request, response, result["token"])
            return response
    return render(request, "resume.html", status=status, headers=headers, reference=reference, errors=errors)


def field_error(errors: list[dict], name: str) -> Optional[str]:
    """The first error message for a form field (for the inline error)."""
    for error in errors:
        if error.get("field") == name:
            return error["text"]
    return None


__all__ = ["setup", "html_error", "SESSION_COOKIE", "CSRF_COOKIE", "CSRF_FIELD", "CSRF_HEADER"]
