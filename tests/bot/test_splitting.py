"""Several items in one message are split, never reworded."""
import pytest

from bot.splitting import split_answer, split_items, split_people


@pytest.mark.parametrize("text, items", [
    ("gardening, my dog and seeing my grandson", ["gardening", "my dog", "seeing my grandson"]),
    ("I love my garden, my cat, and going to church on Sundays",
     ["I love my garden", "my cat", "going to church on Sundays"]),
    ("- walks\n- my cat\n\n* bingo", ["walks", "my cat", "bingo"]),
    ("1. reading\n2) music", ["reading", "music"]),
    # numbered on one line: each number is one item, commas and all, and the lead-in stays with the first
    ("What is working: 1) her cleaner, Donna, who comes on Tuesdays; 2) the pharmacy, who deliver",
     ["What is working: her cleaner, Donna, who comes on Tuesdays", "the pharmacy, who deliver"]),
    ("my friends; my faith", ["my friends", "my faith"]),
    ("fish and chips", ["fish and chips"]),
    ("Sarah, my daughter", ["Sarah, my daughter"]),
    ("when it rains, I stay in and read a book by the fire with the cat", ["when it rains, I stay in and read a book by the fire with the cat"]),
    ("when it rains, I like to stay in and read", ["when it rains, I like to stay in and read"]),
    ("my friends, but only on Sundays, and my dog", ["my friends, but only on Sundays, and my dog"]),
    ("   ", []),
])
def test_split_items(text, items):
    assert split_items(text) == items


def test_every_item_is_a_verbatim_piece_of_the_message():
    text = "Bowls on Tuesday, the library, and my mate Dave from the pub"
    assert all(item in text for item in split_items(text))


@pytest.mark.parametrize("text, people", [
    ("my grandchildren Lily and Sam, my son David and my neighbour Jean",
     ["my grandchildren Lily", "Sam", "my son David", "my neighbour Jean"]),
    ("Me, I'd hope. Her mum Pat, her brother Kev and Lorraine from the allotments",
     ["Me, I'd hope", "Her mum Pat", "her brother Kev", "Lorraine from the allotments"]),
    ("our lass, our gary and pete next door", ["our lass", "our gary", "pete next door"]),
    ("Martin, my daughter Chloe and my son Jack - sorry, not Jack (bless him, he's useless), I meant my friend Tina",
     ["Martin", "my daughter Chloe", "my friend Tina"]),
    ("my daughter Chloe and my son Jack - sorry, not Jack, I meant my friend Tina", ["my daughter Chloe", "my friend Tina"]),
    ("me, jan, dave from club - no not dave, pete. pete from club", ["me", "jan", "pete. pete from club"]),
    ("well me, our wayne, her sister auntie doreen and jean next door",
     ["well me", "our wayne", "her sister auntie doreen", "jean next door"]),
    ("my daughter Sarah, we have coffee on Sundays", ["my daughter Sarah, we have coffee on Sundays"]),
    ("Mum (Tracey), sister Chloe and grandad - SU v close to grandad.",
     ["Mum (Tracey)", "sister Chloe", "grandad - SU v close to grandad"]),
    ("my son Dave, though he hits me when he drinks", ["my son Dave, though he hits me when he drinks"]),
    ("fish and chips with my wife", ["fish and chips with my wife"]),
    ("the missus, our lass Karen and the grandkids Ellie and Josh",
     ["the missus", "our lass Karen", "the grandkids Ellie", "Josh"]),
    ("Pat, the missus", ["Pat, the missus"]),
])
def test_each_person_is_a_piece_of_their_own_in_the_persons_words(text, people):
    assert split_people(text) == people


