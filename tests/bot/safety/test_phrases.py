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
    # Said the way the training writers said them (indirect, shorthand, spelt by sound).
    ("Some mornings I hope I don't wake.", "suicide"),
    ("He says we'd manage better without him.", "suicide"),
    ("been thinkin of using it on meself", "suicide"),
    ("I wanna go to sleep forevr", "suicide"),
    ("Sometimes I pour the kettle on my hand to stop a panic attack", "self_harm"),
    ("His PIP goes straight to his brother.", "financial_abuse"),
    ("the lads make me go to the cash machine on pay day", "financial_abuse"),
    ("carnt cope wiv dad anymore", "carer_breakdown"),
    ("sumone is tryin to get in", "danger"),
    ("Chip pan's gone up", "danger"),
    ("been down here since 4 oclock", "fall"),
    ("Left on the commode hour and half.", "neglect"),
    # Misses of the meaning layer on training writers left out (2026-12-02).
    ("Deleted my socials. Tying up loose ends.", "suicide"),
    ("been reading about ways to die", "suicide"),
    ("Tell Daniel I loved him. That's all really.", "suicide"),
    ("pulled my stitches out on purpose. again", "self_harm"),
    ("I skip my tablets because I want to feel the pain", "self_harm"),
    ("THEY'VE HAD MY ATTENDANCE ALLOWANCE FOR MONTHS!!", "financial_abuse"),
    ("Carers skipping Mr Platt's lunch call again, fourth time.", "neglect"),
    ("Pushed down the stairs by Gareth in March.", "abuse"),
    ("Day centre driver hit Colin. I saw the mark.", "others_at_risk"),
])
def test_disclosures_are_caught(text, kind):
    assert kind in scan(text)


@pytest.mark.parametrize("text", [
    "I love my garden", "my daughter Sarah visits on Sundays", "I'd like to end my day with a cuppa",
    "I can't manage the stairs", "I used a knife to carve the roast",
    "my son-in-law nearly set fire to his eyebrows at the barbecue", "I take all my tablets in the morning",
    "my son takes me to the cashpoint on a Friday", "I keep a razor in the bathroom cabinet",
    "my daughter has my bank card and does my shopping", "my brother says he'll kill me if I'm late",
    "I walk over the bridge into town every morning", "sitting too long makes it hurt",
    "the nurse changed my dressings and the wound is healing",
])
def test_ordinary_answers_are_not_flagged(text):
    assert scan(text) == []
