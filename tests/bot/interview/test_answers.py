"""Answers: every step keeps the person's words, once, where they belong."""
from bot import interview as iv
from bot.store import repository as repo
from tests.bot.interview.person import Person, walk_to


def test_a_whole_conversation_is_stored_verbatim(store):
    p = Person(store)
    assert p.state() == ("consent", "consent:ask", "active")
    p.says("yes", "affirm")
    p.says("For someone else, with their permission")
    p.says("Call me Maggie")
    p.says("my garden, my dog Bella and seeing my grandson")
    assert p.says("yes", "affirm")[-1] == "Go on. What else matters to you?"
    p.says("Church on Sundays")
    p.says("no", "deny")
    p.says("my neighbour Pat pops in every day")
    p.says("no", "deny")
    p.says("I can't manage the stairs\nI feel lonely since Jim died")
    p.says("no", "deny")
    p.says("I'm a good listener")
    p.says("no", "deny")
    asked = p.says("my daughter Sarah, we have coffee on Sundays")
    assert asked[-1].startswith("Would your daughter Sarah want to be involved")
    p.says("not sure")
    p.says("no", "deny")
    p.says("the Tuesday lunch club")
    p.says("no", "deny")
    asked = p.says("I'd like to get back to swimming")
    assert "on a scale of 0 to 10" in asked[-1]
    p.says("about a 3")
    p.says("eight")
    p.says("no", "deny")
    p.says("go to the shops on my own")
    p.says("my son worries I might fall")
    p.says("if someone came with me the first time")
    asked = p.says("no", "deny")
    assert "I do not have a list of local groups" in " ".join(asked)
    assert p.state()[:2] == ("summary", "summary:confirm")
    summary = asked[-1]
    for text in ("my dog Bella", "I feel lonely since Jim died", "now 3 out of 10, aiming for 8",
                 "worry: my son worries I might fall", "wants to be involved: not sure"):
        assert text in summary
    p.says("yes", "affirm")
    p.says("no", "deny")
    assert p.state() == ("done", "done:closed", "completed")

    record = p.record()
    assert record["mode"] == "on_behalf"
    assert record["consent"] is True
    assert record["preferred_name"] == "Maggie"
    assert [i["text"] for i in record["what_matters"]] == [
        "my garden", "my dog Bella", "seeing my grandson", "Church on Sundays"]
    assert [i["text"] for i in record["working_well"]] == ["my neighbour Pat pops in every day"]
    assert [i["text"] for i in record["not_working"]] == ["I can't manage the stairs", "I feel lonely since Jim died"]
    assert [(s["category"], s["text"], s["who"], s["willing"]) for s in record["strengths"]] == [
        ("personal", "I'm a good listener", None, None),
        ("family", "my daughter Sarah, we have coffee on Sundays", "my daughter Sarah", "not_sure"),
        ("community", "the Tuesday lunch club", None, None),
    ]
    assert [(o["text"], o["scale_now"], o["scale_goal"]) for o in record["outcomes"]] == [
        ("I'd like to get back to swimming", 3, 8)]
    assert record["positive_risks"] == [{
        "id": record["positive_risks"][0]["id"], "activity": "go to the shops on my own",
        "concern": "my son worries I might fall", "safer": "if someone came with me the first time"}]
    assert record["links"] == []
    assert record["summary_confirmed"] is True
    assert record["share_with_council"] is False
    assert record["status"] == "completed" and record["completed_at"]


def test_no_consent_stores_nothing(store):
    p = Person(store)
    said = p.says("no", "deny")
    assert "I will not save anything" in said[0]
    assert p.state() == ("consent", "consent:ask", "declined")
    p.says("what is this", "inform")
    assert p.record()["consent"] is False
    p.says("yes", "affirm")
    assert p.state() == ("consent", "consent:who", "active")


def test_a_replayed_message_is_stored_once(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("gardening; my cat", message_id="same")
    with store.transaction() as session:
        repo.add_items(session, p.id, "what_matters", ["gardening", "my cat"], "same")
    assert [i["text"] for i in p.record()["what_matters"]] == ["gardening", "my cat"]


def test_scale_rejects_numbers_out_of_range(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.says("walk to the park")
    assert p.says("about 15")[0] == "Please give a number from 0 to 10, or say skip."
    assert p.state()[1] == "outcomes:scale_now"


def test_a_name_read_as_no_or_chitchat_is_still_a_name(store):
    p = Person(store)
    p.says("yes", "affirm")
    p.says("For myself")
    p.says("Nora", "deny")
    assert p.record()["preferred_name"] == "Nora"
    with store.transaction() as session:
        conversation = repo.get_conversation(session, p.id)
        assert iv.is_an_answer_here(conversation, "Barry") is False  # past the name question now
        conversation.step = "preferred_name:ask"
        assert iv.is_an_answer_here(conversation, "Barry") is True
        assert iv.is_an_answer_here(conversation, "help") is False
        conversation.step = "safety_pass_on"
        assert iv.is_an_answer_here(conversation, "no that's not what I meant") is True
