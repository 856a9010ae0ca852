"""The interview engine: what to ask next, and what to do with an answer or a move.

- `state`: where the conversation is (steps, and moving between them);
- `questions`: what to ask at each step, worded for the mode from `bot/prompts.yml`;
- `answers`: what each step does with the person's reply;
- `flow`: entering stages, follow-ups about each item, links, going back, pausing;
- `moves`: the guide's section 4 moves and the safety response.

Rasa decides *which* function runs; these modules decide what happens. The actions
call only the names below.
"""
from bot.interview.answers import about_the_service, answer, ask_if_answer, remove_item
from bot.interview.flow import pause
from bot.interview.moves import (
    ask_delete, chitchat, dont_know, explain_why, go_back, greet, handoff, help_text, reading_of,
    resume_here, resume_with_code, safety_response, skip, start,
)
from bot.interview.questions import question, summary_text
from bot.interview.state import Turn

__all__ = [
    "Turn", "about_the_service", "answer", "ask_delete", "ask_if_answer", "chitchat", "dont_know", "explain_why",
    "go_back", "greet", "handoff",
    "help_text", "pause", "reading_of", "question", "remove_item", "resume_here", "resume_with_code",
    "safety_response", "skip", "start", "summary_text",
]
