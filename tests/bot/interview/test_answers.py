"""Answers: every step keeps the person's words, once, where they belong."""
import pytest

from bot import interview as iv
from bot.store import repository as repo
from tests.bot.interview.person import Person, walk_to


def test_a_whole_conversation_is_stored_verbatim(store):
    p = Person(store)
    assert p.state() == ("consent", "consent:ask", "active")
    p.says("yes", "affirm")
    p.says("For myself")
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
    assert record["mode"] == "self"
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


def test_on_behalf_asks_who_it_is_for_and_speaks_about_them(store):
    p = Person(store)
    assert p.says("yes ok, I'm doing this as his carer", "affirm")[-1] == (
        "What is the name of the person you are filling this in for?")
    assert p.says("his name is Ron")[-1] == 'Thank you. What is your name, and how do you know Ron? For example "Tom, her son".'
    assert p.says("I'm Sharon, his niece")[-1].startswith("Does Ron know you are doing this, and agree to it?")
    assert p.says("he can't really type but he's happy for me to do it")[-1] == "What is important to Ron in life right now?"
    p.says("his pigeons and the brass band")
    assert p.says("no", "deny")[-1] == "What is working well for Ron at the moment?"
    p.says("no", "deny")
    assert p.says("no", "deny")[-1] == "What is Ron good at? It could be a skill, something they know a lot about, or how they get through hard times."
    p.says("no", "deny")
    asked = p.says("me and his sister Jean")
    assert asked[-1].startswith("Would you want to be involved in helping Ron, if Ron wanted that?")
    assert p.says("yes", "affirm")[-1].startswith("Would his sister Jean want to be involved in helping Ron")
    record = p.record()
    assert (record["mode"], record["preferred_name"], record["completed_by"], record["relationship"]) == (
        "on_behalf", "Ron", "Sharon", "his niece")
    assert record["permission"] == "he can't really type but he's happy for me to do it"


@pytest.mark.parametrize("consent, who, then", [
    ("yes ok. me do for husband, he heart operation 3 week ago", None, "behalf:person"),
    ("yes, im doing it for the wife", None, "behalf:person"),
    ("yes", "Pat. Patricia really but nobody calls her that", "preferred_name:ask"),
    ("yes - for me this time, not Dad", None, "preferred_name:ask"),
    ("yes", "Sanjay", "preferred_name:ask"),  # their own name, or the person's? Asked next either way
    ("yes", "she can't do it herself", "preferred_name:ask"),  # unclear: the name question shows which
    ("yes", "me. for me myself", "preferred_name:ask"),
    ("yes", "sumone else me uncle he cant use a computer since his stroke", "behalf:person"),
    ("yes", "me mam", "behalf:person"),
    ("yes for me mam, she's sat here", None, "behalf:person"),
    ("yes", "my daughter is typing it for me", "preferred_name:ask"),
])
def test_who_it_is_for_is_read_from_how_people_say_it(store, consent, who, then):
    p = Person(store)
    p.says(consent, "affirm")
    if who is not None:
        assert p.state()[1] == "consent:who"
        p.says(who)
    assert p.state()[1] == then
    assert p.record()["mode"] == ("self" if then == "preferred_name:ask" else "on_behalf")


@pytest.mark.parametrize("who", ["sumone else me uncle he cant use a computer since his stroke", "me mam",
                                 "my daughter is typing it for me"])
def test_a_relation_at_who_it_is_for_is_the_answer_whatever_the_nlu_read(store, who):
    p = Person(store)
    p.says("yes", "affirm")
    with store.transaction() as session:  # "sumone else" read as "talk to a person"
        assert iv.reading_of(repo.get_conversation(session, p.id), who, "handoff") == "answer"


def test_told_you_already_points_back_and_stores_nothing_new(store):
    p = Person(store)
    walk_to(p, "working")
    assert p.says("told you already")[0] == "I have kept everything you wrote before, in your own words."
    assert p.state()[1] == "working_well:more"
    assert p.says("same as before")[0] == "I have kept everything you wrote before, in your own words."
    assert p.state()[1] == "not_working:ask"
    p.says("told you. me knees. and the bins")
    assert p.state()[1] == "not_working:more"
    record = p.record()
    assert record["working_well"] == [] and [i["text"] for i in record["not_working"]] == ["me knees.", "the bins"]


