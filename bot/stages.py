"""Stage names of the product guide (section 3), in order.

These names are used unchanged in prompts, actions, tables, the record and tests.
"""
from bot import sections as _sections

STAGES = (
    "consent",
    "about_you",
    "what_matters",
    "working",
    "strengths_personal",
    "strengths_family",
    "strengths_community",
    "outcomes",
    "risks",
    "links",
    "summary",
    "done",
)

# Record sections a person can go back to and change, and the stage that asks for
# each (bot/sections.py is their one home).
SECTIONS = {section.name: section.stage for section in _sections.ALL}


# The questions of the safety response (guide section 5), asked at any stage; the
# page keeps the help lines at its top while these are being answered.
SAFETY_STEPS = ("safety_safe_now", "safety_pass_on", "safety_continue", "safety_keep")


def next_stage(stage: str) -> str:
    """The stage after `stage` (`done` stays `done`)."""
    index = STAGES.index(stage)
    return STAGES[min(index + 1, len(STAGES) - 1)]
