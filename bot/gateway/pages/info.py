"""The pages about the service: privacy, cookies and the accessibility statement."""
from __future__ import annotations

from aiohttp import web

from bot import config
from bot.gateway.pages.common import (
    CSRF_COOKIE,
    FIRST_CODE_COOKIE,
    SESSION_COOKIE,
    render,
    routes,
)

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