def test_a_closing_taken_back_keeps_what_follows(store):
    p = Person(store)
    walk_to(p, "working")
    p.says("no", "deny")
    p.says("the bus")
    p.says("no thats it. actually no, the flat theyve offered me is in hendon and i dont know anyone there")
    assert p.state()[1] == "not_working:more"
    assert [i["text"] for i in p.record()["not_working"]][-1].startswith("the flat theyve offered me is in hendon")


def test_after_sharing_the_council_contact_is_asked_and_next_steps_said(store):
    p = Person(store)
    walk_to(p, "summary")
    p.says("yes", "affirm")
    assert p.says("yes", "affirm")[-1].startswith("How would you like the council to contact you?")
    said = p.says("07700 900123, mornings are best")
    assert said[0].endswith('within 10 working days, using: "07700 900123, mornings are best".'), said
    record = p.record()
    assert (record["share_with_council"], record["contact_ok"], record["contact"]) == (
        True, True, "07700 900123, mornings are best")
    assert record["shared_at"] is not None and p.state() == ("done", "done:closed", "completed")


def test_do_not_contact_me_is_kept_as_a_no(store):
    p = Person(store)
    walk_to(p, "summary")
    p.says("yes", "affirm")
    p.says("yes", "affirm")
    assert p.says("please don't contact me")[0].startswith("OK, nobody will contact you.")
    assert (p.record()["contact_ok"], p.record()["contact"]) == (False, None)


@pytest.mark.parametrize("text, key", [("what happens next?", "what_happens_next"), ("Who will see this?", "who_sees")])
def test_what_happens_next_and_who_sees_it_are_answered_anywhere(store, text, key):
    p = Person(store)
    walk_to(p, "working")
    before = p.state()
    said = p.says(text)
    assert said[0] == iv.answers.message(key).text and said[-1] == "What is working well for you at the moment?"
    assert p.state() == before and p.record()["working_well"] == []


def test_what_is_not_going_well_said_at_going_well_is_filed_by_its_words(store):
    p = Person(store)
    walk_to(p, "working")
    p.says("my carer Jo is brilliant")
    said = p.says("the bus is rubbish, my neighbour Pat pops in")
    assert said[:2] == ['Thank you. I have saved: "my neighbour Pat pops in".',
                        'Thank you. I have saved "the bus is rubbish" under what is not working so well.']
    record = p.record()
    assert [i["text"] for i in record["working_well"]] == ["my carer Jo is brilliant", "my neighbour Pat pops in"]
    assert [i["text"] for i in record["not_working"]] == ["the bus is rubbish"]


def test_several_people_each_get_their_own_strength_and_question(store):
    p = Person(store)
    walk_to(p, "strengths_family")
    asked = p.says("my grandchildren Lily and Sam, my son David and my neighbour Jean")
    assert asked[-1].startswith("Would your grandchildren Lily want to be involved")
    assert p.says("yes", "affirm")[-1].startswith("Would Sam want to be involved")
    p.says("no", "deny")
    assert p.says("not sure")[-1].startswith("Would your neighbour Jean want to be involved")
    p.says("yes", "affirm")
    assert [(s["who"], s["willing"]) for s in p.record()["strengths"]] == [
        ("my grandchildren Lily", "yes"), ("Sam", "no"), ("my son David", "not_sure"), ("my neighbour Jean", "yes")]


