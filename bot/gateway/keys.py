"""Typed keys for what the gateway keeps on its aiohttp application."""
from __future__ import annotations

from typing import Any, Callable

import aiohttp
import jinja2
from aiohttp import web

SETTINGS = web.AppKey("settings", Any)  # GatewaySettings
REQUESTS = web.AppKey("requests", Any)  # RateLimiter: every request, per client
RESUME_FAILURES = web.AppKey("resume_failures", Any)  # RateLimiter: wrong resume codes, per client
HTTP = web.AppKey("http", aiohttp.ClientSession)
STORE = web.AppKey("store", Any)  # Store
CONVERSATIONS = web.AppKey("conversations", Any)  # Conversations
HTML_ERROR = web.AppKey("html_error", Callable)
TEMPLATES = web.AppKey("pages_templates", jinja2.Environment)
