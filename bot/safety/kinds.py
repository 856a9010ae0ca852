"""The kinds of risk the safety detector names (product guide, section 5, and issue 9).

Each kind decides which help comes first (`bot/safety/response.yml`).
"""
KINDS = (
    "suicide",          # thoughts, plans or preparations to end one's life
    "self_harm",        # hurting oneself on purpose, or the urge to
    "abuse",            # physical, sexual, emotional abuse, threats, coercive control
    "financial_abuse",  # money, pension, cards, property or a will taken or controlled
    "neglect",          # care, food, warmth, medicine or hygiene not given; severe self-neglect
    "others_at_risk",   # someone else (a child, a neighbour, the person cared for) in danger
    "fall",             # fallen with no way to get up or no one to help
    "carer_breakdown",  # an unpaid carer at breaking point
    "danger",           # an emergency now: fire, gas, chest pain, a weapon, an intruder
)
