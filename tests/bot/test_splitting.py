"""Several items in one message are split, never reworded."""
import pytest

from bot.splitting import split_items


@pytest.mark.parametrize("text, items", [
    ("gardening, my dog and seeing my grandson", ["gardening", "my dog", "seeing my grandson"]),
    ("I love my garden, my cat, and going to church on Sundays",
     ["I love my garden", "my cat", "going to church on Sundays"]),
    ("- walks\n- my cat\n\n* bingo", ["walks", "my cat", "bingo"]),
    ("1. reading\n2) music", ["reading", "music"]),
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
