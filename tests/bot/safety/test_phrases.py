"""The phrase backstop: misses are not acceptable, false alarms are."""
import pytest

from bot.safety.phrases import scan


@pytest.mark.parametrize("text, kind", [
    ("I want to end my life", "suicide"),
    ("i've been thinking about killing myself", "suicide"),
    ("I dont want to be here anymore", "suicide"),
    ("I've taken all my tablets", "suicide"),
    ("I cut myself last night", "self_harm"),
    ("he hits me when he's drunk", "abuse"),
    ("My son takes my money", "financial_abuse"),
    ("I'm not safe at home", "abuse"),
    ("my carer shouts at me", "abuse"),
    ("no one has been to feed me for three days", "neglect"),
    ("I haven't eaten for two days", "neglect"),
    ("there's a fire in the kitchen", "danger"),
    ("I fell and can't get up", "fall"),
    ("He\u2019s threatening me", "abuse"),
])
def test_disclosures_are_caught(text, kind):
    assert kind in scan(text)


@pytest.mark.parametrize("text", [
    "I love my garden", "my daughter Sarah visits on Sundays", "I'd like to end my day with a cuppa",
    "I can't manage the stairs", "I used a knife to carve the roast",
])
def test_ordinary_answers_are_not_flagged(text):
    assert scan(text) == []
