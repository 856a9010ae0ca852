"""An answer saved under one question, moved where the person's next reply shows it
was meant: a late 0 to 10 number, or someone's worry where a number was asked."""
from tests.bot.interview.person import Person, walk_to


def test_a_number_after_a_community_answer_makes_it_an_outcome(store):
    p = Person(store)
    walk_to(p, "strengths_community")
    p.says("the lunch club")
    p.says("walk to gurdwara myself and read my own letters")
    said = p.says("2")
    assert said[0].startswith('That sounds like what would be different if things were better, so I have put "walk to')
    assert p.state()[1] == "outcomes:scale_goal"
    p.says("7")
    assert p.state()[1] == "outcomes:scale_now"  # the second wish in the same words gets its own numbers
    p.says("5")
    p.says("9")
    record = p.record()
    assert [s["text"] for s in record["strengths"] if s["category"] == "community"] == ["the lunch club"]
    assert [(o["text"], o["scale_now"], o["scale_goal"]) for o in record["outcomes"]] == [
        ("walk to gurdwara myself", 2, 7), ("read my own letters", 5, 9)]


def test_a_number_after_going_on_to_the_next_question_is_still_asked_about(store):
    p = Person(store)
    walk_to(p, "strengths_community")
    p.says("the lunch club")
    p.says("no", "deny")  # now at outcomes: a number there is not a late scale
    assert p.state()[1] == "outcomes:ask"
    p.says("3")
    assert p.state()[1] != "outcomes:scale_goal"


def test_someones_worry_at_the_first_number_makes_the_outcome_a_risk(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.says("Drive again. Only the automatic car, just local")
    said = p.says("they worry my foot cannot feel the pedal properly")
    assert said[0].startswith("That sounds like something to do that people worry about")
    assert p.state()[1] == "positive_risks:safer"
    p.says("a driving assessment first")
    record = p.record()
    assert record["outcomes"] == []
    (risk,) = record["positive_risks"]
    assert risk["activity"].startswith("Drive again") and "just local" in risk["activity"]
    assert (risk["concern"], risk["safer"]) == ("they worry my foot cannot feel the pedal properly",
                                                "a driving assessment first")


def test_my_own_worry_at_a_number_is_not_a_risk(store):
    p = Person(store)
    walk_to(p, "outcomes")
    p.says("sleep better")
    p.says("I worry all night about money")
    assert [o["text"] for o in p.record()["outcomes"]][0] == "sleep better"
