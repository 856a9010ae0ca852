"""The information pages (bot/gateway/pages/info.py): help, privacy, cookies and accessibility."""
from __future__ import annotations

from bot.gateway import pages
from tests.gateway.pages.helpers import get_page, visible_text


async def test_help_page_has_the_numbers(client):
    status, html = await get_page(client, "/help")
    assert status == 200
    text = visible_text(html)
    for words in ("999", "18000", "111", "option 2", "Samaritans", "116 123", "Brackenford Council",
                  "01632 960 200", "01632 960 100", "01632 960 999"):
        assert words in text, words
    assert 'href="tel:116123"' in html


async def test_privacy_cookies_and_accessibility_pages_are_linked_from_every_page(client):
    for path in ("/", "/help", "/resume", "/privacy", "/cookies", "/accessibility"):
        status, html = await get_page(client, path)
        assert status == 200, path
        for link in ('href="/privacy"', 'href="/cookies"', 'href="/accessibility"'):
            assert link in html, (path, link)
    status, html = await get_page(client, "/privacy")
    text = visible_text(html)
    for words in ("Brackenford Council", "data controller", "30 days", "Delete everything", "Information Commissioner"):
        assert words in text, words
    status, html = await get_page(client, "/cookies")
    text = visible_text(html)
    for name in (pages.SESSION_COOKIE, pages.CSRF_COOKIE, pages.FIRST_CODE_COOKIE):
        assert name in text, name  # every cookie the pages set is described
    assert "After 1 hour" in text and pages.FIRST_CODE_SECONDS == 3600
    status, html = await get_page(client, "/accessibility")
    text = visible_text(html)
    for words in ("partially compliant", "WCAG", "2.2 AA", "Equality and Human Rights Commission",
                  "01632 960 100", pages.ACCESSIBILITY_STATEMENT_DATE):
        assert words in text, words
