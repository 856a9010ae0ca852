"""The interview engine: what to ask next, and what to do with an answer or a move.

The conversation's place is kept in the store (`stage`, `step`, `step_data` on the
conversation row), so it survives restarts and can be resumed from a new session.
Rasa decides *which* function runs (an answer, or one of the guide's section 4
moves); this module decides what happens, and all wording comes from `prompts.yml`.

Steps are named `<section>:<phase>` (for example `what_matters:more`) or after a move
that needs an answer (`delete_confirm`, `safety_pass_on`, ...). A move that asks its
own question saves where the person was in `step_data["return"]` and goes back there
afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy.orm import Session

from bot import config
from bot.parsing import (
    DONE, NO, NOT_MEANT, NOT_SURE, YES, looks_like_a_name, parse_item_number, parse_scale, preferred_name, section_in, who_of,
    yes_no,
)
from bot.safety import response as safety_response_lines
from bot.safety.detector import Detection
from bot.splitting import split_items
from bot.stages import SAFETY_STEPS, SECTIONS, STAGES, next_stage
from bot.store import repository as repo
from bot.store.models import Conversation, utcnow
from bot.directory.matching import best_for, directory_has_services, directory_service
from bot.store.record import build_record
from bot.wording import Say, message, prompts, quoted, said_to_them, step_prompt


@dataclass
class Turn:
    """What a call produced: messages, and whether the conversation was erased."""

    says: list[Say] = field(default_factory=list)
    erased: bool = False


@dataclass(frozen=True)
class ListSection:
    """A record section that holds several items, and where they are stored."""

    table: str
    fields: tuple = ()
    followups: tuple = ()

    @property
    def values(self) -> dict:
        return dict(self.fields)


# Follow-up questions about each new item, in order.
FOLLOWUPS = {
    "strengths_family": ("willing",),
    "outcomes": ("scale_now", "scale_goal"),
    "positive_risks": ("concern", "safer"),
}
LIST_SECTIONS = {
    section: ListSection(table, tuple(filters.items()), FOLLOWUPS.get(section, ()))
    for section, (table, filters) in repo.SECTION_TABLES.items()
}
STAGE_FIRST_STEP = {
    "consent": "consent:ask",
    "about_you": "preferred_name:ask",
    "what_matters": "what_matters:ask",
    "working": "working_well:ask",
    "strengths_personal": "strengths_personal:ask",
    "strengths_family": "strengths_family:ask",
    "strengths_community": "strengths_community:ask",
    "outcomes": "outcomes:ask",
    "risks": "positive_risks:ask",
    "links": "links:none",
    "summary": "summary:confirm",
    "done": "done:share",
}
# Steps that ask a question of their own after a move; answering returns to the step
# the person was on.
MOVE_STEPS = ("review", "delete_confirm", "handoff_consent", "handoff_contact") + SAFETY_STEPS
# Phases and steps whose answer is the person's own words, stored as they wrote them:
# a message flagged there may be an answer, and is offered back as one.
WORD_PHASES = ("ask", "more", "tell", "concern", "safer")
WORD_STEPS = ("preferred_name:ask", "review", "handoff_contact")

# ---------------------------------------------------------------- state helpers

def _section(step: str) -> str:
    return step.split(":", 1)[0]


def _phase(step: str) -> str:
    return step.split(":", 1)[1] if ":" in step else ""


def _set_step(conversation: Conversation, step: str, **data) -> None:
    conversation.step = step
    conversation.step_data = data  # always a new dict: JSON columns miss in-place edits
    repo.touch(conversation)


def _interrupt(conversation: Conversation, step: str, **data) -> None:
    """Go to a move's own question, remembering where the person was."""
    saved = {"stage": conversation.stage, "step": conversation.step, "step_data": conversation.step_data}
    _set_step(conversation, step, **{"return": saved, **data})


def _return(conversation: Conversation) -> None:
    saved = (conversation.step_data or {}).get("return")
    if not saved:
        return
    conversation.stage = saved["stage"]
    _set_step(conversation, saved["step"], **saved["step_data"])


# ---------------------------------------------------------------- questions

