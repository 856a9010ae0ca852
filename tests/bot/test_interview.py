"""The interview engine, driven turn by turn against a real store (SQLite and PostgreSQL)."""
import itertools

import pytest

from bot import interview as iv
from bot.parsing import section_in
from bot.safety.detector import Detection
from bot.stages import SECTIONS
from bot.store import repository as repo
from bot.store.record import build_record


class Person:
    """Talks to the engine the way the actions do: one transaction per turn."""

    def __init__(self, store, sender="person"):
        self.store = store
        self.sender = sender
        self.ids = itertools.count(1)
        with store.transaction() as session:
            conversation, self.code = repo.create_conversation(session, sender)
            self.id = conversation.id
            self.reference = conversation.reference

    def _run(self, fn):
        with self.store.transaction() as session:
            conversation = repo.get_conversation(session, self.id)
            turn = fn(session, conversation)
            asked = [] if turn.erased else iv.question(session, conversation)
        return [say.text for say in turn.says + asked]

    def says(self, text, intent="inform", message_id=None):
        message_id = message_id or f"m{next(self.ids)}"
        return self._run(lambda s, c: iv.answer(s, c, text, intent, message_id))

    def move(self, fn):
        return self._run(fn)

    def state(self):
        with self.store.transaction() as session:
            conversation = repo.get_conversation(session, self.id)
            return None if conversation is None else (conversation.stage, conversation.step, conversation.status)

    def record(self):
        with self.store.transaction() as session:
            return build_record(session, self.id)


def walk_to(person, stage):
    """Answer with minimal answers until the conversation reaches `stage`."""
    script = [("yes", "affirm"), ("For myself", "inform"), ("Bob", "inform")]
    for text, intent in script:
        if person.state()[0] == stage:
            return
        person.says(text, intent)
    while person.state()[0] != stage:
        person.says("no", "deny")


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


@pytest.mark.parametrize("stage", ["about_you", "what_matters", "strengths_family", "outcomes", "summary"])
def test_skip_moves_on_and_stores_nothing(store, stage):
    p = Person(store)
    walk_to(p, stage)
    before, state = p.record(), p.state()
    said = p.move(lambda s, c: iv.skip(s, c))
    assert said[0] == "That is fine. We can skip that."
    after = p.record()
    for key in ("what_matters", "strengths", "outcomes", "preferred_name"):
        assert after[key] == before[key]
    assert p.state()[1] != state[1]


