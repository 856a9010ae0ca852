"""The keyword and phrase backstop for disclosures of risk (product guide, section 5).

It runs on every message, whatever the NLU model thinks, so a missed classification
cannot hide a disclosure. It is deliberately broad: a false alarm costs a kind
message, a miss could cost a life.
"""
from __future__ import annotations

import re

# Each pattern is matched against the lower-cased message with spaces normalised.
# Apostrophes are optional so "dont" and "don't" both match.
_PATTERNS = {
    "suicide": [
        r"\b(kill|killing|hang|hanging|drown)(ed)? ?my ?self\b",
        r"\bsuicid",
        r"\bend(ing)? (my (own )?life|it all)\b",
        r"\btake my (own )?life\b",
        r"\b(don'?t|do not) want to (be here|be alive|live|wake up)",
        r"\bwant to die\b",
        r"\bwish i was dead\b",
        r"\bbetter off (dead|without me)\b",
        r"\bno (point|reason) (in )?(living|going on|to live)\b",
        r"\bovers?dos",
        r"\btaken (all )?(my|the) (tablets|pills)\b",
    ],
    "self_harm": [
        r"\b(cut|cutting|hurt|hurting|harm|harming|burn|burning)(s)? (my ?self|myself)\b",
        r"\bself[- ]?harm",
    ],
    "abuse": [
        r"\b(hits|hit|hitting|beats|beat|beating|kicks|kicked|punch(es|ed)?|slaps?|slapped|pushe[sd]|chok(es|ed|ing)|strangl\w*) me\b",
        r"\b(abuse[sd]?|abusing|abusive)\b",
        r"\bnot safe\b",
        r"\b(scared|afraid|frightened|terrified) (of|to go home|at home)\b",
        r"\b(takes|took|taking|steals?|stole|stealing) (all )?my (money|pension|benefits|card)\b",
        r"\bwon'?t let me (see|go|leave|eat|talk|out)\b",
        r"\b(locks|locked) me (in|up)\b",
        r"\b(threaten(s|ed|ing)?) (me|to)\b",
        r"\btouched me\b",
        r"\bsexual(ly)? (assault|abuse)",
        r"\braped?\b",
        r"\b(shouts|screams|swears) at me\b",
    ],
    "neglect": [
        r"\bno ?one (has )?(come|been|fed|feeds|helps?|washed)\b.*\b(days|week|fed|eat|food|wash)",
        r"\bnot (eaten|had (any )?food|had a drink)\b.*\b(days?|since)\b",
        r"\bhaven'?t (eaten|had (any )?food)\b.*\b(days?|since)\b",
        r"\bleft (me )?(alone )?(in|on) (the floor|my own mess|bed) (for|all)\b",
        r"\bneglect",
        r"\bstarving\b",
    ],
    "danger": [
        r"\b(there'?s|there is) a fire\b",
        r"\bon fire\b",
        r"\bcan'?t breathe\b",
        r"\b(fallen|fell) (over |down )?and (can'?t|cannot) get up\b",
        r"\bchest pains?\b",
        r"\bemergency\b",
        r"\bin danger\b",
        r"\bgas leak\b",
        r"\b(has|got|with|holding) a (knife|gun|weapon)\b",
    ],
}
_COMPILED = {kind: [re.compile(p) for p in patterns] for kind, patterns in _PATTERNS.items()}


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def scan(text: str) -> list[str]:
    """The kinds of risk the message suggests (empty if none), e.g. ["abuse"]."""
    normalised = _normalise(text)
    return [kind for kind, patterns in _COMPILED.items() if any(p.search(normalised) for p in patterns)]
