"""The strengths-based conversation: everything that is not Rasa glue.

`bot.store` keeps conversations in SQL, `bot.interview` decides what to say next,
`bot.safety` spots disclosures of risk. Nothing in this package imports Rasa.
"""
