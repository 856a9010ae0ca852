"""Coming back: the reference and resume code form."""
from __future__ import annotations

import math
import re

from aiohttp import web

from bot.gateway import api
from bot.gateway.pages.common import (
    checked_form,
    field,
    render,
    routes,
    see_other,
    set_session,
)
from bot.gateway.ratelimit import RateLimited
from bot.gateway.service import (
    ResumeLocked,
    WrongResumeCode,
)
from bot.wording import council_fields


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
