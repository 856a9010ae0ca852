"""The public JSON API (documented in openapi.yaml, served at /api/openapi.yaml)."""
from __future__ import annotations

import json
from typing import Optional

from aiohttp import web

from bot.gateway import keys, service
from bot.gateway.ratelimit import RateLimited, client_key
from bot.gateway.service import BadRequest, Conversations, ResumeLocked, WrongResumeCode

routes = web.RouteTableDef()


def conversations(request: web.Request) -> Conversations:
    return request.app[keys.CONVERSATIONS]


async def json_object(request: web.Request) -> dict:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadRequest("the body must be JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    return body


def bearer(request: web.Request) -> Optional[str]:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def authorised(request: web.Request) -> str:
    conversation_id = request.match_info["conversation_id"]
    await conversations(request).authorise(bearer(request), conversation_id)
    return conversation_id


@routes.post("/api/conversations")
async def create(request: web.Request) -> web.Response:
    body = await json_object(request)
    result = await conversations(request).create(body.get("mode", "self"))
    return web.json_response(result, status=201)


@routes.post("/api/conversations/resume")
async def resume(request: web.Request) -> web.Response:
    body = await json_object(request)
    result = await limited_resume(request, body.get("reference"), body.get("resume_code"))
    return web.json_response(result)


async def limited_resume(request: web.Request, reference, code) -> dict:
    """Resume, counting wrong codes per client: too many and the client must wait."""
    failures = request.app[keys.RESUME_FAILURES]
    client = client_key(request)
    if failures.blocked(client):
        raise RateLimited(failures.retry_after(client))
    try:
        return await conversations(request).resume(reference, code)
    except (WrongResumeCode, ResumeLocked):
        failures.allow(client)
        raise


@routes.post("/api/conversations/{conversation_id}/messages")
async def message(request: web.Request) -> web.Response:
    conversation_id = await authorised(request)
    body = await json_object(request)
    return web.json_response(await conversations(request).send(conversation_id, body.get("text")))


@routes.get("/api/conversations/{conversation_id}/record")
async def record(request: web.Request) -> web.Response:
    conversation_id = await authorised(request)
    return web.json_response(await conversations(request).record(conversation_id))


@routes.delete("/api/conversations/{conversation_id}")
async def delete(request: web.Request) -> web.Response:
    conversation_id = await authorised(request)
    await conversations(request).delete(conversation_id)
    return web.Response(status=204)


@routes.get("/api/openapi.yaml")
async def openapi(request: web.Request) -> web.Response:
    return web.Response(text=service_openapi(), content_type="application/yaml")


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    health = await conversations(request).health()
    return web.json_response(health, status=200 if health["ok"] else 503)


def service_openapi() -> str:
    from pathlib import Path

    return (Path(service.__file__).with_name("openapi.yaml")).read_text(encoding="utf-8")
