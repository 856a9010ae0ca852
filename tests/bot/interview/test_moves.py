"""Moves (guide section 4): skip, why, go back, remove, delete, talk to a person, and the safety response."""
import pytest

from bot import interview as iv
from bot.parsing import section_in
from bot.safety.detector import Detection
from bot.stages import SECTIONS
from bot.store import repository as repo
from tests.bot.interview.person import Person, walk_to


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


def test_remove_with_a_reason_read_as_an_answer_still_removes(store):
    """"remove 2, I haven't baked since 2019" may reach the engine as an answer: it
    opens with a removal, so it removes, and nothing of it is saved as an item."""
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("crosswords, baking and the garden")
    p.move(lambda s, c: iv.go_back(s, c, "go back"))
    assert p.says("remove 2, I haven't baked since 2019, who am I kidding")[0] == 'I have taken out: "baking".'
    assert p.says("Take number 2 off please, the garden, it's a jungle")[0] == 'I have taken out: "the garden".'
    assert [i["text"] for i in p.record()["what_matters"]] == ["crosswords"]


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


def test_a_call_back_request_without_a_number_or_time_is_asked_again_then_kept(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.move(lambda s, c: iv.handoff(c))
    p.says("yes", "affirm")
    said = p.says("his pidgeons")
    assert said[0].startswith('I cannot see a phone number, an email or a time in "his pidgeons"'), said
    assert p.state()[1] == "handoff_contact" and p.record()["handoff_requests"] == []
    p.says("ask for Wayne at the Legion")  # said again without a number: kept as typed
    assert p.state()[1] == "outcomes:ask"
    assert [r["contact"] for r in p.record()["handoff_requests"]] == ["ask for Wayne at the Legion"]


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


def test_typing_an_answer_again_after_going_back_does_not_store_it_twice(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my garden")
    p.move(lambda s, c: iv.go_back(s, c, "go back"))
    said = p.says("My garden. And the bowls club")
    assert said[0] == 'Thank you. I have saved: "the bowls club".'
    assert said[1] == 'I already have "My garden", so I have not saved it again.'
    assert p.says("yes, and my dog Rex too")[0] == 'Thank you. I have saved: "yes, and my dog Rex too".'
    assert [i["text"] for i in p.record()["what_matters"]] == ["my garden", "the bowls club", "yes, and my dog Rex too"]



def test_why_speaks_about_the_person_someone_is_helping(store):
    p = Person(store)
    p.says("yes ok, I'm doing this for my mum", "affirm")
    p.says("Rose")
    p.says("Tom, her son")
    p.says("yes", "affirm")
    said = p.move(lambda s, c: iv.explain_why(c))
    assert said[0].startswith("Help should fit Rose's life, not the other way round.")
    assert said[-1] == "What is important to Rose in life right now?"


def test_not_what_i_meant_at_a_scale_question_takes_the_reply_and_keeps_its_words(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.says("have the paperwork sorted")
    p.says("3")
    said = "Not sure, she says she'll never understand Dad's pension but she'd like to try"
    p.move(lambda s, c: iv.safety_response(s, c, said, "m-pension", ABUSE))
    p.says("that is not what I meant")
    assert p.state()[1] == "outcomes:more"  # the reply answered "what number would you like?"
    [outcome] = p.record()["outcomes"]
    assert (outcome["scale_now"], outcome["scale_goal"]) == (3, None)
    assert said in outcome["text"]  # nothing they typed is lost
    [event] = p.record()["safety"]["events"]
    assert (event["not_meant"], event["kept_as_answer"]) == (True, True)


def test_not_what_i_meant_at_the_consent_question_takes_the_yes(store):
    p = Person(store)
    said = "Well yes love, go on and save it. Our Liam set this up on the tablet for me"
    p.move(lambda s, c: iv.safety_response(s, c, said, "m-consent", SUICIDE))
    p.says("that is not what I meant")
    assert p.state()[1] == "consent:who"  # the yes was the reply to "is it OK to save your answers?"
    assert p.record()["consent"] is True
    [event] = p.record()["safety"]["events"]
    assert (event["not_meant"], event["kept_as_answer"]) == (True, True)
