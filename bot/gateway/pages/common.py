"""What every page shares: sessions and CSRF, rendering, the record's sections as the
pages show them, and the error pages.

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
import logging
import math
import re
import secrets
from pathlib import Path
from typing import Optional

from aiohttp import web

from bot import config, sections
from bot.gateway import keys
from bot.gateway.rasa_client import AssistantUnavailable
from bot.gateway.ratelimit import RateLimited
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


HERE = Path(__file__).resolve().parent.parent  # bot/gateway: templates/ and static/


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


def field_error(errors: list[dict], name: str) -> Optional[str]:
    """The first error message for a form field (for the inline error)."""
    for error in errors:
        if error.get("field") == name:
            return error["text"]
    return None
