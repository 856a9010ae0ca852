"""addons/safety_backstop.py: the detector decides, whatever the intent classifier said."""
import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

import addons.safety_backstop as backstop
from bot.safety.detector import NLU_FLOOR, SAFETY_INTENT, Detector
from tests.bot.safety.test_detector import FixedModel


@pytest.fixture
def quiet(monkeypatch):
    """A detector whose meaning layer flags nothing: only the phrases and the intent."""
    monkeypatch.setattr(backstop, "detector", lambda: Detector(FixedModel(0.1)))
    return backstop.SafetyBackstop()


def parsed(text, *ranking):
    message = Message({TEXT: text})
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, entries[0])
    message.set(INTENT_RANKING_KEY, entries)
    return message


def test_a_flagged_message_becomes_a_disclosure_before_any_move(quiet):
    [message] = quiet.process([parsed("I've saved up my tablets for later", ("pause", 0.9), ("inform", 0.1))])
    assert message.get(INTENT) == {"name": SAFETY_INTENT, "confidence": 1.0}
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == [SAFETY_INTENT, "pause", "inform"]
    assert message.get("safety")["kinds"] == ["suicide"] and message.get("safety")["layers"] == ["phrases"]


def test_a_sure_classifier_flags_on_its_own(quiet):
    [message] = quiet.process([parsed("my garden", (SAFETY_INTENT, NLU_FLOOR), ("inform", 0.01))])
    assert message.get("safety")["layers"] == ["nlu"]
    assert message.get(INTENT)["name"] == SAFETY_INTENT


def test_an_unsure_classifier_alone_is_not_a_flag_and_the_next_guess_is_used(quiet):
    [message] = quiet.process([parsed("we go to the cafe on a Friday", (SAFETY_INTENT, 0.6), ("inform", 0.3),
                                      ("pause", 0.1))])
    assert message.get("safety")["flagged"] is False
    assert message.get(INTENT) == {"name": "inform", "confidence": 0.3}
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["inform", "pause"]


def test_an_ordinary_message_is_left_as_the_classifier_read_it(quiet):
    [message] = quiet.process([parsed("save it for later please", ("pause", 0.8), ("inform", 0.2))])
    assert message.get(INTENT) == {"name": "pause", "confidence": 0.8}
    assert message.get("safety")["flagged"] is False
