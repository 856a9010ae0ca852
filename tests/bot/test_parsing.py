"""Reading meaning out of what people type."""
import pytest

from bot.parsing import TYPED_MARK, looks_like_a_name, mark_typed, parse_item_number, parse_resume, parse_scale, preferred_name, section_in, typed, who_of, yes_no


def test_preferred_name_prefers_what_people_call_them():
    assert preferred_name("My name's Margaret but everyone calls me Peggy") == "Peggy"
    assert preferred_name("call me Bob.") == "Bob"
    assert preferred_name("Mrs Khan") == "Mrs Khan"


@pytest.mark.parametrize("text, value", [("about a 4", 4), ("7/10", 7), ("six", 6), ("10", 10), ("0", 0),
                                         ("no idea", None), ("15", None)])
def test_parse_scale(text, value):
    assert parse_scale(text) == value


@pytest.mark.parametrize("text, value", [("remove 2", 2), ("take out the second one", 2), ("the last one", -1),
                                         ("remove it", None)])
def test_parse_item_number(text, value):
    assert parse_item_number(text) == value


@pytest.mark.parametrize("text, who", [("my daughter Sarah, we have coffee", "my daughter Sarah"),
                                       ("Pat from next door", "Pat"), ("my son", "my son"),
                                       ("I see people at church", None)])
def test_who_of(text, who):
    assert who_of(text) == who


@pytest.mark.parametrize("text, section", [("change what matters", "what_matters"), ("my name", "preferred_name"),
                                           ("what is not working so well", "not_working"),
                                           ("for a reason", None), ("the whole thing", None)])
def test_section_in(text, section):
    assert section_in(text) == section


@pytest.mark.parametrize("text, said", [("yes", True), ("Yeah go on", True), ("nope", False), ("maybe", None)])
def test_yes_no_without_an_intent(text, said):
    assert yes_no(text, None) is said


def test_yes_no_trusts_the_intent():
    assert yes_no("pass it on", "affirm") is True
    assert yes_no("keep them", "deny") is False


def test_parse_resume():
    assert parse_resume("my ref is kq7m-2xrp and code 482913") == ("KQ7M-2XRP", "482913")
    assert parse_resume("KQ7M2XRP 482913") == ("KQ7M-2XRP", "482913")
    assert parse_resume("carry on please") == (None, None)


@pytest.mark.parametrize("text, is_name", [("Ada", True), ("Mrs Khan", True), ("Mary Jane", True),
                                           ("Dr. Patel", True), ("O'Neill", True), ("Jos\u00e9", True),
                                           ("Help", False), ("Hello", False), ("Skip", False), ("Pause", False),
                                           ("my garden", False), ("Call me Ada please", False)])
def test_looks_like_a_name(text, is_name):
    assert looks_like_a_name(text) is is_name


def test_typed_text_keeps_its_words_and_loses_only_the_gateways_mark():
    for text in ("/ my garden", '/inform{"answer": "x"}', "/", "plain words"):
        marked = mark_typed(text)
        assert marked.strip().startswith(TYPED_MARK) and not marked.strip().startswith("/")  # Rasa's own test
        assert typed(marked) == text
    assert typed("plain words") == "plain words"
