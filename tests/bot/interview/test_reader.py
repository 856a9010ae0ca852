"""The section reader: which list section an answer typed at a repeated "anything
else?" belongs to (bot/interview/reader.py), trained by `make train`."""
import pickle

import pytest

from bot import config
from bot.directory.embedding import encoder
from bot.interview import reader
from bot.sections import LIST_NAMES
from tests.bot.interview.person import Person, walk_to


def test_every_training_writer_answers_every_list_section():
    found = reader.examples(config.ROOT)
    writers = {writer for _text, _section, writer in found}
    assert len(writers) >= 6
    for writer in writers:
        assert {section for _t, section, w in found if w == writer} == set(LIST_NAMES)


def test_a_training_file_with_an_unknown_section_is_refused(tmp_path):
    (tmp_path / "sections" / "training").mkdir(parents=True)
    (tmp_path / "sections" / "training" / "x.yml").write_text("writer: x\nanswers:\n  hobbies: ['golf']\n")
    with pytest.raises(reader.ReaderModelError, match="hobbies"):
        reader.examples(tmp_path)


def test_a_stale_or_missing_model_is_refused(tmp_path):
    with pytest.raises(reader.ReaderModelError, match="missing"):
        reader.load_model(tmp_path / "none.pkl", config.ROOT, encoder())
    model = reader.load_model(config.section_reader_path(), config.ROOT, encoder())
    model.digest = "old"
    (tmp_path / "old.pkl").write_bytes(pickle.dumps(model))
    with pytest.raises(reader.ReaderModelError, match="stale"):
        reader.load_model(tmp_path / "old.pkl", config.ROOT, encoder())


@pytest.mark.parametrize("section, text, ahead", [
    ("not_working", "organised - good in a crisis - and I can talk to anyone on the phone", "strengths_personal"),
    ("strengths_family", "a proper break, even a week away, and sleeping through the night", "outcomes"),
    ("what_matters", "my grandchildren and my garden", None),
    ("working_well", "the carers come on time and the chemist delivers", None),
    ("positive_risks", "bungee jumping off the Tyne bridge", None),  # nothing after the last section
])
def test_a_later_section_only_when_the_words_clearly_answer_it(section, text, ahead):
    assert reader.section_ahead(section, text) == ahead


def test_an_answer_to_a_later_question_at_a_repeated_anything_else_is_filed_there(store):
    p = Person(store)
    walk_to(p, "working")
    p.says("my carers are lovely")
    p.says("shattered all the time")  # what is not working: filed there, and "anything else?" again
    p.says("organised, I run the whole house on a spreadsheet, good in a crisis")
    assert p.state()[1] == "strengths_personal:more"
    assert [s["text"] for s in p.record()["strengths"]] == [
        "organised, I run the whole house on a spreadsheet", "good in a crisis"]


@pytest.mark.parametrize("section, text, ahead", [
    ("not_working", "fixing things. Maths - retired engineer. grows the best chillies in Oadby", "strengths_personal"),
    ("not_working", "the stairs are a struggle and I can't get to the shops", None),
    ("outcomes", "I'd like to get back to swimming", None),  # reads as a risk: not at outcomes' first asking
    ("what_matters", "my grandchildren and my garden", None),
])
def test_at_a_first_asking_only_the_next_section_by_far_surer_bars(section, text, ahead):
    assert reader.section_ahead(section, text, first_asked=True) == ahead


def test_a_conversation_one_question_behind_catches_up(store):
    p = Person(store)
    walk_to(p, "working")
    p.says("the carers come on time")
    p.says("no", "deny")
    said = p.says("fixing things. Maths - retired engineer. grows the best chillies in Oadby")  # at "what is not working?"
    assert said[0] == 'That sounds like "What you are good at", so I have put it there.'
    assert p.state()[1] == "strengths_personal:more"
    assert p.record()["not_working"] == []
