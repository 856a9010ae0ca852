"""A long first answer that answers later questions too: each sentence that says
which question it answers is saved there, and that question says it was told."""
import pytest

from bot.interview.told_ahead import section_told
from tests.bot.interview.person import Person, walk_to

PARAGRAPH = ("well where do i start. the missus and the grandkids thats what matters most. whats going alright "
             "is im still driving. whats not right is me knees, 40 year in a cab. and the nights. im good with engines. "
             "i go the British Legion of a friday. and id like to get the old Capri going. there you go")


@pytest.mark.parametrize("sentence, section", [
    ("whats going alright is im still driving which is grand", "working_well"),
    ("The good thing is the carers come on time.", "working_well"),
    ("what's not working is the bus.", "not_working"),
    ("The hard bit is the nights.", "not_working"),
    ("she's always been good with her hands", "strengths_personal"),
    ("and we go to the chapel on Sundays", "strengths_community"),
    ("whats working is the day centre tuesdays and thursdays", "working_well"),
    ("she can still knit, does squares for the church blankets", "strengths_personal"),
    ("i go the shops", None),  # no place or group named
    ("and id like to get the old Ford Capri going again", None),
    ("my garden matters most", None),
    ("I'd like to walk to the park again", None),  # outcomes have their own follow-ups: never filed ahead
])
def test_a_sentence_is_filed_ahead_only_when_it_says_so(sentence, section):
    assert section_told(sentence) == section


def test_a_paragraph_answering_ahead_is_filed_where_each_sentence_says(store):
    p = Person(store)
    walk_to(p, "what_matters")
    said = p.says(PARAGRAPH)
    assert 'Thank you. I have saved "whats going alright is im still driving" under what is working well.' in said
    record = p.record()
    texts = {section: [i["text"] for i in record[section]] for section in ("what_matters", "working_well", "not_working")}
    assert texts["working_well"] == ["whats going alright is im still driving."]
    assert texts["not_working"] == ["whats not right is me knees, 40 year in a cab.", "and the nights."]
    assert "im good with engines." in [s["text"] for s in record["strengths"] if s["category"] == "personal"]
    assert "i go the British Legion of a friday." in [s["text"] for s in record["strengths"] if s["category"] == "community"]
    assert " ".join(texts["what_matters"]).count("the missus") == 1 and "there you go" in " ".join(texts["what_matters"]) \
        and "the old Capri" in " ".join(texts["what_matters"])
    asked = p.says("no", "deny")
    assert asked[-2] == ('You have already told me: "whats going alright is im still driving". '
                         'Anything you add now is saved with it.')
    assert p.says("told you already")[0] == "I have kept everything you wrote before, in your own words."


def test_a_short_answer_is_never_filed_ahead(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("whats going well is the carers")
    assert [i["text"] for i in p.record()["working_well"]] == []
