"""Stage names of the product guide (section 3), in order.

These names are used unchanged in prompts, actions, tables, the record and tests.
"""

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

# Record sections a person can go back to and change. Each maps to the stage that
# asks for it; `working` holds two sections.
SECTIONS = {
    "preferred_name": "about_you",
    "what_matters": "what_matters",
    "working_well": "working",
    "not_working": "working",
    "strengths_personal": "strengths_personal",
    "strengths_family": "strengths_family",
    "strengths_community": "strengths_community",
    "outcomes": "outcomes",
    "positive_risks": "risks",
}


# The questions of the safety response (guide section 5), asked at any stage; the
# page keeps the help lines at its top while these are being answered.
SAFETY_STEPS = ("safety_safe_now", "safety_pass_on", "safety_continue", "safety_keep")


def next_stage(stage: str) -> str:
    """The stage after `stage` (`done` stays `done`)."""
    index = STAGES.index(stage)
    return STAGES[min(index + 1, len(STAGES) - 1)]