@pytest.mark.parametrize("text, items", [
    ("his dog Bess / and being able to drive again - thats the big one for him",
     ["his dog Bess", "being able to drive again - thats the big one for him"]),
    ("1) my garden 2) the bridge club 3) my wife", ["my garden", "the bridge club", "my wife"]),
    ("I'd have a bit more energy, I'd be tutoring again a couple of hours a week, and there'd be a stairlift",
     ["I'd have a bit more energy", "I'd be tutoring again a couple of hours a week", "there'd be a stairlift"]),
    ("Sleeping better, and singing in the choir again, I've not been since the funeral",
     ["Sleeping better", "singing in the choir again, I've not been since the funeral"]),
    ("the football (Gillingham, season ticket for 40 years)", ["the football (Gillingham, season ticket for 40 years)"]),
    ("She'd like to be back in the choir. And to have the paperwork sorted",
     ["She'd like to be back in the choir.", "to have the paperwork sorted"]),
    ("I love walking, especially by the sea", ["I love walking, especially by the sea"]),
])
def test_lists_as_people_type_them(text, items):
    assert split_items(text) == items


def test_an_aside_in_brackets_stays_with_its_person():
    assert split_people("Martin (his son, my husband) - his daughter Lisa in Margate - and his mate Ken") == [
        "Martin (his son, my husband)", "his daughter Lisa in Margate", "his mate Ken"]


def test_each_wish_in_a_long_answer_is_its_own_item():
    said = ("I'd like to be back in the choir, I've not been since the funeral, but I miss the singing, "
            "and I'd like to be driving again so I'm not relying on everyone")
    assert split_items(said) == ["I'd like to be back in the choir, I've not been since the funeral, but I miss "
                                 "the singing", "I'd like to be driving again so I'm not relying on everyone"]
    assert split_items("I'd like more help with the garden") == ["I'd like more help with the garden"]


def test_a_texted_list_whose_first_part_says_more():
    assert split_items("the monday gamin nite at the library n the gym n the chippy lol") == [
        "the monday gamin nite at the library", "the gym", "the chippy lol"]
    assert split_items("fish n chips") == ["fish n chips"]


@pytest.mark.parametrize("text", ["swimming again at the leisure centre, on my own", "working again, part time"])
def test_a_part_that_says_how_stays_with_its_item(text):
    assert split_items(text) == [text]


@pytest.mark.parametrize("text, people", [
    ("my nan our jordan n tyler", ["my nan", "our jordan", "tyler"]),  # a texted name without its capital
    ("our Shona my daughter and her man Gary", ["our Shona my daughter", "her man Gary"]),  # who Shona is
    ("Me, Agnieszka, of course. Our son Piotr", ["Me, Agnieszka, of course", "Our son Piotr"]),  # the helper
    ("my son Huw, and my daughter Sian in Cardiff", ["my son Huw", "my daughter Sian in Cardiff"]),
    ("Jean and the others", ["Jean and the others"]),
])
def test_people_as_helpers_and_texters_list_them(text, people):
    assert split_people(text) == people


@pytest.mark.parametrize("text, wishes", [
    ("have a job n cook my own tea", ["have a job", "cook my own tea"]),
    ("cook my own tea and have more money", ["cook my own tea", "have more money"]),
    ("get to the shops without being puffed out and to be able to read my paper again",
     ["get to the shops without being puffed out", "to be able to read my paper again"]),
    ("He would be walking with a stick, and he would be able to get back to Carrow Road",
     ["He would be walking with a stick", "he would be able to get back to Carrow Road"]),
    ("Two things. First, some respite. Second, Keith managing his washing",
     ["Two things. First, some respite.", "Second, Keith managing his washing"]),
    ("She would be going to the coffee morning again, every week, and enjoying it",
     ["She would be going to the coffee morning again, every week, and enjoying it"]),
    ("to get her stairs sorted somehow, maybe a rail or something?", ["to get her stairs sorted somehow, maybe a rail or something?"]),
    ("having one evening a week that's mine, to run or see friends", ["having one evening a week that's mine, to run or see friends"]),
    ("go out and see friends", ["go out and see friends"]),
    ("fish and chips and to be honest a pint", ["fish and chips and to be honest a pint"]),
    ("I'd be walking Bramble up Fell Lane again, and driving myself out to the farms.",
     ["I'd be walking Bramble up Fell Lane again", "driving myself out to the farms."]),
])
def test_each_wish_is_its_own_outcome(text, wishes):
    assert split_answer("wishes", text) == wishes