def question(session: Session, conversation: Conversation) -> list[Say]:
    """What to ask now, given where the conversation is (nothing while paused or
    after the person said no to saving: they have just been told how to go on)."""
    if conversation.status in ("paused", "declined") and conversation.step not in MOVE_STEPS:
        return []
    step = conversation.step
    data = conversation.step_data or {}
    if step == "review":
        return [_review_prompt(session, conversation, data["section"])]
    if step == "safety_keep":
        event = repo.latest_safety_event(session, conversation.id)
        return [step_prompt(step, text=event.message if event else "")]
    if step in MOVE_STEPS:
        return [step_prompt(step, mode=conversation.mode)]
    if step == "summary:confirm":
        return [step_prompt(step, summary=summary_text(build_record(session, conversation.id)))]
    if step == "summary:change":
        return [_change_prompt(session, conversation)]
    if step == "links:offer":
        return [_link_prompt(session, conversation)]
    if step == "done:closed":
        return [step_prompt(step, reference=conversation.reference)]
    section, phase = _section(step), _phase(step)
    if section in LIST_SECTIONS and phase in LIST_SECTIONS[section].followups:
        item = repo.get_item(session, LIST_SECTIONS[section].table, data["pending"][0])
        return [step_prompt(step, item=quoted(item.text), who=said_to_them(getattr(item, "who", None) or "they"))]
    return [step_prompt(step)]


def _review_prompt(session: Session, conversation: Conversation, section: str) -> Say:
    if section == "preferred_name":
        return step_prompt("review_name", name=conversation.preferred_name or "nothing yet")
    title = prompts()["section_titles"][section]
    entries = record_section(build_record(session, conversation.id), section)
    listing = "\n".join(f"{n}. {_describe(section, entry)}" for n, entry in enumerate(entries, 1))
    body = f"{title}:\n{listing}" if entries else f"{title}: {prompts()['messages']['review_empty']}"
    return step_prompt("review", items=body)


def _change_prompt(session: Session, conversation: Conversation) -> Say:
    say = step_prompt("summary:change")
    titles = prompts()["section_titles"]
    # The payload names the section, so it works as a typed "go back to ..." too.
    say.buttons = [{"title": titles[section], "payload": f"go back to {titles[section].lower()}"}
                   for section in SECTIONS]
    return say


def record_section(record: dict, section: str) -> list[dict]:
    """One section's items from the record, each with `text` in the person's words."""
    if section.startswith("strengths_"):
        category = section.split("_", 1)[1]
        return [entry for entry in record["strengths"] if entry["category"] == category]
    if section == "positive_risks":
        return [{**entry, "text": entry["activity"]} for entry in record["positive_risks"]]
    return record[section]


def _describe(section: str, entry: dict) -> str:
    """An item in the person's words, with its details, for read-backs."""
    text = entry["text"]
    if section == "strengths_family" and entry["willing"]:
        text += f" (wants to be involved: {entry['willing'].replace('_', ' ')})"
    if section == "outcomes" and (entry["scale_now"] is not None or entry["scale_goal"] is not None):
        now = "?" if entry["scale_now"] is None else entry["scale_now"]
        goal = "?" if entry["scale_goal"] is None else entry["scale_goal"]
        text += f" (now {now} out of 10, aiming for {goal})"
    if section == "positive_risks":
        if entry["concern"]:
            text += f" (worry: {entry['concern']})"
        if entry["safer"]:
            text += f" (what would help: {entry['safer']})"
    return text


def summary_text(record: dict) -> str:
    """The record read back: every section, grouped, in the person's words."""
    titles = prompts()["section_titles"]
    parts = []
    if record["preferred_name"]:
        parts.append(f"{titles['preferred_name']}: {record['preferred_name']}")
    for section in LIST_SECTIONS:
        entries = record_section(record, section)
        if entries:
            lines = "\n".join(f"- {_describe(section, entry)}" for entry in entries)
            parts.append(f"{titles[section]}:\n{lines}")
    chosen = [link for link in record["links"] if link["status"] == "accepted"]
    if chosen:
        lines = "\n".join(f"- {link['service_name'] or link['service_id']}" for link in chosen)
        parts.append(f"{titles['links']}:\n{lines}")
    name = f", {record['preferred_name']}" if record["preferred_name"] else ""
    heading = prompts()["messages"]["summary_heading"].format(name=name)
    if not parts:
        return f"{heading}\n{prompts()['messages']['summary_empty']}"
    return heading + "\n\n" + "\n\n".join(parts)


