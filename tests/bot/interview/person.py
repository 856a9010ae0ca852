"""Drive the interview engine turn by turn against a real store, as the actions do."""
import itertools

from bot import interview as iv
from bot.stages import STAGES
from bot.store import repository as repo
from bot.store.record import build_record

class Person:
    """Talks to the engine the way the actions do: one transaction per turn."""

    def __init__(self, store, sender="person"):
        self.store = store
        self.sender = sender
        self.ids = itertools.count(1)
        with store.transaction() as session:
            conversation, self.code = repo.create_conversation(session, sender)
            self.id = conversation.id
            self.reference = conversation.reference

    def _run(self, fn):
        with self.store.transaction() as session:
            conversation = repo.get_conversation(session, self.id)
            turn = fn(session, conversation)
            asked = [] if turn.erased else iv.question(session, conversation)
        return [say.text for say in turn.says + asked]

    def says(self, text, intent="inform", message_id=None):
        message_id = message_id or f"m{next(self.ids)}"
        return self._run(lambda s, c: iv.answer(s, c, text, intent, message_id))

    def move(self, fn):
        return self._run(fn)

    def state(self):
        with self.store.transaction() as session:
            conversation = repo.get_conversation(session, self.id)
            return None if conversation is None else (conversation.stage, conversation.step, conversation.status)

    def record(self):
        with self.store.transaction() as session:
            return build_record(session, self.id)

def walk_to(person, stage):
    """Answer with minimal answers until the conversation reaches `stage`."""
    assert stage in STAGES, f"no stage {stage!r}: {STAGES}"  # else this would never return
    script = [("yes", "affirm"), ("For myself", "inform"), ("Bob", "inform")]
    for text, intent in script:
        if person.state()[0] == stage:
            return
        person.says(text, intent)
    while person.state()[0] != stage:
        person.says("no", "deny")
