"""bot/safety/meaning.py: the bars are chosen on unseen writers, within the false-alarm budget."""
from bot.safety.corpus import Example
from bot.safety.meaning import Thresholds, choose_thresholds


def probabilities(kind, p):
    """`p` for `kind`, the rest on "none"."""
    return {"none": 1.0 - p, "suicide": p if kind == "suicide" else 0.0, "abuse": p if kind == "abuse" else 0.0}


def test_a_bar_flags_by_risk_or_by_one_kind_alone():
    bars = Thresholds(risk=0.7, bars=(("suicide", 0.3),))
    assert bars.flags(probabilities("abuse", 0.8)) == "abuse"
    assert bars.flags(probabilities("abuse", 0.5)) is None
    assert bars.flags(probabilities("suicide", 0.35)) == "suicide"
    assert Thresholds(0.7).flags(probabilities("suicide", 0.35)) is None


def test_the_bars_keep_false_alarms_in_budget_and_lift_the_weakest_kind():
    scored = []
    # 100 ordinary messages, risk spread from 0 to 0.495 ("none" otherwise).
    scored += [(Example(f"ordinary {i}", None, "w"), probabilities("abuse", i / 200)) for i in range(100)]
    # Abuse is easy (high risk); suicide is said indirectly (low risk, but its own
    # probability is still above any ordinary message's).
    scored += [(Example(f"plain {i}", "abuse", "w"), probabilities("abuse", 0.9)) for i in range(20)]
    scored += [(Example(f"indirect {i}", "suicide", "w"), probabilities("suicide", 0.45)) for i in range(20)]
    chosen = choose_thresholds(scored, budget=0.05)
    assert chosen.false_alarms <= 0.05
    assert chosen.recall == {"abuse": 1.0, "suicide": 1.0}
    assert [kind for kind, _bar in chosen.thresholds.bars] == ["suicide"]
    assert 0.3 < dict(chosen.thresholds.bars)["suicide"] <= 0.45
    without_suicide = choose_thresholds([s for s in scored if s[0].kind != "suicide"], budget=0.05)
    assert without_suicide.thresholds.bars == () and without_suicide.recall == {"abuse": 1.0}


def test_each_kind_that_needs_it_gets_a_bar_of_its_own():
    def reading(kind, p):
        return {"none": 1.0 - p, "suicide": 0.0, "abuse": 0.0, "neglect": 0.0, kind: p}

    scored = [(Example(f"ordinary {i}", None, "w"), reading("abuse", i / 200)) for i in range(100)]
    scored += [(Example(f"plain {i}", "abuse", "w"), reading("abuse", 0.9)) for i in range(20)]
    scored += [(Example(f"indirect {i}", "suicide", "w"), reading("suicide", 0.45)) for i in range(20)]
    scored += [(Example(f"quiet {i}", "neglect", "w"), reading("neglect", 0.3)) for i in range(20)]
    chosen = choose_thresholds(scored, budget=0.05)
    assert chosen.recall == {"abuse": 1.0, "neglect": 1.0, "suicide": 1.0}
    assert chosen.false_alarms <= 0.05
    assert [kind for kind, _bar in chosen.thresholds.bars] == ["neglect", "suicide"]  # lowest bar first
    assert Thresholds(0.9, chosen.thresholds.bars).flags(reading("abuse", 0.45)) is None
