"""Corrections typed as answers change the item they correct, once, in place."""
import pytest

from bot import interview as iv
from bot.store import repository as repo
from tests.bot.interview.person import Person, walk_to


def test_i_meant_the_tuesday_group_changes_the_item_instead_of_adding_one(store):
    p = Person(store)
    walk_to(p, "strengths_community")
    p.says("the Monday craft group at the library")
    said = p.says("sorry, I meant the Tuesday group not the Monday one")
    assert said == ['Thank you. I have changed "the Monday craft group at the library" to '
                    '"the Tuesday craft group at the library".',
                    "Is there anything else, like a place you like to go or a group you belong to?"]
    assert [s["text"] for s in p.record()["strengths"]] == ["the Tuesday craft group at the library"]


def test_a_correction_followed_by_more_words_still_corrects_and_keeps_them(store):
    p = Person(store)
    walk_to(p, "strengths_community")
    p.says("her Tuesday coffee morning at the Methodist church")
    p.says("Sorry, I meant the Thursday coffee morning, not the Tuesday one; Tuesday is when her cleaner comes.")
    assert [s["text"] for s in p.record()["strengths"]] == [
        "her Thursday coffee morning at the Methodist church (Tuesday is when her cleaner comes)"]


def test_not_dave_i_meant_pete_at_the_question_about_dave(store):
    p = Person(store)
    walk_to(p, "strengths_family")
    p.says("Ellie, my sister Karen and my mate Dave")
    p.says("yes", "affirm")
    p.says("not sure")
    said = p.says("actually not Dave, I meant Pete. Dave moved to Leeds years ago", "go_back")
    assert said[-1].startswith("Would your mate Pete want to be involved")
    p.says("yes", "affirm")
    assert [(s["text"], s["who"], s["willing"]) for s in p.record()["strengths"]] == [
        ("Ellie", "Ellie", "yes"), ("my sister Karen", "my sister Karen", "not_sure"),
        ("my mate Pete (Dave moved to Leeds years ago)", "my mate Pete", "yes")]


@pytest.mark.parametrize("text", ["sorry I meant Thursdays", "I meant to say my garden, not much else"])
def test_words_that_do_not_correct_anything_saved_are_an_answer(store, text):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says(text)
    assert [i["text"] for i in p.record()["what_matters"]]  # kept, not dropped
    with store.transaction() as session:
        conversation = repo.get_conversation(session, p.id)
        assert iv.reading_of(conversation, "sorry, I meant Pete not Dave", "go_back") == "answer"


def test_a_correction_at_a_yes_or_no_question_changes_no_item(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("no bus on Sundays")
    while p.state()[0] != "summary":
        p.says("no", "deny")
    p.says("yes", "affirm")
    p.says("sorry, I meant yes not no")  # at "share it with the council?": not a correction of an item
    assert [i["text"] for i in p.record()["what_matters"]] == ["no bus on Sundays"]



def test_a_correction_that_ends_with_nothing_else_moves_on(store):
    p = Person(store)
    walk_to(p, "strengths_community")
    p.says("the Monday memory cafe at the library")
    said = p.says("sorry, I meant the Tuesday one not the Monday one; and no, nothing else")
    assert [s["text"] for s in p.record()["strengths"] if s["category"] == "community"] == [
        "the Tuesday memory cafe at the library"]
    assert p.state()[1] == "outcomes:ask"
    assert said[0].startswith("Thank you. I have changed")
