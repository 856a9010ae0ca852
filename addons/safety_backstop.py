"""An NLU component that runs the safety detector (`bot/safety/detector.py`) on every
message, after the intent classifier.

When any layer flags the message (the phrases, the classifier's own
`safety_disclosure` when it is sure of it, or the meaning layer), the intent becomes `safety_disclosure`
with confidence 1.0, whatever the classifier said, so the safety rule fires before
any move: "I've saved up my tablets" is a disclosure, not "save and come back later".
What the detector found (kinds, layers, score) goes into the parse data as `safety`,
where the safety action reads it. When the classifier said `safety_disclosure` but the
detector did not flag the message, the classifier's next guess is used instead.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety.detector import SAFETY_INTENT, detector


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyBackstop(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyBackstop":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            previous = message.get(INTENT) or {}
            found = detector().detect(text, previous.get("name"), float(previous.get("confidence") or 0.0))
            message.set("safety", found.as_dict(), add_to_output=True)
            if not found.flagged:
                if previous.get("name") == SAFETY_INTENT:
                    _read_as_next_likeliest(message)
                continue
            intent = {"name": SAFETY_INTENT, "confidence": 1.0}
            ranking = [intent] + [
                entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != SAFETY_INTENT
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages


def _read_as_next_likeliest(message: Message) -> None:
    """The classifier said `safety_disclosure` but not surely enough to flag it, and no
    other layer flagged it: the message is read as its next-likeliest intent (usually
    an answer, `inform`), so the words are kept where they were said, and the safety
    rule does not fire on a message the detector let through."""
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != SAFETY_INTENT]
    message.set(INTENT, ranking[0] if ranking else {"name": "inform", "confidence": 0.0}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