def test_a_risk_keeps_the_worries_said_with_it():
    said = "she wants to keep walking to the Co-op on her own - my brother thinks she shouldn't, I think she should"
    assert split_answer("lines", said) == [said]
    assert split_answer("lines", "a weekend in Brighton; and going back to parkrun") == [
        "a weekend in Brighton", "and going back to parkrun"]
    assert split_answer("lines", "1) driving 2) the bus on my own") == ["driving", "the bus on my own"]
    assert split_answer("lines", "to do her front garden herself, on her knees, and get the bus to the market on her own") == [
        "to do her front garden herself, on her knees", "get the bus to the market on her own"]
    assert split_answer("lines", "he want drive again. and go shop, lift boxes himself") == [
        "he want drive again.", "go shop, lift boxes himself"]
    assert split_answer("lines", "go swimming and use the changing rooms on my own") == [
        "go swimming and use the changing rooms on my own"]


def test_as_i_said_stays_with_what_it_is_about():
    assert split_items("Sleeping through; Dad at a day centre; as I said, the sleep is the big one") == [
        "Sleeping through", "Dad at a day centre; as I said, the sleep is the big one"]


@pytest.mark.parametrize("text, wishes", [
    ("talking a bit better and getting out of the house more - more than just hospital appts anyway",
     ["talking a bit better", "getting out of the house more - more than just hospital appts anyway"]),
    ("not bored on sunday and a warm flat", ["not bored on sunday", "a warm flat"]),
    ("walk to the park and back", ["walk to the park and back"]),
    ("go to the shops and the library", ["go to the shops and the library"]),
])
def test_wishes_joined_by_and(text, wishes):
    assert split_answer("wishes", text) == wishes


def test_an_ing_word_after_and_is_a_new_wish_only_after_one_before():
    assert split_answer("wishes", "Keith managing more of his own washing and dressing, with less help") == [
        "Keith managing more of his own washing and dressing, with less help"]


@pytest.mark.parametrize("text, people", [
    ("my daughter Eirlys in Cardiff and then Rhodri her boy", ["my daughter Eirlys in Cardiff", "Rhodri her boy"]),
    ("leanne, my lads tyler and josh, and dean from work", ["leanne", "my lads tyler", "josh", "dean from work"]),
    ("our kid sharon, me, leanne", ["our kid sharon", "me", "leanne"]),
    ("his nephew Gareth, Dave at the mart and me", ["his nephew Gareth", "Dave at the mart", "me"]),
    ("her and me", ["her and me"]),
    ("yes, our Kelly", ["yes, our Kelly"]),
])
def test_lowercase_names_and_the_helper_in_a_list(text, people):
    assert split_people(text) == people


def test_each_bullet_is_one_item_commas_and_all():
    assert split_items("- less tired, get through a full day\n- 1 evening/wk that is mine") == [
        "less tired, get through a full day", "1 evening/wk that is mine"]
    assert split_items("my garden\nthe dog, the cat and the budgie") == [
        "my garden", "the dog", "the cat", "the budgie"]  # lines without bullets: still a list each


@pytest.mark.parametrize("text, wishes", [
    ("to get out more and then to see better with my eyes", ["to get out more", "then to see better with my eyes"]),
    ("to get to chapel again on a sunday and not be so lonely", ["to get to chapel again on a sunday", "not be so lonely"]),
    ("back at work. remembering stuff better", ["back at work.", "remembering stuff better"]),
])
def test_more_wishes_as_people_type_them(text, wishes):
    assert split_answer("wishes", text) == wishes


@pytest.mark.parametrize("text, people", [
    ("Linda. wife. and son... Craig. and Mo. mate. pub mate", ["Linda. wife", "son... Craig", "Mo. mate. pub mate"]),
    ("Sarah, my daughter", ["Sarah, my daughter"]),
    ("my son David, my daughter", ["my son David", "my daughter"]),  # a second person, not yet named
    ("Linda. Craig son. and Dave... no. not Dave. Pete. Pete mate", ["Linda", "Craig son", "Pete. Pete mate"]),
    ("our Ciara, my sister Roisin and Dave from the walking group, no sorry not Dave, I meant Pete",
     ["our Ciara", "my sister Roisin", "Pete"]),
    ("Marcia mi daughter, mi son Winston, and Dave from di domino club. No wait, not Dave, mi mean Clive.",
     ["Marcia mi daughter", "mi son Winston", "Clive"]),
])
def test_who_each_person_is_and_people_taken_back_in_the_same_breath(text, people):
    assert split_people(text) == people


