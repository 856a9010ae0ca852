"""bot/safety/response.py: the help that fits the risk comes first."""
import pytest

from bot.safety import response
from bot.safety.kinds import KINDS


@pytest.mark.parametrize("kinds, first", [
    (["suicide"], ["samaritans", "nhs111"]),
    (["self_harm"], ["samaritans", "nhs111"]),
    (["danger"], ["emergency_now"]),
    (["fall"], ["emergency_now"]),
    (["abuse"], ["emergency", "safeguarding"]),
    (["financial_abuse"], ["emergency", "safeguarding"]),
    (["neglect"], ["emergency", "safeguarding"]),
    (["others_at_risk"], ["emergency", "safeguarding"]),
    (["carer_breakdown"], ["emergency", "carers", "samaritans"]),
    (["suicide", "danger"], ["emergency_now", "samaritans"]),  # an overdose taken: 999 first
    ([], ["emergency", "samaritans", "nhs111", "safeguarding"]),  # flagged with no kind: everything
])
def test_each_kind_gets_its_route_first(kinds, first):
    routes = response.routes_for(kinds)
    assert routes[:len(first)] == first
    assert "emergency" in routes or "emergency_now" in routes  # 999 is always there
    assert len(routes) == len(set(routes))


def test_only_thoughts_of_suicide_or_self_harm_ask_if_they_are_safe():
    assert [kind for kind in KINDS if response.asks_if_safe([kind])] == ["suicide", "self_harm"]


def test_every_line_has_tel_links_built_from_the_numbers():
    for name in ("emergency_now", "emergency", "samaritans", "nhs111", "safeguarding", "carers"):
        say = response.route(name)
        assert say.route["id"] == name and say.route["calls"]
        for call in say.route["calls"]:
            assert call["tel"] == "tel:" + "".join(ch for ch in call["number"] if ch.isdigit())
            assert call["number"] in say.text


def test_the_response_says_what_happens_if_it_is_passed_on():
    lines = [say.text for say in response.lines(["abuse"])]
    assert lines[-1].startswith("If you want, I can pass this on to")
    assert "within one working day" in lines[-1]  # council.yml's safeguarding_response


def test_the_wording_stays_short_and_plain():
    """Reading age about 9: short sentences, no jargon."""
    texts = [say.text for kind in KINDS for say in response.lines([kind])]
    for text in texts:
        for sentence in text.replace("?", ".").split(". "):
            assert len(sentence.split()) <= 25, sentence
        for jargon in ("safeguarding referral", "eligibility", "service user", "assessment of needs"):
            assert jargon not in text.lower()