def test_skip_a_follow_up_keeps_the_item(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.says("sleep better")
    p.move(lambda s, c: iv.skip(s, c))  # scale now
    p.move(lambda s, c: iv.skip(s, c))  # scale goal
    assert p.state()[1] == "outcomes:more"
    assert [(o["text"], o["scale_now"], o["scale_goal"]) for o in p.record()["outcomes"]] == [("sleep better", None, None)]


def test_why_and_dont_know_store_nothing(store):
    p = Person(store)
    walk_to(p, "strengths_personal")
    why = p.move(lambda s, c: iv.explain_why(c))
    assert "never means you get less help" in why[0]
    examples = p.move(lambda s, c: iv.dont_know(s, c))
    assert examples[0].startswith("For example")
    assert p.record()["strengths"] == []
    assert p.state()[1] == "strengths_personal:ask"


def test_scale_rejects_numbers_out_of_range(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.says("walk to the park")
    assert p.says("about 15")[0] == "Please give a number from 0 to 10, or say skip."
    assert p.state()[1] == "outcomes:scale_now"


def test_go_back_change_and_remove(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my garden, my cat and bingo")
    p.says("no", "deny")  # now at working
    listing = p.move(lambda s, c: iv.go_back(s, c, "I want to change what matters"))
    assert "1. my garden\n2. my cat\n3. bingo" in listing[-1]
    said = p.move(lambda s, c: iv.remove_item(s, c, "remove 2"))
    assert said[0] == 'I have taken out: "my cat".'
    p.says("my dog")
    p.says("done", "deny")
    assert p.state()[1] == "working_well:ask"
    assert [i["text"] for i in p.record()["what_matters"]] == ["my garden", "bingo", "my dog"]


def test_remove_needs_a_section_and_a_valid_number(store):
    p = Person(store)
    walk_to(p, "what_matters")
    assert p.move(lambda s, c: iv.remove_item(s, c, "remove 1"))[0].startswith("First tell me which part")
    p.says("a thing")
    p.move(lambda s, c: iv.go_back(s, c, "go back"))
    assert p.move(lambda s, c: iv.remove_item(s, c, "remove 9"))[0].startswith("Which one?")


def test_change_something_at_the_summary_asks_which_part(store):
    p = Person(store)
    walk_to(p, "summary")
    p.move(lambda s, c: iv.go_back(s, c, "I want to change something"))
    assert p.state()[1] == "summary:change"
    with store.transaction() as session:
        [say] = iv.question(session, repo.get_conversation(session, p.id))
    payloads = [button["payload"] for button in say.buttons]
    assert "go back to what matters to you" in payloads
    assert [section_in(payload) for payload in payloads] == list(SECTIONS)
    p.move(lambda s, c: iv.go_back(s, c, "go back to your community"))
    assert p.state()[1] == "review"
    p.says("done", "deny")
    assert p.state()[1] == "summary:confirm"


def test_safety_then_stop_before_consent_stops_without_looping(store):
    p = Person(store)
    p.move(lambda s, c: iv.safety_response(s, c, "he hits me", "m-s", ABUSE))
    p.says("no", "deny")
    said = p.says("stop for now")
    assert said == ["OK, we can stop here. Nothing has been saved. You can start again at any time."]
    assert p.state() == ("consent", "consent:ask", "paused")
    assert p.record()["safety"]["flagged"] is True


def test_change_name_from_the_summary(store):
    p = Person(store)
    walk_to(p, "summary")
    p.says("I want to change my name")
    assert p.state()[1] == "review"
    p.says("Robert")
    assert p.state()[1] == "summary:confirm"
    assert p.record()["preferred_name"] == "Robert"


def test_pause_and_resume_in_a_new_session(store):
    p = Person(store)
    walk_to(p, "working")
    said = p.move(lambda s, c: iv.pause(s, c))
    assert p.state()[2] == "paused"
    code = said[0].split("your code ")[1][:6]
    assert said[0].count(p.reference) == 1 and len(said) == 1  # no question after pausing
    with store.transaction() as session:
        newcomer, _ = repo.create_conversation(session, "new-sender")
        newcomer_id = newcomer.id
    with store.transaction() as session:
        current = repo.get_conversation(session, newcomer_id)
        turn = iv.resume_with_code(session, current, "new-sender", p.reference, code)
    assert turn.says[0].text.startswith("Welcome back")
    with store.transaction() as session:
        assert repo.conversation_for_sender(session, "new-sender").id == p.id
        assert repo.get_conversation(session, newcomer_id) is None  # the empty one is dropped
    assert p.state() == ("working", "working_well:ask", "active")


def test_resume_with_a_wrong_code(store):
    p = Person(store)
    walk_to(p, "working")
    p.move(lambda s, c: iv.pause(s, c))
    with store.transaction() as session:
        other, _ = repo.create_conversation(session, "x")
        turn = iv.resume_with_code(session, other, "x", p.reference, "999999" if p.code != "999999" else "000000")
    assert turn.says[0].text.startswith("Sorry, that reference and code do not match")
    assert p.state()[2] == "paused"


def test_coming_back_after_pausing(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.move(lambda s, c: iv.pause(s, c))
    said = p.says("ok", "affirm")
    assert said == ["Welcome back. Let us carry on where you left off.", "What is important to you in your life right now?"]
    assert p.record()["what_matters"] == []
    p.move(lambda s, c: iv.pause(s, c))
    said = p.says("my allotment")  # an answer straight away is kept
    assert said[:2] == ["Welcome back. Let us carry on where you left off.", 'Thank you. I have saved: "my allotment".']
    assert [i["text"] for i in p.record()["what_matters"]] == ["my allotment"]


def test_delete_everything_needs_a_yes(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("family")
    p.move(lambda s, c: iv.ask_delete(s, c))
    assert p.state()[1] == "delete_confirm"
    assert p.says("no", "deny")[0] == "OK, I have kept your answers."
    assert p.state()[1] == "what_matters:more"
    p.move(lambda s, c: iv.ask_delete(s, c))
    assert p.move(lambda s, c: iv.skip(s, c))[0] == "OK, I have kept your answers."
    p.move(lambda s, c: iv.ask_delete(s, c))
    said = p.says("yes", "affirm")
    assert said == ["I have deleted everything you told me. If you want to start again, just say hello."]
    assert p.state() is None


def test_asking_to_delete_twice_confirms(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.move(lambda s, c: iv.ask_delete(s, c))
    said = p.move(lambda s, c: iv.ask_delete(s, c))
    assert said == ["I have deleted everything you told me. If you want to start again, just say hello."]
    assert p.state() is None


def test_handoff_records_a_call_back_request(store):
    p = Person(store)
    walk_to(p, "outcomes")
    said = p.move(lambda s, c: iv.handoff(c))
    assert "01632 960 100" in said[0]
    p.says("yes", "affirm")
    assert p.state()[1] == "handoff_contact"
    p.says("07700 900123, mornings are best")
    assert p.state()[1] == "outcomes:ask"
    assert [(r["contact"], r["stage"]) for r in p.record()["handoff_requests"]] == [
        ("07700 900123, mornings are best", "outcomes")]


ABUSE = Detection(("abuse",), ("phrases",))
SUICIDE = Detection(("suicide",), ("meaning",))


def test_safety_response_flags_and_returns_after_wishes(store):
    p = Person(store)
    walk_to(p, "strengths_family")
    said = p.move(lambda s, c: iv.safety_response(s, c, "my son hits me", "m-safety", ABUSE))
    assert said[1].startswith("If you or someone else is in danger now, call 999")
    assert "safeguarding" in said[2]  # abuse: 999 if in danger now, then the safeguarding line
    assert said[-1].startswith("Do you want me to pass what you told me on")
    p.says("yes", "affirm")
    assert p.state()[1] == "safety_continue"
    p.says("carry on")
    assert p.state()[1] == "safety_keep"  # said at a question: offered back as the answer
    said = p.says("no", "deny")
    assert p.state()[1] == "strengths_family:ask"
    record = p.record()
    assert record["safety"]["flagged"] is True
    [event] = record["safety"]["events"]
    assert (event["message"], event["stage"], event["kinds"], event["pass_on"], event["kept_as_answer"]) == (
        "my son hits me", "strengths_family", ["abuse"], True, False)
    assert record["strengths"] == []  # not kept, so not stored as an answer


def test_safety_then_stop_pauses(store):
    p = Person(store)
    walk_to(p, "working")
    p.move(lambda s, c: iv.safety_response(s, c, "I don't want to be here any more", "m-s", SUICIDE))
    assert p.state()[1] == "safety_safe_now"  # thoughts of suicide: are they safe right now?
    p.says("yes", "affirm")
    p.says("no", "deny")
    said = p.says("stop for now")
    assert p.state() == ("working", "working_well:ask", "paused")
    assert "your reference" in said[0]
    assert p.record()["safety"]["events"][0]["safe_now"] is True


def test_not_what_i_meant_keeps_the_words_as_the_answer(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.move(lambda s, c: iv.safety_response(s, c, "getting back to the gym, it is killing me now", "m-gym", SUICIDE))
    said = p.says("that's not what I meant")
    assert said[0] == "Sorry, I got that wrong. Thank you for telling me."
    assert p.state()[1] == "safety_keep"
    p.says("yes", "affirm")
    assert [o["text"] for o in p.record()["outcomes"]] == ["getting back to the gym, it is killing me now"]
    assert p.state()[1] == "outcomes:scale_now"  # the outcome's own next question
    [event] = p.record()["safety"]["events"]
    assert (event["not_meant"], event["kept_as_answer"], event["pass_on"]) == (True, True, None)


def test_a_new_answer_typed_at_the_keep_question_is_the_answer(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.move(lambda s, c: iv.safety_response(s, c, "my dog", "m-dog", ABUSE))
    p.says("not what I meant")
    p.says("my dog Biscuit and walks by the canal")
    assert [w["text"] for w in p.record()["what_matters"]] == ["my dog Biscuit and walks by the canal"]


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


def test_links_are_offered_with_reasons_and_the_person_chooses(store):
    from bot.directory.sample import import_sample

    import_sample(store)
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my allotment")
    p.says("no", "deny")
    said = []
    while p.state()[0] != "links":
        said = p.says("no", "deny")
    assert "Here are some local groups and services" in " ".join(said)
    assert 'You said "my allotment". Would you like us to link you with them?' in said[-1]
    p.says("yes please", "affirm")
    p.says("no thanks", "deny")
    p.move(lambda s, c: iv.dont_know(s, c))
    assert p.state()[1] == "links:more"
    assert p.says("yes, show me more", "affirm")[0] == "Here are some more."
    assert p.state()[1] == "links:offer"
    p.move(lambda s, c: iv.skip(s, c))
    p.move(lambda s, c: iv.skip(s, c))
    p.move(lambda s, c: iv.skip(s, c))
    p.says("no", "deny")
    assert p.state()[:2] == ("summary", "summary:confirm")
    links = p.record()["links"]
    assert [link["status"] for link in links] == ["accepted", "declined", "suggested"] + ["suggested"] * 3
    assert all(link["reason"] == 'You said "my allotment"' for link in links)
    assert len({link["service_id"] for link in links}) == 6


def test_links_pass_by_when_nothing_fits(store):
    from bot.directory.sample import import_sample

    import_sample(store)
    p = Person(store)
    walk_to(p, "summary")
    assert p.record()["links"] == []
