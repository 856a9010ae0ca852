"""Reading meaning out of what people type."""
import pytest

from bot.parsing import (
    FOR_MYSELF, FOR_SOMEONE_ELSE, NOTHING_MORE, TYPED_MARK, changed_mind, clearly_a_move, closing_rest, helper_and_relationship, looks_like_a_name, mark_typed, parse_item_number, parse_resume,
    no_then_more, no_then_remark, only_a_label, parse_scale, person_name, polarity, preferred_name, said_before, section_in, side_label, typed, who_of, yes_no,
)


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


def test_a_yes_said_first_is_a_yes_whatever_the_intent():
    assert yes_no("yes when she's not on that phone", "deny") is True
    assert yes_no("yes and no", "deny") is False


@pytest.mark.parametrize("text, rest", [
    ("the stairlift, that's been a godsend, that's it", "the stairlift, that's been a godsend"),
    ("patient w people. that's it", "patient w people"),
    ("the memory cafe moved to Tuesdays; and no, nothing else", "the memory cafe moved to Tuesdays"),
    ("that's it", None), ("my dog, no", None), ("Not really, no", None), ("that's all I need", None),
])
def test_an_answer_that_closes_the_section(text, rest):
    assert closing_rest(text) == rest


@pytest.mark.parametrize("text, remark", [
    ("No, dat's it fi now.", True), ("no man, mi nuh like fi complain", True),
    ("No; he is shaking his head, so that is all.", True), ("no, my garden too", False),
    ("no", False), ("Nora and Jim", False),
])
def test_a_no_with_a_remark_after_it(text, remark):
    assert no_then_remark(text) is remark


@pytest.mark.parametrize("text, someone_else, myself", [
    ("yes ok, I'm doing this for mum, she's sitting here", True, False),
    ("me. me", False, True), ("me, not B for once", False, True), ("me and my wife", False, False),
])
def test_who_it_is_for(text, someone_else, myself):
    assert bool(FOR_SOMEONE_ELSE.search(text)) is someone_else and bool(FOR_MYSELF.search(text)) is myself


def test_next_to_me_is_not_skip():
    assert not clearly_a_move("skip", "yes - he's sat next to me")
    assert clearly_a_move("skip", "next") and clearly_a_move("skip", "next question please")
    assert clearly_a_move("ask_why", "Why yuh asking mi all dis? Is di council want fi know mi business?")


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


@pytest.mark.parametrize("text, expected", [
    ("I'm Tom, her son", ("Tom", "her son")), ("Karen - daughter", ("Karen", "daughter")),
    ("her support worker Jo", ("Jo", "her support worker")),
    ("Margaret, his wife of 52 years", ("Margaret", "his wife of 52 years")),
    ("i am his daughter", ("i am his daughter", "his daughter")),  # no name: the words are kept
    ("Margaret Ellis; I am Joan's younger sister.", ("Margaret Ellis", "younger sister")),  # Joan's is not her name
])
def test_the_helpers_name_and_how_they_know_the_person(text, expected):
    assert helper_and_relationship(text) == expected


@pytest.mark.parametrize("text, name", [
    ("her name is Rose", "Rose"), ("my mum, Rose Smith", "Rose Smith"), ("Call her Rose", "Rose"), ("nani", "nani"),
])
def test_the_name_of_the_person_it_is_about(text, name):
    assert person_name(text) == name


@pytest.mark.parametrize("text, name", [
    ("Glenys please, Mrs Pritchard makes me feel like I'm waiting at the doctors", "Glenys"),
    ("Fine. Bev.", "Bev"), ("just call me Ron everyone does", "Ron"),
    ("Priya; just Priya, not Mrs Shah, that's what the hospital calls me", "Priya"),
])
def test_a_name_first_then_why(text, name):
    assert preferred_name(text) == name


