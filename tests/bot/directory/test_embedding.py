"""The numpy sentence encoder gives the vectors sentence-transformers gives, and a
missing or broken model is a clear error."""
import json
from pathlib import Path

import numpy as np
import pytest

from bot.directory import embedding
from bot.directory.embedding import EmbeddingModelError, Encoder, encoder

# Made by sentence-transformers itself, on PyTorch, from the same weights
# (scripts/embedding_reference.py, run in a Python 3.11 environment with torch).
REFERENCE = json.loads((Path(__file__).parent / "embedding-reference.json").read_text(encoding="utf-8"))


def test_vectors_are_those_sentence_transformers_makes():
    vectors = encoder().encode(REFERENCE["sentences"])
    expected = np.array(REFERENCE["vectors"], dtype=np.float32)
    assert vectors.shape == expected.shape == (len(REFERENCE["sentences"]), 384)
    assert np.abs(vectors - expected).max() < 1e-4  # includes a text longer than 256 tokens, cut as they cut it
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batches_and_remembered_or_kept_texts_give_the_same_vectors():
    model = encoder()
    texts = ["I miss my allotment.", "A lift to chapel on a Sunday would mean the world.", "I miss my allotment."]
    one_by_one = np.vstack([model.encode([text]) for text in texts])
    assert np.abs(model.encode(texts) - one_by_one).max() < 1e-5
    assert np.abs(model.encode_remembered(texts) - one_by_one).max() < 1e-5
    assert np.abs(np.vstack(model.encode_kept(texts)) - one_by_one).max() < 1e-5
    assert model.encode([]).shape == (0, 384)


def test_meaning_is_closer_for_related_sentences():
    a, b, c = encoder().encode(["I used to grow my own veg on a plot.", "Allotment growers' group",
                                "Welfare benefits advice"])
    assert a @ b > a @ c + 0.2


def test_a_missing_model_says_how_to_install_it(monkeypatch):
    monkeypatch.delenv("SBC_EMBEDDING_MODEL", raising=False)
    monkeypatch.setattr(embedding.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(EmbeddingModelError, match="make install"):
        embedding.model_dir()


def test_a_broken_model_folder_is_named_in_the_error(tmp_path, monkeypatch):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(EmbeddingModelError, match=str(tmp_path)):
        Encoder(tmp_path)
    monkeypatch.setenv("SBC_EMBEDDING_MODEL", str(tmp_path))
    assert embedding.model_dir() == tmp_path


def test_the_fast_erf_is_scipys_to_float32_precision():
    from scipy.special import erf

    x = np.linspace(-8, 8, 200001).astype(np.float32)
    assert np.abs(embedding._erf(x.copy()).astype(np.float64) - erf(x.astype(np.float64))).max() < 1e-6