# ---------------------------------------------------------------- moving on

def _enter(session: Session, conversation: Conversation, stage: str) -> list[Say]:
    """Start `stage`. Stages with nothing to ask say why and move on."""
    conversation.stage = stage
    _set_step(conversation, STAGE_FIRST_STEP[stage])
    if stage == "links":
        return _offer_links(session, conversation, first=True)
    return []


# ---------------------------------------------------------------- links (the directory)

def _offer_links(session: Session, conversation: Conversation, first: bool) -> list[Say]:
    """Suggest the next few services that fit what the person said, one at a time."""
    if not directory_has_services(session):
        return [message("links_none")] + _enter(session, conversation, "summary")
    matches = best_for(session, build_record(session, conversation.id))
    if not matches:
        return [message("links_found_none" if first else "links_no_more")] + _enter(session, conversation, "summary")
    links = [repo.add_link(session, conversation.id, found.service_id, found.reason) for found in matches]
    _set_step(conversation, "links:offer", pending=[link.id for link in links])
    return [message("links_intro" if first else "links_more_intro", count=len(links))]


def _current_link(session: Session, conversation: Conversation):
    return repo.get_link(session, conversation.step_data["pending"][0])


def _answer_link(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None and not NOT_SURE.search(text):
        return Turn([message("yes_no")])
    link = _current_link(session, conversation)
    if said is not None:
        link.status = "accepted" if said else "declined"
        repo.touch(conversation)
    says = [message("link_accepted" if said else "link_declined" if said is False else "link_not_sure")]
    return Turn(says + _next_link(session, conversation))


def _next_link(session: Session, conversation: Conversation) -> list[Say]:
    pending = list(conversation.step_data["pending"])[1:]
    if pending:
        _set_step(conversation, "links:offer", pending=pending)
    else:
        _set_step(conversation, "links:more")
    return []


def _answer_more_links(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None and re.search(r"\bmore\b", text, re.I):
        said = True
    if said:
        return Turn(_offer_links(session, conversation, first=False))
    return Turn(_enter(session, conversation, "summary"))


def _link_prompt(session: Session, conversation: Conversation) -> Say:
    link = _current_link(session, conversation)
    service = directory_service(session, link.service_id)
    return step_prompt("links:offer", name=service.name, description=service.description or "",
                       reason=link.reason or "")


def _after_section(session: Session, conversation: Conversation, section: str) -> list[Say]:
    """Move past a finished section: the stage's next section, or the next stage."""
    if section == "working_well":
        _set_step(conversation, "not_working:ask")
        return []
    return _enter(session, conversation, next_stage(conversation.stage))


def _start_followups(conversation: Conversation, section: str, pending: list[int]) -> None:
    followups = LIST_SECTIONS[section].followups
    if followups and pending:
        _set_step(conversation, f"{section}:{followups[0]}", pending=pending)
    else:
        _set_step(conversation, f"{section}:more")


def _next_followup(conversation: Conversation, section: str) -> None:
    followups = LIST_SECTIONS[section].followups
    pending = list(conversation.step_data["pending"])
    index = followups.index(_phase(conversation.step))
    if index + 1 < len(followups):
        _set_step(conversation, f"{section}:{followups[index + 1]}", pending=pending)
    else:
        _start_followups(conversation, section, pending[1:])


# ---------------------------------------------------------------- answers

def answer(session: Session, conversation: Conversation, text: str, intent: Optional[str], message_id: str) -> Turn:
    """Apply the person's answer to the current question."""
    welcome = []
    if conversation.status == "paused" and conversation.step not in MOVE_STEPS:
        conversation.status = "active"
        repo.touch(conversation)
        welcome = [message("welcome_back")]
        if intent != "inform":  # "yes", "ok": they are back, not answering yet
            return Turn(welcome)
    step = conversation.step
    handler = _STEP_HANDLERS.get(step) or _STEP_HANDLERS.get(_phase(step))
    turn = handler(session, conversation, text.strip(), intent, message_id)
    turn.says = welcome + turn.says
    return turn


def _answer_consent(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is True:
        conversation.consent = True
        conversation.consent_at = utcnow()
        conversation.status = "active"
        if (conversation.step_data or {}).get("mode_given"):  # the gateway was told already
            return Turn([message("ack")] + _enter(session, conversation, "about_you"))
        _set_step(conversation, "consent:who")
        return Turn([message("ack")])
    # Either way the consent buttons come again, so nobody is left without a way on.
    buttons = step_prompt("consent:ask").buttons
    if said is False:
        conversation.status = "declined"
        repo.touch(conversation)
        return Turn([Say(message("declined").text, buttons)])
    return Turn([Say(message("yes_no").text, buttons)])


def _answer_who(session, conversation, text, intent, message_id) -> Turn:
    if re.search(r"\b(someone else|somebody else|behalf|their permission|for (my|him|her|them)\b)", text, re.I):
        conversation.mode = "on_behalf"
    elif intent != "deny":
        conversation.mode = "self"
    return Turn([message("ack")] + _enter(session, conversation, "about_you"))


def _answer_name(session, conversation, text, intent, message_id) -> Turn:
    if not text or (intent == "deny" and NO.match(text)):  # "Nora" may be read as a "no"
        return Turn(_enter(session, conversation, "what_matters"))
    conversation.preferred_name = preferred_name(text)
    return Turn([message("ack_name", name=conversation.preferred_name)] + _enter(session, conversation, "what_matters"))


def _answer_list(session, conversation, text, intent, message_id) -> Turn:
    """`ask`, `more` and `tell` of every list section."""
    section = _section(conversation.step)
    short = len(text.split()) <= 3
    if intent == "deny" or (short and NO.match(text)):
        return Turn(_after_section(session, conversation, section))
    if intent == "affirm" or (short and YES.match(text)):
        _set_step(conversation, f"{section}:tell")
        return Turn([message("go_on")])
    texts = split_items(text)
    if not texts:
        return Turn([])
    rows = _store_items(session, conversation, section, texts, message_id)
    _start_followups(conversation, section, [row.id for row in rows])
    return Turn([message("ack_items", items="; ".join(f'"{quoted(t)}"' for t in texts))])


def _store_items(session, conversation, section, texts, message_id) -> list:
    spec = LIST_SECTIONS[section]
    extra = spec.values
    if section == "strengths_family":
        rows = []
        for position, item_text in enumerate(texts):
            rows += repo.add_items(session, conversation.id, spec.table, [item_text], f"{message_id}:{position}",
                                   who=who_of(item_text), **extra)
        return rows
    return repo.add_items(session, conversation.id, spec.table, texts, message_id, **extra)


def _current_item(session, conversation):
    section = _section(conversation.step)
    return repo.get_item(session, LIST_SECTIONS[section].table, conversation.step_data["pending"][0])


def _answer_willing(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if NOT_SURE.search(text):
        item.willing = "not_sure"
    else:
        said = yes_no(text, intent)
        if said is None:
            return Turn([message("yes_no")])
        item.willing = "yes" if said else "no"
    _next_followup(conversation, "strengths_family")
    return Turn([message("ack")])


def _answer_scale(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if intent == "deny" or NOT_SURE.search(text):
        _next_followup(conversation, "outcomes")
        return Turn([message("skipped")])
    value = parse_scale(text)
    if value is None or not 0 <= value <= 10:
        return Turn([message("scale_invalid")])
    setattr(item, _phase(conversation.step), value)
    _next_followup(conversation, "outcomes")
    return Turn([message("ack")])


def _answer_risk_detail(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if not (intent == "deny" and len(text.split()) <= 3):
        setattr(item, _phase(conversation.step), text)
    _next_followup(conversation, "positive_risks")
    return Turn([message("ack")])


def _answer_summary(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is True:
        conversation.summary_confirmed = True
        return Turn([message("summary_confirmed")] + _enter(session, conversation, "done"))
    section = section_in(text) if said is None else None
    if section:
        return Turn(_start_review(session, conversation, section))
    _set_step(conversation, "summary:change")
    return Turn([])


def _answer_change(session, conversation, text, intent, message_id) -> Turn:
    if intent == "deny" or DONE.match(text):
        _set_step(conversation, "summary:confirm")
        return Turn([])
    section = section_in(text)
    if section is None:
        return Turn([message("change_unknown")])
    return Turn(_start_review(session, conversation, section))


def _answer_share(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None:
        return Turn([message("yes_no")])
    conversation.share_with_council = said
    conversation.status = "completed"
    conversation.completed_at = utcnow()
    _set_step(conversation, "done:closed")
    return Turn([message("shared" if said else "not_shared"), message("finished")])


def _answer_closed(session, conversation, text, intent, message_id) -> Turn:
    return Turn([message("ack")])


def _answer_review(session, conversation, text, intent, message_id) -> Turn:
    section = conversation.step_data["section"]
    if intent in ("deny", "affirm") or DONE.match(text):
        _return(conversation)
        return Turn([message("ack")])
    if section == "preferred_name":
        conversation.preferred_name = preferred_name(text)
        _return(conversation)
        return Turn([message("ack_name", name=conversation.preferred_name)])
    texts = split_items(text)
    _store_items(session, conversation, section, texts, message_id)
    return Turn([message("ack_items", items="; ".join(f'"{quoted(t)}"' for t in texts))])


def _answer_delete(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is True:
        repo.erase(session, conversation.id)
        return Turn([message("deleted")], erased=True)
    if said is False:
        _return(conversation)
        return Turn([message("not_deleted")])
    return Turn([message("yes_no")])


def _answer_handoff_consent(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None:
        return Turn([message("yes_no")])
    if said:
        _set_step(conversation, "handoff_contact", **{"return": conversation.step_data["return"]})
        return Turn([])
    _return(conversation)
    return Turn([message("handoff_declined")])


def _answer_handoff_contact(session, conversation, text, intent, message_id) -> Turn:
    if intent == "deny" and len(text.split()) <= 3:
        _return(conversation)
        return Turn([message("handoff_declined")])
    repo.add_handoff_request(session, conversation, message_id, text)
    _return(conversation)
    return Turn([message("handoff_saved", contact=text)])


def _answer_safety_safe_now(session, conversation, text, intent, message_id) -> Turn:
    """"Are you safe right now?" (after thoughts of suicide or self-harm)."""
    if NOT_MEANT.search(text):  # read as "no" by the NLU: it is a false alarm, not an answer
        return _not_meant(session, conversation)
    said = yes_no(text, intent)
    if said is None and re.search(r"\b(not safe|unsafe|in danger|not ok|not okay)\b", text, re.I):
        said = False
    turn = _safety_answer(session, conversation, text, said, "safe_now", "safety_pass_on")
    if said is True:
        turn.says = [message("safety_glad_safe")]
    elif said is False:
        turn.says = [message("safety_not_safe"), safety_response_lines.route("emergency_now")]
    return turn


def _answer_safety_pass_on(session, conversation, text, intent, message_id) -> Turn:
    if NOT_MEANT.search(text):
        return _not_meant(session, conversation)
    said = yes_no(text, intent)
    turn = _safety_answer(session, conversation, text, said, "pass_on", "safety_continue")
    if said is not None:
        turn.says = [message("safety_pass_on_yes" if said else "safety_pass_on_no")]
    return turn


def _safety_answer(session, conversation, text, said, field_name, next_step) -> Turn:
    """Note a yes or no on the flag and go on to `next_step`. Anything else they write
    here is kept with the flag (never dropped), and the question is asked again."""
    event = repo.latest_safety_event(session, conversation.id)
    if said is None:
        if event is not None:
            event.message = f"{event.message}\n{text}"
        return Turn([message("yes_no")])
    if event is not None:
        setattr(event, field_name, said)
    _set_step(conversation, next_step, **{"return": conversation.step_data["return"]})
    return Turn([])


def _answer_safety_continue(session, conversation, text, intent, message_id) -> Turn:
    if NOT_MEANT.search(text):
        return _not_meant(session, conversation)
    if re.search(r"\b(stop|later|no|not now|pause)\b", text, re.I) or intent == "deny":
        _return(conversation)
        return pause(session, conversation)
    return _carry_on(session, conversation)


def _not_meant(session: Session, conversation: Conversation) -> Turn:
    """A false alarm: noted on the flag (staff still see it), nothing passed on, and
    the words offered back as their answer."""
    event = repo.latest_safety_event(session, conversation.id)
    if event is not None:
        event.not_meant = True
    turn = _carry_on(session, conversation)
    turn.says = [message("safety_not_meant")] + turn.says
    return turn


def _carry_on(session: Session, conversation: Conversation) -> Turn:
    """Back to the question they were on. If the flagged message was said at a
    question that takes their words, first offer to keep it as their answer."""
    event = repo.latest_safety_event(session, conversation.id)
    saved = (conversation.step_data or {}).get("return") or {}
    step = saved.get("step", "")
    takes_words = (_section(step) in LIST_SECTIONS and _phase(step) in WORD_PHASES) or step in WORD_STEPS
    if event is not None and event.kept_as_answer is None and takes_words and conversation.step != "safety_keep":
        _set_step(conversation, "safety_keep", **{"return": saved})
        return Turn([])
    _return(conversation)
    return Turn([message("safety_carry_on")])


def _answer_safety_keep(session, conversation, text, intent, message_id) -> Turn:
    """"Shall I keep what you wrote as your answer?" Yes stores the flagged words at
    the question they were said at (once: the original message id keys the rows)."""
    event = repo.latest_safety_event(session, conversation.id)
    said = yes_no(text, intent)
    if said is None and re.search(r"\b(keep|save) it\b", text, re.I):
        said = True
    _return(conversation)
    if said is None or event is None:  # they typed something else: their answer to the question
        return answer(session, conversation, text, intent, message_id)
    event.kept_as_answer = said
    if not said:
        return Turn([message("safety_not_kept")])
    turn = answer(session, conversation, event.message, "inform", event.message_id)
    says = [say for say in turn.says if say.text != message("ack").text]
    return Turn(says or [message("safety_kept")])


_STEP_HANDLERS = {
    "consent:ask": _answer_consent,
    "consent:who": _answer_who,
    "preferred_name:ask": _answer_name,
    "ask": _answer_list,
    "more": _answer_list,
    "tell": _answer_list,
    "willing": _answer_willing,
    "scale_now": _answer_scale,
    "scale_goal": _answer_scale,
    "concern": _answer_risk_detail,
    "safer": _answer_risk_detail,
    "links:offer": _answer_link,
    "links:more": _answer_more_links,
    "summary:confirm": _answer_summary,
    "summary:change": _answer_change,
    "done:share": _answer_share,
    "done:closed": _answer_closed,
    "review": _answer_review,
    "delete_confirm": _answer_delete,
    "handoff_consent": _answer_handoff_consent,
    "handoff_contact": _answer_handoff_contact,
    "safety_safe_now": _answer_safety_safe_now,
    "safety_pass_on": _answer_safety_pass_on,
    "safety_continue": _answer_safety_continue,
    "safety_keep": _answer_safety_keep,
}


# ---------------------------------------------------------------- moves (guide section 4)

def is_an_answer_here(conversation: Conversation, text: str) -> bool:
    """A message that answers this step whatever the NLU model read it as.

    A bare name ("Ada", "Mrs Khan") typed when we asked what to call them: short names
    are too varied for the model, which may read "Barry" as chit-chat or "Bill" as
    hello. And "that's not what I meant" after a safety response, which the model may
    read as a move: it is the person correcting a false alarm."""
    if conversation.step == "preferred_name:ask":
        return looks_like_a_name(text)
    return conversation.step in SAFETY_STEPS and bool(NOT_MEANT.search(text))


def explain_why(conversation: Conversation) -> Turn:
    return Turn([Say(prompts()["why"][conversation.stage])])


def skip(session: Session, conversation: Conversation) -> Turn:
    """Move on kindly; nothing is stored for the skipped question."""
    step = conversation.step
    section, phase = _section(step), _phase(step)
    says = [message("skipped")]
    if step == "consent:ask":
        return Turn([message("consent_first")])
    if step in MOVE_STEPS:
        if step == "delete_confirm":
            return _answer_delete(session, conversation, "no", "deny", "")
        if step in SAFETY_STEPS:
            return _skip_safety(session, conversation)
        _return(conversation)
        return Turn(says)
    if step == "consent:who":
        return Turn(says + _enter(session, conversation, "about_you"))
    if step == "preferred_name:ask":
        return Turn(says + _enter(session, conversation, "what_matters"))
    if section in LIST_SECTIONS:
        if phase in LIST_SECTIONS[section].followups:
            _next_followup(conversation, section)
            return Turn(says)
        return Turn(says + _after_section(session, conversation, section))
    if step == "links:offer":
        return Turn(says + _next_link(session, conversation))
    if step == "links:more":
        return Turn(says + _enter(session, conversation, "summary"))
    if step in ("summary:confirm", "summary:change"):
        return Turn(says + _enter(session, conversation, "done"))
    if step == "done:share":
        return _answer_share(session, conversation, "no", "deny", "")
    return Turn(says)


def _skip_safety(session: Session, conversation: Conversation) -> Turn:
    """"Skip" during the safety response: on to its next question, or back."""
    keep = {"return": conversation.step_data["return"]}
    if conversation.step == "safety_safe_now":
        _set_step(conversation, "safety_pass_on", **keep)
        return Turn([])
    if conversation.step == "safety_pass_on":
        _set_step(conversation, "safety_continue", **keep)
        return Turn([])
    if conversation.step == "safety_keep":
        return _answer_safety_keep(session, conversation, "no", "deny", "")
    return _carry_on(session, conversation)


def dont_know(session: Session, conversation: Conversation) -> Turn:
    """Offer examples, or record "not sure" where that is an answer."""
    step = conversation.step
    if step == "strengths_family:willing":
        return _answer_willing(session, conversation, "not sure", None, "")
    if step in ("outcomes:scale_now", "outcomes:scale_goal"):
        return _answer_scale(session, conversation, "not sure", None, "")
    if step == "links:offer":
        return _answer_link(session, conversation, "not sure", None, "")
    section = _section(step)
    if step == "review":
        section = conversation.step_data["section"]
    examples = prompts()["examples"]
    key = section if section in examples else conversation.stage
    return Turn([Say(examples.get(key, prompts()["messages"]["help"]))])


def go_back(session: Session, conversation: Conversation, text: str) -> Turn:
    """Open an earlier section to add, change or remove answers."""
    if not conversation.consent:
        return Turn([message("consent_first")])
    section = section_in(text)
    if section is None and conversation.stage == "summary":
        _set_step(conversation, "summary:change")  # ask which part
        return Turn([])
    section = section or _previous_section(conversation)
    if section is None:
        return Turn([message("nothing_to_change")])
    return Turn(_start_review(session, conversation, section))


def _previous_section(conversation: Conversation) -> Optional[str]:
    """The section before the current step (or the current one, if it has items)."""
    order = list(SECTIONS)
    current = _section(conversation.step)
    if conversation.step == "review":
        return conversation.step_data["section"]
    if current in order:
        index = order.index(current)
        return order[index - 1] if _phase(conversation.step) == "ask" and index > 0 else current
    stage_index = STAGES.index(conversation.stage)
    earlier = [s for s in order if STAGES.index(SECTIONS[s]) < stage_index]
    return earlier[-1] if earlier else None


def _start_review(session: Session, conversation: Conversation, section: str) -> list[Say]:
    """Show a section's items for changes; afterwards go back to where the person
    was (or to the summary, when they came from there)."""
    if conversation.stage == "summary":
        saved = {"stage": "summary", "step": "summary:confirm", "step_data": {}}
    elif conversation.step == "review":
        saved = conversation.step_data["return"]
    else:
        saved = {"stage": conversation.stage, "step": conversation.step, "step_data": conversation.step_data}
    _set_step(conversation, "review", section=section, **{"return": saved})
    return []


def remove_item(session: Session, conversation: Conversation, text: str) -> Turn:
    """Remove item N of the section being reviewed."""
    if conversation.step != "review" or conversation.step_data["section"] == "preferred_name":
        return Turn([message("remove_where")])
    section = conversation.step_data["section"]
    entries = record_section(build_record(session, conversation.id), section)
    number = parse_item_number(text)
    if number is None or not entries or not (1 <= number <= len(entries) or number == -1):
        return Turn([message("remove_which")])
    entry = entries[number - 1] if number > 0 else entries[-1]
    row = repo.get_item(session, LIST_SECTIONS[section].table, entry["id"])
    repo.delete_item(session, row)
    return Turn([message("removed", text=row.text)])


def pause(session: Session, conversation: Conversation) -> Turn:
    """Save and give the reference and a fresh resume code."""
    if conversation.step in SAFETY_STEPS:
        _return(conversation)
    if not conversation.consent:
        conversation.status = "paused"
        repo.touch(conversation)
        return Turn([message("stopped_unsaved")])
    code = repo.new_resume_code(conversation)
    conversation.status = "paused"
    conversation.paused_at = utcnow()
    repo.touch(conversation)
    return Turn([message("pause", reference=conversation.reference, code=code, days=config.retention_days())])


def start(conversation: Conversation) -> Turn:
    """The first message: what this is (or hello again, for a known conversation)."""
    if conversation.consent:
        return greet(conversation)
    return Turn([Say(prompts()["intro"])])


def greet(conversation: Conversation) -> Turn:
    if conversation.status == "paused" and conversation.step not in MOVE_STEPS:
        conversation.status = "active"
        repo.touch(conversation)
        return Turn([message("welcome_back")])
    return Turn([message("hello_again")])


def ask_delete(session: Session, conversation: Conversation) -> Turn:
    """Ask to confirm; asking again when already asked ("yes, delete everything") confirms."""
    if conversation.step == "delete_confirm":
        return _answer_delete(session, conversation, "yes", "affirm", "")
    _interrupt(conversation, "delete_confirm")
    return Turn([])


def handoff(conversation: Conversation) -> Turn:
    """Give the council's contact route, and offer a call-back (needs consent)."""
    says = [message("handoff_info")]
    if not conversation.consent:
        return Turn(says + [message("handoff_needs_consent")])
    if conversation.step not in ("handoff_consent", "handoff_contact"):
        _interrupt(conversation, "handoff_consent")
    return Turn(says)


def help_text() -> Turn:
    return Turn([message("help")])


def chitchat() -> Turn:
    return Turn([message("chitchat")])


def safety_response(session: Session, conversation: Conversation, text: str, message_id: str,
                    detection: Detection) -> Turn:
    """Help that fits the risk first, a flag with the message, kinds, layers and time,
    then (for thoughts of suicide or self-harm) whether they are safe right now, and
    their wishes. A second disclosure during those questions is flagged too."""
    repo.add_safety_event(session, conversation, message_id, text, detection.kinds, detection.layers,
                          step=(conversation.step_data or {}).get("return", {}).get("step")
                          if conversation.step in SAFETY_STEPS else conversation.step)
    if conversation.step not in SAFETY_STEPS:
        first = "safety_safe_now" if safety_response_lines.asks_if_safe(detection.kinds) else "safety_pass_on"
        _interrupt(conversation, first)
    return Turn(safety_response_lines.lines(detection.kinds))


def resume_with_code(
    session: Session, current: Conversation, sender_id: str, reference: str, code: str
) -> Turn:
    """Carry on a paused conversation from this session, if reference and code match.

    The session's own conversation is dropped when nothing was saved in it.
    """
    try:
        target = repo.verify_resume(session, reference, code)
    except repo.ResumeLocked:
        return Turn([message("resume_locked")])
    if target is None:
        return Turn([message("resume_failed")])
    if target.id != current.id:
        repo.link_sender(session, target.id, sender_id)
        if not current.consent and not current.safety_flag:
            session.delete(current)
    target.status = "active" if target.status == "paused" else target.status
    repo.touch(target)
    return Turn([message("welcome_back")])


def resume_here(session: Session, conversation: Conversation) -> Turn:
    """"Carry on" without a code: pick up this session's own conversation."""
    if conversation.step in SAFETY_STEPS:
        return _carry_on(session, conversation)
    if not conversation.consent:
        return Turn([message("resume_ask")])
    return greet(conversation)