@pytest.mark.parametrize("text, wishes", [
    ("I'd be sleeping more than four hours a night and I'd be back at the swimming at the Grove",
     ["I'd be sleeping more than four hours a night", "I'd be back at the swimming at the Grove"]),
    ("A ground floor flat, or at least a lift that works. Him actually wearing the hearing aid.",
     ["A ground floor flat, or at least a lift that works.", "Him actually wearing the hearing aid."]),
    ("talk better. and drive again. drive. van", ["talk better.", "drive again. drive. van"]),  # echoes stay
    ("talk better. and little job. work. few hours", ["talk better.", "little job. work. few hours"]),
    ("I want to walk to the shops again. It would mean I can see people.",
     ["I want to walk to the shops again. It would mean I can see people."]),
    ("somebody to talk to in the evenings, a little company", ["somebody to talk to in the evenings, a little company"]),
    ("a proper night's sleep and the car back on the road", ["a proper night's sleep", "the car back on the road"]),
    ("more time with my husband and the kids", ["more time with my husband and the kids"]),
    ("a job and me nee beter", ["a job", "me nee beter"]),  # "me" for "my"
    ("walk to gurdwara myself and read my own letters without asking Preet every time",
     ["walk to gurdwara myself", "read my own letters without asking Preet every time"]),
])
def test_wishes_by_sentence_and_what_stays_with_them(text, wishes):
    assert split_answer("wishes", text) == wishes


def test_a_filler_word_first_leads_into_the_first_item():
    assert split_items("ok - keeping my job / Mum being ok / my own health") == [
        "ok - keeping my job", "Mum being ok", "my own health"]  # so "remove 2" is the item they see as 2


@pytest.mark.parametrize("text, items", [
    ("Well I'd like to hear the phone when it rings, and get out to the shops once a week",
     ["Well I'd like to hear the phone when it rings", "get out to the shops once a week"]),
    ("Eileen says getting back to Mass on a Sunday, and getting out for some fresh air, 'even just round the park'. "
     "I'd add that more company in the afternoons would help her.",
     ["Eileen says getting back to Mass on a Sunday", "getting out for some fresh air, 'even just round the park'.",
      "I'd add that more company in the afternoons would help her."]),
])
def test_wishes_a_helper_reports_and_adds_to(text, items):
    assert split_answer("wishes", text) == items


def test_and_then_a_clause_in_a_list_is_its_own_item():
    assert split_items("Maths, physics, and I am a good listener, my friends tell me their problems.") == [
        "Maths", "physics", "I am a good listener", "my friends tell me their problems."]
    assert split_people("my mum, Kayleigh and Dave next door") == ["my mum", "Kayleigh", "Dave next door"]


@pytest.mark.parametrize("text, people", [
    ("Well our Kevin and me granddaughter Niamh and Bridie next door. Sorry no, not Kevin, I meant Dermot, "
     "Kevin's the one in Australia.",
     ["Dermot, Kevin's the one in Australia", "me granddaughter Niamh", "Bridie next door"]),
    ("Marcia mi daughter, and Dave from di domino club. No wait, not Dave, mi mean Clive. Dave move a Croydon long time.",
     ["Marcia mi daughter", "Clive, Dave move a Croydon long time"]),
])
def test_someone_taken_back_further_on_in_the_list(text, people):
    assert split_people(text) == people


def test_wishes_as_would_clauses():
    assert split_answer("wishes", "id have a bit saved, id be doing summat on an evening instead of telly") == [
        "id have a bit saved", "id be doing summat on an evening instead of telly"]


def test_people_typed_in_capitals():
    assert split_people("ME JACK, HER DAUGHTER TAMSIN IN PLYMOUTH, MORWENNA NEXT DOOR AND THE MINISTER MR OLIVER") == [
        "ME JACK", "HER DAUGHTER TAMSIN IN PLYMOUTH", "MORWENNA NEXT DOOR", "THE MINISTER MR OLIVER"]
