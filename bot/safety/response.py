"""The safety response: help that fits the risk, first (product guide, section 5).

Which help lines come first for each kind is decided here; the words are in
`bot/prompts.yml` (`safety:`), and the council's numbers and hours come from the
council settings. Each help line is sent with its numbers as data (`Say.route`), so
the page builds real `tel:` links from data, never from the text.

- suicide, self-harm: Samaritans and NHS 111 (option 2) first, then 999; the next
  question asks, kindly, whether they are safe right now;
- immediate danger, a fall: 999 (text relay 18000) first;
- abuse, financial abuse, neglect, someone else at risk: 999 if in danger now, then the
  council's safeguarding line with its hours;
- a carer at breaking point: 999 if anyone is in danger now, then the council, then
  Samaritans;
- a flag with no kind (the NLU layer alone): all of them, 999 first.
"""
from __future__ import annotations

import re
from typing import Iterable

from bot.wording import Say, council_fields, prompts

EMERGENCY_FIRST = ("danger", "fall")
MENTAL_HEALTH = ("suicide", "self_harm")
SAFEGUARDING = ("abuse", "financial_abuse", "neglect", "others_at_risk")

# The order in which a kind's opening line is chosen when several kinds are found.
PRIORITY = ("danger", "fall", "suicide", "self_harm", "others_at_risk", "abuse", "neglect", "financial_abuse",
            "carer_breakdown")


def routes_for(kinds: Iterable[str]) -> list[str]:
    """The help lines for these kinds, most important first."""
    kinds = set(kinds)
    order: list[str] = []

    def add(*routes: str) -> None:
        order.extend(route for route in routes if route not in order)

    if kinds & set(EMERGENCY_FIRST):
        add("emergency_now")
    if kinds & set(MENTAL_HEALTH):
        add("samaritans", "nhs111")
    if kinds & set(SAFEGUARDING):
        add("emergency", "safeguarding")
    if "carer_breakdown" in kinds:
        add("emergency", "carers", "samaritans")
    if not order:
        add("emergency", "samaritans", "nhs111", "safeguarding")
    if "emergency_now" not in order:
        add("emergency")
    return order


def asks_if_safe(kinds: Iterable[str]) -> bool:
    """Thoughts of suicide or self-harm: ask whether they are safe right now."""
    return bool(set(kinds) & set(MENTAL_HEALTH))


def _tel(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


def route(name: str) -> Say:
    """One help line: its words, and its numbers as data for the page."""
    entry = prompts()["safety"]["routes"][name]
    fields = council_fields()
    calls = [{"label": label.format(**fields), "number": number.format(**fields),
              "tel": _tel(number.format(**fields))} for label, number in entry["calls"]]
    return Say(entry["text"].format(**fields), route={"id": name, "calls": calls})


def opening(kinds: Iterable[str]) -> Say:
    kinds = set(kinds)
    first = next((kind for kind in PRIORITY if kind in kinds), "unknown")
    return Say(prompts()["safety"]["opening"][first].format(**council_fields()))


def lines(kinds: Iterable[str]) -> list[Say]:
    """Everything said at once: a kind word, then the help lines in order, then what
    happens if they ask for it to be passed on."""
    kinds = list(kinds)
    says = [opening(kinds)] + [route(name) for name in routes_for(kinds)]
    says.append(Say(prompts()["safety"]["pass_on_explained"].format(**council_fields())))
    return says