def test_a_no_that_goes_on_to_an_answer_keeps_the_answer(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my garden")
    p.says("no, not really, but my son helps me with it")
    assert [i["text"] for i in p.record()["what_matters"]] == ["my garden", "no, not really, but my son helps me with it"]
    p.says("nowt else")
    assert p.state()[1] == "working_well:ask"


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
        assert iv.reading_of(conversation, "Barry", "chitchat") == "ask"  # past the name question: ask
        conversation.step = "preferred_name:ask"
        assert iv.reading_of(conversation, "Barry", "chitchat") == "answer"
        assert iv.reading_of(conversation, "help", "help") == "move"
        conversation.step = "safety_pass_on"
        assert iv.reading_of(conversation, "no that's not what I meant", "deny") == "answer"
        assert iv.reading_of(conversation, "skip", "skip") == "move"


@pytest.mark.parametrize("text, intent, reading", [
    ("my health", "go_back", "ask"), ("watching telly", "chitchat", "ask"), ("baking cakes", "greet", "ask"),
    ("I love the seaside", "chitchat", "ask"), ("Person0", "handoff", "ask"),
    ("done up the garden", "remove_item", "ask"),
    ("go back", "go_back", "move"), ("remove 4", "remove_item", "move"), ("why do you need that?", "ask_why", "move"),
    ("skip this one", "skip", "move"), ("can I talk to a real person", "handoff", "move"), ("hello", "greet", "move"),
    ("I'm lost", "help", "move"), ("dunno", "dont_know", "move"),
])
def test_at_a_question_that_takes_words_a_move_must_say_so(store, text, intent, reading):
    p = Person(store)
    walk_to(p, "what_matters")
    with store.transaction() as session:
        assert iv.reading_of(repo.get_conversation(session, p.id), text, intent) == reading


@pytest.mark.parametrize("text, intent, confidence, reading", [
    ("my health", "greet", 0.40, "answer"), ("have a job", "chitchat", 0.57, "answer"),
    ("watching telly", "chitchat", 0.93, "ask"),  # the model was sure: ask
    ("didn't I just answer that?", "skip", 0.47, "ask"),  # a question: ask, never saved unasked
    ("hello", "greet", 0.30, "move"),
    ("Why are you asking that, what's it for? I don't like blowing my own trumpet", "ask_why", 0.99, "move"),
    ("the reason I get up in the morning is my grandkids, the dog and the garden", "ask_why", 0.90, "ask"),
])
def test_an_unsure_reading_with_no_move_words_is_the_answer(store, text, intent, confidence, reading):
    p = Person(store)
    walk_to(p, "what_matters")
    with store.transaction() as session:
        assert iv.reading_of(repo.get_conversation(session, p.id), text, intent, confidence) == reading


@pytest.mark.parametrize("step, text, intent", [
    ("strengths_family:willing", "not sure, she's eighty next year bless her", "skip"),
    ("strengths_family:willing", "Not sure, he works away.", "dont_know"),
    ("outcomes:scale_goal", "not sure tbh", "dont_know"),
    ("strengths_personal:more", "cant think of anything else", "dont_know"),
    ("what_matters:more", "no that's everything", "pause"),
])
def test_not_sure_where_it_is_a_choice_and_nothing_more_at_more_are_answers(store, step, text, intent):
    p = Person(store)
    walk_to(p, "what_matters")
    with store.transaction() as session:
        conversation = repo.get_conversation(session, p.id)
        conversation.step = step
        assert iv.reading_of(conversation, text, intent, 0.95) == "answer"


def test_words_kept_and_asked_about_are_saved_on_a_yes_and_not_on_a_no(store):
    p = Person(store)
    walk_to(p, "what_matters")
    said = p.move(lambda s, c: iv.ask_if_answer(c, "watching telly", "m-telly"))
    assert said == ['You wrote: "watching telly". Shall I save that as your answer?']
    assert p.says("yes", "affirm")[0] == 'Thank you. I have saved: "watching telly".'
    assert [i["text"] for i in p.record()["what_matters"]] == ["watching telly"]
    p.move(lambda s, c: iv.ask_if_answer(c, "hello there", "m-hello"))
    assert p.says("no", "deny") == ["OK, I have not saved it.", "Is there anything else that matters to you?"]
    assert [i["text"] for i in p.record()["what_matters"]] == ["watching telly"]


def test_the_next_questions_answer_at_a_repeated_anything_else_is_filed_there(store):
    """People who expect one "anything else?" per section answer the next question at
    the second: it is filed where its words belong, and the conversation goes on there."""
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("staying in her own home - her cat Smudge")
    p.says("her garden")  # at "anything else?": more of what matters
    said = p.says("the chemist does her tablets in a blister pack now which helps / neighbour Sheila pops in")
    assert said[0] == 'That sounds like "What is working well", so I have put it there.'
    assert p.state()[1] == "working_well:more"
    p.says("her hearing aids are sorted now")
    p.says("she forgets to eat lunch - gets muddled with the cooker")  # polarity: not working
    assert p.state()[1] == "not_working:more"
    p.says("lonely in the afternoons")
    p.says("she's brilliant at knitting - does the crossword every day")
    assert p.state()[1] == "strengths_personal:more"
    p.says("baking")
    asked = p.says("my brother Paul (Leeds), her sister Joan")
    assert p.state()[1] == "strengths_family:willing" and "Paul" in asked[-1]
    record = p.record()
    assert [i["text"] for i in record["what_matters"]] == ["staying in her own home", "her cat Smudge", "her garden"]
    assert [i["text"] for i in record["working_well"]] == [
        "the chemist does her tablets in a blister pack now which helps", "neighbour Sheila pops in",
        "her hearing aids are sorted now"]
    assert [i["text"] for i in record["not_working"]] == [
        "she forgets to eat lunch", "gets muddled with the cooker", "lonely in the afternoons"]
    assert [s["text"] for s in record["strengths"] if s["category"] == "personal"] == [
        "she's brilliant at knitting", "does the crossword every day", "baking"]


@pytest.mark.parametrize("text", [
    "I love my garden", "seeing the grandchildren", "church on Sundays", "the good weather",
])
def test_more_of_what_matters_at_a_repeated_anything_else_stays_there(store, text):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my dog")
    p.says("my friends")
    p.says(text)
    assert p.state()[1] == "what_matters:more"
    assert [i["text"] for i in p.record()["what_matters"]] == ["my dog", "my friends", text]


def test_the_first_anything_else_is_never_read_as_the_next_question(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my dog")
    p.says("my neighbour pops in, which helps")  # the first "anything else?": still what matters
    assert p.state()[1] == "what_matters:more"
    assert [i["text"] for i in p.record()["what_matters"]] == ["my dog", "my neighbour pops in, which helps"]


def test_words_that_do_not_answer_would_they_be_involved_are_kept_not_asked_for_again(store):
    p = Person(store)
    walk_to(p, "strengths_family")
    p.says("my brother Paul, her sister Joan")
    assert p.state()[1] == "strengths_family:willing"
    p.says("not sure")
    said = p.says("St Mary's church / the memory cafe at the library")  # the next question's answer
    assert said[0] == 'That sounds like "Your community", so I have put it there.'
    assert p.state()[1] == "strengths_community:more"
    family = [(s["who"], s["willing"]) for s in p.record()["strengths"] if s["category"] == "family"]
    assert family == [("my brother Paul", "not_sure"), ("her sister Joan", None)]
    assert [s["text"] for s in p.record()["strengths"] if s["category"] == "community"] == [
        "St Mary's church", "the memory cafe at the library"]


def test_words_at_a_scale_question_are_kept(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.says("eating a proper lunch every day")
    assert p.state()[1] == "outcomes:scale_now"
    p.says("someone to go in in the afternoons")  # another outcome, not a number
    assert p.state()[1] == "outcomes:scale_now"
    assert [o["text"] for o in p.record()["outcomes"]] == [
        "eating a proper lunch every day", "someone to go in in the afternoons"]
    p.says("lots")  # a short reply: kept with the outcome, and the number asked for again
    assert p.state()[1] == "outcomes:scale_now"
    assert [o["text"] for o in p.record()["outcomes"]] == [
        "eating a proper lunch every day", "someone to go in in the afternoons - lots"]


@pytest.mark.parametrize("text", ["that's it I think", "thats all for now", "nobody else", "that's everyone"])
def test_ways_of_saying_nobody_else(store, text):
    p = Person(store)
    walk_to(p, "strengths_family")
    p.says("my sister Jean")
    p.says("yes")
    p.says(text)
    assert p.state()[1] == "strengths_community:ask"
    assert [s["text"] for s in p.record()["strengths"]] == ["my sister Jean"]


def test_a_long_answer_that_turns_from_bad_to_good_is_filed_on_both_sides(store):
    p = Person(store)
    walk_to(p, "working")
    p.says("the nights are long and I can't work the telly remote, but the chapel has been good to me")
    record = p.record()
    assert [i["text"] for i in record["not_working"]] == ["the nights are long and I can't work the telly remote"]
    assert [i["text"] for i in record["working_well"]] == ["the chapel has been good to me"]


def test_words_said_with_a_yes_stay_with_the_person(store):
    p = Person(store)
    walk_to(p, "strengths_family")
    p.says("my daughter Anika")
    p.says("yes, though I don't want to put it on her right before uni", "affirm")
    [anika] = p.record()["strengths"]
    assert anika["willing"] == "yes"
    assert "I don't want to put it on her right before uni" in anika["text"]
    assert anika["who"] == "my daughter Anika"  # who they are is unchanged by what was said after


def test_a_long_yes_to_permission_is_a_yes_with_its_words(store):
    p = Person(store)
    p.says("hello", "greet")
    p.says("yes ok, I'm doing this for my dad", "affirm")
    p.says("Naresh Mehta")
    p.says("Priya, his daughter")
    p.says("ok, fair enough; yes, he knows and he agrees, I read the questions out to him", "affirm")
    assert p.record()["permission"] == "yes - ok, fair enough; yes, he knows and he agrees, I read the questions out to him"


def test_a_yes_before_more_items_answers_anything_else(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my job")
    p.says("yes, my friendships, or what's left of them")
    p.says("yeah the dog")  # short: "yeah the dog" keeps its words
    assert [w["text"] for w in p.record()["what_matters"]] == [
        "my job", "my friendships, or what's left of them", "the dog"]


def test_after_the_willing_questions_a_place_is_the_community_answer(store):
    p = Person(store)
    walk_to(p, "strengths_family")
    p.says("my nephew Gareth")
    p.says("yes", "affirm")
    assert p.state()[1] == "strengths_family:more"
    p.says("the pigeon club on a tuesday and the chapel")  # they took it for the next question
    assert p.state()[1] == "strengths_community:more"
    assert [s["text"] for s in p.record()["strengths"] if s["category"] == "community"] == [
        "the pigeon club on a tuesday and the chapel"]


def test_an_answer_ending_that_s_it_finishes_the_section(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my garden")
    p.says("the stairlift, that's been a godsend, that's it")
    assert p.state()[1] == "working_well:ask"
    assert [i["text"] for i in p.record()["what_matters"]] == ["my garden", "the stairlift, that's been a godsend"]


def test_that_s_it_after_people_comes_after_their_questions(store):
    p = Person(store)
    walk_to(p, "strengths_family")
    p.says("my son Dave and Jean next door, that's it")
    assert p.state()[1] == "strengths_family:willing"
    p.says("yes", "affirm")
    p.says("not sure")
    assert p.state()[1] == "strengths_community:ask"  # no "anyone else?": they said that's it
    assert [(s["who"], s["willing"]) for s in p.record()["strengths"]] == [
        ("my son Dave", "yes"), ("Jean", "not_sure")]


def test_a_no_with_a_remark_moves_on_and_stores_nothing(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("my church")
    p.says("no man, mi nuh like fi complain")
    assert p.state()[1] == "working_well:ask"
    assert [i["text"] for i in p.record()["what_matters"]] == ["my church"]


def test_added_after_going_back_to_what_is_working_is_filed_by_its_words(store):
    p = Person(store)
    walk_to(p, "working")
    p.says("pulmonary rehab, he enjoys it")
    p.move(lambda s, c: iv.go_back(s, c, "go back"))
    p.says("can't get to Grace Road now")
    p.says("done")
    record = p.record()
    assert [i["text"] for i in record["working_well"]] == ["pulmonary rehab, he enjoys it"]
    assert [i["text"] for i in record["not_working"]] == ["can't get to Grace Road now"]


def test_labelled_sides_and_a_zero_for_no_one_else(store):
    p = Person(store)
    walk_to(p, "working")
    p.says("Working well - MTX finally controlling the RA\nNot working - fatigue ++ by 4pm, hands stiff in AM")
    record = p.record()
    assert [i["text"] for i in record["working_well"]] == ["MTX finally controlling the RA"]
    assert [i["text"] for i in record["not_working"]] == ["fatigue ++ by 4pm", "hands stiff in AM"]
    walk_to(p, "strengths_family")
    p.says("my sister Roisin")
    p.says("yes", "affirm")
    p.says("0")  # "anyone else?"
    assert p.state()[1] == "strengths_community:ask"


def test_a_correction_that_closes_the_section(store):
    p = Person(store)
    walk_to(p, "strengths_community")
    p.says("the Monday carers group at the centre")
    p.says("sorry, I meant the Tuesday group not the Monday one, Monday's the hairdresser, that's it")
    assert p.state()[1] == "outcomes:ask"
    assert [s["text"] for s in p.record()["strengths"]] == [
        "the Tuesday carers group at the centre (Monday's the hairdresser)"]


def test_a_no_then_something_to_keep_is_kept(store):
    p = Person(store)
    walk_to(p, "what_matters")
    p.says("me job")
    p.says("keeping the flat nice")
    said = p.says("nah. boilers been broke 3 week mind, landlord wont touch it")
    assert p.state()[1] in ("keep_answer", "not_working:more")  # asked about, or filed where it belongs
    texts = [i["text"] for i in p.record()["what_matters"] + p.record()["not_working"]]
    if p.state()[1] == "keep_answer":
        p.says("yes", "affirm")
        texts = [i["text"] for i in p.record()["what_matters"] + p.record()["not_working"]]
    assert any("boilers been broke" in t for t in texts), said


def _at_what_is_not_working(store) -> Person:
    """A person asked what is not working, with one thing that is going well saved."""
    p = Person(store)
    walk_to(p, "working")
    p.says("the chemist delivers")
    p.says("no", "deny")
    assert p.state()[1] == "not_working:ask"
    return p


def test_a_closing_said_with_words_filed_ahead_closes_only_the_question_behind(store):
    p = _at_what_is_not_working(store)
    p.says("the stairs")
    p.says("the bus")
    p.says("I'm brilliant at knitting, I told you. no nothing else")
    assert p.state()[1] == "strengths_personal:more"  # still asked whether there is more they are good at
    assert [s["text"] for s in p.record()["strengths"]] == ["I'm brilliant at knitting, I told you"]


def test_oh_and_adds_to_the_list_being_asked_about(store):
    p = _at_what_is_not_working(store)
    p.says("she's lonely to be fair, since Dad passed")
    p.says("her hearing aid keeps whistling")
    p.says("oh and the bins! she can't wheel them out, Ron next door does it bless him but he's 80 himself lol")
    assert p.state()[1] == "not_working:more"  # not taken for the people around her because Ron is named
    assert len(p.record()["not_working"]) == 3 and p.record()["strengths"] == []


def test_a_side_named_after_a_remark_files_what_follows_there(store):
    p = Person(store)
    walk_to(p, "working")
    p.says("honestly the buses are RUBBISH, the 8 never turns up")
    p.says("oh sorry thats what ISNT going well lol. going well... my meds, and me and Alfie doing swimming")
    record = p.record()
    assert [i["text"] for i in record["working_well"]] == ["going well... my meds, and me and Alfie doing swimming"]
    # every word kept: the remark goes with the answer it is about
    assert [i["text"] for i in record["not_working"]][-1] == "oh sorry thats what ISNT going well lol."


def test_for_not_working_starts_the_other_side(store):
    p = _at_what_is_not_working(store)
    p.says("the stairs are hard")
    p.says("Excuse me, I forget before for the question what is going well, the English class at the college on "
           "Tuesday is very good. For not working, I feel lonely in the evenings, the flat is very quiet.")
    record = p.record()
    assert [i["text"] for i in record["working_well"]][-1].startswith("Excuse me, I forget before")
    assert [i["text"] for i in record["not_working"]][-1].startswith("For not working, I feel lonely")


def test_yes_probably_at_anything_else_asks_for_it(store):
    p = Person(store)
    walk_to(p, "strengths_community")
    p.says("the Mens Shed")
    p.says("yes probably")
    assert p.state()[1] == "strengths_community:tell"
    assert [s["text"] for s in p.record()["strengths"]] == ["the Mens Shed"]


def test_a_no_then_a_remark_is_not_filed_two_questions_on(store):
    p = Person(store)
    walk_to(p, "strengths_community")
    p.says("chapel and the memory cafe")
    p.says("NO SHE DONT GO FAR NOW")
    assert p.state()[1] == "keep_answer"  # kept and asked about, not taken for a risk she wants to take
    p.says("yes", "affirm")
    assert p.record()["positive_risks"] == []


def test_short_words_at_a_scale_question_stay_with_the_outcome(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.says("a little job")
    said = p.says("more hours")
    assert p.state()[1] == "outcomes:scale_now"  # the number is asked for again
    assert [o["text"] for o in p.record()["outcomes"]] == ["a little job - more hours"]
    assert "0 to 10" in said[-1] or "number" in said[-1].lower()
