"""Answers: what each step does with the person's reply.

Rasa decides *which* function runs (an answer, or one of the guide's section 4
moves); `answer` hands the reply to the current step's handler below.
"""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy.orm import Session

from bot.interview.corrections import correct
from bot.interview.flow import (
    after_section, enter, next_followup, next_link, offer_links, pause, start_followups, start_review,
)
from bot.interview import reader
from bot.interview.questions import record_section
from bot.interview.state import (
    LIST_SECTIONS, MOVE_STEPS, Turn, current_link, interrupt, phase_of, return_to_saved,
    section_of, set_step, takes_words, voice,
)
from bot.interview.refile import late_scale, remember_last, worry_at_scale
from bot.interview.told_ahead import file_told_ahead
from bot.parsing import (
    CONTACT_DETAILS, DONE, FOR_A_RELATION, FOR_ME, FOR_MYSELF, FOR_SOMEONE_ELSE, LONE_NUMBER, NO, NO_CONTACT, NOT_MEANT, NOT_SURE, NOTHING_MORE,
    PUZZLED, RELATION_NAMED,
    WHAT_HAPPENS_NEXT, WHO_SEES, YES, answers_next, changed_mind, clearly_a_move, closing_rest,
    helper_and_relationship,
    no_then_more, no_then_remark, only_a_label, parse_item_number, parse_scale, person_first,
    person_name, polarity, preferred_name, said_before, section_in, side_label, who_of, yes_no,
)
from bot.safety import response as safety_response_lines
from bot.sections import LIST_NAMES
from bot.splitting import split_answer
from bot.store import repository as repo
from bot.store.models import Conversation, utcnow
from bot.store.record import build_record
from bot.wording import Say, message, prompts, quoted, step_prompt


