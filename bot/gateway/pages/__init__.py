"""The web pages: GOV.UK Design System pages for the self-assessment conversation, by
what they serve: `conversation` (start, the conversation, help), `record` (check,
change, remove, download, print, delete), `resume`, `info` (privacy, cookies,
accessibility); `common` holds what they share.

Every action is a plain HTML form POST that answers with a redirect (POST/redirect/GET),
so the pages work without JavaScript. `static/app.js` then sends the same forms with
fetch() and `Accept: application/json` and adds the replies to the page in place.
"""
from __future__ import annotations

import jinja2
from aiohttp import web

from bot.gateway import keys
from bot.gateway.pages import conversation, info, record, resume  # noqa: F401 - they register their routes
from bot.gateway.pages.common import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    FIRST_CODE_COOKIE,
    FIRST_CODE_SECONDS,
    GOVUK_FRONTEND,
    LIST_SECTIONS,
    SESSION_COOKIE,
    STATIC,
    TEMPLATES,
    field_error,
    html_error,
    long_date,
    page_errors,
    routes,
)
from bot.gateway.pages.info import ACCESSIBILITY_STATEMENT_DATE

__all__ = ["setup", "html_error", "long_date", "SESSION_COOKIE", "CSRF_COOKIE", "CSRF_FIELD", "CSRF_HEADER",
           "FIRST_CODE_COOKIE", "FIRST_CODE_SECONDS", "LIST_SECTIONS", "STATIC", "ACCESSIBILITY_STATEMENT_DATE"]


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
