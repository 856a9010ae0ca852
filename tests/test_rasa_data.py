"""The Rasa project itself: data validation, story tests and held-out NLU F1.

These run the real `rasa` command on the trained model (`make test` trains it first).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"
RASA = str(Path(sys.executable).with_name("rasa"))
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}


def run(command, timeout=900):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=timeout)


@pytest.fixture(scope="module")
def model():
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run 'make train' (make test does it)")
    return MODEL


def test_data_validates_without_warnings():
    result = run([RASA, "data", "validate", "--fail-on-warnings"])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_story_tests_pass_without_prediction_errors(model, tmp_path):
    stories = ROOT / "tests" / "stories"
    assert sorted(p.name for p in stories.glob("test_*.yml")), "no story tests found"
    result = run([RASA, "test", "core", "--stories", str(stories), "--model", str(model),
                  "--fail-on-prediction-errors", "--out", str(tmp_path)])
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text()[:5000] if failed.exists() else result.stderr[-3000:]
    assert result.returncode == 0, detail


def test_heldout_intent_macro_f1_is_at_least_0_90(model):
    result = run([sys.executable, str(ROOT / "scripts" / "nlu_f1.py"), "--model", str(model), "--min", "0.90"])
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def _story_turns():
    import yaml

    for path in sorted((ROOT / "tests" / "stories").glob("test_*.yml")):
        for story in yaml.safe_load(path.read_text())["stories"]:
            for step in story["steps"]:
                if "user" in step:
                    yield path.name, story["story"], step["user"].strip(), step["intent"]


def test_story_texts_are_understood_as_their_intents(model):
    """`rasa test core` takes the intents written in the stories as given; here the
    trained NLU must also read every user line of the stories as that intent."""
    import asyncio

    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    turns = list(_story_turns())
    assert len(turns) > 100

    async def parse_all():
        return [await agent.parse_message(text) for _file, _story, text, _intent in turns]

    parsed = asyncio.run(parse_all())
    wrong = [f"{file} / {story}: {text!r} is {p['intent']['name']}, story says {intent}"
             for (file, story, text, intent), p in zip(turns, parsed) if p["intent"]["name"] != intent]
    assert wrong == []


# What people type at the links questions ("Would you like us to link you with
# them?", "Would you like to hear about more?"): each must reach the interview as
# an answer it reads (affirm, deny, or "not sure"), never as a move such as resume,
# which would lose the answer.
LINKS_ANSWERS = [
    ("Yes please", "affirm"), ("I'd like that", "affirm"), ("go on then, put me in touch", "affirm"),
    ("any others?", "affirm"), ("yes, show me more", "affirm"), ("more please", "affirm"),
    ("No thanks", "deny"), ("No, carry on", "deny"), ("no, move on", "deny"), ("not for me", "deny"),
    ("I'm not interested", "deny"), ("no more thanks", "deny"),
    ("Not sure", "dont_know"), ("I don't know", "dont_know"),
]


def test_typed_answers_at_the_links_questions_are_read_as_answers(model):
    import asyncio

    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def parse_all():
        return [await agent.parse_message(text) for text, _intent in LINKS_ANSWERS]

    parsed = asyncio.run(parse_all())
    wrong = [f"{text!r} is {p['intent']['name']}, expected {intent}"
             for (text, intent), p in zip(LINKS_ANSWERS, parsed) if p["intent"]["name"] != intent]
    assert wrong == []
