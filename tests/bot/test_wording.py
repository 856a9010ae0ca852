"""bot/wording.py: the person's words said back to them."""
import pytest

from bot.wording import quoted, said_to_them


@pytest.mark.parametrize("text, back", [
    ("my daughter Karen", "your daughter Karen"),
    ("My son David", "your son David"),  # at the start of their sentence, in the middle of ours
    ("our Sandra", "your Sandra"),
    ("Pat from church", "Pat from church"),
    ("take the bus into town on my own", "take the bus into town on your own"),
    ("I\u2019m fine by myself", "you're fine by yourself"),
    ("the lady who helps me.", "the lady who helps you"),
    ("Mum's friend Irene", "Mum's friend Irene"),  # words that only contain a pronoun's letters stay
])
def test_said_to_them_turns_first_person_to_second(text, back):
    assert said_to_them(text) == back


@pytest.mark.parametrize("text, echo", [("Fred.", "Fred"), ("my garden!!", "my garden"), ("...", "..."),
                                        ("  the Tuesday group ", "the Tuesday group"), ("what?", "what?")])  # a question mark carries meaning
def test_quoted_drops_the_last_full_stop_that_the_sentence_would_double(text, echo):
    assert quoted(text) == echo