@pytest.mark.parametrize("text, done", [
    ("nowt else", True), ("meh. No, that's your lot.", True), ("No that's everybody", True),
    ("No that's plenty to be going on with", True), ("no she loves her garden", False), ("my garden", False),
    ("No, she's going red now so I'll stop there haha", True), ("my dog, and I'll stop there", False),
    ("No, that is all.", True), ("no, those three", True), ("No; that is the main one.", True),
    ("not really; as I said, work and the carers, that's about it", True), ("no, those dogs of hers matter", False),
])
def test_nothing_more_to_add(text, done):
    assert bool(NOTHING_MORE.match(text)) is done


@pytest.mark.parametrize("text, sign", [
    ("bus is rubbish", -1), ("I can't manage the stairs any more", -1), ("not much support", -1),
    ("the chapel has been good to me", 1), ("my carer Jo is brilliant", 1), ("my garden", 0),
    ("the nights are long", 0),
    ("Sleep. The hip and I have a standing appointment at three in the morning which neither of us enjoys.", 0),
    ("- Vikram does the school run now. edit: does the weekly shop, not the school run", 0),
    ("His eating's widened a bit. He'll now eat pasta with sauce on it. Doesn't sound much. It's huge.", 0),
])
def test_polarity_of_what_is_working(text, sign):
    assert polarity(text) == sign


def test_a_self_correction_says_nothing_about_how_things_are_going():
    from bot.parsing import polarity
    assert polarity("Martin takes him up the allotment Sundays - sorry not Sundays, Saturday mornings") == 0
    assert polarity("the bus is not reliable") < 0


@pytest.mark.parametrize("section, text, ahead", [
    ("what_matters", "the chemist does her tablets in a blister pack now which helps", True),
    ("what_matters", "I love my garden", False),
    ("what_matters", "the good weather", False),
    ("working_well", "bored stiff indoors", True),
    ("working_well", "my neighbour pops in", False),
    ("not_working", "he's very determined, stubborn as a mule", True),
    ("not_working", "I'm not good at asking for help", False),
    ("strengths_personal", "my brother Paul (Leeds), her sister Joan", True),
    ("strengths_personal", "good with my grandchildren", False),
    ("strengths_family", "St Mary's church / the memory cafe", True),
    ("strengths_family", "her friend Brenda from church", False),
    ("strengths_community", "I'd like to get back to swimming", True),
    ("strengths_community", "the swimming baths", False),
    ("strengths_community", "talking a bit better and getting out of the house more", True),
    ("outcomes", "swimming again at the leisure centre, on my own", True),
    ("outcomes", "Ellie thinks I'll overdo it", True),
    ("outcomes", "I'd like to get to the shops on my own", False),
    ("outcomes", "more visitors", False),
    ("positive_risks", "anything at all", False),
])
def test_what_clearly_answers_the_next_question(section, text, ahead):
    from bot.parsing import answers_next
    assert answers_next(section, text) is ahead


def test_a_name_said_first_is_the_name():
    from bot.parsing import helper_and_relationship, person_name
    assert person_name("Ramesh Shah; he's 79, everyone at the temple calls him Ramesh-bhai but Ramesh is fine") == \
        "Ramesh Shah"
    assert person_name("Maureen (Mum)") == "Maureen"
    assert helper_and_relationship("Priya Shah, I'm his daughter; I live in Catford, I'm round there most days") == \
        ("Priya Shah", "his daughter")


@pytest.mark.parametrize("text, sign", [
    ("Nothing is going good. Pain is every day, and GP appointment is impossible", -1),
    ("her new pain meds r helping a bit", 0),  # both: the question asked decides
    ("finances managed by appointee (mum)", 0),
    ("the heatings broke again since Tuesday", -1),
])
def test_how_things_are_going_as_people_put_it(text, sign):
    from bot.parsing import polarity
    assert polarity(text) == sign


