"""Moves that only talk (guide section 4): why, skip, I don't know, help, chit-chat,
hello. After each, the interview form asks its question again."""
from __future__ import annotations

from actions.common import MoveAction
from bot import interview


class ActionExplainWhy(MoveAction):
    action_name = "action_explain_why"

    def move(self, session, conversation, tracker):
        return interview.explain_why(conversation)


class ActionSkip(MoveAction):
    action_name = "action_skip"

    def move(self, session, conversation, tracker):
        return interview.skip(session, conversation)


class ActionDontKnow(MoveAction):
    action_name = "action_dont_know"

    def move(self, session, conversation, tracker):
        return interview.dont_know(session, conversation)


class ActionHelp(MoveAction):
    action_name = "action_help"

    def move(self, session, conversation, tracker):
        return interview.help_text()


class ActionChitchat(MoveAction):
    action_name = "action_chitchat"

    def move(self, session, conversation, tracker):
        return interview.chitchat()


class ActionGreet(MoveAction):
    action_name = "action_greet"

    def move(self, session, conversation, tracker):
        return interview.greet(conversation)
