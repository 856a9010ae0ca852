"""The corpus scoring itself: kept, misfiled, lost and extra items, and the details."""
from tests.corpus import driver


def record(**sections):
    base = {"mode": "self", "preferred_name": "Bert", "completed_by": None, "relationship": None, "permission": None,
            "what_matters": [], "working_well": [], "not_working": [], "strengths": [], "outcomes": [],
            "positive_risks": []}
    return {**base, **sections}


def test_items_are_kept_misfiled_lost_or_extra():
    conversation = {"id": "x", "turns": [{}] * 3, "expect": {
        "preferred_name": "Bert",
        "what_matters": ["garden", "the dog"], "working_well": ["bus is rubbish"], "not_working": ["stairs"],
        "strengths_family": [{"key": "Lily", "who": "Lily", "willing": "yes"}, {"key": "Sam", "willing": "no"}],
        "outcomes": [{"key": "the Tuesday group", "now": 3, "goal": 8}],
    }}
    got = record(
        what_matters=[{"text": "my garden and the dog"}, {"text": "why are you asking"}],
        not_working=[{"text": "the bus is rubbish"}, {"text": "the stairs"}],
        strengths=[{"category": "family", "text": "my grandchildren Lily and Sam", "who": "my grandchildren Lily",
                    "willing": "yes"}],
        outcomes=[{"text": "the Tuesday craft group", "scale_now": 3, "scale_goal": 7}])
    score = driver.score(conversation, got)
    assert score.expected == 7 and score.kept == 5
    assert score.misfiled == ["x working_well -> not_working: 'bus is rubbish'"]
    assert score.lost == ["x strengths_family: 'Sam'"]  # one person per item: Sam shares Lily's
    assert score.extra == ["x what_matters: 'why are you asking'"]
    assert score.details_wrong == ["x outcomes 'the Tuesday group': goal 7, expected 8"]
    assert score.behalf_wrong == []
    assert abs(score.misfiled_rate - 1 / 7) < 1e-9
