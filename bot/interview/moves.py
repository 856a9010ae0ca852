"""The moves of the product guide (section 4): skip, why, I don't know, go back,
remove, pause, resume, delete, talk to a person, help, and the safety response."""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy.orm import Session

from bot.interview.answers import (
    answer_delete, answer_link, answer_safety_keep, answer_scale, answer_share, answer_willing, carry_on,
)
from bot.interview.corrections import looks_like_a_correction
from bot.interview.flow import after_section, enter, next_followup, next_link, start_review
from bot.interview.state import (
    CHOICE_PHASES, LIST_SECTIONS, MOVE_STEPS, Turn, interrupt, phase_of, return_to_saved, section_of, set_step, takes_words,
    voice,
)
from bot.parsing import (
    FOR_MYSELF, FOR_SOMEONE_ELSE, NO, NOT_MEANT, NOT_SURE, NOTHING_MORE, RELATION_NAMED, YES, clearly_a_move,
    looks_like_a_name,
    leading_name, parse_scale, said_before, section_in,
)
from bot.safety import response as safety_response_lines
from bot.safety.detector import Detection
from bot.stages import SAFETY_STEPS, SECTIONS, STAGES
from bot.store import repository as repo
from bot.store.models import Conversation
from bot.wording import Say, message, prompts, why

# Steps that ask for a name: a bare name ("Ada", "Mrs Khan") is their answer whatever
# the NLU model read it as (it may read "Barry" as chit-chat or "Bill" as hello).
NAME_STEPS = ("preferred_name:ask", "behalf:person", "behalf:helper")
YES_NO_STEPS = ("consent:ask", "consent:who", "strengths_family:willing", "links:offer", "links:more", "summary:confirm",
                "done:share", "keep_answer", "delete_confirm", "handoff_consent")
# Questions with a "Not sure" button.
NOT_SURE_STEPS = ("strengths_family:willing", "outcomes:scale_now", "outcomes:scale_goal", "links:offer")
# Below this the NLU model's reading of a move, with no move words, is a guess
# ("my health" read as hello at 0.40, "have a job" as chit-chat at 0.57); real moves
# without their words ("didn't I just answer that?") are asked about, as questions.
UNSURE_MOVE = 0.6


def reading_of(conversation: Conversation, text: str, intent: Optional[str],
               confidence: Optional[float] = None) -> str:
    """What a message the NLU model read as a move is, here: "move", "answer", or
    "ask" (keep the words and ask whether they are the answer).

    At a question that takes the person's words, it is a move only when it says so in
    so many words: short answers such as "my health" or "watching telly" may be read
    as a move, and guessing would lose them. When the model was unsure as well
    (`confidence` below `UNSURE_MOVE`) and the message asks nothing, it is the answer;
    otherwise the words are kept and the person asked. "Not sure" is an answer where it
    is one of the choices, and "can't think of anything else" where the question was
    whether there is more. After a safety response, "that's not what I meant" is the
    person correcting a false alarm, not a move."""
    step = conversation.step
    if step in NOT_SURE_STEPS and NOT_SURE.match(text):
        return "answer"  # "not sure, she's eighty next year bless her"
    if phase_of(step) == "more" and NOTHING_MORE.match(text):
        return "answer"
    if section_of(step) in LIST_SECTIONS and phase_of(step) in ("ask", "more", "tell") \
            and said_before(text) is not None:
        return "answer"  # "told you already", "same as before": the engine says where their words are
    if looks_like_a_correction(text) and (section_of(step) in LIST_SECTIONS or step == "review"):
        return "answer"  # "sorry, I meant Pete": the engine changes the item
    if step in NAME_STEPS and (looks_like_a_name(text) or (step != "preferred_name:ask"
                                                           and not clearly_a_move(intent, text))):
        return "answer"  # "Jo, his daughter" at "what is your name, and how do you know them?"
    if step in SAFETY_STEPS:
        return "answer" if NOT_MEANT.search(text) else "move"
    if clearly_a_move(intent, text):
        return "move"
    if takes_words(step):
        unsure = confidence is not None and confidence < UNSURE_MOVE
        return "answer" if unsure and "?" not in text else "ask"
    # A yes or no question: "Yes that's fine, I'm doing this for my Mam, she's sat
    # next to me telling me what to put" is a yes, whatever else it was read as.
    if step in YES_NO_STEPS and (YES.match(text) or NO.match(text)):
        return "answer"
    if step in ("outcomes:scale_now", "outcomes:scale_goal") and parse_scale(text) is not None:
        return "answer"
    if phase_of(step) in CHOICE_PHASES and len(text.split()) > 3:
        return "ask"  # "Want to get back to running - 5k" at a 0 to 10 question: more words, not "go back"
    if step == "consent:who" and (FOR_SOMEONE_ELSE.search(text) or FOR_MYSELF.search(text) or leading_name(text)
                                  or RELATION_NAMED.search(text)
                                  or re.match(r"^\W*(for )?(someone|somebody|my|him|her|them)\b", text, re.I)):
        return "answer"
    return "move"


