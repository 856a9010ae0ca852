"""An NLU component that runs the safety phrase backstop on every message.

When `bot.safety.scan` finds a phrase, the intent becomes `safety_disclosure` with
confidence 1.0, whatever the classifier said, so the safety rule always fires. It
sits last in the pipeline, after the intent classifier.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import safety

SAFETY_INTENT = "safety_disclosure"


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
            kinds = safety.scan(text)
            if not kinds:
                continue
            previous = message.get(INTENT) or {}
            intent = {"name": SAFETY_INTENT, "confidence": 1.0}
            ranking = [intent] + [
                entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != SAFETY_INTENT
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set("safety_backstop", {"matched": kinds, "classifier_intent": previous.get("name")},
                        add_to_output=True)
        return messages
