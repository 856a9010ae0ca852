"""Answers: what each step does with the person's reply.

Rasa decides *which* function runs (an answer, or one of the guide's section 4
moves); `answer` hands the reply to the current step's handler below.
"""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy.orm import Session

from bot.interview.flow import (
    after_section, enter, next_followup, next_link, offer_links, pause, start_followups, start_review,
)
from bot.interview.state import (
    LIST_SECTIONS, MOVE_STEPS, WORD_PHASES, WORD_STEPS, Turn, current_link, phase_of, return_to_saved, section_of, set_step,
)
from bot.parsing import DONE, NO, NOT_MEANT, NOT_SURE, YES, parse_scale, preferred_name, section_in, who_of, yes_no
from bot.safety import response as safety_response_lines
from bot.splitting import split_items
from bot.store import repository as repo
from bot.store.models import Conversation, utcnow
from bot.wording import Say, message, quoted, step_prompt

def answer_link(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None and not NOT_SURE.search(text):
        return Turn([message("yes_no")])
    link = current_link(session, conversation)
    if said is not None:
        link.status = "accepted" if said else "declined"
        repo.touch(conversation)
    says = [message("link_accepted" if said else "link_declined" if said is False else "link_not_sure")]
    return Turn(says + next_link(session, conversation))


def _answer_more_links(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None and re.search(r"\bmore\b", text, re.I):
        said = True
    if said:
        return Turn(offer_links(session, conversation, first=False))
    return Turn(enter(session, conversation, "summary"))


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
    handler = _STEP_HANDLERS.get(step) or _STEP_HANDLERS.get(phase_of(step))
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
            return Turn([message("ack")] + enter(session, conversation, "about_you"))
        set_step(conversation, "consent:who")
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
    return Turn([message("ack")] + enter(session, conversation, "about_you"))


def _answer_name(session, conversation, text, intent, message_id) -> Turn:
    if not text or (intent == "deny" and NO.match(text)):  # "Nora" may be read as a "no"
        return Turn(enter(session, conversation, "what_matters"))
    conversation.preferred_name = preferred_name(text)
    return Turn([message("ack_name", name=conversation.preferred_name)] + enter(session, conversation, "what_matters"))


def _answer_list(session, conversation, text, intent, message_id) -> Turn:
    """`ask`, `more` and `tell` of every list section."""
    section = section_of(conversation.step)
    short = len(text.split()) <= 3
    if intent == "deny" or (short and NO.match(text)):
        return Turn(after_section(session, conversation, section))
    if intent == "affirm" or (short and YES.match(text)):
        set_step(conversation, f"{section}:tell")
        return Turn([message("go_on")])
    texts = split_items(text)
    if not texts:
        return Turn([])
    rows = store_items(session, conversation, section, texts, message_id)
    start_followups(conversation, section, [row.id for row in rows])
    return Turn([message("ack_items", items="; ".join(f'"{quoted(t)}"' for t in texts))])


def store_items(session, conversation, section, texts, message_id) -> list:
    spec = LIST_SECTIONS[section]
    extra = spec.filters
    if section == "strengths_family":
        rows = []
        for position, item_text in enumerate(texts):
            rows += repo.add_items(session, conversation.id, spec.table, [item_text], f"{message_id}:{position}",
                                   who=who_of(item_text), **extra)
        return rows
    return repo.add_items(session, conversation.id, spec.table, texts, message_id, **extra)


def _current_item(session, conversation):
    section = section_of(conversation.step)
    return repo.get_item(session, LIST_SECTIONS[section].table, conversation.step_data["pending"][0])


def answer_willing(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if NOT_SURE.search(text):
        item.willing = "not_sure"
    else:
        said = yes_no(text, intent)
        if said is None:
            return Turn([message("yes_no")])
        item.willing = "yes" if said else "no"
    next_followup(conversation, "strengths_family")
    return Turn([message("ack")])


def answer_scale(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if intent == "deny" or NOT_SURE.search(text):
        next_followup(conversation, "outcomes")
        return Turn([message("skipped")])
    value = parse_scale(text)
    if value is None or not 0 <= value <= 10:
        return Turn([message("scale_invalid")])
    setattr(item, phase_of(conversation.step), value)
    next_followup(conversation, "outcomes")
    return Turn([message("ack")])


def _answer_risk_detail(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if not (intent == "deny" and len(text.split()) <= 3):
        setattr(item, phase_of(conversation.step), text)
    next_followup(conversation, "positive_risks")
    return Turn([message("ack")])


def _answer_summary(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is True:
        conversation.summary_confirmed = True
        return Turn([message("summary_confirmed")] + enter(session, conversation, "done"))
    section = section_in(text) if said is None else None
    if section:
        return Turn(start_review(session, conversation, section))
    set_step(conversation, "summary:change")
    return Turn([])


def _answer_change(session, conversation, text, intent, message_id) -> Turn:
    if intent == "deny" or DONE.match(text):
        set_step(conversation, "summary:confirm")
        return Turn([])
    section = section_in(text)
    if section is None:
        return Turn([message("change_unknown")])
    return Turn(start_review(session, conversation, section))


def answer_share(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None:
        return Turn([message("yes_no")])
    conversation.share_with_council = said
    conversation.status = "completed"
    conversation.completed_at = utcnow()
    set_step(conversation, "done:closed")
    return Turn([message("shared" if said else "not_shared"), message("finished")])


def _answer_closed(session, conversation, text, intent, message_id) -> Turn:
    return Turn([message("ack")])


def _answer_review(session, conversation, text, intent, message_id) -> Turn:
    section = conversation.step_data["section"]
    if intent in ("deny", "affirm") or DONE.match(text):
        return_to_saved(conversation)
        return Turn([message("ack")])
    if section == "preferred_name":
        conversation.preferred_name = preferred_name(text)
        return_to_saved(conversation)
        return Turn([message("ack_name", name=conversation.preferred_name)])
    texts = split_items(text)
    store_items(session, conversation, section, texts, message_id)
    return Turn([message("ack_items", items="; ".join(f'"{quoted(t)}"' for t in texts))])


def answer_delete(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is True:
        repo.erase(session, conversation.id)
        return Turn([message("deleted")], erased=True)
    if said is False:
        return_to_saved(conversation)
        return Turn([message("not_deleted")])
    return Turn([message("yes_no")])


def _answer_handoff_consent(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None:
        return Turn([message("yes_no")])
    if said:
        set_step(conversation, "handoff_contact", **{"return": conversation.step_data["return"]})
        return Turn([])
    return_to_saved(conversation)
    return Turn([message("handoff_declined")])


def _answer_handoff_contact(session, conversation, text, intent, message_id) -> Turn:
    if intent == "deny" and len(text.split()) <= 3:
        return_to_saved(conversation)
        return Turn([message("handoff_declined")])
    repo.add_handoff_request(session, conversation, message_id, text)
    return_to_saved(conversation)
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
    set_step(conversation, next_step, **{"return": conversation.step_data["return"]})
    return Turn([])


def _answer_safety_continue(session, conversation, text, intent, message_id) -> Turn:
    if NOT_MEANT.search(text):
        return _not_meant(session, conversation)
    if re.search(r"\b(stop|later|no|not now|pause)\b", text, re.I) or intent == "deny":
        return_to_saved(conversation)
        return pause(session, conversation)
    return carry_on(session, conversation)


def _not_meant(session: Session, conversation: Conversation) -> Turn:
    """A false alarm: noted on the flag (staff still see it), nothing passed on, and
    the words offered back as their answer."""
    event = repo.latest_safety_event(session, conversation.id)
    if event is not None:
        event.not_meant = True
    turn = carry_on(session, conversation)
    turn.says = [message("safety_not_meant")] + turn.says
    return turn


def carry_on(session: Session, conversation: Conversation) -> Turn:
    """Back to the question they were on. If the flagged message was said at a
    question that takes their words, first offer to keep it as their answer."""
    event = repo.latest_safety_event(session, conversation.id)
    saved = (conversation.step_data or {}).get("return") or {}
    step = saved.get("step", "")
    takes_words = (section_of(step) in LIST_SECTIONS and phase_of(step) in WORD_PHASES) or step in WORD_STEPS
    if event is not None and event.kept_as_answer is None and takes_words and conversation.step != "safety_keep":
        set_step(conversation, "safety_keep", **{"return": saved})
        return Turn([])
    return_to_saved(conversation)
    return Turn([message("safety_carry_on")])


def answer_safety_keep(session, conversation, text, intent, message_id) -> Turn:
    """"Shall I keep what you wrote as your answer?" Yes stores the flagged words at
    the question they were said at (once: the original message id keys the rows)."""
    event = repo.latest_safety_event(session, conversation.id)
    said = yes_no(text, intent)
    if said is None and re.search(r"\b(keep|save) it\b", text, re.I):
        said = True
    return_to_saved(conversation)
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
    "willing": answer_willing,
    "scale_now": answer_scale,
    "scale_goal": answer_scale,
    "concern": _answer_risk_detail,
    "safer": _answer_risk_detail,
    "links:offer": answer_link,
    "links:more": _answer_more_links,
    "summary:confirm": _answer_summary,
    "summary:change": _answer_change,
    "done:share": answer_share,
    "done:closed": _answer_closed,
    "review": _answer_review,
    "delete_confirm": answer_delete,
    "handoff_consent": _answer_handoff_consent,
    "handoff_contact": _answer_handoff_contact,
    "safety_safe_now": _answer_safety_safe_now,
    "safety_pass_on": _answer_safety_pass_on,
    "safety_continue": _answer_safety_continue,
    "safety_keep": answer_safety_keep,
}