def explain_why(conversation: Conversation) -> Turn:
    return Turn([why(conversation.stage, **voice(conversation))])


def skip(session: Session, conversation: Conversation) -> Turn:
    """Move on kindly; nothing is stored for the skipped question."""
    step = conversation.step
    section, phase = section_of(step), phase_of(step)
    says = [message("skipped")]
    if step == "consent:ask":
        return Turn([message("consent_first")])
    if step in MOVE_STEPS:
        if step == "delete_confirm":
            return answer_delete(session, conversation, "no", "deny", "")
        if step in SAFETY_STEPS:
            return _skip_safety(session, conversation)
        return_to_saved(conversation)
        return Turn(says)
    if step == "consent:who":
        return Turn(says + enter(session, conversation, "about_you"))
    if step == "preferred_name:ask" or step == "behalf:permission":
        return Turn(says + enter(session, conversation, "what_matters"))
    if step == "behalf:person":
        set_step(conversation, "behalf:helper")
        return Turn(says)
    if step == "behalf:helper":
        set_step(conversation, "behalf:permission")
        return Turn(says)
    if section in LIST_SECTIONS:
        if phase in LIST_SECTIONS[section].followups:
            return Turn(says + next_followup(session, conversation, section))
        return Turn(says + after_section(session, conversation, section))
    if step == "links:offer":
        return Turn(says + next_link(session, conversation))
    if step == "links:more":
        return Turn(says + enter(session, conversation, "summary"))
    if step in ("summary:confirm", "summary:change"):
        return Turn(says + enter(session, conversation, "done"))
    if step == "done:share":
        return answer_share(session, conversation, "no", "deny", "")
    return Turn(says)


def _skip_safety(session: Session, conversation: Conversation) -> Turn:
    """"Skip" during the safety response: on to its next question, or back."""
    keep = {"return": conversation.step_data["return"]}
    if conversation.step == "safety_safe_now":
        set_step(conversation, "safety_pass_on", **keep)
        return Turn([])
    if conversation.step == "safety_pass_on":
        set_step(conversation, "safety_continue", **keep)
        return Turn([])
    if conversation.step == "safety_keep":
        return answer_safety_keep(session, conversation, "no", "deny", "")
    return carry_on(session, conversation)


def dont_know(session: Session, conversation: Conversation) -> Turn:
    """Offer examples, or record "not sure" where that is an answer."""
    step = conversation.step
    if step == "strengths_family:willing":
        return answer_willing(session, conversation, "not sure", None, "")
    if step in ("outcomes:scale_now", "outcomes:scale_goal"):
        return answer_scale(session, conversation, "not sure", None, "")
    if step == "links:offer":
        return answer_link(session, conversation, "not sure", None, "")
    section = section_of(step)
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
        set_step(conversation, "summary:change")  # ask which part
        return Turn([])
    section = section or _previous_section(conversation)
    if section is None:
        return Turn([message("nothing_to_change")])
    return Turn(start_review(session, conversation, section))


def _previous_section(conversation: Conversation) -> Optional[str]:
    """The section before the current step (or the current one, if it has items)."""
    order = list(SECTIONS)
    current = section_of(conversation.step)
    if conversation.step == "review":
        return conversation.step_data["section"]
    if current in order:
        index = order.index(current)
        return order[index - 1] if phase_of(conversation.step) == "ask" and index > 0 else current
    stage_index = STAGES.index(conversation.stage)
    earlier = [s for s in order if STAGES.index(SECTIONS[s]) < stage_index]
    return earlier[-1] if earlier else None


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
        return answer_delete(session, conversation, "yes", "affirm", "")
    interrupt(conversation, "delete_confirm")
    return Turn([])


def handoff(conversation: Conversation) -> Turn:
    """Give the council's contact route, and offer a call-back (needs consent)."""
    says = [message("handoff_info")]
    if not conversation.consent:
        return Turn(says + [message("handoff_needs_consent")])
    if conversation.step not in ("handoff_consent", "handoff_contact"):
        interrupt(conversation, "handoff_consent")
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
        interrupt(conversation, first)
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
        return carry_on(session, conversation)
    if not conversation.consent:
        return Turn([message("resume_ask")])
    return greet(conversation)
