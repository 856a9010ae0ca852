"""Safety (product guide, section 5): finding disclosures of risk in what people
write, and the help that fits the risk.

- `kinds.py`: the kinds of risk;
- `phrases.py`, `meaning.py`, `detector.py`: the three-layer detector;
- `corpus.py`: the labelled messages it is trained (`safety/training/`) and tested
  (`tests/safety/heldout/`) on;
- `response.py`: which help lines, in which order, for each kind.
"""
