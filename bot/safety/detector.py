"""The safety detector: three independent layers, and a message is flagged when any
one of them flags it (false alarms cost one tap; misses are not acceptable).

1. `phrases`: the keyword and phrase backstop (`bot/safety/phrases.py`);
2. `nlu`: Rasa's intent classifier said `safety_disclosure` (trained on `data/nlu/safety.yml`)
   with confidence of at least `NLU_FLOOR`;
3. `meaning`: the classifier over sentence vectors and words (`bot/safety/meaning.py`).

The same detector serves every mode: a person's own words, a helper writing for
someone, and (next) a call handler's typed notes. It runs inside Rasa's NLU pipeline
(`addons/safety_backstop.py`), before any move is chosen, so a disclosure that also
says "save", "stop" or "later" gets the safety response first.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from bot import config
from bot.directory.embedding import encoder as sentence_encoder
from bot.safety import meaning, phrases

logger = logging.getLogger(__name__)

SAFETY_INTENT = "safety_disclosure"
LAYERS = ("phrases", "nlu", "meaning")
# Below this the intent classifier's "safety_disclosure" is not a flag of its own. On
# the training writers (scripts/safety_cv.py --nlu), at any confidence it raised 201
# false alarms in 6,375 ordinary messages that the other two layers did not (3.2%;
# the other two together raise 4.5%) for 8 disclosures they missed; at 0.99 it raises 11
# and finds none they miss.
NLU_FLOOR = 0.99


@dataclass(frozen=True)
class Detection:
    """What the detector found in one message."""

    kinds: tuple = ()  # the kinds of risk, most specific first (see bot/safety/kinds.py)
    layers: tuple = ()  # which layers flagged it
    score: float = 0.0  # the meaning layer's score

    @property
    def flagged(self) -> bool:
        return bool(self.layers)

    def as_dict(self) -> dict:
        return {"flagged": self.flagged, "kinds": list(self.kinds), "layers": list(self.layers),
                "score": round(self.score, 4)}


class Detector:
    def __init__(self, model: Optional[meaning.MeaningModel], encoder=None):
        self.model = model
        self.encoder = encoder

    def detect(self, text: str, nlu_intent: Optional[str] = None, nlu_confidence: float = 1.0) -> Detection:
        by_phrase = phrases.scan(text)
        layers = []
        if by_phrase:
            layers.append("phrases")
        if nlu_intent == SAFETY_INTENT and nlu_confidence >= NLU_FLOOR:
            layers.append("nlu")
        score, kind = 0.0, None
        if self.model is not None and text.strip():
            reading = self.model.assess([text], self.encoder)[0]
            score, kind = reading.score, reading.kind
            if reading.flagged:
                layers.append("meaning")
        kinds = tuple(by_phrase) or ((kind,) if layers and kind else ())
        return Detection(kinds, tuple(layers), score)


@lru_cache(maxsize=1)
def detector() -> Detector:
    """The process's detector. Without a usable meaning model it still runs the
    phrases and the NLU layer, and says so loudly in the log (`python -m bot serve`
    refuses to start without the model, so this is only for a file broken later)."""
    encoder = sentence_encoder()
    try:
        model = meaning.load_model(config.safety_model_path(), config.ROOT, encoder)
    except meaning.MeaningModelError:
        logger.exception("SAFETY: the meaning layer is OFF; only phrases and the NLU intent are checked")
        model = None
    return Detector(model, encoder)


def check_model() -> None:
    """Raise MeaningModelError unless the trained model is there and current."""
    meaning.load_model(config.safety_model_path(), config.ROOT, sentence_encoder())