def test_names_people_give_with_an_aside():
    from bot.parsing import helper_and_relationship, preferred_name
    assert preferred_name("Moira nobody calls me Mrs Docherty except the doctors full stop") == "Moira"
    assert helper_and_relationship("I'm Fiona, Fiona Kerr. I'm her neighbour") == ("Fiona Kerr", "her neighbour")
    assert helper_and_relationship("Kayla, im her little sister") == ("Kayla", "her little sister")


def test_a_lowercase_name_said_first():
    from bot.parsing import person_name
    assert person_name("gary walsh. gaz") == "gary walsh"
    assert person_name("my mum") == "my mum"


@pytest.mark.parametrize("text, sign", [
    ("The lunch club on Wednesdays, he tells me the same story, which I don't mind at all", 1),
    ("my wife help me with everything, socks, shoes", 1),
    ("the carers, no bother at all", 1),
])
def test_praise_said_with_a_not(text, sign):
    assert polarity(text) == sign


def test_a_side_the_person_labelled():
    assert only_a_label("Not working") and side_label("Not working") == -1
    assert side_label("Working well") == 1 and side_label("Not working: fatigue by 4pm") == -1
    assert not only_a_label("Not working: fatigue by 4pm") and side_label("the bus is late") == 0


@pytest.mark.parametrize("text, move", [
    ("Want to get back to running - 5k", False), ("I want to go back to church", False),
    ("go back", True), ("go back to what matters", True), ("can we go back to the start", True),
])
def test_back_to_a_life_is_not_going_back(text, move):
    assert clearly_a_move("go_back", text) is move


def test_what_they_need_not_do_is_praise_and_labels_that_trail_off():
    assert polarity("the chemist drops my tablets round so I don't have to go up the road") == 1
    assert side_label("going well... my meds") == 1


def test_a_name_after_call_me_is_not_a_handoff_and_a_throat_clear_before_yes():
    assert not clearly_a_move("handoff", "Becky please!! only the doctors call me Rebecca")
    assert clearly_a_move("handoff", "call me back please")
    assert yes_no("Well yes love, go on and save it", None) is True and yes_no("och no", None) is False


def test_things_that_have_broken_down():
    assert polarity("Well the telly's gone all fuzzy and me hearing aid keeps whistling") == -1


@pytest.mark.parametrize("text, remark, more", [
    ("no, dat cover it", True, None), ("no, she says that'll do", True, None),
    ("nah. boilers been broke 3 week mind, landlord wont touch it", False,
     "boilers been broke 3 week mind, landlord wont touch it"),
])
def test_a_no_then_a_remark_or_then_something_to_keep(text, remark, more):
    assert no_then_remark(text) is remark and no_then_more(text) == more


@pytest.mark.parametrize("text, who", [
    ("THE MINISTER MR OLIVER", "THE MINISTER MR OLIVER"), ("HER DAUGHTER TAMSIN IN PLYMOUTH", "HER DAUGHTER TAMSIN"),
    ("MORWENNA NEXT DOOR", "MORWENNA"),
])
def test_who_typed_in_capitals_is_read_as_ordinary_text_and_kept_as_typed(text, who):
    assert who_of(text) == who


@pytest.mark.parametrize("text, rest", [
    ("no thats it. actually no, the flat theyve offered me is in hendon", "the flat theyve offered me is in hendon"),
    ("that's all. oh wait, my sister Jean rings every day", "my sister Jean rings every day"),
    ("no thats it, thanks", None),
    ("no that is all. oh thanks a lot", None),  # a remark, nothing to keep
    ("the bus, actually the train", None),  # no closing taken back
])
def test_a_closing_taken_back_gives_the_rest(text, rest):
    assert changed_mind(text) == rest


@pytest.mark.parametrize("text, rest", [
    ("told you already", ""), ("same as before", ""), ("as above", ""), ("Please see above.", ""),
    ("told you. me knees. and the bins", "me knees. and the bins"), ("I said to my son he could", None),
    ("the same church", None),
])
def test_pointing_back_at_earlier_answers(text, rest):
    assert said_before(text) == rest
