"""The aiohttp application: routes, security headers, rate limits and error bodies."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from bot import config
from bot.gateway import api, keys, pages
from bot.gateway.rasa_client import AssistantUnavailable, RasaClient
from bot.gateway.ratelimit import RateLimited, RateLimiter, client_key
from bot.gateway.service import BadRequest, Conversations, NotFound, ResumeLocked, WrongResumeCode
from bot.store import Store

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
# No inline scripts or styles anywhere: every script and stylesheet is a file we serve.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}


@dataclass
class GatewaySettings:
    rasa_url: str = "http://127.0.0.1:5005"
    action_url: str = "http://127.0.0.1:5055"
    database_url: str = field(default_factory=config.database_url)
    requests_per_minute: int = field(default_factory=lambda: int(os.environ.get("SBC_REQUESTS_PER_MINUTE", "120")))
    resume_failures_per_15_minutes: int = 10
    secure_cookies: bool = field(default_factory=lambda: os.environ.get("SBC_SECURE_COOKIES", "0") == "1")


ERRORS = {
    BadRequest: (400, "bad_request"),
    NotFound: (404, "not_found"),
    WrongResumeCode: (401, "wrong_resume_code"),
    ResumeLocked: (423, "resume_locked"),
    RateLimited: (429, "rate_limited"),
    AssistantUnavailable: (502, "assistant_unavailable"),
}
MESSAGES = {
    NotFound: "No such conversation, or this token is not for it.",
    WrongResumeCode: "That reference and resume code do not match.",
    ResumeLocked: "Too many wrong codes for this reference. Please call the council.",
    RateLimited: "Too many requests. Please wait a little and try again.",
    AssistantUnavailable: "Sorry, the assistant could not answer just now. Your answers so far are saved. "
                          "Please try again in a minute.",
}


def error_response(request: web.Request, error: Exception) -> web.StreamResponse:
    status, code = next(value for kind, value in ERRORS.items() if isinstance(error, kind))
    text = str(error) if isinstance(error, BadRequest) else MESSAGES[type(error)]
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else None
    if isinstance(error, AssistantUnavailable):
        logger.error("assistant unavailable: %s", error)
    pages = request.app.get(keys.HTML_ERROR)
    if pages is not None and not request.path.startswith(("/api/", "/healthz")):
        return pages(request, status, text, headers)
    return web.json_response({"error": {"code": code, "message": text}}, status=status, headers=headers)


@web.middleware
async def errors(request: web.Request, handler):
    try:
        return await handler(request)
    except tuple(ERRORS) as error:
        return error_response(request, error)
    except web.HTTPRequestEntityTooLarge:
        return error_response(request, BadRequest(f"the request body is larger than {MAX_BODY_BYTES} bytes"))


@web.middleware
async def security_headers(request: web.Request, handler):
    try:
        response = await handler(request)
    except web.HTTPException as exception:  # 404s and redirects get the headers too
        _add_security_headers(request, exception.headers)
        raise
    _add_security_headers(request, response.headers)
    return response


def _add_security_headers(request: web.Request, headers) -> None:
    for name, value in SECURITY_HEADERS.items():
        if name == "Cache-Control" and request.path.startswith("/assets/"):
            continue  # static assets may be cached
        headers.setdefault(name, value)


@web.middleware
async def rate_limit(request: web.Request, handler):
    limiter: RateLimiter = request.app[keys.REQUESTS]
    client = client_key(request)
    if not request.path.startswith("/assets/") and not limiter.allow(client):
        return error_response(request, RateLimited(limiter.retry_after(client)))
    return await handler(request)


def create_app(settings: GatewaySettings | None = None) -> web.Application:
    settings = settings or GatewaySettings()
    app = web.Application(middlewares=[security_headers, errors, rate_limit], client_max_size=MAX_BODY_BYTES)
    app[keys.SETTINGS] = settings
    app[keys.REQUESTS] = RateLimiter(settings.requests_per_minute, 60)
    app[keys.RESUME_FAILURES] = RateLimiter(settings.resume_failures_per_15_minutes, 15 * 60)
    app.add_routes(api.routes)
    pages.setup(app)

    async def start(app: web.Application) -> None:
        app[keys.HTTP] = aiohttp.ClientSession()
        app[keys.STORE] = Store(settings.database_url)
        app[keys.CONVERSATIONS] = Conversations(app[keys.STORE], RasaClient(app[keys.HTTP], settings.rasa_url,
                                                                      settings.action_url))

    async def stop(app: web.Application) -> None:
        await app[keys.HTTP].close()
        app[keys.STORE].dispose()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
    return app


def run(host: str, port: int, settings: GatewaySettings) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    web.run_app(create_app(settings), host=host, port=port, print=lambda text: print(text, flush=True))
