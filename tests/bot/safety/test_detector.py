"""bot/safety/detector.py: a message is flagged when any layer flags it."""
from bot.safety.detector import NLU_FLOOR, SAFETY_INTENT, Detector
from bot.safety.meaning import Reading


class FixedModel:
    """A meaning layer that gives every message the same score and kind."""

    def __init__(self, score, kind="neglect", threshold=0.5):
        self.score, self.kind, self.threshold = score, kind, threshold

    def assess(self, texts, encoder):
        return [Reading(self.score, self.kind, self.score >= self.threshold) for _ in texts]


def test_any_one_layer_flags_and_the_layers_are_named():
    quiet = Detector(FixedModel(0.1))
    assert not quiet.detect("my garden").flagged
    assert quiet.detect("he hits me").layers == ("phrases",)
    assert quiet.detect("my garden", SAFETY_INTENT).layers == ("nlu",)
    assert quiet.detect("my garden", SAFETY_INTENT, NLU_FLOOR).layers == ("nlu",)
    assert not quiet.detect("my garden", SAFETY_INTENT, NLU_FLOOR - 0.01).flagged
    assert Detector(FixedModel(0.9)).detect("my garden").layers == ("meaning",)
    both = Detector(FixedModel(0.9)).detect("I want to die", SAFETY_INTENT)
    assert both.layers == ("phrases", "nlu", "meaning")


def test_the_phrases_name_the_kind_and_the_meaning_layer_names_it_otherwise():
    assert Detector(FixedModel(0.9)).detect("he hits me").kinds == ("abuse",)
    assert Detector(FixedModel(0.9)).detect("no food in and the carers never come").kinds[0] == "neglect"
    assert Detector(FixedModel(0.1, "fall")).detect("sorted who gets the dog", SAFETY_INTENT).kinds == ("fall",)
    assert Detector(FixedModel(0.1)).detect("my garden").kinds == ()


def test_without_a_meaning_model_the_other_layers_still_run():
    detector = Detector(None)
    assert detector.detect("I want to end my life").flagged
    assert detector.detect("my garden", SAFETY_INTENT).flagged
    assert not detector.detect("my garden").flagged


def test_the_shipped_model_leaves_everyday_idioms_and_answers_alone():
    from bot.safety.detector import detector

    found = detector()
    assert found.model is not None, "run make train: the safety meaning model is missing or stale"
    for text in ("my knees are killing me today", "I could murder a bacon roll", "I'm dying for a cuppa",
                 # The commonest answers in an interview (data/nlu/, weighted: meaning.EVERYDAY_WEIGHT).
                 "staying in my own home", "living in my own home", "someone's at the door, can I come back to this"):
        assert not found.detect(text).flagged, text
