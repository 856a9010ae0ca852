"""Flow: links offered and chosen, and pausing and resuming."""
from bot import interview as iv
from bot.store import repository as repo
from tests.bot.interview.person import Person, walk_to


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
