"""What to ask now: each step's question, read-backs and the summary, worded from
`bot/prompts.yml` for the conversation's mode."""
from __future__ import annotations

from sqlalchemy.orm import Session

from bot.directory.matching import directory_service
from bot.interview.state import LIST_SECTIONS, MOVE_STEPS, current_link, phase_of, section_of, voice
from bot.stages import SECTIONS
from bot.store import repository as repo
from bot.store.models import Conversation
from bot.store.record import build_record
from bot.wording import Say, message, prompts, quoted, said_to_them, step_prompt

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
        return [step_prompt(step, **voice(conversation), text=event.message if event else "")]
    if step == "keep_answer":
        return [step_prompt(step, **voice(conversation), text=quoted(data["text"]))]
    if step in MOVE_STEPS:
        return [step_prompt(step, **voice(conversation))]
    if step == "summary:confirm":
        return [step_prompt(step, **voice(conversation), summary=summary_text(build_record(session, conversation.id)))]
    if step == "summary:change":
        return [_change_prompt(session, conversation)]
    if step == "links:offer":
        return [_link_prompt(session, conversation)]
    if step == "done:closed":
        return [step_prompt(step, **voice(conversation), reference=conversation.reference)]
    section, phase = section_of(step), phase_of(step)
    if section in LIST_SECTIONS and phase in LIST_SECTIONS[section].followups:
        item = repo.get_item(session, LIST_SECTIONS[section].table, data["pending"][0])
        who = said_to_them(getattr(item, "who", None) or "they")
        return [step_prompt(step, **voice(conversation), item=quoted(item.text), who=who)]
    return _told_earlier(session, conversation, section, phase) + [step_prompt(step, **voice(conversation))]


def _told_earlier(session: Session, conversation: Conversation, section: str, phase: str) -> list[Say]:
    """A section's first question, when its answers were given earlier (a long first
    answer, or filed by what the words say): what they said, so they need not repeat it."""
    if phase != "ask" or section not in LIST_SECTIONS:
        return []
    spec = LIST_SECTIONS[section]
    rows = repo.items(session, conversation.id, spec.table, **spec.filters)  # the section's rows only, not the record
    if not rows:
        return []
    items = "; ".join(f'"{quoted(row.text)}"' for row in rows)
    return [message("told_earlier", **voice(conversation), items=items)]


def _review_prompt(session: Session, conversation: Conversation, section: str) -> Say:
    if section == "preferred_name":
        return step_prompt("review_name", **voice(conversation), name=conversation.preferred_name or "nothing yet")
    title = prompts()["section_titles"][section]
    entries = record_section(build_record(session, conversation.id), section)
    listing = "\n".join(f"{n}. {describe(section, entry)}" for n, entry in enumerate(entries, 1))
    body = f"{title}:\n{listing}" if entries else f"{title}: {prompts()['messages']['review_empty']}"
    return step_prompt("review", **voice(conversation), items=body)


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


def describe(section: str, entry: dict) -> str:
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
            lines = "\n".join(f"- {describe(section, entry)}" for entry in entries)
            parts.append(f"{titles[section]}:\n{lines}")
    chosen = [link for link in record["links"] if link["status"] == "accepted"]
    if chosen:
        lines = "\n".join(f"- {link['service_name'] or link['service_id']}" for link in chosen)
        parts.append(f"{titles['links']}:\n{lines}")
    name = f", {record['preferred_name']}" if record["preferred_name"] else ""
    heading = message("summary_heading", record["mode"], name=name,
                      person=record["preferred_name"] or "the person you are helping").text
    if not parts:
        return f"{heading}\n{prompts()['messages']['summary_empty']}"
    return heading + "\n\n" + "\n\n".join(parts)


def _link_prompt(session: Session, conversation: Conversation) -> Say:
    link = current_link(session, conversation)
    service = directory_service(session, link.service_id)
    return step_prompt("links:offer", **voice(conversation), name=service.name, description=service.description or "",
                       reason=link.reason or "")