def answer_link(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None and not NOT_SURE.search(text):
        return Turn([message("yes_no")])
    link = current_link(session, conversation)
    if said is not None:
        link.status = "accepted" if said else "declined"
        repo.touch(conversation)
    says = [message("link_accepted" if said else "link_declined" if said is False else "link_not_sure",
                    **voice(conversation))]
    return Turn(says + next_link(session, conversation))


def _answer_more_links(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is None and re.search(r"\bmore\b", text, re.I):
        said = True
    if said:
        return Turn(offer_links(session, conversation, first=False))
    return Turn(enter(session, conversation, "summary"))


def answer(session: Session, conversation: Conversation, text: str, intent: Optional[str], message_id: str,
           confirmed: bool = False) -> Turn:
    """Apply the person's answer to the current question (`confirmed`: they said these
    words are their answer, so they are stored as they are)."""
    welcome = []
    if conversation.status == "paused" and conversation.step not in MOVE_STEPS:
        conversation.status = "active"
        repo.touch(conversation)
        welcome = [message("welcome_back")]
        if intent != "inform":  # "yes", "ok": they are back, not answering yet
            return Turn(welcome)
    about = about_the_service(conversation, text)
    if about is not None:  # "what happens next?": answered, and the question asked again
        return Turn(welcome + about.says)
    about_items = section_of(conversation.step) in LIST_SECTIONS or conversation.step == "review"
    corrected = correct(session, conversation, text) if about_items and not confirmed else None
    if corrected is not None:  # "sorry, I meant the Tuesday group": changed, and the question again
        if phase_of(conversation.step) == "more" and closing_rest(text):  # "...; and no, nothing else"
            return Turn(welcome + corrected.says + after_section(session, conversation, section_of(conversation.step)))
        return Turn(welcome + corrected.says)
    step = conversation.step
    handler = _STEP_HANDLERS.get(step) or _STEP_HANDLERS.get(phase_of(step))
    if confirmed and handler is _answer_list:
        handler = _store_answer
    turn = handler(session, conversation, text.strip(), intent, message_id)
    turn.says = welcome + turn.says
    return turn


def about_the_service(conversation: Conversation, text: str) -> Optional[Turn]:
    """The answer to "what happens next?" or "who will see it?", asked at any point."""
    if WHAT_HAPPENS_NEXT.match(text):
        return Turn([message("what_happens_next")])
    if WHO_SEES.match(text):
        return Turn([message("who_sees")])
    return None


def _answer_consent(session, conversation, text, intent, message_id) -> Turn:
    said = yes_no(text, intent)
    if said is True:
        conversation.consent = True
        conversation.consent_at = utcnow()
        conversation.status = "active"
        mode = _mode_in(text)  # "yes ok, I'm doing this as his carer"
        if mode is not None:
            conversation.mode = mode
        elif not (conversation.step_data or {}).get("mode_given"):  # the gateway was not told
            set_step(conversation, "consent:who")
            return Turn([message("ack")])
        return Turn([message("ack")] + enter(session, conversation, "about_you"))
    # Either way the consent buttons come again, so nobody is left without a way on.
    buttons = step_prompt("consent:ask").buttons
    if said is False:
        conversation.status = "declined"
        repo.touch(conversation)
        return Turn([Say(message("declined").text, buttons)])
    return Turn([Say(message("yes_no").text, buttons)])


def _mode_in(text: str) -> Optional[str]:
    if FOR_SOMEONE_ELSE.search(text):
        return "on_behalf"
    if FOR_MYSELF.search(text):
        return "self"
    if FOR_A_RELATION.search(text):
        return "on_behalf"
    return None


def _answer_who(session, conversation, text, intent, message_id) -> Turn:
    mode = _mode_in(text)
    if mode is None and RELATION_NAMED.search(text):  # "sumone else me uncle": asked who, a relation answers it
        mode = "self" if FOR_ME.search(text) else "on_behalf"
    if mode is not None or intent != "deny":
        conversation.mode = mode or "self"
    return Turn([message("ack")] + enter(session, conversation, "about_you"))



def _answer_behalf_person(session, conversation, text, intent, message_id) -> Turn:
    """on_behalf: the name of the person it is about (what the questions call them)."""
    if text and not (intent == "deny" and NO.match(text)):
        conversation.preferred_name = person_name(text)
    set_step(conversation, "behalf:helper")
    return Turn([])


def _answer_behalf_helper(session, conversation, text, intent, message_id) -> Turn:
    if text and not (intent == "deny" and NO.match(text)):
        conversation.completed_by, conversation.relationship = helper_and_relationship(text)
    set_step(conversation, "behalf:permission")
    return Turn([message("ack_name", name=conversation.completed_by)] if conversation.completed_by and
                conversation.completed_by != text.strip() else [message("ack")])


def _answer_behalf_permission(session, conversation, text, intent, message_id) -> Turn:
    """"yes", "no", or the reason they cannot agree, as typed."""
    said = yes_no(text, intent)
    short = len(text.split()) <= 3
    if said is None:
        conversation.permission = text  # the reason they cannot agree, as typed
    else:  # "ok, fair enough; yes, he knows and he agrees, I read the questions out to him"
        conversation.permission = ("yes" if said else "no") + ("" if short else f" - {text}")
    says = [message("permission_no", **voice(conversation))] if said is False and short else [message("ack")]
    return Turn(says + enter(session, conversation, "what_matters"))


def _answer_name(session, conversation, text, intent, message_id) -> Turn:
    if not text or (intent == "deny" and NO.match(text)):  # "Nora" may be read as a "no"
        return Turn(enter(session, conversation, "what_matters"))
    conversation.preferred_name = preferred_name(text)
    return Turn([message("ack_name", name=conversation.preferred_name)] + enter(session, conversation, "what_matters"))


def _answer_list(session, conversation, text, intent, message_id) -> Turn:
    """`ask`, `more` and `tell` of every list section."""
    section = section_of(conversation.step)
    text = changed_mind(text) or text  # "no thats it. actually no, the flat ...": the rest is an answer
    short = len(text.split()) <= 3
    none_more = phase_of(conversation.step) == "more" and (
        (no_then_remark(text) and not _MORE_AFTER.search(text))
        or (section != "outcomes" and re.fullmatch(r"\W*(?:0|zero)\W*", text)))  # "anyone else?" "0"
    if (NOTHING_MORE.match(text) and not _MORE_AFTER.search(text)) or (short and NO.match(text)) or none_more:
        return Turn(after_section(session, conversation, section))
    pointed_back = said_before(text)  # "told you already", "same as before": nothing new here
    if pointed_back == "":  # asked first: "anything else?" comes next, as after any answer
        if phase_of(conversation.step) == "more":
            return Turn([message("said_before")] + after_section(session, conversation, section))
        set_step(conversation, f"{section}:more")
        return Turn([message("said_before")])
    text = pointed_back or text  # "told you. me knees. and the wifes memory going": the rest is new
    rest = no_then_more(text) if phase_of(conversation.step) == "more" and not _MORE_AFTER.search(text) else None
    if rest:  # "nah. boilers been broke 3 week mind": nothing more here; the rest where it belongs, or asked about
        ahead = _section_ahead(section, rest)
        # "no" and then the next question's answer (what is working and what is not count as
        # one question), never one further on: "NO SHE DONT GO FAR NOW" at "any other groups?"
        # is about this section, not a risk to take
        if ahead and (ahead == _next_section(section) or _next_section(section) == "working_well"):
            return _file_ahead(session, conversation, ahead, rest, intent, message_id)
        return ask_if_answer(conversation, text, message_id)
    if PUZZLED.match(text):  # "I'm lost", "eh?": help, and the question again
        return Turn([message("help")])
    if _JUST_YES.match(text):  # "yes", "yes there is": go on (but "yeah the dog" is an answer)
        set_step(conversation, f"{section}:tell")
        return Turn([message("go_on")])
    if LONE_NUMBER.match(text):  # a late answer to a scale: the answer before moves with it, or keep it and ask
        return late_scale(session, conversation, text) or ask_if_answer(conversation, text, message_id)
    if not text:
        return Turn([])
    if phase_of(conversation.step) == "more":  # "yes, my friendships": the "yes" answers "anything else?"
        text = _YES_AND.sub("", text, count=1)
    rest = closing_rest(text)  # "the stairlift, that's been a godsend, that's it"
    ahead = _answered_ahead(session, conversation, section, rest or text, intent, message_id)
    if ahead is not None:  # "Tibby's good as gold, I told you. no nothing else": what was closed is behind
        return ahead  # them now; the question the words were moved to is still theirs to answer
    turn = _store_answer(session, conversation, rest or text, intent, message_id)
    return _closed(session, conversation, turn) if rest else turn


def _closed(session, conversation, turn: Turn) -> Turn:
    """They said the section is finished: on to the next one, once the follow-ups
    about the new items (if any) are answered."""
    if phase_of(conversation.step) == "more":
        return Turn(turn.says + after_section(session, conversation, section_of(conversation.step)))
    conversation.step_data = {**conversation.step_data, "closing": True}
    return turn


def _answered_ahead(session, conversation, section, text, intent, message_id) -> Optional[Turn]:
    """At "anything else?" asked again (or after follow-ups), words that clearly answer
    a later section's question are filed there, and the conversation goes on from there
    (the person is told where they went). People who expect one "anything else?" per
    section answer the next question at the second one; without this, every later
    answer would be filed one section behind. At a question's first asking, only the
    reader's far surer reading counts (reader.FIRST_ASKED): it catches up a
    conversation that has already fallen one question behind."""
    # With follow-ups ("would Joan want to be involved?", the 0 to 10 questions) between,
    # the first "anything else?" already comes after several questions about the answer.
    asked_before = 1 if LIST_SECTIONS[section].followups else 2
    if _ADDS_TO_THIS.match(text):
        return None  # "oh and the bins! she can't wheel them out, Ron next door does it": more of this list
    if phase_of(conversation.step) == "ask":
        ahead = reader.section_ahead(section, text, first_asked=True)  # one question behind already?
        return _file_ahead(session, conversation, ahead, text, intent, message_id) if ahead else None
    if phase_of(conversation.step) != "more" or _messages_in(session, conversation, section) < asked_before:
        return None
    ahead = _section_ahead(section, text)
    return _file_ahead(session, conversation, ahead, text, intent, message_id) if ahead else None


_ADDS_TO_THIS = re.compile(r"^\W*(?:(?:oh|ah)\W+)?(?:and|also|plus)\b", re.I)


def _section_ahead(section: str, text: str) -> Optional[str]:
    """The later section the words clearly answer: by their words (bot/parsing.py), or
    by what they mean (the section reader), or None."""
    if answers_next(section, text):
        return _next_section(section)
    return reader.section_ahead(section, text)


def _next_section(section: str) -> str:
    return LIST_NAMES[LIST_NAMES.index(section) + 1]


def _file_ahead(session, conversation, ahead, text, intent, message_id) -> Turn:
    for _ in range(reader.AHEAD):  # their questions are not asked: this message answers a later one
        if section_of(conversation.step) == ahead:
            break
        after_section(session, conversation, section_of(conversation.step))
    turn = _store_answer(session, conversation, text, intent, message_id)
    title = prompts()["section_titles"][section_of(conversation.step)]
    return Turn([message("moved_ahead", title=title)] + turn.says)


def _not_a_followup_answer(session, conversation, section, text, intent, message_id) -> Turn:
    """Words that do not answer a follow-up ("would Joan want to be involved?", "where
    are you now, from 0 to 10?") are not lost, nor asked for again and again: the
    section's follow-ups end (left unanswered) and the words are taken as what comes
    next: more of this section, or the next section's answer when they clearly are."""
    set_step(conversation, f"{section}:more")
    if NOTHING_MORE.match(text) and not _MORE_AFTER.search(text):  # "no, that's plenty to be going on with"
        return Turn(after_section(session, conversation, section))
    # Words where a yes or no was asked are often the next answer; where a number was
    # asked, another outcome as often as a risk ("someone to go in in the afternoons"),
    # which the reader cannot tell apart: there the words alone decide.
    ahead = _section_ahead(section, text) if section != "outcomes" else \
        (_next_section(section) if answers_next(section, text) else None)
    if ahead:
        return _file_ahead(session, conversation, ahead, text, intent, message_id)
    return _store_answer(session, conversation, text, intent, message_id)


def _messages_in(session, conversation, section) -> int:
    """How many of the person's messages this section's items came from (for what is
    working and what is not, both: words are filed in either by what they say)."""
    together = ("working_well", "not_working") if section in ("working_well", "not_working") else (section,)
    ids = set()
    for name in together:
        spec = LIST_SECTIONS[name]
        ids |= {row.message_id.split(":")[0] for row in repo.items(session, conversation.id, spec.table,
                                                                   **spec.filters)}
    return len(ids)


def _store_answer(session, conversation, text, intent, message_id) -> Turn:
    section = section_of(conversation.step)
    text, told = file_told_ahead(session, conversation, section, text, message_id)  # "... whats not right is me knees"
    turn = _store_in(session, conversation, section, text, message_id)
    return Turn(turn.says + told)


def _store_in(session, conversation, section, text, message_id) -> Turn:
    texts = split_answer(LIST_SECTIONS[section].split, text) or [text]
    texts, already = _not_yet_saved(session, conversation, section, texts)
    if section in ("working_well", "not_working"):
        turn = _store_working(session, conversation, section, texts, message_id)
    else:
        rows = store_items(session, conversation, section, texts, message_id)
        start_followups(conversation, section, [row.id for row in rows])
        if not LIST_SECTIONS[section].followups:
            remember_last(conversation, rows)
        turn = Turn([message("ack_items", items=_listed(texts))] if texts else [])
    return Turn(turn.says + ([message("already_saved", items=_listed(already))] if already else []))


def _listed(texts: list[str]) -> str:
    return "; ".join(f'"{quoted(t)}"' for t in texts)


def _not_yet_saved(session, conversation, section, texts) -> tuple[list[str], list[str]]:
    """(The texts not saved in this section yet, those already saved): typing an answer
    again after going back to it does not store it twice."""
    spec = LIST_SECTIONS[section]
    saved = {_same(row.text) for row in repo.items(session, conversation.id, spec.table, **spec.filters)}
    new = [text for text in texts if _same(text) not in saved]
    return new, [text for text in texts if _same(text) in saved]


def _same(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


# "oh sorry thats what ISNT going well lol. going well... my meds": a new sentence that
# starts with the name of a side ("going well...", "Not working:") starts an item of that side.
_LABELLED_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=(?:for\s+(?:the\s+)?(?:what is\s+)?)?"
                                r"(?:working well|going well|not working|not going well)\s*(?::|\.{2,}|\u2026|-|,))", re.I)


def _turns_of(text: str) -> list[str]:
    """"The nights are long..., but the chapel has been good to me": where a long answer
    turns from what is not going well to what is (or back), each side is its own item."""
    parts = re.split(r",?\s+but\s+", text, maxsplit=1, flags=re.I)
    if len(parts) == 2 and all(len(part.split()) >= 3 for part in parts) \
            and polarity(parts[0]) * polarity(parts[1]) < 0:
        return [parts[0].strip(), parts[1].strip()]
    return [text]


def _store_working(session, conversation, section, texts, message_id) -> Turn:
    says = _file_working(session, conversation, section, texts, message_id)
    start_followups(conversation, section, [])
    return Turn(says)


def _file_working(session, conversation, section, texts, message_id) -> list:
    """What is working and what is not, each filed by what its words say: asked what
    is going well, "the bus is rubbish" goes with what is not working (and the person
    is told where it went). Also when adding to either list after going back."""
    other = "not_working" if section == "working_well" else "working_well"
    sign = -1 if section == "working_well" else 1
    filed = {section: [], other: []}
    texts = [part for text in texts for labelled in _LABELLED_SENTENCE.split(text) for part in _turns_of(labelled)]
    labelled = 0  # "Not working - fatigue ++ by 4pm, hands stiff": the side they named, for what follows
    for position, item in enumerate(texts):
        if only_a_label(item):
            labelled = side_label(item)
            continue
        labelled = side_label(item) or labelled  # a label starting a piece goes on for what follows
        side = labelled or polarity(item)
        where = other if side == sign else section
        store_items(session, conversation, where, [item], f"{message_id}:{position}" if len(texts) > 1 else message_id)
        filed[where].append(f'"{quoted(item)}"')
    says = [message("ack_items", items="; ".join(filed[section]))] if filed[section] else []
    if filed[other]:
        says.append(message("ack_item_elsewhere", items="; ".join(filed[other]),
                            title=prompts()["section_titles"][other].lower()))
    return says


_YES_AND = re.compile(r"^\W*(?:oh\s+)?(?:yes|yeah|yep|yup|aye|ya)\b[,.!:;-]*\s+(?=\S)", re.I)
_YES_WORDS = (r"yes|yeah|yep|yup|aye|ok|okay|sure|please|go on|y|there is|there are|i do|she does|he does|a few|some|"
              r"one more|actually|oh|probably|maybe|possibly|i think so|i suppose so|i suppose")  # "yes probably": go on
_JUST_YES = re.compile(rf"^\W*(?:{_YES_WORDS})(?:\W+(?:{_YES_WORDS}))*\W*$", re.I)
# "no, not really, but my son helps": a "no" that goes on to an answer is kept.
_MORE_AFTER = re.compile(r"\b(but|though|although|except|apart from|however)\b|\bonly\b(?! one\b)", re.I)


def ask_if_answer(conversation, text: str, message_id: str) -> Turn:
    """Keep the words, and ask whether they are the answer to the question."""
    interrupt(conversation, "keep_answer", text=text, message_id=message_id)
    return Turn([])


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


# A reply of this many words that is not the yes / no or number a follow-up asks for is
# something else the person wants to say.
WORDY = 3


def _current_item(session, conversation):
    section = section_of(conversation.step)
    return repo.get_item(session, LIST_SECTIONS[section].table, conversation.step_data["pending"][0])


def _kept_with(item, text: str) -> None:
    """"yes, though I don't want to put it on her before uni": the choice is taken and
    the words said with it stay with the item, never dropped."""
    if len(text.split()) > WORDY:
        item.text = f"{item.text} - {text}"


def answer_willing(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if NOT_SURE.search(text):
        item.willing = "not_sure"
        _kept_with(item, text)
    else:
        said = yes_no(text, intent)
        if said is None and len(text.split()) >= WORDY:
            if answers_next("strengths_family", text) or person_first(text):  # the next question, or someone else
                return _not_a_followup_answer(session, conversation, "strengths_family", text, intent, message_id)
            before = item.text  # "he lives in Spain": said about this person, kept with them
            item.text = f"{item.text} - {text}"
            return Turn([message("added_to_item", text=quoted(text), item=quoted(before)), message("yes_no")])
        if said is None:
            return Turn([message("yes_no")])
        item.willing = "yes" if said else "no"
        _kept_with(item, text)
    return Turn([message("ack")] + next_followup(session, conversation, "strengths_family"))


def answer_scale(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if intent == "deny" or NOT_SURE.search(text):
        _kept_with(item, text)  # "Not sure, she says she'll never understand Dad's pension"
        return Turn([message("skipped")] + next_followup(session, conversation, "outcomes"))
    value = parse_scale(text)
    if value is None and len(text.split()) >= WORDY:
        return worry_at_scale(session, conversation, text) or \
            _not_a_followup_answer(session, conversation, "outcomes", text, intent, message_id)
    if value is None and re.search(r"[^\W\d]", text) and not re.search(r"\d", text) and not NO.match(text):
        # "more hours": kept with the outcome, never dropped, and the number asked for again
        before = item.text
        item.text = f"{item.text} - {text}"
        return Turn([message("added_to_item", text=quoted(text), item=quoted(before)), message("scale_invalid")])
    if value is None or not 0 <= value <= 10:
        return Turn([message("scale_invalid")])
    setattr(item, phase_of(conversation.step), value)
    return Turn([message("ack")] + next_followup(session, conversation, "outcomes"))


def _answer_risk_detail(session, conversation, text, intent, message_id) -> Turn:
    item = _current_item(session, conversation)
    if not (intent == "deny" and len(text.split()) <= 3):
        setattr(item, phase_of(conversation.step), text)
    return Turn([message("ack")] + next_followup(session, conversation, "positive_risks"))


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
    if said:
        conversation.shared_at = conversation.completed_at
        set_step(conversation, "done:contact")
        return Turn([message("shared")])
    set_step(conversation, "done:closed")
    return Turn([message("not_shared"), message("finished", **voice(conversation))])


def _answer_contact(session, conversation, text, intent, message_id) -> Turn:
    """After sharing: how the council may get in touch, as typed, or not at all."""
    if NO_CONTACT.search(text) or intent == "deny":
        conversation.contact_ok, conversation.contact = False, None
        says = [message("no_contact")]
    else:
        conversation.contact_ok, conversation.contact = True, text
        says = [message("next_steps", **voice(conversation), contact=quoted(text))]
    set_step(conversation, "done:closed")
    return Turn(says + [message("finished", **voice(conversation))])


def _answer_closed(session, conversation, text, intent, message_id) -> Turn:
    return Turn([message("ack")])


def _answer_review(session, conversation, text, intent, message_id) -> Turn:
    section = conversation.step_data["section"]
    short_yes_or_no = len(text.split()) <= 3 and (YES.match(text) or NO.match(text))
    if NOTHING_MORE.match(text) or DONE.match(text) or short_yes_or_no:
        return_to_saved(conversation)
        return Turn([message("ack")])
    if section == "preferred_name":
        conversation.preferred_name = preferred_name(text)
        return_to_saved(conversation)
        return Turn([message("ack_name", name=conversation.preferred_name)])
    if clearly_a_move("remove_item", text):
        return remove_item(session, conversation, text)  # "remove 2, I haven't baked since 2019"
    texts, already = _not_yet_saved(session, conversation, section, split_answer(LIST_SECTIONS[section].split, text)
                                    or [text])
    if section in ("working_well", "not_working"):
        says = _file_working(session, conversation, section, texts, message_id) if texts else []
    else:
        store_items(session, conversation, section, texts, message_id)
        says = [message("ack_items", items=_listed(texts))] if texts else []
    return Turn(says + ([message("already_saved", items=_listed(already))] if already else []))


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
    data = conversation.step_data or {}
    if not CONTACT_DETAILS.search(text) and not data.get("asked_again"):  # "his pidgeons": asked once more,
        set_step(conversation, "handoff_contact", **{**data, "asked_again": True})  # saved as typed the second time
        return Turn([message("handoff_contact_again", contact=quoted(text))])
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
    step = ((conversation.step_data or {}).get("return") or {}).get("step", "")
    if event is not None and event.kept_as_answer is None and not takes_words(step):
        # "Not sure, she says she'll never understand Dad's pension": the reply to "what
        # number would you like to get to?" (or "Well yes love, go on and save it" to
        # "is it OK to save your answers?") is still that reply, once not an alarm
        return_to_saved(conversation)
        event.kept_as_answer = True
        turn = answer(session, conversation, event.message, "inform", event.message_id)
        return Turn([message("safety_not_meant")] + turn.says)
    turn = carry_on(session, conversation)
    turn.says = [message("safety_not_meant")] + turn.says
    return turn


def carry_on(session: Session, conversation: Conversation) -> Turn:
    """Back to the question they were on. If the flagged message was said at a
    question that takes their words, first offer to keep it as their answer."""
    event = repo.latest_safety_event(session, conversation.id)
    saved = (conversation.step_data or {}).get("return") or {}
    step = saved.get("step", "")
    if event is not None and event.kept_as_answer is None and takes_words(step) and conversation.step != "safety_keep":
        set_step(conversation, "safety_keep", **{"return": saved})
        return Turn([])
    return_to_saved(conversation)
    return Turn([message("safety_carry_on")])


def _answer_keep(session, conversation, text, intent, message_id) -> Turn:
    """"Shall I save that as your answer?" after words the NLU model read as a move."""
    kept = dict(conversation.step_data)
    said = yes_no(text, intent)
    return_to_saved(conversation)
    if said is None:  # they typed something else: their answer to the question
        return answer(session, conversation, text, intent, message_id)
    if not said:
        return Turn([message("not_saved")])
    return answer(session, conversation, kept["text"], "inform", kept["message_id"], confirmed=True)


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
    "behalf:person": _answer_behalf_person,
    "behalf:helper": _answer_behalf_helper,
    "behalf:permission": _answer_behalf_permission,
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
    "done:contact": _answer_contact,
    "done:closed": _answer_closed,
    "review": _answer_review,
    "keep_answer": _answer_keep,
    "delete_confirm": answer_delete,
    "handoff_consent": _answer_handoff_consent,
    "handoff_contact": _answer_handoff_contact,
    "safety_safe_now": _answer_safety_safe_now,
    "safety_pass_on": _answer_safety_pass_on,
    "safety_continue": _answer_safety_continue,
    "safety_keep": answer_safety_keep,
}
